import GRDB
import HeardCore

/// `heard check`'s look at every column of every table: a value of the wrong type (a blob or a
/// number where text belongs, a NULL where the schema forbids one) that another tool wrote. Heard
/// reads such a value as empty or skips the row; check names it, so nothing is lost unseen.
extension Store {
    /// Each table's columns with the types a fully migrated file declares, from a scratch
    /// database the migrations built (as `Schema.expectedShape`), so the list cannot drift.
    static let expectedColumnTypes: [String: [(name: String, type: String, notNull: Bool)]]? = {
        guard let q = try? DatabaseQueue(), (try? Schema.migrator.migrate(q)) != nil else { return nil }
        return try? q.read { db in
            var out: [String: [(String, String, Bool)]] = [:]
            for t in (try Schema.shape(db)).keys where !Schema.isFullTextTable(t) {
                out[t] = try Row.fetchAll(db, sql: "PRAGMA table_info(\(t.quotedDatabaseIdentifier))").compactMap { r in
                    guard let name = (r["name"] as DatabaseValue).text else { return nil }
                    return (name, ((r["type"] as DatabaseValue).text ?? "").uppercased(), ((r["notnull"] as DatabaseValue).int ?? 0) != 0)
                }
            }
            return out
        }
    }()

    /// The SQLite storage classes a declared type accepts (an INTEGER column may hold integers,
    /// a REAL one numbers); nil for a column declared without a type (anything goes).
    static func allowedStorage(_ declared: String) -> [String]? {
        if declared.contains("INT") { return ["integer"] }
        if declared.contains("CHAR") || declared.contains("TEXT") || declared.contains("CLOB") { return ["text"] }
        if declared.contains("BLOB") { return ["blob"] }
        if declared.contains("REAL") || declared.contains("FLOA") || declared.contains("DOUB") { return ["real", "integer"] }
        return nil
    }

    /// Problems of type in every column of every table, one line per column, naming up to five row
    /// ids. None on PostgreSQL, whose columns hold only the type they declare.
    func columnTypeProblems(_ conn: any SQLConnection) throws -> [String] {
        guard conn.dialect == .sqlite, let expected = Store.expectedColumnTypes else { return [] }
        var out: [String] = []
        for table in expected.keys.sorted() {
            let columns = (expected[table] ?? []).compactMap { c -> (name: String, condition: String)? in
                guard var allowed = Store.allowedStorage(c.type) else { return nil }
                if !c.notNull { allowed.append("null") }
                let col = c.name.quotedDatabaseIdentifier
                return (c.name, "typeof(\(col)) NOT IN (\(allowed.map { "'\($0)'" }.joined(separator: ", ")))")
            }
            guard !columns.isEmpty else { continue }
            // One pass over the table counts every column's misfits.
            let sums = columns.map { "sum(\($0.condition))" }.joined(separator: ", ")
            guard let row = try conn.row("SELECT \(sums) FROM \(table.quotedDatabaseIdentifier)") else { continue }
            for (i, c) in columns.enumerated() {
                let n = row[i].int ?? 0
                guard n > 0 else { continue }
                // (rowid: some tables, holidays among them, have no integer id; SQLite only, as is this whole check.)
                let ids = try conn.ints("SELECT rowid FROM \(table.quotedDatabaseIdentifier) WHERE \(c.condition) ORDER BY rowid LIMIT 5")
                let kinds = try conn.texts("SELECT DISTINCT typeof(\(c.name.quotedDatabaseIdentifier)) FROM \(table.quotedDatabaseIdentifier) WHERE \(c.condition) LIMIT 3")
                let shown = ids.map { "#\($0)" }.joined(separator: ", ") + (n > ids.count ? ", …" : "")
                out.append("\(table).\(c.name): \(n) row\(n == 1 ? "" : "s") hold\(n == 1 ? "s" : "") \(kinds.joined(separator: "/")) where the schema has \(expected[table]?.first { $0.name == c.name }?.type.lowercased() ?? "another type") (\(shown)); Heard reads \(n == 1 ? "it" : "them") as empty or leaves the row out")
            }
        }
        return out
    }

    /// Events another tool wrote with a kind or date Heard does not know: left out of their
    /// cases' clocks, so `check` names them.
    func unreadableEvents(_ conn: any SQLConnection) throws -> [Int64] {
        try Store.unreadableIDs(conn, table: "events", date: "date", kinds: CaseEventKind.allCases.map(\.rawValue))
    }
}
