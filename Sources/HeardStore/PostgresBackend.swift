import Foundation
import Synchronization

/// A PostgreSQL server holding the record: a few connections kept open and lent out, one per
/// transaction. Reads see one snapshot (REPEATABLE READ READ ONLY); writers take turns on the one
/// row of `heard_writer`, as they do on SQLite's single writer, which optimistic versions and undo
/// assume. Only roles that may UPDATE that row (officers, administrators) can lock it, so a reader
/// holding a lock cannot stop the writers, as one could when writers took an advisory lock.
final class PostgresBackend: SQLBackend {
    /// Heard's advisory lock: "Herd" in ASCII, Schema.applicationID (the first of its two keys).
    static let writeLock: Int64 = Int64(Schema.applicationID)
    /// The second key: the record's schema (its oid as a 32-bit integer, which pg_locks shows
    /// as the oid itself). Advisory locks belong to the whole database, so without it the
    /// records of two schemas would wait for each other's writers and see them as busy.
    static let schemaKey = """
        coalesce((SELECT CAST(CASE WHEN CAST(oid AS BIGINT) > 2147483647 THEN CAST(oid AS BIGINT) - 4294967296 ELSE CAST(oid AS BIGINT) END AS INTEGER) \
        FROM pg_catalog.pg_namespace WHERE nspname = current_schema()), 0)
        """
    /// What a writer runs to wait its turn on a v13 schema: only roles with UPDATE on the row can.
    static let writerRowLock = "SELECT one FROM heard_writer FOR UPDATE"
    /// 1 when the schema has the writers' row (v13).
    static let hasWriterRow = "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = 'heard_writer'"
    /// Idle connections kept for the next transaction; more are opened when all are lent.
    static let idleLimit = 4

    let url: PostgresURL
    /// How long a write waits for another writer before it is `.busy` (StoreOptions.busyTimeout).
    let busyTimeout: Double
    private let idle = Mutex<[PostgresConnection]>([])
    /// The LISTEN connection and the change counter last read (`PostgresNotify.swift`).
    let watch = Mutex<ChangeWatch>(ChangeWatch())
    /// The login's Heard role (`heard_manager`, …), else the login's name: named when the
    /// server refuses a write for want of rights (`PostgresRoles.refusal`).
    let role: String
    /// Whether writers lock the writers' row (the schema is at v13): asked on connecting, and set
    /// again by `Store.preparePostgres` once it made or upgraded the schema.
    /// Until then (an empty schema being made, or a v12 one its owner has not upgraded yet) they
    /// take the advisory lock older Heards take, so that both wait for each other.
    let writerRow: Atomic<Bool>
    /// Whether a write's COMMIT waits for the server's disk: not, unless the server, database or
    /// role says so (`synchronous_commit` set anywhere but its default). This is the durability
    /// of the file store (WAL with synchronous = NORMAL): a commit survives Heard's crash at once,
    /// and a power cut of the server may lose the last fraction of a second, never half a change.
    /// An administrator who wants each commit on disk sets `ALTER DATABASE … SET synchronous_commit = on`.
    let asynchronousCommit: Bool

    var dialect: SQLDialect { .postgres }

    /// Whether Heard's writes turn `synchronous_commit` off: only when nobody chose it (its
    /// `pg_settings.source` is "default"); a setting from the server's configuration, its command
    /// line, the database, the role or the URL's options is the administrator's, and kept.
    static func commitsAsynchronously(source: String?) -> Bool { source == "default" }

