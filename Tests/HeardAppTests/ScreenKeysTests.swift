@testable import HeardApp
import HeardCore
import HeardTestSupport
import TerminalUI
import XCTest

/// `?` and the hint bar of every screen come from that screen's own keys, and every key of the
/// workflow and the findings can be rebound.
final class ScreenKeysTests: XCTestCase {
    let cal = WorkingDayCalendar.englandAndWales

    func complaint(id: Int64 = 1, findings: Bool = false) -> Contact {
        var c = sampleComplaint(received: "2022-03-01", categories: ["communication and information", "delay", "quality of service"])
        c.id = id
        c.version = 2
        for i in c.issues.indices { c.issues[i].id = Int64(i + 1) }
        if findings { c.issues[0].findings[1] = .upheld }
        return c
    }

    func loaded(_ c: Contact, today: LocalDate) -> CaseDetailData {
        CaseDetailData(contact: c, clock: c.clock(calendar: cal, today: today), history: [], learning: [], actions: [], calendar: cal)
    }

    /// The app with each screen on top, by name.
    /// Each screen with its selection in the middle of enough rows, so that every movement key
    /// moves something.
    func screens(keymap: Keymap? = nil) -> [(String, AppState)] {
        var base = makeState(rows: sampleRows(5), size: Size(width: 80, height: 14))
        if let keymap { base.keymap = keymap }
        base.list.selection.select(2, count: 5, visibleRows: 10)
        // A narrowed list, so that x (clear the filters) has something to clear.
        base.list.query = "CS-2022"
        base.list.refilter()
        guard let id = base.list.selectedID else { XCTFail("a row is selected"); return [] }
        let data = loaded(complaint(id: id), today: base.today)
        var detail = base
        send(&detail, [.enter])
        _ = Update.update(&detail, .caseLoaded(data))
        send(&detail, [.char("j"), .char("j")])
        var workflow = base
        send(&workflow, [.char("w")])
        _ = Update.update(&workflow, .caseLoaded(data))
        send(&workflow, [.char("j"), .char("j")])
        var findings = workflow
        findings.stack.append(.findings(FindingsState(contactID: id, data: data)))
        send(&findings, [.char("j")])
        var plan = base
        send(&plan, [.char("A")])
        _ = Update.update(&plan, .actionsLoaded((1...3).map {
            ActionItem(id: Int64($0), title: "Action \($0)", owner: "Head of Service", created: day("2022-01-01"), due: day("2022-06-30"))
        }))
        send(&plan, [.char("j")])
        var report = base
        send(&report, [.char("R")])
        if case .report(let r)? = report.stack.last {
            let figures = ReportGroup([("total", .count(3, refs: ["CS-2022-0001"])), ("upheld", .count(2, refs: ["CS-2022-0002"])),
                                       ("not_upheld", .count(1, refs: ["CS-2022-0003"]))], title: "Contacts")
            _ = Update.update(&report, .reportLoaded(ReportGroup([("contacts", .group(figures))]), period: r.period, areas: []))
        }
        send(&report, [.char("j")])
        var figure = base
        figure.stack.append(.figureCases(FigureCasesState(title: "Upheld", references: ["CS-2022-0001", "CS-2022-0002", "CS-2022-0003"], rows: base.list.rows)))
        send(&figure, [.char("j")])
        var sar = base
        _ = Update.subjectAccessFound(&sar, name: "Zoe Smith", matches: ["CS-2022-0001", "CS-2022-0002", "CS-2022-0003"].map {
            SubjectAccessMatch(contactID: 1, version: 1, reference: $0, tellApart: "", places: ["complainant  Zoe Smith"])
        })
        send(&sar, [.char("j")])
        return [("caseList", base), ("caseDetail", detail), ("workflow", workflow), ("findings", findings), ("actionPlan", plan),
                ("report", report), ("figureCases", figure), ("subjectAccess", sar)]
    }

    func helpText(_ s: AppState) -> String {
        var h = s
        h.size = Size(width: 100, height: 40)
        send(&h, [.char("?")])
        guard case .help? = h.overlay else { XCTFail("? opens the help"); return "" }
        return Render.frame(h).rows().joined(separator: "\n")
    }

    /// Whether a key does anything: asks the runner for something, or changes the state other
    /// than by saying there is nothing to do.
    func acts(_ s: AppState, _ key: Key) -> Bool {
        var t = s
        let effects = send(&t, [key])
        if t.message?.text.contains("no action here") ?? false { return false }
        var before = "", after = ""
        dump(s, to: &before)
        dump(t, to: &after)
        return !effects.isEmpty || before != after
    }

