import Foundation
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// A finding and an issue are written, or said not written: never said saved and audited when
/// another tool's rule kept the row from the table. And an anonymised case takes no new words.
final class IssueWritesTests: XCTestCase {
    private func auditRows(_ store: Store) throws -> Int {
        Int(try rawRows(store.path, "SELECT count(*) FROM audit").first?.first.flatMap { $0 }.flatMap { Int($0) } ?? -1)
    }

    /// A trigger another tool added that skips the row (SQLite's RAISE(IGNORE), a server's BEFORE
    /// trigger returning NULL), on `event` of issues.
    private func skipIssues(_ store: Store, on event: String) throws {
        if TestDatabase.isPostgres {
            try rawExecute(store.path, """
                CREATE FUNCTION foreign_skip() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
                CREATE TRIGGER foreign_skip BEFORE \(event) ON issues FOR EACH ROW EXECUTE FUNCTION foreign_skip();
                """)
        } else {
            try rawExecute(store.path, "CREATE TRIGGER foreign_skip BEFORE \(event) ON issues BEGIN SELECT RAISE(IGNORE); END")
        }
    }

    func testAFindingAnotherToolsRuleSkippedIsRefusedNotSaidSaved() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let c = try store.add(sampleComplaint(received: "2022-06-01"), today: fixedToday)
        let id = try XCTUnwrap(c.id), issueID = try XCTUnwrap(c.issues.first?.id)
        let found = try store.setFinding(.upheld, issueID: issueID, stage: 1, text: "First", on: id, version: c.version, today: fixedToday)
        try skipIssues(store, on: "UPDATE")
        let audited = try auditRows(store)
        let e = storeError { try store.setFinding(.notUpheld, issueID: issueID, stage: 1, text: "Second", on: id, version: found.version, today: fixedToday) }
        guard case .refused(let message)? = e else { return XCTFail("expected refused, got \(String(describing: e))") }
        XCTAssertTrue(message.contains("did not write its issue") && message.contains("nothing was changed"), message)
        let after = try store.contact(id: id)
        XCTAssertEqual(after, found, "the finding, the words and the version as they were")
        XCTAssertEqual(try auditRows(store), audited, "no audit row for a change not made")
    }

    func testAnIssueAnotherToolsRuleSkippedIsRefusedNotSaidAdded() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let c = try store.add(sampleComplaint(received: "2022-06-01"), today: fixedToday)
        let id = try XCTUnwrap(c.id)
        try skipIssues(store, on: "INSERT")
        let audited = try auditRows(store)
        let e = storeError { try store.addIssue(category: "delay", to: id, version: c.version, today: fixedToday) }
        guard case .refused(let message)? = e else { return XCTFail("expected refused, got \(String(describing: e))") }
        XCTAssertTrue(message.contains("did not write its issue"), message)
        XCTAssertEqual(try store.contact(id: id), c)
        XCTAssertEqual(try auditRows(store), audited)
    }

    /// An anonymised case's course is over: no move (with a reason or without), no finding (in
    /// words or a verdict alone), no issue (with detail or a category alone). An attack escalated
    /// one late and wrote a name and address into its finding; a move dated back into its
    /// escalation window reopened one at stage 2, open and overdue. Each is refused before the
    /// rules are asked, and changes nothing; a bulk escalation lists it as refused.
    func testAnAnonymisedCaseTakesNoFurtherStep() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        // Letters preferred: anonymised, its record has no address to send them to.
        var complaint = sampleComplaint(received: "2021-01-04")
        complaint.people.complainant.address = "4 Elm Road, Eastbridge"
        complaint.people.complainant.preferredContact = .letter
        var now = try store.add(complaint, today: fixedToday)
        let id = try XCTUnwrap(now.id), issueID = try XCTUnwrap(now.issues.first?.id)
        now = try store.record(.acknowledged(day("2021-01-05")), on: id, version: now.version, today: fixedToday)
        now = try store.record(.responded(day("2021-01-15"), stage: 1, outcome: .notUpheld), on: id, version: now.version, today: fixedToday)
        _ = try store.anonymise(contactID: id, reason: "retention period over", today: fixedToday)
        now = try store.contact(id: id)
        let audited = try auditRows(store)
        func refusedAsAnonymised(_ body: () throws -> Void, _ what: String) {
            guard case .refused(let message)? = storeError(body) else { return XCTFail("\(what): expected refused") }
            XCTAssertTrue(message.contains("was anonymised on") && message.contains("takes no further move, finding or issue")
                          && message.hasSuffix("nothing was changed."), "\(what): \(message)")
        }
        var late = CaseEvent.nextStageRequested(day("2022-06-14"), stage: 2)
        late.reason = "Mr John Smith was in hospital"
        refusedAsAnonymised({ _ = try store.record(late, on: id, version: now.version, today: fixedToday) }, "a move's reason")
        refusedAsAnonymised({ _ = try store.apply(CaseStep(events: [late]), on: id, version: now.version, today: fixedToday) }, "a step's move's reason")
        // Within the window as dated: the rules alone would take it, and reopen the case.
        let backdated = CaseEvent.nextStageRequested(day("2021-01-20"), stage: 2)
        XCTAssertNoThrow(try now.applying(backdated, rules: store.rules, calendar: store.calendar(), today: fixedToday))
        refusedAsAnonymised({ _ = try store.record(backdated, on: id, version: now.version, today: fixedToday) }, "a move dated back")
        refusedAsAnonymised({ _ = try store.setFinding(.upheld, issueID: issueID, stage: 1, text: "Mr John Smith, 4 Elm Road", on: id, version: now.version, today: fixedToday) },
                            "a finding's words")
        refusedAsAnonymised({ _ = try store.setFinding(.upheld, issueID: issueID, stage: 1, on: id, version: now.version, today: fixedToday) },
                            "a verdict alone")
        refusedAsAnonymised({ _ = try store.addIssue(category: "delay", detail: "Mr Smith's letters", to: id, version: now.version, today: fixedToday) },
                            "an issue's detail")
        refusedAsAnonymised({ _ = try store.addIssue(category: "delay", to: id, version: now.version, today: fixedToday) }, "a category alone")
        refusedAsAnonymised({ _ = try store.addLearning(LearningPoint(caseReference: now.reference.lowercased(), theme: "information sharing",
                                                                      text: "Tell Mr Smith sooner", date: fixedToday), today: fixedToday) },
                            "its learning")
        // A bulk move and a bulk assignment say it is anonymised, not what its procedure or its
        // record, emptied of an address, would otherwise refuse.
        for change in [BulkChange.escalate, .assign(officer: "Another Officer")] {
            let result = try store.bulk(change, ids: [id], today: fixedToday) { _, _ in }
            XCTAssertEqual(result.refused.count, 1, "\(change)")
            XCTAssertTrue(result.refused.first?.message.contains("was anonymised on") == true, "\(change): \(result.refused)")
        }
        // Saved unchanged, its record is as it was: no refusal of a check it no longer passes.
        XCTAssertEqual(try store.update(now, today: fixedToday), now)
        XCTAssertEqual(try store.contact(id: id), now)
        XCTAssertEqual(try auditRows(store), audited)
    }

    /// An action is not newly linked to an anonymised case (added, or moved onto it); one linked
    /// while the case was live keeps its link through later edits and notes.
    func testAnAnonymisedCaseTakesNoNewActionButKeepsItsOld() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        var now = try store.add(sampleComplaint(received: "2021-01-04"), today: fixedToday)
        let id = try XCTUnwrap(now.id)
        now = try store.record(.acknowledged(day("2021-01-05")), on: id, version: now.version, today: fixedToday)
        now = try store.record(.responded(day("2021-01-15"), stage: 1, outcome: .notUpheld), on: id, version: now.version, today: fixedToday)
        var linked = try store.addAction(ActionItem(title: "Review the rota", source: .caseReference(now.reference.lowercased()), created: fixedToday))
        XCTAssertEqual(try rawTexts(store.path, "SELECT reference FROM audit WHERE entity = 'action' ORDER BY id DESC LIMIT 1"), [now.reference],
                       "the audit names the case as stored, not as typed")
        let learning = try store.addLearning(LearningPoint(caseReference: now.reference, theme: "information sharing", text: "Say sooner", date: fixedToday),
                                             today: fixedToday)
        let elsewhere = try store.addAction(ActionItem(title: "Train the duty team", created: fixedToday))
        _ = try store.anonymise(contactID: id, reason: "retention period over", today: fixedToday)
        let audited = try auditRows(store)
        let expected = "\(now.reference) was anonymised on \(fixedToday.iso): its course is over, so no new action is linked to it; nothing was changed."
        guard case .refused(let added)? = storeError({ try store.addAction(ActionItem(title: "Apologise again", source: .caseReference(now.reference.lowercased()),
                                                                                         created: fixedToday)) }) else { return XCTFail("a new action: not refused") }
        XCTAssertEqual(added, expected)
        var moved = elsewhere
        moved.source = .caseReference(now.reference)
        guard case .refused(let relinked)? = storeError({ try store.updateAction(moved) }) else { return XCTFail("a moved action: not refused") }
        XCTAssertEqual(relinked, expected)
        // Nor through its learning (the learning form's action, saved after the case was anonymised).
        let learningID = try XCTUnwrap(learning.id)
        guard case .refused(let viaLearning)? = storeError({ try store.addAction(ActionItem(title: "Call the family", source: .learningPoint(learningID),
                                                                                              created: fixedToday)) }) else { return XCTFail("via its learning: not refused") }
        XCTAssertEqual(viaLearning, expected)
        // A reference typed with a lookalike is said to hold it, not only "not found".
        let lookalike = now.reference.replacingOccurrences(of: "-", with: "\u{2011}")
        guard case .refused(let unknown)? = storeError({ try store.addAction(ActionItem(title: "Apologise", source: .caseReference(lookalike), created: fixedToday)) }) else {
            return XCTFail("a lookalike reference: not refused")
        }
        XCTAssertTrue(unknown.hasPrefix("No case ") && unknown.contains("U+2011 NON-BREAKING HYPHEN, which can pass for another character"), unknown)
        XCTAssertEqual(try auditRows(store), audited)
        // The action linked before: edited, its link kept.
        linked.status = .inProgress
        linked = try store.updateAction(linked)
        XCTAssertEqual(linked.source, .caseReference(now.reference))
        XCTAssertEqual(try store.actions(today: fixedToday).count, 2)
    }
}
