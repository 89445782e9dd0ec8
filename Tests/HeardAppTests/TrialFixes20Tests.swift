@testable import HeardApp
import HeardCore
import HeardTestSupport
import TerminalUI
import Foundation
import XCTest

/// What the trials before session 20 found on the case list, its filter panel and bulk changes.
final class TrialFixes20Tests: XCTestCase {
    /// The help's lines as read: the box's borders gone, a wrapped description joined again.
    func helpText(_ f: Frame) -> String {
        f.rows().map { row in
            row.replacingOccurrences(of: "│", with: " ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: " ").split(separator: " ").joined(separator: " ")
    }

    /// At 80x24 the F line named "…, C&YP, lega…": a description longer than the box wraps
    /// under itself, so every filter is named whole, and nothing in the help is cut.
    func testTheHelpAt80ColumnsNamesEveryFilterWhole() {
        var s = makeState(rows: sampleRows(10), size: Size(width: 80, height: 24))
        send(&s, [.char("?")])
        let f = Render.frame(s)
        let box = f.rows().prefix(23)
        for row in box { XCTAssertFalse(row.contains("…"), "cut: \(row)") }
        guard let description = DefaultKeys.bindings.first(where: { $0.action == "filters" && $0.scope == "caseList" })?.description else {
            return XCTFail("the F binding")
        }
        XCTAssertTrue(helpText(f).contains(description), helpText(f))
        // The continuation sits under the description, not under the keys.
        guard let y = box.firstIndex(where: { $0.contains("Filters: state") }), y + 1 < box.count else { return XCTFail("F's line shown") }
        let first = Array(box[y]), next = Array(box[y + 1])
        guard let x = first.firstIndex(of: "F"), next.count > x + 2 else { return XCTFail() }
        XCTAssertEqual(String(next[x...].prefix(12)).trimmingCharacters(in: .whitespaces), "", "keys column left empty: \(box[y + 1])")
    }

    /// The README says what the panel filters by, as the help does.
    func testTheReadmeNamesThePanelsFiltersAsTheHelpDoes() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        XCTAssertTrue(readme.contains("filter panel (state, stage, service area, officer, kind, C&YP, legal hold)"))
        for name in FilterPanelState.fields { XCTAssertTrue(readme.lowercased().contains(name.lowercased()), name) }
    }
}

/// The filter panel (F): its `?` and choosing among many values.
final class FilterPanelTrialTests: XCTestCase {
    func panel(_ s: AppState) -> FilterPanelState? {
        if case .filters(let p)? = s.overlay { return p }
        return nil
    }

    /// The hint bar offered "? help" inside the panel and ? did nothing: it shows the panel's
    /// keys, and any other key goes back to the panel with what was chosen in it.
    func testQuestionMarkInThePanelShowsItsKeysAndComesBackToIt() {
        var s = makeState(rows: sampleRows(10), size: Size(width: 80, height: 24))
        send(&s, [.char("F"), .down, .right, .right])
        XCTAssertEqual(panel(s)?.filters.stage, 2)
        XCTAssertTrue(Render.hints(s).contains(Hint(key: "?", label: "help")), "\(Render.hints(s))")
        send(&s, [.char("?")])
        let text = Render.frame(s).rows().joined(separator: "\n")
        for description in ["Apply the filters", "Next value", "Previous value"] { XCTAssertTrue(text.contains(description), text) }
        XCTAssertFalse(text.contains("Quick entry"), "the panel's keys, not the list's: \(text)")
        send(&s, [.char("z")])
        XCTAssertEqual(panel(s)?.filters.stage, 2, "back in the panel, the stage still chosen")
        XCTAssertEqual(panel(s)?.focus, 1)
        send(&s, [.enter])
        XCTAssertNil(s.overlay)
        XCTAssertEqual(s.list.filters.stage, 2)
    }

    /// Esc closes the help, not the panel under it (as a dialog waits under its help).
    func testEscOnThePanelsHelpGoesBackToThePanel() {
        var s = makeState(rows: sampleRows(10))
        send(&s, [.char("F"), .char("?"), .escape])
        XCTAssertNotNil(panel(s))
        send(&s, [.escape])
        XCTAssertNil(s.overlay)
    }
}
