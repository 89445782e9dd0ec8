/// The case list of `heard cases` written as UTF-8 bytes, one row at a time, from rows whose
/// cells are the database's bytes: a plain cell (nearly all) is copied as it is, any other
/// goes through the String rules every list uses (`TextTable.fit`, `CSVField.escape`,
/// `JSONText.appendQuoted`), so the bytes are those rules' bytes. `CaseListWriter` is this
/// over `CaseSummary`, and the tests hold both to the old String form.
/// The caller may take what is written so far (`take`, or `bytes` then `removeWritten`) to write
/// it out in chunks: 100,000 rows never sit in memory at once.
public struct CaseListBytes: Sendable {
    public let format: ListFormat
    /// What is written and not yet taken.
    private var out: ByteBuilder
    /// What is written and not yet taken, as an array of its own (`take` hands it over without a copy).
    public var bytes: [UInt8] { out.bytes }
    /// How many bytes are written and not yet taken.
    public var byteCount: Int { out.count }
    /// Rows written.
    public private(set) var count = 0

    /// Whether this writes rows that go after another writer's (`init(continuing:)`).
    private let continuing: Bool

    public init(format: ListFormat, reservingRows rows: Int = 0) {
        self.format = format
        continuing = false
        out = ByteBuilder(capacity: rows * Self.rowBytes(format) + 256)
        switch format {
        case .json:
            break
        case .csv:
            put("reference,kind,received,service_area,team,complainant_name,officer,stage,status,due,overdue\r\n")
        case .table:
            let fit = TextTable.fit
            put(text: fit("REFERENCE", 13) + " " + fit("RECEIVED", 10) + " " + fit("KIND", 15) + " " + fit("SERVICE AREA", 24) + " "
                + fit("COMPLAINANT", 20) + " " + fit("ST", 2) + " " + fit("OFFICER", 16) + " " + fit("DUE", 10) + " STATUS\n")
        }
    }

    /// About how many bytes a row takes in `format` (room made ahead for a known number of rows).
    private static func rowBytes(_ format: ListFormat) -> Int {
        switch format {
        case .json: 330
        case .csv: 100
        case .table: 130
        }
    }

    /// A writer of rows that come after another writer's, formatted apart (the older part of
    /// a whole list, on the thread that reads it): no heading, and each row written as one that
    /// follows others. The other writer takes them with `append(continuation:)`; `finish` is
    /// not for this one.
    public init(continuing format: ListFormat, reservingRows rows: Int = 0) {
        self.format = format
        continuing = true
        out = ByteBuilder(capacity: rows * Self.rowBytes(format))
    }

    /// The rows `part` (`init(continuing:)`) wrote, as the bytes that follow what this has
    /// written, and counted here as if appended here: the same bytes as appending its rows
    /// here (a JSON array is opened by them when no row came before).
    public mutating func append(continuation part: CaseListBytes) -> [UInt8] {
        var taken = part.bytes
        if format == .json && count == 0 && !continuing && !taken.isEmpty {
            taken[0] = UInt8(ascii: "[")
        }
        count += part.count
        return taken
    }

    /// Forgets what is written so far (the caller has written it out), keeping the buffer.
    public mutating func removeWritten() { out.removeAll() }

    /// Hands over what is written so far, without copying it, and goes on from empty.
    public mutating func take() -> [UInt8] { out.take() }

    /// Gives back the room made ahead and not written to: `bytes` is then had without a copy
    /// (the older part of a whole list, ten megabytes of JSON, handed to the pipe).
    public mutating func trimRoom() { out.trimRoom() }

    /// Adds one row.
    public mutating func append(_ r: CaseListRow) {
        switch format {
        case .json: appendJSON(r)
        case .csv: appendCSV(r)
        case .table: appendTable(r)
        }
        count += 1
    }

    /// Ends the list (the JSON array's close, the table's count).
    public mutating func finish() {
        switch format {
        case .json: put(if: count == 0, "[]\n", else: "\n]\n")
        case .csv: break
        case .table: put(text: "\(count) case\(count == 1 ? "" : "s")\n")
        }
    }