    func testHelpOnEveryScreenListsTheKeysThatActThereAndNoOthers() {
        let all = screens()
        XCTAssertEqual(all.count, 8)
        let printable = (33...126).compactMap { Unicode.Scalar($0).map { Key.char(Character($0)) } }
        for (name, s) in all {
            let keys = s.stack.last?.keys ?? CaseListUpdate.keys
            let entries = HelpUpdate.overlay(keys, s.keymap, offset: 0, glyphs: .fancy).entries
            XCTAssertFalse(entries.isEmpty, name)
            let listed = Set(entries.flatMap(\.keys))
            var checked = 0
            for key in printable {
                let acts = acts(s, key)
                XCTAssertEqual(acts, listed.contains(key.name), "\(name): \(key.name) is \(acts ? "" : "not ")acted on but \(listed.contains(key.name) ? "" : "not ")listed")
                checked += 1
            }
            XCTAssertEqual(checked, 94)
        }
    }

    func testHelpShowsEachScreensOwnDescriptions() {
        let help = Dictionary(uniqueKeysWithValues: screens().map { ($0.0, helpText($0.1)) })
        XCTAssertTrue(help["caseList"]?.contains("Quick entry of a new contact") ?? false)
        for (screen, wanted, unwanted) in [
            ("workflow", ["Acknowledge", "Extend the deadline", "Pause or resume the clock", "Capture a learning point"], ["Quick entry", "Mark / unmark", "Narrow as you type"]),
            ("findings", ["Upheld", "Partially upheld", "Not upheld", "Clear the finding", "Add an issue"], ["Quick entry", "Undo the last change"]),
            ("actionPlan", ["Add an action in one line", "Complete the action"], ["Quick entry", "Mark / unmark"]),
            ("report", ["The period before", "Public view", "Export: markdown"], ["Quick entry", "Mark / unmark"]),
            ("caseDetail", ["Edit the case's fields", "Next section"], ["Quick entry", "Open the selected item"]),
            ("figureCases", ["Open the selected item", "Back out"], ["Quick entry", "Mark / unmark"]),
        ] {
            guard let text = help[screen] else { XCTFail(screen); continue }
            for w in wanted { XCTAssertTrue(text.contains(w), "\(screen) help lacks \(w)") }
            for u in unwanted { XCTAssertFalse(text.contains(u), "\(screen) help shows \(u)") }
        }
    }

