import Foundation
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// A progress note that starts an action is one user step: one command, one undo step.
final class ActionNoteTests: XCTestCase {
    func testANoteOnAnOpenActionStartsItInOneStepAndUndoTakesBothBack() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let a = try store.addAction(ActionItem(title: "Chase the plan", created: day("2022-06-01")))
        XCTAssertEqual(a.status, .open)
        let saved = try store.addNote(ProgressNote(date: fixedToday, text: "Met the team"), toAction: a.id!, version: a.version)
        XCTAssertEqual(saved.status, .inProgress)
        XCTAssertEqual(saved.notes.map(\.text), ["Met the team"])
        XCTAssertNotNil(saved.notes.first?.id)
        let onFile = try store.action(id: a.id!)
        XCTAssertEqual(saved, onFile, "the action returned is the one on file, version included")
        XCTAssertEqual(onFile.version, a.version + 1)

        let rows = try store.auditTrail(entity: .action, id: a.id!)
        XCTAssertEqual(rows.map(\.entity), [.action, .note, .action])
        XCTAssertEqual(rows.map(\.action), [.create, .create, .update])
        XCTAssertEqual(rows[1].entityID, saved.notes.first?.id, "the note is audited by its own key")
        XCTAssertEqual(rows[1].parentID, a.id)
        XCTAssertEqual(rows[2].changes, [FieldChange("status", before: "open", after: "in_progress")])
        XCTAssertEqual(rows[1].batch, rows[2].batch, "one audit group")
        XCTAssertEqual(try store.undoableCount(), 2, "the note, then the new action")

        let undone = try XCTUnwrap(store.undoLast(today: fixedToday))
        XCTAssertEqual(undone.summary, "Undid: progress note on action #\(a.id!); change of status on action #\(a.id!)", "in the order made")
        let back = try store.action(id: a.id!)
        XCTAssertEqual(back.status, .open)
        XCTAssertEqual(back.notes, [])
        // A second note on a started action leaves its status alone: one audit row.
        let started = try store.addNote(ProgressNote(date: fixedToday, text: "again"), toAction: a.id!, version: back.version)
        XCTAssertEqual(started.status, .inProgress)
        let second = try store.addNote(ProgressNote(date: fixedToday, text: "and again"), toAction: a.id!, version: started.version)
        XCTAssertEqual(second.status, .inProgress)
        XCTAssertEqual(second.version, started.version + 1)
        XCTAssertEqual(try store.recentAudit(limit: 1).map(\.entity), [.note])
    }

    func testANoteOnAStaleVersionIsRefusedAndChangesNothing() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let a = try store.addAction(ActionItem(title: "Chase the plan", created: day("2022-06-01")))
        let before = try auditCount(store.path)
        guard case .conflict? = storeError({ try store.addNote(ProgressNote(date: fixedToday, text: "x"), toAction: a.id!, version: a.version + 5) }) else {
            return XCTFail("not a conflict")
        }
        XCTAssertEqual(try store.action(id: a.id!), a)
        XCTAssertEqual(try auditCount(store.path), before)
    }
}
