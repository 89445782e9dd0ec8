import XCTest
import TerminalUI

final class WidgetTests: XCTestCase {
    func testHintBarDropsWhatDoesNotFit() {
        let bar = HintBar([Hint(key: "n", label: "new"), Hint(key: "w", label: "workflow"), Hint(key: "?", label: "help")])
        var f = Frame(width: 20, height: 1)
        bar.render(into: &f, rect: f.bounds)
        assertFrame(f, ["n new  w workflow   "])
        XCTAssertEqual(f[0, 0]?.role, .hintKey)
        XCTAssertEqual(f[2, 0]?.role, .hint)
        // A hint that does not fit whole is dropped, not cut (only pinned ones are ever cut).
        var g = Frame(width: 14, height: 1)
        bar.render(into: &g, rect: g.bounds)
        assertFrame(g, ["n new         "])
    }

    func testHintsFromKeymapSkipUnbound() {
        var map = Keymap(defaults: [
            KeyBinding(scope: "caseList", action: "quickEntry", keys: [.char("n")], description: "new"),
            KeyBinding(scope: "caseList", action: "workflow", keys: [.char("w")], description: "workflow"),
        ])
        map.rebind("workflow", scope: "caseList", to: [])
        let hints = HintBar.hints(from: map, scope: "caseList", actions: [("quickEntry", "new"), ("workflow", "workflow")])
        XCTAssertEqual(hints, [Hint(key: "n", label: "new")])
    }

    func testADialogWrapsALongLineInsteadOfCuttingIt() {
        let d = Dialog(title: "Letter", lines: ["Saving it records its acknowledgement on 2022-06-15 too.", "  • an indented point that runs on"],
                       buttons: [Hint(key: "y", label: "save")])
        var f = Frame(width: 30, height: 10)
        d.render(into: &f, area: f.bounds)
        assertFrame(f, [
            "┌ Letter ────────────────────┐",
            "│ Saving it records its      │",
            "│ acknowledgement on         │",
            "│ 2022-06-15 too.            │",
            "│   • an indented point that │",
            "│   runs on                  │",
            "│                            │",
            "│ [y] save                   │",
            "└────────────────────────────┘",
            "                              ",
        ])
    }

    func testTheHelpWrapsALongDescriptionUnderItselfInsteadOfCuttingIt() {
        let map = Keymap(defaults: [
            KeyBinding(scope: "s", action: "filters", keys: [.char("F")], description: "Filters: state, stage, service area, officer"),
            KeyBinding(scope: "s", action: "sort", keys: [.char("s")], description: "Sort"),
        ])
        var f = Frame(width: 30, height: 8)
        HelpOverlay(keymap: map, scopes: ["s"], title: "Keys").render(into: &f, area: f.bounds)
        assertFrame(f, [
            "                              ",
            "┌ Keys ──────────────────────┐",
            "│ F  Filters: state, stage,  │",
            "│    service area, officer   │",
            "│ s  Sort                    │",
            "└────────────────────────────┘",
            "                              ",
            "                              ",
        ])
    }

    func testDialogCentredAndClipped() {
        let d = Dialog(title: "Close case", lines: ["Close C-0001?", "李小龍 will be told."], buttons: [Hint(key: "y", label: "close"), Hint(key: "esc", label: "cancel")])
        var f = Frame(width: 34, height: 9)
        d.render(into: &f, area: f.bounds)
        assertFrame(f, [
            "                                  ",
            "   ┌ Close case ─────────────┐    ",
            "   │ Close C-0001?           │    ",
            "   │ 李小龍 will be told.    │    ",
            "   │                         │    ",
            "   │ [y] close  [esc] cancel │    ",
            "   └─────────────────────────┘    ",
            "                                  ",
            "                                  ",
        ])
        var small = Frame(width: 12, height: 4)
        d.render(into: &small, area: small.bounds)
        // Too narrow for both buttons on one line: each gets a line, before the message.
        assertFrame(small, [
            "┌ Close c… ┐",
            "│ [y] clos │",
            "│ [esc] ca │",
            "└──────────┘",
        ])
        // Narrower than the buttons but tall enough: every choice shows, on two lines.
        var narrow = Frame(width: 26, height: 9)
        d.render(into: &narrow, area: narrow.bounds)
        assertFrame(narrow, [
            "                          ",
            "┌ Close case ────────────┐",
            "│ Close C-0001?          │",
            "│ 李小龍 will be told.   │",
            "│                        │",
            "│ [y] close              │",
            "│ [esc] cancel           │",
            "└────────────────────────┘",
            "                          ",
        ])
        var tiny = Frame(width: 1, height: 1)
        d.render(into: &tiny, area: tiny.bounds)
        XCTAssertEqual(tiny.rows(), [" "])
    }

    func testListView() {
        var f = Frame(width: 8, height: 3)
        var s = SelectionState()
        s.select(4, count: 6, visibleRows: 3)
        ListView().render(into: &f, rect: f.bounds, state: s, items: ["one", "two", "three", "four", "five", "six"])
        assertFrame(f, ["three   ", "four    ", "five    "])
        XCTAssertEqual(f[0, 2]?.role, .selection)
    }

    func testMessageExpiry() {
        let m = Message("Saved", now: 10, duration: 5)
        XCTAssertFalse(m.isExpired(at: 14))
        XCTAssertTrue(m.isExpired(at: 15))
        XCTAssertEqual(Message("x", kind: .error, now: 0).role, .messageError)
        var f = Frame(width: 8, height: 1)
        Message("Conflict: reload", kind: .error, now: 0).render(into: &f, rect: f.bounds)
        assertFrame(f, ["Conflic…"])
        XCTAssertEqual(f[0, 0]?.role, .messageError)
    }

    func testTestBackendRecordsFramesAndPlaysKeys() {
        let backend = TestBackend(size: Size(width: 10, height: 2), keys: [.char("j"), .enter])
        var f = Frame(size: backend.size)
        f.put("hi", x: 0, y: 0)
        backend.present(f)
        XCTAssertEqual(backend.lastFrame?.rows(), ["hi        ", "          "])
        XCTAssertEqual(backend.readKey(timeoutMilliseconds: 0), .char("j"))
        XCTAssertEqual(backend.readKey(timeoutMilliseconds: 0), .enter)
        XCTAssertNil(backend.readKey(timeoutMilliseconds: 0))
        backend.suspend()
        XCTAssertTrue(backend.isSuspended)
        backend.resume()
        backend.shutdown()
        XCTAssertTrue(backend.isShutDown)
        XCTAssertEqual(backend.frames.count, 1)
    }
}
