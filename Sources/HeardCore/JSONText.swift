/// Minimal JSON writing with keys kept in the order given: reports and lists read better that way.
public enum JSONText {
    /// A JSON string literal for `s`, escaping quotes, backslashes and control characters.
    public static func quote(_ s: String) -> String {
        // Most text needs no escape: passed through after one look at its bytes.
        if needsNoEscape(s) { return "\"" + s + "\"" }
        return quoteByScalars(s)
    }

    /// `quote(s)` appended to `out`, without a String of its own on the way (lists of 100,000 rows).
    public static func appendQuoted(_ s: String, to out: inout String) {
        if needsNoEscape(s) {
            out += "\""
            out += s
            out += "\""
        } else {
            out += quoteByScalars(s)
        }
    }

    /// Whether `quoteByScalars` would copy every scalar as it is, judged from the UTF-8 bytes: no
    /// byte below 0x20, no quote, backslash or DEL, and no C1 control (U+0080-U+009F, which
    /// UTF-8 writes as 0xC2 0x80-0x9F).
    static func needsNoEscape(_ s: String) -> Bool {
        if let plain = s.utf8.withContiguousStorageIfAvailable(plainBytes) { return plain }
        return plainBytes(Array(s.utf8))
    }

    /// `plainBytes` of bytes in memory, looked at a word at a time (`ByteScan.firstForJSON`).
    @inline(__always)
    static func plainBytes(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = ByteScan.firstForJSON(in: u, from: 0)
        while i < u.count {
            // Only a 0xC2 not before a C1 control's second byte stays.
            guard u[i] == 0xC2, !(i + 1 < u.count && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F) else { return false }
            i = ByteScan.firstForJSON(in: u, from: i + 1)
        }
        return true
    }

    @inline(__always)
    static func plainBytes<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        var afterC2 = false
        for b in bytes {
            if b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F { return false }
            if afterC2 && b >= 0x80 && b <= 0x9F { return false }
            afterC2 = b == 0xC2
        }
        return true
    }

    /// `quoteByScalars` of the valid UTF-8 `u` (a String's bytes), appended byte by byte: a
    /// letter's body has line breaks, and building its literal a scalar at a time in a String
    /// made the JSON export three times the CSV's (0.2 µs a scalar, 50,000 letters at 100k).
    /// Only ASCII controls, DEL, `"`, `\` and the C1 controls (0xC2 0x80-0x9F) change.
    static func appendQuotedBytes(_ u: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let hex: StaticString = "0123456789abcdef"
        func escaped(_ v: UInt8, _ out: inout [UInt8]) {
            switch v {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(0x6E)
            case 0x0D: out.append(0x5C); out.append(0x72)
            case 0x09: out.append(0x5C); out.append(0x74)
            default:
                // \u00XX in lower case, as String(_:radix:) writes it.
                hex.withUTF8Buffer { h in out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, h[Int(v >> 4)], h[Int(v & 0xF)]]) }
            }
        }
        out.reserveCapacity(out.count + u.count + 16)
        out.append(0x22)
        // The runs between bytes that change copied whole, found a word at a time.
        var start = 0
        var i = ByteScan.firstForJSON(in: u, from: 0)
        while i < u.count {
            let b = u[i]
            if b == 0xC2 {
                // A C1 control (two bytes) is escaped; any other 0xC2 stays in the run.
                if i + 1 < u.count && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i]))
                    escaped(u[i + 1], &out)
                    start = i + 2
                    i = ByteScan.firstForJSON(in: u, from: start)
                } else {
                    i = ByteScan.firstForJSON(in: u, from: i + 1)
                }
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i]))
            escaped(b, &out)
            start = i + 1
            i = ByteScan.firstForJSON(in: u, from: start)
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: u[start...]))
        out.append(0x22)
    }

    /// `quote` one scalar at a time: the reference every fast path must agree with.
    static func quoteByScalars(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F || (0x80...0x9F).contains(u.value) {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
        return out
    }

    /// A number as JSON: integers without a fraction, others with up to three decimals.
    public static func number(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded() && abs(d) < 1e15 { return String(Int(d)) + ".0" }
        let r = (d * 1000).rounded() / 1000
        return String(r)
    }

    /// An object from ordered key/value pairs whose values are already JSON.
    public static func object(_ pairs: [(String, String)], indent: Int? = nil, level: Int = 0) -> String {
        if pairs.isEmpty { return "{}" }
        guard let indent else {
            // One String grown in place: no array of "key:value" strings to join.
            var out = "{"
            for (i, p) in pairs.enumerated() {
                if i > 0 { out += "," }
                appendQuoted(p.0, to: &out)
                out += ":"
                out += p.1
            }
            out += "}"
            return out
        }
        let pad = String(repeating: " ", count: indent * (level + 1))
        let end = String(repeating: " ", count: indent * level)
        return "{\n" + pairs.map { pad + quote($0.0) + ": " + $0.1 }.joined(separator: ",\n") + "\n" + end + "}"
    }

    /// An array from items that are already JSON; with `indent`, one item a line.
    public static func array(_ items: [String], indent: Int? = nil, level: Int = 0) -> String {
        if items.isEmpty { return "[]" }
        guard let indent else {
            var out = "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                out += item
            }
            out += "]"
            return out
        }
        let pad = String(repeating: " ", count: indent * (level + 1))
        let end = String(repeating: " ", count: indent * level)
        var out = "[\n"
        out.reserveCapacity(items.reduce(8) { $0 + $1.utf8.count + pad.utf8.count + 2 })
        for (i, item) in items.enumerated() {
            if i > 0 { out += ",\n" }
            out += pad
            out += item
        }
        out += "\n"
        out += end
        out += "]"
        return out
    }

    public static func optional(_ s: String?) -> String { s.map(quote) ?? "null" }
}