    // MARK: - Bytes

    @inline(__always) private mutating func put(_ s: StaticString) { out.append(s) }

    @inline(__always) private mutating func put(_ b: UnsafeBufferPointer<UInt8>) { out.append(b) }

    @inline(__always) private mutating func put(byte b: UInt8) { out.append(b) }

    /// One literal or the other (a choice between literals in place is a String made each time).
    @inline(__always) private mutating func put(if c: Bool, _ yes: StaticString, else no: StaticString) { out.append(c ? yes : no) }

    /// A String's bytes, copied from its storage (not `put(_:)`: a literal would be taken for a
    /// String, and made one, where it can be written as it is).
    private mutating func put(text s: String) { out.append(s) }

    /// `String(n)`'s bytes.
    @inline(__always) private mutating func put(_ n: Int) { out.append(decimal: n) }

    /// A word of a vocabulary as `words` writes it.
    @inline(__always) private mutating func put<V>(_ v: V, _ words: WordBytes<V>) {
        words.withBytes(v) { out.append($0) }
    }

    /// `appendISO`'s bytes: YYYY-MM-DD, or `iso` for a year beyond 0-9999.
    private mutating func put(_ d: LocalDate) {
        guard d.hasFourDigitYear else { return put(text: d.iso) }
        let (year, month, day) = d.parts
        let zero = UInt8(ascii: "0"), dash = UInt8(ascii: "-")
        let iso: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (
            zero + UInt8(year / 1000), zero + UInt8(year / 100 % 10), zero + UInt8(year / 10 % 10), zero + UInt8(year % 10), dash,
            zero + UInt8(month / 10), zero + UInt8(month % 10), dash, zero + UInt8(day / 10), zero + UInt8(day % 10))
        withUnsafeBytes(of: iso) { out.append($0.bindMemory(to: UInt8.self)) }
    }

    /// The String of a cell as every reader of the row makes it (invalid UTF-8 repaired).
    private static func string(_ b: UnsafeBufferPointer<UInt8>) -> String { String(decoding: b, as: UTF8.self) }

    /// `JSONText.appendQuoted` of the cell.
    private mutating func quoted(_ b: UnsafeBufferPointer<UInt8>) {
        // ASCII that `JSONText.appendQuoted` leaves as it is (no control, quote, backslash or DEL).
        // Or any well-formed UTF-8 it would leave so (a name with an accent or in Chinese: a
        // quarter of the benchmark's names, each once made a String here).
        if ASCIIBytes.plainJSON(b) || (UTF8Bytes.isValid(b) && JSONText.plainBytes(b)) {
            put(byte: 0x22)
            put(b)
            put(byte: 0x22)
        } else {
            var s = ""
            JSONText.appendQuoted(Self.string(b), to: &s)
            put(text: s)
        }
    }

    /// `CSVField.escape` of the cell, after a comma unless it is the first.
    private mutating func cell(_ b: UnsafeBufferPointer<UInt8>, first: Bool = false) {
        if !first { put(byte: 0x2C) }
        // An ASCII or well-formed UTF-8 cell is the String's bytes: judged and escaped as they
        // are; any other (nil) is repaired first.
        let plain = CSVField.plainIfASCII(b) ?? (UTF8Bytes.isValid(b) ? CSVField.isPlainBytes(b) : nil)
        switch plain {
        case true?: put(b)
        case false?:
            var escaped: [UInt8] = []
            CSVField.appendEscaped(b, to: &escaped)
            out.append(escaped)
        case nil: put(text: CSVField.escape(Self.string(b)))
        }
    }

    private mutating func cell(_ s: String) {
        var s = s
        s.withUTF8 { cell($0) }
    }

    /// `TextTable.fit(cell, width)`: printable ASCII, Latin letters and CJK ideographs cut or padded here,
    /// anything else by its rules.
    private mutating func fit(_ b: UnsafeBufferPointer<UInt8>, _ width: Int) {
        guard let (cut, cells) = Self.plainFit(b, width) else {
            put(text: TextTable.fit(Self.string(b), width))
            return
        }
        put(UnsafeBufferPointer(rebasing: b[..<cut]))
        if cells < width { out.append(repeating: 0x20, count: width - cells) }
    }

