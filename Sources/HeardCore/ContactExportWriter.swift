/// `heard export` in either format, one contact at a time, into UTF-8 bytes the caller hands out
/// in pieces (`takeBytes()`) as they grow: 100,000 contacts are written as they are read, with no array of
/// them, of their rows or of their cells on the way. Byte for byte what `ContactExportFormat.render`
/// gives for the same contacts (the tests hold it to that).
public struct ContactExportWriter: Sendable {
    public let format: ContactExportFormat
    let rules: Rules
    let calendar: WorkingDayCalendar
    let today: LocalDate
    private var json = ContactJSONWriter()
    private var csv = ExportBytes()
    /// One contact's cells, the array kept from contact to contact.
    private var cells: [String] = []
    /// Its correspondence cells' bytes, the buffers kept likewise.
    private var logCell: [UInt8] = [], lettersCell: [UInt8] = []
    /// Contacts written.
    public private(set) var count = 0

    public init(format: ContactExportFormat, rules: Rules, calendar: WorkingDayCalendar, today: LocalDate) {
        self.format = format; self.rules = rules; self.calendar = calendar; self.today = today
        if format == .csv {
            csv.append((ContactExportCells.order + ContactCSV.correspondenceColumns).joined(separator: ",") + "\r\n")
        }
    }

    /// How many bytes are waiting to be taken.
    public var pendingBytes: Int { format == .csv ? csv.count : json.out.count }

    /// Adds one contact with `correspondence` (its contact log and letters).
    public mutating func append(_ c: Contact, correspondence: Correspondence = Correspondence()) {
        count += 1
        guard format == .csv else { json.append(c, rules: rules, calendar: calendar, today: today, correspondence: correspondence); return }
        ContactExportCells.fill(c, rules: rules, calendar: calendar, today: today, into: &cells)
        var first = true
        for cell in cells {
            if !first { csv.append(byte: 0x2C) }
            first = false
            // Most cells are empty.
            if !cell.isEmpty { csv.appendCSV(cell) }
        }
        if correspondence.log.isEmpty && correspondence.letters.isEmpty {
            csv.append(",,\r\n" as StaticString)
        } else {
            logCell.removeAll(keepingCapacity: true)
            lettersCell.removeAll(keepingCapacity: true)
            ContactCSV.appendCorrespondenceCells(correspondence, log: &logCell, letters: &lettersCell)
            csv.append(byte: 0x2C)
            csv.appendCSV(bytes: logCell)
            csv.append(byte: 0x2C)
            csv.appendCSV(bytes: lettersCell)
            csv.append("\r\n" as StaticString)
        }
    }

    /// What is written so far, handed over to be written out; the writer goes on from empty.
    public mutating func take() -> String { String(decoding: takeBytes(), as: UTF8.self) }

    /// `take()` as UTF-8 bytes.
    public mutating func takeBytes() -> [UInt8] { format == .json ? json.takeBytes() : csv.take() }

    /// The rest of the text, complete (the JSON array closed).
    public mutating func finish() -> String { String(decoding: finishBytes(), as: UTF8.self) }

    /// `finish()` as UTF-8 bytes.
    public mutating func finishBytes() -> [UInt8] { format == .json ? json.finishBytes() : csv.take() }
}
