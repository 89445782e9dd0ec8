@testable import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

final class ActionPlanTests: XCTestCase {
    func plan(_ items: [ActionItem]) -> AppState {
        var s = makeState(rows: sampleRows(3))
        XCTAssertEqual(send(&s, [.char("A")]), [.loadActions])
        _ = Update.update(&s, .actionsLoaded(items))
        return s
    }

    let items = [
        ActionItem(id: 1, title: "Later one", owner: "Head of Service", serviceArea: "Care Leavers", created: day("2022-01-01"), due: day("2022-06-30")),
        ActionItem(id: 2, title: "Overdue one", owner: "Team Manager", serviceArea: "Adoption", created: day("2022-01-01"), due: day("2022-03-01")),
        ActionItem(id: 3, title: "At the appropriate time", owner: "Head of Service", created: day("2022-01-01"), due: nil),
        ActionItem(id: 4, title: "Done already", owner: "Team Manager", created: day("2022-01-01"), due: day("2022-02-01"), status: .done, completed: day("2022-02-01")),
        ActionItem(id: 5, title: "Soon", owner: "Head of Service", created: day("2022-01-01"), due: day("2022-03-20"), status: .inProgress),
    ]

    func testOverdueFirstThenDatedThenUndatedGroupedByOwner() {
        var s = plan(items)
        guard case .actionPlan(let a)? = s.stack.last else { return XCTFail() }
        let rows = a.rows(today: s.today)
        XCTAssertEqual(rows.first, .group("Team Manager", count: 1, overdue: 1), "the group with the overdue action comes first")
        let titles = rows.compactMap { r -> String? in if case .action(let x) = r { return x.title }; return nil }
        XCTAssertEqual(titles, ["Overdue one", "Soon", "Later one", "At the appropriate time"])
        let text = Render.frame(s).rows().joined(separator: "\n")
        XCTAssertTrue(text.contains("when due"), "undated actions stay visible")
        XCTAssertFalse(text.contains("Done already"))
        send(&s, [.char("h")])
        XCTAssertTrue(Render.frame(s).rows().joined().contains("Done already"))
        send(&s, [.char("h"), .char("t")])
        guard case .actionPlan(let byArea)? = s.stack.last else { return XCTFail() }
        XCTAssertEqual(byArea.grouping, .serviceArea)
        XCTAssertTrue(Render.frame(s).rows().joined().contains("Adoption (1)"))
    }

    func testAddInOneLineCompleteAndDrop() {
        var s = plan(items)
        send(&s, [.char("a")] + "Present the C&YP voice plan @\"Head of Service\" due:2022-09-30 #board area:\"Children Looked After\"".map { Key.char($0) })
        let effects = send(&s, [.enter])
        guard case .addAction(let a)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(a.title, "Present the C&YP voice plan")
        XCTAssertEqual(a.owner, "Head of Service")
        XCTAssertEqual(a.due, day("2022-09-30"))
        XCTAssertEqual(a.tags, ["board"])
        XCTAssertEqual(a.serviceArea, "Children Looked After")
        send(&s, [.char("a")] + "Broken @\"unclosed".map { Key.char($0) })
        XCTAssertEqual(send(&s, [.enter]), [], "a bad line saves nothing")
        guard case .form(let fs)? = s.stack.last else { return XCTFail() }
        XCTAssertTrue(fs.form.problem?.contains("quote") == true, fs.form.problem ?? "")
        send(&s, [.escape, .char("y")])
        // Complete the selected (overdue) action: asks, y confirms.
        XCTAssertEqual(send(&s, [.char("c")]), [])
        let done = send(&s, [.char("y")])
        guard case .updateAction(let d)? = done.first else { return XCTFail("\(done)") }
        XCTAssertEqual(d.id, 2)
        XCTAssertEqual(d.status, .done)
        XCTAssertEqual(d.completed, s.today)
        send(&s, [.char("d")])
        XCTAssertEqual(send(&s, [.enter]), [], "dropping needs a reason")
        let dropped = send(&s, "Superseded by the new plan".map { Key.char($0) } + [.enter])
        guard case .updateAction(let x)? = dropped.first else { return XCTFail("\(dropped)") }
        XCTAssertEqual(x.status, .dropped)
        XCTAssertEqual(x.dropReason, "Superseded by the new plan")
    }

    func testProgressNoteStartsAnOpenAction() {
        var s = plan(items)
        send(&s, [.char("p")] + "Met the team".map { Key.char($0) })
        let effects = send(&s, [.enter])
        // One effect, one store command: the store starts the open action in the same transaction
        // (HeardStoreTests.ActionNoteTests), so the screen guesses no second version.
        XCTAssertEqual(effects, [.addNote(ProgressNote(date: s.today, text: "Met the team"), actionID: 2, version: 0)])
    }

