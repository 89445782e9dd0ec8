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
        objects(",\"issues\":[", c.issues) { w, issue in
            w.pair("{\"category\":", issue.category)
            for s in 1...3 {
                if let f = issue.findings[s] { w.pair(Self.findingKeys[s - 1], f.rawValue) }
            }
            for s in 1...3 {
                if let t = issue.findingTexts[s] { w.pair(Self.findingTextKeys[s - 1], t) }
            }
        }
        objects("],\"events\":[", c.events) { w, e in
            w.pair("{\"kind\":", e.kind.rawValue)
            w.pair(",\"date\":", e.date.iso)
            if let s = e.stage { w.out.append(",\"stage\":" as StaticString); w.out.append(int: s) }
            if let d = e.newDue { w.pair(",\"new_due\":", d.iso) }
            if !e.reason.isEmpty { w.pair(",\"reason\":", e.reason) }
            if let o = e.outcome { w.pair(",\"outcome\":", o.rawValue) }
            if let s = e.satisfied { w.out.append(s ? ",\"satisfied\":true" as StaticString : ",\"satisfied\":false") }
            if let d = e.ombudsmanDecision { w.pair(",\"decision\":", d.rawValue) }
            if let r = e.remedy { w.pair(",\"remedy\":", r.rawValue) }
            if let a = e.amountPence { w.out.append(",\"amount_pence\":" as StaticString); w.out.append(int: a) }
        }
        // The CSV's contact_log and letters cells, field by field (ContactCSV.appendCorrespondenceCells).
        objects("],\"contact_log\":[", correspondence.log) { w, e in
            w.pair("{\"at\":", e.at.text)
            w.pair(",\"direction\":", e.direction.rawValue)
            w.pair(",\"kind\":", e.kind.rawValue)
            if !e.with.isEmpty { w.pair(",\"with_whom\":", e.with) }
            w.pair(",\"note\":", e.note)
        }
        objects("],\"letters\":[", correspondence.letters) { w, l in
            w.pair("{\"template\":", l.template)
            if let s = l.stage { w.out.append(",\"stage\":" as StaticString); w.out.append(int: s) }
            w.pair(",\"sent\":", l.sent.iso)
            w.pair(",\"format\":", l.format)
            w.pair(",\"body\":", l.body)
        }
        out.append("]}" as StaticString)
    }

    /// `,"stageN_finding":` and `,"stageN_finding_text":`, quoted once.
    private static let findingKeys: [StaticString] = [",\"stage1_finding\":", ",\"stage2_finding\":", ",\"stage3_finding\":"]
    private static let findingTextKeys: [StaticString] = [",\"stage1_finding_text\":", ",\"stage2_finding_text\":", ",\"stage3_finding_text\":"]

    /// `opening`, then each of `items` as an object `fields` writes from its `{"key":` on, the
    /// objects separated by commas.
    private mutating func objects<S: Sequence>(_ opening: StaticString, _ items: S, _ fields: (inout ContactJSONWriter, S.Element) -> Void) {
        out.append(opening)
        var first = true
        for item in items {
            if !first { out.append(byte: 0x2C) }
            first = false
            fields(&self, item)
            out.append(byte: 0x7D)
        }
    }

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
