import Foundation
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// Bulk changes in one transaction: each command still all or nothing, the rest committed together.
final class OneTransactionTests: XCTestCase {
    func testARefusedCommandChangesNothingAndTheOthersCommitTogether() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let today = day("2022-03-15")
        var ids: [Int64] = []
        for i in 0..<5 { ids.append(try store.add(sampleComplaint(received: "2022-02-0\(i + 1)"), today: today).id!) }
        // Every one answered at stage 1 but the third: escalating that one is refused.
        for id in ids where id != ids[2] {
            let c = try store.contact(id: id)
            try store.record(.responded(day("2022-03-01"), stage: 1, outcome: .notUpheld), on: id, version: c.version, today: today)
        }
        let other = try Store(path: dir.file("heard.sqlite"), options: StoreOptions(readOnly: true))
        let batch = store.beginBatch()
        var refused: [Int64] = []
        var seenInside: [String] = []
        try store.inOneTransaction {
            for id in ids {
                do {
                    var c = try store.contact(id: id)
                    c.officer = "Kate Richardson"
                    try store.update(c, today: today, batch: batch)
                    let again = try store.contact(id: id)
                    try store.record(CaseEvent(kind: .nextStageRequested, date: today), on: id, version: again.version, today: today, batch: batch)
                } catch {
                    refused.append(id)
                }
                seenInside.append(try store.contact(id: id).officer)
            }
            // Another connection sees none of it before the end.
            XCTAssertEqual(try other.cases(today: today).filter { $0.officer == "Kate Richardson" }.count, 0)
        }
        XCTAssertEqual(refused, [ids[2]])
        // Inside, reads saw the transaction's own writes.
        XCTAssertEqual(seenInside.filter { $0 == "Kate Richardson" }.count, 5)
        let after = try other.cases(today: today)
        XCTAssertEqual(after.filter { $0.officer == "Kate Richardson" }.count, 5, "the update of the refused case stands: only its escalation failed")
        XCTAssertEqual(after.filter { $0.stage == 2 }.count, 4)
        // One undo step takes the whole batch back.
        let undone = try XCTUnwrap(store.undoLast(today: today))
        XCTAssertEqual(Set(undone.contactIDs), Set(ids))
        XCTAssertEqual(try other.cases(today: today).filter { $0.officer == "Kate Richardson" || $0.stage == 2 }.count, 0)
        XCTAssertTrue(undone.summary.hasSuffix("and \(undone.steps.count - 3) more"), undone.summary)
    }

    func testContactsByIdsInTheOrderGiven() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let today = day("2022-03-15")
        let a = try store.add(sampleComplaint(received: "2022-01-01", name: "Ann"), today: today).id!
        let b = try store.add(sampleComplaint(received: "2022-02-01", name: "Zoë"), today: today).id!
        XCTAssertEqual(try store.contacts(ids: [b, 999, a]).map(\.complainantName), ["Zoë", "Ann"])
        XCTAssertEqual(try store.contacts(ids: []).count, 0)
    }
}