    /// Where `TextTable.fit` cuts a cell of printable ASCII, the Latin letters U+00C0 to U+024F
    /// (a name with an accent: a tenth of the list's name cells) and the CJK ideographs U+4E00
    /// to U+9FFF (a Chinese name), and the cells kept; nil for any other cell. Each such
    /// character is one grapheme (none of them combines with the next; a cell holding anything
    /// else, a mark or a variation selector, goes to the rule) and none is a control. A Latin
    /// letter takes one cell, an ideograph two: the cut is before the first character that
    /// would not fit whole, and the cells kept are what the padding makes up to `width`. Such
    /// cells went through the grapheme-by-grapheme fit: for the ideographs, 9% of the
    /// instructions of `heard cases --format table` at 100,000 cases.
    static func plainFit(_ b: UnsafeBufferPointer<UInt8>, _ width: Int) -> (cut: Int, cells: Int)? {
        let width = max(0, width)
        // Printable ASCII (nearly every cell): a byte a cell.
        if ASCIIBytes.printable(b) { return b.count > width ? (width, width) : (b.count, b.count) }
        var i = 0, cells = 0
        var cut: (at: Int, cells: Int)?
        while i < b.count {
            let x = b[i]
            let size: Int, wide: Bool
            if x >= 0x20 && x < 0x7F {
                (size, wide) = (1, false)
            } else if x >= 0xC3 && x <= 0xC9, i + 1 < b.count, b[i + 1] & 0xC0 == 0x80, x != 0xC9 || b[i + 1] <= 0x8F {
                (size, wide) = (2, false)
            } else if x >= 0xE4 && x <= 0xE9, i + 2 < b.count, b[i + 1] & 0xC0 == 0x80, b[i + 2] & 0xC0 == 0x80, x != 0xE4 || b[i + 1] >= 0xB8 {
                // E4 B8 80 is U+4E00, E9 BF BF U+9FFF.
                (size, wide) = (3, true)
            } else {
                return nil
            }
            let w = wide ? 2 : 1
            if cut == nil && cells + w > width { cut = (i, cells) }
            cells += w
            i += size
        }
        return cut.map { ($0.at, $0.cells) } ?? (b.count, cells)
    }

    private mutating func fit(_ s: String, _ width: Int) {
        var s = s
        s.withUTF8 { fit($0, width) }
    }

    // MARK: - Formats (DESIGN.md's columns and keys)

    // The words each format writes for a kind or status, as the rules write them, made once.
    private static let kindWords = WordBytes<ContactKind> { $0.rawValue }
    private static let statusWords = WordBytes<CaseStatus> { $0.rawValue }
    private static let kindCSV = WordBytes<ContactKind> { CSVField.escape($0.label) }
    private static let statusCSV = WordBytes<CaseStatus> { CSVField.escape($0.rawValue) }
    private static let kindTable = WordBytes<ContactKind> { TextTable.fit($0.label, 15) }
    private static let statusLabels = WordBytes<CaseStatus> { $0.label }

    private mutating func appendJSON(_ r: CaseListRow) {
        put(if: count == 0 && !continuing, "[\n  {", else: ",\n  {")
        put("\"reference\":")
        quoted(r.reference)
        put(",\"kind\":\"")
        put(r.kind, Self.kindWords)
        put("\",\"received\":\"")
        put(r.received)
        put("\",\"service_area\":")
        quoted(r.serviceArea)
        put(",\"team\":")
        quoted(r.team)
        put(",\"complainant_name\":")
        quoted(r.complainantName)
        put(if: r.isChildOrYoungPerson, ",\"child_or_young_person\":true", else: ",\"child_or_young_person\":false")
        put(",\"officer\":")
        quoted(r.officer)
        put(",\"stage\":")
        if let s = r.stage { put(s) } else { put("null") }
        put(",\"status\":\"")
        put(r.status, Self.statusWords)
        if let due = r.due {
            put("\",\"due\":\"")
            put(due)
            put("\"")
        } else {
            put("\",\"due\":null")
        }
        put(if: r.overdue, ",\"overdue\":true", else: ",\"overdue\":false")
        put(if: r.paused, ",\"paused\":true", else: ",\"paused\":false")
        put(if: r.extended, ",\"extended\":true", else: ",\"extended\":false")
        put(",\"days_left\":")
        if let d = r.daysLeft { put(d) } else { put("null") }
        put("}")
    }

