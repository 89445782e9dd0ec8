import Foundation
@testable import HeardStore
import HeardTestSupport
import XCTest

/// Statements queued on a server connection (PostgresPipeline.swift): sent together with the next
/// that returns rows, their errors still said as their own, and what they wrote rolled back.
final class PostgresPipelineTests: PostgresSchemaTestCase {
    /// A backend on a fresh schema holding `t (id BIGINT PRIMARY KEY, v TEXT NOT NULL)`.
    private func backend() throws -> PostgresBackend {
        let s = try schema()
        guard let url = PostgresURL(s.url) else { throw TestServerError(description: "not a URL: \(s.url)") }
        let db = try PostgresBackend(url: url, busyTimeout: 5)
        try db.write { try $0.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v TEXT NOT NULL)") }
        return db
    }

    private func values(_ db: PostgresBackend) throws -> [String] {
        try db.read { try $0.texts("SELECT v FROM t ORDER BY id") }
    }

    /// The error `body` throws, or a failure when it throws none.
    private func error<T>(_ body: () throws -> T, file: StaticString = #filePath, line: UInt = #line) -> Error? {
        do { _ = try body(); XCTFail("no error", file: file, line: line); return nil } catch { return error }
    }

    func testWritesWaitForTheNextReadAndGoInOneRoundTrip() throws {
        let db = try backend()
        let sent = try db.write { c -> (before: Int, after: Int, count: Int?) in
            guard let pg = c as? PostgresConnection else { throw TestServerError(description: "not a server connection") }
            let before = pg.flushes, waiting = pg.queue.count   // BEGIN and its settings wait too
            for n in 1...10 { try c.execute("INSERT INTO t (id, v) VALUES (?, ?)", [.int(Int64(n)), .text("v\(n)")]) }
            XCTAssertEqual(pg.queue.count, waiting + 10, "nothing is sent before a result is needed")
            let count = try c.int("SELECT count(*) FROM t")
            return (before, pg.flushes, count)
        }
        XCTAssertEqual(sent.after - sent.before, 1, "ten writes and the read went together")
        XCTAssertEqual(sent.count, 10, "the read sees the writes sent before it")
        XCTAssertEqual(try values(db).count, 10)
    }

    func testAFailingQueuedStatementWritesNothingAndSaysTheSameAsAlone() throws {
        let db = try backend()
        // Alone: the refused statement is the transaction's only one, and its result is read at once.
        let alone = error { try db.write { c in _ = try c.rows("INSERT INTO t (id, v) VALUES (1, NULL) RETURNING id") } }
        // Queued: between good writes, found at COMMIT.
        let queued = error {
            try db.write { c in
                try c.execute("INSERT INTO t (id, v) VALUES (?, ?)", [.int(1), .text("a")])
                try c.execute("INSERT INTO t (id, v) VALUES (?, ?)", [.int(2), .null])
                try c.execute("INSERT INTO t (id, v) VALUES (?, ?)", [.int(3), .text("c")])
            }
        }
        XCTAssertNotNil(alone)
        XCTAssertEqual(queued.map { "\($0)" }, alone.map { "\($0)" })
        XCTAssertTrue("\(queued.map { "\($0)" } ?? "")".contains("null value"), "the server's own words: \(String(describing: queued))")
        XCTAssertEqual(try values(db), [], "nothing of the transaction was written")
        // The connection goes back to the pool in order: the next transaction works.
        try db.write { c in try c.execute("INSERT INTO t (id, v) VALUES (?, ?)", [.int(9), .text("after")]) }
        XCTAssertEqual(try values(db), ["after"])
    }

    func testAQueuedErrorFoundWhenChangesIsReadIsTheOneSaid() throws {
        let db = try backend()
        try db.write { c in try c.execute("INSERT INTO t (id, v) VALUES (1, 'a')") }
        let e = error {
            try db.write { c in
                try c.execute("UPDATE t SET v = ? WHERE id = ?", [.null, .int(1)])
                // What a store command does with a version check: its own error when nothing changed.
                if c.changes == 0 { throw StoreError.refused("changed by another session") }
            }
        }
        XCTAssertTrue("\(e.map { "\($0)" } ?? "")".contains("null value"), "the UPDATE's refusal, not the caller's: \(String(describing: e))")
        XCTAssertEqual(try values(db), ["a"])
    }

