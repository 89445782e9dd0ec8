import XCTest
import TerminalUI

final class TableViewTests: XCTestCase {
    let names = ["Zoë Smith", "李小龍", "Amir Khan", "Zoe\u{0308} Jones", "👩‍👧 Family", "Bob"]
    let statuses = ["overdue", "due-soon", "ok", "paused", "closed", "extended"]

    var table: TableView {
        TableView(columns: [
            TableColumn("Ref", minWidth: 8),
            TableColumn("Complainant", minWidth: 8, maxWidth: 20, flex: 2),
            TableColumn("Area", minWidth: 6, flex: 1),
            TableColumn("Due", minWidth: 3, alignment: .right),
            TableColumn("", minWidth: 1),
        ])
    }

    func row(_ i: Int) -> TableRow {
        let status = statuses[i % statuses.count]
        return TableRow([
            String(format: "C-%04d", i + 1),
            names[i % names.count],
            i % 2 == 0 ? "Care Leavers" : "Fostering Service",
            String(i % 20),
            StatusGlyphs.glyph(for: status, unicode: true),
        ], cellRoles: [nil, nil, nil, nil, Role("status." + status)])
    }

    func testTheSortArrowShowsInANarrowColumn() {
        let narrow = TableView(columns: [TableColumn("Reference", minWidth: 5, maxWidth: 5), TableColumn("St", minWidth: 2, maxWidth: 2)])
        for (column, ascending) in [(0, true), (1, false)] {
            var f = Frame(width: 8, height: 3)
            narrow.render(into: &f, rect: f.bounds, state: TableState(sortColumn: column, sortAscending: ascending), rowCount: 0) { _ in TableRow([]) }
            let header = f.rows()[0]
            XCTAssertTrue(header.contains(ascending ? "▲" : "▼"), header)
            // A letter of the title, not an ellipsis, beside the arrow in a two-cell column.
            if column == 1 {
                var wide = Frame(width: 9, height: 3)
                narrow.render(into: &wide, rect: wide.bounds, state: TableState(sortColumn: 1, sortAscending: false), rowCount: 0) { _ in TableRow([]) }
                XCTAssertTrue(wide.rows()[0].hasSuffix("S▼"), wide.rows()[0])
            }
        }
    }

    func testAsksOnlyForVisibleRows() {
        var asked: [Int] = []
        var f = Frame(width: 80, height: 24)
        var state = TableState()
        state.selection.select(500, count: 100_000, visibleRows: 23)
        table.render(into: &f, rect: f.bounds, state: state, rowCount: 100_000) { i in asked.append(i); return self.row(i) }
        XCTAssertEqual(asked.count, 23)
        XCTAssertEqual(asked.first, 478)
        XCTAssertEqual(asked.last, 500)
    }

    func testSelectionStaysVisible() {
        var s = SelectionState()
        let visible = 5
        for _ in 0..<12 { s.handle(.down, count: 50, visibleRows: visible) }
        XCTAssertEqual(s.selected, 12)
        XCTAssertEqual(s.offset, 8)
        s.handle(.pageUp, count: 50, visibleRows: visible)
        XCTAssertEqual(s.selected, 8)
        XCTAssertEqual(s.offset, 8)
        s.handle(.char("k"), count: 50, visibleRows: visible)
        XCTAssertEqual(s.selected, 7)
        XCTAssertEqual(s.offset, 7)
        s.handle(.char("G"), count: 50, visibleRows: visible)
        XCTAssertEqual(s.selected, 49)
        XCTAssertEqual(s.offset, 45)
        s.handle(.char("g"), count: 50, visibleRows: visible)
        XCTAssertEqual(s, SelectionState(selected: 0, offset: 0))
        s.handle(.up, count: 50, visibleRows: visible)
        XCTAssertEqual(s.selected, 0)
        // Rows removed under the selection: clamp.
        s.select(49, count: 50, visibleRows: visible)
        XCTAssertEqual(SelectionState(selected: 49, offset: 45).clampedOffset(count: 10, visibleRows: 5), 5)
        // Window grows: the offset shrinks so no blank rows are shown.
        XCTAssertEqual(SelectionState(selected: 49, offset: 45).clampedOffset(count: 50, visibleRows: 20), 30)
    }

