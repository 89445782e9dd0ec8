/// Bytes appended at the cost of one copy each: the writers of every row of a long output
/// (`CaseListBytes`, the list's batches) append a dozen short runs a row, and `Array`'s
/// `append(contentsOf:)` spent about seventy instructions on each beside the copy (an eighth
/// of `heard cases --format json` at 100,000 cases). Here an append is a bounds check, a
/// uniqueness check and the copy: the array is kept at its full size, zeroed past what is
/// written, and `count` says how much is written.
public struct ByteBuilder: Sendable {
    /// The bytes written (the first `count`), then room (zeros).
    private var storage: [UInt8]
    /// How many bytes are written.
    public private(set) var count = 0

    /// An empty builder with room for `capacity` bytes before it grows.
    public init(capacity: Int = 0) {
        storage = capacity > 0 ? [UInt8](repeating: 0, count: capacity) : []
    }

    public var isEmpty: Bool { count == 0 }

    /// What is written, as an array (the builder's own, not copied, once `trimRoom` has left
    /// it no room).
    public var bytes: [UInt8] { count == storage.count ? storage : Array(storage[..<count]) }

    /// Gives back the room past what is written (no copy while the bytes are this builder's
    /// alone): what is written can then be had as `bytes` without a copy.
    public mutating func trimRoom() {
        if storage.count > count { storage.removeSubrange(count...) }
    }

    /// Forgets what is written, keeping the room.
    public mutating func removeAll() { count = 0 }

    /// Hands over what is written without copying it; the builder goes on empty, with as
    /// much room as it had.
    public mutating func take() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: storage.count)
        swap(&out, &storage)
        out.removeSubrange(count...)
        count = 0
        return out
    }

    /// The bytes written, lent for `body`'s call.
    public func withUnsafeBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[..<count])) }
    }

    @inline(__always)
    public mutating func append(_ b: UnsafeBufferPointer<UInt8>) {
        let n = b.count, at = count
        guard n > 0, let from = b.baseAddress else { return }
        if storage.count - at < n { grow(at + n) }
        storage.withUnsafeMutableBufferPointer { p in
            UnsafeMutableRawPointer(p.baseAddress! + at).copyMemory(from: from, byteCount: n)
        }
        count = at + n
    }

    @inline(__always)
    public mutating func append(_ x: UInt8) {
        let at = count
        if storage.count == at { grow(at + 1) }
        storage.withUnsafeMutableBufferPointer { p in p[at] = x }
        count = at + 1
    }

    /// A literal's bytes.
    @inline(__always)
    public mutating func append(_ s: StaticString) {
        s.withUTF8Buffer { append($0) }
    }

    /// An array's bytes.
    @inline(__always)
    public mutating func append(_ b: [UInt8]) {
        b.withUnsafeBufferPointer { append($0) }
    }

    /// A String's bytes.
    public mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { append($0) }
    }

    /// `x`, `n` times.
    public mutating func append(repeating x: UInt8, count n: Int) {
        guard n > 0 else { return }
        let at = count
        if storage.count - at < n { grow(at + n) }
        storage.withUnsafeMutableBufferPointer { p in
            for i in at..<(at + n) { p[i] = x }
        }
        count = at + n
    }

    /// `n` in decimal, as `String(n)` writes it.
    public mutating func append(decimal n: Int) {
        if n >= 0 && n < 10 { return append(0x30 + UInt8(n)) }
        // Room for Int.min's nineteen digits and its sign.
        var room: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &room) { raw in
            let digits = raw.bindMemory(to: UInt8.self)
            var v = n.magnitude, i = digits.count
            repeat {
                i -= 1
                digits[i] = 0x30 + UInt8(v % 10)
                v /= 10
            } while v > 0
            if n < 0 {
                i -= 1
                digits[i] = UInt8(ascii: "-")
            }
            append(UnsafeBufferPointer(rebasing: digits[i...]))
        }
    }

    /// Room for at least `needed` bytes: twice what there was, or more when that is not enough.
    @inline(never)
    private mutating func grow(_ needed: Int) {
        let size = Swift.max(needed, storage.count * 2, 256)
        storage.append(contentsOf: repeatElement(0, count: size - storage.count))
    }
}

