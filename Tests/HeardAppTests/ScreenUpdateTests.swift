@testable import HeardApp
import HeardCore
import HeardTestSupport
import TerminalUI
import XCTest

/// Each screen's update on its own: the state it leaves and the outputs it asks for, nothing else.
final class ScreenUpdateTests: XCTestCase {
    let cal = WorkingDayCalendar.englandAndWales
    lazy var app = makeState(rows: sampleRows(4))
    var ctx: ScreenContext { app.context() }

    func data(_ c: Contact) -> CaseDetailData {
        CaseDetailData(contact: c, clock: c.clock(calendar: cal, today: app.today), history: [], learning: [], actions: [], calendar: cal)
    }

    func complaint() -> Contact {
        var c = sampleComplaint(received: "2022-03-01", categories: ["delay", "quality of service"])
        c.id = 7
        c.version = 4
        c.issues[0].id = 70
        c.issues[1].id = 71
        return c
    }

    func testTheRangeFormAnswersTheReportWithAnActionAndLeavesItAlone() {
        let ctx = self.ctx
        let form = FormState(title: "Report range", fields: [
            FormField("from", "From", .date, value: "2021-04-01", required: true),
            FormField("to", "To", .date, value: "2021-09-30", required: true),
        ], sources: [:])
        let store = TestStore(FormScreen(form: form, purpose: .reportRange)) { fs, a in FormUpdate.update(&fs, a, ctx) }
        store.send(.key(.enter), returns: [.pop, .send(.report(.setPeriod(Period(from: day("2021-04-01"), to: day("2021-09-30")))))])

        let report = TestStore(ReportState(period: Period.financialYear(containing: day("2022-03-15")), suppressUpTo: 4)) { r, a in ReportUpdate.update(&r, a, ctx) }
        report.set { $0.loading = false; $0.selection = 3 }
        let p = Period(from: day("2021-04-01"), to: day("2021-09-30"))
        report.send(.setPeriod(p), returns: [.effect(.loadReport(p, areas: []))]) {
            $0.period = p
            $0.loading = true
            $0.selection = 0
        }
        report.send(.setAreas(["Adoption"]), returns: [.effect(.loadReport(p, areas: ["Adoption"]))]) { $0.serviceAreas = ["Adoption"] }
    }

    func testAWorkflowMoveKeyOpensItsFormAndAMoveNotOfferedIsRefused() {
        let ctx = self.ctx
        let d = data(complaint())
        var w = WorkflowState(contactID: 7)
        w.data = d
        let store = TestStore(w) { w, a in WorkflowUpdate.update(&w, a, ctx) }
        store.send(.move(.extend), returns: [.push(.form(FormScreen(form: MoveForms.form(.extend, d, ctx), purpose: .move(.extend, contact: d.contact))))])
        let why = MoveRequest.refusal(of: .close, on: d.contact, clock: d.clock, today: ctx.today, calendar: ctx.calendar, rules: ctx.rules)
        XCTAssertNotNil(why, "fixture: close is refused on an open complaint")
        store.send(.move(.close), returns: [.say(why ?? "", error: true)])
        store.send(.list(.down), returns: []) { $0.selection = 1 }
        store.send(.list(.bottom), returns: []) { $0.selection = $0.moves.count - 1 }
    }

    func testAFindingKeyRecordsTheFindingAndMovesToTheNextIssue() {
        let ctx = self.ctx
        let store = TestStore(FindingsState(contactID: 7, data: data(complaint()))) { f, a in FindingsUpdate.update(&f, a, ctx) }
        store.send(.command(.partiallyUpheld), returns: [.effect(.setFinding(.partiallyUpheld, issueID: 70, stage: 1, contactID: 7, version: 4))]) { $0.selection = 1 }
        store.send(.command(.clear), returns: [.effect(.setFinding(nil, issueID: 71, stage: 1, contactID: 7, version: 4))])
        store.send(.list(.up), returns: []) { $0.selection = 0 }
    }

