import Foundation
import GRDB
import HeardCore
@testable import HeardStore
import HeardTestSupport
import Synchronization
import XCTest

/// A bulk change's chunks read on a reader beside the writer (`BulkChunkFeed`), on a real file:
/// what the reader sees, that it stays a few chunks ahead, and that the writer never waits for a
/// reader that cannot begin.
final class BulkChunkFeedTests: XCTestCase {
    /// A pool on a file in `dir` with `rows` rows (id, v = "r<id>"), readers at most `readers`.
    private func pool(_ dir: TemporaryDirectory, rows: Int, readers: Int = 5) throws -> DatabasePool {
        var config = Configuration()
        config.maximumReaderCount = readers
        let pool = try DatabasePool(path: dir.path + "/feed.sqlite", configuration: config)
        try pool.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)")
            for id in 1...rows { try db.execute(sql: "INSERT INTO t (id, v) VALUES (?, ?)", arguments: [id, "r\(id)"]) }
        }
        return pool
    }

    /// Each chunk's values, by id, as `read` reads them.
    private static func values(_ conn: any SQLConnection, _ ids: [Int64]) throws -> [Int64: String] {
        var out: [Int64: String] = [:]
        try conn.each("SELECT id, v FROM t WHERE id IN (\(ids.map(String.init).joined(separator: ",")))", []) { r in out[r.int64(0)] = r.text(1) }
        return out
    }

    func testTheFeedReadsTheRecordAsTheWritersTransactionBeganChunkByChunk() throws {
        let dir = TemporaryDirectory()
        let pool = try pool(dir, rows: 30)
        let chunks: [[Int64]] = [Array(1...10), Array(11...20), Array(21...30)]
        let fed = try pool.write { db -> [[Int64: String]?] in
            // The writer changes a later chunk's rows before the feed reads them, and adds one.
            try db.execute(sql: "UPDATE t SET v = 'changed' WHERE id > 20")
            try db.execute(sql: "INSERT INTO t (id, v) VALUES (31, 'new')")
            let feed = BulkChunkFeed(pool: pool, chunks: chunks + [[31]]) { conn, _, ids in try Self.values(conn, ids) }
            defer { feed.stop() }
            // The reader has begun (it is not waited for when asked for a chunk).
            XCTAssertTrue(feed.waitForReader(timeout: 30))
            return (0..<4).map { feed.chunk($0) }
        }
        XCTAssertEqual(fed.count, 4)
        for (k, ids) in chunks.enumerated() {
            XCTAssertEqual(fed[k], Dictionary(uniqueKeysWithValues: ids.map { ($0, "r\($0)") }), "chunk \(k)")
        }
        // The writer's own changes are not seen: the record as the change began.
        XCTAssertEqual(fed[3], [:])
        // And they were committed after the reader ended.
        XCTAssertEqual(try pool.read { try String.fetchOne($0, sql: "SELECT v FROM t WHERE id = 25") }, "changed")
    }

    func testTheReaderStaysAFewChunksAheadAndStopsWhenTheWriterDoes() throws {
        let dir = TemporaryDirectory()
        let pool = try pool(dir, rows: 100)
        let chunks = (0..<20).map { k in [Int64(k * 5 + 1)] }
        let reads = Mutex(0)
        try pool.write { db in
            let feed = BulkChunkFeed(pool: pool, chunks: chunks) { conn, _, ids in
                reads.withLock { $0 += 1 }
                return try Self.values(conn, ids)
            }
            XCTAssertTrue(feed.waitForReader(timeout: 30))
            XCTAssertEqual(feed.chunk(0), [1: "r1"])
            XCTAssertEqual(feed.chunk(1), [6: "r6"])
            Thread.sleep(forTimeInterval: 0.1)
            feed.stop()
            // Chunk 1 taken: read up to it and the chunks just beyond it (three ahead), never the twenty.
            let read = reads.withLock { $0 }
            XCTAssertGreaterThanOrEqual(read, 2)
            XCTAssertLessThanOrEqual(read, 1 + BulkChunkFeed<[Int64: String]>.mostAhead)
            // Stopped: nothing more is handed over, and the writer reads for itself.
            XCTAssertNil(feed.chunk(2))
            try db.execute(sql: "UPDATE t SET v = 'after' WHERE id = 1")
        }
        XCTAssertEqual(try pool.read { try String.fetchOne($0, sql: "SELECT v FROM t WHERE id = 1") }, "after")
    }

    func testAReaderThatCannotBeginIsNotWaitedFor() throws {
        let dir = TemporaryDirectory()
        let pool = try pool(dir, rows: 10, readers: 1)
        // The pool's only reader held by someone else until the writer is done.
        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), released = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            try? pool.read { _ in
                holding.signal()
                release.wait()
            }
            released.signal()
        }
        holding.wait()
        let reads = Mutex(0)
        let outcome = Mutex<Result<[Int64: String]?, Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        // The writer on a thread of its own: were it to wait for the held reader, the test says so
        // instead of hanging (the reader is then let go).
        Thread.detachNewThread {
            let result = Result {
                try pool.write { db -> [Int64: String]? in
                    let feed = BulkChunkFeed(pool: pool, chunks: [[1, 2], [3, 4]]) { conn, _, ids in
                        reads.withLock { $0 += 1 }
                        return try Self.values(conn, ids)
                    }
                    let first = feed.chunk(0)
                    feed.stop()
                    try db.execute(sql: "UPDATE t SET v = 'x' WHERE id = 1")
                    return first
                }
            }
            outcome.withLock { $0 = result }
            done.signal()
        }
        let finished = done.wait(timeout: .now() + 60) == .success
        release.signal()
        released.wait()
        XCTAssertTrue(finished, "the writer waited for a reader that could not begin")
        if !finished { done.wait() }
        XCTAssertNil(try XCTUnwrap(outcome.withLock { $0 }).get())
        // The reader, when it could begin after all, found the feed stopped and read nothing.
        Thread.sleep(forTimeInterval: 0.2)
        XCTAssertEqual(reads.withLock { $0 }, 0)
    }
}