    func testColumnWidths() {
        XCTAssertEqual(table.columnWidths(totalWidth: 80), [8, 20, 43, 3, 1])
        XCTAssertEqual(table.columnWidths(totalWidth: 30), [8, 9, 6, 3, 0])
        XCTAssertEqual(table.columnWidths(totalWidth: 10), [8, 0, 0, 0, 0])
    }

    func testSnapshot80x24() {
        var f = Frame(width: 80, height: 24)
        var state = TableState(sortColumn: 1, sortAscending: false)
        state.selection.select(2, count: 6, visibleRows: 23)
        state.marked = [1, 3]
        table.render(into: &f, rect: f.bounds, state: state, rowCount: 6, row: row)
        assertFrame(f, [
            " Ref      Complainant▼         Area                                        Due  ",
            " C-0001   Zoë Smith            Care Leavers                                  0 !",
            "●C-0002   李小龍               Fostering Service                             1 ◷",
            " C-0003   Amir Khan            Care Leavers                                  2 ·",
            "●C-0004   Zoë Jones            Fostering Service                             3 ‖",
            " C-0005   👩‍👧 Family            Care Leavers                                  4 ✓",
            " C-0006   Bob                  Fostering Service                             5 +",
        ] + Array(repeating: String(repeating: " ", count: 80), count: 17))
        XCTAssertEqual(f[0, 3]?.role, .selection)
        XCTAssertEqual(f[79, 1]?.role, Role("status.overdue"))
        XCTAssertEqual(f[79, 3]?.role, .selection, "selection wins over the status role")
        XCTAssertEqual(f[0, 0]?.role, .header)
        XCTAssertEqual(f[0, 2]?.role, .mark)
        for y in 0..<24 { XCTAssertEqual(displayWidth(f.rows()[y]), 80, "row \(y)") }
    }

    func testSnapshot30x8ScrolledWithAsciiGlyphs() {
        var f = Frame(width: 30, height: 8)
        var t = table
        t.glyphs = .ascii
        var state = TableState(sortColumn: 0)
        state.selection.select(9, count: 12, visibleRows: 7)
        t.render(into: &f, rect: f.bounds, state: state, rowCount: 12, row: row)
        assertFrame(f, [
            " Ref^     Complain~ Area   Due",
            " C-0004   Zoë Jones Foste~   3",
            " C-0005   👩‍👧 Family Care ~   4",
            " C-0006   Bob       Foste~   5",
            " C-0007   Zoë Smith Care ~   6",
            " C-0008   李小龍    Foste~   7",
            " C-0009   Amir Khan Care ~   8",
            " C-0010   Zoë Jones Foste~   9",
        ])
    }

    func testTooSmallDoesNotCrash() {
        for (w, h) in [(0, 0), (1, 1), (5, 2), (3, 1)] {
            var f = Frame(width: w, height: h)
            table.render(into: &f, rect: f.bounds, state: TableState(), rowCount: 3, row: row)
            XCTAssertEqual(f.rows().count, h)
        }
    }

    func testSortAndMarkState() {
        var s = TableState()
        s.sort(by: 2)
        XCTAssertEqual(s.sortColumn, 2)
        XCTAssertTrue(s.sortAscending)
        s.sort(by: 2)
        XCTAssertFalse(s.sortAscending)
        s.toggleMark()
        XCTAssertEqual(s.marked, [0])
        s.toggleMark()
        XCTAssertEqual(s.marked, [])
    }

    func testRender200x60IsCheap() {
        let big = TableView(columns: (0..<8).map { TableColumn("Col\($0)", minWidth: 10, flex: 1) })
        let rows = (0..<60).map { i in TableRow((0..<8).map { "cell \(i)-\($0) text" }) }
        let start = Date()
        let n = 50
        for _ in 0..<n {
            var f = Frame(width: 200, height: 60)
            big.render(into: &f, rect: f.bounds, state: TableState(), rowCount: 100_000) { rows[$0 % 60] }
        }
        let perFrame = Date().timeIntervalSince(start) / Double(n)
        // Release builds take well under 1 ms; debug builds are several times slower.
        XCTAssertLessThan(perFrame, 0.05)
        print("table frame 200x60: \(String(format: "%.3f", perFrame * 1000)) ms")
    }
}
