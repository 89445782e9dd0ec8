import HeardCore
import HeardTestSupport
import XCTest

/// Every stage of every procedure can be acknowledged, extended (where its maximum leaves room),
/// paused, resumed and answered, through the same `MoveRequest` the screen and `heard move` use.
final class EveryStageTests: XCTestCase {
    let cal = WorkingDayCalendar.englandAndWales
    let today = day("2022-12-30")

    func complaint(_ p: ProcedureKind) -> Contact {
        var c = sampleComplaint(received: "2022-01-10", categories: ["communication and information", "placement"])
        c.id = 1
        c.reference = "CS-2022-0001"
        c.procedure = p
        c.issues[0].id = 11
        c.issues[1].id = 12
        return c
    }

    /// `c` with the move made (dated `on`), failing the test when it is refused.
    /// Each move is made on its own date, as an officer would make it (a case answered long
    /// ago is closed by now).
    func moved(_ c: Contact, _ r: MoveRequest, file: StaticString = #filePath, line: UInt = #line) throws -> Contact {
        let today = LocalDate(iso: r.date) ?? self.today
        switch r.step(on: c, clock: c.clock(calendar: cal, today: today), today: today, calendar: cal) {
        case .failure(let p):
            XCTFail("\(r.move) refused: \(p.message)", file: file, line: line)
            throw p
        case .success(let s):
            var copy = c
            for f in s.findings {
                if let i = copy.issues.firstIndex(where: { $0.id == f.issueID }) { copy.issues[i].findings[f.stage] = f.finding }
            }
            for e in s.events { copy = try copy.applying(e, calendar: cal, today: today) }
            return copy
        }
    }

    func refusal(_ c: Contact, _ r: MoveRequest) -> String? {
        let today = LocalDate(iso: r.date) ?? self.today
        if case .failure(let p) = r.step(on: c, clock: c.clock(calendar: cal, today: today), today: today, calendar: cal) { return p.message }
        return nil
    }

    /// Runs the whole set of moves on the current stage, starting on `start`: acknowledge, pause,
    /// resume, extend (or check the refusal names the maximum), respond.
    func everyMove(_ c0: Contact, stage: Int, start: LocalDate, extendable: Bool, file: StaticString = #filePath, line: UInt = #line) throws -> Contact {
        var c = c0
        func d(_ n: Int) -> String { cal.adding(workingDays: n, after: start).iso }
        XCTAssertEqual(c.clock(calendar: cal, today: today).current?.number, stage, file: file, line: line)
        c = try moved(c, MoveRequest(.acknowledge, date: d(1)), file: file, line: line)
        XCTAssertEqual(c.clock(calendar: cal, today: today).current?.acknowledged?.iso, d(1), "stage \(stage) acknowledged", file: file, line: line)
        c = try moved(c, MoveRequest(.pause, date: d(2), reason: "Advocate being found"), file: file, line: line)
        XCTAssertTrue(c.clock(calendar: cal, today: today).current?.isPaused ?? false, "stage \(stage) paused", file: file, line: line)
        c = try moved(c, MoveRequest(.resume, date: d(4)), file: file, line: line)
        let k = c.clock(calendar: cal, today: today)
        XCTAssertEqual(k.current?.pauses.count, 1, file: file, line: line)
        XCTAssertEqual(k.current?.pausedDays, 2, "stage \(stage): two working days paused", file: file, line: line)
        let due = try XCTUnwrap(k.current?.due, file: file, line: line)
        let later = cal.adding(workingDays: 3, after: due).iso
        if extendable {
            c = try moved(c, MoveRequest(.extend, date: d(5), reason: "Manager on leave", newDue: later), file: file, line: line)
            let e = c.clock(calendar: cal, today: today).current
            XCTAssertEqual(e?.due.iso, later, "stage \(stage) extended", file: file, line: line)
            XCTAssertEqual(e?.extensions.count, 1, file: file, line: line)
        } else {
            let why = refusal(c, MoveRequest(.extend, date: d(5), reason: "Manager on leave", newDue: later))
            XCTAssertTrue(why?.contains("maximum") ?? false, "stage \(stage): \(why ?? "accepted")", file: file, line: line)
        }
        c = try moved(c, MoveRequest(.respond, date: d(6), outcome: "upheld", satisfied: "no"), file: file, line: line)
        let answered = c.clock(calendar: cal, today: today).stages.last
        XCTAssertEqual(answered?.responded?.iso, d(6), "stage \(stage) answered", file: file, line: line)
        XCTAssertEqual(answered?.number, stage, file: file, line: line)
        return c
    }

