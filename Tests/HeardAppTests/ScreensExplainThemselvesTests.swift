@testable import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

/// Issue 10, "screens that explain themselves": the hint bar at narrow widths, the cursor on
/// the focus, one date format per screen, the bank-holiday horizon, messages that do not
/// outlive their screen.
extension ScreenKeysTests {
    func testEveryMainScreenKeepsHelpAndTheWayOutAt80And40Columns() {
        let all = screens()
        XCTAssertEqual(all.count, 8)
        for (name, s) in all {
            for width in [80, 40] {
                var f = Frame(width: width, height: 1)
                HintBar(Render.hints(s)).render(into: &f, rect: f.bounds)
                let bar = f.row(at: 0)
                XCTAssertTrue(bar.contains("? help"), "\(name) at \(width): \(bar)")
                XCTAssertTrue(bar.contains(name == "caseList" ? "q quit" : "q back"), "\(name) at \(width): \(bar)")
                XCTAssertFalse(bar.contains("…"), "\(name) at \(width): no hint is cut short: \(bar)")
            }
        }
    }

    func testTheCaseListDropsItsLeastImportantHintsFirst() {
        guard let list = screens().first?.1 else { return XCTFail() }
        var f = Frame(width: 80, height: 1)
        HintBar(Render.hints(list)).render(into: &f, rect: f.bounds)
        let bar = f.row(at: 0)
        // Opening and finding stay; the report and the action plan (also in ?) go first.
        XCTAssertTrue(bar.hasPrefix("enter open  / find  n new"), bar)
        XCTAssertFalse(bar.contains("R report"), bar)
        XCTAssertFalse(bar.contains("A actions"), bar)
        var wide = Frame(width: 200, height: 1)
        HintBar(Render.hints(list)).render(into: &wide, rect: wide.bounds)
        XCTAssertTrue(wide.row(at: 0).contains("R report"), wide.row(at: 0))
    }

    func testTheDetailOffersTheWorkflowOnlyWhereThereIsOne() {
        var s = makeState(rows: sampleRows(3))
        send(&s, [.enter])
        var compliment = complaint(id: 1)
        compliment.kind = .compliment
        _ = Update.update(&s, .caseLoaded(loaded(compliment, today: s.today)))
        XCTAssertFalse(Render.frame(s).rows().last?.contains("w workflow") ?? true)
        _ = Update.update(&s, .caseLoaded(loaded(complaint(id: 1), today: s.today)))
        XCTAssertTrue(Render.frame(s).rows().last?.contains("w workflow") ?? false, Render.frame(s).rows().last ?? "")
    }

    func testTheCursorSitsOnTheSelectedRowOfEveryScreen() {
        for (name, s) in screens() {
            let f = Render.frame(s)
            guard let c = f.cursor else { XCTFail("\(name): no cursor"); continue }
            // The detail has no selection: its cursor is on the first line shown.
            if name == "caseDetail" { XCTAssertEqual(c, Position(x: 0, y: 1)); continue }
            // The cursor's row is the one drawn selected.
            XCTAssertEqual(f[c.x + 1, c.y]?.role, .selection, "\(name): cursor at \(c) on \(f.row(at: c.y))")
        }
    }

    func testTheCursorSitsInTheFieldBeingTyped() {
        var s = makeState(rows: sampleRows(5))
        send(&s, [.char("/"), .char("C"), .char("S")])
        let f = Render.frame(s)
        // "/CS" on the status line, the cursor after the S.
        XCTAssertEqual(f.cursor, Position(x: 3, y: s.size.height - 2))
        var help = makeState(rows: sampleRows(5))
        send(&help, [.char("?")])
        let h = Render.frame(help)
        guard let c = h.cursor else { return XCTFail("no cursor in help") }
        XCTAssertTrue(h.row(at: c.y - 1).contains("Keys"), "the cursor is on help's first line: \(h.row(at: c.y))")
    }

    func testTheRunnerPlacesTheCursorAfterEveryDrawAndShowsItWhenAsked() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        for visible in [false, true] {
            var s = makeState(rows: sampleRows(5))
            s.cursorVisible = visible
            let backend = TestBackend(size: s.size)
            let runner = AppRunner(state: s, store: store, backend: backend)
            runner.presentFrame()
            XCTAssertEqual(backend.cursorPlacements.count, backend.frames.count)
            XCTAssertEqual(backend.cursorPlacements.last?.visible, visible)
            XCTAssertEqual(backend.cursor, backend.lastFrame?.cursor)
            XCTAssertNotNil(backend.cursor)
        }
    }
}
