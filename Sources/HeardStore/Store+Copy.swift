import Foundation
import HeardCore

/// One table's rows, counted: what `heard migrate` compares between the two records.
public struct TableCount: Equatable, Sendable {
    public let table: String
    public let rows: Int
    public init(table: String, rows: Int) { self.table = table; self.rows = rows }
}

/// What a copy proved: the counts of both records and the report periods that came out the same.
public struct CopyProof: Sendable {
    public var counts: [TableCount]
    /// The financial years whose report (JSON, public and not) is byte-identical in both.
    public var years: [Period]
}

extension Store {
    /// The tables a record is made of, each before any that refers to it: what a copy carries,
    /// in this order. The search index is not among them: it is built again from the contacts.
    static let recordTables = [
        "contacts", "issues", "events", "learning_points", "actions", "action_notes", "stage_people",
        "contact_log", "letters", "documents", "holidays", "audit", "subject_access_requests", "reads",
    ]

    /// Tables of the schema that are not copied: SQLite's search index (built again from the
    /// contacts) and the marker that exists only during a disposal. Every other table of
    /// `Schema.expectedShape` must be in `recordTables` (a test holds the two lists together).
    public static func isCopiedAside(_ table: String) -> Bool {
        Schema.isSQLiteIndex(table) || table == "audit_redaction"
    }

    /// The tables of the schema neither copied nor set aside: empty, or a new table would be
    /// left behind by `heard migrate` without a word.
    public static var tablesMigrateWouldMiss: [String] {
        (Schema.expectedShape?.keys.sorted() ?? ["(no schema)"]).filter { !recordTables.contains($0) && !isCopiedAside($0) }
    }

    /// Each record table's columns, as the migrations define them (the same on both databases).
    static func recordColumns(_ table: String) throws -> [String] {
        guard let shape = Schema.expectedShape else { throw StoreError.database("the table list could not be read") }
        guard let columns = shape[table], !columns.isEmpty else { throw StoreError.database("Heard has no table \(table)") }
        return columns
    }

    /// The number of rows in each record table, in copy order.
    public func tableCounts() throws -> [TableCount] {
        try query { conn in
            try Store.recordTables.map { t in TableCount(table: t, rows: try conn.int("SELECT count(*) FROM \(t)") ?? 0) }
        }
    }

