import Foundation
import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

/// What the user trial found on the screens, each held by a test that fails without its fix.
final class TrialFixesTests: XCTestCase {
    /// A runner over `store` with its first frame drawn and every list loaded.
    func loadedRunner(_ store: Store, today: LocalDate, size: Size) -> AppRunner {
        let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false)
        let backend = TestBackend(size: size)
        let runner = AppRunner(state: AppState(size: size, today: today, readOnly: false, databaseLabel: "trial", unicode: true, keymap: keymap),
                               store: store, backend: backend)
        runner.firstFrame()
        runner.loadEverything()
        return runner
    }

    func topForm(_ s: AppState) -> FormScreen? {
        if case .form(let fs)? = s.stack.last { return fs }
        return nil
    }

    // MARK: ctrl-c is a request to leave (the terminal is raw: it arrives as a key)

    func testCtrlCInAChangedFormAsksTheDiscardQuestionAndKeepsTheText() throws {
        var s = makeState(rows: sampleRows(3))
        send(&s, [.char("n"), .tab, .tab] + "Robin Typed".map { Key.char($0) })
        XCTAssertEqual(send(&s, [.ctrl("c")]), [], "nothing quits, nothing is saved")
        let fs = try XCTUnwrap(topForm(s), "the form is still open")
        XCTAssertTrue(fs.form.confirmingDiscard, "asks as Esc asks")
        XCTAssertTrue(Render.frame(s).rows().joined(separator: "\n").contains("Throw away what you typed?"))
        send(&s, [.char("n")])
        XCTAssertEqual(topForm(s)?.form.fields.map(\.value).contains("Robin Typed"), true, "kept")
        XCTAssertFalse(s.quit)
    }

    func testCtrlCOnTheCaseListQuitsAsQDoes() {
        var s = makeState(rows: sampleRows(3))
        XCTAssertEqual(send(&s, [.ctrl("c")]), [.quit])
        XCTAssertTrue(s.quit)
    }

    func testCtrlCInAnUnchangedFormClosesItAsEscDoes() {
        var s = makeState(rows: sampleRows(3))
        send(&s, [.char("n")])
        XCTAssertNotNil(topForm(s))
        send(&s, [.ctrl("c")])
        XCTAssertNil(topForm(s))
        XCTAssertFalse(s.quit)
    }

    // MARK: a bulk change that changes nothing says so and promises no undo

    func testMovingACaseToTheAreaItIsInSaysNothingChangedAndUIsNotPromised() throws {
        let dir = TemporaryDirectory("heard-bulk-same")
        let store = try makeStore(in: dir)
        let today = day("2022-03-15")
        _ = try store.add(sampleComplaint(received: "2022-02-01", area: "Adoption"), today: today)
        let runner = loadedRunner(store, today: today, size: Size(width: 80, height: 24))
        for k in [Key.char(" "), .char("b"), .char("s")] + "Adoption".map({ Key.char($0) }) + [.enter] { runner.dispatch(.key(k)) }
        let said = runner.state.message?.text ?? ""
        XCTAssertEqual(said, "Nothing changed: the case is already in Adoption.")
        XCTAssertFalse(said.contains("undo"), said)
    }

    /// A new complaint logged with no officer (config.toml names none) is in no one's my work:
    /// the message says so and how to give it one; a compliment, closed as it is logged, needs none.
    func testANewCaseWithNoOfficerSaysSo() throws {
        let dir = TemporaryDirectory("heard-no-officer")
        let store = try makeStore(in: dir)
        let today = day("2022-03-15")
        let runner = loadedRunner(store, today: today, size: Size(width: 100, height: 30))
        func log(kind: String) {
            func type(_ text: String) { for ch in text { runner.dispatch(.key(.char(ch))) } }
            runner.dispatch(.key(.char("n")))
            type(kind)
            runner.dispatch(.key(.tab))
            runner.dispatch(.key(.tab))
            type("Pat Tester")
            runner.dispatch(.key(.tab))
            type("Adoption")
            runner.dispatch(.key(.tab))
            runner.dispatch(.key(.enter))
        }
        log(kind: "complaint")
        let said = runner.state.message?.text ?? ""
        XCTAssertEqual(said, "Logged CS-2022-0001 (no officer yet: in no one's my work). n logs the next.")
        XCTAssertLessThanOrEqual(said.count, 78, "whole at 80 columns")
        XCTAssertEqual(try store.allContacts().map(\.officer), [""], "fixture: saved with none")
        log(kind: "compliment")
        XCTAssertEqual(runner.state.message?.text, "Logged CS-2022-0002. n logs the next.")
    }

    /// One case moved and one already there, through the runner and a real file: both counted,
    /// each in the singular; the form's title is singular for one marked case.
    func testABulkMoveSaysTheCaseAlreadyThere() throws {
        let dir = TemporaryDirectory("heard-bulk-one-there")
        let store = try makeStore(in: dir)
        let today = day("2022-03-15")
        _ = try store.add(sampleComplaint(received: "2022-02-01", area: "Adoption"), today: today)
        _ = try store.add(sampleComplaint(received: "2022-02-02", area: "Care Leavers"), today: today)
        let runner = loadedRunner(store, today: today, size: Size(width: 100, height: 30))
        for k in [Key.char(" "), .char("b"), .char("s")] { runner.dispatch(.key(k)) }
        guard case .form(let one)? = runner.state.stack.last else { return XCTFail("the bulk form") }
        XCTAssertEqual(one.form.title, "Set the service area of 1 marked case")
        runner.dispatch(.key(.escape))
        runner.dispatch(.key(.escape))
        for k in [Key.char("*"), .char("b"), .char("s")] + "Adoption".map({ Key.char($0) }) + [.enter] { runner.dispatch(.key(k)) }
        XCTAssertEqual(runner.state.message?.text, "1 case moved to Adoption (1 already); u undoes it.")
        XCTAssertEqual(try store.allContacts().map(\.serviceArea), ["Adoption", "Adoption"])
        runner.dispatch(.key(.char("u")))
        XCTAssertEqual(runner.state.message?.text.contains("change of service area on"), true, runner.state.message?.text ?? "")
    }

    func testABulkChangeCountsOnlyTheCasesItChanged() {
        XCTAssertEqual(AppRunner.bulkSaid(BulkResult(done: 2, refused: [], unchanged: 1), .serviceArea("Adoption")),
                       "2 cases moved to Adoption (1 already); u undoes them in one step.")
        // With the longest counts, the line fits 80 columns.
        XCTAssertLessThanOrEqual(AppRunner.bulkSaid(BulkResult(done: 97_576, refused: [], unchanged: 2_424), .assign(officer: "Officer 1")).count, 80)
        XCTAssertEqual(AppRunner.bulkSaid(BulkResult(done: 0, refused: [], unchanged: 3), .assign(officer: "Kate")),
                       "Nothing changed: the 3 cases are already assigned to Kate.")
    }

    // MARK: the bulk dialog keeps its way out at 80 columns

    func testTheBulkTriageDialogKeepsEscAt80Columns() {
        var s = makeState(rows: sampleRows(3))
        send(&s, [.char(" "), .char("b")])
        XCTAssertNotNil(s.dialog)
        let bar = Render.frame(s).rows().last ?? ""
        XCTAssertTrue(bar.contains("esc/q cancel"), bar)
        XCTAssertTrue(bar.contains("? help"), bar)
        XCTAssertTrue(bar.contains("a assign an officer"), bar)
        // ? shows the help over it; any key closes the help and the dialog is back.
        send(&s, [.char("?")])
        XCTAssertNotNil(s.dialog, "the dialog waits")
        XCTAssertTrue(Render.frame(s).rows().joined().contains("Keys (any other key closes)"))
        send(&s, [.escape])
        XCTAssertNotNil(s.dialog)
        XCTAssertTrue(Render.frame(s).rows().joined().contains("assign an officer"))
        send(&s, [.char("q")])
        XCTAssertNil(s.dialog, "q cancels")
        XCTAssertFalse(s.quit)
    }

    // MARK: form problems at 80 columns: all marked at once, the focused one said in full

    func testEnterMarksEveryInvalidFieldAtOnceAndTheBottomSaysTheFocusedOneInFull() throws {
        var s = makeState(rows: sampleRows(3))
        send(&s, [.char("n")] + "zzz".map { Key.char($0) } + [.tab] + "notadate".map { Key.char($0) })
        XCTAssertEqual(send(&s, [.enter]), [], "nothing saved")
        let fs = try XCTUnwrap(topForm(s))
        let errors = Dictionary(uniqueKeysWithValues: fs.form.fields.compactMap { f in f.error.map { (f.key, $0) } })
        XCTAssertNotNil(errors["kind"], "\(errors)")
        XCTAssertNotNil(errors["received"], "the date is checked in the same Enter: \(errors)")
        XCTAssertNotNil(errors["service_area"], "\(errors)")
        XCTAssertEqual(fs.form.fields[fs.form.focus].key, "kind", "the first invalid field, in the form's order")
        let screen = Render.frame(s).rows()
        let text = screen.joined(separator: "\n")
        // The whole list, to its last item, though it is longer than the line.
        XCTAssertTrue(text.contains("comment"), text)
        XCTAssertTrue(screen.contains { $0.contains("Kind: 'zzz' is not one of") }, text)
        XCTAssertFalse(text.contains("The selected value is replaced"), "the problem, not the generic hint:\n" + text)
        // Tab to the date: the bottom says the date's problem now.
        send(&s, [.tab])
        let after = Render.frame(s).rows().joined(separator: "\n")
        XCTAssertTrue(after.contains("Received: "), after)
    }

    // MARK: the report range form writes dates as the screens do

    func testTheReportRangeFormIsPrefilledInTheChosenDateStyleAndReadBack() throws {
        var s = makeState(rows: sampleRows(3))
        s.dateStyle = .uk
        send(&s, [.char("R"), .char("r")])
        let fs = try XCTUnwrap(topForm(s))
        XCTAssertEqual(fs.form["from"], "01/04/2021")
        XCTAssertEqual(fs.form["to"], "31/03/2022")
        let effects = send(&s, [.enter])
        guard case .report(let r)? = s.stack.last else { return XCTFail("back on the report: \(effects)") }
        XCTAssertEqual(r.period, Period(from: day("2021-04-01"), to: day("2022-03-31")))
    }

    // MARK: the action plan's status column

    func testTheActionPlanStatusColumnKeepsAGapAndUndatedIsNotThePausedGlyph() {
        var s = makeState(rows: sampleRows(3))
        send(&s, [.char("A")])
        _ = Update.update(&s, .actionsLoaded([
            ActionItem(id: 1, title: "Draft the letter", owner: "Head of Service", created: day("2022-01-01"), due: day("2022-03-20"), status: .inProgress),
            ActionItem(id: 2, title: "At the appropriate time", owner: "Head of Service", created: day("2022-01-01"), due: nil),
        ]))
        let rows = Render.frame(s).rows()
        let text = rows.joined(separator: "\n")
        XCTAssertTrue(rows.contains { $0.contains("in progress ") && $0.contains(" Draft the letter") && !$0.contains("progressDraft") }, text)
        let undated = rows.first { $0.contains("At the appropriate time") } ?? ""
        XCTAssertTrue(undated.contains("undated"), undated)
        XCTAssertFalse(undated.contains("‖"), "‖ means paused in the legend: " + undated)
    }

    // MARK: new appointees and new action owners are asked about, as new officers are

    func testAHalfTypedAppointeeAsksAndEnterTakesTheSuggestion() throws {
        var c = sampleComplaint(received: "2022-01-10")
        c.id = 1
        c.version = 3
        c.events = [.acknowledged(day("2022-01-11")), .responded(day("2022-01-14"), stage: 1, outcome: .upheld),
                    .nextStageRequested(day("2022-01-17"), stage: 2)]
        var s = makeState(rows: sampleRows(2))
        s.today = day("2022-01-20")
        _ = Update.update(&s, .sourcesLoaded(["appointee": ["Yasmin Patel", "Jo Reed"]]))
        send(&s, [.char("w")])
        let cal = WorkingDayCalendar.englandAndWales
        _ = Update.update(&s, .caseLoaded(CaseDetailData(contact: c, clock: c.clock(calendar: cal, today: s.today), history: [], learning: [], actions: [], calendar: cal)))
        send(&s, [.char("i")])
        XCTAssertEqual(send(&s, "Ya".map { Key.char($0) } + [.enter]), [], "not appointed silently")
        let q = try XCTUnwrap(topForm(s)?.form.newValueQuestion)
        XCTAssertEqual(q.value, "Ya")
        XCTAssertEqual(q.suggestion, "Yasmin Patel")
        XCTAssertTrue(Render.frame(s).rows().joined().contains("New person?"))
        let effects = send(&s, [.enter])
        XCTAssertEqual(effects, [.apply(CaseStep(appointment: Appointment(investigatingOfficer: "Yasmin Patel", independentPerson: "")), contactID: 1, version: 3)])
    }

    func testANewOwnerInTheOneLineAddAsksFirst() throws {
        var s = makeState(rows: sampleRows(2))
        _ = Update.update(&s, .sourcesLoaded(["owner": ["Head of Service"]]))
        send(&s, [.char("A")])
        _ = Update.update(&s, .actionsLoaded([]))
        send(&s, [.char("a")] + "Write the letters @\"Head of Ser\" due:2022-04-29".map { Key.char($0) })
        XCTAssertEqual(send(&s, [.enter]), [])
        let q = try XCTUnwrap(topForm(s)?.form.newValueQuestion)
        XCTAssertEqual(q.value, "Head of Ser")
        XCTAssertEqual(q.suggestion, "Head of Service")
        guard case .addAction(let item)? = send(&s, [.enter]).first else { return XCTFail("Enter takes the suggestion and saves") }
        XCTAssertEqual(item.owner, "Head of Service")
        XCTAssertEqual(item.title, "Write the letters")
        // y keeps a new owner as typed.
        _ = Update.update(&s, .actionSaved("ok"))
        send(&s, [.char("a")] + "Ring the carer @Dana".map { Key.char($0) })
        XCTAssertEqual(send(&s, [.enter]), [])
        XCTAssertEqual(topForm(s)?.form.newValueQuestion?.value, "Dana")
        guard case .addAction(let second)? = send(&s, [.char("y")]).first else { return XCTFail("y saves the new owner") }
        XCTAssertEqual(second.owner, "Dana")
    }

    func testANewOwnerInTheEditFormAsksFirst() throws {
        var s = makeState(rows: sampleRows(2))
        _ = Update.update(&s, .sourcesLoaded(["owner": ["Head of Service"]]))
        send(&s, [.char("A")])
        _ = Update.update(&s, .actionsLoaded([ActionItem(id: 1, title: "Draft", owner: "Head of Service", created: day("2022-01-01"), due: day("2022-06-30"))]))
        send(&s, [.char("e")])
        let fs = try XCTUnwrap(topForm(s))
        s.stack[s.stack.count - 1] = .form({ var f = fs; f.form.focus(on: "owner"); return f }())
        XCTAssertEqual(send(&s, "Zed".map { Key.char($0) } + [.enter]), [])
        XCTAssertEqual(topForm(s)?.form.newValueQuestion?.value, "Zed")
        XCTAssertTrue(Render.frame(s).rows().joined().contains("not an owner Heard knows"))
    }

    func testReplacingTheOwnerOfAnActionLine() {
        XCTAssertEqual(ActionLine.replacingOwner(in: "Call @Ya due:2022-04-01", "Ya", with: "Yasmin Patel"), "Call @\"Yasmin Patel\" due:2022-04-01")
        XCTAssertEqual(ActionLine.replacingOwner(in: "Call @\"Head of Ser\" #x", "Head of Ser", with: "Dana"), "Call @Dana #x")
        XCTAssertEqual(ActionLine.replacingOwner(in: "Call @Yasmin and @Ya", "Ya", with: "Dana"), "Call @Yasmin and @Dana")
    }
}

/// An action saved from the plan reads the case screens under it again: the case shows its
/// actions (a trial added one on the plan opened over a case; the case kept "None linked yet").
final class ActionSavedReloadsCaseTests: XCTestCase {
    func testTheCaseUnderThePlanIsReadAgain() {
        var s = makeState(rows: sampleRows(2))
        s.stack.append(.detail(CaseDetailState(id: 1)))
        send(&s, [.char("A")])
        let effects = Update.update(&s, .actionSaved("Action added: Brief the team"))
        XCTAssertTrue(effects.contains(.loadCase(1)), "\(effects)")
        XCTAssertTrue(effects.contains(.loadActions))
        XCTAssertFalse(effects.contains(.loadCases), "the list shows no actions: not read again")
        XCTAssertEqual(effects.count, Set(effects.map { "\($0)" }).count, "each once")
    }
}
