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
    /// Whether the step is one command and nothing else (`Store.write(single:)`): on a server its
    /// command needs no savepoint, whose end waited for the command's writes to be answered so
    /// that a step could go on past a refused command. The writes go with COMMIT, and a refusal
    /// there rolls back the step, which was only that command. (SQLite's savepoints cost no trip.)
    var single = false
    /// Commands under way, the outermost first: a command inside another keeps its savepoint.
    private var depth = 0

    init(_ sql: any SQLConnection, group: String) {
        self.sql = sql
        self.group = group
    }

    /// Runs one command in a savepoint: when it throws, what it wrote is rolled back and the
    /// error passed on; the rest of the transaction stands. A version found moved as its writes
    /// were answered (`VersionMoved`) is passed on as the conflict, with the version there now.
    func command<T>(_ body: () throws -> T) throws -> T {
        depth += 1
        defer { depth -= 1 }
        // Without a savepoint the server's refusal leaves the transaction unusable until it is
        // rolled back: `VersionMoved` goes on to `Store.write`, which reads the version after.
        if single && depth == 1 && sql.dialect == .postgres { return try body() }
        do {
            return try sql.savepoint(body)
        } catch let moved as VersionMoved {
            throw try moved.explained(sql)
        }
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
