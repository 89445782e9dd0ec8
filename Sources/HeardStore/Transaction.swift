import GRDB
import HeardCore

/// A write transaction in progress, given by `Store.write { tx in … }`. Pass it to the store's
/// commands to have them commit together as one user step: every audit row written in it shares
/// one group, which one undo step reverses. It is valid only inside the closure that received it.
public final class Transaction {
    /// The writer's connection, inside the transaction.
    let sql: any SQLConnection
    /// The SQLite connection beneath `sql` (code not yet written for both databases).
    var db: Database {
        guard let c = sql as? SQLiteConnection else { preconditionFailure("SQLite only") }
        return c.db
    }
    /// The audit group of every row written in this transaction.
    let group: String
    /// The calendar read in this transaction (holidays change only by their own command).
    var calendar: WorkingDayCalendar?

    init(_ sql: any SQLConnection, group: String) {
        self.sql = sql
        self.group = group
    }

    /// Runs one command in a savepoint: when it throws, what it wrote is rolled back and the
    /// error passed on; the rest of the transaction stands.
    func command<T>(_ body: () throws -> T) throws -> T {
        try sql.savepoint(body)
    }
}

extension Store {
    /// The calendar of `tx`, read once per transaction (a bulk change asks for every case).
    func calendar(_ tx: Transaction) throws -> WorkingDayCalendar {
        if let c = tx.calendar { return c }
        let c = try calendar(tx.sql)
        tx.calendar = c
        return c
    }

    /// One contact by id as `tx` sees it (with the transaction's own writes).
    public func contact(id: Int64, in tx: Transaction) throws -> Contact {
        try contact(id: id, tx.sql)
    }
}
