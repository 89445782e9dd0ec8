/// Minimal JSON writing with keys kept in the order given: reports and lists read better that way.
public enum JSONText {
    /// A JSON string literal for `s`, escaping quotes, backslashes and control characters.
    public static func quote(_ s: String) -> String {
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
        guard let indent else { return "{" + pairs.map { quote($0.0) + ":" + $0.1 }.joined(separator: ",") + "}" }
        let pad = String(repeating: " ", count: indent * (level + 1))
        let end = String(repeating: " ", count: indent * level)
        return "{\n" + pairs.map { pad + quote($0.0) + ": " + $0.1 }.joined(separator: ",\n") + "\n" + end + "}"
    }

    public static func array(_ items: [String], indent: Int? = nil, level: Int = 0) -> String {
        if items.isEmpty { return "[]" }
        guard let indent else { return "[" + items.joined(separator: ",") + "]" }
        let pad = String(repeating: " ", count: indent * (level + 1))
        let end = String(repeating: " ", count: indent * level)
        return "[\n" + items.map { pad + $0 }.joined(separator: ",\n") + "\n" + end + "]"
    }

    public static func optional(_ s: String?) -> String { s.map(quote) ?? "null" }
}
