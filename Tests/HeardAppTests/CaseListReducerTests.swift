import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

final class CaseListReducerTests: XCTestCase {
    func testFilterThenClearRestoresOrder() {
        var s = makeState(rows: sampleRows(50))
        let before = s.list.visibleSummaries.map(\.reference)
        send(&s, [.char("/"), .char("z"), .char("o"), .char("e"), .enter])
        XCTAssertFalse(s.list.visibleSummaries.isEmpty)
        XCTAssertEqual(s.list.visibleSummaries.map(\.complainantName).allSatisfy { $0.hasPrefix("Zoë") }, true)
        send(&s, [.char("F"), .right, .down, .right, .right, .enter])
        XCTAssertEqual(s.list.filters.state, .open)
        XCTAssertEqual(s.list.filters.stage, 2)
        send(&s, [.char("x")])
        XCTAssertEqual(s.list.visibleSummaries.map(\.reference), before)
    }
}

func makeState(rows: [CaseRow], size: Size = Size(width: 80, height: 24), readOnly: Bool = false) -> AppState {
    let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: readOnly)
    var s = AppState(size: size, today: day("2022-03-15"), readOnly: readOnly, databaseLabel: "test.sqlite", unicode: true, keymap: keymap)
    _ = Update.update(&s, .casesLoaded(CaseRows(rows), emptyDatabase: rows.isEmpty))
    return s
}

@discardableResult
func send(_ s: inout AppState, _ keys: [Key]) -> [Effect] {
    var out: [Effect] = []
    for k in keys { out += Update.update(&s, .key(k)) }
    return out
}

func sampleRows(_ n: Int) -> [CaseRow] {
    let names = ["Zoë Hughes", "李小龍", "Alex Smith", "Sam Jones"]
    return (0..<n).map { i in
        let received = day("2022-03-01").adding(days: -i * 3)
        let open = i % 3 == 0
        return CaseRow(CaseSummary(id: Int64(i + 1), reference: "CS-2022-\(String(format: "%04d", i + 1))", kind: i % 5 == 4 ? .compliment : .complaint,
                                   received: received, serviceArea: ["Care Leavers", "Adoption", "Fostering Service"][i % 3], team: "",
                                   complainantName: names[i % names.count], isChildOrYoungPerson: i % 4 == 1, officer: ["Helen Sanderson", "Kate Richardson"][i % 2],
                                   summary: "Summary \(i)", stage: i % 5 == 4 ? nil : (i % 7 == 0 ? 2 : 1), status: open ? .open : .closed,
                                   due: open ? received.adding(days: 14) : nil, overdue: open && received.adding(days: 14) < day("2022-03-15"),
                                   paused: false, extended: false, daysLeft: open ? 3 : nil, version: 1))
    }
}

final class CaseListKeysTests: XCTestCase {
    func testATooSmallTerminalNeitherQuitsOnEscNorThrowsAwayAForm() {
        var s = makeState(rows: sampleRows(10))
        _ = Update.update(&s, .resize(Size(width: 30, height: 8)))
        send(&s, [.escape])
        XCTAssertFalse(s.quit, "Esc on the list does not quit at any size")
        // A form with typing in it, then the terminal shrinks: q and Esc leave it as it is.
        _ = Update.update(&s, .resize(Size(width: 80, height: 24)))
        send(&s, [.char("n"), .char("Z"), .char("o")])
        guard case .form? = s.stack.last else { return XCTFail("quick entry opened") }
        _ = Update.update(&s, .resize(Size(width: 30, height: 8)))
        XCTAssertTrue(Render.frame(s).rows().joined().contains("Enlarge it to go on."))
        send(&s, [.char("q"), .escape, .char("q")])
        guard case .form? = s.stack.last else { return XCTFail("the form is still open") }
        XCTAssertFalse(s.quit)
        // Back on the list, q quits even when too small, as the screen says.
        _ = Update.update(&s, .resize(Size(width: 80, height: 24)))
        send(&s, [.escape, .char("y")])
        XCTAssertTrue(s.stack.isEmpty)
        _ = Update.update(&s, .resize(Size(width: 30, height: 8)))
        XCTAssertTrue(Render.frame(s).rows().joined().contains("q quits"))
        send(&s, [.char("q")])
        XCTAssertTrue(s.quit)
    }

