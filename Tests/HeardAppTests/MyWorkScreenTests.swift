import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

/// "My work" (`M`): who "me" is, its sections, Enter, back, refreshing, and how it reads.
final class MyWorkScreenTests: XCTestCase {
    let cal = WorkingDayCalendar.englandAndWales

    func contact(_ n: Int, received: String, events: [CaseEvent] = [], area: String = "Fostering Service") -> Contact {
        var c = Contact(reference: "CS-2022-\(String(format: "%04d", n))", kind: .complaint, received: day(received), serviceArea: area,
                        complainantName: "Private Name", summary: "s")
        c.id = Int64(n)
        c.procedure = .statutory
        c.officer = "Helen Sanderson"
        c.events = events
        return c
    }

    /// As of the test state's today (2022-03-15): one unacknowledged case (overdue), one
    /// acknowledged and extended (its notice owed), one answered (window open), and an action.
    func work(today: LocalDate) -> MyWork {
        let cases = [
            contact(1, received: "2022-03-01"),
            contact(2, received: "2022-03-07", events: [.acknowledged(day("2022-03-08")), .extended(day("2022-03-14"), stage: 1, to: day("2022-03-25"), reason: "complex")]),
            contact(4, received: "2022-02-01", events: [.acknowledged(day("2022-02-02")), .responded(day("2022-03-10"), stage: 1, outcome: .upheld)],
                    area: "Care Leavers"),
        ]
        let action = ActionItem(id: 9, title: "Review the leaflet", owner: "helen sanderson", created: day("2022-01-01"), due: day("2022-03-11"))
        return MyWork.compute(officer: "Helen Sanderson", cases: cases.map { MyWorkCaseInput(contact: $0) }, actions: [action],
                              rules: .default, calendar: cal, today: today, within: nil)
    }

    func opened(size: Size = Size(width: 80, height: 24)) -> AppState {
        var s = makeState(rows: sampleRows(6), size: size)
        s.officer = "Helen Sanderson"
        XCTAssertEqual(send(&s, [.char("M")]), [.loadMyWork])
        _ = Update.update(&s, .myWorkLoaded(work(today: s.today)))
        return s
    }

    func myWork(_ s: AppState) -> MyWorkState? { if case .myWork(let m)? = s.stack.last { return m }; return nil }

    func testWithoutAnOfficerMSaysHowToNameOne() {
        var s = makeState(rows: sampleRows(3))
        s.configPath = "/home/someone/.config/heard/config.toml"
        XCTAssertEqual(send(&s, [.char("M")]), [])
        XCTAssertTrue(s.stack.isEmpty)
        // In a dialog, with the file's full path on a line of its own (cut on the status line).
        let lines = s.dialog?.lines ?? []
        XCTAssertTrue(lines.contains("  officer = \"Your Name\""), "\(lines)")
        XCTAssertTrue(lines.contains("  /home/someone/.config/heard/config.toml"), "\(lines)")
    }

    func testTheTitleFitsAt80ColumnsWithNoBracketLeftOpen() {
        var s = makeState(rows: sampleRows(6), size: Size(width: 80, height: 24))
        s.officer = "Helen Sanderson"
        send(&s, [.char("M")])
        var w = work(today: s.today)
        w.within = 10
        _ = Update.update(&s, .myWorkLoaded(w))
        let title = Render.frame(s).rows().first ?? ""
        XCTAssertEqual(title.filter { $0 == "[" }.count, title.filter { $0 == "]" }.count, title)
        XCTAssertTrue(title.contains("[Helen Sanderson]"), title)
        s.size = Size(width: 200, height: 60)
        XCTAssertTrue(Render.frame(s).rows().first?.contains("[10 working days]") == true, Render.frame(s).rows().first ?? "")
    }

    /// "116 days over" is as wide as its column: the reference after it still has its space
    /// (it ran on as "116 days overCS-2022-0001", found by a trial).
    func testALongOverdueCountKeepsItsGapBeforeTheReference() {
        var s = makeState(rows: sampleRows(6), size: Size(width: 80, height: 24))
        s.officer = "Helen Sanderson"
        send(&s, [.char("M")])
        let old = contact(1, received: "2021-06-01")
        let w = MyWork.compute(officer: "Helen Sanderson", cases: [MyWorkCaseInput(contact: old)], actions: [],
                               rules: .default, calendar: cal, today: s.today, within: nil)
        _ = Update.update(&s, .myWorkLoaded(w))
        let rows = Render.frame(s).rows()
        let line = rows.first { $0.contains("CS-2022-0001") } ?? ""
        XCTAssertTrue(line.contains("days over CS-2022-0001"), rows.joined(separator: "\n"))
    }