    func testStatutoryStagesOneTwoAndThree() throws {
        var c = complaint(.statutory)
        c = try everyMove(c, stage: 1, start: day("2022-01-10"), extendable: true)
        c = try moved(c, MoveRequest(.escalate, date: "2022-02-01"))
        c = try everyMove(c, stage: 2, start: day("2022-02-01"), extendable: true)
        c = try moved(c, MoveRequest(.escalate, date: "2022-02-15"))
        // Stage 3's target is its maximum (50 working days in all): there is no room to extend.
        c = try everyMove(c, stage: 3, start: day("2022-02-15"), extendable: false)
        let k = c.clock(calendar: cal, today: today)
        XCTAssertEqual(k.stages.map(\.number), [1, 2, 3])
        XCTAssertEqual(k.status, .closed, "the last stage answered closes the case")
    }

    func testCorporateStagesOneAndTwo() throws {
        var c = complaint(.corporate)
        c = try everyMove(c, stage: 1, start: day("2022-01-10"), extendable: true)
        c = try moved(c, MoveRequest(.escalate, date: "2022-02-01"))
        c = try everyMove(c, stage: 2, start: day("2022-02-01"), extendable: true)
        XCTAssertEqual(c.clock(calendar: cal, today: today).stages.count, 2)
    }

    func testAdultSingleStage() throws {
        let c = try everyMove(complaint(.adult), stage: 1, start: day("2022-01-10"), extendable: true)
        XCTAssertEqual(c.clock(calendar: cal, today: today).status, .closed)
    }

    func testAStage2AcknowledgementNamesStage2() throws {
        var c = complaint(.statutory)
        c = try moved(c, MoveRequest(.acknowledge, date: "2022-01-11"))
        c = try moved(c, MoveRequest(.respond, date: "2022-01-20", outcome: "upheld"))
        c = try moved(c, MoveRequest(.escalate, date: "2022-01-25"))
        c = try moved(c, MoveRequest(.acknowledge, date: "2022-01-26"))
        XCTAssertEqual(c.events.last?.stage, 2)
        // A stored acknowledgement that names stage 1 is refused with the reason.
        XCTAssertThrowsError(try c.applying(.acknowledged(day("2022-01-27"), stage: 1), calendar: cal, today: today))
    }

    /// Corporate stage 2 counts 20 WD from its acknowledgement; before it, from the acknowledgement
    /// target, so the days left (5 + 20) and the target's words agree.
    func testCorporateStage2SaysItsClockWaitsForTheAcknowledgement() throws {
        var c = complaint(.corporate)
        c = try moved(c, MoveRequest(.acknowledge, date: "2022-01-11"))
        c = try moved(c, MoveRequest(.respond, date: "2022-01-20", outcome: "upheld"))
        c = try moved(c, MoveRequest(.escalate, date: "2022-01-24"))
        let now = day("2022-01-24")
        let k = c.clock(calendar: cal, today: now)
        let s = try XCTUnwrap(k.current)
        XCTAssertEqual(s.number, 2)
        XCTAssertEqual(k.daysLeft(calendar: cal), 25)
        let r = CaseRecord(contact: c, clock: k, calendar: cal)
        let target = r.clockFields(s).first { $0.name == "Target" }?.value ?? ""
        XCTAssertTrue(target.contains("20 WD after acknowledgement, due by \(s.acknowledgementDue.iso)"), target)
        // Once acknowledged, the 20 WD count from the acknowledgement and the words say only that.
        let acked = try c.applying(.acknowledged(now, stage: 2), calendar: cal, today: now)
        let k2 = acked.clock(calendar: cal, today: now)
        XCTAssertEqual(k2.daysLeft(calendar: cal), 20)
        let t2 = CaseRecord(contact: acked, clock: k2, calendar: cal).clockFields(try XCTUnwrap(k2.current)).first { $0.name == "Target" }?.value ?? ""
        XCTAssertFalse(t2.contains("after acknowledgement"), t2)
    }

    // MARK: - The escalation window

    func answered() throws -> Contact {
        var c = complaint(.statutory)
        c = try moved(c, MoveRequest(.acknowledge, date: "2022-05-03"))
        return try moved(c, MoveRequest(.respond, date: "2022-05-16", outcome: "upheld"))
    }

