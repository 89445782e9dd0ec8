import Foundation
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// Explicit transactions: several commands commit together or not at all, as one undo step.
final class OneTransactionTests: XCTestCase {
    func testTwoCommandsInOneTransactionCommitTogetherAsOneUndoStep() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let other = try Store(path: try storePath(in: dir), options: StoreOptions(readOnly: true))
        let c = try store.add(sampleComplaint(received: "2022-06-01"), today: fixedToday)
        let before = try auditCount(store.path)
        let saved = try store.write { tx -> Contact in
            var edited = c
            edited.officer = "Kate Richardson"
            let updated = try store.update(edited, today: fixedToday, in: tx)
            // The second command sees the first's write and its version.
            XCTAssertEqual(try store.contact(id: c.id!, in: tx).officer, "Kate Richardson")
            let acked = try store.record(.acknowledged(day("2022-06-02")), on: c.id!, version: updated.version, today: fixedToday, in: tx)
            // Another connection sees neither before the end.
            XCTAssertEqual(try other.contact(id: c.id!).officer, "Officer One")
            XCTAssertEqual(try other.contact(id: c.id!).events.count, 0)
            return acked
        }
        let now = try other.contact(id: c.id!)
        XCTAssertEqual(now.officer, "Kate Richardson")
        XCTAssertEqual(now.events.map(\.kind), [.acknowledged])
        XCTAssertEqual(now.version, saved.version, "the version returned is the one on file")
        let rows = try store.recentAudit(limit: 2)
        XCTAssertEqual(try auditCount(store.path), before + 2)
        XCTAssertEqual(rows.map(\.entity), [.event, .contact])
        XCTAssertEqual(Set(rows.map(\.batch)).count, 1, "one transaction, one audit group")
        XCTAssertEqual(try store.undoableCount(), 2, "the transaction, then the new case")

        let undone = try XCTUnwrap(store.undoLast(today: fixedToday))
        XCTAssertEqual(undone.undoneAuditIDs.count, 2)
        let back = try other.contact(id: c.id!)
        XCTAssertEqual(back.officer, "Officer One")
        XCTAssertEqual(back.events.count, 0)
    }

    func testAnErrorInTheTransactionRollsBackBothCommands() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let c = try store.add(sampleComplaint(received: "2022-06-01"), today: fixedToday)
        let before = try auditCount(store.path)
        let error = storeError {
            try store.write { tx in
                var edited = c
                edited.officer = "Kate Richardson"
                let updated = try store.update(edited, today: fixedToday, in: tx)
                // Refused: a date before the case was received.
                try store.record(.acknowledged(day("2022-05-01")), on: c.id!, version: updated.version, today: fixedToday, in: tx)
            }
        }
        guard case .refused(let why)? = error else { return XCTFail("\(String(describing: error))") }
        XCTAssertTrue(why.contains("before the contact was received"), why)
        let back = try store.contact(id: c.id!)
        XCTAssertEqual(back, c, "the update was rolled back with the refused record")
        XCTAssertEqual(try auditCount(store.path), before)
    }

    func testARefusedCommandCaughtInsideChangesNothingAndTheRestCommit() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let c = try store.add(sampleComplaint(received: "2022-06-01"), today: fixedToday)
        try store.write { tx in
            var edited = c
            edited.officer = "Kate Richardson"
            let updated = try store.update(edited, today: fixedToday, in: tx)
            // A stale version: refused in its savepoint, after nothing of it was kept.
            XCTAssertThrowsError(try store.record(.acknowledged(day("2022-06-02")), on: c.id!, version: c.version, today: fixedToday, in: tx))
            XCTAssertEqual(try store.contact(id: c.id!, in: tx).version, updated.version)
        }
        let back = try store.contact(id: c.id!)
        XCTAssertEqual(back.officer, "Kate Richardson")
        XCTAssertEqual(back.events.count, 0)
        XCTAssertEqual(back.version, c.version + 1)
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