    func testOwnerAndAreaCompletion() {
        var s = plan(items)
        s.sources["owner"] = ["Head of Service", "Team Manager"]
        send(&s, [.char("a")] + "Do it @He".map { Key.char($0) })
        guard case .form(let fs)? = s.stack.last, let f = fs.form.fields.first else { return XCTFail() }
        XCTAssertEqual(fs.form.suggestion(for: f), "Do it @\"Head of Service\" ")
        send(&s, [.tab])
        guard case .form(let after)? = s.stack.last else { return XCTFail() }
        XCTAssertEqual(after.form["line"], "Do it @\"Head of Service\"")
    }

    func testBulkTriageListsRefusalsAndExports() {
        var s = makeState(rows: sampleRows(6))
        _ = Update.update(&s, .sourcesLoaded(["officer": ["Helen Sanderson", "Kate Richardson"]]))
        XCTAssertEqual(send(&s, [.char("b")]), [], "nothing marked")
        send(&s, [.char(" "), .char(" "), .char("b")])
        XCTAssertNotNil(s.dialog)
        send(&s, [.char("a")])
        guard case .form(let fs)? = s.stack.last, case .bulk(.assign, let ids) = fs.purpose else { return XCTFail() }
        XCTAssertEqual(ids.count, 2)
        let effects = send(&s, "Kate Richardson".map { Key.char($0) } + [.enter])
        XCTAssertEqual(effects, [.bulk(.assign(officer: "Kate Richardson"), ids: ids)])
        guard case .form(let waiting)? = s.stack.last, waiting.saving else { return XCTFail("the form waits for the store") }
        _ = Update.update(&s, .bulkDone(said: "1 case escalated", refused: ["CS-2022-0002: Stage 2 cannot be requested before the stage 1 response."]))
        XCTAssertTrue(Render.frame(s).rows().joined().contains("before the stage 1 response"), "refused cases are listed, not skipped")
        send(&s, [.escape, .char(" "), .char("b"), .char("e")])
        // Escalating asks y first, as the same move on one case does; e again does not confirm.
        XCTAssertTrue(s.dialog?.title.hasPrefix("Escalate") ?? false, "\(String(describing: s.dialog))")
        XCTAssertEqual(send(&s, [.char("e")]), [])
        XCTAssertTrue(s.dialog == nil, "any other key cancels")
        send(&s, [.char("b"), .char("c")])
        XCTAssertTrue(s.dialog?.title.hasPrefix("Close") ?? false)
        let marked = Array(s.list.marked).sorted()
        XCTAssertFalse(marked.isEmpty)
        let confirmed = send(&s, [.char("y")])
        guard case .bulk(.close, let ids)? = confirmed.first, confirmed.count == 1 else { return XCTFail("\(confirmed)") }
        XCTAssertEqual(ids.sorted(), marked)
    }

    /// The marked cases go to a bulk change in the order the list shows them, sorted as the
    /// officer sorted it: its refusals and its undo name them so (they followed the order the
    /// rows were read in, found by an attack).
    func testBulkTakesTheMarkedCasesInTheListsOrder() {
        var s = makeState(rows: sampleRows(6))
        s.list.sortAscending.toggle()   // another order than the rows' own
        s.list.refilter()
        let shown = s.list.shown.map { s.list.rows.id($0) }
        XCTAssertNotEqual(shown, shown.sorted(), "the list is shown in an order of its own")
        send(&s, [.char("g"), .char(" "), .char(" "), .char(" "), .char("b"), .char("a")])
        guard case .form(let fs)? = s.stack.last, case .bulk(.assign, let ids) = fs.purpose else { return XCTFail() }
        XCTAssertEqual(ids, Array(shown.prefix(3)))
    }

    func testUndoKeyAsksTheRunner() {
        var s = makeState(rows: sampleRows(2))
        XCTAssertEqual(send(&s, [.char("u")]), [.undo])
        _ = Update.update(&s, .undone("Undid: response on CS-2022-0001", contacts: [1]))
        XCTAssertEqual(s.message?.text, "Undid: response on CS-2022-0001")
    }

    /// After an attack: 30,000 refusals were listed whole, off the screen, with no total.
    func testManyRefusalsAreCountedAndCut() {
        var s = makeState(rows: sampleRows(3))
        let refused = (1...500).map { "CS-2022-\($0): closed already." }
        _ = Update.update(&s, .bulkDone(said: "2 cases closed", refused: refused))
        let lines = s.dialog.map { DialogUpdate.shownLines($0, size: s.size) } ?? []
        XCTAssertEqual(lines.prefix(2), ["2 cases closed", "Not changed: 500 cases"])
        XCTAssertLessThanOrEqual(lines.count, s.size.height - 6, "the dialog fits the screen")
        XCTAssertEqual(lines.last, "  … and \(500 - (lines.count - 3)) more (j or down to see them)")
    }
}