    /// Copies every row of this record into `target`, history and all, in one transaction of the
    /// target's: a copy that fails leaves the target as it was. The target must hold no record
    /// yet (a fresh file, or a PostgreSQL database just made by `heard init --postgres`).
    /// `progress` is told each table as it is done.
    /// Returns the record as the copy read it (`CopySnapshot`), for `prove` to tell a copy that
    /// differs from one taken while someone saved.
    @discardableResult
    public func copyRecord(to target: Store, progress: (TableCount) -> Void = { _ in }) throws -> CopySnapshot {
        var snapshot = CopySnapshot(counts: [], lastChange: 0)
        if target.options.readOnly { throw StoreError.readOnly }
        let held = try target.tableCounts().filter { $0.rows > 0 && $0.table != "holidays" }
        if !held.isEmpty {
            let what = held.map { "\($0.rows) \($0.table)" }.joined(separator: ", ")
            throw StoreError.refused("\(target.path) already holds a record (\(what)): a copy goes into an empty database only")
        }
        try target.backend.write { out in
            if out.dialect == .postgres {
                // The audit names who made each change; in a copy that is the history's own names,
                // not the person copying. The server keeps them only for the tables' owner (the
                // role that made them): anyone else's copy would be stamped with their own name
                // and today's time, so it is refused before a row is written.
                let owner = try out.int("SELECT count(*) FROM pg_catalog.pg_class WHERE oid = to_regclass('audit') AND pg_catalog.pg_has_role(current_user, relowner, 'MEMBER')") ?? 0
                if owner == 0 {
                    throw StoreError.refused("only the owner of the record's tables (the role that ran 'heard init --postgres' or first opened the empty database) may copy a record into \(target.path), so that the history keeps its names and times; nothing was copied")
                }
                try out.execute("SET LOCAL heard.copying = 'on'")
                try out.execute(Store.bulkLoadSetting)
            }
            // Cells that cannot go to the server, every one of them, said together (one at a time, a
            // file with several was mended and copied again for each; a trial).
            var problems: [CopyProblem] = []
            // Holidays the target was made with (none, or the same imported ones) give way to the source's.
            try out.execute("DELETE FROM holidays")
            try backend.read { from in
                // In the read that is copied (one snapshot on both databases).
                snapshot = try Store.snapshot(from)
                for table in Store.recordTables {
                    let columns = try Store.recordColumns(table)
                    let list = columns.joined(separator: ", ")
                    // Many rows to a statement: on a server each statement is a round trip, and
                    // one row to each made a copy of 10,000 cases take minutes. Under both
                    // databases' limit of parameters to a statement (SQLite's 32,766).
                    let perStatement = max(1, min(500, 30_000 / max(1, columns.count)))
                    let row = "(" + columns.map { _ in "?" }.joined(separator: ", ") + ")"
                    func insert(_ n: Int) -> String {
                        "INSERT INTO \(table) (\(list)) VALUES " + Array(repeating: row, count: n).joined(separator: ", ")
                    }
                    let full = insert(perStatement)
                    let order = columns.contains("id") ? "id" : columns[0]
                    var rows = 0
                    var values: [Bound] = []
                    values.reserveCapacity(columns.count * perStatement)
                    let toServer = out.dialect == .postgres
                    // The server's type of each column (information_schema's `data_type`), by position,
                    // to take each value as it will (`CopyProblem.value`).
                    var serverTypes: [String: String] = [:]
                    if toServer {
                        for r in try out.rows("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?", [.text(table)]) {
                            if let name = r.first?.text, let type = r.count > 1 ? r[1].text : nil { serverTypes[name] = type }
                        }
                    }
                    let types = columns.map { serverTypes[$0] }
                    let idColumn = columns.firstIndex(of: "id").map { Int32($0) }
                    try from.each("SELECT \(list) FROM \(table) ORDER BY \(order)", [], cached: false) { r in
                        for i in 0..<Int32(columns.count) {
                            var v = r.value(i)
                            if toServer {
                                // Where the cell is, said only when it cannot go (never its value).
                                func cannotGo(_ kind: CopyProblem.Kind) {
                                    let row = idColumn.map { " row id \(r.int64($0))" } ?? ""
                                    problems.append(CopyProblem(place: "\(table)\(row), column \(columns[Int(i)])", kind: kind))
                                }
                                let type = types[Int(i)]
                                // Text as the file holds it, byte for byte: its reader made any bytes
                                // that are not UTF-8 into U+FFFD, and the copy proved equal (a re-check).
                                // Text in a document's bytes is its own bytes, as SQLite's CAST gives them.
                                if case .text = v {
                                    if type == "bytea" {
                                        v = .blob(r.withTextBytes(i) { Data($0) })
                                    } else if !r.withTextBytes(i, { String(validating: $0, as: UTF8.self) != nil }) {
                                        cannotGo(.other("text that is not UTF-8"))
                                        continue
                                    }
                                }
                                // Bytes where Heard keeps text (SQLite stores what it is given): the
                                // server took them as text in its hex form ('\x00ff'), and the copy
                                // proved equal (counts and reports), the value changed (an attack).
                                // Bytes that are UTF-8 are that text, as Heard reads the cell on SQLite.
                                if case .blob(let d) = v, type != "bytea" {
                                    guard let t = String(data: d, encoding: .utf8) else {
                                        cannotGo(.bytes)
                                        continue
                                    }
                                    v = .text(t)
                                }
                                if let type, type != "text" {
                                    let (taken, problem) = CopyProblem.value(v, asServerType: type)
                                    if let problem {
                                        cannotGo(problem)
                                        continue
                                    }
                                    v = taken ?? v
                                }
                                // PostgreSQL's text cannot hold a NUL: libpq sent the text up to it, and
                                // the copy was cut short there and still proved equal (an attack). Heard
                                // never writes one; another tool may have.
                                if case .text(let t) = v, t.utf8.contains(0) {
                                    cannotGo(.nul)
                                    continue
                                }
                            }
                            values.append(Bound(v))
                        }
                        rows += 1
                        // Once a cell cannot go, nothing is written: the rest is read for what else cannot.
                        if !problems.isEmpty { values.removeAll(keepingCapacity: true); return }
                        if rows % perStatement == 0 {
                            try out.each(full, values, cached: true) { _ in }
                            values.removeAll(keepingCapacity: true)
                        }
                    }
                    if !values.isEmpty && problems.isEmpty { try out.each(insert(values.count / columns.count), values, cached: false) { _ in } }
                    progress(TableCount(table: table, rows: rows))
                }
            }
            if !problems.isEmpty { throw CopyProblem.refusal(problems) }
            switch out.dialect {
            case .sqlite:
                try out.execute("INSERT INTO contacts_fts(contacts_fts) VALUES('rebuild')")
                try Store.takeNameWords(out, limit: nil)
            case .postgres:
                // Ids were copied as they were: the next new row must come after the last.
                for table in Store.recordTables where try Store.recordColumns(table).contains("id") {
                    try out.execute("SELECT setval(pg_get_serial_sequence('\(table)', 'id'), coalesce((SELECT max(id) FROM \(table)), 0) + 1, false)")
                }
                // Statistics, committed with the rows: until the server has them it plans for
                // empty tables, and straight after a bulk load it ignored the partial index of
                // unreadable rows that every command's check asks (171 ms instead of 0.06 at
                // 100,000) until autovacuum came round. (SQLite's planner needs none for it.)
                try out.execute("ANALYZE " + Store.recordTables.joined(separator: ", "))
                // The name index (schema v14) takes every case's words, as a file's does above.
                if try Store.hasNameIndex(out) {
                    try Store.takeNameWords(out, limit: nil)
                    try out.execute("ANALYZE name_words")
                }
            }
        }
        // The fill above left a dead row version for every case in the name index and its notes
        // (a note made and taken per case): every later step's take read them all, 3-28 ms a save
        // at 100,000 until autovacuum came round (minutes after a copy). VACUUM runs in no
        // transaction, so after the copy's; only the tables' owner copies, and owns them.
        if target.dialect == .postgres, target.hasNameIndex, let m = target.backend as? SQLMaintenance {
            try? m.runOutsideTransaction("VACUUM ANALYZE name_words, name_words_stale")
        }
        return snapshot
    }