    func testSectionsInOrderWithOverdueFirst() throws {
        let s = opened()
        let m = try XCTUnwrap(myWork(s))
        let headings = m.rows.compactMap { r -> String? in if case .heading(let h, _) = r { return h.rawValue }; return nil }
        XCTAssertEqual(headings, ["Overdue", "Due soon", "Letters to send", "Actions"])
        guard case .entry(let first) = m.rows[1] else { return XCTFail("an entry under the heading") }
        XCTAssertEqual(first.reference, "CS-2022-0001")
        XCTAssertEqual(first.what, "stage 1 acknowledgement")
        XCTAssertTrue(first.isOverdue)
        let letters = m.rows.compactMap { r -> String? in if case .entry(let e) = r, e.isLetter { return e.what }; return nil }
        XCTAssertEqual(Set(letters), ["acknowledgement letter", "extension notice letter", "stage 1 response letter"])
        XCTAssertEqual(m.selectedEntry, first)
    }

    func testEnterOpensTheCaseOrTheActionAndQGoesBack() throws {
        var s = opened()
        let effects = send(&s, [.enter])
        XCTAssertEqual(effects, [.loadCase(1)])
        guard case .detail(let d)? = s.stack.last else { return XCTFail("the case's detail") }
        XCTAssertEqual(d.id, 1)
        send(&s, [.char("q")])
        XCTAssertNotNil(myWork(s), "back to my work")
        send(&s, [.char("G")])
        XCTAssertEqual(myWork(s)?.selectedEntry?.isAction, true)
        XCTAssertEqual(send(&s, [.enter]), [.loadActions])
        guard case .actionPlan(let plan)? = s.stack.last else { return XCTFail("the action plan") }
        XCTAssertEqual(plan.query, "Review the leaflet")
        let other = ActionItem(id: 3, title: "Something else", owner: "Helen Sanderson", created: day("2022-01-01"), due: day("2022-03-11"))
        let mine = ActionItem(id: 9, title: "Review the leaflet", owner: "helen sanderson", created: day("2022-01-01"), due: day("2022-03-11"))
        _ = Update.update(&s, .actionsLoaded([other, mine]))
        guard case .actionPlan(let loaded)? = s.stack.last else { return XCTFail("the action plan") }
        XCTAssertEqual(loaded.selectedAction(today: s.today)?.id, 9, "the plan opens at the action")
        send(&s, [.escape, .escape])
        XCTAssertTrue(s.stack.isEmpty)
    }

    func testItRefreshesWhenTheRecordChanges() {
        var s = opened()
        XCTAssertTrue(Update.update(&s, .externalChange(contacts: [1])).contains(.loadMyWork))
        XCTAssertTrue(Update.update(&s, .undone("Undone.", contacts: [1])).contains(.loadMyWork))
        XCTAssertTrue(Update.update(&s, .actionSaved("Saved.")).contains(.loadMyWork))
        XCTAssertTrue(Update.update(&s, .dayChanged(day("2022-03-16"))).contains(.loadMyWork))
        // The selection stays on the same deadline when the list is read again.
        send(&s, [.char("j"), .char("j")])
        let before = myWork(s)?.selectedEntry
        _ = Update.update(&s, .myWorkLoaded(work(today: day("2022-03-16"))))
        XCTAssertEqual(myWork(s)?.selectedEntry?.reference, before?.reference)
        XCTAssertEqual(myWork(s)?.selectedEntry?.what, before?.what)
        XCTAssertFalse(Update.update(&s, .externalChange(contacts: [1])).isEmpty)
        var list = makeState(rows: sampleRows(3))
        XCTAssertFalse(Update.update(&list, .externalChange(contacts: [1])).contains(.loadMyWork), "not open: not read")
    }

    func testHelpAndHintsComeFromTheKeymap() {
        var s = opened()
        let bar = Render.frame(s).rows().last ?? ""
        XCTAssertTrue(bar.contains("open") && bar.contains("back"), bar)
        send(&s, [.char("?")])
        let help = Render.frame(s).rows().joined(separator: "\n")
        XCTAssertTrue(help.contains("Open the selected item"), help)
        var list = makeState(rows: sampleRows(3), size: Size(width: 100, height: 40))
        send(&list, [.char("?")])
        XCTAssertTrue(Render.frame(list).rows().joined(separator: "\n").contains("My work"), "M is in the global keys' help")
    }

