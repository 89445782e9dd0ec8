import HeardApp
import HeardCore
import HeardTestSupport
import TerminalUI
import XCTest

/// `:retention`, `H` on a case and the list's legal hold filter, through the root update.
final class RetentionScreenTests: XCTestCase {
    let cal = WorkingDayCalendar.englandAndWales

    func typed(_ text: String) -> [Key] { text.map { Key.char($0) } }

    func list() -> RetentionList {
        RetentionList(due: [RetentionItem(contactID: 4, reference: "CS-2015-0004", kind: .complaint, closedOn: day("2015-02-01"), dueSince: day("2021-02-01")),
                            RetentionItem(contactID: 9, reference: "CS-2015-0009", kind: .compliment, closedOn: day("2015-03-01"), dueSince: day("2021-03-01"))],
                      held: [RetentionItem(contactID: 7, reference: "CS-2014-0007", kind: .complaint, closedOn: day("2014-05-01"), dueSince: day("2020-05-01"),
                                           holdReason: "Public inquiry")])
    }

    func testTheCommandOpensTheListAndXDisposesOfTheDueCasesAfterYNamingTheCount() {
        var s = makeState(rows: sampleRows(5))
        let effects = send(&s, [.char(":")] + typed("retention") + [.enter])
        XCTAssertEqual(effects, [.loadRetention])
        guard case .retention? = s.stack.last else { return XCTFail("the retention screen is on top") }
        _ = Update.update(&s, .retentionLoaded(list(), rules: "6 years after closing"))
        let screen = Render.frame(s).rows().joined(separator: "\n")
        XCTAssertTrue(screen.contains("Due for disposal (2)"), screen)
        XCTAssertTrue(screen.contains("CS-2015-0004"), screen)
        XCTAssertTrue(screen.contains("Kept past their date by a legal hold (1)"), screen)
        XCTAssertTrue(screen.contains(" CS-2014-0007    complaint       2014-05-01  2020-05-01  Public inquiry"), screen)
        XCTAssertTrue(screen.contains("2 due · 1 held"), screen)
        XCTAssertTrue(screen.contains("x dispose of the due cases"), screen)

        XCTAssertEqual(send(&s, [.char("x")]), [])
        let dialog = try? XCTUnwrap(s.dialog)
        XCTAssertEqual(dialog?.title, "Dispose of 2 cases?")
        XCTAssertTrue(dialog?.lines.joined(separator: " ").contains("This cannot be undone.") ?? false)
        XCTAssertEqual(send(&s, [.char("y")]), [.dispose([4, 9])], "the held case is not among them")

        // The answer: said, and the screens showing the record reload.
        let after = Update.update(&s, .disposed("Disposed of 2 cases by anonymising them; the figures stay. This cannot be undone.", contacts: [4, 9]))
        XCTAssertTrue(after.contains(.loadRetention))
        XCTAssertTrue(after.contains(.refreshRows([4, 9])))
        XCTAssertEqual(s.message?.text, "Disposed of 2 cases by anonymising them; the figures stay. This cannot be undone.")
    }

    func testNothingDueSaysSoAndAskNothing() {
        var s = makeState(rows: sampleRows(5))
        send(&s, [.char(":")] + typed("retention") + [.enter])
        _ = Update.update(&s, .retentionLoaded(RetentionList(), rules: "6 years after closing"))
        let screen = Render.frame(s).rows().joined(separator: "\n")
        XCTAssertTrue(screen.contains("No case is due for disposal."), screen)
        XCTAssertFalse(screen.contains("dispose of the due cases"), "the hint bar offers no disposal when none is due: \(screen)")
        XCTAssertEqual(send(&s, [.char("x")]), [])
        XCTAssertNil(s.dialog)
        XCTAssertEqual(s.message?.text, "No case is due for disposal.")
    }

    func testReadOnlyOffersNoDisposalAndNoHold() {
        var s = makeState(rows: sampleRows(5), readOnly: true)
        send(&s, [.char(":")] + typed("retention") + [.enter])
        _ = Update.update(&s, .retentionLoaded(list(), rules: ""))
        XCTAssertEqual(send(&s, [.char("x")]), [])
        XCTAssertNil(s.dialog)
    }

    /// An officer on a team's server may change the record but not dispose of it: x and X are
    /// not offered and say why; a hold (H) still is.
    func testARoleThatMayNotDisposeIsOfferedNoDisposalOrAnonymisationButAHold() {
        var s = makeState(rows: sampleRows(5))
        s.keymap = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false, mayDispose: false).0
        s.disposalWithheld = "your database role (heard_officer) may not anonymise or dispose of cases: only a member of heard_admin may."
        send(&s, [.char(":")] + typed("retention") + [.enter])
        _ = Update.update(&s, .retentionLoaded(list(), rules: ""))
        let screen = Render.frame(s).rows().joined(separator: "\n")
        XCTAssertFalse(screen.contains("dispose of the due cases"), screen)
        XCTAssertEqual(send(&s, [.char("x")]), [])
        XCTAssertNil(s.dialog)
        XCTAssertEqual(s.message?.text, "x is not offered: your database role (heard_officer) may not anonymise or dispose of cases: only a member of heard_admin may.")

