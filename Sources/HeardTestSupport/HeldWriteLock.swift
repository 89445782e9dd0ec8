import CLibPQ
import Foundation
import GRDB

/// Another process's open write transaction on a database file, held on a thread of its own
/// until `release()`: what a second Heard saving at the same moment looks like to this one.
public final class HeldWriteLock: Sendable {
    private let releasing = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// Takes the write lock on `path` and returns once it is held (throws if it cannot be taken).
    /// On PostgreSQL (`path` a URL) it is another session holding Heard's writers' row.
    public convenience init(path: String) throws {
        if path.hasPrefix("postgresql://") { try self.init(postgres: path, running: HeldWriteLock.postgresLock) } else { try self.init(sqlite: path) }
    }

    /// Another session's open transaction on `url` that has run `sql` (a hand-written change, its
    /// rows locked and its writes not yet seen by anyone else), held until `release()` commits it.
    public convenience init(postgres url: String, handWritten sql: String) throws {
        try self.init(postgres: url, running: sql)
    }

    /// Another connection's IMMEDIATE transaction on the file.
    private init(sqlite path: String) throws {
        let other = try DatabaseQueue(path: path)
        let holding = DispatchSemaphore(value: 0)
        let releasing = releasing, finished = finished
        let failed = LockBox()
        Thread.detachNewThread {
            do {
                try other.inTransaction(.immediate) { _ in
                    holding.signal()
                    releasing.wait()
                    return .commit
                }
            } catch {
                failed.set()
                holding.signal()
            }
            // Closed before `release` returns: a connection closing in WAL mode takes the file's
            // exclusive lock for a moment to see whether it is the last, and a test that went on
            // to open the file meanwhile was refused as locked (seen in CI on a loaded machine).
            try? other.close()
            finished.signal()
        }
        holding.wait()
        if failed.isSet { throw DatabaseError(resultCode: .SQLITE_BUSY, message: "the test could not take the write lock") }
    }

    /// `sql` run in a transaction of another session, held until `release()`: Heard's writers'
    /// lock on PostgreSQL (the writers' row), or a hand-written change.
    private init(postgres url: String, running sql: String) throws {
        guard let conn = PQconnectdb(url), PQstatus(conn) == CONNECTION_OK else {
            throw TestServerError(description: "the test could not connect to the server to hold a transaction open")
        }
        let box = ConnectionBox(conn)
        guard box.run("BEGIN"), box.run(sql) else {
            let why = String(cString: PQerrorMessage(conn))
            PQfinish(conn)
            throw TestServerError(description: "the test could not run its open transaction: \(why)")
        }
        let releasing = releasing, finished = finished
        Thread.detachNewThread {
            releasing.wait()
            _ = box.run("COMMIT")
            PQfinish(box.conn)
            finished.signal()
        }
    }

    /// PostgresBackend's writers' lock for the record of the session's schema: its one row of
    /// `heard_writer` (kept the same as PostgresBackend.writerRowLock).
    /// A schema without it (not a record yet, or one made by an older Heard) has the advisory
    /// lock writers take there ("Herd" and the schema's oid, as PostgresBackend.schemaKey).
    static let postgresLock = """
        DO $$ BEGIN
            IF to_regclass('heard_writer') IS NOT NULL THEN
                PERFORM one FROM heard_writer FOR UPDATE;
            ELSE
                PERFORM pg_advisory_xact_lock(\(0x48657264), coalesce((SELECT CAST(CASE WHEN CAST(oid AS BIGINT) > 2147483647 \
                THEN CAST(oid AS BIGINT) - 4294967296 ELSE CAST(oid AS BIGINT) END AS INTEGER) FROM pg_catalog.pg_namespace WHERE nspname = current_schema()), 0));
            END IF;
        END $$
        """

    /// Lets the other transaction commit, and waits until it has.
    public func release() {
        releasing.signal()
        finished.wait()
    }
}

/// A flag set on one thread and read on another.
private final class LockBox: @unchecked Sendable {
    // Safe: every access holds `lock`.
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}

/// A libpq connection handed to the thread that ends its transaction.
private final class ConnectionBox: @unchecked Sendable {
    // Safe: used by one thread at a time (the test's, then the releasing thread's).
    let conn: OpaquePointer
    init(_ conn: OpaquePointer) { self.conn = conn }
    func run(_ sql: String) -> Bool {
        let r = PQexec(conn, sql)
        defer { PQclear(r) }
        let s = PQresultStatus(r)
        return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK
    }
}
