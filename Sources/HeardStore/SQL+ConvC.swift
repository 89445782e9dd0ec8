import Foundation
import GRDB
import GRDBSQLite

// Small additions to the SQL interface that the correspondence, retention, anonymisation,
// subject access and access log commands need (added beside SQL.swift, which is shared).

extension SQLRow {
    /// Calls `body` with column `i`'s text as UTF-8 bytes and returns what it returns; false,
    /// without calling it, for NULL. On SQLite the bytes are SQLite's own, not copied (the
    /// subject access search looks at every name and note in the file this way).
    func withBytes(_ i: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        withNonNullTextBytes(i, body) ?? false
    }
}

/// A backend that can run a statement outside any transaction: PostgreSQL's `VACUUM`, which
/// refuses to run inside one, after a disposal. The PostgreSQL backend conforms; SQLite has its
/// own ways (secure delete, a checkpoint) and does not need it.
protocol SQLMaintenance {
    /// Runs `sql` on its own, in no transaction.
    func runOutsideTransaction(_ sql: String) throws
}
