import Foundation
import GRDB
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// Undo of this session's changes from the audit trail (DESIGN.md, Persistence), against real
/// files: each kind of change, batches, conflicts with another session, and the v2 migration.
final class UndoTests: XCTestCase {
    // MARK: - Helpers

    private func undo(_ store: Store, file: StaticString = #filePath, line: UInt = #line) throws -> UndoResult {
        try XCTUnwrap(try store.undoLast(today: fixedToday), "nothing was undone", file: file, line: line)
    }

    /// A second store on the same file: another process's session.
    private func otherSession(_ dir: TemporaryDirectory, _ first: Store, actor: String = "Officer B") throws -> Store {
        let other = try makeStore(in: dir, actor: actor)
        XCTAssertNotEqual(other.session, first.session)
        return other
    }

    private func rawStatus(_ store: Store, _ id: Int64) throws -> String? {
        try rawTexts(store.path, "SELECT status FROM contacts WHERE id = \(id)").first ?? nil
    }

    private func count(_ store: Store, _ sql: String) throws -> Int {
        try rawInt(store.path, sql) ?? -1
    }

    /// Fails when the search index does not match the contacts table (SQLite's FTS5 check; on
    /// PostgreSQL one row of words per case, each the words of the case as it is now).
    private func checkSearchIndex(_ store: Store, file: StaticString = #filePath, line: UInt = #line) {
        if TestDatabase.isPostgres {
            XCTAssertEqual(try count(store, """
                SELECT count(*) FROM contacts c FULL JOIN contacts_search s ON s.contact_id = c.id
                WHERE c.id IS NULL OR s.contact_id IS NULL
                OR s.words <> heard_words(concat_ws(' ', c.reference, c.complainant_name, c.subject_child, c.summary))
                """), 0, "the search index no longer matches the cases", file: file, line: line)
            return
        }
        XCTAssertNoThrow(try rawExecute(store.path, "INSERT INTO contacts_fts(contacts_fts) VALUES('integrity-check')"),
                         "the search index no longer matches the cases", file: file, line: line)
    }

    private func changes(_ changes: [FieldChange]) throws -> [String: [String?]] {
        Dictionary(changes.map { ($0.field, [$0.before, $0.after]) }, uniquingKeysWith: { a, _ in a })
    }

    private func lastAudit(_ store: Store) throws -> AuditEntry { try XCTUnwrap(store.recentAudit(limit: 1).first) }

    // MARK: - Contacts

    func testUndoOfAContactUpdateRestoresTheFieldsAndTheSearchIndex() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let saved = try store.add(sampleComplaint(name: "Original Person"), today: fixedToday)
        let id = try XCTUnwrap(saved.id)
        var edited = saved
        edited.complainantName = "Renamed Person"
        edited.officer = "Officer Two"
        let updated = try store.update(edited, today: fixedToday)
        XCTAssertEqual(try store.indexSearch("Renamed"), [id])

        let result = try undo(store)
        XCTAssertEqual(result.summary, "Undid: change of complainant name, officer on CS-2021-0001")
        XCTAssertEqual(result.contactIDs, [id])
        XCTAssertEqual(result.actionIDs, [])
        XCTAssertFalse(result.summary.contains("Person"), "no personal data in the summary")

        let back = try store.contact(id: id)
        XCTAssertEqual(back.complainantName, "Original Person")
        XCTAssertEqual(back.officer, "Officer One")
        XCTAssertEqual(back.version, updated.version + 1, "undo is a change: the version moves on")
        XCTAssertEqual(try store.indexSearch("Renamed"), [])
        XCTAssertEqual(try store.indexSearch("Original"), [id])
        checkSearchIndex(store)

        let trail = try store.auditTrail(entity: .contact, id: id)
        XCTAssertEqual(trail.map(\.action), [.create, .update, .undo])
        XCTAssertEqual(trail[2].undoes, trail[1].id)
        XCTAssertEqual(trail[2].reference, "CS-2021-0001")
        XCTAssertEqual(trail[2].session, store.session)
        XCTAssertEqual(try changes(trail[2].changes), [
            "complainant_name": ["Renamed Person", "Original Person"],
            "officer": ["Officer Two", "Officer One"],
        ])