    func testARespondedCaseShowsWhenItsWindowEnds() throws {
        let c = try answered()
        let now = day("2022-05-20")
        let r = CaseRecord(contact: c, clock: c.clock(calendar: cal, today: now), calendar: cal)
        XCTAssertEqual(r.clock.status, .responded)
        // 20 working days after 2022-05-16, past the Jubilee bank holidays of 2 and 3 June.
        let ends = cal.adding(workingDays: 20, after: day("2022-05-16"))
        XCTAssertEqual(ends.iso, "2022-06-15")
        let window = r.clockFields(r.clock.stages[0]).first { $0.name == "Escalation window" }
        XCTAssertEqual(window?.value, "ends 2022-06-15 (16 working days left)")
        XCTAssertNil(r.automaticClose, "the window is still open")
        XCTAssertFalse(r.timeline.contains { $0.text.hasPrefix("closed:") })
    }

    func testAWindowRunOutClosesTheCaseAsADatedTimelineEntry() throws {
        var c = try answered()
        c.events.append(.ombudsmanReferred(day("2022-09-01")))
        let now = day("2022-11-30")
        let r = CaseRecord(contact: c, clock: c.clock(calendar: cal, today: now), calendar: cal)
        XCTAssertEqual(r.clock.status, .closed)
        XCTAssertEqual(r.clock.closedOn?.iso, "2022-06-15")
        let entry = TimelineEntry(date: day("2022-06-15"), kind: "closed", text: "closed: no escalation requested by 2022-06-15")
        XCTAssertEqual(r.automaticClose, entry)
        XCTAssertEqual(r.timeline.map(\.kind), ["received", "acknowledged", "responded", "closed", "ombudsman_referred"], "in date order")
        XCTAssertTrue(r.lines().contains(.entry(date: "2022-06-15", text: "closed: no escalation requested by 2022-06-15")))
        // And in the history, at its date among the audit rows, as the clock's (no audit row holds it).
        let withHistory = CaseRecord(contact: c, clock: r.clock, calendar: cal, history: [
            HistoryItem(at: "2022-05-20 10:00:00", who: "Ann", action: "update", entity: "contact", changes: []),
            HistoryItem(at: "2022-07-01 09:00:00", who: "Ann", action: "update", entity: "contact", changes: []),
        ])
        let texts = withHistory.lines().compactMap { line -> String? in
            guard case .spans(let spans, _) = line else { return nil }
            return spans.map(\.text).joined()
        }
        let closing = try XCTUnwrap(texts.firstIndex(of: "2022-06-15  the clock  closed: no escalation requested by 2022-06-15"))
        XCTAssertTrue(texts[closing - 1].hasPrefix("2022-05-20"), texts.joined(separator: "\n"))
        XCTAssertTrue(texts[closing + 1].hasPrefix("2022-07-01"), texts.joined(separator: "\n"))
        XCTAssertTrue(r.json(indent: nil).contains(#"{"date":"2022-06-15","kind":"closed","text":"closed: no escalation requested by 2022-06-15"}"#))
        XCTAssertEqual(r.clockFields(r.clock.stages[0]).first { $0.name == "Escalation window" }?.value, "ended 2022-06-15: no escalation requested")
    }

    func testARecordedCloseOrAnEscalationAddsNoAutomaticEntry() throws {
        let c = try answered()
        let closed = try c.applying(.closed(day("2022-05-20")), calendar: cal, today: today)
        XCTAssertNil(CaseRecord(contact: closed, clock: closed.clock(calendar: cal, today: today), calendar: cal).automaticClose)
        let escalated = try c.applying(.nextStageRequested(day("2022-05-20"), stage: 2), calendar: cal, today: today)
        let r = CaseRecord(contact: escalated, clock: escalated.clock(calendar: cal, today: today), calendar: cal)
        XCTAssertNil(r.automaticClose)
        XCTAssertFalse(r.timeline.contains { $0.text.hasPrefix("closed:") })
    }

    /// DOMAIN.md: a late request for the next stage may still be accepted, the decision
    /// recorded. A window that ran out closes the case on read, not by anyone's decision, so
    /// escalate stays offered and asks for the reason; a recorded close stays final.
    func testALateEscalationAfterTheClockClosedTheCaseIsAcceptedWithItsReason() throws {
        let c = try answered()
        let now = day("2022-11-30")
        let k = c.clock(calendar: cal, today: now)
        XCTAssertTrue(k.closedAutomatically)
        XCTAssertTrue(Move.available(for: c, clock: k).contains(.escalate), "\(Move.available(for: c, clock: k))")
        XCTAssertEqual(refusal(c, MoveRequest(.escalate, date: "2022-11-30")),
                       "The request is more than 20 working days after the stage 1 response (the window closed 2022-06-15): record why it was accepted late.")
        let late = try moved(c, MoveRequest(.escalate, date: "2022-11-30", reason: "Complainant was in hospital"))
        let k2 = late.clock(calendar: cal, today: now)
        XCTAssertEqual(k2.status, .open)
        XCTAssertEqual(k2.current?.number, 2)
        XCTAssertEqual(late.events.last?.reason, "Complainant was in hospital")
        XCTAssertNil(CaseRecord(contact: late, clock: k2, calendar: cal).automaticClose, "no longer closed")

        let closed = try c.applying(.closed(day("2022-05-20")), calendar: cal, today: now)
        let kc = closed.clock(calendar: cal, today: now)
        XCTAssertFalse(kc.closedAutomatically)
        XCTAssertFalse(Move.available(for: closed, clock: kc).contains(.escalate), "a recorded close is a decision")
        XCTAssertNotNil(refusal(closed, MoveRequest(.escalate, date: "2022-11-30", reason: "Complainant was in hospital")))
    }

    func testTheLastStageClosedByTheClockOffersNoEscalation() throws {
        var c = complaint(.corporate)
        c = try moved(c, MoveRequest(.acknowledge, date: "2022-01-11"))
        c = try moved(c, MoveRequest(.respond, date: "2022-01-20", outcome: "upheld"))
        c = try moved(c, MoveRequest(.escalate, date: "2022-01-24"))
        c = try moved(c, MoveRequest(.acknowledge, date: "2022-01-25"))
        c = try moved(c, MoveRequest(.respond, date: "2022-02-10", outcome: "upheld"))
        let k = c.clock(calendar: cal, today: today)
        XCTAssertTrue(k.closedAutomatically)
        XCTAssertFalse(Move.available(for: c, clock: k).contains(.escalate))
    }

    /// The computed milestone reads as a deadline ("Panel due by"), not as the recorded "Panel
    /// date"; a panel meeting after it is allowed and said beside the date.
    func testThePanelMilestoneIsADeadlineAndALatePanelDateIsSaid() throws {
        var c = try answered()
        c = try moved(c, MoveRequest(.escalate, date: "2022-05-20"))
        c = try moved(c, MoveRequest(.respond, date: "2022-06-20", outcome: "not upheld"))
        c = try moved(c, MoveRequest(.escalate, date: "2022-06-22"))
        let k = c.clock(calendar: cal, today: day("2022-06-22"))
        let s3 = k.stages[2]
        let due = cal.adding(workingDays: 30, after: s3.clockFrom)
        var r = CaseRecord(contact: c, clock: k, calendar: cal)
        XCTAssertEqual(r.clockFields(s3).first { $0.name == "Panel due by" }?.value, due.iso)
        XCTAssertFalse(r.clockFields(s3).contains { $0.name == "Panel meets" })
        c.stagePeople.panelDate = due
        XCTAssertNil(c.panelDateWarning(due, clock: k, calendar: cal))
        r = CaseRecord(contact: c, clock: k, calendar: cal)
        XCTAssertEqual(r.peopleFields(s3).last, RecordField("Panel date", due.iso))
        let late = cal.adding(workingDays: 1, after: due)
        c.stagePeople.panelDate = late
        XCTAssertNotNil(c.panelDateWarning(late, clock: k, calendar: cal))
        r = CaseRecord(contact: c, clock: k, calendar: cal)
        XCTAssertEqual(r.peopleFields(s3).last, RecordField("Panel date", "\(late.iso) (after panel due by \(due.iso))", .overdue))
    }

    func testCorporateStagesHaveNames() {
        XCTAssertEqual(Procedure.corporate.stages.map(\.name), ["First stage", "Review"])
    }

    // MARK: - Remedies

    func testARemedyRecordedWithoutAStageReadsWithItsStage() throws {
        var c = try answered()
        c.events.append(.remedy(day("2022-05-16"), stage: nil, .apology))
        let r = CaseRecord(contact: c, clock: c.clock(calendar: cal, today: today), calendar: cal)
        XCTAssertTrue(r.json(indent: nil).contains(#""remedies":[{"date":"2022-05-16","stage":1,"kind":"apology""#), r.json(indent: nil))
        let made = try moved(try answered(), MoveRequest(.remedy, date: "2022-05-17", remedies: [RemedyInput(kind: "apology")]))
        XCTAssertEqual(made.events.last?.stage, 1)
    }

    func testAnOtherRemedySaysWhat() throws {
        let c = try answered()
        XCTAssertEqual(refusal(c, MoveRequest(.remedy, date: "2022-05-17", remedies: [RemedyInput(kind: "other")])), "say what the other remedy was")
    }

    // MARK: - Stage people

    func testStagePeopleAreAppointedToTheStagesTheyBelongTo() throws {
        var c = try answered()
        let k1 = c.clock(calendar: cal, today: day("2022-05-17"))
        XCTAssertThrowsError(try c.validateAppointment(Appointment(investigatingOfficer: "Sam Khan"), clock: k1)) {
            XCTAssertTrue("\($0)".contains("Stage 2 has not been requested"), "\($0)")
        }
        c = try moved(c, MoveRequest(.escalate, date: "2022-05-20"))
        let k2 = c.clock(calendar: cal, today: day("2022-05-20"))
        XCTAssertNoThrow(try c.validateAppointment(Appointment(investigatingOfficer: "Sam Khan", independentPerson: "Jo Reed"), clock: k2))
        XCTAssertThrowsError(try c.validateAppointment(Appointment(panel: ["A"]), clock: k2))
        XCTAssertThrowsError(try c.validateAppointment(Appointment(), clock: k2))
        c.stagePeople = Appointment(investigatingOfficer: "Sam Khan", independentPerson: "Jo Reed").applied(to: c.stagePeople)
        c = try moved(c, MoveRequest(.acknowledge, date: "2022-05-23"))
        c = try moved(c, MoveRequest(.respond, date: "2022-06-20", outcome: "not upheld"))
        c = try moved(c, MoveRequest(.escalate, date: "2022-06-22"))
        let k3 = c.clock(calendar: cal, today: day("2022-06-22"))
        XCTAssertThrowsError(try c.validateAppointment(Appointment(panel: ["A", "B", "C", "D"]), clock: k3))
        XCTAssertThrowsError(try c.validateAppointment(Appointment(panel: ["A", "a"]), clock: k3))
        XCTAssertThrowsError(try c.validateAppointment(Appointment(panelDate: day("2022-06-21")), clock: k3))
        let panel = Appointment(panel: ["Ann Lee", "Bo Park", "Cy Dunn"], panelDate: day("2022-07-20"))
        XCTAssertNoThrow(try c.validateAppointment(panel, clock: k3))
        c.stagePeople = panel.applied(to: c.stagePeople)
        let r = CaseRecord(contact: c, clock: k3, calendar: cal)
        let json = r.json(indent: nil)
        XCTAssertTrue(json.contains(#""investigating_officer":"Sam Khan","independent_person":"Jo Reed""#), json)
        XCTAssertTrue(json.contains(#""panel":["Ann Lee","Bo Park","Cy Dunn"],"panel_date":"2022-07-20""#), json)
        XCTAssertTrue(json.contains(#""stage_people":{"investigating_officer":"Sam Khan""#), json)
        let s2 = r.peopleFields(k3.stages[1]), s3 = r.peopleFields(k3.stages[2])
        XCTAssertEqual(s2.first { $0.name == "Investigator" }?.value, "Sam Khan")
        XCTAssertEqual(s2.first { $0.name == "Indep. person" }?.value, "Jo Reed")
        XCTAssertEqual(s3.first { $0.name == "Panel" }?.value, "Ann Lee, Bo Park, Cy Dunn")
        XCTAssertEqual(s3.first { $0.name == "Panel date" }?.value, "2022-07-20")
        XCTAssertTrue(r.lines().contains(.field("    Investigator", "Sam Khan", .plain)), "the stage's people line up with its clock")
        XCTAssertEqual(r.peopleFields(k3.stages[0]), [], "stage 1 has no appointed people")
    }

    func testStagePeopleFieldsRoundTripByName() {
        let p = StagePeople(investigatingOfficer: "Sam", independentPerson: "Jo", panel: ["A", "B"], panelDate: day("2022-07-20"))
        var q = StagePeople()
        for (k, v) in p.fields { XCTAssertTrue(q.set(k, to: v), k) }
        XCTAssertEqual(q, p)
        XCTAssertFalse(q.set("panel_member_4", to: "X"))
    }
}
