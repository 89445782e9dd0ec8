import Foundation
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// An undo is a step like any other, and an anonymised case takes none. Heard's own anonymisation
/// is a later change undo stops at; a case flagged by another tool leaves no audit row, so undo
/// asks the case itself (each kind of step, and a bulk step both ways).
final class UndoAnonymisedTests: XCTestCase {
    private let refusal = "CS-2022-0001 was anonymised on 2022-07-01: its course is over, so it takes no further move, "
        + "finding or issue; nothing was undone (undo goes no further back)."

    /// Flags the case anonymised as another program would: no audit row for undo to stop at.
    private func anonymiseBehindHeard(_ store: Store, _ id: Int64) throws {
        try store.write { tx in
            try tx.sql.execute("UPDATE contacts SET anonymised = 1, anonymised_on = '2022-07-01' WHERE id = ?", [.int(id)])
        }
    }

    /// Refused with `expected`, and nothing written: the same audit rows, case rows and events.
    private func assertUndoRefused(_ store: Store, _ expected: String, setWise: Bool = true,
                                   file: StaticString = #filePath, line: UInt = #line) throws {
        let audit = try auditCount(store.path)
        let cases = try rawRows(store.path, "SELECT id, version, officer, service_area, status FROM contacts ORDER BY id")
        let events = try rawRows(store.path, "SELECT id, contact_id, kind FROM events ORDER BY id")
        let issues = try rawRows(store.path, "SELECT id, finding1 FROM issues ORDER BY id")
        guard case .refused(let why) = storeError({ try store.undoLast(today: fixedToday, setWise: setWise) { _, _ in } }) else {
            return XCTFail("not refused", file: file, line: line)
        }
        XCTAssertEqual(why, expected, file: file, line: line)
        XCTAssertEqual(try auditCount(store.path), audit, "nothing written", file: file, line: line)
        XCTAssertEqual(try rawRows(store.path, "SELECT id, version, officer, service_area, status FROM contacts ORDER BY id"), cases,
                       file: file, line: line)
        XCTAssertEqual(try rawRows(store.path, "SELECT id, contact_id, kind FROM events ORDER BY id"), events, file: file, line: line)
        XCTAssertEqual(try rawRows(store.path, "SELECT id, finding1 FROM issues ORDER BY id"), issues, file: file, line: line)
    }

    func testAMoveOnACaseAnonymisedBehindHeardIsNotUndone() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let saved = try store.add(sampleComplaint(received: "2022-06-01"), today: fixedToday)
        let id = try XCTUnwrap(saved.id)
        _ = try store.record(.acknowledged(day("2022-06-06")), on: id, version: saved.version, today: fixedToday)
        try anonymiseBehindHeard(store, id)
        try assertUndoRefused(store, refusal)
        XCTAssertEqual(try store.contact(id: id).events.map(\.kind), [.acknowledged])
    }

    func testAnEditAFindingAndAnIssueOnSuchACaseAreNotUndone() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        var c = try store.add(sampleComplaint(received: "2022-06-01"), today: fixedToday)
        let id = try XCTUnwrap(c.id)
        c.officer = "Officer Two"
        c = try store.update(c, today: fixedToday)
        try anonymiseBehindHeard(store, id)
        try assertUndoRefused(store, refusal)
        try assertUndoRefused(store, refusal, setWise: false)

        // Taken back by the other program, the edit undoes; then a finding and an issue.
        try store.write { tx in try tx.sql.execute("UPDATE contacts SET anonymised = 0, anonymised_on = NULL WHERE id = ?", [.int(id)]) }
        XCTAssertEqual(try store.undoLast(today: fixedToday)?.summary, "Undid: change of officer on CS-2022-0001")
        c = try store.contact(id: id)
        c = try store.addIssue(category: "delay", to: id, version: c.version, today: fixedToday)
        let issueID = try XCTUnwrap(c.issues.first?.id)
        _ = try store.setFinding(.upheld, issueID: issueID, stage: 1, on: id, version: c.version, today: fixedToday)
        try anonymiseBehindHeard(store, id)
        try assertUndoRefused(store, refusal)
        XCTAssertEqual(try store.contact(id: id).issues.first?.findings[1], .upheld)
    }

    /// A learning point and an action taken from the case are among the figures it keeps: their
    /// creation is not undone once it is anonymised (an attack undid both after a colleague's
    /// anonymisation). The flag is read as anonymised whatever non-zero value another tool wrote,
    /// and a day that is not a day is not repeated.
    func testItsLearningAndItsActionAreNotUndone() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let saved = try store.add(sampleComplaint(received: "2022-06-01"), today: fixedToday)
        let id = try XCTUnwrap(saved.id)
        let learning = try store.addLearning(LearningPoint(caseReference: saved.reference, theme: "information sharing", text: "Say sooner",
                                                           date: fixedToday), today: fixedToday)
        _ = try store.addAction(ActionItem(title: "Brief the team", source: .learningPoint(try XCTUnwrap(learning.id)), created: fixedToday))
        try store.write { tx in
            try tx.sql.execute("UPDATE contacts SET anonymised = 2, anonymised_on = 'Jane Doe, born 2012' WHERE id = ?", [.int(id)])
        }
        let refusal = "CS-2022-0001 was anonymised: its course is over, so it takes no further move, finding or issue; "
            + "nothing was undone (undo goes no further back)."
        try assertUndoRefused(store, refusal)
        XCTAssertEqual(try store.actions(today: fixedToday).count, 1)
        // Taken back, the action's creation undoes; then the learning's is refused in turn.
        try store.write { tx in try tx.sql.execute("UPDATE contacts SET anonymised = 0, anonymised_on = NULL WHERE id = ?", [.int(id)]) }
        XCTAssertNotNil(try store.undoLast(today: fixedToday))
        try anonymiseBehindHeard(store, id)
        try assertUndoRefused(store, self.refusal)
        XCTAssertEqual(try rawInt(store.path, "SELECT count(*) FROM learning_points"), 1)
    }

    func testABulkAssignmentWithOneCaseAnonymisedBehindHeardIsRefusedWhole() throws {
        let dir = TemporaryDirectory()
        let today = day("2022-06-15")
        let store = try makeStore(in: dir)
        _ = try store.importCSV(Array(BulkAtScaleTests.csv(count: 1_100).utf8), source: "bulk.csv", dryRun: false, today: today)
        let ids = try store.cases(CaseFilter(), today: today).map(\.id)
        let result = try store.bulk(.assign(officer: "Kate Richardson"), ids: ids, today: today) { _, _ in }
        XCTAssertGreaterThan(result.done, 500)
        // A case the undo reaches last (the step's oldest row), after two chunks are checked.
        let oldest = try XCTUnwrap(rawInt(store.path, "SELECT entity_id FROM audit WHERE action = 'update' ORDER BY id LIMIT 1"))
        try anonymiseBehindHeard(store, Int64(oldest))
        let reference = try XCTUnwrap(rawTexts(store.path, "SELECT reference FROM contacts WHERE id = \(oldest)").first ?? nil)
        let expected = refusal.replacingOccurrences(of: "CS-2022-0001", with: reference)
        try assertUndoRefused(store, expected)
        try assertUndoRefused(store, expected, setWise: false)
        XCTAssertEqual(try rawInt(store.path, "SELECT count(*) FROM contacts WHERE officer = 'Kate Richardson'"), ids.count)
    }
}
