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
        XCTAssertTrue(readme.contains("filter panel (state, stage, service area, officer, kind, C&YP, legal hold"))
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

    /// 40 officers, as the trial had them, and the demo's names.
    func officersState() -> AppState {
        let officers = (1...40).map { "Officer \($0)" } + ["Helen Sanderson", "Kate Richardson", "James Kirk", "Qasim Ali"]
        let rows = officers.enumerated().map { i, officer in
            CaseRow(CaseSummary(id: Int64(i + 1), reference: "CS-2022-\(String(format: "%04d", i + 1))", kind: .complaint, received: day("2022-03-01"),
                                serviceArea: ["Adoption", "Care Leavers", "Fostering Service"][i % 3], team: "", complainantName: "A Name",
                                isChildOrYoungPerson: false, officer: officer, summary: "s", stage: 1, status: .open, due: nil, overdue: false,
                                paused: false, extended: false, daysLeft: nil, version: 1))
        }
        return makeState(rows: rows)
    }

    func type(_ s: inout AppState, _ text: String) { send(&s, text.map { Key.char($0) }) }

    /// Officer 29 took 29 presses of →: typing a few letters of the name chooses it, as a
    /// form's choice field completes (the value that begins with them, else holds them).
    func testTypingInThePanelJumpsToTheValueThatMatches() {
        var s = officersState()
        send(&s, [.char("F"), .down, .down, .down])
        type(&s, "officer 29")
        XCTAssertEqual(panel(s)?.filters.officer, "Officer 29")
        send(&s, [.enter])
        XCTAssertEqual(s.list.filters.officer, "Officer 29")
        XCTAssertEqual(s.list.visibleSummaries.map(\.officer), ["Officer 29"])

        // Names that begin with a letter the panel binds (h, j, k, l, as in lists) are typed with
        // their capital, as they are written; other letters begin typing as they are.
        for (typed, officer) in [("Kate", "Kate Richardson"), ("Helen", "Helen Sanderson"), ("James", "James Kirk"), ("ric", "Kate Richardson")] {
            send(&s, [.char("F"), .down, .down, .down])
            type(&s, typed)
            XCTAssertEqual(panel(s)?.filters.officer, officer, typed)
            send(&s, [.escape, .escape])
        }
        // Once typing has begun, q is a letter too.
        send(&s, [.char("F"), .down, .down, .down, .char("Q"), .char("a"), .char("q")])
        XCTAssertEqual(panel(s)?.filters.officer, "Qasim Ali")
        XCTAssertEqual(panel(s)?.typed, "Qa", "the q typed, not back: it matched nothing after Qa, so it was not kept")
    }

    /// The other filters take typing too: the same rule on their own values.
    func testTypingChoosesTheOtherFiltersValues() {
        var s = officersState()
        send(&s, [.char("F")])
        type(&s, "ov")
        XCTAssertEqual(panel(s)?.filters.state, .overdue)
        send(&s, [.down])
        type(&s, "2")
        XCTAssertEqual(panel(s)?.filters.stage, 2)
        send(&s, [.down])
        type(&s, "car")
        XCTAssertEqual(panel(s)?.filters.serviceArea, "Care Leavers")
        send(&s, [.down, .down])
        type(&s, "comp")
        XCTAssertEqual(panel(s)?.filters.kind, .complaint)
        send(&s, [.down])
        type(&s, "y")
        XCTAssertEqual(panel(s)?.filters.childOrYoungPerson, true)
        send(&s, [.enter])
        XCTAssertEqual(s.list.filters.serviceArea, "Care Leavers")
        XCTAssertEqual(s.list.filters.stage, 2)
    }

    /// A letter that matches nothing is said and not kept; backspace takes one back; ←→ go
    /// between the values that match; Esc puts back the value from before the typing.
    func testASlipBackspaceArrowsAndEscWhileTyping() {
        var s = officersState()
        send(&s, [.char("F"), .down, .down, .down])
        type(&s, "officer 3")
        XCTAssertEqual(panel(s)?.filters.officer, "Officer 3")
        let footer = { (s: AppState) in Render.frame(s).rows().first { $0.contains("match") } ?? "" }
        XCTAssertTrue(footer(s).contains("“officer 3”: 11 matches, ←→ among them "), "whole: \(footer(s))")
        type(&s, "z")
        XCTAssertEqual(panel(s)?.filters.officer, "Officer 3", "kept")
        XCTAssertEqual(panel(s)?.typed, "officer 3")
        XCTAssertTrue(footer(s).contains("No officer matches “officer 3z”"), footer(s))
        send(&s, [.right])
        XCTAssertEqual(panel(s)?.filters.officer, "Officer 30", "the next of those matching, not Officer 4")
        send(&s, [.left, .left])
        XCTAssertEqual(panel(s)?.filters.officer, "Officer 39", "round to the last of them")
        send(&s, [.backspace])
        XCTAssertEqual(panel(s)?.typed, "officer ")
        send(&s, [.escape])
        XCTAssertNil(panel(s)?.filters.officer, "the value from before the typing")
        XCTAssertNotNil(panel(s), "the first Esc only undoes the typing")
        send(&s, [.escape])
        XCTAssertNil(s.overlay)
        XCTAssertNil(s.list.filters.officer)
    }

    /// Moving to another filter keeps the value typed; ? is still help while typing.
    func testMovingOnKeepsTheValueAndQuestionMarkIsHelpWhileTyping() {
        var s = officersState()
        send(&s, [.char("F"), .down, .down, .down])
        type(&s, "Kat")
        send(&s, [.char("?")])
        guard case .help(_, let under?)? = s.overlay else { return XCTFail("? opens the panel's help") }
        XCTAssertEqual(under.typed, "Kat")
        let help = Render.frame(s).rows().joined(separator: "\n")
        XCTAssertTrue(help.contains("Typing"), help)
        send(&s, [.char("z"), .down])
        XCTAssertEqual(panel(s)?.focus, 4)
        XCTAssertEqual(panel(s)?.typed, "")
        send(&s, [.up, .enter])
        XCTAssertEqual(s.list.filters.officer, "Kate Richardson")
    }

    /// The panel's letters are those it has always had (DESIGN.md's list keys): j/k move, h/l and
    /// space change the value; they begin no typing.
    func testTheListLettersStillMoveAndChange() {
        var s = officersState()
        send(&s, [.char("F"), .char("j"), .char("j")])
        XCTAssertEqual(panel(s)?.focus, 2)
        send(&s, [.char("k")])
        XCTAssertEqual(panel(s)?.focus, 1)
        send(&s, [.char("l")])
        XCTAssertEqual(panel(s)?.filters.stage, 1)
        send(&s, [.char(" ")])
        XCTAssertEqual(panel(s)?.filters.stage, 2)
        send(&s, [.char("h")])
        XCTAssertEqual(panel(s)?.filters.stage, 1)
        XCTAssertEqual(panel(s)?.typed, "", "no typing begun")
        send(&s, [.enter])
        XCTAssertEqual(s.list.filters.stage, 1)
    }
}
