import Foundation
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// Editing an action's title, owner, due date, tags and service area is one store command:
/// one audit row naming each field before and after, one undo step; a stale copy is refused.
final class ActionEditTests: XCTestCase {
    func testAnEditIsOneStepAndUndoRestoresEveryField() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let a = try store.addAction(ActionItem(title: "Chase the plan", owner: "Team Manager", serviceArea: "Adoption",
                                               created: day("2022-06-01"), due: day("2022-07-01"), tags: ["board"]))
        _ = try store.addNote(ProgressNote(date: fixedToday, text: "Met the team"), toAction: a.id!, version: a.version)
        let current = try store.action(id: a.id!)
        var edited = current
        edited.title = "Chase the pathway plan"
        edited.owner = "Head of Service"
        edited.due = day("2022-09-30")
        edited.tags = ["board", "voice"]
        edited.serviceArea = "Care Leavers"
        let saved = try store.updateAction(edited)
        XCTAssertEqual(saved.version, current.version + 1)
        let onFile = try store.action(id: a.id!)
        XCTAssertEqual(onFile.title, "Chase the pathway plan")
        XCTAssertEqual(onFile.owner, "Head of Service")
        XCTAssertEqual(onFile.due, day("2022-09-30"))
        XCTAssertEqual(onFile.tags, ["board", "voice"])
        XCTAssertEqual(onFile.serviceArea, "Care Leavers")
        XCTAssertEqual(onFile.notes.map(\.text), ["Met the team"], "the notes stay")
        let last = try XCTUnwrap(store.auditTrail(entity: .action, id: a.id!).last)
        XCTAssertEqual(Set(last.changes.map(\.field)), ["title", "owner", "due", "tags", "service_area"])

        _ = try XCTUnwrap(store.undoLast(today: fixedToday))
        let back = try store.action(id: a.id!)
        XCTAssertEqual(back.title, "Chase the plan")
        XCTAssertEqual(back.owner, "Team Manager")
        XCTAssertEqual(back.due, day("2022-07-01"))
        XCTAssertEqual(back.tags, ["board"])
        XCTAssertEqual(back.serviceArea, "Adoption")

        // An edit made from the copy before the undo is stale: refused, nothing changes.
        guard case .conflict? = storeError({ try store.updateAction(edited) }) else { return XCTFail("a stale edit is refused") }
        XCTAssertEqual(try store.action(id: a.id!).title, "Chase the plan")
    }
}