    func testMovementKeepsSelectionVisibleAndOpenAsksForTheCase() {
        var s = makeState(rows: sampleRows(100))
        send(&s, [.char("j"), .char("j"), .down])
        XCTAssertEqual(s.list.selection.selected, 3)
        send(&s, [.char("G")])
        XCTAssertEqual(s.list.selection.selected, 99)
        XCTAssertGreaterThan(s.list.selection.offset, 0)
        send(&s, [.char("g")])
        XCTAssertEqual(s.list.selection.selected, 0)
        send(&s, [.pageDown])
        XCTAssertEqual(s.list.selection.selected, s.tableRowsForTests - 1)
        let effects = send(&s, [.enter])
        XCTAssertEqual(effects, [.loadCase(s.list.visibleSummaries[s.tableRowsForTests - 1].id)])
        guard case .detail? = s.stack.last else { return XCTFail("detail pushed") }
        send(&s, [.escape])
        XCTAssertTrue(s.stack.isEmpty)
        XCTAssertEqual(send(&s, [.char("q")]), [.quit])
        XCTAssertTrue(s.quit)
    }

    func testNarrowAsYouTypeEnterKeepsEscClears() {
        var s = makeState(rows: sampleRows(40))
        send(&s, [.char("/"), .char("2"), .char("2"), .char("-"), .char("0"), .char("0"), .char("0"), .char("7")])
        XCTAssertEqual(s.list.visibleSummaries.map(\.reference), ["CS-2022-0007"])
        send(&s, [.backspace])
        XCTAssertEqual(s.list.shown.count, 9, "deleting a character widens again: 0001-0009")
        send(&s, [.char("7"), .enter])
        XCTAssertEqual(s.list.query, "22-0007")
        XCTAssertNil(s.list.queryInput)
        XCTAssertEqual(s.list.shown.count, 1)
        send(&s, [.char("/"), .escape])
        XCTAssertEqual(s.list.query, "")
        XCTAssertEqual(s.list.shown.count, 40)
        send(&s, [.char("/")] + "zoe".map { Key.char($0) })
        XCTAssertEqual(s.list.shown.count, 10, "accent-insensitive: zoe finds Zoë")
        send(&s, [.escape, .char("/")] + "李".map { Key.char($0) })
        XCTAssertEqual(s.list.shown.count, 10)
    }

    func testTheFirstLetterTypedNarrowsTheSortedFilteredRowsAsAFreshFilterWould() {
        // The first letter filters the rows shown (already filtered and sorted) instead of every
        // row: the answer must be what filtering every row afresh gives, for every sort and filter.
        for column in CaseColumn.allCases {
            for state in StateFilter.allCases {
                var s = makeState(rows: sampleRows(60))
                s.list.sortColumn = column
                s.list.sortAscending = column.rawValue % 2 == 0
                s.list.filters.state = state
                s.list.refilter()
                send(&s, [.char("/"), .char("o")])
                var fresh = s.list
                fresh.refilter(keepSelection: false)
                XCTAssertEqual(s.list.shown, fresh.shown, "\(column) \(state)")
                XCTAssertEqual(s.list.selection.selected, 0)
                send(&s, [.char("e")])
                fresh = s.list
                fresh.refilter(keepSelection: false)
                XCTAssertEqual(s.list.shown, fresh.shown, "\(column) \(state)")
                XCTAssertLessThan(s.list.shown.count, 60)
            }
        }
    }

