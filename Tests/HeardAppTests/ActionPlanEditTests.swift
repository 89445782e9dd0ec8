import HeardApp
import HeardCore
import HeardTestSupport
import TerminalUI
import XCTest

/// The action plan: `e` edits an action in a form, progress notes show under the selected
/// action, and `/` narrows the plan as it does the case list.
final class ActionPlanEditTests: XCTestCase {
    func typed(_ text: String) -> [Key] { text.map { Key.char($0) } }

    let items = [
        ActionItem(id: 1, title: "Present the C&YP voice plan", owner: "Head of Service", serviceArea: "Care Leavers", created: day("2022-01-01"),
                   due: day("2022-06-30"), tags: ["board"], notes: [ProgressNote(id: 1, date: day("2022-02-01"), text: "Draft sent to the board clerk"),
                                                                     ProgressNote(id: 2, date: day("2022-03-01"), text: "On the April agenda")], version: 4),
        ActionItem(id: 2, title: "Practice learning day", owner: "Team Manager", serviceArea: "Adoption", created: day("2022-01-01"), due: day("2022-04-01")),
        ActionItem(id: 3, title: "Rewrite the pathway plan letter", owner: "Team Manager", created: day("2022-01-01"), due: nil),
    ]

    func plan() -> AppState {
        var s = makeState(rows: sampleRows(3), size: Size(width: 100, height: 30))
        send(&s, [.char("A")])
        _ = Update.update(&s, .actionsLoaded(items))
        return s
    }

    func selectedTitle(_ s: AppState) -> String? {
        guard case .actionPlan(let a)? = s.stack.last else { return nil }
        return a.selectedAction(today: s.today)?.title
    }

    func testEditingAnActionIsOneUpdateWithEveryFieldChanged() throws {
        var s = plan()
        // The Head of Service's action is the one due latest: find it with `/`.
        send(&s, [.char("/")] + typed("voice") + [.enter])
        XCTAssertEqual(selectedTitle(s), "Present the C&YP voice plan")
        send(&s, [.char("e")])
        guard case .form(let fs)? = s.stack.last, case .editAction = fs.purpose else { return XCTFail("the edit form") }
        XCTAssertEqual(fs.form["title"], "Present the C&YP voice plan")
        XCTAssertEqual(fs.form["due"], "2022-06-30")
        XCTAssertEqual(fs.form["tags"], "#board")
        send(&s, [.end] + typed(" to the board") + [.tab, .ctrl("u")] + typed("Team Manager") + [.tab, .ctrl("u")] + typed("2022-09-30")
             + [.tab, .end] + typed(" voice") + [.tab, .ctrl("u")] + typed("adop"))
        let effects = send(&s, [.enter])
        guard case .updateAction(let a)? = effects.first, effects.count == 1 else { return XCTFail("\(effects)") }
        XCTAssertEqual(a.id, 1)
        XCTAssertEqual(a.version, 4, "saved against the version shown")
        XCTAssertEqual(a.title, "Present the C&YP voice plan to the board")
        XCTAssertEqual(a.owner, "Team Manager")
        XCTAssertEqual(a.due, day("2022-09-30"))
        XCTAssertEqual(a.tags, ["board", "voice"])
        XCTAssertEqual(a.serviceArea, "Adoption")
        XCTAssertEqual(a.notes, items[0].notes, "notes are not touched")
    }

    func testABadDueDateKeepsTheFormOpenWithTheText() {
        var s = plan()
        send(&s, [.char("e"), .tab, .tab, .ctrl("u")] + typed("next blue moon"))
        XCTAssertEqual(send(&s, [.enter]), [])
        guard case .form(let fs)? = s.stack.last else { return XCTFail("still open") }
        XCTAssertEqual(fs.form["due"], "next blue moon")
        XCTAssertNotNil(fs.form.fields.first { $0.key == "due" }?.error)
    }

    func testProgressNotesShowUnderTheSelectedAction() throws {
        var s = plan()
        send(&s, [.char("/")] + typed("voice") + [.enter])
        let rows = Render.frame(s).rows()
        let at = try XCTUnwrap(rows.firstIndex { $0.contains("Present the C&YP voice plan") })
        XCTAssertTrue(rows[at + 1].contains("2022-02-01") && rows[at + 1].contains("Draft sent to the board clerk"), rows[at + 1])
        XCTAssertTrue(rows[at + 2].contains("On the April agenda"), rows[at + 2])
    }

    func testSlashNarrowsAsYouTypeEnterKeepsEscClears() {
        var s = plan()
        send(&s, [.char("/")] + typed("team man"))
        guard case .actionPlan(let typing)? = s.stack.last else { return XCTFail() }
        let titles = typing.rows(today: s.today).compactMap { r -> String? in if case .action(let a) = r { return a.title }; return nil }
        XCTAssertEqual(Set(titles), ["Practice learning day", "Rewrite the pathway plan letter"])
        XCTAssertTrue(Render.frame(s).rows().joined(separator: "\n").contains("/ team man"))
        // While typing, letters are text: `e` does not open the edit form.
        XCTAssertFalse(s.stack.contains { if case .form = $0 { return true }; return false })
        send(&s, [.enter])
        guard case .actionPlan(let kept)? = s.stack.last else { return XCTFail() }
        XCTAssertEqual(kept.query, "team man")
        XCTAssertNil(kept.queryInput)
        send(&s, [.char("/"), .escape])
        guard case .actionPlan(let cleared)? = s.stack.last else { return XCTFail() }
        XCTAssertEqual(cleared.query, "")
        XCTAssertEqual(cleared.rows(today: s.today).filter { if case .action = $0 { return true }; return false }.count, 3)
        send(&s, [.char("/")] + typed("zzz"))
        XCTAssertTrue(Render.frame(s).rows().joined().contains("No action matches 'zzz'"))
    }
}
