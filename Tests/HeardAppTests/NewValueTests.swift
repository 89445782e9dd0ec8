import HeardApp
import HeardCore
import HeardTestSupport
import TerminalUI
import XCTest

/// A value not on the known lists (officer, team) is saved only after the form says it is new
/// and the user confirms; Enter in the question takes the suggestion shown.
final class NewValueTests: XCTestCase {
    func typed(_ text: String) -> [Key] { text.map { Key.char($0) } }

    func bulkAssign(_ text: String) -> (AppState, [Effect]) {
        var s = makeState(rows: sampleRows(3))
        _ = Update.update(&s, .sourcesLoaded(["officer": ["Helen Sanderson", "Yasmin Mughal", "Kate Richardson"], "team": ["Leaving Care Team"]]))
        send(&s, [.char("*"), .char("b"), .char("a")])
        guard case .form? = s.stack.last else { XCTFail("the assign form"); return (s, []) }
        let effects = send(&s, typed(text) + [.enter])
        return (s, effects)
    }

    func question(_ s: AppState) -> NewValueQuestion? {
        if case .form(let fs)? = s.stack.last { return fs.form.newValueQuestion }
        return nil
    }

    func testEnterOnAHalfTypedOfficerAsksAndChangesNothing() throws {
        var (s, effects) = bulkAssign("Ya")
        XCTAssertEqual(effects, [], "nothing is assigned")
        let q = try XCTUnwrap(question(s), "the form asks")
        XCTAssertEqual(q.value, "Ya")
        XCTAssertEqual(q.suggestion, "Yasmin Mughal")
        let screen = Render.frame(s).rows().joined(separator: "\n")
        XCTAssertTrue(screen.contains("New officer?"), screen)
        XCTAssertTrue(screen.contains("'Ya' is not an officer Heard knows"), screen)
        // Enter in the question takes the suggestion it shows.
        XCTAssertEqual(send(&s, [.enter]), [.bulk(.assign(officer: "Yasmin Mughal"), ids: [1, 2, 3])])
    }

    func testYAddsTheNewOfficerAsTyped() {
        var (s, effects) = bulkAssign("Zara Newman")
        XCTAssertEqual(effects, [])
        XCTAssertEqual(question(s)?.suggestion, nil)
        XCTAssertEqual(send(&s, [.char("y")]), [.bulk(.assign(officer: "Zara Newman"), ids: [1, 2, 3])])
    }

    func testAnyOtherKeyGoesBackToEditingWithTheTextKept() {
        var (s, _) = bulkAssign("Ya")
        XCTAssertEqual(send(&s, [.escape]), [])
        guard case .form(let fs)? = s.stack.last else { return XCTFail("still the form") }
        XCTAssertNil(fs.form.newValueQuestion)
        XCTAssertEqual(fs.form["value"], "Ya")
        XCTAssertEqual(send(&s, typed("smin Mughal") + [.enter]), [.bulk(.assign(officer: "Yasmin Mughal"), ids: [1, 2, 3])])
    }

    func testAKnownOfficerInAnyCaseIsNotAsked() {
        let (_, effects) = bulkAssign("yasmin mughal")
        XCTAssertEqual(effects, [.bulk(.assign(officer: "yasmin mughal"), ids: [1, 2, 3])])
    }

    func testQuickEntryAsksForANewTeamOnce() {
        var s = makeState(rows: sampleRows(2))
        _ = Update.update(&s, .sourcesLoaded(["officer": ["Helen Sanderson"], "team": ["Leaving Care Team"]]))
        send(&s, [.char("n"), .tab, .tab] + typed("Jordan Ellis") + [.tab] + typed("care l"))
        guard case .form(var fs)? = s.stack.last else { return XCTFail() }
        fs.form["team"] = "Night Team"
        fs.form["officer"] = "Helen Sanderson"
        s.stack[s.stack.count - 1] = .form(fs)
        XCTAssertEqual(send(&s, [.enter]), [])
        XCTAssertEqual(question(s)?.field, "team")
        guard case .addContact(let c)? = send(&s, [.char("y")]).first else { return XCTFail("saved after y") }
        XCTAssertEqual(c.team, "Night Team")
    }
}