    /// Proves `copy` holds the same record as this one: every table's count, and the report of
    /// each of the last ten financial years to `today`, in full and public, byte for byte.
    /// Throws `.refused` naming the first difference.
    /// With `snapshot` (what `copyRecord` read), a record changed since the copy read it (an
    /// officer saved, or opened a case, which the access log keeps) is said as that, not as a
    /// copy that differs: the copy is held to the counts it was taken from, and the reports are
    /// compared only when no change was made since (found by a trial on a team's server).
    public func prove(copy: Store, today: LocalDate, snapshot: CopySnapshot? = nil) throws -> CopyProof {
        let now = try query { try Store.snapshot($0) }
        let mine = snapshot?.counts ?? now.counts
        let theirs = try copy.tableCounts()
        for (a, b) in zip(mine, theirs) where a != b {
            throw StoreError.refused("the copy differs: \(a.table) has \(a.rows) rows here and \(b.rows) in the copy")
        }
        if let snapshot, snapshot != now {
            let moved = zip(snapshot.counts, now.counts).filter { $0 != $1 }.map { "\($1.rows - $0.rows) \($0.table)" }
            let what = moved.isEmpty ? "changes were saved" : "rows were added or removed: " + moved.joined(separator: ", ")
            throw StoreError.refused("the record changed while it was copied (\(what)), so the copy, which holds it as it was when the copy began, "
                                     + "cannot be proved against it now. Copy again when no one is working on it")
        }
        let thisYear = Period.financialYear(containing: today).from.year
        var years: [Period] = []
        for start in (thisYear - 9)...thisYear {
            let period = Period.financialYear(starting: start)
            let a = try reportJSON(period, today: today)
            let b = try copy.reportJSON(period, today: today)
            if a != b {
                throw StoreError.refused("the copy differs: the report for \(period.from.iso) to \(period.to.iso) is not the same")
            }
            years.append(period)
        }
        return CopyProof(counts: mine, years: years)
    }

    /// Each record table's count and the last audit row's id, in the read `conn` is in.
    static func snapshot(_ conn: any SQLConnection) throws -> CopySnapshot {
        CopySnapshot(counts: try Store.recordTables.map { t in TableCount(table: t, rows: try conn.int("SELECT count(*) FROM \(t)") ?? 0) },
                     lastChange: try conn.int("SELECT coalesce(max(id), 0) FROM audit") ?? 0)
    }

