import CLibPQ

// Writes sent without waiting (issue 15, "Speed"). A bulk change on a server spent its time in
// two halves, one after the other: the client checking a chunk of cases (a third) and the server
// writing the chunk before (two thirds), each idle while the other worked. `writeAhead` sends a
// chunk's writes (in a savepoint of their own, for the bulk change) with the reads of a chunk to
// come, and returns at once; the client checks the next chunk meanwhile, and `settle` waits for
// the answers.

/// Writes and reads sent ahead, their answers not read yet.
final class PostgresFlight {
    let sent: [(prepare: Bool, original: String)]
    let statements: [PostgresPending]
    /// The reads sent after the writes: their answers are kept for `each` when they come.
    let reads: [SQLRead]
    /// The savepoint the writes are in, rolled back when the server refuses one of them (none:
    /// a refusal is the transaction's).
    let savepoint: String?
    /// False once a write of this transaction could have changed what the reads read.
    var keepAnswers = true
    /// Whether the answers have been read.
    var landed = false
    /// The server's refusal of the writes (or of a read), the savepoint rolled back.
    var refusal: Error?
    /// Whether the writer has been told (`settle`); until then a refusal is the transaction's.
    var settled = false
    /// Whether the refusal was made the transaction's error (`landFlight`), until settled.
    var madeDeferred = false

    init(sent: [(prepare: Bool, original: String)], statements: [PostgresPending], reads: [SQLRead], savepoint: String?) {
        self.sent = sent
        self.statements = statements
        self.reads = reads
        self.savepoint = savepoint
    }
}

extension PostgresConnection {
    func writeAhead(_ body: () throws -> Void, inSavepoint: Bool, thenReading reads: [SQLRead]) throws -> WritesAhead {
        if let e = openingError ?? deferredError { throw e }
        try landFlight()
        // Statements from before are the transaction's: sent, and their refusal said, first.
        if queueHoldsWork {
            do { try flush() } catch {
                deferredError = error
                throw error
            }
        }
        var name: String?
        if inSavepoint {
            savepoints += 1
            name = "heard_sp\(savepoints)"
        }
        let mark = queue.count, sentBefore = flushes
        if let name { try enqueue("SAVEPOINT \(name)", [], cached: false, control: true) }
        do {
            try body()
            if let e = deferredError { throw e }
            if let name { try enqueue("RELEASE SAVEPOINT \(name)", [], cached: false, control: true) }
        } catch {
            guard let name else {
                // No savepoint to go back to: the transaction's.
                deferredError = deferredError ?? error
                throw error
            }
            return WritesAhead(refusal: try abandonSavepoint(name, mark: mark, sentBefore: sentBefore, error))
        }
        var wanted: [SQLRead] = []
        for r in reads where !PostgresConnection.returnsNoRows(r.sql) && PostgresConnection.isPlainSelect(r.sql) && !wanted.contains(r) {
            wanted.append(r)
        }
        let statements = try queue + wanted.map {
            PostgresPending(sql: try numbered($0.sql, $0.arguments), original: $0.sql, arguments: $0.arguments, cached: $0.cached)
        }
        queue.removeAll()
        flushes += 1
        let sent = try sendPipeline(statements)
        let f = PostgresFlight(sent: sent, statements: statements, reads: wanted, savepoint: name)
        flight = f
        return WritesAhead { [weak self] in
            if let self, self.flight === f { self.landFlightQuietly() }
            // Said as the transaction's when something else landed it first: the writer's now.
            if f.madeDeferred { self?.deferredError = nil }
            f.settled = true
            return f.refusal
        }
    }

    /// Reads the answers of what was sent ahead, if anything: a refusal rolls its savepoint back
    /// and, until the writer has settled it, is the transaction's (thrown here and by the next
    /// statement and COMMIT: the chunk it refused is not written, and must not be committed unsaid).
    func landFlight() throws {
        guard let f = flight else { return }
        landFlightQuietly()
        if let e = f.refusal, !f.settled {
            if deferredError == nil {
                deferredError = e
                f.madeDeferred = true
            }
            throw e
        }
    }

    /// `landFlight`, the refusal kept in the flight only.
    func landFlightQuietly() {
        guard let f = flight else { return }
        flight = nil
        f.landed = true
        do {
            let answers = try receivePipeline(f.sent, f.statements, keeping: f.reads.count)
            if f.keepAnswers { readAheadAnswers += zip(f.reads, answers).map { ($0, $1) } } else { answers.forEach { PQclear($0) } }
        } catch {
            f.refusal = error
            guard !isBroken, openingError == nil else { return }
            guard let savepoint = f.savepoint else {
                deferredError = deferredError ?? error
                return
            }
            do {
                // A read refused after the RELEASE leaves no savepoint to go back to: the
                // transaction failed as a whole.
                try runNow("ROLLBACK TO SAVEPOINT \(savepoint)")
                try runNow("RELEASE SAVEPOINT \(savepoint)")
            } catch {
                deferredError = deferredError ?? f.refusal
            }
        }
    }
}
