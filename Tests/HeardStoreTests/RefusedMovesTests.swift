import Foundation
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// Moves the procedure does not allow are refused by the store, and a refused move changes
/// nothing: not the version, not the history, not the audit trail.
final class RefusedMovesTests: XCTestCase {
    func testStage2RequestBeforeStage1ResponseChangesNothing() throws {
        try assertRefused(setUp: [.acknowledged(day("2022-05-04"))],
                          move: .nextStageRequested(day("2022-05-20"), stage: 2), messageContains: "before the stage 1 response")
    }

    func testResponseDatedBeforeReceiptChangesNothing() throws {
        try assertRefused(setUp: [], move: .responded(day("2022-04-29"), stage: 1), messageContains: "before the contact was received")
    }

    func testExtensionPastTheMaximumChangesNothing() throws {
        // Stage 1 of the statutory procedure: 10 working days, at most 20 with extension.
        try assertRefused(setUp: [.acknowledged(day("2022-05-04"))],
                          move: .extended(day("2022-05-10"), stage: 1, to: day("2022-07-29"), reason: "Manager on leave"),
                          messageContains: "maximum")
    }

    func testMovesOnAClosedCaseChangeNothing() throws {
        let closing: [CaseEvent] = [.acknowledged(day("2022-05-04")), .withdrawn(day("2022-05-06"), reason: "Resolved informally")]
        try assertRefused(setUp: closing, move: .responded(day("2022-05-10"), stage: 1), messageContains: "withdrawn")
        try assertRefused(setUp: closing, move: .ombudsmanDecision(day("2022-05-20"), .upheld), messageContains: "no Ombudsman referral")
    }

    func testFindingOnAClosedCaseChangesNothing() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        var c = try store.add(sampleComplaint(received: "2022-05-03"), today: fixedToday)
        c = try store.record(.withdrawn(day("2022-05-06"), reason: "Resolved informally"), on: c.id!, version: c.version, today: fixedToday)
        let audit = try auditCount(store.path)
        let e = storeError { try store.setFinding(.upheld, issueID: c.issues[0].id!, stage: 1, on: c.id!, version: c.version, today: fixedToday) }
        guard case .refused? = e else { return XCTFail("expected refused, got \(String(describing: e))") }
        let after = try store.contact(id: c.id!)
        XCTAssertEqual(after.version, c.version)
        XCTAssertEqual(after.issues, c.issues)
        XCTAssertEqual(try auditCount(store.path), audit)
    }

    func testAllowedMoveAfterARefusalStillWorks() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let c = try store.add(sampleComplaint(received: "2022-05-03"), today: fixedToday)
        _ = storeError { try store.record(.responded(day("2022-04-01"), stage: 1), on: c.id!, version: c.version, today: fixedToday) }
        let ok = try store.record(.responded(day("2022-05-12"), stage: 1, satisfied: true), on: c.id!, version: c.version, today: fixedToday)
        XCTAssertEqual(ok.version, c.version + 1)
        XCTAssertEqual(ok.events.map(\.kind), [.responded])
    }

    // MARK: Helper

    private func assertRefused(setUp events: [CaseEvent], move: CaseEvent, messageContains text: String,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        var c = try store.add(sampleComplaint(received: "2022-05-03"), today: fixedToday)
        for e in events { c = try store.record(e, on: c.id!, version: c.version, today: fixedToday) }
        let audit = try auditCount(store.path)
        let e = storeError({ try store.record(move, on: c.id!, version: c.version, today: fixedToday) }, file: file, line: line)
        guard case .refused(let message)? = e else { return XCTFail("expected refused, got \(String(describing: e))", file: file, line: line) }
        XCTAssertTrue(message.contains(text), "message: \(message)", file: file, line: line)
        let after = try store.contact(id: c.id!)
        XCTAssertEqual(after.version, c.version, "version unchanged", file: file, line: line)
        XCTAssertEqual(after.events, c.events, "history unchanged", file: file, line: line)
        XCTAssertEqual(try auditCount(store.path), audit, "no audit row", file: file, line: line)
    }
}

final class ReferenceNumberTests: XCTestCase {
    func testGeneratedReferencesSkipOddSuffixesAndTakenNumbers() throws {
        let dir = TemporaryDirectory("heard-refs")
        let store = try makeStore(in: dir)
        for ref in ["CS-2021-0042A", "CS-2021-99999999999999999999", "CS-2021-0002"] {
            var c = sampleComplaint(received: "2021-06-01")
            c.reference = ref
            try store.add(c, today: day("2022-01-01"))
        }
        let next = try store.add(sampleComplaint(received: "2021-06-02"), today: day("2022-01-01"))
        XCTAssertEqual(next.reference, "CS-2021-0003", "the highest all-digit suffix, plus one")
    }
}