/// Quick looks at a cell's bytes, a table lookup a byte: each only answers yes when the
/// careful rule it goes before would (`CSVField.plainIfASCII`, `CaseListBytes.plainFit`, the
/// list's JSON cells), and the rule decides every other cell. Judged by the rules a byte at a
/// time, the cells of `heard cases` were a tenth of its work.
enum ASCIIBytes {
    /// For each byte value, the looks it fails: 1 not printable ASCII, 2 CSV quotes it (`, "`),
    /// 4 JSON escapes it (`" \`), 8 it may not come first in a plain CSV cell (an apostrophe,
    /// or what can begin a formula: `' = + - @`).
    private static let fails: [UInt8] = (0...255).map { (x: Int) -> UInt8 in
        var f: UInt8 = 0
        if x < 0x20 || x > 0x7E { f |= 15 }
        if x == 0x2C || x == 0x22 { f |= 2 }
        if x == 0x22 || x == 0x5C { f |= 4 }
        if [0x27, 0x3D, 0x2B, 0x2D, 0x40].contains(x) { f |= 8 }
        return f
    }

    @inline(__always)
    private static func passes(_ b: UnsafeBufferPointer<UInt8>, _ look: UInt8) -> Bool {
        fails.withUnsafeBufferPointer { table in
            var failed: UInt8 = 0
            for x in b { failed |= table[Int(x)] }
            return failed & look == 0
        }
    }

    /// Whether every byte is printable ASCII (space to tilde).
    @inline(__always)
    static func printable(_ b: UnsafeBufferPointer<UInt8>) -> Bool { passes(b, 1) }

    /// Whether every byte is printable ASCII, none is one CSV quotes, and the first is neither
    /// an apostrophe nor what can begin a formula: a plain CSV cell (`CSVField.plainIfASCII`).
    @inline(__always)
    static func plainCSV(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = b.first else { return true }
        return passes(b, 1 | 2) && fails[Int(first)] & 8 == 0
    }

    /// Whether every byte is printable ASCII other than a quote or a backslash: a JSON string's
    /// bytes as they are.
    @inline(__always)
    static func plainJSON(_ b: UnsafeBufferPointer<UInt8>) -> Bool { passes(b, 4) }