    private mutating func appendCSV(_ r: CaseListRow) {
        cell(r.reference, first: true)
        put(byte: 0x2C)
        put(r.kind, Self.kindCSV)
        // A date of years 0-9999 is a plain cell (digits and dashes): its bytes go straight in.
        if r.received.hasFourDigitYear {
            put(byte: 0x2C)
            put(r.received)
        } else {
            cell(r.received.iso)
        }
        cell(r.serviceArea)
        cell(r.team)
        cell(r.complainantName)
        cell(r.officer)
        if let s = r.stage, (0...9).contains(s) {
            put(byte: 0x2C)
            put(s)
        } else {
            cell(r.stage.map(String.init) ?? "")
        }
        put(byte: 0x2C)
        put(r.status, Self.statusCSV)
        if let due = r.due, due.hasFourDigitYear {
            put(byte: 0x2C)
            put(due)
        } else {
            cell(r.due?.iso ?? "")
        }
        put(if: r.overdue, ",yes\r\n", else: ",no\r\n")
    }

    private mutating func appendTable(_ r: CaseListRow) {
        // Never cut (`TextTable.whole`): printable ASCII no longer than its column, nearly every
        // reference, is copied and padded as before.
        if r.reference.count <= 13 && ASCIIBytes.printable(r.reference) {
            fit(r.reference, 13)
        } else {
            put(text: TextTable.whole(Self.string(r.reference), 13))
        }
        put(byte: 0x20)
        put(r.received)
        put(byte: 0x20)
        put(r.kind, Self.kindTable)
        put(byte: 0x20)
        fit(r.serviceArea, 24)
        put(byte: 0x20)
        fit(r.complainantName, 20)
        put(byte: 0x20)
        if let s = r.stage, (0...9).contains(s) {
            put(s)
            put(byte: 0x20)
        } else {
            fit(r.stage.map(String.init) ?? "-", 2)
        }
        put(byte: 0x20)
        fit(r.officer, 16)
        put(byte: 0x20)
        // Ten bytes fit ten columns exactly, as fit would leave them.
        if let due = r.due, due.hasFourDigitYear { put(due) } else { fit(r.due?.iso ?? "", 10) }
        put(byte: 0x20)
        if r.overdue {
            put("OVERDUE")
        } else if r.paused {
            put("paused")
        } else {
            put(r.status, Self.statusLabels)
        }
        put(byte: 0x0A)
    }
}

/// Each case of a vocabulary as a format writes it (`text`), as bytes made once: a row's kind
/// and status were each a String made and copied out on every row.
struct WordBytes<V: CaseIterable & Equatable>: Sendable where V: Sendable {
    private let words: [V]
    /// Every case's bytes end to end; case `i` ends at `ends[i]`.
    private let bytes: [UInt8]
    private let ends: [Int]

    init(_ text: (V) -> String) {
        words = Array(V.allCases)
        var bytes: [UInt8] = [], ends: [Int] = []
        for w in words {
            bytes += Array(text(w).utf8)
            ends.append(bytes.count)
        }
        self.bytes = bytes
        self.ends = ends
    }

    /// `v`'s bytes, lent for `body`'s call.
    @inline(__always)
    func withBytes(_ v: V, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard let i = words.firstIndex(of: v) else { return }
        bytes.withUnsafeBufferPointer { all in body(UnsafeBufferPointer(rebasing: all[(i == 0 ? 0 : ends[i - 1])..<ends[i]])) }
    }
}
