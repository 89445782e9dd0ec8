import GRDB

// What the audit, undo, action and maintenance commands need of `SQLConnection` beyond SQL.swift.

extension SQLConnection {
    /// Runs one INSERT, UPDATE or DELETE on a statement kept prepared: for SQL always the same
    /// text, run once per row of a bulk change or of its undo (100,000 times), as FastWrite did.
    func executeCached(_ sql: String, _ arguments: [Bound]) throws {
        try each(sql, arguments, cached: true) { _ in }
    }

    /// The GRDB connection beneath, for calls into store code still written for SQLite alone.
    /// Transitional: remove when every callee takes an `SQLConnection`.
    var transitionalDB: Database {
        guard let c = self as? SQLiteConnection else { preconditionFailure("SQLite only: code not yet written for both databases") }
        return c.db
    }
}

extension Bound {
    /// A key that may be absent (an action's source, an audit row's entity).
    static func key(_ id: Int64?) -> Bound { id.map { .int($0) } ?? .null }

    /// A value read, bound as it was read (a key to page on).
    init(_ v: SQLValue) {
        switch v {
        case .null: self = .null
        case .integer(let n): self = .int(n)
        case .real(let d): self = .double(d)
        case .text(let s): self = .text(s)
        case .blob(let d): self = .blob(d)
        }
    }
}

extension SQLRow {
    /// Text only when the cell holds text (nil for NULL, a number or a blob), as GRDB's
    /// `DatabaseValue.text` read it: a row another tool wrote is read the same on both databases.
    func strictText(_ i: Int32) -> String? { kind(i) == .text ? text(i) : nil }

    /// An integer only when the cell holds one (nil for NULL, text or a blob).
    func strictInt64(_ i: Int32) -> Int64? { kind(i) == .integer ? int64(i) : nil }

    /// `strictInt64` as an Int.
    func strictInt(_ i: Int32) -> Int? { strictInt64(i).map { Int($0) } }
}
