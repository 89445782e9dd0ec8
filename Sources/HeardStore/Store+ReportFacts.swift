import Foundation
import GRDB
import HeardCore

/// Report facts kept in the file (on a server: `PostgresReportFacts`, the same facts under
/// stamps): each complaint's `ReportFacts`, worked out by a report from its issues and events,
/// kept so that the next report counts it without reading them
/// or running its clock (most of a report's work). Not a version of the schema: a writable open
/// makes the table and its triggers where a file lacks them, as it makes `Schema.unversionedIndexes`.
///
/// Kept facts are used only while they are certainly what the issues and events give:
/// - triggers in the file delete a case's facts whenever any program (Heard, an older Heard,
///   another tool) adds, changes or removes one of its issues or events, or changes its kind,
///   received date or procedure; a file whose triggers are not all there as made neither reads
///   nor keeps facts (and a writable open makes them again and forgets every fact);
/// - each row names the key it was worked out under (`reportFactsKey`: this build of Heard, the
///   rules and the bank holidays), and is read only under the same key;
/// - facts are kept only when they no longer change with the day (`ReportFacts.settled`), and
///   read only on or after the day they settled;
/// - a report keeps the facts it worked out only if nothing was written to the file between the
///   moment before it began reading and the moment it writes them (`ReportFactsMark`);
/// - texts Swift holds equal in different bytes (canonically equivalent) print in the form met
///   first, which depends on what was read: a report that met any counts again without facts.
extension Store {
    static let reportFactsTable = "report_facts"

    /// The table and its triggers, each with its text as SQLite keeps it.
    static let reportFactsSchema: [(name: String, sql: String)] = {
        var out = [(reportFactsTable, "CREATE TABLE report_facts (contact_id INTEGER PRIMARY KEY, key TEXT NOT NULL, settled TEXT NOT NULL, facts BLOB NOT NULL)")]
        // A case's id as its rows are read (`SQLRow.int64`: 1185.25 or '1185x' is case 1185).
        func id(_ column: String) -> String { "CAST(\(column) AS INTEGER)" }
        for (table, noun) in [("issues", "issue"), ("events", "event")] {
            out.append(("report_facts_\(noun)_added", "CREATE TRIGGER report_facts_\(noun)_added AFTER INSERT ON \(table) BEGIN DELETE FROM report_facts WHERE contact_id = \(id("NEW.contact_id")); END"))
            out.append(("report_facts_\(noun)_changed", "CREATE TRIGGER report_facts_\(noun)_changed AFTER UPDATE ON \(table) BEGIN DELETE FROM report_facts WHERE contact_id IN (\(id("OLD.contact_id")), \(id("NEW.contact_id"))); END"))
            out.append(("report_facts_\(noun)_removed", "CREATE TRIGGER report_facts_\(noun)_removed AFTER DELETE ON \(table) BEGIN DELETE FROM report_facts WHERE contact_id = \(id("OLD.contact_id")); END"))
            // A row put in the place of another by REPLACE (INSERT OR REPLACE, UPDATE OR REPLACE
            // of the id): SQLite deletes the other without its delete trigger (found by an attack).
            let owner = "(SELECT \(id("contact_id")) FROM \(table) WHERE id = NEW.id)"
            out.append(("report_facts_\(noun)_replacing", "CREATE TRIGGER report_facts_\(noun)_replacing BEFORE INSERT ON \(table) WHEN NEW.id IS NOT NULL BEGIN DELETE FROM report_facts WHERE contact_id = \(owner); END"))
            out.append(("report_facts_\(noun)_renumbered", "CREATE TRIGGER report_facts_\(noun)_renumbered BEFORE UPDATE OF id ON \(table) BEGIN DELETE FROM report_facts WHERE contact_id = \(owner); END"))
        }
        out.append(("report_facts_contact_added", "CREATE TRIGGER report_facts_contact_added AFTER INSERT ON contacts BEGIN DELETE FROM report_facts WHERE contact_id = NEW.id; END"))
        out.append(("report_facts_contact_changed", "CREATE TRIGGER report_facts_contact_changed AFTER UPDATE OF id, kind, received, procedure ON contacts BEGIN DELETE FROM report_facts WHERE contact_id IN (OLD.id, NEW.id); END"))
        out.append(("report_facts_contact_removed", "CREATE TRIGGER report_facts_contact_removed AFTER DELETE ON contacts BEGIN DELETE FROM report_facts WHERE contact_id = OLD.id; END"))
        return out
    }()

    /// Whether the file holds the table and every trigger exactly as made (`reportFactsSchema`).
    static func reportFactsIntact(_ conn: any SQLConnection) throws -> Bool {
        var present: [String: String] = [:]
        try conn.each("SELECT name, sql FROM sqlite_master WHERE name LIKE 'report\\_facts%' ESCAPE '\\'", [], cached: true) { r in
            present[r.text(0)] = r.text(1)
        }
        return reportFactsSchema.allSatisfy { present[$0.name] == $0.sql }
    }

