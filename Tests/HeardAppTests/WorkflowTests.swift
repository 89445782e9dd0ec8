import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

final class WorkflowTests: XCTestCase {
    let cal = WorkingDayCalendar.englandAndWales

    func moves(_ s: AppState) -> [Move] {
        guard case .workflow(let w)? = s.stack.last else { return [] }
        return w.moves
    }

    /// At 80 columns a long stage line goes on below, not cut: stage 2's acknowledgement date was lost.
    func testALongStageLineWrapsAt80ColumnsAndKeepsTheAcknowledgementDate() {
        var c = sampleComplaint(received: "2022-01-10", categories: ["communication and information", "staff attitude or conduct"])
        c.serviceArea = "Family Support and Child Protection"
        for i in c.issues.indices { c.issues[i].findings[1] = .notUpheld }
        c.events = [.acknowledged(day("2022-01-11")), .responded(day("2022-01-18"), stage: 1), .nextStageRequested(day("2022-01-19"), stage: 2),
                    .acknowledged(day("2022-01-20"), stage: 2)]
        let s = openWorkflow(c, today: "2022-01-21")
        let screen = Render.frame(s).rows().joined(separator: "\n")
        XCTAssertTrue(screen.contains("2022-01-20"), screen)
        XCTAssertTrue(screen.contains("conduct: no finding yet"), screen)
        XCTAssertFalse(screen.split(separator: "\n").contains { $0.contains("…") && $0.contains("acknowledged") }, screen)
    }

    /// On a short terminal the moves list keeps the selected move in view.
    func testTheSelectedMoveStaysInViewOnAShortTerminal() {
        var s = openWorkflow(sampleComplaint(received: "2022-01-10"))
        s.size = Size(width: 80, height: 12)
        send(&s, [.char("G")])
        let last = moves(s).last?.label ?? ""
        let f = Render.frame(s)
        let row = f.rows().firstIndex { $0.contains(last) }
        XCTAssertNotNil(row, f.rows().joined(separator: "\n"))
        if let row { XCTAssertEqual(f[3, row]?.role, .selection, f.rows().joined(separator: "\n")) }
    }

    func testOnlyTheMovesTheProcedureAllowsAreOffered() {
        let open = openWorkflow(sampleComplaint(received: "2022-01-10"))
        XCTAssertEqual(moves(open), [.acknowledge, .extend, .pause, .findings, .respond, .withdraw, .mediation, .notAccepted, .learning])
        var answered = sampleComplaint(received: "2022-01-10")
        answered.events = [.acknowledged(day("2022-01-11")), .responded(day("2022-01-18"), stage: 1)]
        XCTAssertEqual(moves(openWorkflow(answered)), [.escalate, .close, .withdraw, .mediation, .ombudsmanReferral, .remedy, .learning],
                       "an answered stage is not 'not accepted': the report would count it twice")
        var paused = sampleComplaint(received: "2022-01-10")
        paused.events = [.paused(day("2022-01-12"), stage: 1, reason: "r")]
        XCTAssertTrue(moves(openWorkflow(paused)).contains(.resume))
        XCTAssertFalse(moves(openWorkflow(paused)).contains(.respond), "no response while paused")
        var corporate2 = sampleComplaint(received: "2022-01-10")
        corporate2.procedure = .corporate
        corporate2.events = [.acknowledged(day("2022-01-10")), .responded(day("2022-01-14"), stage: 1), .nextStageRequested(day("2022-01-17"), stage: 2)]
        XCTAssertTrue(moves(openWorkflow(corporate2)).contains(.extend), "every stage can be extended: corporate stage 2 has no maximum")
    }

    /// "1 working day used", not "1 working days" (a trial); two and more as before.
    func testTheDaysUsedAreCountedInWords() {
        // Received on a Monday: the next day is its first working day.
        let one = Render.frame(openWorkflow(sampleComplaint(received: "2022-01-10"), today: "2022-01-11")).rows().joined(separator: "\n")
        XCTAssertTrue(one.contains(" 1 working day used ·"), one)
        let two = Render.frame(openWorkflow(sampleComplaint(received: "2022-01-10"), today: "2022-01-12")).rows().joined(separator: "\n")
        XCTAssertTrue(two.contains(" 2 working days used ·"), two)
    }

