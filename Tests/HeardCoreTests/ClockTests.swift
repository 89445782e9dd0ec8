import HeardCore
import HeardTestSupport
import XCTest

final class ClockTests: XCTestCase {
    let cal = WorkingDayCalendar.englandAndWales

    func clock(_ c: Contact, today: String) -> CaseClock { c.clock(calendar: cal, today: day(today)) }

    func apply(_ c: Contact, _ e: CaseEvent, today: String = "2023-12-31") throws -> Contact {
        try c.applying(e, calendar: cal, today: day(today))
    }

    func testStage1DueDaysUsedLeftAndOverdue() throws {
        let c = sampleComplaint(received: "2021-12-24")
        let onDue = clock(c, today: "2022-01-12")
        XCTAssertEqual(onDue.status, .open)
        XCTAssertEqual(onDue.due, day("2022-01-12"))
        XCTAssertEqual(onDue.current?.daysUsed, 10)
        XCTAssertEqual(onDue.daysLeft(calendar: cal), 0)
        XCTAssertFalse(onDue.isOverdue)
        let after = clock(c, today: "2022-01-13")
        XCTAssertTrue(after.isOverdue)
        XCTAssertEqual(after.daysLeft(calendar: cal), -1)
        XCTAssertEqual(clock(c, today: "2021-12-31").daysLeft(calendar: cal), 7)
    }

    func testTimelinessThreeWays() throws {
        let base = sampleComplaint(received: "2021-11-01")  // Monday; 10 WD due Monday 15th
        let onTime = try apply(base, .responded(day("2021-11-15"), stage: 1))
        XCTAssertEqual(clock(onTime, today: "2021-12-01").stages[0].timeliness, .withinTarget)
        let extended = try apply(try apply(base, .extended(day("2021-11-12"), stage: 1, to: day("2021-11-26"), reason: "Manager away")),
                                 .responded(day("2021-11-25"), stage: 1))
        let ec = clock(extended, today: "2021-12-01").stages[0]
        XCTAssertEqual(ec.timeliness, .withinExtension)
        XCTAssertEqual(ec.daysUsed, 18)
        let late = try apply(base, .responded(day("2021-11-16"), stage: 1))
        XCTAssertEqual(clock(late, today: "2021-12-01").stages[0].timeliness, .late)
        XCTAssertEqual(clock(base, today: "2021-11-05").stages[0].timeliness, .open)
    }

    func testExtensionPastMaximumIsRefused() throws {
        let base = sampleComplaint(received: "2021-11-01")
        // 20 WD maximum: Monday 29 November is the latest.
        XCTAssertNoThrow(try apply(base, .extended(day("2021-11-10"), stage: 1, to: day("2021-11-29"), reason: "r")))
        XCTAssertThrowsError(try apply(base, .extended(day("2021-11-10"), stage: 1, to: day("2021-11-30"), reason: "r"))) { e in
            XCTAssertTrue("\(e)".contains("maximum of 20 working days"), "\(e)")
        }
        XCTAssertThrowsError(try apply(base, .extended(day("2021-11-10"), stage: 1, to: day("2021-11-20"), reason: ""))) { e in
            XCTAssertTrue("\(e)".contains("reason"))
        }
        // Not after the current deadline.
        XCTAssertThrowsError(try apply(base, .extended(day("2021-11-10"), stage: 1, to: day("2021-11-15"), reason: "r")))
    }

    func testPauseStopsTheClockAndResumeRestartsIt() throws {
        var c = sampleComplaint(received: "2021-11-01")
        c = try apply(c, .paused(day("2021-11-03"), stage: 1, reason: "Finding an advocate"))
        let paused = clock(c, today: "2021-11-10")
        XCTAssertTrue(paused.isPaused)
        XCTAssertFalse(clock(c, today: "2021-11-30").isOverdue, "a paused clock is never overdue")
        XCTAssertEqual(paused.current?.daysUsed, 1, "only Tuesday 2nd ran before the pause on Wednesday 3rd")
        c = try apply(c, .resumed(day("2021-11-08"), stage: 1))
        // Paused Wed 3 .. Fri 5 (3 WD): due moves from 15th to 18th.
        let resumed = clock(c, today: "2021-11-10")
        XCTAssertEqual(resumed.due, day("2021-11-18"))
        XCTAssertFalse(resumed.isPaused)
        XCTAssertThrowsError(try apply(c, .resumed(day("2021-11-09"), stage: 1)))
        let p2 = try apply(c, .paused(day("2021-11-09"), stage: 1, reason: "again"))
        XCTAssertThrowsError(try apply(p2, .paused(day("2021-11-10"), stage: 1, reason: "twice")))
        XCTAssertThrowsError(try apply(p2, .responded(day("2021-11-10"), stage: 1)), "respond while paused")
    }