    /// `t` on the findings screen: the verdict takes the focus while it is missing; once it is
    /// recorded, the Finding text field does, as writing the words is what is left.
    func testTheFindingFormFocusesTheTextOnceTheVerdictIsRecorded() {
        var c = complaint()
        c.issues[0].findings[1] = .upheld
        let d = data(c)
        let recorded = FindingsUpdate.findingForm(d, issue: 0, stage: 1, ctx)
        XCTAssertEqual(recorded.focused?.key, "text")
        let missing = FindingsUpdate.findingForm(d, issue: 1, stage: 1, ctx)
        XCTAssertEqual(missing.focused?.key, "verdict")
    }

    /// A case the clock closed (its escalation window ran out) still offers escalate on the
    /// workflow screen, with its "Late because" form, as `heard move` does.
    func testTheWorkflowOffersALateEscalationAfterTheClockClosedTheCase() {
        let ctx = self.ctx
        var c = complaint()
        c.received = day("2022-01-04")
        c.events = [.acknowledged(day("2022-01-05")), .responded(day("2022-01-10"), stage: 1, outcome: .upheld)]
        let d = data(c)
        XCTAssertTrue(d.clock.closedAutomatically, "fixture: the window ran out before \(ctx.today.iso)")
        var w = WorkflowState(contactID: 7)
        w.data = d
        XCTAssertTrue(w.moves.contains(.escalate), "\(w.moves)")
        let store = TestStore(w) { w, a in WorkflowUpdate.update(&w, a, ctx) }
        store.send(.move(.escalate), returns: [.push(.form(FormScreen(form: MoveForms.form(.escalate, d, ctx), purpose: .move(.escalate, contact: d.contact))))])
        XCTAssertTrue(MoveForms.form(.escalate, d, ctx).fields.contains { $0.key == "reason" })
    }

    func testTheFilterPanelSendsItsChoicesToTheList() {
        let ctx = self.ctx
        let panel = FilterPanelState(filters: ListFilters(), serviceAreas: ["Adoption"], officers: [])
        var chosen = panel
        chosen.step(1)
        let store = TestStore(panel) { p, k in FilterPanelUpdate.update(p, k, ctx) }
        store.send(.right, returns: [.overlay(.filters(chosen))])
        store.send(.enter, returns: [.overlay(nil), .send(.caseList(.setFilters(panel.filters)))])
    }

    func testFromTheListWOpensTheWorkflowAndAsksForTheCase() {
        let store = TestStore(app) { s, k in Update.update(&s, .key(k)) }
        guard let row = app.list.selectedRow else { return XCTFail("a row is selected") }
        store.send(.char("w"), returns: [.loadCase(row.id)]) { $0.stack.append(.workflow(WorkflowState(contactID: row.id))) }
        store.send(.char("?"), returns: []) { $0.overlay = .help(offset: 0) }
        store.send(.char("j"), returns: []) { $0.overlay = .help(offset: 1) }
        store.send(.char("z"), returns: []) { $0.overlay = nil }
        store.send(.escape, returns: []) { $0.stack.removeAll() }
    }

    func testTheHelperSeesAChangeNobodyAskedFor() {
        var a = WorkflowState(contactID: 7)
        var b = a
        b.selection = 2
        XCTAssertNil(TestStore<WorkflowState, WorkflowAction, [Output]>.difference(a, a))
        let diff = TestStore<WorkflowState, WorkflowAction, [Output]>.difference(a, b)
        XCTAssertTrue(diff?.contains("selection: 2") ?? false, diff ?? "no difference seen")
        a.data = data(complaint())
        XCTAssertNotNil(TestStore<WorkflowState, WorkflowAction, [Output]>.difference(a, b))
        XCTAssertNotNil(TestStore<[Output], Int, Int>.difference([Output.pop], [Output.pop, Output.popAll]), "an output more is seen")
    }
}
