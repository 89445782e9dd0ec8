import Foundation
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// Optimistic concurrency: two connections (as two officers' sessions) load the same case;
/// the second save from a stale version is refused and names the case; nothing is lost.
final class ConcurrencyTests: XCTestCase {
    func testStaleRecordIsRefusedNamingTheCaseAndNothingIsLost() throws {
        let dir = TemporaryDirectory()
        let first = try makeStore(in: dir, actor: "Officer A")
        let second = try makeStore(in: dir, actor: "Officer B")
        let created = try first.add(sampleComplaint(received: "2022-06-01"), today: fixedToday)
        let id = try XCTUnwrap(created.id)
        let seenByA = try first.contact(id: id)
        let seenByB = try second.contact(id: id)
        XCTAssertEqual(seenByA.version, seenByB.version)

        let saved = try first.record(.acknowledged(day("2022-06-06")), on: id, version: seenByA.version, today: fixedToday)
        let e = storeError { try second.record(.paused(day("2022-06-07"), stage: 1, reason: "Waiting for an advocate"), on: id,
                                                version: seenByB.version, today: fixedToday) }
        guard case .conflict(let entity, let name, let expected, let found)? = e else { return XCTFail("expected a conflict, got \(String(describing: e))") }
        XCTAssertEqual(entity, "Case")
        XCTAssertEqual(name, created.reference)
        XCTAssertEqual(expected, seenByB.version)
        XCTAssertEqual(found, saved.version)
        XCTAssertTrue(e!.description.contains(created.reference), e!.description)

        let reloaded = try second.contact(id: id)
        XCTAssertEqual(reloaded.events.map(\.kind), [.acknowledged], "the first save is kept once; the refused one is absent")
        XCTAssertEqual(reloaded.version, saved.version)
        XCTAssertEqual(try first.caseHistory(contactID: id, reference: created.reference).filter { $0.entity == .event }.map(\.who), ["Officer A"])

        // After reloading, B's change goes through.
        let retried = try second.record(.paused(day("2022-06-07"), stage: 1, reason: "Waiting for an advocate"), on: id,
                                        version: reloaded.version, today: fixedToday)
        XCTAssertEqual(retried.events.map(\.kind), [.acknowledged, .paused])
    }

    func testStaleUpdateIsRefusedAndTheFirstEditStands() throws {
        let dir = TemporaryDirectory()
        let first = try makeStore(in: dir, actor: "Officer A")
        let second = try makeStore(in: dir, actor: "Officer B")
        let created = try first.add(sampleComplaint(), today: fixedToday)
        var a = try first.contact(id: created.id!)
        var b = try second.contact(id: created.id!)
        a.officer = "Officer A"
        b.officer = "Officer B"
        b.summary = "B's summary"
        try first.update(a, today: fixedToday)
        let e = storeError { try second.update(b, today: fixedToday) }
        guard case .conflict(_, let name, _, _)? = e else { return XCTFail("expected a conflict, got \(String(describing: e))") }
        XCTAssertEqual(name, created.reference)
        let now = try second.contact(id: created.id!)
        XCTAssertEqual(now.officer, "Officer A")
        XCTAssertEqual(now.summary, "Summary of the complaint")
        XCTAssertEqual(now.version, created.version + 1)
    }

    func testStaleActionUpdateIsRefused() throws {
        let dir = TemporaryDirectory()
        let first = try makeStore(in: dir)
        let second = try makeStore(in: dir)
        let action = try first.addAction(ActionItem(title: "Hold a practice learning day", created: day("2022-06-01")))
        var a = try first.action(id: action.id!)
        var b = try second.action(id: action.id!)
        a.owner = "Owner A"
        b.owner = "Owner B"
        try first.updateAction(a)
        guard case .conflict? = storeError({ try second.updateAction(b) }) else { return XCTFail("expected a conflict") }
        XCTAssertEqual(try second.action(id: action.id!).owner, "Owner A")
    }

    func testAnotherConnectionsCommitChangesTheCounters() throws {
        let dir = TemporaryDirectory()
        let watcher = try makeStore(in: dir)
        let writer = try makeStore(in: dir)
        let counter = try watcher.changeCounter()
        let version = try watcher.dataVersion()
        try writer.add(sampleComplaint(), today: fixedToday)
        // On PostgreSQL the change is announced by NOTIFY, which reaches the watcher's listener
        // a moment after the commit (the promise is "within a second"): ask until it has, for
        // up to five seconds, as the screen's twice-a-second poll would. SQLite sees it at once.
        let deadline = Date().addingTimeInterval(TestDatabase.isPostgres ? 5 : 0)
        var seen = try watcher.changeCounter()
        while seen <= counter, Date() < deadline {
            usleep(20_000)
            seen = try watcher.changeCounter()
        }
        XCTAssertGreaterThan(seen, counter)
        XCTAssertNotEqual(try watcher.dataVersion(), version)
    }
}
