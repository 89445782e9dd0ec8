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

    /// A store with one complaint, its row's writes counted from here on (`dir` kept with it).
    private struct Counted { let dir: TemporaryDirectory; let store: Store; let added: Contact; let id: Int64; let q: DatabaseQueue }

    private func countedCase() throws -> Counted {
        try XCTSkipIf(TestDatabase.isPostgres, "counts the rows an UPDATE moves in SQLite's file")
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let c = try store.add(sampleComplaint(received: "2022-06-01"), today: fixedToday)
        return Counted(dir: dir, store: store, added: c, id: try XCTUnwrap(c.id), q: try counting(store.path))
    }

    private func writes(_ q: DatabaseQueue) throws -> Int {
        try q.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM row_writes") ?? -1 }
    }

    func testASaveMovesTheRowOnceAndTheStatusOnlyWhenItDiffers() throws {
        let t = try countedCase()
        let (store, id, q) = (t.store, t.id, t.q)

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

    /// A move recorded (the workflow's save) bumps the version with the status it gives: one
    /// UPDATE of the row, where the version and the status were two. A stale version is refused
    /// with no event written.
    func testAMoveRecordedMovesTheRowOnce() throws {
        let t = try countedCase()
        let (store, c, id, q) = (t.store, t.added, t.id, t.q)

        let acked = try store.record(.acknowledged(day("2022-06-02")), on: id, version: c.version, today: fixedToday)
        XCTAssertEqual(try writes(q), 1)
        XCTAssertEqual(acked.version, c.version + 1)
        XCTAssertEqual(try store.contact(id: id).version, acked.version)
        XCTAssertEqual(try store.contact(id: id).events.map(\.kind), [.acknowledged])

        let before = try store.contact(id: id)
        XCTAssertThrowsError(try store.record(.paused(day("2022-06-03"), stage: 1, reason: "awaiting records"), on: id, version: c.version, today: fixedToday)) { e in
            guard case .conflict? = e as? StoreError else { return XCTFail("\(e)") }
        }
        XCTAssertEqual(try writes(q), 1, "nothing more written")
        XCTAssertEqual(try store.contact(id: id).events.count, before.events.count)
        XCTAssertEqual(try store.contact(id: id).version, before.version)

        // A response closes the stage: the status the move gives is stored with the version.
        let responded = try store.record(.responded(day("2022-06-14"), stage: 1, outcome: .upheld), on: id, version: acked.version, today: fixedToday)
        XCTAssertEqual(try writes(q), 2)
        let stored = try q.read { try Row.fetchOne($0, sql: "SELECT status, version FROM contacts WHERE id = ?", arguments: [id]) }
        XCTAssertEqual(stored?["version"] as Int?, responded.version)
        XCTAssertEqual(try store.cases(today: fixedToday).first { $0.id == id }?.status.rawValue, stored?["status"] as String?)
    }

    /// A finding recorded, and an issue added, move the case's row once too (the version and the
    /// status they give in one UPDATE, where a bump and a status rewrite were two), and give back
    /// the case as the file now holds it, without reading it back. A stale version moves nothing.
    func testAFindingAndAnIssueMoveTheRowOnceAndGiveTheCaseAsStored() throws {
        let t = try countedCase()
        let (store, c, id, q) = (t.store, t.added, t.id, t.q)
        let issueID = try XCTUnwrap(c.issues.first?.id)

        let found = try store.setFinding(.upheld, issueID: issueID, stage: 1, text: "  Calls were not returned ", on: id, version: c.version, today: fixedToday)
        XCTAssertEqual(try writes(q), 1)
        XCTAssertEqual(found, try store.contact(id: id), "the case given back is the case stored")
        XCTAssertEqual(found.issues.first?.findingTexts, [1: "Calls were not returned"])

        // Cleared, words and all: no words is no entry, as the file is read.
        let cleared = try store.setFinding(nil, issueID: issueID, stage: 1, text: "", on: id, version: found.version, today: fixedToday)
        XCTAssertEqual(try writes(q), 2)
        XCTAssertEqual(cleared, try store.contact(id: id))
        XCTAssertEqual(cleared.issues.first?.findingTexts, [:])
        XCTAssertEqual(cleared.issues.first?.findings, [:])

        let withIssue = try store.addIssue(category: "delay", detail: "Three weeks", to: id, version: cleared.version, today: fixedToday)
        XCTAssertEqual(try writes(q), 3)
        XCTAssertEqual(withIssue, try store.contact(id: id))
        XCTAssertEqual(withIssue.issues.count, c.issues.count + 1)
        XCTAssertEqual(withIssue.version, c.version + 3)

        // From a version the case has left: refused, nothing written, no audit row.
        let audited = try q.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM audit") }
        XCTAssertThrowsError(try store.setFinding(.notUpheld, issueID: issueID, stage: 1, on: id, version: cleared.version, today: fixedToday)) { e in
            guard case .conflict? = e as? StoreError else { return XCTFail("\(e)") }
        }
        XCTAssertThrowsError(try store.addIssue(category: "placement", to: id, version: cleared.version, today: fixedToday)) { e in
            guard case .conflict? = e as? StoreError else { return XCTFail("\(e)") }
        }
        XCTAssertEqual(try writes(q), 3)
        XCTAssertEqual(try store.contact(id: id), withIssue)
        XCTAssertEqual(try q.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM audit") }, audited)
    }
}
