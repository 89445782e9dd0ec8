import CLibPQ
import Foundation

// Round trips on a server (issue 15, "Speed"): over a network each statement waited for its answer
// before the next was sent, and a save, a bulk change or an import is dozens of statements each.
// Inside a transaction a statement whose result nobody reads (an INSERT, UPDATE or DELETE without
// RETURNING, SET, SAVEPOINT) now waits in the connection's queue; the queue goes in libpq's pipeline
// mode, in one round trip, with the next statement that returns rows, when `changes` is read, at the
// end of a savepoint's body and at COMMIT. A queued statement the server refuses fails there with
// its own message, and the transaction (or the savepoint around it) rolls back as before.

/// A statement to send: its `$n` SQL, the text it was written as (the prepared statement's key).
struct PostgresPending {
    let sql: String
    let original: String
    let arguments: [Bound]
    let cached: Bool
    /// SAVEPOINT, RELEASE and COMMIT: what the store's code did not write, and which cannot fail on
    /// its own; a savepoint may start with these still queued.
    var control = false
}

extension PostgresConnection {
    /// The most statements kept waiting: both sides' socket buffers hold their answers while
    /// they are sent, and a pipeline much longer could fill them and wait on each other.
    static let queueLimit = 256

    /// Rows changed by the last INSERT, UPDATE or DELETE (what waits is sent first, as the
    /// caller decides on it: the optimistic version's check).
    var changes: Int {
        if !queue.isEmpty && deferredError == nil {
            do { try flush() } catch { deferredError = error }
        }
        return lastChanges
    }

    /// Queues `sql` inside a transaction; outside one (maintenance, VACUUM) it runs at once.
    func enqueue(_ sql: String, _ arguments: [Bound], cached: Bool, control: Bool = false) throws {
        // Without values the SQL goes as written, as PQexec sent it (a `?` in it is an operator).
        let text = arguments.isEmpty ? sql : try numbered(sql, arguments)
        var statement = PostgresPending(sql: text, original: sql, arguments: arguments, cached: cached)
        statement.control = control
        // In a transaction, or about to be (its BEGIN waits in the queue).
        guard PQtransactionStatus(handle) == PQTRANS_INTRANS || !queue.isEmpty else {
            try flush()
            PQclear(try run(statement))
            return
        }
        queue.append(statement)
        if queue.count >= PostgresConnection.queueLimit { try flush() }
    }

    /// Sends every statement waiting, in one round trip; the first the server refuses is thrown.
    func flush() throws {
        guard !queue.isEmpty else { return }
        PQclear(try pipeline(queue, wanting: false))
    }

    /// Sends what waits and then `statement`, in one round trip, and returns `statement`'s result.
    func send(_ statement: PostgresPending) throws -> OpaquePointer? {
        guard !queue.isEmpty else { return try run(statement) }
        return try pipeline(queue + [statement], wanting: true)
    }

    /// Whether anything waiting is the store's own statement (not SAVEPOINT, RELEASE or COMMIT).
    var queueHoldsWork: Bool { queue.contains { !$0.control } }

    /// Sends `statements` in pipeline mode with one sync point and reads every answer. Returns the
    /// last statement's result when `wanting`, else nil. The queue is emptied whatever happens.
    private func pipeline(_ statements: [PostgresPending], wanting: Bool) throws -> OpaquePointer? {
        queue.removeAll()
        flushes += 1
        if statements.count == 1 {
            let r = try run(statements[0])
            if wanting { return r }
            PQclear(r)
            return nil
        }
        guard PQenterPipelineMode(handle) == 1 else { throw failure(nil) }
        // What is sent: per statement, whether a PQsendPrepare came first (a result of its own).
        var sent: [(prepare: Bool, original: String)] = []
        var sendFailed = false
        for s in statements {
            var ok: Int32
            var prepare = false
            if s.cached {
                let (name, new) = preparedName(s)
                if new {
                    let types = PostgresConnection.withParameters(s.arguments) { _, types, _, _, _ in types }
                    ok = PQsendPrepare(handle, name, s.sql, Int32(s.arguments.count), types)
                    if ok != 1 { prepared[s.original] = nil; sendFailed = true; break }
                    prepare = true
                }
                ok = PostgresConnection.withParameters(s.arguments) { n, _, values, lengths, formats in
                    PQsendQueryPrepared(handle, name, n, values, lengths, formats, 0)
                }
            } else {
                ok = PostgresConnection.withParameters(s.arguments) { n, types, values, lengths, formats in
                    PQsendQueryParams(handle, s.sql, n, types, values, lengths, formats, 0)
                }
            }
            sent.append((prepare, s.original))
            if ok != 1 { sendFailed = true; break }
        }
        if !sendFailed && PQpipelineSync(handle) != 1 { sendFailed = true }
        if sendFailed {
            // Nothing can be read back in order now: the connection is given up (the pool drops it).
            let error = failure(nil)
            PQexitPipelineMode(handle)
            throw error
        }
        var firstError: PostgresError?
        var last: OpaquePointer?
        for (i, s) in sent.enumerated() {
            if s.prepare {
                // The prepare's own answer: a refused one is forgotten, to be prepared again later.
                if let e = readOne(wanting: false, into: &last) { firstError = firstError ?? e; prepared[s.original] = nil }
            }
            let wantThis = wanting && i == statements.count - 1
            if let e = readOne(wanting: wantThis, into: &last) { firstError = firstError ?? e }
            if isBroken { break }
        }
        if !isBroken, let sync = PQgetResult(handle) {
            // PGRES_PIPELINE_SYNC: the end of this round trip's answers.
            PQclear(sync)
        }
        PQexitPipelineMode(handle)
        if let firstError { PQclear(last); throw firstError }
        if isBroken { PQclear(last); throw failure(nil) }
        return last
    }

