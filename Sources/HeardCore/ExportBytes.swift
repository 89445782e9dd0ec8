/// Export text as UTF-8 bytes in one buffer reused from piece to piece: appending a cell is a
/// check of its bytes and one copy, where growing a String cost a uniqueness check, a count and
/// flags update per append (most of what writing 192 MB of JSON took).
/// Cells that need escaping take the String rules (`CSVField.escape`, `JSONText.quoteByScalars`)
/// unchanged, so the bytes are those rules' bytes; only the plain cell has a shortcut.
public struct ExportBytes: Sendable {
    /// What is written so far, in a builder: a key or a short cell appended to an `Array` cost
    /// about ninety instructions beside its copy (twelve million appends in a JSON export).
    private var out: ByteBuilder
    /// A cell escaped before it is appended (reused from cell to cell).
    private var escaped: [UInt8] = []

    public init(capacity: Int = 0) { out = ByteBuilder(capacity: capacity) }

    /// What is written so far.
    public var bytes: [UInt8] { out.bytes }

    /// How many bytes are waiting.
    public var count: Int { out.count }

    /// Hands over a copy of what is written; the buffer goes on from empty with its room. (A
    /// piece copied costs less than `ByteBuilder.take`'s fresh room, zeroed: twice the piece.)
    public mutating func take() -> [UInt8] {
        let piece = out.bytes
        out.removeAll()
        return piece
    }

    /// `s` as it is.
    @inline(__always)
    public mutating func append(_ s: String) { out.append(s) }

    /// `s` (ASCII, written in the source) as it is.
    @inline(__always)
    public mutating func append(_ s: StaticString) { out.append(s) }

    /// One byte.
    @inline(__always)
    public mutating func append(byte b: UInt8) { out.append(b) }

    /// `s` as a CSV cell: what `CSVField.escape(s)` gives.
    public mutating func appendCSV(_ s: String) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { u in
            if CSVField.isPlainBytes(u) { out.append(u) } else { appendEscapedCSV(u) }
        }
        if done == nil { appendEscapedCSV(s.utf8) }
    }

    /// UTF-8 `cell` as a CSV cell: what `CSVField.escape` gives for its text.
    public mutating func appendCSV(bytes cell: [UInt8]) {
        if CSVField.isPlainBytes(cell) { out.append(cell) } else { appendEscapedCSV(cell) }
    }

    private mutating func appendEscapedCSV<Bytes: Collection<UInt8>>(_ cell: Bytes) {
        escaped.removeAll(keepingCapacity: true)
        CSVField.appendEscaped(cell, to: &escaped)
        out.append(escaped)
    }

    /// `s` as a JSON string literal: what `JSONText.quote(s)` gives.
    public mutating func appendJSON(_ s: String) {
        let done = s.utf8.withContiguousStorageIfAvailable { u -> Bool in
            if JSONText.plainBytes(u) {
                out.append(0x22)
                out.append(u)
                out.append(0x22)
            } else {
                escaped.removeAll(keepingCapacity: true)
                JSONText.appendQuotedBytes(u, to: &escaped)
                out.append(escaped)
            }
            return true
        }
        if done == nil { append(JSONText.quote(s)) }
    }

    /// A non-negative or negative integer in decimal, as `String(n)` writes it.
    public mutating func append(int n: Int) { out.append(decimal: n) }
}
