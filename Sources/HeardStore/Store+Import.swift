import Foundation
import GRDB
import HeardCore

/// What an import did (or, in a dry run, would do).
public struct ImportSummary: Sendable {
    public var imported: Int
    public var byKind: [ContactKind: Int]
    public var droppedControlCharacters: Int
    public var ignoredColumns: [String]
    public var dryRun: Bool
}

extension Store {
    /// Imports contacts from CSV bytes: all or nothing. Every bad row is listed as
    /// `line N: field: problem` and nothing is written.
    public func importCSV(_ bytes: [UInt8], source: String, dryRun: Bool, today: LocalDate) throws -> ImportSummary {
        let records: [CSVRecord]
        do { records = try CSVReader.parse(bytes) } catch let e as CSVSyntaxError {
            throw StoreError.invalidImport([RowProblem(line: e.line, field: "row", problem: e.message)])
        }
        let calendar = try self.calendar()
        let parsed = ContactCSV.read(records, reference: reference, rules: rules, calendar: calendar, today: today)
        var problems = parsed.problems
        // References already on file.
        let given = parsed.contacts.filter { !$0.contact.reference.isEmpty }
        if !given.isEmpty {
            let existing: Set<String> = try read { db in
                Set(try String.fetchAll(db, sql: "SELECT upper(reference) FROM contacts"))
            }
            for (line, c) in given where existing.contains(c.reference.uppercased()) {
                problems.append(RowProblem(line: line, field: "reference", problem: "\(c.reference) is already in the database"))
            }
        }
        if !problems.isEmpty { throw StoreError.invalidImport(problems.sorted { ($0.line, $0.field) < ($1.line, $1.field) }) }
        var summary = ImportSummary(imported: parsed.contacts.count, byKind: [:], droppedControlCharacters: parsed.droppedControlCharacters,
                                    ignoredColumns: parsed.ignoredColumns, dryRun: dryRun)
        for (_, c) in parsed.contacts { summary.byKind[c.kind, default: 0] += 1 }
        if dryRun || parsed.contacts.isEmpty { return summary }
        let sourceName = (source as NSString).lastPathComponent
        try write { db in
            // A bulk insert touches every index page many times: give it room, then give it back.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
            var nextNumber: [Int: Int] = [:]
            let usedRefs = Set(parsed.contacts.map { $0.contact.reference.uppercased() })
            for (_, contact) in parsed.contacts {
                var c = contact
                if c.reference.isEmpty {
                    let y = c.received.year
                    if nextNumber[y] == nil {
                        let last = try nextReference(db, year: y)
                        nextNumber[y] = Int(last.dropFirst("CS-\(y)-".count)) ?? 1
                    }
                    var n = nextNumber[y] ?? 1
                    var ref = Store.formatReference(year: y, number: n)
                    while usedRefs.contains(ref.uppercased()) { n += 1; ref = Store.formatReference(year: y, number: n) }
                    c.reference = ref
                    nextNumber[y] = n + 1
                }
                try insert(db, &c, calendar: calendar, today: today, auditRow: false, fts: false)
                var ch = Changes()
                ch.add("source", nil, sourceName)
                try audit(db, entity: "contact", id: c.id, reference: c.reference, action: "import", changes: ch)
            }
            try db.execute(sql: "INSERT INTO contacts_fts(contacts_fts) VALUES('rebuild')")
        }
        return summary
    }

    /// Every contact in the import format, so that export then import round-trips.
    public func exportCSV(today: LocalDate) throws -> String {
        let calendar = try self.calendar()
        return ContactCSV.write(try allContacts(), rules: rules, calendar: calendar, today: today)
    }

    /// Every contact as a JSON array (the import columns as keys, plus issues and history).
    public func exportJSON(today: LocalDate, only ids: Set<Int64>? = nil) throws -> String {
        let calendar = try self.calendar()
        let keys = ContactCSV.columns + ContactCSV.extraColumns
        let items = try allContacts().filter { ids == nil || ids?.contains($0.id ?? -1) == true }.map { c -> String in
            let values = ContactCSV.row(c, rules: rules, calendar: calendar, today: today)
            var pairs: [(String, String)] = zip(keys, values).map { k, v in
                if k == "categories" { return (k, JSONText.array(c.issues.map { JSONText.quote($0.category) })) }
                if k == "child_or_young_person" { return (k, c.isChildOrYoungPerson ? "true" : "false") }
                return (k, v.isEmpty ? "null" : JSONText.quote(v))
            }
            pairs.append(("issues", JSONText.array(c.issues.map { i in
                JSONText.object([("category", JSONText.quote(i.category))] + (1...3).compactMap { n in
                    i.findings[n].map { ("stage\(n)_finding", JSONText.quote($0.rawValue)) }
                })
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

/// The gov.uk `bank-holidays.json` format.
public enum BankHolidayFile {
    /// The England and Wales events of a gov.uk file, or a message naming what is wrong.
    public static func parse(_ data: Data, file: String) throws -> [BankHoliday] {
        let json: Any
        do { json = try JSONSerialization.jsonObject(with: data) } catch {
            throw StoreError.refused("\(file): not valid JSON")
        }
        guard let top = json as? [String: Any] else { throw StoreError.refused("\(file): expected an object keyed by \"england-and-wales\"") }
        guard let ew = top["england-and-wales"] as? [String: Any] else {
            throw StoreError.refused("\(file): no \"england-and-wales\" division")
        }
        guard let events = ew["events"] as? [Any] else { throw StoreError.refused("\(file): england-and-wales: no \"events\" list") }
        var out: [BankHoliday] = []
        for (i, item) in events.enumerated() {
            guard let e = item as? [String: Any] else { throw StoreError.refused("\(file): england-and-wales.events[\(i)]: not an object") }
            guard let ds = e["date"] as? String, let d = LocalDate(iso: ds) else {
                throw StoreError.refused("\(file): england-and-wales.events[\(i)].date: '\(e["date"].map { "\($0)" } ?? "missing")' is not a YYYY-MM-DD date")
            }
            let title = TextSanitiser.clean(e["title"] as? String ?? "Bank holiday", allowLineBreaks: false).0
            out.append(BankHoliday(date: d, title: title))
        }
        return out
    }
}
