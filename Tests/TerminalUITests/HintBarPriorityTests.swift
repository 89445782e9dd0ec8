import XCTest
import TerminalUI

/// The hint bar at narrow widths: what gives way first, and what never does.
final class HintBarPriorityTests: XCTestCase {
    let hints = [
        Hint(key: "enter", label: "open", priority: 5), Hint(key: "/", label: "find", priority: 4), Hint(key: "n", label: "new", priority: 3),
        Hint(key: "w", label: "workflow", priority: 1), Hint(key: "R", label: "report", priority: 2),
        Hint(key: "?", label: "help", priority: Hint.pinned), Hint(key: "q", label: "quit", priority: Hint.pinned),
    ]

    func testEverythingShowsWhenThereIsRoom() {
        var f = Frame(width: 80, height: 1)
        HintBar(hints).render(into: &f, rect: f.bounds)
        XCTAssertEqual(f.row(at: 0).trimmingCharacters(in: .whitespaces), "enter open  / find  n new  w workflow  R report  ? help  q quit")
    }

    func testLowestPriorityGoesFirstAndOrderIsKept() {
        // 40 cells: "enter open  / find  n new  ? help  q quit" is 41, so n goes too.
        XCTAssertEqual(HintBar(hints).fitting(width: 40).map(\.key), ["enter", "/", "?", "q"])
        XCTAssertEqual(HintBar(hints).fitting(width: 52).map(\.key), ["enter", "/", "n", "R", "?", "q"])
        var f = Frame(width: 40, height: 1)
        HintBar(hints).render(into: &f, rect: f.bounds)
        XCTAssertEqual(f.row(at: 0), "enter open  / find  ? help  q quit      ")
    }

    func testPinnedHintsStayEvenWhenNothingElseFits() {
        XCTAssertEqual(HintBar(hints).fitting(width: 14).map(\.key), ["?", "q"])
        var f = Frame(width: 12, height: 1)
        HintBar(hints).render(into: &f, rect: f.bounds)
        // Even the pinned pair is too wide: the last label is cut, its key kept.
        XCTAssertEqual(f.row(at: 0), "? help  q q…")
    }

    func testEqualPrioritiesDropTheLaterOne() {
        let plain = [Hint(key: "a", label: "one"), Hint(key: "b", label: "two"), Hint(key: "c", label: "three")]
        XCTAssertEqual(HintBar(plain).fitting(width: 12).map(\.key), ["a", "b"])
    }

    func testPriorityIsNotPartOfAHintsIdentity() {
        XCTAssertEqual(Hint(key: "?", label: "help", priority: 1), Hint(key: "?", label: "help", priority: Hint.pinned))
    }
}