    func testWorkflowAndFindingsKeysHaveTheDesignedDefaults() {
        let (km, errors) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false)
        XCTAssertEqual(errors, [])
        let workflow: [(WorkflowCommand, Key)] = [(.acknowledge, .char("a")), (.extend, .char("x")), (.pause, .char("p")), (.findings, .char("f")),
            (.respond, .char("r")), (.close, .char("c")), (.escalate, .char("e")), (.withdraw, .char("d")), (.mediation, .char("m")),
            (.notAccepted, .char("n")), (.ombudsman, .char("o")), (.remedy, .char("y")), (.learning, .char("l")),
            (.appoint, .char("i"))]
        XCTAssertEqual(workflow.count, WorkflowCommand.allCases.count)
        for (c, k) in workflow { XCTAssertEqual(km.keys(for: .workflow(c)), [k], c.rawValue) }
        // Pause and resume share a key, as do the Ombudsman's referral and decision.
        XCTAssertEqual(WorkflowCommand(.resume), .pause)
        XCTAssertEqual(WorkflowCommand(.ombudsmanDecision), .ombudsman)
        let findings: [(FindingsCommand, [Key])] = [(.upheld, [.char("u")]), (.partiallyUpheld, [.char("p")]), (.notUpheld, [.char("n")]),
            (.clear, [.char("0")]), (.addIssue, [.char("+"), .char("i")])]
        for (c, k) in findings { XCTAssertEqual(km.keys(for: .findings(c)), k, c.rawValue) }
        let (readOnly, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: true)
        for c in WorkflowCommand.allCases { XCTAssertEqual(readOnly.keys(for: .workflow(c)), [], "read-only: no \(c.rawValue)") }
        for c in FindingsCommand.allCases { XCTAssertEqual(readOnly.keys(for: .findings(c)), [], "read-only: no \(c.rawValue)") }
    }

    /// Read-only, a key that would change the record says so; a key bound to nothing still says
    /// there is nothing to do; neither asks the runner for anything.
    func testAnEditKeyOfAReadOnlySessionSaysWhyItDoesNothing() {
        var s = makeState(rows: sampleRows(3), readOnly: true)
        XCTAssertEqual(send(&s, [.char("n")]).count, 0)
        XCTAssertEqual(s.message?.text, "n is not offered while this session is read-only. Press ? for the keys.")
        XCTAssertEqual(send(&s, [.char("Z")]).count, 0)
        XCTAssertEqual(s.message?.text, "Z: no action here. Press ? for the keys.")
        var w = makeState(rows: sampleRows(3), readOnly: false)
        send(&w, [.char("Z")])
        XCTAssertEqual(w.message?.text, "Z: no action here. Press ? for the keys.")
        XCTAssertNotEqual(DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: true).0.withheld, [])
        XCTAssertEqual(DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false).0.withheld, [])
    }

    func testMoveLettersAndFindingKeysCanBeRebound() {
        let toml = "[workflow]\nextend = \"X\"\nacknowledge = \"\"\n[findings]\nupheld = \"U\"\n"
        let (km, errors) = DefaultKeys.keymap(overrides: toml, file: "keys.toml", readOnly: false)
        XCTAssertEqual(errors, [])
        let all = Dictionary(uniqueKeysWithValues: screens(keymap: km).map { ($0.0, $0.1) })
        guard var w = all["workflow"], var f = all["findings"] else { return XCTFail() }
        // The workflow shows each move with the key it has now.
        let text = Render.frame(w).rows().joined(separator: "\n")
        XCTAssertTrue(text.contains("  X  Extend the deadline"), text)
        XCTAssertFalse(text.contains("  x  Extend"), text)
        XCTAssertTrue(text.contains("     Acknowledge"), "unbound: no key beside it")
        send(&w, [.char("x")])
        XCTAssertTrue(w.message?.text.contains("no action here") ?? false, "x no longer extends")
        send(&w, [.char("X")])
        guard case .form(let fs)? = w.stack.last else { return XCTFail("X extends") }
        XCTAssertTrue(fs.form.title.hasPrefix("Extend"))
        guard case .findings(let fs)? = f.stack.last else { return XCTFail() }
        XCTAssertEqual(send(&f, [.char("U")]), [.setFinding(.upheld, issueID: 2, stage: 1, contactID: fs.contactID, version: 2)])
        XCTAssertEqual(send(&f, [.char("u")]), [.undo], "u is undo again once upheld has moved")
        XCTAssertTrue(helpText(f).contains("U    Upheld") || helpText(f).contains("U  "), "help shows the new key")
    }

    func testAMoveTheProcedureDoesNotOfferIsRefusedWithItsName() {
        guard var w = screens().first(where: { $0.0 == "workflow" })?.1 else { return XCTFail() }
        send(&w, [.char("c")])
        // The words `heard move` uses: why not, and what is possible now.
        let said = w.message?.text ?? ""
        XCTAssertTrue(said.hasPrefix("close is not possible on "), said)
        XCTAssertTrue(said.contains("has no response yet"), said)
        XCTAssertTrue(said.contains("The moves possible now are acknowledge, extend"), said)
        guard case .workflow? = w.stack.last else { return XCTFail("nothing pushed") }
    }

    func testHintBarsComeFromTheKeymap() {
        let toml = "[findings]\nnotUpheld = \"N\"\n[actionPlan]\naddAction = \"+\"\n"
        let (km, _) = DefaultKeys.keymap(overrides: toml, file: "keys.toml", readOnly: false)
        let all = Dictionary(uniqueKeysWithValues: screens(keymap: km).map { ($0.0, $0.1) })
        guard let f = all["findings"], let p = all["actionPlan"] else { return XCTFail() }
        let fh = Render.hints(f)
        XCTAssertTrue(fh.contains(Hint(key: "N", label: "not upheld")), "\(fh)")
        XCTAssertTrue(Render.hints(p).contains(Hint(key: "+", label: "add")))
    }

    func testEveryTypedCommandHasExactlyOneDefaultBindingAndItsNameRoundTrips() {
        let all: [KeyCommand] = GlobalCommand.allCases.map(KeyCommand.global) + ListCommand.allCases.map(KeyCommand.list)
            + CaseListCommand.allCases.map(KeyCommand.caseList) + CaseDetailCommand.allCases.map(KeyCommand.caseDetail)
            + WorkflowCommand.allCases.map(KeyCommand.workflow) + FindingsCommand.allCases.map(KeyCommand.findings)
            + ActionPlanCommand.allCases.map(KeyCommand.actionPlan) + ReportCommand.allCases.map(KeyCommand.report) + FilterCommand.allCases.map(KeyCommand.filters)
            + DocumentsCommand.allCases.map(KeyCommand.documents) + LettersCommand.allCases.map(KeyCommand.letters)
            + RetentionKeyCommand.allCases.map(KeyCommand.retention) + SubjectAccessKeyCommand.allCases.map(KeyCommand.subjectAccess)
        XCTAssertEqual(all.count, DefaultKeys.bindings.count, "one binding per command, no binding without a command")
        for c in all {
            XCTAssertEqual(KeyCommand(scope: c.name.scope, action: c.name.action), c)
            XCTAssertEqual(DefaultKeys.bindings.filter { $0.scope == c.name.scope && $0.action == c.name.action }.count, 1, "\(c)")
        }
        XCTAssertNil(KeyCommand(scope: "workflow", action: "fly"))
        XCTAssertNil(KeyCommand(scope: "nowhere", action: "back"))
    }
}
