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
