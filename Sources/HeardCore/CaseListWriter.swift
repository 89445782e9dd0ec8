/// The case list of `heard cases` written one row at a time from `CaseSummary` values (the
/// screens' rows, a search's rows): `CaseListBytes` over each summary's Strings, so there is one
/// writer of the list's bytes. Byte for byte what `CaseListFormat`'s formats always gave (the
/// tests hold it to their old form).
public struct CaseListWriter: Sendable {
    public var format: ListFormat { out.format }
    private var out: CaseListBytes
    /// What is written so far (`finish` completes it).
    public var text: String { String(decoding: out.bytes, as: UTF8.self) }
    /// Rows written.
    public var count: Int { out.count }

    public init(format: ListFormat, reservingRows rows: Int = 0) {
        out = CaseListBytes(format: format, reservingRows: rows)
    }

    /// Adds one row.
    public mutating func append(_ r: CaseSummary) {
        r.withListRow { out.append($0) }
    }

    /// The whole text, ending with a newline.
    public mutating func finish() -> String {
        out.finish()
        return text
    }
}

extension CSVField {
    /// `escape(value)` appended to `out` (a plain cell, nearly all of them, as it is).
    public static func append(_ value: String, to out: inout String) {
        if isPlain(value) { out += value } else { out += escape(value) }
    }
}
