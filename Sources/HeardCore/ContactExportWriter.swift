/// `heard export` in either format, one contact at a time, into a text the caller hands out in
/// pieces (`take()`) as it grows: 100,000 contacts are written as they are read, with no array of
/// them, of their rows or of their cells on the way. Byte for byte what `ContactExportFormat.render`
/// gives for the same contacts (the tests hold it to that).
public struct ContactExportWriter: Sendable {
    public let format: ContactExportFormat
    let rules: Rules
    let calendar: WorkingDayCalendar
    let today: LocalDate
    private var json = ContactJSONWriter()
    private var csv = ""
    /// One contact's cells, the array kept from contact to contact.
    private var cells: [String] = []
    /// Contacts written.
    public private(set) var count = 0

    public init(format: ContactExportFormat, rules: Rules, calendar: WorkingDayCalendar, today: LocalDate) {
        self.format = format; self.rules = rules; self.calendar = calendar; self.today = today
        if format == .csv {
            csv = (ContactExportCells.order + ContactCSV.correspondenceColumns).joined(separator: ",") + "\r\n"
        }
    }

    /// How many bytes are waiting to be taken.
    public var pendingBytes: Int { format == .csv ? csv.utf8.count : json.text.utf8.count }

    /// Adds one contact; `correspondence` (its contact log and letters) goes in the CSV only.
    public mutating func append(_ c: Contact, correspondence: Correspondence = Correspondence()) {
        count += 1
        guard format == .csv else { json.append(c, rules: rules, calendar: calendar, today: today); return }
        ContactExportCells.fill(c, rules: rules, calendar: calendar, today: today, into: &cells)
        var first = true
        for cell in cells {
            if !first { csv += "," }
            first = false
            CSVField.append(cell, to: &csv)
        }
        if correspondence.log.isEmpty && correspondence.letters.isEmpty {
            csv += ",,\r\n"
        } else {
            for cell in ContactCSV.correspondenceCells(correspondence) {
                csv += ","
                CSVField.append(cell, to: &csv)
            }
            csv += "\r\n"
        }
    }

    /// What is written so far, handed over to be written out; the writer goes on from empty.
    public mutating func take() -> String {
        if format == .json { return json.take() }
        var out = ""
        swap(&out, &csv)
        return out
    }

    /// The rest of the text, complete (the JSON array closed).
    public mutating func finish() -> String {
        format == .json ? json.finish() : take()
    }
}
