/// The case list of `heard cases` written as UTF-8 bytes, one row at a time, from rows whose
/// cells are the database's bytes: a plain cell (nearly all) is copied as it is, any other
/// goes through the String rules every list uses (`TextTable.fit`, `CSVField.escape`,
/// `JSONText.appendQuoted`), so the bytes are those rules' bytes. `CaseListWriter` is this
/// over `CaseSummary`, and the tests hold both to the old String form.
/// The caller may take what is written so far (`bytes`, then `removeWritten`) to write it out
/// in chunks: 100,000 rows never sit in memory at once.
public struct CaseListBytes: Sendable {
    public let format: ListFormat
    /// What is written and not yet taken.
    public private(set) var bytes: [UInt8] = []
    /// Rows written.
    public private(set) var count = 0

    /// Whether this writes rows that go after another writer's (`init(continuing:)`).
    private let continuing: Bool

    public init(format: ListFormat, reservingRows rows: Int = 0) {
        self.format = format
        continuing = false
        switch format {
        case .json:
            break
        case .csv:
            put("reference,kind,received,service_area,team,complainant_name,officer,stage,status,due,overdue\r\n")
        case .table:
            let fit = TextTable.fit
            put(fit("REFERENCE", 13) + " " + fit("RECEIVED", 10) + " " + fit("KIND", 15) + " " + fit("SERVICE AREA", 24) + " "
                + fit("COMPLAINANT", 20) + " " + fit("ST", 2) + " " + fit("OFFICER", 16) + " " + fit("DUE", 10) + " STATUS\n")
        }
        bytes.reserveCapacity(rows * Self.rowBytes(format))
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
        bytes.reserveCapacity(rows * Self.rowBytes(format))
    }

    /// The rows `part` (`init(continuing:)`) wrote, as the bytes that follow what this has
    /// written, and counted here as if appended here: the same bytes as appending its rows
    /// here (a JSON array is opened by them when no row came before).
    public mutating func append(continuation part: CaseListBytes) -> [UInt8] {
        var out = part.bytes
        if format == .json && count == 0 && !continuing && !out.isEmpty {
            out[0] = UInt8(ascii: "[")
        }
        count += part.count
        return out
    }

