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
    /// The transaction's opening (BEGIN, SET LOCAL, the writers' lock): it goes with the body's
    /// first statement, and its failure ("busy", a lost connection) is the whole transaction's.
    var opening = false
    /// The error for a statement of `executeExpecting` that changed another number of rows.
    var otherwise: Error?

    /// The error to say for the server's refusal `error` of this statement: `otherwise` when it
    /// is `executeExpecting`'s own (its division by zero, in the statement itself), else the
    /// server's: a division by zero in a trigger another tool put on the table is that trigger's
    /// error, not "the database did not change its version".
    func explain(_ error: Error) -> Error {
        guard let otherwise, let e = error as? PostgresError, e.sqlState == "22012", !e.inFunction else { return error }
        return otherwise
    }
}

extension PostgresConnection {
    /// The most statements kept waiting: both sides' socket buffers hold their answers while
    /// they are sent, and a pipeline much longer could fill them and wait on each other.
    static let queueLimit = 256
    /// The most values kept waiting: a copy's INSERTs carry up to 30,000 each, and 256 of them
    /// would hold the whole of a large table in memory before it is sent.
    static let queuedValuesLimit = 65_536

    /// Rows changed by the last INSERT, UPDATE or DELETE (what waits is sent first, as the
    /// caller decides on it: the optimistic version's check).
    var changes: Int {
        if !queue.isEmpty && deferredError == nil {
            do { try flush() } catch { deferredError = error }
        }
        return lastChanges
    }

    /// The server keeps its transaction until the client ends it (`SQLConnection.transactionLost`).
    var transactionLost: Bool { false }

    /// Queues `sql` inside a transaction; outside one (maintenance, VACUUM) it runs at once.
    func enqueue(_ sql: String, _ arguments: [Bound], cached: Bool, control: Bool = false, otherwise: Error? = nil) throws {
        // Without values the SQL goes as written, as PQexec sent it (a `?` in it is an operator).
        let text = arguments.isEmpty ? sql : try numbered(sql, arguments)
        var statement = PostgresPending(sql: text, original: sql, arguments: arguments, cached: cached)
        statement.control = control
        statement.otherwise = otherwise
        // In a transaction, or about to be (its BEGIN waits in the queue).
        guard PQtransactionStatus(handle) == PQTRANS_INTRANS || !queue.isEmpty else {
            try flush()
            PQclear(try run(statement))
            return
        }
        if !control { dropReadAhead() }
        // (An over-count after a savepoint took its own statements back only sends a little early.)
        queuedValues = (queue.isEmpty ? 0 : queuedValues) + arguments.count
        queue.append(statement)
        if queue.count >= PostgresConnection.queueLimit || queuedValues >= PostgresConnection.queuedValuesLimit { try flush() }
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

    /// Whether anything waiting is the store's own statement (not the opening, SAVEPOINT, RELEASE
    /// or COMMIT): the opening may wait inside a savepoint, as its failure is the transaction's.
    var queueHoldsWork: Bool { queue.contains { !$0.control && !$0.opening } }

    /// Sends `statements` in pipeline mode with one sync point and reads every answer. Returns the
    /// last statement's result when `wanting`, else nil. The queue is emptied whatever happens.
    private func pipeline(_ statements: [PostgresPending], wanting: Bool) throws -> OpaquePointer? {
        try pipeline(statements, keeping: wanting ? 1 : 0).last ?? nil
    }

    /// `pipeline`, returning the results of the last `keeping` statements, in order.
    func pipeline(_ statements: [PostgresPending], keeping: Int) throws -> [OpaquePointer?] {
        try landFlight()
        queue.removeAll()
        flushes += 1
        if statements.count == 1 {
            let r: OpaquePointer?
            do { r = try run(statements[0]) } catch {
                if statements[0].opening { openingError = error }
                throw error
            }
            if keeping > 0 { return [r] }
            PQclear(r)
            return []
        }
        let sent = try sendPipeline(statements)
        return try receivePipeline(sent, statements, keeping: keeping)
    }

    /// Sends `statements` in pipeline mode with one sync point, reading nothing back: what is
    /// sent, per statement, whether a PQsendPrepare came first (a result of its own). The
    /// connection stays in pipeline mode until `receivePipeline` has read every answer.
    func sendPipeline(_ statements: [PostgresPending]) throws -> [(prepare: Bool, original: String)] {
        roundTrips += 1
        guard PQenterPipelineMode(handle) == 1 else { throw failure(nil) }
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
            if statements.contains(where: \.opening) { openingError = error }
            throw error
        }
        return sent
    }