    func testChangesCountsAQueuedUpdate() throws {
        let db = try backend()
        let changed = try db.write { c -> Int in
            for n in 1...3 { try c.execute("INSERT INTO t (id, v) VALUES (?, 'x')", [.int(Int64(n))]) }
            try c.execute("UPDATE t SET v = 'y' WHERE id >= ?", [.int(2)])
            return c.changes
        }
        XCTAssertEqual(changed, 2)
        XCTAssertEqual(try values(db), ["x", "y", "y"])
    }

    func testARefusedStatementInASavepointRollsBackThatSavepointOnly() throws {
        let db = try backend()
        var refused: Error?
        try db.write { c in
            try c.savepoint { try c.execute("INSERT INTO t (id, v) VALUES (1, 'kept')") }
            do {
                try c.savepoint {
                    try c.execute("INSERT INTO t (id, v) VALUES (2, 'undone')")
                    try c.execute("INSERT INTO t (id, v) VALUES (1, 'duplicate')")
                    try c.execute("INSERT INTO t (id, v) VALUES (3, 'never')")
                }
            } catch { refused = error }
            // As a bulk change goes on after a refused case.
            try c.savepoint { try c.execute("INSERT INTO t (id, v) VALUES (4, 'also kept')") }
        }
        XCTAssertTrue("\(refused.map { "\($0)" } ?? "")".contains("duplicate key"), String(describing: refused))
        XCTAssertEqual(try values(db), ["kept", "also kept"])
    }

    func testASavepointThatThrowsBeforeAnythingWasSentWritesNothing() throws {
        let db = try backend()
        struct Refused: Error {}
        try db.write { c in
            try c.execute("INSERT INTO t (id, v) VALUES (1, 'before')")
            XCTAssertThrowsError(try c.savepoint {
                try c.execute("INSERT INTO t (id, v) VALUES (2, 'inside')")
                throw Refused()
            })
            // And one that had sent its statements (a read inside) before it threw.
            XCTAssertThrowsError(try c.savepoint {
                try c.execute("INSERT INTO t (id, v) VALUES (3, 'read')")
                XCTAssertEqual(try c.int("SELECT count(*) FROM t"), 2)
                throw Refused()
            })
            try c.execute("INSERT INTO t (id, v) VALUES (4, 'after')")
        }
        XCTAssertEqual(try values(db), ["before", "after"])
    }

    func testMoreStatementsThanTheQueueHoldsArriveInOrder() throws {
        let db = try backend()
        let n = PostgresConnection.queueLimit * 2 + 7
        try db.write { c in
            for i in 1...n { try c.executeCached("INSERT INTO t (id, v) VALUES (?, ?)", [.int(Int64(i)), .text(String(i))]) }
            try c.execute("UPDATE t SET v = v || '!' WHERE id = ?", [.int(Int64(n))])
        }
        let got = try values(db)
        XCTAssertEqual(got.count, n)
        XCTAssertEqual(got.first, "1")
        XCTAssertEqual(got.last, "\(n)!", "the last update ran after the last insert")
    }

    func testACachedStatementFirstPreparedInAPipelineRunsEveryTime() throws {
        let db = try backend()
        try db.write { c in
            try c.execute("INSERT INTO t (id, v) VALUES (?, ?)", [.int(1), .text("a")])
            try c.executeCached("INSERT INTO t (id, v) VALUES (?, ?)", [.int(2), .text("b")])
            try c.executeCached("INSERT INTO t (id, v) VALUES (?, ?)", [.int(3), .text("c")])
            XCTAssertEqual(try c.int("SELECT count(*) FROM t"), 3)
            try c.executeCached("INSERT INTO t (id, v) VALUES (?, ?)", [.int(4), .text("d")])
        }
        XCTAssertEqual(try values(db), ["a", "b", "c", "d"])
    }
}
