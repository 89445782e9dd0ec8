import Foundation
import GRDB
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// What a write costs on a server in round trips (issue 15, "Speed"): its opening (BEGIN, the
/// settings, the writers' lock) goes with its first statement, an UPDATE read by nobody waits in
/// the queue, and a lock that cannot be had still fails the whole write with "busy", nothing
/// written, whatever the body caught. Skipped without a server.
final class PostgresRoundTripTests: PostgresSchemaTestCase {
    /// A store on a fresh schema (its tables made), and its server backend.
    private func store(_ s: TestSchema, busyTimeout: Double = 5) throws -> (Store, PostgresBackend) {
        var options = StoreOptions(actor: "Test Officer")
        options.busyTimeout = busyTimeout
        options.busyRetries = 0
        let store = try Store(path: s.url, options: options)
        return (store, try XCTUnwrap(store.backend as? PostgresBackend))
    }

    /// The round trips `body` cost on `server`.
    private func trips(_ server: PostgresBackend, _ body: () throws -> Void) rethrows -> Int {
        let before = server.roundTrips.load(ordering: .relaxed)
        try body()
        return server.roundTrips.load(ordering: .relaxed) - before
    }

    func testAWritesOpeningGoesWithItsFirstStatementAndItsLastWritesWithCommit() throws {
        let (_, server) = try store(try schema())
        try server.write { try $0.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v TEXT NOT NULL)") }
        let n = try trips(server) {
            try server.write { c in
                XCTAssertEqual(try c.int("SELECT count(*) FROM t"), 0)
                try c.execute("INSERT INTO t (id, v) VALUES (?, ?)", [.int(1), .text("a")])
            }
        }
        XCTAssertEqual(n, 2, "BEGIN, the lock and the read in one; the insert and COMMIT in the other")
        XCTAssertEqual(try server.read { try $0.texts("SELECT v FROM t") }, ["a"])
    }

