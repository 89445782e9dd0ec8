import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

/// The respond form's remedies (as many as were made, one step) and the appoint form of stages 2 and 3.
final class StageFormsTests: XCTestCase {
    let cal = WorkingDayCalendar.englandAndWales

    func form(_ s: AppState) -> FormState? {
        guard case .form(let fs)? = s.stack.last else { return nil }
        return fs.form
    }

    func type(_ text: String) -> [Key] { text.map { Key.char($0) } }

    func testARespondFormRecordsEveryRemedyNamedAsOneStep() throws {
        var c = sampleComplaint(received: "2022-01-10")
        c.issues[0].findings[1] = .upheld
        var s = openWorkflow(c)
        send(&s, [.char("r")])
        let start = try XCTUnwrap(form(s))
        XCTAssertEqual(start.fields.filter { !$0.hidden }.map(\.key), ["date", "outcome", "satisfied", "remedy", "amount", "note"],
                       "one remedy slot to start with")
        // date, outcome, satisfied, then the first remedy: an apology with its note.
        send(&s, [.tab, .tab, .tab] + type("apology") + [.tab, .tab] + type("Letter from the head of service") + [.tab])
        let grown = try XCTUnwrap(form(s))
        XCTAssertEqual(grown.fields.filter { !$0.hidden }.map(\.key).suffix(3), ["remedy2", "amount2", "note2"], "choosing one opens the next")
        XCTAssertEqual(grown.fields[grown.focus].key, "remedy2")
        send(&s, type("payment") + [.tab] + type("250") + [.tab] + type("for the delay") + [.tab])
        XCTAssertEqual(form(s)?.fields.filter { !$0.hidden }.map(\.key).suffix(3), ["remedy3", "amount3", "note3"])
        XCTAssertEqual(send(&s, [.enter]), [], "asks to confirm first")
        let effects = send(&s, [.char("y")])
        let d = day("2022-01-20")
        let step = CaseStep(events: [CaseEvent(kind: .responded, date: d),
                                     .remedy(d, stage: 1, .apology, note: "Letter from the head of service"),
                                     .remedy(d, stage: 1, .payment, amountPence: 25_000, note: "for the delay")])
        XCTAssertEqual(effects, [.apply(step, contactID: 1, version: 3)])
    }

    /// At 80 columns the findings screen offers adding an issue (clearing a verdict gives way),
    /// and the finding's text field offers the editor (the field shows 60 columns of a
    /// paragraph); Tab is said to take a suggestion only where there is one.
    func testAt80ColumnsTheFindingsOfferAnIssueAndTheTextItsEditor() throws {
        var c = sampleComplaint(received: "2022-01-10")
        c.issues[0].id = 11
        c.issues[0].findings[1] = .upheld
        var s = openWorkflow(c)
        s.size = Size(width: 80, height: 24)
        send(&s, [.char("f")])
        func footer() -> String { Render.frame(s).rows().last ?? "" }
        XCTAssertTrue(footer().contains("+ add issue"), footer())
        XCTAssertFalse(footer().contains("clear"), footer())
        send(&s, [.char("t")])
        XCTAssertEqual(form(s).map { $0.fields[$0.focus].key }, "text")
        XCTAssertTrue(footer().hasPrefix("tab next  ctrl-o editor"), footer())
        send(&s, [.backTab])
        XCTAssertTrue(footer().hasPrefix("tab next (takes the suggestion)"), "the verdict has suggestions: \(footer())")
    }

    /// The outcome the findings give is said to be so far while an issue has none.
    func testTheFindingsOutcomeIsSoFarWhileAnIssueHasNoFinding() throws {
        var c = sampleComplaint(received: "2022-01-10", categories: ["communication and information", "placement"])
        c.issues[0].id = 11
        c.issues[1].id = 12
        c.issues[0].findings[1] = .upheld
        var s = openWorkflow(c)
        s.size = Size(width: 120, height: 30)
        send(&s, [.char("f")])
        var screen = Render.frame(s).rows().joined(separator: "\n")
        XCTAssertTrue(screen.contains("Stage outcome so far: upheld (1 of 2 issues without a finding)"), screen)
        c.issues[1].findings[1] = .notUpheld
        s = openWorkflow(c)
        s.size = Size(width: 120, height: 30)
        send(&s, [.char("f")])
        screen = Render.frame(s).rows().joined(separator: "\n")
        XCTAssertTrue(screen.contains("Stage outcome from these findings: partially upheld "), screen)
        XCTAssertFalse(screen.contains("so far"), screen)
    }

