import Foundation
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// Undo puts back only what it finds as its step left it. On a server an audit row's id is
/// taken when it is written, not when it commits: another officer's hand-written change that
/// began before a bulk change and committed after it was behind the step in id order, and undo
/// put the step's "before" back over it (found by an attack). A change with no audit row at all
/// (another tool) is the same case.
final class UndoAsLeftTests: XCTestCase {
    private let today = day("2022-06-15")

    private func changedBehindTheStep(_ store: Store, _ sql: String, _ arguments: [Bound]) throws {
        try store.write { tx in try tx.sql.execute(sql, arguments) }
    }

    func testABulkUndoIsRefusedWhenACaseNoLongerHoldsWhatTheStepLeft() throws {
        let dir = TemporaryDirectory("heard-undo-as-left")
        let store = try makeStore(in: dir)
        var ids: [Int64] = []
        for n in 1...3 { ids.append(try XCTUnwrap(store.add(sampleComplaint(received: "2022-06-0\(n)", name: "Person \(n)"), today: today).id)) }
        _ = try store.bulk(.assign(officer: "Kate Richardson"), ids: ids, today: today) { _, _ in }
        try changedBehindTheStep(store, "UPDATE contacts SET officer = 'Bob Later', version = version + 1 WHERE id = ?", [.int(ids[1])])
        let reference = try store.contact(id: ids[1]).reference
        guard case .refused(let why) = storeError({ try store.undoLast(today: today) }) else { return XCTFail("not refused") }
        XCTAssertEqual(why, "\(reference) was changed by another session since; nothing was undone (undo goes no further back).")
        XCTAssertEqual(try ids.map { try store.contact(id: $0).officer }, ["Kate Richardson", "Bob Later", "Kate Richardson"], "nothing undone")
        // One by one, the same.
        XCTAssertThrowsError(try store.undoLast(today: today, setWise: false) { _, _ in })
        XCTAssertEqual(try store.contact(id: ids[1]).officer, "Bob Later")
    }

    func testAnEditsUndoIsRefusedWhenTheFieldNoLongerHoldsWhatItLeft() throws {
        let dir = TemporaryDirectory("heard-undo-as-left-edit")
        let store = try makeStore(in: dir)
        var c = try store.add(sampleComplaint(received: "2022-06-01"), today: today)
        c.summary = "Edited by me"
        c = try store.update(c, today: today)
        try changedBehindTheStep(store, "UPDATE contacts SET summary = 'Edited elsewhere', version = version + 1 WHERE id = ?", [.int(c.id!)])
        XCTAssertThrowsError(try store.undoLast(today: today)) { e in
            XCTAssertTrue("\(e)".contains("was changed by another session since"), "\(e)")
        }
        XCTAssertEqual(try store.contact(id: c.id!).summary, "Edited elsewhere")
        // As it was left, the edit is undone.
        try changedBehindTheStep(store, "UPDATE contacts SET summary = 'Edited by me' WHERE id = ?", [.int(c.id!)])
        XCTAssertNotNil(try store.undoLast(today: today))
        XCTAssertEqual(try store.contact(id: c.id!).summary, "Summary of the complaint")
    }
}