    /// Reads every answer of statements `sendPipeline` sent, and leaves pipeline mode: the
    /// results of the last `keeping` statements, in order; the first refusal is thrown.
    func receivePipeline(_ sent: [(prepare: Bool, original: String)], _ statements: [PostgresPending], keeping: Int) throws -> [OpaquePointer?] {
        var firstError: Error?
        var kept: [OpaquePointer?] = []
        for (i, s) in sent.enumerated() {
            var last: OpaquePointer?
            if s.prepare {
                // The prepare's own answer: a refused one is forgotten, to be prepared again later,
                // and so is one skipped after an earlier statement failed (it was never made).
                var skipped = false
                if let e = readOne(wanting: false, into: &last, skipped: &skipped) { firstError = firstError ?? e; prepared[s.original] = nil }
                if skipped { prepared[s.original] = nil }
            }
            let wantThis = i >= statements.count - keeping
            if let e = readOne(wanting: wantThis, into: &last), firstError == nil {
                firstError = statements[i].explain(e)
                if statements[i].opening { openingError = e }
            }
            if wantThis { kept.append(last) } else { PQclear(last) }
            if isBroken { break }
        }
        if isBroken, firstError == nil, statements.contains(where: \.opening) { openingError = failure(nil) }
        if !isBroken, let sync = PQgetResult(handle) {
            // PGRES_PIPELINE_SYNC: the end of this round trip's answers.
            PQclear(sync)
        }
        PQexitPipelineMode(handle)
        if firstError != nil || isBroken || kept.count < keeping {
            kept.forEach { PQclear($0) }
            throw firstError ?? failure(nil)
        }
        return kept
    }

    /// Reads one statement's answers (results until libpq's nil): keeps it in `last` when
    /// wanted, else notes the rows it changed; returns the server's refusal, if any.
    private func readOne(wanting: Bool, into last: inout OpaquePointer?) -> PostgresError? {
        var skipped = false
        return readOne(wanting: wanting, into: &last, skipped: &skipped)
    }

