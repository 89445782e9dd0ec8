/// Contacts as `heard export --format json` writes them: the import columns as keys (as
/// `ContactCSV` writes them), plus issues and history, and the correspondence the CSV carries
/// (`contact_log` and `letters`, as arrays of objects with the CSV's fields).
public enum ContactJSON {
    /// A JSON array of `contacts` (each with its `correspondence`, by id), ending with a newline.
    public static func write(_ contacts: [Contact], rules: Rules, calendar: WorkingDayCalendar, today: LocalDate,
                             correspondence: [Int64: Correspondence] = [:]) -> String {
        var w = ContactJSONWriter()
        for c in contacts {
            w.append(c, rules: rules, calendar: calendar, today: today, correspondence: c.id.flatMap { correspondence[$0] } ?? Correspondence())
        }
        return w.finish()
    }
}

/// `ContactJSON` written one contact at a time into one byte buffer: no array of 100,000 objects'
/// texts, nor of their key/value pairs, on the way (the export of every contact took 858 MB),
/// and no String grown a piece at a time (appending to one cost more than the rest of the JSON).
/// Byte for byte what `ContactJSON.write` gave before (the tests keep the old form to compare).
public struct ContactJSONWriter: Sendable {
    /// `"key":` for each column, quoted once.
    private static let keys: [String] = ContactExportCells.order.map { JSONText.quote($0) + ":" }

    /// The bytes written and not yet taken.
    public private(set) var out = ExportBytes()
    public private(set) var count = 0
    /// One contact's cells, the array kept from contact to contact.
    private var cells: [String] = []

    public init() {}

    /// Adds one contact's object, with its contact log and letters sent.
    public mutating func append(_ c: Contact, rules: Rules, calendar: WorkingDayCalendar, today: LocalDate,
                                correspondence: Correspondence = Correspondence()) {
        out.append(count == 0 ? "[\n  {" as StaticString : ",\n  {")
        count += 1
        ContactExportCells.fill(c, rules: rules, calendar: calendar, today: today, into: &cells)
        for (i, (key, v)) in zip(Self.keys, cells).enumerated() {
            if i > 0 { out.append(byte: 0x2C) }
            out.append(key)
            if i == ContactExportCells.categoriesIndex {
                out.append(byte: 0x5B)
                for (n, issue) in c.issues.enumerated() {
                    if n > 0 { out.append(byte: 0x2C) }
                    out.appendJSON(issue.category)
                }
                out.append(byte: 0x5D)
            } else if i == ContactExportCells.childIndex {
                out.append(c.isChildOrYoungPerson ? "true" as StaticString : "false")
            } else if v.isEmpty {
                out.append("null" as StaticString)
            } else {
                out.appendJSON(v)
            }
        }
        out.append(",\"issues\":[" as StaticString)
        for (n, issue) in c.issues.enumerated() {
            if n > 0 { out.append(byte: 0x2C) }
            out.append("{\"category\":" as StaticString)
            out.appendJSON(issue.category)
            for s in 1...3 {
                if let f = issue.findings[s] { pair(Self.findingKeys[s - 1], f.rawValue) }
            }
            for s in 1...3 {
                if let t = issue.findingTexts[s] { pair(Self.findingTextKeys[s - 1], t) }
            }
            out.append(byte: 0x7D)
        }
        out.append("],\"events\":[" as StaticString)
        for (n, e) in c.events.enumerated() {
            if n > 0 { out.append(byte: 0x2C) }
            out.append("{\"kind\":" as StaticString)
            out.appendJSON(e.kind.rawValue)
            pair(",\"date\":", e.date.iso)
            if let s = e.stage { out.append(",\"stage\":" as StaticString); out.append(int: s) }
            if let d = e.newDue { pair(",\"new_due\":", d.iso) }
            if !e.reason.isEmpty { pair(",\"reason\":", e.reason) }
            if let o = e.outcome { pair(",\"outcome\":", o.rawValue) }
            if let s = e.satisfied { out.append(s ? ",\"satisfied\":true" as StaticString : ",\"satisfied\":false") }
            if let d = e.ombudsmanDecision { pair(",\"decision\":", d.rawValue) }
            if let r = e.remedy { pair(",\"remedy\":", r.rawValue) }
            if let a = e.amountPence { out.append(",\"amount_pence\":" as StaticString); out.append(int: a) }
            out.append(byte: 0x7D)
        }
        // The CSV's contact_log and letters cells, field by field (ContactCSV.appendCorrespondenceCells).
        out.append("],\"contact_log\":[" as StaticString)
        for (n, e) in correspondence.log.enumerated() {
            if n > 0 { out.append(byte: 0x2C) }
            out.append("{\"at\":" as StaticString)
            out.appendJSON(e.at.text)
            pair(",\"direction\":", e.direction.rawValue)
            pair(",\"kind\":", e.kind.rawValue)
            if !e.with.isEmpty { pair(",\"with_whom\":", e.with) }
            pair(",\"note\":", e.note)
            out.append(byte: 0x7D)
        }
        out.append("],\"letters\":[" as StaticString)
        for (n, l) in correspondence.letters.enumerated() {
            if n > 0 { out.append(byte: 0x2C) }
            out.append("{\"template\":" as StaticString)
            out.appendJSON(l.template)
            if let s = l.stage { out.append(",\"stage\":" as StaticString); out.append(int: s) }
            pair(",\"sent\":", l.sent.iso)
            pair(",\"format\":", l.format)
            pair(",\"body\":", l.body)
            out.append(byte: 0x7D)
        }
        out.append("]}" as StaticString)
    }

    /// `,"stageN_finding":` and `,"stageN_finding_text":`, quoted once.
    private static let findingKeys: [StaticString] = [",\"stage1_finding\":", ",\"stage2_finding\":", ",\"stage3_finding\":"]
    private static let findingTextKeys: [StaticString] = [",\"stage1_finding_text\":", ",\"stage2_finding_text\":", ",\"stage3_finding_text\":"]

    /// `,"key":` (given whole) then `"value"`.
    private mutating func pair(_ key: StaticString, _ value: String) {
        out.append(key)
        out.appendJSON(value)
    }

    /// What is written so far, handed over to be written out; the writer goes on from empty.
    public mutating func take() -> String { String(decoding: takeBytes(), as: UTF8.self) }

    /// `take()` as UTF-8 bytes.
    public mutating func takeBytes() -> [UInt8] { out.take() }

    /// The whole array (the rest of it after a `take()`), ending with a newline.
    public mutating func finish() -> String { String(decoding: finishBytes(), as: UTF8.self) }

    /// `finish()` as UTF-8 bytes.
    public mutating func finishBytes() -> [UInt8] {
        out.append(count == 0 ? "[]\n" as StaticString : "\n]\n")
        return out.take()
    }
}

/// The formats contacts are exported in: the import format as CSV, or the same as JSON.
public enum ContactExportFormat: String, CaseIterable, Sendable {
    case csv, json

    /// `contacts` in this format (`correspondence` by contact id).
    public func render(_ contacts: [Contact], rules: Rules, calendar: WorkingDayCalendar, today: LocalDate,
                       correspondence: [Int64: Correspondence] = [:]) -> String {
        var w = ContactExportWriter(format: self, rules: rules, calendar: calendar, today: today)
        for c in contacts { w.append(c, correspondence: c.id.flatMap { correspondence[$0] } ?? Correspondence()) }
        return w.finish()
    }
}
