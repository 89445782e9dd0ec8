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
    /// The login's Heard roles (comma-separated), its name, whether the schema has the
    /// writers' row and the name index, and whether the audit names its writer by login
    /// (`PostgresRoles.stampsWho`): what connecting asks, in one statement.
    static let connectingSQL = """
        SELECT coalesce((SELECT string_agg(rolname, ',') FROM pg_catalog.pg_roles
                         WHERE rolname IN ('heard_admin', 'heard_officer', 'heard_manager') AND pg_catalog.pg_has_role(session_user, oid, 'MEMBER')), ''),
               CAST(session_user AS TEXT),
               (\(hasWriterRow)), (\(PostgresSchema.hasNameIndex)), (\(PostgresRoles.stampsWho)),
               (\(superuserElsewhere))
        """
    /// When this login is a superuser, or runs as one: a role other than it that owns the record's schema
    /// or anything in it (a table or view, a function, a type, an operator; the audit's owner
    /// named first), else NULL. `public` owned by `pg_database_owner` is the database owner's.
    /// Not the audit table's owner alone: the tables' owner could make `audit` a view, or the
    /// schema's owner replace a function the superuser's own record calls by name, and the
    /// superuser's Heard ran either's code as the superuser (found by an attack). The login
    /// (`session_user`) as well as the role it runs as: a superuser's session set to run as the
    /// owner (`options=-c role=…`, or the owner's `ALTER DATABASE … SET role`) still lets the
    /// owner's trigger take the superuser back with `SET ROLE` (found by an attack).
    static let superuserElsewhere = """
        SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname IN (session_user, current_user) AND rolsuper) THEN (
            WITH s AS (SELECT oid, nspowner FROM pg_catalog.pg_namespace WHERE nspname = pg_catalog.current_schema()),
            o AS (
                SELECT c.relowner AS who, CASE WHEN c.relname = 'audit' THEN 0 ELSE 1 END AS k FROM pg_catalog.pg_class c, s WHERE c.relnamespace = s.oid
                UNION ALL SELECT CASE WHEN s.nspowner = pg_catalog.to_regrole('pg_database_owner')
                                      THEN (SELECT d.datdba FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())
                                      ELSE s.nspowner END, 2 FROM s
                UNION ALL SELECT p.proowner, 3 FROM pg_catalog.pg_proc p, s WHERE p.pronamespace = s.oid
                UNION ALL SELECT t.typowner, 3 FROM pg_catalog.pg_type t, s WHERE t.typnamespace = s.oid
                UNION ALL SELECT x.oprowner, 3 FROM pg_catalog.pg_operator x, s WHERE x.oprnamespace = s.oid)
            SELECT pg_catalog.pg_get_userbyid(o.who) FROM o
            WHERE o.who <> (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = CASE
                WHEN (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = session_user) THEN session_user ELSE current_user END)
            ORDER BY o.k LIMIT 1) END
        """
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
    /// The login, when the audit names its writer by login (`heard init --postgres` set the
    /// schema up for a team): the store's actor. Asked on connecting.
    let stampingLogin: String?
    /// Whether the server fills each audit and access-log row's `at` and `who` (v19, set up for a
    /// team: `PostgresRules.stamps`), which no role but the owner may then name: asked on connecting.
    /// Asked again once this session set the schema up (`Store.setUpRoles`, the owner's upgrade).
    let fillsLogs: Atomic<Bool>
    /// Whether writers lock the writers' row (the schema is at v13): asked on connecting, and set
    /// again by `Store.preparePostgres` once it made or upgraded the schema.
    /// Until then (an empty schema being made, or a v12 one its owner has not upgraded yet) they
    /// take the advisory lock older Heards take, so that both wait for each other.
    let writerRow: Atomic<Bool>
    /// Whether the schema holds the name index (v14, `PostgresNameIndex`): asked on connecting,
    /// and set again by `Store.preparePostgres` once it made or upgraded the schema. Without it
    /// (a v13 schema its owner has not opened yet) a search reads every text, as before.
    let nameIndex: Atomic<Bool>
    /// Round trips of the transactions run so far (every answer waited for, COMMIT included):
    /// what a server write costs beyond SQLite's, counted for tests and measurements.
    let roundTrips = Atomic<Int>(0)

    var dialect: SQLDialect { .postgres }

    /// Connects once, so that a server that cannot be reached is said at opening, naming it.
    init(url: PostgresURL, busyTimeout: Double) throws {
        self.url = url
        self.busyTimeout = busyTimeout
        let first: PostgresConnection
        do { first = try PostgresConnection(url) } catch let e as PostgresError { throw e.storeError(target: url.display) }
        // What the backend needs to know, asked in one round trip (it was four at every start).
        // Not `try?`: a question the server would not answer (a statement timeout the owner set
        // on the database, with a catalogue made slow to read) passed over the superuser's
        // refusal below (found by an attack). A record whose server will not say who is
        // connecting is not opened.
        let known: [SQLValue]?
        do { known = try first.row(PostgresBackend.connectingSQL) } catch let e as PostgresError { throw e.storeError(target: url.display) }
        // A superuser's session runs the triggers of another role's tables with a superuser's
        // rights: whatever that role put in them (or in a function they call) would run as the
        // superuser. The tables' owner, or a login of Heard's roles, opens its record instead.
        if let owner = known?[5].text {
            throw StoreError.refused(
                "\(url.display): your database role (\(known?[1].text ?? "?")) is a superuser, and the record's schema there, or something in it, belongs to another role (\(owner)). Heard does not open a record as a superuser where another role can change what the server runs: its triggers and functions would run with a superuser's rights. Connect as \(owner) (who also runs 'heard init --postgres'), or, to use the record, as a login given heard_officer, heard_manager or heard_admin; nothing was changed.")
        }
        role = known.map { PostgresRoles.roleName(members: ($0[0].text ?? "").split(separator: ",").map(String.init), login: $0[1].text) } ?? "unknown"
        writerRow = Atomic(known?[2].int == 1)
        nameIndex = Atomic(known?[3].int == 1)
        stampingLogin = (known?[4].int ?? 0) > 0 ? known?[1].text : nil
        fillsLogs = Atomic(known?[4].int == 2)
        release(first)
    }

    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        // A read waits for a lock only as long as a write would: a table another session locked
        // whole (psql's LOCK TABLE, an owner's ALTER) held `heard sar` for ever (an attack). Sent
        // with the read's first query: no round trip of its own.
        try transaction(begin: ["BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", "SET LOCAL lock_timeout = \(max(1, Int(busyTimeout * 1000)))"],
                        readOnly: true, body)
    }

    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        // A COMMIT waits for the server's disk unless its administrator chose otherwise
        // (`synchronous_commit`): a council's record survives a crash of the server too.
        try transaction(begin: writeOpening(wait: busyTimeout), body)
    }

    /// `write`, asking `question` in COMMIT's round trip (after the body's last writes): the
    /// first column of the rows it returned, as whole numbers. A question the server refuses
    /// fails the write, nothing written.
    func write<T>(asking question: SQLRead, _ body: (any SQLConnection) throws -> T) throws -> (T, [Int64]) {
        var answer: [Int64] = []
        let out = try transaction(begin: writeOpening(wait: busyTimeout), asking: question, answer: &answer, body)
        return (out, answer)
    }

    /// A write that waits for the writers' lock only `wait` seconds (work that may wait for the
    /// next step, as the name index's notes).
    /// `notWaitingForDisk`: its COMMIT does not wait for the server's disk (derived data whose
    /// loss in a crash leaves what it was derived from to derive it again).
    func write<T>(waiting wait: Double, notWaitingForDisk: Bool = false, _ body: (any SQLConnection) throws -> T) throws -> T {
        try transaction(begin: writeOpening(wait: wait) + (notWaitingForDisk ? ["SET LOCAL synchronous_commit = off"] : []), body)
    }

    /// BEGIN, the lock wait and the writers' lock.
    private func writeOpening(wait: Double) -> [String] {
        let lock = writerRow.load(ordering: .relaxed)
            ? PostgresBackend.writerRowLock
            : "SELECT pg_advisory_xact_lock(\(PostgresBackend.writeLock), \(PostgresBackend.schemaKey))"
        return ["BEGIN", "SET LOCAL lock_timeout = \(max(1, Int(wait * 1000)))", lock]
    }

    /// Whether another session holds the writers' row now, asked without waiting (NOWAIT), in one
    /// round trip: BEGIN, the lock and ROLLBACK go together (a lock had is let go at once); a
    /// refused one is rolled back after. ROLLBACK, not COMMIT: a row locked is a write, and its
    /// COMMIT waited for the server's log to reach the disk (0.2 ms of every save key, for
    /// nothing). False for a role that may not lock it (a manager: it writes nothing but the
    /// access log, which waits for no writer).
    func writerRowIsBusy() -> Bool {
        do {
            try transaction(begin: ["BEGIN"], rollingBack: true) { try $0.execute(PostgresBackend.writerRowLock + " NOWAIT") }
            return false
        } catch let e as StoreError {
            return e == .serverBusy
        } catch {
            return false
        }
    }

    /// A write transaction that does not take the writers' lock: for the access log alone, an
    /// insert that waits for no writer (a read is no change to the record, and must never wait).
    func writeWithoutWritersLock<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        // It never waits long either: a row another session holds (a manager's open transaction)
        // costs the log a moment, then the reads wait for the next opening (Store+Reads).
        try transaction(begin: ["BEGIN", "SET LOCAL lock_timeout = 1000"], body)
    }

    /// A write of derived data (report facts) that takes no writers' lock and whose COMMIT does
    /// not wait for the server's disk: lost in a crash, it is worked out again.
    func writeDerived<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try transaction(begin: ["BEGIN", "SET LOCAL lock_timeout = 1000", "SET LOCAL synchronous_commit = off"], body)
    }

    /// Closes every idle connection (a lent one closes when its transaction gives it back) and
    /// the listening one.
    func close() {
        idle.withLock { $0.removeAll() }
        watch.withLock { $0 = ChangeWatch() }
    }

    /// Runs `body` between `begin` and COMMIT on a lent connection; ROLLBACK when it throws.
    /// A read-only one (`readOnly`) does not wait for its COMMIT's answer (`commitWithoutWaiting`).
    private func transaction<T>(begin: [String], readOnly: Bool = false, rollingBack: Bool = false,
                                _ body: (any SQLConnection) throws -> T) throws -> T {
        var unasked: [Int64] = []
        return try transaction(begin: begin, readOnly: readOnly, rollingBack: rollingBack, asking: nil, answer: &unasked, body)
    }

    /// `transaction`, with `question` (when given) asked in COMMIT's round trip, its answer in
    /// `answer`; `rollingBack` ends it with ROLLBACK instead, sent with what waits (a probe).
    private func transaction<T>(begin: [String], readOnly: Bool = false, rollingBack: Bool = false, asking question: SQLRead?,
                                answer: inout [Int64], _ body: (any SQLConnection) throws -> T) throws -> T {
        try translating(reading: readOnly) {
            var (conn, kept) = try start(begin)
            while true {
                let before = conn.roundTrips
                do {
                    let out = try body(conn)
                    if readOnly { try conn.commitWithoutWaiting() } else if rollingBack { try conn.rollBackAfterWhatWaits() }
                    else if let question { answer = try conn.commit(asking: question) } else { try conn.commit() }
                    roundTrips.add(conn.roundTrips - before, ordering: .relaxed)
                    release(conn)
                    return out
                } catch {
                    // A queued statement's refusal is what failed, whatever the body made of it.
                    let cause = conn.cause(of: error)
                    let lost = (cause as? PostgresError)?.isConnectionFailure == true || conn.isBroken
                    // A kept connection the server had closed failed at the opening: nothing of
                    // the body reached the server, so it runs again on a fresh one (once).
                    let retry = kept && lost && conn.openingError != nil
                    conn.rollback()
                    roundTrips.add(conn.roundTrips - before, ordering: .relaxed)
                    release(conn)
                    guard retry else { throw cause }
                    conn = try PostgresConnection(url)
                    conn.begin(begin)
                    kept = false
                }
            }
        }
    }

    /// A connection with the transaction's opening statements queued: they go with the body's
    /// first statement (or its COMMIT), so BEGIN and the writers' lock cost no round trip of their
    /// own. The lock is taken before anything of the body reaches the server, and when it fails
    /// ("busy") the transaction fails with it, having written nothing (`openingError`).
    /// A kept connection that the server closed since (restart, idle timeout) is seen without
    /// asking the server (`closedByServer`) and dropped; one that fails at the opening all the
    /// same is replaced by `transaction`, which runs the body again on a fresh connection.
    private func start(_ statements: [String]) throws -> (PostgresConnection, kept: Bool) {
        while let kept = idle.withLock({ $0.popLast() }) {
            if !kept.settle() || kept.closedByServer { continue }
            kept.begin(statements)
            return (kept, true)
        }
        let fresh = try PostgresConnection(url)
        fresh.begin(statements)
        return (fresh, false)
    }

    /// Gives a connection back to the pool, unless it is broken or in a transaction still.
    private func release(_ conn: PostgresConnection) {
        guard !conn.isBroken, conn.commitInFlight || !conn.inTransaction else { return }
        idle.withLock { if $0.count < PostgresBackend.idleLimit { $0.append(conn) } }
    }

    /// Runs `body`, turning what PostgreSQL refused into what the user is told.
    private func translating<T>(reading: Bool = false, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as PostgresError {
            if e.sqlState == "42501" { throw PostgresRoles.refusal(e, role: role, target: url.display) }
            if reading && e.isBusy { throw StoreError.serverLocked }
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
            let (conn, _) = try start([])
            defer { release(conn) }
            try conn.execute(sql)
        }
    }
}