    func testStateFilterCyclesAndSortingByEveryColumn() {
        var s = makeState(rows: sampleRows(30))
        send(&s, [.char("f")])
        XCTAssertEqual(s.list.filters.state, .open)
        XCTAssertFalse(s.list.visibleSummaries.isEmpty)
        XCTAssertTrue(s.list.visibleSummaries.allSatisfy { $0.status.isActive })
        send(&s, [.char("f")])
        XCTAssertEqual(s.list.filters.state, .overdue)
        XCTAssertFalse(s.list.visibleSummaries.isEmpty)
        XCTAssertTrue(s.list.visibleSummaries.allSatisfy(\.overdue))
        send(&s, [.char("f"), .char("f")])
        XCTAssertEqual(s.list.filters.state, .closed)
        XCTAssertFalse(s.list.visibleSummaries.isEmpty)
        XCTAssertTrue(s.list.visibleSummaries.allSatisfy { !$0.status.isActive })
        send(&s, [.char("x")])
        for _ in CaseColumn.allCases {
            send(&s, [.char("s")])
            let col = s.list.sortColumn
            let rows = s.list.visibleSummaries
            XCTAssertEqual(rows.count, 30)
            if col == .reference { XCTAssertEqual(rows.map(\.reference), rows.map(\.reference).sorted()) }
            if col == .complainant { XCTAssertEqual(rows.map(\.complainantName), rows.map(\.complainantName).sorted()) }
            send(&s, [.char("S")])
            if col == .reference { XCTAssertEqual(s.list.visibleSummaries.map(\.reference), rows.map(\.reference).sorted().reversed()) }
            send(&s, [.char("S")])
        }
    }

    func testMarksAreCountedAndSurviveFiltering() {
        var s = makeState(rows: sampleRows(20))
        send(&s, [.char(" "), .char(" ")])
        XCTAssertEqual(s.list.marked.count, 2)
        let frame = Render.frame(s)
        XCTAssertTrue(frame.row(at: 0).contains("2 marked"), frame.row(at: 0))
        send(&s, [.char("f"), .char("x")])
        XCTAssertEqual(s.list.marked.count, 2)
        send(&s, [.char("*")])
        XCTAssertEqual(s.list.marked.count, 20)
        send(&s, [.char("*")])
        XCTAssertEqual(s.list.marked.count, 0)
    }

    /// The panel's officers in the order people count them: "Officer 2" comes second, not after
    /// "Officer 19" (found by a trial: reaching Officer 29 took 22 presses).
    func testFilterPanelOfficersAreInNaturalOrder() {
        let officers = ["Officer 10", "Officer 2", "Officer 1", "Officer 19"]
        let rows = (0..<8).map { i in
            CaseRow(CaseSummary(id: Int64(i + 1), reference: "CS-2022-000\(i + 1)", kind: .complaint, received: day("2022-03-01"),
                                serviceArea: "Adoption", team: "", complainantName: "A Name", isChildOrYoungPerson: false,
                                officer: officers[i % officers.count], summary: "s", stage: 1, status: .open, due: nil, overdue: false,
                                paused: false, extended: false, daysLeft: nil, version: 1))
        }
        var s = makeState(rows: rows)
        send(&s, [.char("F"), .down, .down, .down, .right, .right, .enter])
        XCTAssertEqual(s.list.filters.officer, "Officer 2")
    }

    func testFilterPanelStageAreaOfficerKindAndCYP() {
        var s = makeState(rows: sampleRows(60))
        send(&s, [.char("F"), .down, .right, .right, .enter])
        XCTAssertEqual(s.list.filters.stage, 2)
        XCTAssertFalse(s.list.visibleSummaries.isEmpty)
        XCTAssertTrue(s.list.visibleSummaries.allSatisfy { $0.stage == 2 })
        send(&s, [.char("x"), .char("F"), .down, .down, .right, .down, .right, .down, .right, .down, .right, .enter])
        XCTAssertNotNil(s.list.filters.serviceArea)
        XCTAssertNotNil(s.list.filters.officer)
        XCTAssertEqual(s.list.filters.kind, .complaint)
        XCTAssertEqual(s.list.filters.childOrYoungPerson, true)
        for r in s.list.visibleSummaries {
            XCTAssertEqual(r.serviceArea, s.list.filters.serviceArea)
            XCTAssertEqual(r.officer, s.list.filters.officer)
            XCTAssertTrue(r.isChildOrYoungPerson)
        }
        send(&s, [.char("F"), .escape])
        XCTAssertNil(s.overlay, "Esc cancels the panel")
    }