/// The audit rows a bulk change and its undo write together (`Store.auditRows`: on SQLite the
/// time, who, session and group bound once for every row of a statement) hold in every column
/// what each row should: 1,200 cases, so full statements of 500 and a shorter one of 200.
final class AuditRowsTogetherTests: XCTestCase {
    func testEveryColumnOfRowsWrittenTogetherIsTheRowsOwn() throws {
        let dir = TemporaryDirectory()
        let today = day("2022-06-15")
        let (store, ids) = try storeOf1200Cases(dir, today: today)
        let from = try BulkAtScaleTests.lastAuditID(store)
        let result = try store.bulk(.assign(officer: "Officer Together"), ids: ids, today: today) { _, _ in }
        XCTAssertEqual(result.done, 1_200)
        let columns = "id, at, who, session, entity, entity_id, reference, action, changes, batch, undoes, parent_id"
        let bulk = try store.query { try $0.rows("SELECT \(columns) FROM audit WHERE id > ? ORDER BY id", [.int(from)]) }
        XCTAssertEqual(bulk.count, 1_200)
        let references = try store.query { try $0.rows("SELECT id, reference FROM contacts") }
        var referenceOf: [Int64: SQLValue] = [:]
        for r in references { if case .integer(let id) = r[0] { referenceOf[id] = r[1] } }
        let iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/
        for (n, row) in bulk.enumerated() {
            guard case .text(let at) = row[1] else { return XCTFail("row \(n): at \(row[1])") }
            XCTAssertNotNil(at.wholeMatch(of: iso), "row \(n): at \(at)")
            XCTAssertEqual(row[2], .text(store.actor), "row \(n): who")
            XCTAssertEqual(row[3], .text(store.session), "row \(n): session")
            XCTAssertEqual(row[4], .text("contact"), "row \(n): entity")
            XCTAssertEqual(row[5], .integer(ids[n]), "row \(n): the cases in the order given")
            XCTAssertEqual(row[6], referenceOf[ids[n]], "row \(n): reference")
            XCTAssertEqual(row[7], .text("update"), "row \(n): action")
            guard case .text(let changes) = row[8] else { return XCTFail("row \(n): changes") }
            XCTAssertTrue(changes.contains("Officer Together"), "row \(n): changes \(changes)")
            XCTAssertEqual(row[9], bulk[0][9], "row \(n): one group")
            XCTAssertEqual(row[10], .null, "row \(n): undoes")
            XCTAssertEqual(row[11], .null, "row \(n): parent")
        }
        guard case .text(let group) = bulk[0][9] else { return XCTFail("group") }
        XCTAssertFalse(group.isEmpty)

        let undone = try XCTUnwrap(store.undoLast(today: today))
        XCTAssertEqual(undone.undoneAuditIDs.count, 1_200)
        let last = bulk.last.map { $0[0] } ?? .null
        guard case .integer(let lastBulk) = last else { return XCTFail("last bulk row") }
        let undo = try store.query { try $0.rows("SELECT \(columns) FROM audit WHERE id > ? ORDER BY id", [.int(lastBulk)]) }
        XCTAssertEqual(undo.count, 1_200)
        // Newest first: each undo row names the row it reverses, and that row's case and reference.
        for (n, row) in undo.enumerated() {
            let reversed = bulk[bulk.count - 1 - n]
            XCTAssertEqual(row[2], .text(store.actor), "undo row \(n): who")
            XCTAssertEqual(row[3], .text(store.session), "undo row \(n): session")
            XCTAssertEqual(row[4], .text("contact"), "undo row \(n): entity")
            XCTAssertEqual(row[5], reversed[5], "undo row \(n): case")
            XCTAssertEqual(row[6], reversed[6], "undo row \(n): reference")
            XCTAssertEqual(row[7], .text("undo"), "undo row \(n): action")
            XCTAssertEqual(row[10], reversed[0], "undo row \(n): undoes")
            XCTAssertEqual(row[9], undo[0][9], "undo row \(n): one group")
            XCTAssertNotEqual(row[9], bulk[0][9], "undo row \(n): its own group")
        }
    }
}