    func testExtendNeedsAReasonAndADate() {
        var s = openWorkflow(sampleComplaint(received: "2022-01-10"))
        send(&s, [.char("x")])
        guard case .form(let fs)? = s.stack.last else { return XCTFail() }
        XCTAssertTrue(fs.form.title.contains("Extend"))
        XCTAssertEqual(send(&s, [.enter]), [], "new deadline and reason are required")
        guard case .form(let failed)? = s.stack.last else { return XCTFail() }
        XCTAssertEqual(failed.form.fields[failed.form.focus].key, "new_due", "focus goes to the first field at fault")
        send(&s, "2022-02-04".map { Key.char($0) } + [.tab] + "Manager on leave".map { Key.char($0) })
        let effects = send(&s, [.enter])
        XCTAssertEqual(effects, [.record(CaseEvent(kind: .extended, date: day("2022-01-20"), newDue: day("2022-02-04"), reason: "Manager on leave"), contactID: 1, version: 3)])
    }

    func testRespondAsksForConfirmationWithAnotherKey() {
        var c = sampleComplaint(received: "2022-01-10")
        c.issues[0].findings[1] = .upheld
        var s = openWorkflow(c)
        send(&s, [.char("r")])
        XCTAssertEqual(send(&s, [.enter]), [], "first Enter asks")
        guard case .form(let fs)? = s.stack.last, fs.confirming != nil else { return XCTFail("confirming") }
        XCTAssertTrue(fs.confirmText.contains("stage 1 response"))
        XCTAssertEqual(send(&s, [.char("r")]), [], "the key that started it does not confirm")
        guard case .form(let again)? = s.stack.last, again.confirming == nil else { return XCTFail() }
        send(&s, [.enter])
        let effects = send(&s, [.char("y")])
        XCTAssertEqual(effects, [.record(CaseEvent(kind: .responded, date: day("2022-01-20")), contactID: 1, version: 3)])
        guard case .form(let waiting)? = s.stack.last, waiting.saving else { return XCTFail("the form waits for the store") }
        _ = Update.update(&s, .caseChanged(CaseDetailData(contact: c, clock: c.clock(calendar: cal, today: s.today), history: [], learning: [], actions: [], calendar: cal),
                                           said: "Response recorded."))
        guard case .workflow? = s.stack.last else { return XCTFail("back on the workflow") }
    }

    func testRespondWithPaymentRemedyIsOneStep() {
        var c = sampleComplaint(received: "2022-01-10")
        c.issues[0].findings[1] = .upheld
        var s = openWorkflow(c)
        send(&s, [.char("r"), .tab, .tab] + "yes".map { Key.char($0) } + [.tab] + "pay".map { Key.char($0) } + [.tab])
        XCTAssertEqual(send(&s, [.enter]), [])
        guard case .form(let fs)? = s.stack.last else { return XCTFail() }
        XCTAssertNotNil(fs.form.fields.first { $0.key == "amount" }?.error ?? fs.form.problem, "a payment needs an amount")
        send(&s, "250".map { Key.char($0) } + [.enter])
        let effects = send(&s, [.char("y")])
        // One store command for the response and its remedy: one transaction, one undo step, no guessed version.
        let step = CaseStep(events: [CaseEvent(kind: .responded, date: day("2022-01-20"), satisfied: true),
                                     .remedy(day("2022-01-20"), stage: 1, .payment, amountPence: 25_000, note: "")])
        XCTAssertEqual(effects, [.apply(step, contactID: 1, version: 3)])
    }