    func testAPaymentWithoutAnAmountIsMarkedAtItsOwnSlot() throws {
        var c = sampleComplaint(received: "2022-01-10")
        c.issues[0].findings[1] = .upheld
        var s = openWorkflow(c)
        send(&s, [.char("r"), .tab, .tab, .tab] + type("apology") + [.tab, .tab, .tab] + type("payment") + [.tab])
        XCTAssertEqual(send(&s, [.enter]), [])
        let f = try XCTUnwrap(form(s))
        XCTAssertEqual(f.fields.first { $0.key == "amount2" }?.error, "a payment needs an amount")
        XCTAssertEqual(f.fields[f.focus].key, "amount2")
        XCTAssertEqual(f["remedy"], "apology", "what was typed stays")
    }

    func testTheAppointFormNamesStage2sPeople() throws {
        var c = sampleComplaint(received: "2022-01-10")
        c.events = [.acknowledged(day("2022-01-11")), .responded(day("2022-01-14"), stage: 1, outcome: .upheld),
                    .nextStageRequested(day("2022-01-17"), stage: 2)]
        c.stagePeople.independentPerson = "Jo Reed"
        var s = openWorkflow(c)
        XCTAssertTrue({ if case .workflow(let w)? = s.stack.last { return w.moves.contains(.appoint) } else { return false } }())
        send(&s, [.char("i")])
        let f = try XCTUnwrap(form(s))
        XCTAssertEqual(f.fields.map(\.key), ["investigator", "independent"])
        XCTAssertEqual(f["independent"], "Jo Reed", "the form starts from what is recorded")
        // A name Heard does not know yet is asked about first (y: a new person).
        XCTAssertEqual(send(&s, type("Sam Khan") + [.enter]), [])
        XCTAssertEqual(form(s)?.newValueQuestion?.value, "Sam Khan")
        let effects = send(&s, [.char("y")])
        XCTAssertEqual(effects, [.apply(CaseStep(appointment: Appointment(investigatingOfficer: "Sam Khan", independentPerson: "Jo Reed")),
                                        contactID: 1, version: 3)])
    }

    func testTheAppointFormOfStage3NamesThePanelAndItsDate() throws {
        var c = sampleComplaint(received: "2022-01-10")
        c.events = [.acknowledged(day("2022-01-11")), .responded(day("2022-01-14"), stage: 1, outcome: .upheld),
                    .nextStageRequested(day("2022-01-17"), stage: 2), .responded(day("2022-02-14"), stage: 2, outcome: .upheld),
                    .nextStageRequested(day("2022-02-15"), stage: 3)]
        var s = openWorkflow(c, today: "2022-02-16")
        send(&s, [.char("i")])
        let f = try XCTUnwrap(form(s))
        XCTAssertEqual(f.fields.map(\.key), ["panel1", "panel2", "panel3", "panel_date"])
        send(&s, type("Ann Lee") + [.tab] + type("Bo Park") + [.tab] + type("Cy Dunn") + [.tab] + type("2022-02-10"))
        // Three new names, each asked about once.
        XCTAssertEqual(send(&s, [.enter, .char("y"), .char("y"), .char("y")]), [])
        XCTAssertEqual(form(s)?.fields.first { $0.key == "panel_date" }?.error.map { $0.contains("before stage 3 was requested") }, true,
                       "\(String(describing: form(s)?.problem))")
        send(&s, [.ctrl("u")] + type("2022-03-01"))
        let effects = send(&s, [.enter])
        XCTAssertEqual(effects, [.apply(CaseStep(appointment: Appointment(panel: ["Ann Lee", "Bo Park", "Cy Dunn"], panelDate: day("2022-03-01"))),
                                        contactID: 1, version: 3)])
    }

    func testTheFindingsScreenWritesAFindingBesideItsVerdict() throws {
        var c = sampleComplaint(received: "2022-01-10", categories: ["communication and information", "placement"])
        c.issues[0].id = 11
        c.issues[1].id = 12
        c.issues[1].findingTexts[1] = "Old words"
        var s = openWorkflow(c)
        send(&s, [.char("f"), .char("j"), .char("t")])
        let f = try XCTUnwrap(form(s))
        XCTAssertEqual(f["issue"], "2")
        XCTAssertEqual(f["text"], "Old words", "the form starts from what is recorded")
        XCTAssertEqual(f.fields[f.focus].key, "verdict")
        send(&s, type("not upheld") + [.tab, .ctrl("u")] + type("Visits were arranged as agreed"))
        let effects = send(&s, [.enter])
        XCTAssertEqual(effects, [.apply(CaseStep(findings: [FindingChange(issueID: 12, stage: 1, finding: .notUpheld, text: "Visits were arranged as agreed")]),
                                        contactID: 1, version: 3)])
        // With what the form showed, so that a reapply on someone else's version keeps what was not changed here.
        guard case .apply(let step, _, _)? = effects.first else { return XCTFail("a step") }
        XCTAssertEqual(step.findings.first?.before, FindingChange.Before(finding: nil, text: "Old words"))
        guard case .form(let waiting)? = s.stack.last, waiting.saving else { return XCTFail("the form waits for the store") }
        _ = Update.update(&s, .caseChanged(CaseDetailData(contact: c, clock: c.clock(calendar: cal, today: s.today), history: [], learning: [], actions: [], calendar: cal),
                                           said: "Finding recorded."))
        guard case .findings? = s.stack.last else { return XCTFail("back on the findings") }
    }