/// When a bulk change reads its chunks on a reader beside the writer, and when it must not.
final class BulkFeedUseTests: XCTestCase {
    /// Another tool's trigger changes a later case when an earlier one is written, in a way the
    /// writes' own check (version, officer, area) does not see: its received date into the
    /// future. The record has a trigger not Heard's, so the change reads on the writer, sees the
    /// case as the step left it, and refuses it, as changing each case in turn does.
    func testAnotherToolsTriggerOnALaterCaseIsSeenAsTheWriterSeesIt() throws {
        try skipOnPostgres("the feed is the file's (a server's reads come with its writes), and the trigger is SQLite's")
        let dir = TemporaryDirectory()
        let today = day("2022-06-15")
        let (store, ids) = try storeOf1200Cases(dir, today: today)
        let (first, later) = (ids[10], ids[1_100])
        try store.write { tx in
            try tx.sql.execute("""
                CREATE TRIGGER another_tools AFTER UPDATE OF officer ON contacts WHEN NEW.id = \(first)
                BEGIN UPDATE contacts SET received = '2099-01-01' WHERE id = \(later); END
                """)
        }
        let before = try store.contact(id: later)
        let result = try store.bulk(.assign(officer: "Officer Trigger"), ids: ids, today: today) { _, _ in }
        XCTAssertEqual(result.refused.map(\.contactID), [later])
        XCTAssertTrue(result.refused.first?.message.contains("future") == true, result.refused.first?.message ?? "")
        XCTAssertEqual(result.done, ids.count - 1)
        let after = try store.contact(id: later)
        XCTAssertEqual(after.officer, before.officer)
        XCTAssertEqual(after.version, before.version, "the trigger's own write does not move the version")
        XCTAssertEqual(after.received, day("2099-01-01"))
    }

    /// Heard's own triggers, with which a bulk change does read on a reader, write nothing a bulk
    /// change reads: only the name index's notes and words and the report's kept facts, or
    /// they refuse (a guard). A trigger added to the schema that writes a case's rows must take
    /// the feed away first (`Store.feedSeesWhatTheWriterWould`).
    func testHeardsOwnTriggersWriteNothingABulkChangeReads() throws {
        let writes = /(?i)(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM|REPLACE\s+INTO)\s+"?(\w+)"?/
        let allowed: Set<String> = ["name_words_stale", "name_words", "name_words_fts", "report_facts"]
        XCTAssertFalse(Store.importTriggers.isEmpty)
        for (name, sql) in Store.importTriggers {
            // What the trigger's body does: the text after its first BEGIN.
            guard let begin = sql.range(of: "BEGIN", options: .caseInsensitive) else { return XCTFail("\(name): no body") }
            for m in sql[begin.upperBound...].matches(of: writes) {
                XCTAssertTrue(allowed.contains(String(m.1).lowercased()), "\(name) writes \(m.1)")
            }
        }
    }

    /// The database gives a bulk change's transaction up part-way (the file may grow no further:
    /// as a full disk): the change says that, changes nothing, and lists no case as refused.
    func testAFullDiskPartWaySaysSoAndChangesNothing() throws {
        try skipOnPostgres("max_page_count is SQLite's; a server keeps its failed transaction until the client ends it")
        let dir = TemporaryDirectory()
        let today = day("2022-06-15")
        let (store, ids) = try storeOf1200Cases(dir, today: today)
        let officers = try store.query { try $0.rows("SELECT id, officer, version FROM contacts ORDER BY id") }
        let audit = try BulkAtScaleTests.lastAuditID(store)
        // The writer may add a few pages and no more (`max_page_count` is its connection's own).
        try store.write { tx in
            let pages = try tx.sql.int("PRAGMA page_count", []) ?? 0
            try tx.sql.execute("PRAGMA max_page_count = \(pages + 3)")
        }
        XCTAssertThrowsError(try store.bulk(.assign(officer: "Officer Full"), ids: ids, today: today) { _, _ in }) { error in
            XCTAssertTrue(Store.message(error, path: store.path).contains("the disk is full"), Store.message(error, path: store.path))
        }
        XCTAssertEqual(try store.query { try $0.rows("SELECT id, officer, version FROM contacts ORDER BY id") }, officers)
        XCTAssertEqual(try BulkAtScaleTests.lastAuditID(store), audit)
    }
}

/// A store in `dir` with 1,200 imported cases (more than two chunks of a bulk change), and their
/// ids in the case list's order.
func storeOf1200Cases(_ dir: TemporaryDirectory, today: LocalDate) throws -> (Store, [Int64]) {
    let store = try makeStore(in: dir)
    _ = try store.importCSV(Array(BulkAtScaleTests.csv(count: 1_200).utf8), source: "cases.csv", dryRun: false, today: today)
    return (store, try store.cases(CaseFilter(), today: today).map(\.id))
}
