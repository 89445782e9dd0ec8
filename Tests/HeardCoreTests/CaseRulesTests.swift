import HeardCore
import HeardTestSupport
import XCTest

/// The rules that have one home in HeardCore (used by the store, the command line and the screens).
final class CaseRulesTests: XCTestCase {
    let cal = WorkingDayCalendar.englandAndWales
    let today = day("2022-06-15")

    func testWhichKindsHaveAWorkflow() {
        XCTAssertEqual(ContactKind.allCases.filter(\.hasWorkflow), [.complaint, .enquiry, .memberEnquiry])
        var compliment = sampleComplaint(received: "2022-06-01")
        compliment.kind = .compliment
        compliment.procedure = nil
        XCTAssertEqual(Move.available(for: compliment, clock: compliment.clock(calendar: cal, today: today)), [])
        XCTAssertThrowsError(try compliment.applying(.acknowledged(day("2022-06-02")), calendar: cal, today: today), "recorded and counted only")
    }

    func testAFinalComplaintRefusesANewIssueAFindingAndAFurtherEvent() throws {
        var c = sampleComplaint(received: "2022-06-01")
        c.issues[0].id = 1
        c = try c.applying(.withdrawn(day("2022-06-10"), reason: "resolved informally"), calendar: cal, today: today)
        XCTAssertThrowsError(try c.validateNewIssue(calendar: cal, today: today)) { e in
            XCTAssertEqual((e as? MoveRefused)?.message, "The case is withdrawn: its issues can no longer change.")
        }
        XCTAssertThrowsError(try c.validateFinding(stage: 1, calendar: cal, today: today)) { e in
            XCTAssertEqual((e as? MoveRefused)?.message, "The case is withdrawn: its findings can no longer change.")
        }
        XCTAssertThrowsError(try c.applying(.acknowledged(day("2022-06-11")), calendar: cal, today: today))
        // What comes after the end still can: the Ombudsman.
        XCTAssertNoThrow(try c.applying(.ombudsmanReferred(day("2022-06-14")), calendar: cal, today: today))
        // And an open one takes a new issue.
        XCTAssertNoThrow(try sampleComplaint(received: "2022-06-01").validateNewIssue(calendar: cal, today: today))
    }

    func testAnEditOfAFinalCaseThatLeavesItsHistoryAloneIsAllowed() throws {
        let closed = try sampleComplaint(received: "2022-06-01").applying(.withdrawn(day("2022-06-10"), reason: "resolved"), calendar: cal, today: today)
        var edited = closed
        edited.officer = "Officer Two"
        edited.legalHold = true
        XCTAssertNoThrow(try closed.validateEdit(to: edited, calendar: cal, today: today))
    }

    /// "this is an member enquiry", "A enquiry" (found by a trial): the article goes with the word.
    func testARefusalNamesTheKindWithItsArticle() throws {
        XCTAssertEqual(ContactKind.allCases.map(\.withArticle),
                       ["a complaint", "a compliment", "an enquiry", "a member enquiry", "a comment"])
        var member = sampleComplaint(received: "2022-06-01")
        member.kind = .memberEnquiry
        XCTAssertThrowsError(try member.applying(.nextStageRequested(day("2022-06-10"), stage: 2), calendar: cal, today: today)) { e in
            XCTAssertEqual((e as? MoveRefused)?.message, "Next stage requested applies to complaints only; this is a member enquiry.")
        }
        var comment = sampleComplaint(received: "2022-06-01")
        comment.kind = .compliment
        XCTAssertThrowsError(try comment.applying(.acknowledged(day("2022-06-02")), calendar: cal, today: today)) { e in
            XCTAssertEqual((e as? MoveRefused)?.message, "The case is closed on 2022-06-01; “Acknowledged” cannot be recorded on a case that has ended.",
                           "said as a sentence (it was \"no further acknowledged can be recorded\")")
        }
    }