    static func reportFactsIntact(_ db: Database) throws -> Bool { try reportFactsIntact(SQLiteConnection(db)) }

    /// At a writable open: makes the table and its triggers where any is missing or not as made
    /// (another tool dropped or changed one: the facts it holds may be out of date, so all go),
    /// once, if it can at once (as `addUnversionedIndexes`); a file that cannot take them is
    /// read without facts.
    func ensureReportFacts() {
        guard let intact = try? pool.read({ try Store.reportFactsIntact($0) }), !intact else { return }
        try? pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA busy_timeout = 0")
            defer { try? db.execute(sql: "PRAGMA busy_timeout = \(Int(options.busyTimeout * 1000))") }
            try db.inTransaction(.immediate) {
                for (name, _) in Store.reportFactsSchema.dropFirst() { try db.execute(sql: "DROP TRIGGER IF EXISTS \(name)") }
                try db.execute(sql: "DROP TABLE IF EXISTS report_facts")
                for (_, sql) in Store.reportFactsSchema { try db.execute(sql: sql) }
                return .commit
            }
        }
    }

    /// The key kept facts are worked out under: this build, the rules the clock reads and the
    /// bank holidays, as a hash. Nil where no facts are kept: on a server whose schema lacks them
    /// or whose stamping triggers are not as made (`PostgresReportFacts`), or in a program
    /// without a build id.
    func reportFactsKey(_ o: ReportOptions) -> String? {
        guard let build = BuildIdentity.id else { return nil }
        if !(backend is SQLiteBackend) {
            guard (try? query({ try PostgresSchema.reportFactsIntact($0) })) == true else { return nil }
        }
        var text = build
        // Each procedure as JSON, its keys sorted: every field, the same text each time (its
        // description, by reflection, was a millisecond of every report).
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for kind in ProcedureKind.allCases {
            guard let json = try? encoder.encode(o.rules.procedure(kind)) else { return nil }
            text += "|\(kind.rawValue)=" + String(decoding: json, as: UTF8.self)
        }
        text += "|\(o.rules.enquiryDays)|\(o.rules.memberEnquiryDays)|\(o.rules.complaintTimeLimitMonths)|"
        text += o.calendar.holidays.keys.map(\.dayNumber).sorted().map(String.init).joined(separator: ",")
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return "1:" + String(h, radix: 16)
    }

    /// The facts kept for the contacts with ids from `lo` to `hi` that are `wanted`, under `read`'s
    /// key and usable on its day, by contact id; rows that are not such facts whole are left out (worked out again).
    /// None when the file's table or triggers are not as made.
    /// `keeps`: on a server, whether a case's facts may be kept from this read (its contact row
    /// was read in this transaction: a fact worked out from a row read in another, under the
    /// stamp read in this one, could be kept stale; found by an attack).
    static func keptReportFacts(_ conn: any SQLConnection, _ read: ReportFactsRead, lo: Int64, hi: Int64,
                                wanted: (Int64) -> Bool, capacity: Int = 0, keeps: (Int64) -> Bool = { _ in true },
                                _ intern: inout Interner) throws -> [Int64: ReportFacts] {
        if conn.dialect == .postgres {
            return try keptReportFactsOnServer(conn, read, lo: lo, hi: hi, wanted: wanted, capacity: capacity, keeps: keeps, &intern)
        }
        var out: [Int64: ReportFacts] = [:]
        // At the piece's size (`capacity`), not grown and rehashed as the facts come.
        out.reserveCapacity(capacity)
        // In the reader's own transaction: the facts it reads are as the triggers left them.
        guard try reportFactsIntact(conn) else { return out }
        let today = read.today.iso
        func row<R: SQLRow>(_ r: R) {
            // Only the piece's own complaints' facts are decoded: a category of a case not counted
            // here must not reach the interner, where it would decide the form another prints.
            guard wanted(r.int64(0)), r.kind(1) == .text, r.kind(2) == .blob,
                  let settled = r.withTextBytes(1, { LocalDate(isoUTF8: $0) }), settled <= read.today else { return }
            // Categories through the reader's interner, as read from the issues: one String per
            // distinct value, and texts in mixed forms noticed (`Interner.mixedForms`).
            if let facts = r.withBlobBytes(2, { ReportFacts(encoded: $0) { intern(bytes: $0) } }) { out[r.int64(0)] = facts }
        }
        try conn.each(SQLRead(sql: "SELECT contact_id, settled, facts FROM report_facts WHERE contact_id BETWEEN ? AND ? AND key = ? AND settled <= ?",
                              arguments: [.int(lo), .int(hi), .text(read.key), .text(today)], cached: true),
                      file: { row($0) }, server: { row($0) })
        return out
    }

    /// How a report will keep the facts it works out, taken before it begins reading, or nil when
    /// facts cannot be kept (a file opened read-only or without the table, a login on a server
    /// that may not write them). On a file: where the writer stood (`PRAGMA data_version`: other
    /// connections' commits; `total_changes()`: this connection's own). On a server: the stamps
    /// its readers will read (`PostgresReportFacts`).
    /// On a server a store opened to read keeps them too, as it logs its reads (`heard report`
    /// opens a server read-only): they are derived, and the server says who may write them; but
    /// never under `heard --read-only` (`leaveFileAsIs`), which changes nothing.
    func reportFactsKeeping() -> ReportFactsKeeping? {
        guard let file = backend as? SQLiteBackend else {
            guard !options.leaveFileAsIs, (try? query({ try Store.mayKeepReportFacts($0) })) == true else { return nil }
            return .server(ReportStamps())
        }
        guard !options.readOnly else { return nil }
        return try? file.pool.writeWithoutTransaction { db -> ReportFactsKeeping? in
            guard try Store.reportFactsIntact(db) else { return nil }
            return .file(try writerMark(db))
        }
    }

    /// The file's mark (`reportFactsKeeping`), nil on a server.
    func reportFactsMark() -> ReportFactsMark? {
        if case .file(let mark) = reportFactsKeeping() { return mark }
        return nil
    }

    /// Keeps `fresh` in the file (`keepReportFacts(_:key:_:)`) if nothing was written since `mark`.
    func keepReportFacts(_ fresh: [FreshReportFacts], key: String, since mark: ReportFactsMark) {
        keepReportFacts(fresh, key: key, .file(mark))
    }

    /// Taken on the writer (where every change this store makes is made, so that `changes` and
    /// `factsChanges` are read together).
    private func writerMark(_ db: Database) throws -> ReportFactsMark {
        ReportFactsMark(dataVersion: try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0,
                        changes: try Int.fetchOne(db, sql: "SELECT total_changes()") ?? 0,
                        factsChanges: reportFactsChanges.withLock { $0 })
    }

    /// Keeps `fresh` under `key`, in one transaction, if nothing was written to the file since
    /// `mark` but report facts this store kept (another report's: the screen builds a period
    /// and the one it is compared with side by side, and the second to finish kept nothing, to
    /// work out its 6,000 complaints again at the next opening) and the lock can be had at once;
    /// otherwise keeps nothing (the next report works them out again). Never an error: the
    /// report stands either way. Another connection's commit changes `data_version`; any other
    /// change through this store's writer adds to `total_changes()` beyond the facts' own.
    func keepReportFacts(_ fresh: [FreshReportFacts], key: String, _ keeping: ReportFactsKeeping) {
        guard !fresh.isEmpty else { return }
        let mark: ReportFactsMark
        switch keeping {
        case .server(let stamps): return keepReportFactsOnServer(fresh, key: key, stamps: stamps)
        case .file(let m): mark = m
        }
        guard let file = backend as? SQLiteBackend else { return }
        try? file.pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA busy_timeout = 0")
            defer { try? db.execute(sql: "PRAGMA busy_timeout = \(Int(options.busyTimeout * 1000))") }
            // Whatever the end (committed, rolled back, failed), the changes made here are facts'.
            let before = try Int.fetchOne(db, sql: "SELECT total_changes()") ?? 0
            defer {
                if let after = try? Int.fetchOne(db, sql: "SELECT total_changes()") {
                    reportFactsChanges.withLock { $0 += after - before }
                }
            }
            try db.inTransaction(.immediate) {
                guard try writerMark(db).isOnlyFactsSince(mark), try Store.reportFactsIntact(db) else { return .rollback }
                let insert = try db.makeStatement(sql: "INSERT OR REPLACE INTO report_facts (contact_id, key, settled, facts) VALUES (?, ?, ?, ?)")
                for f in fresh {
                    try insert.execute(arguments: [f.contactID, key, f.settled.iso, Data(f.facts.encoded())])
                }
                return .commit
            }
        }
    }
}

/// What a report reads kept facts under: its key and its day; on a server, where the stamps of
/// the cases it reads go, when it will keep facts.
struct ReportFactsRead: Sendable {
    var key: String
    var today: LocalDate
    var stamps: ReportStamps? = nil
}

/// `Store.reportFactsKeeping`.
enum ReportFactsKeeping: Sendable {
    case file(ReportFactsMark)
    case server(ReportStamps)

    var stamps: ReportStamps? {
        if case .server(let s) = self { return s }
        return nil
    }
}

/// `Store.reportFactsMark`.
struct ReportFactsMark: Equatable, Sendable {
    var dataVersion: Int
    var changes: Int
    /// How many of `changes` were report facts kept (`Store.reportFactsChanges`).
    var factsChanges: Int

    /// Whether, this mark taken after `earlier` on the same writer, nothing but kept report
    /// facts was written between: no other connection committed, and every change this
    /// connection made was facts'.
    func isOnlyFactsSince(_ earlier: ReportFactsMark) -> Bool {
        dataVersion == earlier.dataVersion && changes - earlier.changes == factsChanges - earlier.factsChanges
    }
}
