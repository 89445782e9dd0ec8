import Foundation
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// `Store.apply`: one user step on a case (findings, then events) as one command and one undo step.
final class CaseStepTests: XCTestCase {
    func testRespondingWithFindingsAndTwoRemediesIsOneAuditGroupAndOneUndo() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let c = try store.add(sampleComplaint(received: "2022-06-01", categories: ["communication and information", "placement"]), today: fixedToday)
        let acked = try store.record(.acknowledged(day("2022-06-02")), on: c.id!, version: c.version, today: fixedToday)
        let issues = acked.issues.compactMap(\.id)
        XCTAssertEqual(issues.count, 2)
        let step = CaseStep(findings: [FindingChange(issueID: issues[0], stage: 1, finding: .upheld),
                                       FindingChange(issueID: issues[1], stage: 1, finding: .notUpheld)],
                            events: [CaseEvent(kind: .responded, date: fixedToday),
                                     .remedy(fixedToday, stage: nil, .apology),
                                     .remedy(fixedToday, stage: nil, .payment, amountPence: 25_000)])
        let before = try auditCount(store.path)
        let saved = try store.apply(step, on: c.id!, version: acked.version, today: fixedToday)
        let onFile = try store.contact(id: c.id!)
        XCTAssertEqual(saved.version, onFile.version, "the version returned is exact")
        XCTAssertEqual(onFile.events.map(\.kind), [.acknowledged, .responded, .remedy, .remedy])
        XCTAssertEqual(onFile.issues.map { $0.findings[1] }, [.upheld, .notUpheld])
        let stage = try XCTUnwrap(onFile.clock(calendar: try store.calendar(), today: fixedToday).stages.first)
        XCTAssertEqual(stage.outcome(issues: onFile.issues), .partiallyUpheld, "the response's outcome comes from the findings set first")
        let rows = try store.recentAudit(limit: 5)
        XCTAssertEqual(try auditCount(store.path), before + 5)
        XCTAssertEqual(Set(rows.map(\.batch)).count, 1, "one audit group")
        XCTAssertEqual(try store.undoableCount(), 3, "the step, the acknowledgement, the new case")

        let undone = try XCTUnwrap(store.undoLast(today: fixedToday))
        XCTAssertEqual(undone.undoneAuditIDs.count, 5)
        let back = try store.contact(id: c.id!)
        XCTAssertEqual(back.events.map(\.kind), [.acknowledged])
        XCTAssertEqual(back.issues.map { $0.findings[1] }, [nil, nil])
        XCTAssertEqual(try store.undoableCount(), 2)
    }

    func testARefusedEventTakesTheFindingsOfTheStepBackWithIt() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let c = try store.add(sampleComplaint(received: "2022-06-01"), today: fixedToday)
        let issue = try XCTUnwrap(c.issues.first?.id)
        let step = CaseStep(findings: [FindingChange(issueID: issue, stage: 1, finding: .upheld)],
                            events: [CaseEvent(kind: .responded, date: day("2022-05-01"))])
        let before = try auditCount(store.path)
        guard case .refused? = storeError({ try store.apply(step, on: c.id!, version: c.version, today: fixedToday) }) else { return XCTFail("not refused") }
        XCTAssertEqual(try store.contact(id: c.id!), c)
        XCTAssertEqual(try auditCount(store.path), before)
    }
}

/// What was found on an issue, in words, beside its verdict: kept per stage, audited, undone.
final class FindingTextTests: XCTestCase {
    func testAFindingsWordsAreKeptPerStageAndUndoneWithTheVerdict() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let saved = try store.add(sampleComplaint(received: "2022-06-01"), today: fixedToday)
        let id = try XCTUnwrap(saved.id)
        let issueID = try XCTUnwrap(saved.issues.first?.id)
        let found = try store.apply(CaseStep(findings: [FindingChange(issueID: issueID, stage: 1, finding: .upheld, text: "Calls were not returned")]),
                                    on: id, version: saved.version, today: fixedToday)
        XCTAssertEqual(found.issues.first?.findingTexts, [1: "Calls were not returned"])
        XCTAssertEqual(try store.contact(id: id).issues.first?.findingTexts, [1: "Calls were not returned"], "read back from the file")
        let row = try XCTUnwrap(try store.recentAudit(limit: 1).first)
        XCTAssertEqual(row.change("finding1_text"), FieldChange("finding1_text", before: nil, after: "Calls were not returned"))
        // A verdict alone leaves the words as they are.
        let again = try store.setFinding(.partiallyUpheld, issueID: issueID, stage: 1, on: id, version: found.version, today: fixedToday)
        XCTAssertEqual(again.issues.first?.findingTexts[1], "Calls were not returned")
        _ = try store.undoLast(today: fixedToday)
        _ = try store.undoLast(today: fixedToday)
        let back = try store.contact(id: id)
        XCTAssertEqual(back.issues.first?.findings, [:])
        XCTAssertEqual(back.issues.first?.findingTexts, [:])
    }
}