    /// Whether every byte is below 0x80 (the text is ASCII), looked at eight bytes at a time: the
    /// texts asked are letters and notes of a kilobyte or more, for every case a subject access
    /// search reads, and a byte at a time was a sixtieth of its main thread.
    static func all(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = u.baseAddress else { return true }
        var i = 0, high: UInt64 = 0
        while i + 8 <= u.count {
            high |= UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            i += 8
        }
        if high & 0x8080_8080_8080_8080 != 0 { return false }
        while i < u.count {
            if u[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }
}

/// Whether bytes are well-formed UTF-8 (the Unicode Standard's table 3-7: no overlong form, no
/// surrogate, nothing past U+10FFFF, no sequence cut short): exactly the bytes that
/// `String(decoding:as: UTF8.self)` keeps as they are, where it repairs any other. A cell that
/// passes can be written from its bytes by a rule that reads bytes (`CSVField.appendEscaped`,
/// `JSONText.plainBytes`) without first being made a String. (`String(validating:as:)`, which
/// the readers of files use, answers the same but makes the String: a list asks of every cell.)
enum UTF8Bytes {
    static func isValid(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        while i < n {
            let x = b[i]
            if x < 0x80 { i += 1; continue }
            // The second byte's range after each lead; the rest are 0x80-0xBF.
            let size: Int, lo: UInt8, hi: UInt8
            switch x {
            case 0xC2...0xDF: (size, lo, hi) = (2, 0x80, 0xBF)
            case 0xE0: (size, lo, hi) = (3, 0xA0, 0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (size, lo, hi) = (3, 0x80, 0xBF)
            case 0xED: (size, lo, hi) = (3, 0x80, 0x9F)
            case 0xF0: (size, lo, hi) = (4, 0x90, 0xBF)
            case 0xF1...0xF3: (size, lo, hi) = (4, 0x80, 0xBF)
            case 0xF4: (size, lo, hi) = (4, 0x80, 0x8F)
            default: return false
            }
            guard i + size <= n, b[i + 1] >= lo, b[i + 1] <= hi else { return false }
            var k = 2
            while k < size {
                if b[i + k] & 0xC0 != 0x80 { return false }
                k += 1
            }
            i += size
        }
        return true
    }
}

/// Finding the first of a few byte values eight bytes at a time (a word's bytes compared at once:
/// a byte of `w ^ t` is zero where `w` holds `t`, and `(x - 0x01…) & ~x & 0x80…` is non-zero
/// exactly when some byte of `x` is zero). A letter's body is a kilobyte with a line break every
/// line or so; looked at byte by byte, its escape was a sixth of an export's formatting.
enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether some byte of `w` is the byte `m` repeats (`m` = `ones &* byte`).
    @inline(__always)
    private static func holds(_ w: UInt64, _ m: UInt64) -> UInt64 {
        let x = w ^ m
        return (x &- ones) & ~x & highs
    }

    /// The index of the first byte of `b` at or after `start` that is `t0`, `t1`, `t2` or `t3`;
    /// `b.count` when none is.
    @inline(__always)
    static func first(in b: UnsafeBufferPointer<UInt8>, from start: Int, _ t0: UInt8, _ t1: UInt8, _ t2: UInt8, _ t3: UInt8) -> Int {
        guard let base = b.baseAddress else { return b.count }
        let n = b.count
        var i = max(start, 0)
        let m0 = ones &* UInt64(t0), m1 = ones &* UInt64(t1), m2 = ones &* UInt64(t2), m3 = ones &* UInt64(t3)
        let raw = UnsafeRawPointer(base)
        while i + 8 <= n {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if holds(w, m0) | holds(w, m1) | holds(w, m2) | holds(w, m3) != 0 { break }
            i += 8
        }
        while i < n {
            let c = base[i]
            if c == t0 || c == t1 || c == t2 || c == t3 { return i }
            i += 1
        }
        return n
    }

    /// The index of the first `t` in `b` at or after `start`; `b.count` when there is none.
    @inline(__always)
    static func first(in b: UnsafeBufferPointer<UInt8>, from start: Int, _ t: UInt8) -> Int {
        first(in: b, from: start, t, t, t, t)
    }

    /// The index of the first byte of `b` at or after `start` that a JSON string may have to
    /// change: an ASCII control (below 0x20), `"`, `\\`, DEL, or 0xC2 (which leads the C1
    /// controls); `b.count` when none is. (`(w - 0x20…) & ~w & 0x80…` is non-zero exactly when
    /// some byte of `w` is below 0x20.)
    @inline(__always)
    static func firstForJSON(in b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = b.baseAddress else { return b.count }
        let n = b.count
        var i = max(start, 0)
        let quote = ones &* 0x22, backslash = ones &* 0x5C, del = ones &* 0x7F, c2 = ones &* 0xC2, space = ones &* 0x20
        let raw = UnsafeRawPointer(base)
        while i + 8 <= n {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let below = (w &- space) & ~w & highs
            if below | holds(w, quote) | holds(w, backslash) | holds(w, del) | holds(w, c2) != 0 { break }
            i += 8
        }
        while i < n {
            let c = base[i]
            if c < 0x20 || c == 0x22 || c == 0x5C || c == 0x7F || c == 0xC2 { return i }
            i += 1
        }
        return n
    }
}