    /// Connects once, so that a server that cannot be reached is said at opening, naming it.
    init(url: PostgresURL, busyTimeout: Double) throws {
        self.url = url
        self.busyTimeout = busyTimeout
        let first: PostgresConnection
        do { first = try PostgresConnection(url) } catch let e as PostgresError { throw e.storeError(target: url.display) }
        role = (try? PostgresRoles.roleName(first)) ?? "unknown"
        writerRow = Atomic((try? first.int(PostgresBackend.hasWriterRow)) == 1)
        asynchronousCommit = PostgresBackend.commitsAsynchronously(
            source: try? first.text("SELECT source FROM pg_catalog.pg_settings WHERE name = 'synchronous_commit'"))
        release(first)
    }

    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try transaction(begin: ["BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"], body)
    }

    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        let wait = max(1, Int(busyTimeout * 1000))
        let lock = writerRow.load(ordering: .relaxed)
            ? PostgresBackend.writerRowLock
            : "SELECT pg_advisory_xact_lock(\(PostgresBackend.writeLock), \(PostgresBackend.schemaKey))"
        var begin = ["BEGIN", "SET LOCAL lock_timeout = \(wait)"]
        if asynchronousCommit { begin.append("SET LOCAL synchronous_commit = off") }
        return try transaction(begin: begin + [lock], eager: true, body)
    }

    /// Whether another session holds the writers' row now, asked without waiting (NOWAIT, in a
    /// savepoint rolled back at once). False for a role that may not lock it (a manager: it writes
    /// nothing but the access log, which waits for no writer).
    func writerRowIsBusy() -> Bool {
        let busy = try? transaction(begin: ["BEGIN"]) { conn -> Bool in
            do {
                try conn.savepoint { try conn.execute(PostgresBackend.writerRowLock + " NOWAIT") }
                return false
            } catch let e as PostgresError where e.sqlState == "55P03" {
                return true
            } catch {
                return false
            }
        }
        return busy ?? false
    }

    /// A write transaction that does not take the writers' lock: for the access log alone, an
    /// insert that waits for no writer (a read is no change to the record, and must never wait).
    func writeWithoutWritersLock<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        // It never waits long either: a row another session holds (a manager's open transaction)
        // costs the log a moment, then the reads wait for the next opening (Store+Reads).
        var begin = ["BEGIN", "SET LOCAL lock_timeout = 1000"]
        if asynchronousCommit { begin.append("SET LOCAL synchronous_commit = off") }
        return try transaction(begin: begin, body)
    }

    /// Closes every idle connection (a lent one closes when its transaction gives it back) and
    /// the listening one.
    func close() {
        idle.withLock { $0.removeAll() }
        watch.withLock { $0 = ChangeWatch() }
    }

    /// Runs `body` between `begin` and COMMIT on a lent connection; ROLLBACK when it throws.
    private func transaction<T>(begin: [String], eager: Bool = false, _ body: (any SQLConnection) throws -> T) throws -> T {
        try translating {
            let conn = try start(begin, eager: eager)
            do {
                let out = try body(conn)
                try conn.commit()
                release(conn)
                return out
            } catch {
                // A queued statement's refusal is what failed, whatever the body made of it.
                let cause = conn.cause(of: error)
                conn.rollback()
                release(conn)
                throw cause
            }
        }
    }

    /// A connection with the transaction begun. A read's opening statements wait in the queue and
    /// go with its first statement, so its BEGIN costs no round trip of its own; a write's are sent
    /// at once (`eager`), so that the writers' lock is held, and "busy" said, before its body runs.
    /// A kept connection that the server closed since (restart, idle timeout) is seen without
    /// asking the server (`closedByServer`), or fails at a write's BEGIN before anything is done:
    /// it is dropped and a new one opened in its place.
    private func start(_ statements: [String], eager: Bool = false) throws -> PostgresConnection {
        while let kept = idle.withLock({ $0.popLast() }) {
            if kept.closedByServer { continue }
            guard eager else {
                kept.begin(statements)
                return kept
            }
            do {
                // One round trip for all of them (the simple protocol takes several at once).
                try kept.runNow(statements.joined(separator: "; "))
                return kept
            } catch let e as PostgresError where e.isConnectionFailure || kept.isBroken {
                // Dropped: a fresh connection below.
                break
            } catch {
                kept.rollback()
                release(kept)
                throw error
            }
        }
        let fresh = try PostgresConnection(url)
        guard eager else {
            fresh.begin(statements)
            return fresh
        }
        do {
            try fresh.runNow(statements.joined(separator: "; "))
        } catch {
            fresh.rollback()
            release(fresh)
            throw error
        }
        return fresh
    }

    /// Gives a connection back to the pool, unless it is broken or in a transaction still.
    private func release(_ conn: PostgresConnection) {
        guard !conn.isBroken, !conn.inTransaction else { return }
        idle.withLock { if $0.count < PostgresBackend.idleLimit { $0.append(conn) } }
    }

    /// Runs `body`, turning what PostgreSQL refused into what the user is told.
    private func translating<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as PostgresError {
            if e.sqlState == "42501" { throw PostgresRoles.refusal(e, role: role, target: url.display) }
            throw e.storeError(target: url.display)
        }
    }
}

/// VACUUM after a disposal (Store+Anonymise), which PostgreSQL refuses inside a transaction.
/// SQLMaintenance said the backend conforms, but it did not: the vacuum never ran and every
/// disposal on PostgreSQL reported its old row versions as left behind.
extension PostgresBackend: SQLMaintenance {
    func runOutsideTransaction(_ sql: String) throws {
        try translating {
            let conn = try start([])
            defer { release(conn) }
            try conn.execute(sql)
        }
    }
}
