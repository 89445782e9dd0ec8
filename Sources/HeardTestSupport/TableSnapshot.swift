import GRDB

/// Every row of every table of the file at `path` but those named in `except`, as text, read
/// through a connection of its own: compared before and after, it shows a step changed nothing
/// else (a read, which may only add to the access log).
/// On PostgreSQL (`path` a test schema's URL) the tables of that schema, each row's text sorted.
public func tableRows(_ path: String, except: Set<String> = ["reads"]) throws -> [String: [String]] {
    if path.hasPrefix("postgresql://") {
        var out: [String: [String]] = [:]
        let tables = try TestSchema.rows(path, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")
        for case let t? in tables.map({ $0.first ?? nil }) where !except.contains(t) {
            out[t] = try TestSchema.rows(path, "SELECT * FROM \"\(t)\"").map { "\($0)" }.sorted()
        }
        return out
    }
    let q = try DatabaseQueue(path: path)
    defer { try? q.close() }
    return try q.read { db in
        var out: [String: [String]] = [:]
        for t in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") where !except.contains(t) {
            out[t] = try Row.fetchAll(db, sql: "SELECT * FROM \(t.quotedDatabaseIdentifier)").map(\.description)
        }
        return out
    }
}