    func testRefusedMoves() throws {
        let base = sampleComplaint(received: "2021-11-01")
        XCTAssertThrowsError(try apply(base, .nextStageRequested(day("2021-11-05"), stage: 2))) { e in
            XCTAssertTrue("\(e)".contains("before the stage 1 response"), "\(e)")
        }
        XCTAssertThrowsError(try apply(base, .responded(day("2021-10-29"), stage: 1))) { e in
            XCTAssertTrue("\(e)".contains("before the contact was received"), "\(e)")
        }
        XCTAssertThrowsError(try apply(base, .responded(day("2021-11-10"), stage: 1), today: "2021-11-05")) { e in
            XCTAssertTrue("\(e)".contains("in the future"), "\(e)")
        }
        let closed = try apply(try apply(base, .responded(day("2021-11-10"), stage: 1)), .closed(day("2021-11-11")))
        XCTAssertThrowsError(try apply(closed, .responded(day("2021-11-12"), stage: 1)))
        XCTAssertThrowsError(try apply(closed, .nextStageRequested(day("2021-11-12"), stage: 2))) { e in
            XCTAssertTrue("\(e)".contains("closed"), "\(e)")
        }
        XCTAssertThrowsError(try closed.validateFinding(stage: 1, calendar: cal, today: day("2021-12-01")))
        XCTAssertThrowsError(try apply(base, .ombudsmanDecision(day("2021-11-05"), .upheld))) { e in
            XCTAssertTrue("\(e)".contains("referral"), "\(e)")
        }
        XCTAssertThrowsError(try apply(base, .notAccepted(day("2021-11-02"), reason: "")))
        XCTAssertThrowsError(try apply(base, .withdrawn(day("2021-11-02"), reason: " ")))
        XCTAssertThrowsError(try apply(base, .closed(day("2021-11-02"))), "closing an unanswered stage")
    }

    func testEscalationThroughTheStagesAndTheWindow() throws {
        var c = sampleComplaint(received: "2021-11-01")
        c = try apply(c, .responded(day("2021-11-12"), stage: 1))
        XCTAssertEqual(clock(c, today: "2021-11-15").status, .responded)
        // 20 WD window after Friday 12 November closes Friday 10 December.
        XCTAssertEqual(clock(c, today: "2021-12-10").status, .responded)
        XCTAssertEqual(clock(c, today: "2021-12-13").status, .closed)
        XCTAssertThrowsError(try apply(c, .nextStageRequested(day("2021-12-13"), stage: 2), today: "2021-12-13")) { e in
            XCTAssertTrue("\(e)".contains("accepted late"), "\(e)")
        }
        XCTAssertNoThrow(try apply(c, .nextStageRequested(day("2021-12-13"), stage: 2, lateReason: "Complainant was in hospital"), today: "2021-12-13"))
        c = try apply(c, .nextStageRequested(day("2021-11-19"), stage: 2))
        var k = clock(c, today: "2021-11-22")
        XCTAssertEqual(k.stageNumber, 2)
        XCTAssertEqual(k.status, .open)
        XCTAssertEqual(k.stages[0].escalated, day("2021-11-19"))
        XCTAssertEqual(k.due, cal.adding(workingDays: 25, after: day("2021-11-19")))
        XCTAssertThrowsError(try apply(c, .nextStageRequested(day("2021-11-22"), stage: 3)))
        c = try apply(c, .responded(day("2021-12-20"), stage: 2))
        c = try apply(c, .nextStageRequested(day("2022-01-04"), stage: 3))
        c = try apply(c, .responded(day("2022-02-20"), stage: 3, outcome: .notUpheld))
        k = clock(c, today: "2022-03-01")
        XCTAssertEqual(k.status, .closed, "the last stage's response ends the procedure")
        XCTAssertThrowsError(try apply(c, .nextStageRequested(day("2022-02-21"), stage: 4)))
        c = try apply(c, .ombudsmanReferred(day("2022-03-01")))
        c = try apply(c, .ombudsmanDecision(day("2022-06-01"), .premature))
        XCTAssertEqual(clock(c, today: "2022-07-01").ombudsman.decision, .premature)
        XCTAssertThrowsError(try apply(c, .ombudsmanDecision(day("2022-06-02"), .upheld)))
    }