    func testAnUpdateNobodyReadsWaitsInTheQueueAndItsChangesAreStillCounted() throws {
        let (_, server) = try store(try schema())
        try server.write { c in
            try c.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v TEXT NOT NULL)")
            try c.execute("INSERT INTO t (id, v) VALUES (1, 'a'), (2, 'b')")
        }
        let changed = try server.write { c -> Int in
            guard let pg = c as? PostgresConnection else { throw TestServerError(description: "not a server connection") }
            let waiting = pg.queue.count
            try c.each("UPDATE t SET v = 'x' WHERE id >= ?", [.int(1)], cached: true) { _ in XCTFail("an UPDATE has no rows") }
            XCTAssertEqual(pg.queue.count, waiting + 1, "queued, not sent")
            return c.changes
        }
        XCTAssertEqual(changed, 2)
        XCTAssertTrue(PostgresConnection.returnsNoRows("  DELETE FROM t"))
        XCTAssertFalse(PostgresConnection.returnsNoRows("INSERT INTO t (v) VALUES ('a') RETURNING id"))
        XCTAssertFalse(PostgresConnection.returnsNoRows("WITH x AS (SELECT 1) UPDATE t SET v = 'y'"))
        XCTAssertFalse(PostgresConnection.returnsNoRows("SELECT 1"))
    }

    /// The server answers COMMIT with ROLLBACK, and no error, for a transaction it had failed:
    /// a write whose refused statement was caught and ignored must not be said done.
    func testACommitTheServerRollsBackIsAnError() throws {
        let (_, server) = try store(try schema())
        try server.write { try $0.execute("CREATE TABLE t (id BIGINT PRIMARY KEY)") }
        XCTAssertThrowsError(try server.write { c in
            try c.execute("INSERT INTO t (id) VALUES (1)")
            _ = try? c.int("SELECT 1 / 0")
        }) { e in
            XCTAssertTrue("\(e)".contains("rolled the change back"), "\(e)")
        }
        XCTAssertEqual(try server.read { try $0.int("SELECT count(*) FROM t") }, 0)
        XCTAssertNoThrow(try server.write { try $0.execute("INSERT INTO t (id) VALUES (2)") }, "the connection is fit for the next")
    }

    func testABodyRefusedBeforeItsFirstStatementCostsNoRoundTrip() throws {
        let (_, server) = try store(try schema())
        struct Refused: Error {}
        let n = try trips(server) {
            XCTAssertThrowsError(try server.write { _ in throw Refused() })
        }
        XCTAssertEqual(n, 0, "nothing was sent, so no ROLLBACK either")
        XCTAssertNoThrow(try server.write { try $0.execute("CREATE TABLE t (id BIGINT)") }, "the connection is reused in order")
    }

    func testABusyWriterRowFailsTheWholeWriteEvenWhenTheBodyCatchesAndWritesNothing() throws {
        let s = try schema()
        let (store, _) = try store(s, busyTimeout: 0.2)
        let before = try store.add(sampleComplaint(), today: fixedToday)
        let lock = try HeldWriteLock(path: s.url)
        var ranOn = false
        let e = storeError {
            try store.write { tx in
                // As a bulk change does: a refused command is caught, and the next one tried.
                do { _ = try store.update(before, today: fixedToday, in: tx) } catch {}
                ranOn = true
                try store.add(sampleComplaint(name: "Second Person"), today: fixedToday, in: tx)
            }
        }
        lock.release()
        XCTAssertEqual(e, .serverBusy, "the lock's refusal is the write's, said as before")
        XCTAssertTrue(ranOn, "the body went on in Swift, which writes nothing")
        XCTAssertEqual(try store.contactCount(), 1, "nothing of it was written")
        XCTAssertEqual(try store.contact(id: try XCTUnwrap(before.id)).version, before.version)
        // And with the writers' row free again, the same write goes through.
        var edited = before
        edited.officer = "Another Officer"
        XCTAssertEqual(try store.update(edited, today: fixedToday).officer, "Another Officer")
    }

    func testAskingWhetherTheWritersRowIsBusyIsOneRoundTrip() throws {
        let s = try schema()
        let (_, server) = try store(s)
        var busy = true
        XCTAssertEqual(trips(server) { busy = server.writerRowIsBusy() }, 1, "BEGIN, the lock NOWAIT and ROLLBACK together")
        XCTAssertFalse(busy)
        // Rolled back, not committed: a COMMIT of a row locked waits for the log to reach the disk.
        // (The row's last locker is the probe's transaction; the epoch of a test server is 0.)
        XCTAssertEqual(try TestSchema.value(s.url, "SELECT txid_status(xmax::text::bigint) FROM heard_writer"), "aborted")
        let lock = try HeldWriteLock(path: s.url)
        XCTAssertTrue(server.writerRowIsBusy(), "another session holds it")
        lock.release()
        XCTAssertFalse(server.writerRowIsBusy(), "and the connection went back to the pool in order")
    }

    /// Opening a record asks the catalogue once (tables, `heard_schema`, the writers' row, the name
    /// index) with the read's BEGIN, then its version and columns together: two round trips where
    /// they were six in a row at every command's start.
    func testOpeningARecordCostsTwoRoundTrips() throws {
        let s = try schema()
        _ = try store(s)
        let (_, server) = try store(s)
        XCTAssertEqual(server.roundTrips.load(ordering: .relaxed), 2, "a record's opening")
    }

    /// A read noted in the access log asks the case's reference and the last audit row in one
    /// round trip, then writes the note in the next.
    func testARecordedReadCostsTwoRoundTrips() throws {
        let (store, server) = try store(try schema())
        let id = try XCTUnwrap(store.add(sampleComplaint(), today: fixedToday).id)
        let n = trips(server) { XCTAssertEqual(store.recordRead(contactID: id, via: .show), .written) }
        XCTAssertEqual(n, 2, "the reads and the note")
        XCTAssertEqual(try store.reads(contactID: id).map(\.via), [.show])
        XCTAssertEqual(store.recordRead(contactID: id + 1000, via: .show), .failed("no case #\(id + 1000)"))
    }

    func testADurableChangeCostsFewRoundTrips() throws {
        let (store, server) = try store(try schema())
        let added = try store.add(sampleComplaint(), today: fixedToday)
        var edited = try store.contact(id: try XCTUnwrap(added.id))
        edited.officer = "First Officer"
        // The first save on a connection prepares its statements (a round trip each, once).
        edited = try store.update(edited, today: fixedToday)
        edited.officer = "Another Officer"
        let n = try trips(server) { _ = try store.update(edited, today: fixedToday) }
        // The case, its issues, events and people, the calendar and the anonymised check are read
        // ahead in one, with BEGIN and the lock; the command's writes, the version's UPDATE first
        // (its count checked as it is answered), go with COMMIT, which asks whether the name
        // index has notes to take (none here: the officer holds no name, so no write of its own
        // follows). Each read on its own, the version checked on its own, the command's writes
        // sent at its savepoint's end and the notes taken in a savepoint of their own, it was 10.
        XCTAssertEqual(n, 2, "a save's round trips")
        XCTAssertEqual(try store.contact(id: try XCTUnwrap(added.id)).officer, "Another Officer")
    }

    /// The cases a step's COMMIT found noted are taken, others' notes with them; more than a
    /// step takes (an import's) are all left to the next search.
    func testAStepTakesTheCasesNotedAtItsCommitAndLeavesAnImportsNotes() throws {
        let s = try schema()
        let (store, _) = try store(s)
        let a = try XCTUnwrap(try store.add(sampleComplaint(name: "Pat Parent"), today: fixedToday).id)
        let b = try XCTUnwrap(try store.add(sampleComplaint(name: "Quentin Other"), today: fixedToday).id)
        func words(_ id: Int64) throws -> String? { try TestSchema.value(s.url, "SELECT words FROM name_words WHERE contact_id = \(id)") }
        func notes() throws -> Int { Int(try TestSchema.value(s.url, "SELECT count(*) FROM name_words_stale") ?? "") ?? -1 }
        let bWords = try words(b)
        // Another case noted and its words spoilt (as a take that failed busy would leave them to be).
        try TestSchema.run(s.url, "UPDATE name_words SET words = 'spoilt' WHERE contact_id = \(b); INSERT INTO name_words_stale (contact_id) VALUES (\(b)), (\(b))")
        var edited = try store.contact(id: a)
        edited.complainantName = "Patricia Parent"
        edited = try store.update(edited, today: fixedToday)
        XCTAssertEqual(try notes(), 0, "both cases' notes taken")
        XCTAssertEqual(try words(b), bWords, "the other case's words read again from its texts")
        XCTAssertEqual(try store.subjectAccessSearch(PersonName("Patricia Parent")).map(\.contact.id), [a])
        // More notes than a step takes: the step's own case's included, all are left.
        try TestSchema.run(s.url, "INSERT INTO name_words_stale (contact_id) SELECT \(b) FROM generate_series(1, \(Store.nameWordsTakenInStep))")
        edited.complainantName = "Patience Parent"
        _ = try store.update(edited, today: fixedToday)
        XCTAssertEqual(try notes(), Store.nameWordsTakenInStep + 1, "left to the next search")
        XCTAssertEqual(try store.subjectAccessSearch(PersonName("Patience Parent")).map(\.contact.id), [a], "a search reads them aside")
    }

    func testAMoveCostsThreeRoundTrips() throws {
        let (store, server) = try store(try schema())
        let added = try store.add(sampleComplaint(received: "2021-12-01"), today: fixedToday)
        let id = try XCTUnwrap(added.id)
        // The first move on a connection prepares its statements (once).
        var c = try store.record(CaseEvent(kind: .paused, date: day("2021-12-06"), reason: "Waiting"), on: id, version: added.version, today: fixedToday)
        c = try store.record(CaseEvent(kind: .resumed, date: day("2021-12-07")), on: id, version: c.version, today: fixedToday)
        let n = try trips(server) {
            c = try store.record(CaseEvent(kind: .paused, date: day("2021-12-08"), reason: "Waiting"), on: id, version: c.version, today: fixedToday)
        }
        // The case and the calendar read ahead (with BEGIN and the lock); the event's INSERT, whose
        // id is waited for; the version's UPDATE and the rest with COMMIT; the reason's words taken
        // after (two). The calendar read after the first write was a round trip of its own.
        XCTAssertEqual(n, 5, "a move's round trips")
        XCTAssertEqual(try store.contact(id: id).events.last?.kind, .paused)
    }

    func testAStepThatNotesANameTakesItsWordsRightAfterItsCommit() throws {
        let (store, server) = try store(try schema())
        let added = try store.add(sampleComplaint(name: "Pat Parent"), today: fixedToday)
        var edited = try store.contact(id: try XCTUnwrap(added.id))
        // The first save and take on a connection prepare their statements (once).
        edited.complainantName = "Pat Parent-Jones"
        edited = try store.update(edited, today: fixedToday)
        edited.complainantName = "Patricia Parent-Jones"
        let n = try trips(server) { _ = try store.update(edited, today: fixedToday) }
        XCTAssertEqual(try store.query { try $0.int("SELECT count(*) FROM name_words_stale") }, 0, "taken")
        XCTAssertEqual(try store.subjectAccessSearch(PersonName("Patricia Parent-Jones")).map(\.contact.id), [added.id])
        XCTAssertEqual(n, 4, "the save's two, and the take's own write: lock, notes deleted and texts read; words written with COMMIT")
    }

    /// A screen's store keeps the take for after its frame: the save is its own two round trips,
    /// the notes wait (a search meanwhile reads the case aside), and the take, when asked, takes
    /// the cases of every step since, without waiting for the server's disk.
    func testAScreensStoreTakesTheWordsWhenAskedAfterItsFrame() throws {
        let (store, server) = try store(try schema())
        store.deferNameWordsUntilAsked()
        let a = try store.add(sampleComplaint(name: "Pat Parent"), today: fixedToday)
        let b = try store.add(sampleComplaint(name: "Quentin Other"), today: fixedToday)
        store.takeDeferredNameWords()
        func notes() throws -> Int { try store.query { try $0.int("SELECT count(*) FROM name_words_stale") } ?? -1 }
        XCTAssertEqual(try notes(), 0)
        var first = try store.contact(id: try XCTUnwrap(a.id))
        first.complainantName = "Patricia Parent"
        let n = try trips(server) { first = try store.update(first, today: fixedToday) }
        XCTAssertEqual(n, 2, "the save alone")
        var second = try store.contact(id: try XCTUnwrap(b.id))
        second.complainantName = "Quentin Another"
        _ = try store.update(second, today: fixedToday)
        XCTAssertEqual(try notes(), 2, "both cases wait for the frame")
        XCTAssertEqual(try store.subjectAccessSearch(PersonName("Patricia Parent")).map(\.contact.id), [a.id], "read aside meanwhile")
        let taking = trips(server) { store.takeDeferredNameWords() }
        XCTAssertEqual(taking, 2)
        XCTAssertEqual(try notes(), 0, "both taken together")
        let words = try store.query { try $0.texts("SELECT words FROM name_words WHERE contact_id IN (\(a.id ?? 0), \(b.id ?? 0)) ORDER BY contact_id") }
        XCTAssertEqual(words.map { $0.contains("patricia") }, [true, false])
        XCTAssertEqual(words.map { $0.contains("another") }, [false, true])
        XCTAssertEqual(trips(server) { store.takeDeferredNameWords() }, 0, "nothing left to take")
    }

    /// A server store with a table `t` of `values` (ids 1, 2, …) and the query of one value by id.
    private func lettersTable(_ values: [String]) throws -> (PostgresBackend, (Int64) -> SQLRead) {
        let (_, server) = try store(try schema())
        try server.write { c in
            try c.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v TEXT NOT NULL)")
            for (i, v) in values.enumerated() { try c.execute("INSERT INTO t (id, v) VALUES (?, ?)", [.int(Int64(i + 1)), .text(v)]) }
        }
        return (server, { SQLRead(sql: "SELECT v FROM t WHERE id = ?", arguments: [.int($0)]) })
    }

    func testQueriesReadAheadCostOneRoundTripAndAnswerAsAskedOneByOne() throws {
        let (server, value) = try lettersTable(["a", "b", "c"])
        let one = value(1)
        let two = SQLRead(sql: "SELECT v FROM t WHERE id = ?", arguments: [.int(2)], cached: true)
        let count = SQLRead(sql: "SELECT count(*) FROM t WHERE id >= ?", arguments: [.int(2)])
        var answers: [[String]] = []
        let n = try trips(server) {
            try server.read { c in
                try c.readAhead([one, two, count])
                // Asked in another order than read ahead, and one asked that was not.
                answers = [try c.texts(count.sql, count.arguments), try c.rows(two).map { $0[0].text ?? "" },
                           try c.texts(one.sql, one.arguments), try c.texts(one.sql, [.int(3)])]
                // An answer is taken once: asked again, the query goes to the server again.
                answers.append(try c.texts(one.sql, one.arguments))
            }
        }
        XCTAssertEqual(answers, [["2"], ["b"], ["a"], ["c"], ["a"]])
        XCTAssertEqual(n, 3, "the three read ahead in one (with BEGIN), then the two not read ahead")
    }

    func testAnAnswerReadAheadIsLetGoWhenTheTransactionWritesSoTheQueryAskedAfterSeesTheWrite() throws {
        let (server, value) = try lettersTable(["a", "b"])
        let read = value(1), other = value(2)
        let seen = try server.write { c -> [String] in
            try c.readAhead([read, other])
            try c.execute("UPDATE t SET v = 'changed'", [])
            return try c.texts(read.sql, read.arguments) + c.texts(other.sql, other.arguments)
        }
        XCTAssertEqual(seen, ["changed", "changed"])
        // And a savepoint rolled back lets them go too: what they said may have been its writes'.
        let afterRollback = try server.write { c -> [String] in
            struct Refused: Error {}
            _ = try? c.savepoint {
                try c.execute("UPDATE t SET v = 'inside'", [])
                try c.readAhead([read, other])
                throw Refused()
            }
            return try c.texts(read.sql, read.arguments)
        }
        XCTAssertEqual(afterRollback, ["changed"])
    }

    /// Writes sent ahead (`writeAhead`) go with the reads after them in one round trip, not
    /// waited for; `settle` reads their answers, and the reads are then answered without a trip.
    func testWritesSentAheadGoWithTheReadsAfterThemAndThoseAreAnsweredWithoutATrip() throws {
        let (server, value) = try lettersTable(["a", "b", "c"])
        let two = value(2), three = value(3)
        var seen: [String] = []
        var refusal: Error?
        var sentInFlight = false
        let n = try trips(server) {
            try server.write { c in
                _ = try c.texts("SELECT v FROM t WHERE id = 1", [])
                let writes = try c.writeAhead({ try c.execute("UPDATE t SET v = 'x' WHERE id = ?", [.int(1)]) }, inSavepoint: true, thenReading: [two, three])
                sentInFlight = (c as? PostgresConnection)?.flight != nil
                refusal = writes.settle()
                seen = try c.texts(two.sql, two.arguments) + c.texts(three.sql, three.arguments) + c.texts("SELECT v FROM t WHERE id = 1", [])
            }
        }
        XCTAssertTrue(sentInFlight, "sent, and its answers not read before settle")
        XCTAssertNil(refusal)
        XCTAssertEqual(seen, ["b", "c", "x"])
        XCTAssertEqual(n, 4, "the first read (with BEGIN); the writes with both reads; the read of the row written; COMMIT")
        XCTAssertEqual(try server.read { try $0.texts("SELECT v FROM t ORDER BY id", []) }, ["x", "b", "c"])
    }

    /// A write sent ahead that the server refuses is rolled back to its own savepoint and said by
    /// `settle`; the transaction goes on and what it wrote before and after stands. The reads sent
    /// after it were never answered, and are asked again.
    func testAWriteSentAheadThatIsRefusedIsRolledBackAloneAndSaidBySettle() throws {
        let (server, value) = try lettersTable(["a", "b"])
        try server.write { try $0.execute("ALTER TABLE t ADD CONSTRAINT short CHECK (length(v) < 5)", []) }
        var refusal: Error?
        var seen: [String] = []
        try server.write { c in
            try c.execute("UPDATE t SET v = 'ok' WHERE id = 1", [])
            let writes = try c.writeAhead({
                try c.execute("UPDATE t SET v = 'fine' WHERE id = 2", [])
                try c.execute("UPDATE t SET v = 'far too long' WHERE id = 1", [])
            }, inSavepoint: true, thenReading: [value(2)])
            refusal = writes.settle()
            XCTAssertNotNil(writes.settle(), "asked again, the same answer")
            seen = try c.texts(value(2).sql, value(2).arguments)
            try c.execute("INSERT INTO t (id, v) VALUES (3, 'c')", [])
        }
        XCTAssertTrue("\(refusal.map { "\($0)" } ?? "")".contains("short"), "\(String(describing: refusal))")
        XCTAssertEqual(seen, ["b"], "the read asked again, after the rollback")
        XCTAssertEqual(try server.read { try $0.texts("SELECT v FROM t ORDER BY id", []) }, ["ok", "b", "c"])
    }

    /// A refusal of writes sent ahead that nobody settled is the transaction's: the next statement
    /// throws it and nothing is committed (their chunk would otherwise be lost unsaid).
    func testARefusalOfWritesSentAheadThatNobodySettledFailsTheWholeWrite() throws {
        let (server, value) = try lettersTable(["a"])
        try server.write { try $0.execute("ALTER TABLE t ADD CONSTRAINT short CHECK (length(v) < 5)", []) }
        XCTAssertThrowsError(try server.write { c in
            try c.execute("INSERT INTO t (id, v) VALUES (2, 'b')", [])
            _ = try c.writeAhead({ try c.execute("UPDATE t SET v = 'far too long' WHERE id = 1", []) }, inSavepoint: true, thenReading: [value(1)])
            _ = try? c.texts("SELECT count(*) FROM t", [])
            try c.execute("INSERT INTO t (id, v) VALUES (3, 'c')", [])
        })
        XCTAssertEqual(try server.read { try $0.texts("SELECT v FROM t ORDER BY id", []) }, ["a"])
    }

    /// A bulk change on a server sends each chunk's writes with the next chunk's reads and checks
    /// that chunk meanwhile: about one round trip a chunk, where each chunk waited for its writes
    /// and then for its three reads.
    func testABulkChangeSendsEachChunksWritesWithTheNextChunksReads() throws {
        let (store, server) = try store(try schema())
        let today = day("2022-06-15")
        _ = try store.importCSV(Array(BulkAtScaleTests.csv(count: 2_000).utf8), source: "bulk.csv", dryRun: false, today: today)
        let ids = try store.cases(CaseFilter(), today: today).map(\.id)
        var result: BulkResult?
        let n = try trips(server) { result = try store.bulk(.assign(officer: "New Officer"), ids: ids, today: today) { _, _ in } }
        XCTAssertEqual(result?.done, 2_000)
        XCTAssertEqual(n, 7, "the opening and the calendar; the first two chunks read; each chunk's writes with the reads of the one after next; COMMIT")
        XCTAssertEqual(try store.query { try $0.int("SELECT count(*) FROM contacts WHERE officer = 'New Officer'") }, 2_000)
        var undone: UndoResult?
        let m = try trips(server) { undone = try store.undoLast(today: today) }
        XCTAssertEqual(undone?.contactIDs.count, 2_000)
        XCTAssertEqual(m, 9, "the step, whether others wrote, the calendar; then as the change: two chunks read, one trip a chunk, COMMIT")
        XCTAssertEqual(try store.query { try $0.int("SELECT count(*) FROM contacts WHERE officer = 'New Officer'") }, 0)
    }

    func testTheCaseScreensWholeRecordIsReadInFewRoundTrips() throws {
        let (store, server) = try store(try schema())
        try store.writeDemo(today: fixedToday)
        // A case with learning recorded, so that both second-round answers are there to mix up.
        let learned = try XCTUnwrap(try store.learningPoints().compactMap(\.caseReference).first)
        let id = try XCTUnwrap(try store.cases(CaseFilter(), today: fixedToday).first(where: { $0.reference == learned })?.id)
        var parts: CaseParts?
        let n = try trips(server) { parts = try store.caseParts(id: id) }
        // The case's own reads, the calendar, its actions, correspondence, hold, access log and
        // the two its history's condition needs: one; its history and its learning together: one.
        XCTAssertEqual(n, 2, "thirteen reads each on their own")
        let p = try XCTUnwrap(parts)
        XCTAssertEqual(p.contact.id, id)
        XCTAssertFalse(p.history.isEmpty, "the case's own history came with it")
        XCTAssertFalse(p.learning.isEmpty)
        XCTAssertEqual(p.history, try store.caseHistory(contactID: id, reference: p.contact.reference), "each answer to its own query")
        XCTAssertEqual(p.learning, try store.learningPoints().filter { $0.caseReference == learned })
    }

    /// A save's redraw reads its rows again: the calendar, their events and their rows in one.
    func testRowsReadAgainAfterAChangeAreOneRoundTrip() throws {
        let (store, server) = try store(try schema())
        try store.writeDemo(today: fixedToday)
        let all = try store.cases(CaseFilter(), today: fixedToday)
        let ids = all.filter { $0.status.isActive }.prefix(3).map(\.id)
        XCTAssertEqual(ids.count, 3)
        _ = try store.cases(today: fixedToday, ids: ids)
        var rows: [CaseSummary] = []
        let n = try trips(server) { rows = try store.cases(today: fixedToday, ids: ids) }
        XCTAssertEqual(n, 1, "the calendar, the events and the rows: three, in two transactions")
        XCTAssertEqual(rows, all.filter { ids.contains($0.id) }, "each answer to its own query")
    }

    func testAnExportAsksEachBatchInOneRoundTripWithTheSameBytes() throws {
        let (store, server) = try store(try schema())
        try store.writeDemo(today: fixedToday)
        let count = try store.contactCount()
        var whole: [UInt8] = [], batched: [UInt8] = []
        _ = try store.exportContactBytes(.csv, today: fixedToday) { whole += $0 }
        let batch = 4
        let n = try trips(server) { _ = try store.exportContactBytes(.csv, today: fixedToday, batch: batch) { batched += $0 } }
        XCTAssertEqual(batched, whole, "the same export, batch by batch")
        // The calendar, the order, then each batch's contacts, issues, events, people, log and
        // letters in one (a batch whose ids are not dense enough for the range reads its own).
        let batches = (count + batch - 1) / batch
        XCTAssertGreaterThan(batches, 3)
        XCTAssertLessThanOrEqual(n, 2 + batches + batches / 2, "six a batch was \(2 + 6 * batches)")
    }

    func testAWriteOnAConnectionTheServerClosedIsMadeOnAFreshOne() throws {
        let (store, server) = try store(try schema())
        let pid = try server.write { try $0.int("SELECT pg_backend_pid()") } ?? 0
        try TestSchema.run(try TestDatabase.requirePostgres(), "SELECT pg_terminate_backend(\(pid))")
        let added = try store.add(sampleComplaint(), today: fixedToday)
        XCTAssertNotNil(added.id)
        XCTAssertEqual(try store.contactCount(), 1)
    }

    /// The demo's record in a file (in `dir`), and an empty schema of the test server to copy it to.
    func demoAndEmptyServer(_ dir: TemporaryDirectory, before: (String) throws -> Void = { _ in }) throws -> (source: Store, target: Store, schema: TestSchema) {
        let source = try Store(path: dir.file("a.sqlite"), options: StoreOptions(actor: "Test Officer"))
        try source.writeDemo(today: fixedToday)
        try before(source.path)
        let s = try schema()
        return (source, try store(s).0, s)
    }

    func testACopyIntoTheServerLeavesItsStatistics() throws {
        let dir = TemporaryDirectory()
        let (source, target, s) = try demoAndEmptyServer(dir)
        try source.copyRecord(to: target)
        // Analysed: the planner knows the rows (never analysed, reltuples is -1) and so takes
        // the partial index of unreadable rows at once, not a scan of every contact.
        let known = try XCTUnwrap(Double(try XCTUnwrap(TestSchema.value(s.url, "SELECT reltuples FROM pg_class WHERE oid = to_regclass('contacts')"))))
        XCTAssertEqual(Int(known), try source.contactCount())
        XCTAssertNotNil(try TestSchema.value(s.url, "SELECT count(*) FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'audit' HAVING count(*) > 0"))
    }

    /// A NUL in a file's text (written by another tool) cannot go to the server: libpq sent the
    /// text up to it, so the copy was cut short there and still proved equal (an attack). The
    /// copy is refused before anything is written, naming the row and the column.
    func testACopyOfTextWithANulIsRefusedNamingWhere() throws {
        let dir = TemporaryDirectory()
        let (source, target, _) = try demoAndEmptyServer(dir) { path in
            let q = try DatabaseQueue(path: path)
            try q.write { try $0.execute(sql: "UPDATE contacts SET summary = 'before ' || char(0) || ' after' WHERE id = 3") }
            try q.close()
        }
        XCTAssertThrowsError(try source.copyRecord(to: target)) { e in
            XCTAssertEqual("\(e)", "\(StoreError.refused("contacts row id 3, column summary, holds a NUL character, which PostgreSQL cannot store; nothing was copied (remove it in the file first)"))")
        }
        XCTAssertEqual(try target.tableCounts().filter { $0.rows > 0 && $0.table != "holidays" }.count, 0, "nothing copied")
    }

    /// Bytes in a column Heard keeps text in (another tool's): the server took them as text in
    /// hex ('\x00ff') and the copy proved equal (an attack). Refused, naming where; a document's
    /// bytes are copied as they are.
    func testACopyOfBytesWhereTextBelongsIsRefusedNamingWhere() throws {
        let dir = TemporaryDirectory()
        let (source, target, _) = try demoAndEmptyServer(dir) { path in
            let q = try DatabaseQueue(path: path)
            try q.write { try $0.execute(sql: "UPDATE contacts SET officer = x'00ff' WHERE id = 2") }
            try q.close()
        }
        XCTAssertThrowsError(try source.copyRecord(to: target)) { e in
            XCTAssertEqual("\(e)", "\(StoreError.refused("contacts row id 2, column officer, holds bytes that are not text where Heard keeps text (written by another tool); nothing was copied (correct it in the file first)"))")
        }
        XCTAssertEqual(try target.tableCounts().filter { $0.rows > 0 && $0.table != "holidays" }.count, 0, "nothing copied")
    }

    /// Every cell that cannot go is named at once (a trial mended one, copied again, and only
    /// then learnt of the next); bytes that are text go as that text, as Heard reads them.
    func testACopyNamesEveryCellThatCannotGoAndTakesBytesThatAreText() throws {
        let dir = TemporaryDirectory()
        let (source, target, s) = try demoAndEmptyServer(dir) { path in
            let q = try DatabaseQueue(path: path)
            try q.write {
                try $0.execute(sql: "UPDATE contacts SET officer = x'00ff' WHERE id = 2")
                try $0.execute(sql: "UPDATE contacts SET summary = 'a' || char(0) || 'b' WHERE id = 4")
                try $0.execute(sql: "UPDATE contact_log SET note = x'c3' WHERE id = (SELECT min(id) FROM contact_log)")
            }
            try q.close()
        }
        let firstLog = try source.query { try $0.int("SELECT min(id) FROM contact_log") } ?? 0
        XCTAssertThrowsError(try source.copyRecord(to: target)) { e in
            XCTAssertEqual("\(e)", "\(StoreError.refused("3 cells cannot be copied to PostgreSQL (written by another tool); nothing was copied (correct them in the file first): contacts row id 2, column officer: bytes that are not text; contacts row id 4, column summary: a NUL character; contact_log row id \(firstLog), column note: bytes that are not text"))")
        }
        XCTAssertEqual(try target.tableCounts().filter { $0.rows > 0 && $0.table != "holidays" }.count, 0, "nothing copied")

        // Text another tool stored as bytes (UTF-8): copied as that text.
        let dir2 = TemporaryDirectory()
        let (source2, target2, _) = try demoAndEmptyServer(dir2) { path in
            let q = try DatabaseQueue(path: path)
            try q.write { try $0.execute(sql: "UPDATE contacts SET officer = CAST('Jo Bloggs é' AS BLOB) WHERE id = 2") }
            try q.close()
        }
        _ = s
        try source2.copyRecord(to: target2)
        XCTAssertEqual(try target2.contact(id: 2).officer, "Jo Bloggs é")
    }

    /// Values another tool put where Heard keeps numbers or bytes are taken as the server would
    /// take them only when nothing changes: "Mary Smith" in a number's column was refused with the
    /// name in the message, and text in a document's bytes was read as the server's escapes and
    /// proved equal (an attack). Named by place, never by value; text in bytes goes as its bytes.
    func testACopyTakesNumbersAndBytesOnlyAsTheyAre() throws {
        let dir = TemporaryDirectory()
        let (source, target, _) = try demoAndEmptyServer(dir) { path in
            let q = try DatabaseQueue(path: path)
            try q.write {
                try $0.execute(sql: "UPDATE contacts SET advocate = CAST(X'C328' AS TEXT) WHERE id = 7")
                try $0.execute(sql: "UPDATE contacts SET stage = 'Mary Smith 07700 900123' WHERE id = 9")
                try $0.execute(sql: "UPDATE contacts SET cyp = 1.5 WHERE id = 10")
                try $0.execute(sql: "UPDATE contacts SET version = '7' WHERE id = 11")
            }
            try q.close()
        }
        XCTAssertThrowsError(try source.copyRecord(to: target)) { e in
            XCTAssertEqual("\(e)", "\(StoreError.refused("3 cells cannot be copied to PostgreSQL (written by another tool); nothing was copied (correct them in the file first): contacts row id 7, column advocate: text that is not UTF-8; contacts row id 9, column stage: text where Heard keeps a whole number; contacts row id 10, column cyp: a number with a fraction where Heard keeps a whole number"))")
            XCTAssertFalse("\(e)".contains("Mary"))
        }
        let dir2 = TemporaryDirectory()
        let (source2, target2, _) = try demoAndEmptyServer(dir2) { path in
            let q = try DatabaseQueue(path: path)
            try q.write { try $0.execute(sql: "UPDATE contacts SET version = '7' WHERE id = 11") }
            try q.close()
        }
        let id = try XCTUnwrap(try source2.allContacts().first?.id)
        try source2.addDocument(named: "note.txt", data: Data("placeholder".utf8), added: fixedToday, to: id)
        let number = try source2.caseParts(id: id).correspondence.documents.count
        try source2.write { tx in try tx.sql.execute("UPDATE documents SET data = ? WHERE id = (SELECT max(id) FROM documents)", [.text("\\x4a616e65")]) }
        let other = try source2.caseParts(id: 2).correspondence.documents.count + 1
        try source2.addDocument(named: "raw.bin", data: Data("placeholder".utf8), added: fixedToday, to: 2)
        try source2.write { tx in try tx.sql.execute("UPDATE documents SET data = CAST(X'FF00FE41' AS TEXT) WHERE id = (SELECT max(id) FROM documents)") }
        try source2.copyRecord(to: target2)
        XCTAssertEqual(try target2.document(contactID: id, number: number).data, Data("\\x4a616e65".utf8), "text in bytes goes as its own bytes")
        XCTAssertEqual(try target2.document(contactID: 2, number: other).data, Data([0xFF, 0x00, 0xFE, 0x41]), "byte for byte, not made UTF-8")
        XCTAssertEqual(try target2.contact(id: 11).version, 7, "a whole number written as text is that number")
    }

    func testADocumentsBytesAreCopiedAsTheyAre() throws {
        let dir = TemporaryDirectory()
        let (source, target, _) = try demoAndEmptyServer(dir)
        let bytes = Data([0, 255, 10, 13, 0x1b, 0x5b, 0x32, 0x4a])
        let id = try XCTUnwrap(try source.allContacts().first?.id)
        try source.addDocument(named: "note.bin", data: bytes, added: fixedToday, to: id)
        let number = try source.caseParts(id: id).correspondence.documents.count
        try source.copyRecord(to: target)
        XCTAssertEqual(try target.document(contactID: id, number: number).data, bytes)
    }

    func testACopyIntoTheServerLeavesNoDeadNotesForASaveToRead() throws {
        let dir = TemporaryDirectory()
        let (source, target, s) = try demoAndEmptyServer(dir)
        try source.copyRecord(to: target)
        // Every case was noted and taken in the copy: vacuumed after it, the notes' table holds
        // no page (every step's take reads the whole table; it read the dead notes until
        // autovacuum came round), and autovacuum comes round for it after 1,000 dead notes.
        XCTAssertEqual(try TestSchema.value(s.url, "SELECT pg_relation_size(to_regclass('name_words_stale'))"), "0")
        XCTAssertEqual(try TestSchema.value(s.url, "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE oid = to_regclass('name_words_stale')"),
                       "autovacuum_vacuum_threshold=1000,autovacuum_vacuum_scale_factor=0")
        XCTAssertNotNil(try TestSchema.value(s.url, "SELECT count(*) FROM name_words WHERE words IS NOT NULL HAVING count(*) > 0"))
    }
}