    func testChangingTheReceivedDateReplaysTheHistory() throws {
        let c = try sampleComplaint(received: "2022-06-01").applying(.acknowledged(day("2022-06-02")), calendar: cal, today: today)
        var later = c
        later.received = day("2022-06-05")
        XCTAssertThrowsError(try c.validateEdit(to: later, calendar: cal, today: today)) { e in
            let m = (e as? MoveRefused)?.message ?? ""
            XCTAssertTrue(m.hasPrefix("The change does not fit the case's history: "), m)
            XCTAssertTrue(m.contains("before the contact was received on 2022-06-05"), m)
        }
        var earlier = c
        earlier.received = day("2022-05-31")
        XCTAssertNoThrow(try c.validateEdit(to: earlier, calendar: cal, today: today))
        var compliment = c
        compliment.kind = .compliment
        compliment.procedure = nil
        XCTAssertThrowsError(try c.validateEdit(to: compliment, calendar: cal, today: today), "a compliment has no acknowledgement")
    }

    func testAContactLoggedWithItsHistoryMustFitIt() {
        var c = sampleComplaint(received: "2022-06-01")
        c.events = [.acknowledged(day("2022-05-20"))]
        XCTAssertThrowsError(try c.validateHistory(calendar: cal, today: today))
        c.events = [.acknowledged(day("2022-06-02"))]
        XCTAssertNoThrow(try c.validateHistory(calendar: cal, today: today))
    }

    func testCompletingAnActionAndWhatANoteDoesToItsStatus() {
        let open = ActionItem(title: "Brief the team", created: day("2022-06-01"))
        let done = open.completed(on: today)
        XCTAssertEqual(done.status, .done)
        XCTAssertEqual(done.completed, today)
        XCTAssertNoThrow(try done.validate())
        XCTAssertEqual(open.statusAfterNote, .inProgress)
        var started = open
        started.status = .inProgress
        XCTAssertEqual(started.statusAfterNote, .inProgress)
        XCTAssertEqual(done.statusAfterNote, .done)
        var dropped = open
        dropped.status = .dropped
        XCTAssertEqual(dropped.statusAfterNote, .dropped)
    }

    func testAnAuditEntrySaysItsChangesInOneLine() {
        let e = AuditEntry(id: 1, at: "2022-01-10T09:00:00Z", who: "A", session: "s", entity: .contact, action: .update, entityID: 1,
                           changes: [FieldChange("officer", before: "Ann", after: "Kate"), FieldChange("team", before: nil, after: "T"),
                                     FieldChange("advocate", before: "X", after: nil)])
        XCTAssertEqual(e.changeSummary, "officer: Ann → Kate; team: T; advocate: X → (none)")
        XCTAssertEqual(AuditEntity(stored: "note"), .note)
        XCTAssertEqual(AuditEntity(stored: "something"), .other("something"))
        XCTAssertEqual(AuditAction(stored: "note"), .legacyNote)
        XCTAssertEqual(AuditAction(stored: "import").stored, "import")
        XCTAssertEqual(FieldChange("a", before: "1", after: nil).reversed, FieldChange("a", before: nil, after: "1"))
    }

    func testEveryEditableFieldSetsBackFromItsStoredText() throws {
        var source = sampleComplaint(received: "2022-06-01", cyp: true)
        source.eventsDate = day("2022-05-01")
        source.legalHold = true
        source.reference = "CS-2022-0042"
        var blank = Contact(kind: .enquiry, received: day("2020-01-01"), serviceArea: "")
        for (field, value) in source.editableFields { try blank.setField(field, to: value) }
        XCTAssertEqual(blank.editableFields.map(\.0), source.editableFields.map(\.0))
        XCTAssertEqual(blank.editableFields.map(\.1), source.editableFields.map(\.1))
        XCTAssertThrowsError(try blank.setField("received", to: "not a date")) { e in
            XCTAssertEqual(e as? FieldValueError, FieldValueError(field: "received", unknownField: false))
        }
        XCTAssertThrowsError(try blank.setField("shoe_size", to: "9")) { e in
            XCTAssertEqual(e as? FieldValueError, FieldValueError(field: "shoe_size", unknownField: true))
        }
        XCTAssertEqual(blank.received, day("2022-06-01"), "a refused value leaves the field as it was")
    }
}