    /// Forgets what is written so far (the caller has written it out), keeping the buffer.
    public mutating func removeWritten() { bytes.removeAll(keepingCapacity: true) }

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
        case .json: put(count == 0 ? "[]\n" : "\n]\n")
        case .csv: break
        case .table: put("\(count) case\(count == 1 ? "" : "s")\n")
        }
    }

    // MARK: - Bytes

    @inline(__always) private mutating func put(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    @inline(__always) private mutating func put(_ b: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: b) }

    /// A String's bytes, copied from its storage (a vocabulary word's literal is contiguous).
    private mutating func put(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// `String(n)`'s bytes.
    private mutating func put(_ n: Int) {
        if n >= 0 && n < 10 {
            bytes.append(48 + UInt8(n))
        } else {
            put(String(n))
        }
    }

    /// `appendISO`'s bytes: YYYY-MM-DD, or `iso` for a year beyond 0-9999.
    private mutating func put(_ d: LocalDate) {
        guard d.hasFourDigitYear else { return put(d.iso) }
        let (year, month, day) = d.parts
        let zero = UInt8(ascii: "0"), dash = UInt8(ascii: "-")
        bytes.append(zero + UInt8(year / 1000))
        bytes.append(zero + UInt8(year / 100 % 10))
        bytes.append(zero + UInt8(year / 10 % 10))
        bytes.append(zero + UInt8(year % 10))
        bytes.append(dash)
        bytes.append(zero + UInt8(month / 10))
        bytes.append(zero + UInt8(month % 10))
        bytes.append(dash)
        bytes.append(zero + UInt8(day / 10))
        bytes.append(zero + UInt8(day % 10))
    }

    /// The String of a cell as every reader of the row makes it (invalid UTF-8 repaired).
    private static func string(_ b: UnsafeBufferPointer<UInt8>) -> String { String(decoding: b, as: UTF8.self) }

    /// Whether `b` is ASCII that `JSONText.appendQuoted` leaves as it is (no control
    /// character, quote, backslash or DEL), judged in one pass.
    @inline(__always) private static func isPlainJSONASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for x in b where x < 0x20 || x > 0x7E || x == 0x22 || x == 0x5C { return false }
        return true
    }

    /// `JSONText.appendQuoted` of the cell.
    private mutating func quoted(_ b: UnsafeBufferPointer<UInt8>) {
        if Self.isPlainJSONASCII(b) {
            bytes.append(0x22)
            put(b)
            bytes.append(0x22)
        } else {
            var s = ""
            JSONText.appendQuoted(Self.string(b), to: &s)
            put(s)
        }
    }

    /// `CSVField.escape` of the cell, after a comma unless it is the first.
    private mutating func cell(_ b: UnsafeBufferPointer<UInt8>, first: Bool = false) {
        if !first { bytes.append(0x2C) }
        switch CSVField.plainIfASCII(b) {
        case true?: put(b)
        // An ASCII cell is the String's bytes: escaped as they are.
        case false?: CSVField.appendEscaped(b, to: &bytes)
        case nil: put(CSVField.escape(Self.string(b)))
        }
    }

    private mutating func cell(_ s: String) {
        var s = s
        s.withUTF8 { cell($0) }
    }

    /// `TextTable.fit(cell, width)`: printable ASCII and Latin letters cut or padded here,
    /// anything else by its rules.
    private mutating func fit(_ b: UnsafeBufferPointer<UInt8>, _ width: Int) {
        guard let (cut, cells) = Self.latinFit(b, width) else {
            put(TextTable.fit(Self.string(b), width))
            return
        }
        put(UnsafeBufferPointer(rebasing: b[..<cut]))
        if cells < width { bytes.append(contentsOf: repeatElement(0x20, count: width - cells)) }
    }

    /// Where `TextTable.fit` cuts a cell of printable ASCII and the Latin letters U+00C0 to
    /// U+024F (a name with an accent: a tenth of the list's name cells), and the cells kept; nil
    /// for any other cell. Each such character is one grapheme (none of them combines with the
    /// next) of one cell, none is a control, so the cut is at the `width`th character. Such
    /// cells went through the grapheme-by-grapheme fit: a twentieth of `heard cases --format
    /// table` at 100,000 cases.
    static func latinFit(_ b: UnsafeBufferPointer<UInt8>, _ width: Int) -> (cut: Int, cells: Int)? {
        let width = max(0, width)
        var i = 0, cells = 0, cut = -1
        while i < b.count {
            if cells == width && cut < 0 { cut = i }
            let x = b[i]
            if x >= 0x20 && x < 0x7F {
                i += 1
            } else if x >= 0xC3 && x <= 0xC9, i + 1 < b.count, b[i + 1] & 0xC0 == 0x80, x != 0xC9 || b[i + 1] <= 0x8F {
                i += 2
            } else {
                return nil
            }
            cells += 1
        }
        return cut < 0 ? (b.count, cells) : (cut, width)
    }

    private mutating func fit(_ s: String, _ width: Int) {
        var s = s
        s.withUTF8 { fit($0, width) }
    }

    // MARK: - Formats (DESIGN.md's columns and keys)

    private mutating func appendJSON(_ r: CaseListRow) {
        put(count == 0 && !continuing ? "[\n  {" : ",\n  {")
        put("\"reference\":")
        quoted(r.reference)
        put(",\"kind\":\"")
        put(r.kind.rawValue)
        put("\",\"received\":\"")
        put(r.received)
        put("\",\"service_area\":")
        quoted(r.serviceArea)
        put(",\"team\":")
        quoted(r.team)
        put(",\"complainant_name\":")
        quoted(r.complainantName)
        put(r.isChildOrYoungPerson ? ",\"child_or_young_person\":true" : ",\"child_or_young_person\":false")
        put(",\"officer\":")
        quoted(r.officer)
        put(",\"stage\":")
        if let s = r.stage { put(s) } else { put("null") }
        put(",\"status\":\"")
        put(r.status.rawValue)
        if let due = r.due {
            put("\",\"due\":\"")
            put(due)
            put("\"")
        } else {
            put("\",\"due\":null")
        }
        put(r.overdue ? ",\"overdue\":true" : ",\"overdue\":false")
        put(r.paused ? ",\"paused\":true" : ",\"paused\":false")
        put(r.extended ? ",\"extended\":true" : ",\"extended\":false")
        put(",\"days_left\":")
        if let d = r.daysLeft { put(d) } else { put("null") }
        put("}")
    }

    private mutating func appendCSV(_ r: CaseListRow) {
        cell(r.reference, first: true)
        cell(r.kind.label)
        // A date of years 0-9999 is a plain cell (digits and dashes): its bytes go straight in.
        if r.received.hasFourDigitYear {
            bytes.append(0x2C)
            put(r.received)
        } else {
            cell(r.received.iso)
        }
        cell(r.serviceArea)
        cell(r.team)
        cell(r.complainantName)
        cell(r.officer)
        if let s = r.stage, (0...9).contains(s) {
            bytes.append(0x2C)
            put(s)
        } else {
            cell(r.stage.map(String.init) ?? "")
        }
        cell(r.status.rawValue)
        if let due = r.due, due.hasFourDigitYear {
            bytes.append(0x2C)
            put(due)
        } else {
            cell(r.due?.iso ?? "")
        }
        put(r.overdue ? ",yes\r\n" : ",no\r\n")
    }

    private mutating func appendTable(_ r: CaseListRow) {
        fit(r.reference, 13)
        bytes.append(0x20)
        put(r.received)
        bytes.append(0x20)
        fit(r.kind.label, 15)
        bytes.append(0x20)
        fit(r.serviceArea, 24)
        bytes.append(0x20)
        fit(r.complainantName, 20)
        bytes.append(0x20)
        if let s = r.stage, (0...9).contains(s) {
            put(s)
            bytes.append(0x20)
        } else {
            fit(r.stage.map(String.init) ?? "-", 2)
        }
        bytes.append(0x20)
        fit(r.officer, 16)
        bytes.append(0x20)
        // Ten bytes fit ten columns exactly, as fit would leave them.
        if let due = r.due, due.hasFourDigitYear { put(due) } else { fit(r.due?.iso ?? "", 10) }
        bytes.append(0x20)
        put(r.overdue ? "OVERDUE" : r.paused ? "paused" : r.status.label)
        bytes.append(0x0A)
    }
}