    /// Reads one statement's answers (results until libpq's nil): keeps it in `last` when
    /// wanted, else notes the rows it changed; returns the server's refusal, if any.
    private func readOne(wanting: Bool, into last: inout OpaquePointer?) -> PostgresError? {
        var error: PostgresError?
        while let r = PQgetResult(handle) {
            let status = PQresultStatus(r)
            if status == PGRES_PIPELINE_ABORTED {
                // Skipped after an earlier statement failed: that one's error is the one said.
                PQclear(r)
            } else if status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY {
                error = error ?? failure(r)
                PQclear(r)
            } else {
                noteChanges(r)
                if wanting { PQclear(last); last = r } else { PQclear(r) }
            }
        }
        return error
    }

    func savepoint<T>(_ body: () throws -> T) throws -> T {
        if let e = deferredError { throw e }
        // An error of a statement from before must not surface in here, as this savepoint's.
        if queueHoldsWork { try flush() }
        savepoints += 1
        let name = "heard_sp\(savepoints)"
        let mark = queue.count, sentBefore = flushes
        try enqueue("SAVEPOINT \(name)", [], cached: false, control: true)
        do {
            let out = try body()
            if let e = deferredError { throw e }
            // Its statements' errors are its own: they are sent before it is released.
            if queueHoldsWork { try flush() }
            try enqueue("RELEASE SAVEPOINT \(name)", [], cached: false, control: true)
            return out
        } catch {
            let cause = deferredError ?? error
            deferredError = nil
            if sentBefore == flushes && queue.count >= mark {
                // Nothing of it reached the server (not even SAVEPOINT): it is simply not sent.
                queue.removeSubrange(mark...)
            } else {
                // What waits is inside it, and rolled back with it.
                queue.removeAll()
                if !isBroken {
                    try? runNow("ROLLBACK TO SAVEPOINT \(name)")
                    try? runNow("RELEASE SAVEPOINT \(name)")
                }
            }
            throw cause
        }
    }

    /// Queues a transaction's opening statements (BEGIN, SET LOCAL, the writers' lock), to go
    /// with its first statement. They count as work, not control: a savepoint sends them before it
    /// starts, so that the lock's "busy" is the transaction's error, not one savepoint's.
    func begin(_ statements: [String]) {
        queue = statements.map { PostgresPending(sql: $0, original: $0, arguments: [], cached: false) }
    }

    /// Whether the server closed this idle connection since it was last used (a restart, an idle
    /// timeout, an administrator's pg_terminate_backend), seen without a round trip: an idle
    /// connection has nothing to read unless the server said goodbye, so anything readable (its
    /// farewell, or the end of the stream) means it is not used again.
    var closedByServer: Bool {
        if isBroken { return true }
        let socket = PQsocket(handle)
        guard socket >= 0 else { return true }
        var p = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        return poll(&p, 1, 0) != 0
    }

    /// COMMIT, sent with whatever waits (one round trip); a refused statement or rule is thrown.
    func commit() throws {
        if let e = deferredError { throw e }
        try enqueue("COMMIT", [], cached: false, control: true)
        try flush()
    }

    /// ROLLBACK: what waits is not sent at all.
    func rollback() {
        queue.removeAll()
        deferredError = nil
        if !isBroken { try? runNow("ROLLBACK") }
    }

    /// The error to report for a transaction that failed with `error`: a queued statement's
    /// refusal found when `changes` was read comes first (the caller's error followed from it).
    func cause(of error: Error) -> Error {
        defer { deferredError = nil }
        return deferredError ?? error
    }
}
