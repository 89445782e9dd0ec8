import Foundation
import GRDB
import GRDBSQLite

/// Reads rows straight from SQLite for the hot paths (the report and the case list load tens of
/// thousands of rows); GRDB's Row decodes each cell through a DatabaseValue, which costs more
/// than the query itself at that size.
/// Being retired: `SQLConnection.each(sql, args, cached:)` does the same on either database (the
/// contact and case loads use it). Delete this with `FastWrite` once my work, subject access and
/// the audit writer no longer call them.
struct FastRows: SQLRow {
    let handle: OpaquePointer

    /// Runs `sql` with `arguments` and calls `body` for each row. `cached` keeps the prepared
    /// statement for the next call (for SQL that is always the same text, run again and again:
    /// preparing costs more than a one-row query); `body` must then not run the same SQL.
    static func each(_ db: Database, _ sql: String, _ arguments: StatementArguments = [], cached: Bool = false,
                     _ body: (FastRows) throws -> Void) throws {
        let statement = cached ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        let h = statement.sqliteStatement
        sqlite3_reset(h)
        defer { sqlite3_reset(h) }
        let row = FastRows(handle: h)
        while true {
            let rc = sqlite3_step(h)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(h))))
            }
            try body(row)
        }
    }

    func isNull(_ i: Int32) -> Bool { sqlite3_column_type(handle, i) == SQLITE_NULL }

    var columnCount: Int32 { SQLiteRow(handle: handle).columnCount }
    func kind(_ i: Int32) -> SQLKind { SQLiteRow(handle: handle).kind(i) }
    func double(_ i: Int32) -> Double { sqlite3_column_double(handle, i) }
    func blob(_ i: Int32) -> Data { SQLiteRow(handle: handle).blob(i) }

    func int64(_ i: Int32) -> Int64 { sqlite3_column_int64(handle, i) }

    func int(_ i: Int32) -> Int { Int(sqlite3_column_int64(handle, i)) }

    func optionalInt(_ i: Int32) -> Int? { isNull(i) ? nil : int(i) }

    /// The text of a column ("" for NULL).
    func text(_ i: Int32) -> String { SQLiteRow(handle: handle).text(i) }

    func optionalText(_ i: Int32) -> String? { SQLiteRow(handle: handle).optionalText(i) }
    func storedInt(_ i: Int32) -> Int? { SQLiteRow(handle: handle).storedInt(i) }
    func withBlobBytes<R>(_ i: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { SQLiteRow(handle: handle).withBlobBytes(i, body) }

    func withTextBytes<R>(_ i: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        SQLiteRow(handle: handle).withTextBytes(i, body)
    }
}

/// Writes straight through SQLite for the hot paths: an import writes some 600,000 rows, and
/// binding each value through GRDB's arguments cost a fifth of it.
/// Being retired: a kept statement through `SQLConnection.each(sql, values, cached: true)` is the
/// same write on either database (the import's inserts use it, with `RETURNING id`).
enum FastWrite {
    /// Runs the cached statement `sql` (used only through here) with `values` bound in order.
    static func execute(_ db: Database, _ sql: String, _ values: [Bound]) throws {
        let h = try db.cachedStatement(sql: sql).sqliteStatement
        sqlite3_reset(h)
        // The statement stays cached: it should not keep copies of names and summaries.
        // (A thrown error is made, message and all, before this runs.)
        defer { sqlite3_reset(h); sqlite3_clear_bindings(h) }
        precondition(Int(sqlite3_bind_parameter_count(h)) == values.count, "FastWrite: \(values.count) values for \(sql)")
        for (i, v) in values.enumerated() {
            let rc = SQLiteConnection.bind(h, Int32(i + 1), v)
            if rc != SQLITE_OK { throw error(h, rc) }
        }
        let rc = sqlite3_step(h)
        if rc != SQLITE_DONE { throw error(h, rc) }
    }

    private static func error(_ h: OpaquePointer, _ rc: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(h))))
    }
}