        var c = sampleComplaint(received: "2022-03-01")
        c.id = 1; c.version = 2; c.reference = "CS-2022-0001"
        _ = Update.update(&s, .openCase(1))
        _ = Update.update(&s, .caseLoaded(CaseDetailData(contact: c, clock: c.clock(calendar: cal, today: s.today), history: [], learning: [], actions: [], calendar: cal)))
        XCTAssertEqual(send(&s, [.char("X")]), [])
        guard case .detail? = s.stack.last else { return XCTFail("no anonymise form opened") }
        XCTAssertTrue(s.message?.text.hasPrefix("X is not offered: your database role (heard_officer)") ?? false, s.message?.text ?? "")
        send(&s, [.char("H")])
        guard case .form(let fs)? = s.stack.last else { return XCTFail("the hold form opened") }
        XCTAssertEqual(fs.form.title, "Legal hold on CS-2022-0001: never disposed of while held")
    }

    func testHOnACaseSetsAHoldWithAReasonAndLiftsAHeldOne() {
        var s = makeState(rows: sampleRows(5))
        var c = sampleComplaint(received: "2022-03-01")
        c.id = 1; c.version = 2; c.reference = "CS-2022-0001"
        var data = CaseDetailData(contact: c, clock: c.clock(calendar: cal, today: s.today), history: [], learning: [], actions: [], calendar: cal)
        _ = Update.update(&s, .openCase(1))
        _ = Update.update(&s, .caseLoaded(data))
        send(&s, [.char("H")])
        guard case .form(let fs)? = s.stack.last else { return XCTFail("the hold form opened") }
        XCTAssertEqual(fs.form.title, "Legal hold on CS-2022-0001: never disposed of while held")
        XCTAssertEqual(send(&s, [.enter]), [], "a reason is required")
        let effects = send(&s, typed("Public inquiry") + [.enter])
        XCTAssertEqual(effects, [.setLegalHold(contactID: 1, reason: "Public inquiry", lift: false)])

        data.protection = CaseProtection(holdReason: "Public inquiry", holdOn: day("2022-03-15"))
        _ = Update.update(&s, .caseChanged(data, said: "CS-2022-0001 is on legal hold: never disposed of while held."))
        guard case .detail? = s.stack.last else { return XCTFail("the form closed on the answer") }
        let screen = Render.frame(s).rows().joined(separator: "\n")
        XCTAssertTrue(screen.contains("Legal hold            yes: disposal blocked (Public inquiry, since 2022-03-15)"), screen)
        send(&s, [.char("H")])
        guard case .form(let lift)? = s.stack.last else { return XCTFail("the lift form opened") }
        XCTAssertEqual(lift.form.title, "Lift the legal hold on CS-2022-0001")
        XCTAssertEqual(send(&s, typed("Inquiry over") + [.enter]), [.setLegalHold(contactID: 1, reason: "Inquiry over", lift: true)])
    }

    /// A hold set on a case opened from the retention list reloads the list beneath it (a trial:
    /// the list still offered the held case, and `x` then refused it).
    func testAHoldSetOnACaseOpenedFromTheListReloadsTheList() {
        var s = makeState(rows: sampleRows(5))
        _ = send(&s, [.char(":")] + typed("retention") + [.enter])
        _ = Update.update(&s, .retentionLoaded(list(), rules: "6 years after closing"))
        var c = sampleComplaint(received: "2015-01-01")
        c.id = 4; c.reference = "CS-2015-0004"
        var data = CaseDetailData(contact: c, clock: c.clock(calendar: cal, today: s.today), history: [], learning: [], actions: [], calendar: cal)
        _ = Update.update(&s, .openCase(4))
        _ = Update.update(&s, .caseLoaded(data))
        data.protection = CaseProtection(holdReason: "Public inquiry", holdOn: day("2022-03-15"))
        let effects = Update.update(&s, .caseChanged(data, said: "CS-2015-0004 is on legal hold: never disposed of while held."))
        XCTAssertTrue(effects.contains(.loadRetention), "\(effects)")
        // Without the list beneath, no reload of it.
        var t = makeState(rows: sampleRows(5))
        _ = Update.update(&t, .openCase(4))
        XCTAssertFalse(Update.update(&t, .caseChanged(data, said: "")).contains(.loadRetention))
    }

    func testAnAnonymisedCaseSaysSoAndTakesNoHold() {
        var s = makeState(rows: sampleRows(5))
        var c = Anonymisation.anonymised(sampleComplaint(received: "2022-03-01"))
        c.id = 1; c.reference = "CS-2022-0001"
        var data = CaseDetailData(contact: c, clock: c.clock(calendar: cal, today: s.today), history: [], learning: [], actions: [], calendar: cal)
        data.protection = CaseProtection(anonymisedOn: day("2030-01-01"), isAnonymised: true)
        _ = Update.update(&s, .openCase(1))
        _ = Update.update(&s, .caseLoaded(data))
        XCTAssertTrue(Render.frame(s).rows().joined(separator: "\n").contains("Anonymised            on 2030-01-01"))
        send(&s, [.char("H")])
        guard case .detail? = s.stack.last else { return XCTFail("no form for an anonymised case") }
        XCTAssertEqual(s.message?.text, "CS-2022-0001 is anonymised: there is nothing left to hold.")
    }

    /// An anonymised case's course is over: its workflow (opened from its record, or from the
    /// list before the case is read) offers no move and says why; a move's key says it again, as
    /// the store would refuse it. `X` on a case that has not ended says so before asking anything.
    func testAnAnonymisedCaseOffersNoMove() {
        var s = makeState(rows: sampleRows(5))
        var c = Anonymisation.anonymised(sampleComplaint(received: "2022-03-01"))
        c.id = 1; c.reference = "CS-2022-0001"
        var data = CaseDetailData(contact: c, clock: c.clock(calendar: cal, today: s.today), history: [], learning: [], actions: [], calendar: cal)
        var fixture = WorkflowState(contactID: 1)
        fixture.data = data
        XCTAssertFalse(fixture.moves.isEmpty, "fixture: the clock alone offers moves")
        _ = Update.update(&s, .openCase(1))
        _ = Update.update(&s, .caseLoaded(data))
        send(&s, [.char("X")])
        guard case .detail? = s.stack.last else { return XCTFail("no reason asked of a case that has not ended") }
        let notEnded = Anonymisation.notEndedRefusal(reference: "CS-2022-0001", clock: data.clock)
        XCTAssertNotNil(notEnded, "fixture: an open case")
        XCTAssertEqual(s.message?.text, notEnded)
        data.protection = CaseProtection(anonymisedOn: day("2030-01-01"), isAnonymised: true)
        _ = Update.update(&s, .caseLoaded(data))
        let why = "CS-2022-0001 was anonymised on 2030-01-01: its course is over, so it takes no further move, finding or issue."
        // Its record is not edited: the form would only say what its emptied fields lack.
        send(&s, [.char("e")])
        guard case .detail? = s.stack.last else { return XCTFail("no edit form for an anonymised case") }
        XCTAssertEqual(s.message?.text, "CS-2022-0001 was anonymised on 2030-01-01: it takes no new personal data, so its record is not edited.")
        // Nor is anything logged on it: said at l, not after the entry is typed.
        send(&s, [.char("l")])
        guard case .detail? = s.stack.last else { return XCTFail("no log form for an anonymised case") }
        XCTAssertEqual(s.message?.text, "CS-2022-0001 was anonymised on 2030-01-01: it takes no new personal data, so nothing is logged on it.")
        func check(_ how: String) {
            guard case .workflow(let w)? = s.stack.last else { return XCTFail("\(how): the workflow is open") }
            XCTAssertEqual(w.moves, [], how)
            let screen = Render.frame(s).rows().joined(separator: "\n")
            XCTAssertTrue(screen.contains("CS-2022-0001 was anonymised on 2030-01-01: its course is over"), screen)
            XCTAssertFalse(screen.contains("Moves the procedure allows now"), screen)
            XCTAssertFalse(screen.contains("do the move"), "no Enter offered to do a move: \(screen)")
            s.message = nil
            send(&s, [.char("a")])
            XCTAssertEqual(s.message?.text, why, how)
        }
        send(&s, [.char("w")])
        check("from the record")
        s.stack.removeLast()
        s.stack.append(.workflow(WorkflowState(contactID: 1)))
        _ = Update.update(&s, .caseLoaded(data))
        check("from the list")
    }

    func testTheListFiltersByLegalHold() {
        var rows = sampleRows(6)
        rows[2].summary.legalHold = true
        var s = makeState(rows: rows)
        XCTAssertEqual(s.list.visibleSummaries.count, 6)
        // F, down to the last filter (legal hold), right to "yes", Enter.
        send(&s, [.char("F")] + Array(repeating: Key.down, count: 6) + [.right, .enter])
        XCTAssertEqual(s.list.filters.legalHold, true)
        XCTAssertEqual(s.list.visibleSummaries.map(\.id), [3])
        XCTAssertTrue(Render.frame(s).rows()[0].contains("legal hold"), Render.frame(s).rows()[0])
    }
}
