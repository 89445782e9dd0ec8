import Foundation
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
    /// `line N: field: problem` and nothing is written. Rows are validated and written as they
    /// are read, in one transaction that is rolled back at the first sign of a bad file, so a
    /// large file is never held in memory twice.
    public func importCSV(_ bytes: [UInt8], source: String, dryRun: Bool, today: LocalDate) throws -> ImportSummary {
        try importCSV(bytes, source: source, dryRun: dryRun, today: today, batched: true)
    }

    /// `importCSV`; `batched` false writes the rows a contact at a time (the reference the
    /// batched writer is tested against).
    func importCSV(_ bytes: [UInt8], source: String, dryRun: Bool, today: LocalDate, batched: Bool) throws -> ImportSummary {
        let calendar = try self.calendar()
        let sourceName = (source as NSString).lastPathComponent
        var summary = ImportSummary(imported: 0, byKind: [:], droppedControlCharacters: 0, ignoredColumns: [], dryRun: dryRun)

        /// Thrown inside the transaction to roll it back (bad rows, or a dry run that wrote nothing).
        struct RollBack: Error {}
        var failure: StoreError?

        // A dry run reads (no transaction to write in); a real import writes in `tx`.
        let work: (any SQLConnection, Transaction?) throws -> Void = { conn, tx in
            // Folded in Swift as the file's are (`referenceKey`): SQL's upper() folds more on a server whose
            // text is not in the "C" collation.
            let existing = Set(try conn.texts("SELECT reference FROM contacts").map(ContactCSV.referenceKey))
            if tx != nil, conn.dialect == .postgres { try conn.execute(Store.bulkLoadSetting) }
            var nextNumber: [Int: Int] = [:]
            var auditWriter = ImportAuditWriter(source: sourceName)
            // Many contacts' rows to a statement (`batched` false: a contact's at a time).
            var batch: ImportBatch?
            // A team's server gives each audit row its time and login (`serverStamps`).
            let stamped = self.serverStamps
            if batched && tx != nil { batch = try ImportBatch(conn, stamped: stamped) }
            // On a server each contact's INSERT … RETURNING id waited for its answer (a round
            // trip a contact: 40 s for 100,000 over loopback). Its ids are taken from the
            // sequence ahead, as many as the reader's rows, so every INSERT waits in the pipeline.
            var serverIDs: [Int64] = []
            var nextServerID = 0
            // The file is read and checked on a thread of its own (ImportReader) while this one writes
            // (nothing below throws before the loop that stops it on an error).
            let reader = ImportReader(bytes: bytes, existing: existing, reference: self.reference, rules: self.rules, calendar: calendar, today: today)
            // References the file names itself, so that generated ones never take them: scanned
            // when the first row without one comes (a file whose rows all name theirs, as an
            // export does, is never scanned: 0.2 s of the writing thread at 100,000 rows).
            var named: Set<String>?
            func write(_ contact: Contact, _ corr: Correspondence) throws {
                guard let tx else { return }
                var c = contact
                if c.reference.isEmpty {
                    let y = c.received.year
                    if nextNumber[y] == nil {
                        // The year's highest reference is read from the table: every row before this one in it.
                        try batch?.flush()
                        let last = try self.nextReference(conn, year: y)
                        nextNumber[y] = Int(last.dropFirst("CS-\(y)-".count)) ?? 1
                    }
                    var n = nextNumber[y] ?? 1
                    var ref = Store.formatReference(year: y, number: n)
                    if named == nil { named = ImportReferenceScan.references(in: bytes) }
                    while existing.contains(ContactCSV.referenceKey(ref)) || named?.contains(ContactCSV.referenceKey(ref)) == true {
                        n += 1
                        ref = Store.formatReference(year: y, number: n)
                    }
                    c.reference = ref
                    nextNumber[y] = n + 1
                }
                guard batch != nil else {
                    var presetID: Int64?
                    if nextServerID < serverIDs.count { presetID = serverIDs[nextServerID]; nextServerID += 1 }
                    try self.importInsert(tx.sql, &c, calendar: calendar, today: today, id: presetID)
                    try auditWriter.write(self, tx, id: c.id, reference: c.reference)
                    if let id = c.id, !corr.isEmpty { try self.importCorrespondence(tx.sql, corr, contactID: id) }
                    return
                }
                try batch?.add(&c, values: self.contactValues(c, calendar: calendar, today: today))
                try batch?.addAudit(auditWriter.values(self, tx, id: c.id, reference: c.reference, stamped: stamped))
                // Rows of other tables that name this contact: written one at a time, once it is in.
                guard let id = c.id, !c.stagePeople.isEmpty || !corr.isEmpty else { return }
                try batch?.flush()
                if !c.stagePeople.isEmpty { try self.writeStagePeople(tx.sql, c.stagePeople, contactID: id) }
                if !corr.isEmpty { try self.importCorrespondence(tx.sql, corr, contactID: id) }
            }
            do {
                while let rows = reader.next() {
                    if tx != nil, conn.dialect == .postgres, !rows.isEmpty {
                        serverIDs = try conn.ints("SELECT nextval(pg_get_serial_sequence('contacts', 'id')) FROM generate_series(1, CAST(? AS BIGINT))", [.int(Int64(rows.count))])
                        nextServerID = 0
                        batch?.reserve(serverIDs)
                    }
                    for row in rows { try write(row.contact, row.correspondence) }
                }
            } catch {
                reader.stop()
                throw error
            }
            let header = reader.importer
            summary.imported = reader.imported
            summary.byKind = reader.byKind
            if let e = reader.syntaxError {
                failure = .invalidImport([RowProblem(line: e.line, field: "row", problem: e.message)] + (header?.problems ?? []))
                throw RollBack()
            }
            guard let importer = header else {
                failure = .invalidImport([RowProblem(line: 1, field: "header", problem: "the file is empty; the first row must name the columns")])
                throw RollBack()
            }
            summary.droppedControlCharacters = importer.dropped
            summary.ignoredColumns = importer.ignoredColumns
            if !importer.problems.isEmpty {
                failure = .invalidImport(importer.problems.sorted { ($0.line, $0.field) < ($1.line, $1.field) })
                throw RollBack()
            }
            if dryRun || summary.imported == 0 { return }
            try batch?.flush()
            // SQLite's full-text index, built once for the whole file (PostgreSQL's search is its own).
            if conn.dialect == .sqlite { try conn.execute("INSERT INTO contacts_fts(contacts_fts) VALUES('rebuild')") }
            // PostgreSQL's planner ignores the partial indexes (the unreadable check's) until it has
            // statistics, and autovacuum takes about a minute to gather them after a bulk load. A
            // role that does not own the tables is skipped with a warning, not an error.
            if conn.dialect == .postgres { try conn.execute(Store.importAnalyzeSQL) }
        }
        do {
            if dryRun {
                try query { try work($0, nil) }
            } else {
                try write { tx in
                    let conn = tx.sql
                    // A bulk insert touches every index page many times: give SQLite's page cache
                    // room, then give it back (PostgreSQL's buffers are the server's).
                    let sqlite = conn.dialect == .sqlite
                    if sqlite { try conn.execute("PRAGMA cache_size = -20000") }
                    defer { if sqlite { try? conn.execute("PRAGMA cache_size = -2000") } }
                    // Its rows go in without the triggers' program run for each (Store+ImportTriggers).
                    if sqlite && batched {
                        try importedWithoutTriggers(conn) { try work(conn, tx) }
                    } else {
                        try work(conn, tx)
                    }
                }
            }
        } catch is RollBack {
            throw failure ?? StoreError.refused("the import was abandoned")
        }
        return summary
    }

    /// A server's setting for a transaction that loads many rows into tables that other rows
    /// name (an import, a copy), set before its first row. Each row of `issues`, `events` and the
    /// like has its reference to `contacts` checked by a query the server plans once for the
    /// session, from the statistics it holds then. A record analysed while it held a few cases
    /// (a trial, a first week) told it `contacts` was a page or two, and it chose to read the
    /// table whole for each check: an import of 20,000 rows into a record of one case took 54
    /// s instead of 2.4, and 100,000 rows more than ten minutes (found measuring the import; an
    /// empty record, never analysed, was not hit). Without sequential reads it plans each check on
    /// the primary key, as it would for a table of any size. The reads of such a step are by
    /// key or by index too (the references already taken are read before it is set).
    static let bulkLoadSetting = "SET LOCAL enable_seqscan = off"

    /// Statistics for the tables an import fills (PostgreSQL; ANALYZE may run in a transaction).
    static let importAnalyzeSQL = "ANALYZE contacts, issues, events, stage_people, contact_log, letters, audit"

    /// The upper-cased values of a CSV's reference column (empty when it has none or is unreadable),
    /// through the full parser: the reference `ImportReferenceScan` is tested against.
    static func referencesNamed(in bytes: [UInt8]) -> Set<String> {
        var column: Int?
        var first = true
        var out = Set<String>()
        try? CSVReader.forEach(bytes) { rec in
            if first {
                first = false
                column = rec.fields.firstIndex { normaliseWord($0) == "reference" }
                return
            }
            if let c = column, c < rec.fields.count {
                let v = rec.fields[c].trimmingSpaces
                if !v.isEmpty { out.insert(ContactCSV.referenceKey(v)) }
            }
        }
        return out
    }

    /// Every contact in the import format, so that export then import round-trips.
    public func exportCSV(today: LocalDate) throws -> String { try exportContacts(.csv, today: today).text }

    /// Every contact (or those in `ids`, in received order) as `heard export --format json` writes them.
    public func exportJSON(today: LocalDate, only ids: Set<Int64>? = nil) throws -> String {
        guard let ids else { return try exportContacts(.json, today: today).text }
        let order = try query { try $0.ints("SELECT id FROM contacts ORDER BY received, id") }.filter { ids.contains($0) }
        return try exportContacts(.json, ids: order, today: today).text
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