        // An edit made from the version before the undo is now stale.
        var stale = updated
        stale.team = "Team B"
        guard case .conflict = storeError({ try store.update(stale, today: fixedToday) }) else { return XCTFail("a stale edit was saved") }
    }

    func testUndoOfAReferenceChangeGivesTheOldReferenceBack() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        var c = try store.add(sampleComplaint(), today: fixedToday)
        c.reference = "CS-2021-9999"
        _ = try store.update(c, today: fixedToday)
        let result = try undo(store)
        XCTAssertEqual(result.summary, "Undid: change of reference on CS-2021-9999")
        XCTAssertEqual(try store.contact(id: c.id!).reference, "CS-2021-0001")
        XCTAssertEqual(try store.indexSearch("CS-2021-0001"), [c.id!])
        checkSearchIndex(store)
    }

    func testUndoOfANewContactDeletesItWithItsIssuesAndSearchEntry() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let keep = try store.add(sampleComplaint(name: "Kept Person"), today: fixedToday)
        let saved = try store.add(sampleComplaint(name: "Mistaken Person", categories: ["delay", "placement"]), today: fixedToday)
        let id = try XCTUnwrap(saved.id)
        let rowsBefore = try auditCount(store.path)

        let result = try undo(store)
        XCTAssertEqual(result.summary, "Undid: new complaint CS-2021-0002")
        XCTAssertEqual(result.contactIDs, [id])
        guard case .notFound = storeError({ try store.contact(id: id) }) else { return XCTFail("the contact is still there") }
        XCTAssertEqual(try count(store, "SELECT count(*) FROM issues WHERE contact_id = \(id)"), 0)
        XCTAssertEqual(try store.indexSearch("Mistaken"), [])
        XCTAssertEqual(try store.indexSearch("Kept"), [keep.id!])
        checkSearchIndex(store)

        XCTAssertEqual(try auditCount(store.path), rowsBefore + 1, "the create row stays; one undo row is added")
        let row = try lastAudit(store)
        XCTAssertEqual(row.action, .undo)
        XCTAssertEqual(row.entity, .contact)
        XCTAssertEqual(row.entityID, id)
        XCTAssertEqual(try changes(row.changes)["complainant_name"], ["Mistaken Person", nil])
        XCTAssertEqual(try store.allContacts().map(\.reference), ["CS-2021-0001"])
    }

    /// A response with its remedies is said as the response first, then how many remedies.
    func testUndoOfAResponseSaysTheResponseThenItsRemedies() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let saved = try store.add(sampleComplaint(received: "2022-06-01"), today: fixedToday)
        let id = try XCTUnwrap(saved.id)
        var c = try store.record(.acknowledged(day("2022-06-06")), on: id, version: saved.version, today: fixedToday)
        c.issues[0].findings[1] = .upheld
        let d = day("2022-06-14")
        let step = CaseStep(events: [CaseEvent(kind: .responded, date: d, outcome: .upheld), .remedy(d, stage: 1, .apology, note: "Letter"),
                                     .remedy(d, stage: 1, .payment, amountPence: 5_000), .remedy(d, stage: 1, .serviceChange, note: "Rota"),
                                     .remedy(d, stage: 1, .other, note: "Voucher")])
        c = try store.apply(step, on: id, version: c.version, today: fixedToday)
        XCTAssertEqual(try undo(store).summary, "Undid: stage 1 response on CS-2022-0001 and 4 remedies")
        // Remedies alone (the remedy move) are listed as they are.
        c = try store.apply(step, on: id, version: try store.contact(id: id).version, today: fixedToday)
        c = try store.apply(CaseStep(events: [.remedy(d, stage: 1, .apology, note: "Again")]), on: id, version: c.version, today: fixedToday)
        XCTAssertEqual(try undo(store).summary, "Undid: stage 1 remedy on CS-2022-0001")
    }

    func testUndoOfARecordedEventRemovesItAndRefreshesTheStatus() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let saved = try store.add(sampleComplaint(received: "2022-06-01"), today: fixedToday)
        let id = try XCTUnwrap(saved.id)
        let acked = try store.record(.acknowledged(day("2022-06-06")), on: id, version: saved.version, today: fixedToday)
        XCTAssertEqual(try rawStatus(store, id), "open")
        let responded = try store.record(.responded(day("2022-06-14"), stage: 1, satisfied: true), on: id, version: acked.version, today: fixedToday)
        XCTAssertEqual(try rawStatus(store, id), "responded")

        let result = try undo(store)
        XCTAssertEqual(result.summary, "Undid: stage 1 response on CS-2022-0001")
        XCTAssertEqual(result.contactIDs, [id])
        let back = try store.contact(id: id)
        XCTAssertEqual(back.events.map(\.kind), [.acknowledged])
        XCTAssertEqual(back.version, responded.version + 1)
        XCTAssertEqual(try rawStatus(store, id), "open", "the stored status follows the history again")

        XCTAssertEqual(try undo(store).summary, "Undid: stage 1 acknowledgement on CS-2022-0001")
        XCTAssertEqual(try store.contact(id: id).events, [])
        let history = try store.caseHistory(contactID: id, reference: "CS-2022-0001")
        XCTAssertEqual(history.map(\.action), [.create, .create, .create, .undo, .undo])
        XCTAssertEqual(history.map(\.entity), [.contact, .event, .event, .event, .event])
        XCTAssertEqual(history[3].undoes, history[2].id)
        XCTAssertEqual(history[4].undoes, history[1].id)
    }

    func testUndoOfAnIssueAndOfAFinding() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let saved = try store.add(sampleComplaint(received: "2022-06-01"), today: fixedToday)
        let id = try XCTUnwrap(saved.id)
        let withIssue = try store.addIssue(category: "delay", to: id, version: saved.version, today: fixedToday)
        XCTAssertEqual(withIssue.issues.count, 2)
        let issueID = try XCTUnwrap(withIssue.issues.first?.id)
        let found = try store.setFinding(.upheld, issueID: issueID, stage: 1, on: id, version: withIssue.version, today: fixedToday)
        XCTAssertEqual(found.issues.first?.findings[1], .upheld)

        XCTAssertEqual(try undo(store).summary, "Undid: stage 1 finding on CS-2022-0001")
        let noFinding = try store.contact(id: id)
        XCTAssertEqual(noFinding.issues.first?.findings, [:])
        XCTAssertEqual(noFinding.issues.count, 2)
        XCTAssertEqual(try changes(try lastAudit(store).changes), ["finding1": ["upheld", nil]])

        XCTAssertEqual(try undo(store).summary, "Undid: new issue (delay or timeliness) on CS-2022-0001")
        let back = try store.contact(id: id)
        XCTAssertEqual(back.categories, ["communication and information"])
        XCTAssertEqual(back.version, found.version + 2)
    }

    func testUndoOfAChangedFindingRestoresThePreviousFinding() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let saved = try store.add(sampleComplaint(received: "2022-06-01"), today: fixedToday)
        let issueID = try XCTUnwrap(saved.issues.first?.id)
        let first = try store.setFinding(.notUpheld, issueID: issueID, stage: 1, on: saved.id!, version: saved.version, today: fixedToday)
        _ = try store.setFinding(.partiallyUpheld, issueID: issueID, stage: 1, on: saved.id!, version: first.version, today: fixedToday)
        _ = try undo(store)
        XCTAssertEqual(try store.contact(id: saved.id!).issues.first?.findings[1], .notUpheld)
    }

    func testTheSameVerdictAgainWritesNothing() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let saved = try store.add(sampleComplaint(received: "2022-06-01"), today: fixedToday)
        let issueID = try XCTUnwrap(saved.issues.first?.id)
        let first = try store.setFinding(.upheld, issueID: issueID, stage: 1, on: saved.id!, version: saved.version, today: fixedToday)
        let rows = try store.recentAudit().count
        let again = try store.setFinding(.upheld, issueID: issueID, stage: 1, on: saved.id!, version: first.version, today: fixedToday)
        XCTAssertEqual(again.version, first.version, "no new version")
        XCTAssertEqual(try store.recentAudit().count, rows, "no empty audit row")
        XCTAssertEqual(try undo(store).summary, "Undid: stage 1 finding on CS-2022-0001", "undo takes back the finding that was made")
        XCTAssertThrowsError(try store.setFinding(.upheld, issueID: issueID, stage: 1, on: saved.id!, version: saved.version, today: fixedToday),
                             "a stale version is still a conflict")
    }

    // MARK: - Learning and actions

    func testUndoOfALearningPoint() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let c = try store.add(sampleComplaint(), today: fixedToday)
        let p = try store.addLearning(LearningPoint(caseReference: c.reference, theme: "information sharing", text: "Share plans sooner", date: fixedToday), today: fixedToday)
        let result = try undo(store)
        XCTAssertEqual(result.summary, "Undid: learning point #\(p.id!) on CS-2021-0001")
        XCTAssertEqual(result.contactIDs, [c.id!])
        XCTAssertEqual(try store.learningPoints(), [])
        XCTAssertEqual(try lastAudit(store).entity, .learning)
    }

    func testUndoOfANewActionDeletesItAndItsNotes() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let a = try store.addAction(ActionItem(title: "Hold a practice learning day", owner: "Head of Service", created: fixedToday,
                                               notes: [ProgressNote(date: fixedToday, text: "agreed")]))
        let id = try XCTUnwrap(a.id)
        let result = try undo(store)
        XCTAssertEqual(result.summary, "Undid: new action #\(id)")
        XCTAssertEqual(result.actionIDs, [id])
        XCTAssertEqual(try store.actions(today: fixedToday), [])
        XCTAssertEqual(try count(store, "SELECT count(*) FROM action_notes"), 0)
        XCTAssertEqual(try store.auditTrail(entity: .action, id: id).map(\.action), [.create, .undo])
    }

    /// An action or learning point deleted by undo leaves its id to no other: the audit's rows
    /// of "action #N" name one action (SQLite gave the next one the freed id).
    func testAnIdFreedByUndoIsNotGivenAgain() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let first = try XCTUnwrap(try store.addAction(ActionItem(title: "Hold a practice learning day", created: fixedToday)).id)
        _ = try undo(store)
        let second = try XCTUnwrap(try store.addAction(ActionItem(title: "Brief the duty team", created: fixedToday)).id)
        XCTAssertGreaterThan(second, first)
        XCTAssertEqual(try store.auditTrail(entity: .action, id: second).map(\.action), [.create], "its own rows only")
        let c = try store.add(sampleComplaint(), today: fixedToday)
        let learning = try XCTUnwrap(try store.addLearning(LearningPoint(caseReference: c.reference, theme: "information sharing", text: "Say sooner",
                                                                         date: fixedToday), today: fixedToday).id)
        _ = try undo(store)
        let again = try XCTUnwrap(try store.addLearning(LearningPoint(caseReference: c.reference, theme: "information sharing", text: "Say it sooner",
                                                                      date: fixedToday), today: fixedToday).id)
        XCTAssertGreaterThan(again, learning)
    }

    func testUndoOfAnActionUpdateRestoresEveryChangedField() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let c = try store.add(sampleComplaint(), today: fixedToday)
        let original = try store.addAction(ActionItem(title: "Review advocacy", owner: "Ann", serviceArea: "Care Leavers",
                                                      source: .meeting("Corporate Parenting Board 2022-07-14", resolution: "1"),
                                                      created: day("2022-06-01"), due: day("2022-09-30"), tags: ["board", "cyp"]))
        var edited = original
        edited.title = "Review advocacy offer"
        edited.owner = "Head of Service"
        edited.due = nil
        edited.status = .done
        edited.completed = fixedToday
        edited.tags = ["board"]
        edited.source = .caseReference(c.reference)
        let saved = try store.updateAction(edited)

        let result = try undo(store)
        XCTAssertEqual(result.summary, "Undid: change of title, owner, source, due, status, completed, tags on action #\(original.id!)")
        var back = try store.action(id: original.id!)
        XCTAssertEqual(back.version, saved.version + 1)
        back.version = original.version
        XCTAssertEqual(back, original)
        XCTAssertEqual(back.source?.label, "Corporate Parenting Board 2022-07-14, resolution 1")
    }

    func testUndoOfAProgressNoteRemovesOnlyThatNote() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let a = try store.addAction(ActionItem(title: "Chase the plan", created: day("2022-06-01")))
        try store.addNote(ProgressNote(date: day("2022-06-10"), text: "asked"), toAction: a.id!, version: 1)
        try store.addNote(ProgressNote(date: fixedToday, text: "asked"), toAction: a.id!, version: 2)
        try store.addNote(ProgressNote(date: fixedToday, text: "asked"), toAction: a.id!, version: 3)
        XCTAssertEqual(try undo(store).summary, "Undid: progress note on action #\(a.id!)")
        let back = try store.action(id: a.id!)
        XCTAssertEqual(back.notes.map(\.date), [day("2022-06-10"), fixedToday])
        XCTAssertEqual(back.notes.map(\.text), ["asked", "asked"])
        XCTAssertEqual(back.version, 5)
        // Removed by its key: the newest of the two identical notes.
        let undoRow = try lastAudit(store)
        XCTAssertEqual(undoRow.entity, .note)
        XCTAssertEqual(undoRow.parentID, a.id)
        XCTAssertNotNil(undoRow.entityID)
        XCTAssertFalse(back.notes.contains { $0.id == undoRow.entityID })
        XCTAssertEqual(try changes(undoRow.changes), ["date": ["2022-06-15", nil], "text": ["asked", nil]])
    }

    // MARK: - Batches, counting, nothing to undo

    func testABatchOfThreeUpdatesIsUndoneInOneStep() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let original = try store.add(sampleComplaint(), today: fixedToday)
        var c = original
        try store.write { tx in
            c.officer = "Officer Two"
            c = try store.update(c, today: fixedToday, in: tx)
            c.team = "Team B"
            c = try store.update(c, today: fixedToday, in: tx)
            c.summary = "A better summary"
            c = try store.update(c, today: fixedToday, in: tx)
        }
        XCTAssertEqual(try store.undoableCount(), 2, "the batch, then the new contact")

        let result = try undo(store)
        XCTAssertEqual(result.steps, ["change of summary on CS-2021-0001", "change of team on CS-2021-0001", "change of officer on CS-2021-0001"])
        XCTAssertEqual(result.summary, "Undid: change of officer on CS-2021-0001; change of team on CS-2021-0001; change of summary on CS-2021-0001",
                       "said in the order they were made")
        XCTAssertEqual(result.undoneAuditIDs.count, 3)
        XCTAssertEqual(result.contactIDs, [original.id!])
        var back = try store.contact(id: original.id!)
        XCTAssertEqual(back.version, c.version + 3)
        back.version = original.version
        XCTAssertEqual(back, original)
        XCTAssertEqual(try store.undoableCount(), 1)
        let undoRows = try store.auditTrail(entity: .contact, id: original.id!).filter { $0.action == .undo }
        XCTAssertEqual(undoRows.count, 3)
        XCTAssertEqual(Set(undoRows.map(\.batch)).count, 1, "the undo rows of one step share a batch")
        XCTAssertFalse(undoRows[0].batch.isEmpty)
    }

    func testABatchAcrossCasesAndActionsIsUndoneTogether() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let c = try store.add(sampleComplaint(received: "2022-06-01"), today: fixedToday)
        let a = try store.write { tx in
            let acked = try store.record(.acknowledged(day("2022-06-02")), on: c.id!, version: c.version, today: fixedToday, in: tx)
            let a = try store.addAction(ActionItem(title: "Write to the family", source: .caseReference(c.reference), created: fixedToday), in: tx)
            _ = try store.addIssue(category: "placement", to: c.id!, version: acked.version, today: fixedToday, in: tx)
            return a
        }
        let result = try undo(store)
        XCTAssertEqual(result.steps.count, 3)
        XCTAssertEqual(result.contactIDs, [c.id!])
        XCTAssertEqual(result.actionIDs, [a.id!])
        let back = try store.contact(id: c.id!)
        XCTAssertEqual(back.events, [])
        XCTAssertEqual(back.categories, ["communication and information"])
        XCTAssertEqual(try store.actions(today: fixedToday), [])
    }

    func testNothingToUndoReturnsNil() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        XCTAssertNil(try store.undoLast(today: fixedToday))
        XCTAssertEqual(try store.undoableCount(), 0)

        _ = try store.add(sampleComplaint(), today: fixedToday)
        XCTAssertEqual(try store.undoableCount(), 1)
        _ = try undo(store)
        XCTAssertNil(try store.undoLast(today: fixedToday), "the undo itself is not undone")
        XCTAssertEqual(try store.undoableCount(), 0)

        // Another session's changes are not this session's to undo.
        let other = try otherSession(dir, store)
        _ = try other.add(sampleComplaint(), today: fixedToday)
        XCTAssertNil(try store.undoLast(today: fixedToday))
        XCTAssertEqual(try store.contactCount(), 1)
        XCTAssertEqual(try other.undoableCount(), 1)
    }

    func testUndoNeverDeletesOrChangesAuditRows() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        var c = try store.add(sampleComplaint(), today: fixedToday)
        c.officer = "Officer Two"
        c = try store.update(c, today: fixedToday)
        _ = try store.addAction(ActionItem(title: "Check", created: fixedToday))
        let sql = "SELECT id, action, changes, batch, undoes FROM audit ORDER BY id"
        let before = try rawRows(store.path, sql)
        while try store.undoLast(today: fixedToday) != nil {}
        let after = try rawRows(store.path, sql)
        XCTAssertEqual(Array(after.prefix(before.count)), before, "every earlier row is still there, unchanged")
        XCTAssertEqual(after.count, before.count + 3)
        XCTAssertEqual(after.dropFirst(before.count).map { $0[1] }, ["undo", "undo", "undo"])
        XCTAssertEqual(after.dropFirst(before.count).map { $0[4] }, before.reversed().map { $0[0] })
        XCTAssertEqual(try store.contactCount(), 0)
    }

    func testAChangeUndoCannotReverseStopsUndo() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        _ = try store.add(sampleComplaint(), today: fixedToday)
        try store.importHolidays([BankHoliday(date: day("2022-12-30"), title: "Extra day")])
        XCTAssertEqual(try store.undoableCount(), 0)
        let rows = try auditCount(store.path)
        guard case .refused(let why) = storeError({ try store.undoLast(today: fixedToday) }) else { return XCTFail("not refused") }
        XCTAssertEqual(why, "The last change (import of holidays) cannot be undone; nothing was undone (undo goes no further back).")
        XCTAssertEqual(try auditCount(store.path), rows)
        XCTAssertEqual(try store.contactCount(), 1)
    }

    // MARK: - Another session

    func testAnotherSessionsLaterChangeToTheCaseBlocksUndo() throws {
        let dir = TemporaryDirectory()
        let mine = try makeStore(in: dir, actor: "Officer A")
        var c = try mine.add(sampleComplaint(received: "2022-06-01"), today: fixedToday)
        c.officer = "Officer Two"
        c = try mine.update(c, today: fixedToday)

        let theirs = try otherSession(dir, mine, actor: "Kate Other")
        _ = try theirs.record(.acknowledged(day("2022-06-02")), on: c.id!, version: c.version, today: fixedToday)

        let rows = try auditCount(mine.path)
        guard case .refused(let why) = storeError({ try mine.undoLast(today: fixedToday) }) else { return XCTFail("not refused") }
        XCTAssertEqual(why, "CS-2022-0001 was changed by Kate Other since; nothing was undone (undo goes no further back).")
        XCTAssertEqual(try auditCount(mine.path), rows, "nothing written")
        XCTAssertEqual(try mine.contact(id: c.id!).officer, "Officer Two", "nothing undone")
        XCTAssertEqual(try mine.contact(id: c.id!).events.count, 1)
    }

    func testAnotherSessionsLaterChangeToAnActionBlocksTheWholeBatch() throws {
        let dir = TemporaryDirectory()
        let mine = try makeStore(in: dir, actor: "Officer A")
        let c = try mine.add(sampleComplaint(), today: fixedToday)
        var edited = c
        edited.team = "Team B"
        let a = try mine.write { tx in
            _ = try mine.update(edited, today: fixedToday, in: tx)
            return try mine.addAction(ActionItem(title: "Chase", created: fixedToday), in: tx)
        }

        let theirs = try otherSession(dir, mine)
        var theirEdit = try theirs.action(id: a.id!)
        theirEdit.owner = "Someone Else"
        _ = try theirs.updateAction(theirEdit)

        guard case .refused(let why) = storeError({ try mine.undoLast(today: fixedToday) }) else { return XCTFail("not refused") }
        XCTAssertEqual(why, "Action #\(a.id!) was changed by Officer B since; nothing was undone (undo goes no further back).")
        XCTAssertEqual(try mine.contact(id: c.id!).team, "Team B", "the batch is undone whole or not at all")
        XCTAssertEqual(try mine.action(id: a.id!).owner, "Someone Else")
    }

    func testAnotherSessionsEarlierChangeDoesNotBlockUndo() throws {
        let dir = TemporaryDirectory()
        let theirs = try makeStore(in: dir, actor: "Officer B")
        var c = try theirs.add(sampleComplaint(), today: fixedToday)
        let mine = try otherSession(dir, theirs, actor: "Officer A")
        c.officer = "Officer Three"
        _ = try mine.update(c, today: fixedToday)
        XCTAssertEqual(try undo(mine).summary, "Undid: change of officer on CS-2021-0001")
        XCTAssertEqual(try mine.contact(id: c.id!).officer, "Officer One")
    }

    func testALearningPointWithActionsLinkedIsNotDeleted() throws {
        let dir = TemporaryDirectory()
        let mine = try makeStore(in: dir)
        let p = try mine.addLearning(LearningPoint(theme: "timeliness of decisions", text: "Decide sooner", date: fixedToday), today: fixedToday)
        let theirs = try otherSession(dir, mine)
        _ = try theirs.addAction(ActionItem(title: "Act on it", source: .learningPoint(p.id!), created: fixedToday))
        guard case .refused(let why) = storeError({ try mine.undoLast(today: fixedToday) }) else { return XCTFail("not refused") }
        XCTAssertEqual(why, "Learning point #\(p.id!) has actions linked to it; nothing was undone (undo goes no further back).")
        XCTAssertEqual(try mine.learningPoints().count, 1)
    }

    // MARK: - Migration

    func testANewFileHasTheUndoColumns() throws {
        try skipOnPostgres("GRDB's migrations of the SQLite file; PostgreSQL's schema is made whole at once")
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let columns = try rawQueue(store.path).read { try Row.fetchAll($0, sql: "PRAGMA table_info(audit)").map { $0["name"] as String } }
        XCTAssertTrue(columns.contains("batch"))
        XCTAssertTrue(columns.contains("undoes"))
        let applied = try rawQueue(store.path).read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") }
        XCTAssertTrue(applied.starts(with: ["v1", "v2"]), "\(applied)")
    }

    func testAVersion1FileIsMigratedKeepingItsAuditRows() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("old.sqlite")
        do {
            let q = try DatabaseQueue(path: path)
            try q.write { try $0.execute(sql: "PRAGMA application_id = \(Schema.applicationID)") }
            try Schema.migrator.migrate(q, upTo: "v1")
            try q.write { db in
                try db.execute(sql: "INSERT INTO audit (at, who, session, entity, entity_id, reference, action, changes) VALUES ('2022-01-01T00:00:00Z', 'Old Officer', 'old-session', 'contact', 1, 'CS-2021-0001', 'create', '{}')")
            }
            let columns = try q.read { try Row.fetchAll($0, sql: "PRAGMA table_info(audit)").map { $0["name"] as String } }
            XCTAssertFalse(columns.contains("batch"), "the file really is at v1")
            try q.close()
        }
        let store = try Store(path: path, options: StoreOptions(actor: "New Officer"))
        let old = try XCTUnwrap(try store.recentAudit(limit: 10).first { $0.session == "old-session" })
        XCTAssertEqual(old.batch, "")
        XCTAssertNil(old.undoes)
        XCTAssertEqual(old.who, "Old Officer")
        XCTAssertNil(try store.undoLast(today: fixedToday), "an old session's rows are not this session's")

        // The triggers still guard the rows after the ALTER TABLE.
        // (rawExecute: rawQueue's skip on PostgreSQL would be the error these expect; this is a file on both.)
        XCTAssertThrowsError(try rawExecute(path, "UPDATE audit SET batch = 'x'"))
        XCTAssertThrowsError(try rawExecute(path, "DELETE FROM audit"))

        // And the migrated file undoes as a new one does.
        _ = try store.add(sampleComplaint(), today: fixedToday)
        XCTAssertEqual(try store.undoableCount(), 1)
        XCTAssertEqual(try undo(store).summary, "Undid: new complaint CS-2021-0001")
    }
}