    /// `readOne`, saying in `skipped` whether the server skipped the statement (an earlier one failed).
    private func readOne(wanting: Bool, into last: inout OpaquePointer?, skipped: inout Bool) -> PostgresError? {
        var error: PostgresError?
        while let r = PQgetResult(handle) {
            let status = PQresultStatus(r)
            if status == PGRES_PIPELINE_ABORTED {
                // Skipped after an earlier statement failed: that one's error is the one said.
                skipped = true
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
        if let e = openingError ?? deferredError { throw e }
        // An error of a statement from before must not surface in here, as this savepoint's: it
        // is the transaction's (kept, so that COMMIT throws it too: a caller that catches this
        // savepoint's error and goes on must not commit what the server already rolled back;
        // an attack found "Saved" for a one-command step whose queued writes were refused as
        // the access log's savepoint opened).
        if queueHoldsWork {
            do { try flush() } catch {
                deferredError = error
                throw error
            }
        }
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
            throw try abandonSavepoint(name, mark: mark, sentBefore: sentBefore, error)
        }
    }

    /// Rolls back savepoint `name`, whose body threw `error` (it began at `mark` in the queue,
    /// when the queue had been sent `sentBefore` times): the error to say for it. A transaction
    /// that never began is thrown here: there is nothing to roll back to.
    func abandonSavepoint(_ name: String, mark: Int, sentBefore: Int, _ error: Error) throws -> Error {
        dropReadAhead()
        if let opening = openingError {
            // The transaction never began (busy, refused, lost): nothing to roll back to here.
            queue.removeAll()
            throw opening
        }
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
        return cause
    }

    /// Queues a transaction's opening statements (BEGIN, SET LOCAL, the writers' lock), to go
    /// with its first statement, in the same round trip. A savepoint does not send them on their
    /// own: when one of them fails (the lock's "busy", a role that may not lock, a lost
    /// connection) that is the transaction's error (`openingError`), thrown from the savepoint
    /// and from every later statement, whatever the body catches, and nothing is written.
    func begin(_ statements: [String]) {
        queue = statements.map {
            var s = PostgresPending(sql: $0, original: $0, arguments: [], cached: false)
            s.opening = true
            return s
        }
        openingError = nil
    }

    /// Whether the server has answered this transaction's opening (it is under way there).
    var opened: Bool { !queue.contains(where: \.opening) && openingError == nil }

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

    /// COMMIT, sent after whatever waits and `question`, in one round trip: the first column of
    /// the rows the question returned, as whole numbers (NULL as 0). A refused statement, question
    /// or rule is thrown (and nothing committed).
    func commit(asking question: SQLRead) throws -> [Int64] {
        dropReadAhead()
        if let e = openingError ?? deferredError { throw e }
        let ask = PostgresPending(sql: try numbered(question.sql, question.arguments), original: question.sql,
                                  arguments: question.arguments, cached: question.cached)
        var end = PostgresPending(sql: "COMMIT", original: "COMMIT", arguments: [], cached: false)
        end.control = true
        let answers = try pipeline(queue + [ask, end], keeping: 2)
        defer { answers.forEach { PQclear($0) } }
        try PostgresConnection.committed(answers[1])
        var row = PostgresRow(result: answers[0], row: 0)
        return (0..<PQntuples(answers[0])).map { i in
            row.row = i
            return row.int64(0)
        }
    }

    /// Throws unless `result` (a COMMIT's) says COMMIT: a transaction the server had already
    /// failed answers COMMIT with ROLLBACK, and no error. Heard never commits such a one knowingly
    /// (a refused statement is thrown, and the transaction rolled back); this says so if it ever did.
    static func committed(_ result: OpaquePointer?) throws {
        guard let result, let status = PQcmdStatus(result), String(cString: status) == "ROLLBACK" else { return }
        throw PostgresError(sqlState: "40000", message: "the server rolled the change back (a statement in it was refused); nothing was saved")
    }

    /// COMMIT, sent with whatever waits (one round trip); a refused statement or rule is thrown.
    func commit() throws {
        dropReadAhead()
        if let e = openingError ?? deferredError { throw e }
        var end = PostgresPending(sql: "COMMIT", original: "COMMIT", arguments: [], cached: false)
        end.control = true
        let answers = try pipeline(queue + [end], keeping: 1)
        defer { answers.forEach { PQclear($0) } }
        try PostgresConnection.committed(answers.first ?? nil)
    }

    /// A read's COMMIT, sent without waiting for its answer: a read-only transaction's COMMIT
    /// cannot be refused, and the server ends it (its snapshot and locks) as soon as it arrives.
    /// The answer is read when the connection is next lent (`settle`), long since there, so a
    /// read costs no round trip for its end. A read that sent nothing ends without a word.
    func commitWithoutWaiting() throws {
        try landFlight()
        dropReadAhead()
        if let e = openingError ?? deferredError { throw e }
        if !queue.isEmpty && queue.allSatisfy(\.opening) {
            queue.removeAll()
            return
        }
        try flush()
        guard PQsendQuery(handle, "COMMIT") == 1 else { throw failure(nil) }
        commitInFlight = true
    }

    /// Reads the answer to a COMMIT sent without waiting; false when the connection is not to be
    /// used again (the server refused it, or the connection was lost meanwhile).
    func settle() -> Bool {
        guard commitInFlight else { return true }
        commitInFlight = false
        var ok = true
        while let r = PQgetResult(handle) {
            if PQresultStatus(r) != PGRES_COMMAND_OK { ok = false }
            PQclear(r)
        }
        return ok && !isBroken && !inTransaction
    }

    /// ROLLBACK sent after whatever waits, in one round trip: a probe's end (what it did is
    /// undone, and the server need not write its log to disk as a COMMIT would). A refused
    /// statement is thrown, and the transaction is then still there to roll back (`rollback`).
    func rollBackAfterWhatWaits() throws {
        dropReadAhead()
        if let e = openingError ?? deferredError { throw e }
        try enqueue("ROLLBACK", [], cached: false, control: true)
        try flush()
    }

    /// ROLLBACK: what waits is not sent at all.
    func rollback() {
        landFlightQuietly()
        dropReadAhead()
        queue.removeAll()
        deferredError = nil
        openingError = nil
        // Nothing sent (a body refused before its first statement): no transaction to end there.
        if !isBroken && inTransaction { try? runNow("ROLLBACK") }
    }

    /// The error to report for a transaction that failed with `error`: a queued statement's
    /// refusal found when `changes` was read comes first (the caller's error followed from it).
    func cause(of error: Error) -> Error {
        defer { deferredError = nil }
        return openingError ?? deferredError ?? error
    }
}
