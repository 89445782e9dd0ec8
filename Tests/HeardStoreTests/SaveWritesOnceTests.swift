import Foundation
import GRDB
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// A save of a case's fields moves its row once: the version check, the fields and (only when
/// it differs) the status in one UPDATE, where three moved it on every save. Counted by a
/// trigger another tool might add; SQLite's file only (a server's row versions are its own).
final class SaveWritesOnceTests: XCTestCase {
    private func counting(_ path: String) throws -> DatabaseQueue {
        let q = try DatabaseQueue(path: path)
        try q.write { db in
            try db.execute(sql: """
                CREATE TABLE row_writes (contact_id INTEGER);
                CREATE TRIGGER row_written AFTER UPDATE ON contacts BEGIN INSERT INTO row_writes VALUES (NEW.id); END;
                """)
        }
        return q
    }

    private func writes(_ q: DatabaseQueue) throws -> Int {
        try q.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM row_writes") ?? -1 }
    }

    func testASaveMovesTheRowOnceAndTheStatusOnlyWhenItDiffers() throws {
        try XCTSkipIf(TestDatabase.isPostgres, "counts the rows an UPDATE moves in SQLite's file")
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let c = try store.add(sampleComplaint(received: "2022-06-01"), today: fixedToday)
        let id = try XCTUnwrap(c.id)
        let q = try counting(store.path)

        var edited = try store.contact(id: id)
        edited.officer = "Kate Richardson"
        let saved = try store.update(edited, today: fixedToday)
        XCTAssertEqual(try writes(q), 1, "the version, the fields, and no status rewritten with what it was")
        let back = try store.contact(id: id)
        XCTAssertEqual(back.officer, "Kate Richardson")
        XCTAssertEqual(back.version, edited.version + 1)
        XCTAssertEqual(saved.version, back.version)

        // A stored status out of step with the case (written by another tool) is put right by the save.
        try q.write { try $0.execute(sql: "UPDATE contacts SET status = 'closed' WHERE id = ?; DELETE FROM row_writes", arguments: [id]) }
        var again = try store.contact(id: id)
        again.officer = "Sam Patel"
        _ = try store.update(again, today: fixedToday)
        XCTAssertEqual(try writes(q), 2, "the fields, then the status")
        XCTAssertEqual(try q.read { try String.fetchOne($0, sql: "SELECT status FROM contacts WHERE id = ?", arguments: [id]) }, "open")
        XCTAssertEqual(try store.cases(today: fixedToday).first { $0.id == id }?.status, .open)

        // A save from an older version is refused and moves nothing.
        try q.write { try $0.execute(sql: "DELETE FROM row_writes") }
        var stale = edited
        stale.officer = "Someone Else"
        XCTAssertThrowsError(try store.update(stale, today: fixedToday)) { e in
            guard case .conflict? = e as? StoreError else { return XCTFail("\(e)") }
        }
        XCTAssertEqual(try writes(q), 0)
        XCTAssertEqual(try store.contact(id: id).officer, "Sam Patel")
    }
}
