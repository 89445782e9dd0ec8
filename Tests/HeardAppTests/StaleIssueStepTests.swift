import Foundation
@testable import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

/// An issue added, or a finding recorded, on a case another session changed meanwhile: the change
/// made is shown and ours offered again on the newer version (a trial: the form kept the old
/// version, so every Enter was refused again, for ever).
/// A runner over `store` on `today`, its first frame drawn and every list loaded.
private func loadedRunner(_ store: Store, today: LocalDate) -> AppRunner {
    let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false)
    let backend = TestBackend(size: Size(width: 100, height: 30))
    let r = AppRunner(state: AppState(size: backend.size, today: today, readOnly: false, databaseLabel: "stale", unicode: true, keymap: keymap),
                      store: store, backend: backend)
    r.firstFrame()
    r.loadEverything()
    return r
}

final class StaleIssueStepTests: XCTestCase {
    let today = day("2022-06-15")

    func runner(_ store: Store) -> AppRunner { loadedRunner(store, today: today) }

    /// A file in a folder of its own (kept while the test holds `dir`) with one complaint.
    func oneComplaint() throws -> (dir: TemporaryDirectory, store: Store, added: Contact) {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("heard.sqlite"), options: StoreOptions(actor: "Test Officer"))
        return (dir, store, try store.add(sampleComplaint(received: "2022-06-01"), today: today))
    }

    func testAStaleIssueIsOfferedAgainOnTheNewerVersionAndAddedWithR() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("heard.sqlite"), options: StoreOptions(actor: "Test Officer"))
        let added = try store.add(sampleComplaint(received: "2022-06-01"), today: today)
        let id = try XCTUnwrap(added.id)
        var other = added
        other.officer = "Another Officer"
        let changed = try store.update(other, today: today)
        let r = runner(store)
        r.performChange(.addIssue(category: "Communication", contactID: id, version: added.version))
        XCTAssertEqual(r.state.dialog?.title, "Changed by someone else")
        let reapply = r.state.dialog?.choices.first?.effects ?? []
        XCTAssertEqual(reapply, [.addIssue(category: "Communication", contactID: id, version: changed.version)])
        XCTAssertEqual(try store.contact(id: id).issues.count, added.issues.count, "not added on the stale version")
        r.dispatch(.key(.char("r")))
        XCTAssertEqual(try store.contact(id: id).issues.count, added.issues.count + 1, "added on the newer version")
    }

    /// The edit form's conflict names fields as people read them and shows, beside theirs, what
    /// we typed into the same field (a trial saw `complainant_name:` and only their value).
    func testAnEditsConflictNamesFieldsInWordsWithOursBesideTheirs() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("heard.sqlite"), options: StoreOptions(actor: "Test Officer"))
        let added = try store.add(sampleComplaint(received: "2022-06-01", name: "Marcus Inapp"), today: today)
        var theirs = added
        theirs.complainantName = "Marcus Bigscreen"
        theirs.officer = "Another Officer"
        _ = try store.update(theirs, today: today)
        var mine = added
        mine.complainantName = "Marcus Smallscreen"
        let r = runner(store)
        r.performChange(.updateContact(mine, original: added))
        let lines = r.state.dialog?.lines ?? []
        XCTAssertTrue(lines.contains("  complainant name: Marcus Inapp → Marcus Bigscreen (yours: Marcus Smallscreen)"), "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("  officer: ") && !$0.contains("yours") }, "\(lines)")
        XCTAssertFalse(lines.contains { $0.contains("complainant_name") }, "\(lines)")
    }

    func testAStaleFindingIsOfferedAgainOnTheNewerVersion() throws {
        let (dir, store, added) = try oneComplaint()
        defer { withExtendedLifetime(dir) {} }
        let id = try XCTUnwrap(added.id), issueID = try XCTUnwrap(added.issues.first?.id)
        var other = added
        other.officer = "Another Officer"
        let changed = try store.update(other, today: today)
        let r = runner(store)
        r.performChange(.setFinding(.upheld, issueID: issueID, stage: 1, contactID: id, version: added.version))
        XCTAssertEqual(r.state.dialog?.choices.first?.effects, [.setFinding(.upheld, issueID: issueID, stage: 1, contactID: id, version: changed.version)])
    }

    /// A finding cleared is said cleared, not "recorded" (found by a trial).
    func testAFindingClearedIsSaidCleared() throws {
        let (dir, store, added) = try oneComplaint()
        defer { withExtendedLifetime(dir) {} }
        let id = try XCTUnwrap(added.id), issueID = try XCTUnwrap(added.issues.first?.id)
        let r = runner(store)
        r.performChange(.setFinding(.upheld, issueID: issueID, stage: 1, contactID: id, version: added.version))
        XCTAssertEqual(r.state.message?.text, "Finding recorded on \(added.reference).")
        r.performChange(.setFinding(nil, issueID: issueID, stage: 1, contactID: id, version: added.version + 1))
        XCTAssertEqual(r.state.message?.text, "Finding cleared on \(added.reference).")
        XCTAssertNil(try store.contact(id: id).issues.first?.findings[1])
    }

    /// Words written over a finding whose verdict another officer changed meanwhile: "reapply
    /// yours" puts back the words, and keeps their verdict (it had put back the verdict the form
    /// showed, undoing theirs unseen; found by a trial). A verdict changed here is put back.
    func testAReappliedFindingKeepsTheVerdictSomeoneElseChangedAndWasNotChangedHere() throws {
        let (dir, store, added) = try oneComplaint()
        defer { withExtendedLifetime(dir) {} }
        let id = try XCTUnwrap(added.id), issueID = try XCTUnwrap(added.issues.first?.id)
        let seen = try store.setFinding(.upheld, issueID: issueID, stage: 1, text: "First words", on: id, version: added.version, today: today)
        let theirs = try store.setFinding(.notUpheld, issueID: issueID, stage: 1, on: id, version: seen.version, today: today)
        let r = runner(store)
        // The form as it was opened on `seen`: the verdict left as shown, the words typed over.
        let before = FindingChange.Before(finding: .upheld, text: "First words")
        let mine = CaseStep(findings: [FindingChange(issueID: issueID, stage: 1, finding: .upheld, text: "Calls were not returned", before: before)])
        r.performChange(.apply(mine, contactID: id, version: seen.version))
        XCTAssertEqual(r.state.dialog?.title, "Changed by someone else")
        r.dispatch(.key(.char("r")))
        let after = try store.contact(id: id)
        XCTAssertEqual(after.issues.first?.findings[1], .notUpheld, "their verdict stands")
        XCTAssertEqual(after.issues.first?.findingTexts[1], "Calls were not returned", "our words are put back")
        XCTAssertEqual(after.version, theirs.version + 1)

        // A verdict changed here is ours to put back, words left as they were.
        let other = try store.setFinding(.partiallyUpheld, issueID: issueID, stage: 1, on: id, version: after.version, today: today)
        let changedVerdict = CaseStep(findings: [FindingChange(issueID: issueID, stage: 1, finding: .upheld, text: "Calls were not returned",
                                                               before: FindingChange.Before(finding: .notUpheld, text: "Calls were not returned"))])
        r.performChange(.apply(changedVerdict, contactID: id, version: after.version))
        r.dispatch(.key(.char("r")))
        let last = try store.contact(id: id)
        XCTAssertEqual(last.issues.first?.findings[1], .upheld)
        XCTAssertEqual(last.issues.first?.findingTexts[1], "Calls were not returned")
        XCTAssertEqual(last.version, other.version + 1)
    }
}

