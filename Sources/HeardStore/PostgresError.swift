import Foundation

/// What the PostgreSQL server (or libpq) refused, with its SQLSTATE ("40001", "42501", …; nil when
/// the connection itself failed). Thrown inside a transaction, as GRDB's `DatabaseError` is on
/// SQLite, and turned into a `StoreError` by the backend in one place (`storeError(_:)`).
struct PostgresError: Error, Equatable, CustomStringConvertible {
    /// The five-character SQLSTATE, or nil for a connection that failed or was lost.
    let sqlState: String?
    /// The server's primary message (never its DETAIL, which may quote the row's values).
    let message: String
    /// Whether it was raised inside a function the statement called (a trigger's, another
    /// tool's): the server then says where (its CONTEXT), which is not kept.
    var inFunction = false

    var description: String { sqlState.map { "\(message) (SQLSTATE \($0))" } ?? message }

    /// Another transaction holds what this one needs: trying again may succeed.
    var isBusy: Bool {
        sqlState == "40001" || sqlState == "40P01" || sqlState == "55P03"
    }

    /// The connection failed or was lost (class 08, or no SQLSTATE at all).
    var isConnectionFailure: Bool {
        guard let sqlState else { return true }
        return sqlState.hasPrefix("08") || sqlState == "57P01" || sqlState == "57P02" || sqlState == "57P03"
    }

    /// A unique index refused the row (23505).
    var isUniqueViolation: Bool { sqlState == "23505" }
}

extension PostgresError {
    /// The one mapping from what PostgreSQL said to what the user is told. `target` is the URL
    /// without its password.
    func storeError(target: String) -> StoreError {
        if isBusy { return .serverBusy }
        if isConnectionFailure { return .unreadable(target, message) }
        switch sqlState {
        case "42501": return .refused("your database role may not do this on \(target) (\(message)); ask the database's administrator.")
        case "53100": return .diskFull(target)
        case "25006": return .cannotWrite(target, "the server accepts reads only (\(message))")
        default: return .database(message)
        }
    }
}

extension StoreError {
    /// `busy` on PostgreSQL: another session held the writers' row past the wait (there is no
    /// file to name); nothing was written.
    public static let serverBusy = StoreError.database("another session is saving to the database; try again")
    /// A read's `busy` on PostgreSQL: another session (psql's LOCK TABLE, a maintenance job) held
    /// a lock on what it reads past the wait; saving had nothing to do with it.
    public static let serverLocked = StoreError.database("another session holds a lock on what this reads; try again in a moment")
}