    /// An issue added on the findings screen is selected once the case comes back with it, so
    /// the next key records its finding, not the first issue's (found by a trial).
    func testAnIssueAddedOnTheFindingsScreenIsSelected() throws {
        var c = sampleComplaint(received: "2022-01-10", categories: ["communication and information"])
        c.issues[0].id = 11
        var s = openWorkflow(c)
        send(&s, [.char("f")])
        guard case .findings(let before)? = s.stack.last else { return XCTFail("the findings") }
        XCTAssertEqual(before.selection, 0)
        var added = c
        added.id = 1
        added.version = 4
        added.issues.append(ComplaintIssue(id: 12, category: "placement"))
        _ = Update.update(&s, .caseChanged(CaseDetailData(contact: added, clock: added.clock(calendar: cal, today: s.today), history: [], learning: [],
                                                          actions: [], calendar: cal), said: "Issue added."))
        guard case .findings(let after)? = s.stack.last else { return XCTFail("still the findings") }
        XCTAssertEqual(after.selection, 1, "the new issue")
        // Loaded again with nothing added, the selection stays where it is.
        send(&s, [.char("k")])
        _ = Update.update(&s, .caseChanged(CaseDetailData(contact: added, clock: added.clock(calendar: cal, today: s.today), history: [], learning: [],
                                                          actions: [], calendar: cal), said: "Saved."))
        guard case .findings(let again)? = s.stack.last else { return XCTFail("still the findings") }
        XCTAssertEqual(again.selection, 0)
    }

    func testAFindingWithoutAVerdictStaysOpen() throws {
        var c = sampleComplaint(received: "2022-01-10")
        c.issues[0].id = 11
        var s = openWorkflow(c)
        send(&s, [.char("f"), .enter] + [.tab] + type("Found in words"))
        XCTAssertEqual(send(&s, [.enter]), [])
        let f = try XCTUnwrap(form(s))
        XCTAssertEqual(f["text"], "Found in words", "the words typed stay")
    }

    /// `w a Enter` on a stage 2 case: offered, and recorded without naming stage 1 (the store
    /// stamps the stage in hand). Every stage's moves are offered where the procedure allows them.
    func testEveryStageOffersItsMovesAndAcknowledgesStage2() throws {
        var c = sampleComplaint(received: "2022-01-10")
        c.events = [.acknowledged(day("2022-01-11")), .responded(day("2022-01-14"), stage: 1, outcome: .upheld),
                    .nextStageRequested(day("2022-01-17"), stage: 2)]
        var s = openWorkflow(c)
        guard case .workflow(let w)? = s.stack.last else { return XCTFail("the workflow") }
        XCTAssertEqual(Array(w.moves.prefix(5)), [.acknowledge, .extend, .pause, .findings, .respond])
        send(&s, [.char("a")])
        let effects = send(&s, [.enter])
        XCTAssertEqual(effects, [.record(CaseEvent(kind: .acknowledged, date: day("2022-01-20")), contactID: 1, version: 3)])
        let acked = try c.applying(CaseEvent(kind: .acknowledged, date: day("2022-01-20")), calendar: cal, today: day("2022-01-20"))
        XCTAssertEqual(acked.events.last?.stage, 2)
        for (p, stages) in [(ProcedureKind.statutory, 3), (.corporate, 2), (.adult, 1)] {
            var k = sampleComplaint(received: "2022-01-10")
            k.procedure = p
            var events: [CaseEvent] = []
            var date = day("2022-01-11")
            for n in 1...stages {
                if n > 1 { events.append(.nextStageRequested(date, stage: n)); date = date.adding(days: 1) }
                k.events = events
                let moves = Move.available(for: k, clock: k.clock(calendar: cal, today: date))
                for m in [Move.acknowledge, .extend, .pause, .respond] { XCTAssertTrue(moves.contains(m), "\(p) stage \(n): \(m)") }
                events.append(.responded(date, stage: n, outcome: .upheld))
                date = date.adding(days: 1)
            }
        }
    }
}