/// "My work" follows a subject access request answered by another session (found by an attack:
/// a change naming no case was taken for this session's own, so the request stayed listed), and
/// `y` on one answered meanwhile says so and reads "my work" again.
final class RequestAnsweredElsewhereTests: XCTestCase {
    let today = day("2022-06-15")

    func testMyWorkFollowsARequestAnsweredByAnotherSession() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("heard.sqlite")
        let mine = try Store(path: path, options: StoreOptions(actor: "Sam Officer"))
        let request = try mine.recordSubjectAccess(forWhom: "Pat Parent", cases: [], requested: today)
        let id = try XCTUnwrap(request.id)
        let r = loadedRunner(mine, today: today)
        r.state.officer = "Sam Officer"
        r.dispatch(.key(.char("M")))
        _ = r.pollExternalChange()
        r.dispatch(.key(.char("d")))
        guard case .myWork(let asking)? = r.state.stack.last else { return XCTFail("no my work") }
        XCTAssertEqual(asking.confirmingAnswered?.id, id)

        // Another officer's session answers it while the question is open.
        let theirs = try Store(path: path, options: StoreOptions(actor: "Other Officer"))
        _ = try theirs.completeSubjectAccess(id: id, on: today)
        usleep(600_000)
        let changed = r.pollExternalChange()
        XCTAssertTrue(changed != nil, "another session's change that names no case is still a change")
        if let changed { r.dispatch(.externalChange(contacts: changed)) }
        // Read again: the request is no longer listed, and the question about it goes, saying why
        // (it stayed asked, unseen, over the empty list, and y answered it: refused).
        guard case .myWork(let after)? = r.state.stack.last else { return XCTFail("no my work") }
        XCTAssertTrue(after.rows.isEmpty, "the request is no longer listed (\(after.rows))")
        XCTAssertNil(after.confirmingAnswered)
        XCTAssertTrue(r.state.message?.text.contains("no longer open: another session marked it answered") == true, r.state.message?.text ?? "")
        r.dispatch(.key(.char("y")))
        XCTAssertEqual(try mine.subjectAccessRequests().first?.completed, today, "answered once, by the other session")
    }

}