    func testAFutureDateIsRefusedInTheFormBeforeConfirmationAndKeepsWhatWasTyped() {
        var answered = sampleComplaint(received: "2022-01-10")
        answered.events = [.acknowledged(day("2022-01-11")), .responded(day("2022-01-18"), stage: 1)]
        var s = openWorkflow(answered)
        send(&s, [.char("e")])
        guard case .form(var fs)? = s.stack.last else { return XCTFail("the escalate form") }
        fs.form["date"] = "2022-01-27"
        fs.form["reason"] = "Complainant asked by phone"
        s.stack[s.stack.count - 1] = .form(fs)
        XCTAssertEqual(send(&s, [.enter]), [], "nothing is recorded")
        guard case .form(let after)? = s.stack.last else { return XCTFail("the form stays open") }
        XCTAssertNil(after.confirming, "no confirmation is asked for a step the procedure refuses")
        XCTAssertTrue(after.form.problem?.contains("in the future") ?? false, after.form.problem ?? "no problem shown")
        XCTAssertEqual(after.form["reason"], "Complainant asked by phone", "what was typed is kept")
    }

    func testFindingsPerIssue() {
        var c = sampleComplaint(received: "2022-01-10", categories: ["communication and information", "delay or timeliness"])
        c.issues[0].id = 11
        c.issues[1].id = 12
        var s = openWorkflow(c)
        send(&s, [.char("f")])
        guard case .findings? = s.stack.last else { return XCTFail() }
        XCTAssertEqual(send(&s, [.char("u")]), [.setFinding(.upheld, issueID: 11, stage: 1, contactID: 1, version: 3)])
        XCTAssertEqual(send(&s, [.char("n")]), [.setFinding(.notUpheld, issueID: 12, stage: 1, contactID: 1, version: 3)])
        send(&s, [.char("+")])
        guard case .form(let fs)? = s.stack.last else { return XCTFail() }
        XCTAssertEqual(fs.form.fields.first?.key, "category")
    }

    func testLearningPointCanSpawnALinkedAction() {
        var s = openWorkflow(sampleComplaint(received: "2022-01-10"))
        send(&s, [.char("l")] + "eff".map { Key.char($0) } + [.tab] + "Return calls within two days".map { Key.char($0) })
        let effects = send(&s, [.enter])
        guard case .addLearning(let lp, 1, true)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(lp.theme, "effective communication")
        var saved = lp
        saved.id = 9
        _ = Update.update(&s, .learningAdded(saved, thenAction: true))
        guard case .form(let fs)? = s.stack.last, case .addAction(let source, _) = fs.purpose else { return XCTFail("action form") }
        XCTAssertEqual(source, .learningPoint(9))
        send(&s, "Brief the team @\"Team Manager\" due:+10wd #learning".map { Key.char($0) })
        // No owner is known here: the new one is asked about first, and y takes it.
        XCTAssertEqual(send(&s, [.enter]), [])
        let add = send(&s, [.char("y")])
        guard case .addAction(let item)? = add.first else { return XCTFail("\(add)") }
        XCTAssertEqual(item.source, .learningPoint(9))
        XCTAssertEqual(item.owner, "Team Manager")
        XCTAssertEqual(item.due, cal.adding(workingDays: 10, after: day("2022-01-20")))
        XCTAssertEqual(item.tags, ["learning"])
    }

    func testRefusalFromTheStoreIsShownAndConflictOffersReapply() {
        var s = openWorkflow(sampleComplaint(received: "2022-01-10"))
        _ = Update.update(&s, .failed("2022-03-01 is past stage 1's maximum of 20 working days (latest 2022-02-07)."))
        XCTAssertEqual(s.message?.kind, .error)
        XCTAssertTrue(Render.frame(s).rows().joined().contains("maximum of 20 working days"))
        let retry = Effect.record(.acknowledged(day("2022-01-20")), contactID: 1, version: 5)
        _ = Update.update(&s, .conflict(Conflict(reference: "CS-2022-0001", changes: ["officer: A → B"], reapply: [retry])))
        XCTAssertTrue(Render.frame(s).rows().joined().contains("officer: A → B"))
        XCTAssertEqual(send(&s, [.char("r")]).first, retry)
        _ = Update.update(&s, .conflict(Conflict(reference: "CS-2022-0001", changes: ["x"], reapply: [retry])))
        XCTAssertEqual(send(&s, [.char("d")]), [], "discard drops ours")
    }
}
