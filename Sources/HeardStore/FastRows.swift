import GRDB
import GRDBSQLite

/// Reads rows straight from SQLite for the hot paths (the report and the case list load tens of
/// thousands of rows); GRDB's Row decodes each cell through a DatabaseValue, which costs more
/// than the query itself at that size.
struct FastRows {
    let handle: OpaquePointer

    /// Runs `sql` with `arguments` and calls `body` for each row.
    static func each(_ db: Database, _ sql: String, _ arguments: StatementArguments = [], _ body: (FastRows) throws -> Void) throws {
        let statement = try db.makeStatement(sql: sql)
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

    func int64(_ i: Int32) -> Int64 { sqlite3_column_int64(handle, i) }

    func int(_ i: Int32) -> Int { Int(sqlite3_column_int64(handle, i)) }

    func optionalInt(_ i: Int32) -> Int? { isNull(i) ? nil : int(i) }

    /// The text of a column ("" for NULL).
    func text(_ i: Int32) -> String {
        guard let p = sqlite3_column_text(handle, i) else { return "" }
        let n = Int(sqlite3_column_bytes(handle, i))
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }

    func optionalText(_ i: Int32) -> String? { isNull(i) ? nil : text(i) }
}