    /// The report of `period` as JSON, in full and public: what a copy must reproduce exactly.
    func reportJSON(_ period: Period, today: LocalDate) throws -> [String] {
        let options = ReportOptions(period: period, today: today, rules: rules, calendar: try calendar(), reference: reference)
        let report = try self.report(options)
        return [ReportRenderer.render(report, as: .json),
                ReportRenderer.render(report.publicVersion(threshold: rules.suppressUpTo), as: .json)]
    }
}

/// A cell a copy to a server cannot take: where it is (table, row, column; never its value),
/// and what it holds.
struct CopyProblem {
    var place: String
    /// A NUL; bytes that are not text where text belongs; or what else, in words ("text where a
    /// whole number belongs").
    enum Kind: Equatable { case nul, bytes, other(String) }
    var kind: Kind

    var words: String {
        switch kind {
        case .nul: return "a NUL character"
        case .bytes: return "bytes that are not text"
        case .other(let what): return what
        }
    }

    /// The refusal for `problems`: one said as it always was; several listed, the first 20.
    static func refusal(_ problems: [CopyProblem]) -> StoreError {
        if problems.count == 1, let p = problems.first {
            switch p.kind {
            case .nul: return .refused("\(p.place), holds a NUL character, which PostgreSQL cannot store; nothing was copied (remove it in the file first)")
            case .bytes: return .refused("\(p.place), holds bytes that are not text where Heard keeps text (written by another tool); nothing was copied (correct it in the file first)")
            case .other(let what): return .refused("\(p.place), holds \(what) (written by another tool); nothing was copied (correct it in the file first)")
            }
        }
        let listed = problems.prefix(20).map { "\($0.place): \($0.words)" }
        let more = problems.count > 20 ? "; and \(problems.count - 20) more" : ""
        return .refused("\(problems.count) cells cannot be copied to PostgreSQL (written by another tool); nothing was copied (correct them in the file first): "
                        + listed.joined(separator: "; ") + more)
    }

    /// `value`, read from a file, as the server's column of type `type` (information_schema's
    /// `data_type`) takes it, or nil when it cannot without changing it. The server parses text
    /// for a number or bytes itself: "Mary Smith" in a number's column was refused with the name
    /// in its message, and text in a document's bytes was read as the server's escapes ('\\x4a…'
    /// became other bytes) and still proved equal (an attack).
    static func value(_ value: SQLValue, asServerType type: String) -> (SQLValue?, Kind?) {
        switch (type, value) {
        case (_, .null): return (value, nil)
        // (Text in a document's bytes is made its own bytes before it gets here.)
        case ("bytea", .blob): return (value, nil)
        case ("bytea", _): return (nil, .other("a number where Heard keeps a document's bytes"))
        case ("bigint", .integer), ("integer", .integer), ("smallint", .integer): return (value, nil)
        case ("bigint", .real(let d)), ("integer", .real(let d)), ("smallint", .real(let d)):
            if d.rounded() == d, let n = Int64(exactly: d) { return (.integer(n), nil) }
            return (nil, .other("a number with a fraction where Heard keeps a whole number"))
        case ("bigint", .text(let t)), ("integer", .text(let t)), ("smallint", .text(let t)):
            if let n = Int64(t) { return (.integer(n), nil) }
            return (nil, .other("text where Heard keeps a whole number"))
        case ("bigint", .blob), ("integer", .blob), ("smallint", .blob): return (nil, .other("bytes where Heard keeps a whole number"))
        case ("double precision", .integer), ("double precision", .real), ("real", .integer), ("real", .real): return (value, nil)
        case ("double precision", .text(let t)), ("real", .text(let t)):
            if let d = Double(t), d.isFinite { return (.real(d), nil) }
            return (nil, .other("text where Heard keeps a number"))
        case ("double precision", .blob), ("real", .blob): return (nil, .other("bytes where Heard keeps a number"))
        default: return (value, nil)
        }
    }
}

/// A record as a copy read it: each table's rows, and the last change's audit id.
public struct CopySnapshot: Equatable, Sendable {
    public var counts: [TableCount]
    public var lastChange: Int
}