    func testCorporateClockStartsAtAcknowledgement() throws {
        var c = sampleComplaint(received: "2021-11-01")
        c.procedure = .corporate
        let provisional = clock(c, today: "2021-11-02")
        XCTAssertEqual(provisional.current?.provisionalStart, true)
        XCTAssertEqual(provisional.current?.acknowledgementDue, day("2021-11-08"))
        XCTAssertEqual(provisional.due, cal.adding(workingDays: 10, after: day("2021-11-08")))
        c = try apply(c, .acknowledged(day("2021-11-03")))
        XCTAssertEqual(clock(c, today: "2021-11-04").due, day("2021-11-17"))
        XCTAssertTrue(clock(sampleComplaint(received: "2021-11-01"), today: "2021-11-05").acknowledgementOverdue)
    }

    func testAdultSocialCareSixMonths() {
        var c = sampleComplaint(received: "2021-11-01")
        c.procedure = .adult
        let k = clock(c, today: "2021-11-02")
        // Six months runs to Sunday 1 May 2022: the deadline is the last working day by then.
        XCTAssertEqual(k.due, day("2022-04-29"))
        XCTAssertEqual(k.current?.rule.target, .calendarMonths(6))
    }

    func testWithdrawalMediationAndNotAccepted() throws {
        let base = sampleComplaint(received: "2021-11-01")
        let w = try apply(base, .withdrawn(day("2021-11-04"), reason: "Resolved informally"))
        XCTAssertEqual(clock(w, today: "2021-12-01").status, .withdrawn)
        XCTAssertEqual(clock(w, today: "2021-12-01").stages[0].outcome(issues: w.issues), .withdrawn)
        XCTAssertNil(clock(w, today: "2021-12-01").due)
        let m = try apply(base, .mediation(day("2021-11-04")))
        XCTAssertEqual(clock(m, today: "2021-12-01").status, .mediation)
        let n = try apply(base, .notAccepted(day("2021-11-02"), reason: "Out of time"))
        let nk = clock(n, today: "2021-12-01")
        XCTAssertEqual(nk.status, .notAccepted)
        XCTAssertNil(nk.stages[0].timeliness)
        XCTAssertEqual(nk.endReason, "Out of time")
    }

    func testOutcomeDerivedFromFindings() {
        XCTAssertEqual(StageOutcome.derived(from: [.upheld, .upheld]), .upheld)
        XCTAssertEqual(StageOutcome.derived(from: [.notUpheld]), .notUpheld)
        XCTAssertEqual(StageOutcome.derived(from: [.upheld, .notUpheld]), .partiallyUpheld)
        XCTAssertEqual(StageOutcome.derived(from: [.partiallyUpheld]), .partiallyUpheld)
        XCTAssertEqual(StageOutcome.derived(from: [.notUpheld, .partiallyUpheld]), .partiallyUpheld)
        XCTAssertNil(StageOutcome.derived(from: []))
        var c = sampleComplaint(received: "2021-11-01", categories: ["delay", "communication"])
        c.issues[0].findings[1] = .upheld
        c.issues[1].findings[1] = .notUpheld
        c.events = [.responded(day("2021-11-10"), stage: 1)]
        XCTAssertEqual(clock(c, today: "2021-11-11").stages[0].outcome(issues: c.issues), .partiallyUpheld)
        c.events = [.responded(day("2021-11-10"), stage: 1, outcome: .upheld)]
        XCTAssertEqual(clock(c, today: "2021-11-11").stages[0].outcome(issues: c.issues), .upheld, "a recorded outcome stands")
    }

    func testStoredEventsThatDoNotFitAreSkippedNotFatal() {
        var c = sampleComplaint(received: "2021-11-01")
        c.events = [.nextStageRequested(day("2021-11-02"), stage: 2), .responded(day("2021-11-05"), stage: 1)]
        let k = clock(c, today: "2021-11-08")
        XCTAssertEqual(k.problems.count, 1)
        XCTAssertEqual(k.stages.count, 1)
        XCTAssertEqual(k.status, .responded)
    }

    func testComplimentHasNoWorkflowAndEnquiryHasATarget() throws {
        let compliment = Contact(kind: .compliment, received: day("2021-11-01"), serviceArea: "Adoption")
        XCTAssertEqual(clock(compliment, today: "2021-11-02").status, .closed)
        XCTAssertThrowsError(try apply(compliment, .responded(day("2021-11-02"), stage: 1)))
        let enquiry = Contact(kind: .memberEnquiry, received: day("2021-11-01"), serviceArea: "Adoption")
        let k = clock(enquiry, today: "2021-11-16")
        XCTAssertNil(k.stageNumber)
        XCTAssertEqual(k.due, day("2021-11-15"))
        XCTAssertTrue(k.isOverdue)
        XCTAssertThrowsError(try apply(enquiry, .nextStageRequested(day("2021-11-02"), stage: 2)))
    }
}