    func testReadableAt80x24And200x60WithoutColour() {
        for size in [Size(width: 80, height: 24), Size(width: 200, height: 60)] {
            var s = opened(size: size)
            s.unicode = size.width == 80
            let f = Render.frame(s)
            for y in 0..<f.height { XCTAssertEqual(displayWidth(f.row(at: y)), size.width, "row \(y)") }
            let rows = f.rows()
            // Status in glyphs and words, not colour alone.
            let overdue = rows.first { $0.contains("CS-2022-0001") && $0.contains("stage 1 acknowledgement") } ?? ""
            XCTAssertTrue(overdue.contains("!") && overdue.contains("7 days over"), overdue)
            XCTAssertTrue(rows.contains { $0.contains("Overdue (") }, "section headings")
            XCTAssertTrue(rows.contains { $0.contains("escalation window ends") })
            XCTAssertFalse(rows.joined().contains("Private Name"))
            if size.width == 80 { assertFrame(f, named: "myWork-80x24") }
        }
    }

    func testNothingDueSaysSo() {
        var s = makeState(rows: sampleRows(3))
        s.officer = "Nobody"
        send(&s, [.char("M")])
        _ = Update.update(&s, .myWorkLoaded(MyWork.compute(officer: "Nobody", cases: [], actions: [], rules: .default, calendar: cal, today: s.today)))
        XCTAssertTrue(Render.frame(s).rows().joined().contains("Nothing due for Nobody within 10 working days"))
    }
}

/// `d` on a subject access request in "my work": answered today, after y; u undoes it.
final class MyWorkRequestAnsweredTests: XCTestCase {
    func opened(readOnly: Bool = false) -> AppState {
        var s = makeState(rows: sampleRows(3), size: Size(width: 80, height: 24), readOnly: readOnly)
        s.officer = "Helen Sanderson"
        _ = send(&s, [.char("M")])
        let request = SubjectAccessRequest(id: 7, requested: s.today, who: "Helen Sanderson", forWhom: "Pat Parent",
                                           due: s.today.adding(days: 30), cases: ["CS-2022-0001"])
        let w = MyWork.compute(officer: "Helen Sanderson", cases: [], actions: [], rules: .default, calendar: .englandAndWales,
                               today: s.today, within: nil).withRequests([request], calendar: .englandAndWales)
        _ = Update.update(&s, .myWorkLoaded(w))
        return s
    }

    func testDAsksThenYMarksTheRequestAnswered() {
        var s = opened()
        XCTAssertEqual(send(&s, [.char("d")]), [], "asks first")
        let screen = Render.frame(s).rows().joined(separator: "\n")
        XCTAssertTrue(screen.contains("Mark as answered today:"), screen)
        XCTAssertTrue(screen.contains("#7 for Pat Parent"), screen)
        XCTAssertEqual(send(&s, [.char("y")]), [.completeSubjectAccess(id: 7)])
        _ = Update.update(&s, .subjectAccessAnswered("Subject access request #7 for Pat Parent marked answered today. u undoes."))
        XCTAssertEqual(s.message?.text, "Subject access request #7 for Pat Parent marked answered today. u undoes.")
    }

    func testAnyOtherKeyLeavesItOpen() {
        var s = opened()
        _ = send(&s, [.char("d")])
        XCTAssertEqual(send(&s, [.char("n")]), [])
        XCTAssertEqual(s.message?.text, "Not marked answered.")
        XCTAssertFalse(Render.frame(s).rows().joined().contains("Mark as answered today:"))
    }

    func testReadOnlyOffersNoAnswer() {
        var s = opened(readOnly: true)
        XCTAssertEqual(send(&s, [.char("d")]), [])
        XCTAssertFalse(Render.frame(s).rows().joined().contains("Mark as answered today:"))
    }

    func testEnterOnTheRequestSaysTheKey() {
        var s = opened()
        _ = send(&s, [.enter])
        XCTAssertTrue(s.message?.text.contains("d marks it answered (heard sar --done 7)") == true, s.message?.text ?? "")
        // Read-only binds no d: the command line's way is said instead.
        var r = opened(readOnly: true)
        _ = send(&r, [.enter])
        XCTAssertTrue(r.message?.text.hasSuffix("heard sar --done 7 marks it answered.") == true, r.message?.text ?? "")
    }
}
