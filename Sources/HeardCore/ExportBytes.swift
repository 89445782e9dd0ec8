/// Export text as UTF-8 bytes in one buffer reused from piece to piece: appending a cell is a
/// check of its bytes and one copy, where growing a String cost a uniqueness check, a count and
/// flags update per append (most of what writing 192 MB of JSON took).
/// Cells that need escaping take the String rules (`CSVField.escape`, `JSONText.quoteByScalars`)
/// unchanged, so the bytes are those rules' bytes; only the plain cell has a shortcut.
public struct ExportBytes: Sendable {
    /// What is written so far.
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// How many bytes are waiting.
    public var count: Int { bytes.count }

    /// Hands over what is written; the buffer goes on from empty with its capacity.
    public mutating func take() -> [UInt8] {
        let out = bytes
        bytes.removeAll(keepingCapacity: true)
        return out
    }

    /// `s` as it is.
    @inline(__always)
    public mutating func append(_ s: String) {
        if s.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil { bytes.append(contentsOf: s.utf8) }
    }

    /// `s` (ASCII, written in the source) as it is.
    @inline(__always)
    public mutating func append(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// One byte.
    @inline(__always)
    public mutating func append(byte b: UInt8) { bytes.append(b) }

    /// `s` as a CSV cell: what `CSVField.escape(s)` gives.
    public mutating func appendCSV(_ s: String) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { u in
            if CSVField.isPlainBytes(u) { bytes.append(contentsOf: u) } else { CSVField.appendEscaped(u, to: &bytes) }
        }
        if done == nil { CSVField.appendEscaped(s.utf8, to: &bytes) }
    }

    /// UTF-8 `cell` as a CSV cell: what `CSVField.escape` gives for its text.
    public mutating func appendCSV(bytes cell: [UInt8]) {
        if CSVField.isPlainBytes(cell) { bytes.append(contentsOf: cell) } else { CSVField.appendEscaped(cell, to: &bytes) }
    }

    /// `s` as a JSON string literal: what `JSONText.quote(s)` gives.
    public mutating func appendJSON(_ s: String) {
        let done = s.utf8.withContiguousStorageIfAvailable { u -> Bool in
            guard JSONText.plainBytes(u) else { return false }
            bytes.append(0x22)
            bytes.append(contentsOf: u)
            bytes.append(0x22)
            return true
        }
        if done == true { return }
        if s.utf8.withContiguousStorageIfAvailable({ JSONText.appendQuotedBytes($0, to: &bytes) }) == nil {
            append(JSONText.quote(s))
        }
    }

    /// A non-negative or negative integer in decimal, as `String(n)` writes it.
    public mutating func append(int n: Int) {
        if n >= 0 && n < 10 { bytes.append(0x30 + UInt8(n)); return }
        append(String(n))
    }
}