    func testUserKeymapRebindsAndUnbinds() {
        let (keymap, errors) = DefaultKeys.keymap(overrides: "[caseList]\nsortNext = \"o\"\nstateFilter = \"\"\n[list]\ndown = [\"j\", \"ctrl-n\"]\n", file: "keys.toml", readOnly: false)
        XCTAssertEqual(errors, [])
        var s = AppState(size: Size(width: 80, height: 24), today: day("2022-03-15"), readOnly: false, databaseLabel: "x", unicode: true, keymap: keymap)
        _ = Update.update(&s, .casesLoaded(CaseRows(sampleRows(10)), emptyDatabase: false))
        send(&s, [.char("o")])
        XCTAssertNotEqual(s.list.sortColumn, .received)
        send(&s, [.char("f")])
        XCTAssertEqual(s.list.filters.state, .all, "unbound")
        let before = s.list.selection.selected
        send(&s, [.ctrl("n")])
        XCTAssertEqual(s.list.selection.selected, before + 1)
        let (_, bad) = DefaultKeys.keymap(overrides: "[caseList]\nfly = \"z\"\n", file: "keys.toml", readOnly: false)
        XCTAssertEqual(bad.count, 1)
        XCTAssertTrue(bad[0].contains("keys.toml:2"), bad[0])
    }

    func testReadOnlyHasNoEditActions() {
        var s = makeState(rows: sampleRows(5), readOnly: true)
        for a in DefaultKeys.editActions {
            for scope in ["global", "caseList", "caseDetail", "list"] { XCTAssertTrue(s.keymap.keys(for: a, scope: scope).isEmpty, a) }
        }
        send(&s, [.char("n")])
        XCTAssertTrue(s.stack.isEmpty)
    }

    func testExternalChangeReloadsListAndOpenCase() {
        var s = makeState(rows: sampleRows(5))
        XCTAssertEqual(Update.update(&s, .externalChange(contacts: nil)), [.loadCases], "unknown changes reload every row")
        XCTAssertEqual(Update.update(&s, .externalChange(contacts: [3])), [.refreshRows([3])], "known ones refresh those rows")
        send(&s, [.enter])
        let id = s.list.visibleSummaries[0].id
        XCTAssertEqual(Update.update(&s, .externalChange(contacts: [id])), [.refreshRows([id]), .loadCase(id)])
    }

    func testRefreshedRowsUpdateInPlaceInsertInOrderAndDropTheGone() {
        var s = makeState(rows: sampleRows(10))
        let order = s.list.visibleSummaries.map(\.id)
        var changed = s.list.rows[3].summary
        changed.officer = "Someone Else"
        _ = Update.update(&s, .rowsRefreshed([CaseRow(changed)], requested: [changed.id]))
        XCTAssertEqual(s.list.visibleSummaries.map(\.id), order, "an update that does not move the row keeps the order")
        XCTAssertEqual(s.list.rows[3].summary.officer, "Someone Else")
        var newest = s.list.rows[0].summary
        newest.id = 99
        newest.reference = "CS-2022-0099"
        newest.received = day("2022-03-10")
        _ = Update.update(&s, .rowsRefreshed([CaseRow(newest)], requested: [99]))
        XCTAssertEqual(s.list.visibleSummaries.first?.id, 99, "a new row goes where the sort puts it (newest received first)")
        _ = Update.update(&s, .rowsRefreshed([], requested: [99]))
        XCTAssertEqual(s.list.visibleSummaries.map(\.id), order, "a row asked for and not returned is gone (an undone create)")
    }
}

extension AppState {
    var tableRowsForTests: Int { max(1, size.height - 4) }
}
