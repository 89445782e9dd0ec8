/// Contacts as `heard export --format json` writes them: the import columns as keys (as
/// `ContactCSV` writes them), plus issues and history.
public enum ContactJSON {
    /// A JSON array of `contacts`, ending with a newline.
    public static func write(_ contacts: [Contact], rules: Rules, calendar: WorkingDayCalendar, today: LocalDate) -> String {
        let keys = ContactCSV.columns + ContactCSV.extraColumns + ContactCSV.stageRecordColumns
        let items = contacts.map { c -> String in
            let values = ContactCSV.row(c, rules: rules, calendar: calendar, today: today)
            var pairs: [(String, String)] = zip(keys, values).map { k, v in
                if k == "categories" { return (k, JSONText.array(c.issues.map { JSONText.quote($0.category) })) }
                if k == "child_or_young_person" { return (k, c.isChildOrYoungPerson ? "true" : "false") }
                return (k, v.isEmpty ? "null" : JSONText.quote(v))
            }
            pairs.append(("issues", JSONText.array(c.issues.map { i in
                JSONText.object([("category", JSONText.quote(i.category))] + (1...3).compactMap { n in
                    i.findings[n].map { ("stage\(n)_finding", JSONText.quote($0.rawValue)) }
                } + (1...3).compactMap { n in i.findingTexts[n].map { ("stage\(n)_finding_text", JSONText.quote($0)) } })
            })))
            pairs.append(("events", JSONText.array(c.events.map { e in
                var p: [(String, String)] = [("kind", JSONText.quote(e.kind.rawValue)), ("date", JSONText.quote(e.date.iso))]
                if let s = e.stage { p.append(("stage", String(s))) }
                if let d = e.newDue { p.append(("new_due", JSONText.quote(d.iso))) }
                if !e.reason.isEmpty { p.append(("reason", JSONText.quote(e.reason))) }
                if let o = e.outcome { p.append(("outcome", JSONText.quote(o.rawValue))) }
                if let s = e.satisfied { p.append(("satisfied", s ? "true" : "false")) }
                if let d = e.ombudsmanDecision { p.append(("decision", JSONText.quote(d.rawValue))) }
                if let r = e.remedy { p.append(("remedy", JSONText.quote(r.rawValue))) }
                if let a = e.amountPence { p.append(("amount_pence", String(a))) }
                return JSONText.object(p)
            })))
            return JSONText.object(pairs)
        }
        return JSONText.array(items, indent: 2) + "\n"
    }
}

/// The formats contacts are exported in: the import format as CSV, or the same as JSON.
public enum ContactExportFormat: String, CaseIterable, Sendable {
    case csv, json

    /// `contacts` in this format.
    public func render(_ contacts: [Contact], rules: Rules, calendar: WorkingDayCalendar, today: LocalDate,
                       correspondence: [Int64: Correspondence] = [:]) -> String {
        switch self {
        case .csv: return ContactCSV.write(contacts, rules: rules, calendar: calendar, today: today, correspondence: correspondence)
        case .json: return ContactJSON.write(contacts, rules: rules, calendar: calendar, today: today)
        }
    }
}
