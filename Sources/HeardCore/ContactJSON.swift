/// Contacts as `heard export --format json` writes them: the import columns as keys (as
/// `ContactCSV` writes them), plus issues and history.
public enum ContactJSON {
    /// A JSON array of `contacts`, ending with a newline.
    public static func write(_ contacts: [Contact], rules: Rules, calendar: WorkingDayCalendar, today: LocalDate) -> String {
        var w = ContactJSONWriter()
        for c in contacts { w.append(c, rules: rules, calendar: calendar, today: today) }
        return w.finish()
    }
}

/// `ContactJSON` written one contact at a time into one String: no array of 100,000 objects'
/// texts, nor of their key/value pairs, on the way (the export of every contact took 858 MB).
/// Byte for byte what `ContactJSON.write` gave before (the tests keep the old form to compare).
public struct ContactJSONWriter: Sendable {
    /// `"key":` for each column, quoted once.
    private static let keys: [String] = ContactExportCells.order.map { JSONText.quote($0) + ":" }

    public private(set) var text = ""
    public private(set) var count = 0
    /// One contact's cells, the array kept from contact to contact.
    private var cells: [String] = []

    public init() {}

    /// Adds one contact's object.
    public mutating func append(_ c: Contact, rules: Rules, calendar: WorkingDayCalendar, today: LocalDate) {
        text += count == 0 ? "[\n  {" : ",\n  {"
        count += 1
        ContactExportCells.fill(c, rules: rules, calendar: calendar, today: today, into: &cells)
        for (i, (key, v)) in zip(Self.keys, cells).enumerated() {
            if i > 0 { text += "," }
            text += key
            if i == ContactExportCells.categoriesIndex {
                text += "["
                for (n, issue) in c.issues.enumerated() {
                    if n > 0 { text += "," }
                    JSONText.appendQuoted(issue.category, to: &text)
                }
                text += "]"
            } else if i == ContactExportCells.childIndex {
                text += c.isChildOrYoungPerson ? "true" : "false"
            } else if v.isEmpty {
                text += "null"
            } else {
                JSONText.appendQuoted(v, to: &text)
            }
        }
        text += ",\"issues\":["
        for (n, issue) in c.issues.enumerated() {
            if n > 0 { text += "," }
            text += "{\"category\":"
            JSONText.appendQuoted(issue.category, to: &text)
            for s in 1...3 {
                if let f = issue.findings[s] { pair("stage\(s)_finding", f.rawValue) }
            }
            for s in 1...3 {
                if let t = issue.findingTexts[s] { pair("stage\(s)_finding_text", t) }
            }
            text += "}"
        }
        text += "],\"events\":["
        for (n, e) in c.events.enumerated() {
            if n > 0 { text += "," }
            text += "{\"kind\":"
            JSONText.appendQuoted(e.kind.rawValue, to: &text)
            pair("date", e.date.iso)
            if let s = e.stage { text += ",\"stage\":"; text += String(s) }
            if let d = e.newDue { pair("new_due", d.iso) }
            if !e.reason.isEmpty { pair("reason", e.reason) }
            if let o = e.outcome { pair("outcome", o.rawValue) }
            if let s = e.satisfied { text += s ? ",\"satisfied\":true" : ",\"satisfied\":false" }
            if let d = e.ombudsmanDecision { pair("decision", d.rawValue) }
            if let r = e.remedy { pair("remedy", r.rawValue) }
            if let a = e.amountPence { text += ",\"amount_pence\":"; text += String(a) }
            text += "}"
        }
        text += "]}"
    }

    /// `,"key":"value"`.
    private mutating func pair(_ key: String, _ value: String) {
        text += ","
        JSONText.appendQuoted(key, to: &text)
        text += ":"
        JSONText.appendQuoted(value, to: &text)
    }

    /// What is written so far, handed over to be written out; the writer goes on from empty.
    public mutating func take() -> String {
        var out = ""
        swap(&out, &text)
        return out
    }

    /// The whole array (the rest of it after a `take()`), ending with a newline.
    public mutating func finish() -> String {
        text += count == 0 ? "[]\n" : "\n]\n"
        return text
    }
}

/// The formats contacts are exported in: the import format as CSV, or the same as JSON.
public enum ContactExportFormat: String, CaseIterable, Sendable {
    case csv, json

    /// `contacts` in this format (`correspondence` by contact id, for the CSV).
    public func render(_ contacts: [Contact], rules: Rules, calendar: WorkingDayCalendar, today: LocalDate,
                       correspondence: [Int64: Correspondence] = [:]) -> String {
        var w = ContactExportWriter(format: self, rules: rules, calendar: calendar, today: today)
        for c in contacts { w.append(c, correspondence: c.id.flatMap { correspondence[$0] } ?? Correspondence()) }
        return w.finish()
    }
}
