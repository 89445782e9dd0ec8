@testable import HeardApp
import HeardCore
import TerminalUI
import XCTest

/// A paste (bracketed by the terminal) is text, never commands. Before, it was the keys of its
/// characters: a paste of "Kat\nq" in the filter panel quit the app, and one of
/// "Kate Richardson\nAdoption\n" applied the filter, after which pasted A and d opened the
/// action plan and dropped an action (found by an attack).
final class PasteTests: XCTestCase {
    func paste(_ s: inout AppState, _ text: String, cut: Bool = false) -> [Effect] {
        Update.update(&s, .key(.paste(text, cut: cut)))
    }

    func panel(_ s: AppState) -> FilterPanelState? {
        if case .filters(let p)? = s.overlay { return p }
        return nil
    }

    func form(_ s: AppState) -> FormState? {
        if case .form(let f)? = s.stack.last { return f.form }
        return nil
    }

    func testAPasteInTheFilterPanelFindsOneValueAndRunsNoKey() {
        var s = makeState(rows: sampleRows(20))
        send(&s, [.char("F"), .down, .down, .down])
        XCTAssertTrue(paste(&s, "Kat\nq").isEmpty)
        XCTAssertFalse(s.quit, "the q after the newline quit the app")
        XCTAssertEqual(panel(s)?.filters.officer, nil, "'Kat q' is no officer: nothing changes")
        XCTAssertTrue(panel(s)?.footer(unicode: true).text.contains("No officer matches") == true)

        XCTAssertTrue(paste(&s, "Kate Richardson\nA\nd\n").isEmpty)
        XCTAssertNotNil(panel(s), "the newline did not apply the panel")
        XCTAssertTrue(s.stack.isEmpty, "A did not open the action plan")
        XCTAssertEqual(s.list.filters.officer, nil)

        // A line copied with its newline is the value it names; applying is still Enter's.
        XCTAssertTrue(paste(&s, "Kate Richardson\n").isEmpty)
        XCTAssertEqual(panel(s)?.filters.officer, "Kate Richardson")
        XCTAssertEqual(s.list.filters.officer, nil, "not applied by the pasted newline")
        send(&s, [.enter])
        XCTAssertEqual(s.list.filters.officer, "Kate Richardson")
    }

    func testAPasteIntoTheSlashFilterIsTypedAsOneLine() {
        var s = makeState(rows: sampleRows(20))
        send(&s, [.char("/")])
        XCTAssertTrue(paste(&s, "Zoë\nq\n\tx").isEmpty)
        XCTAssertFalse(s.quit)
        XCTAssertEqual(s.list.queryInput?.text, "Zoë q  x", "newlines and tabs are spaces; Enter did not close the input")
        XCTAssertTrue(s.stack.isEmpty)
        send(&s, [.backspace, .backspace, .backspace, .backspace, .backspace])
        XCTAssertEqual(s.list.queryInput?.text, "Zoë")
        XCTAssertTrue(s.list.visibleSummaries.allSatisfy { $0.complainantName.hasPrefix("Zoë") })
    }

    func testAPasteOnTheCaseListChangesNothingAndQuitsNothing() {
        var s = makeState(rows: sampleRows(20))
        let before = s.list.visibleSummaries.map(\.reference)
        let selected = s.list.selection
        for text in ["q", "\nq\n", "jjjx\n:quit\n", "F\u{1B}[Bq", "n"] {
            XCTAssertTrue(paste(&s, text).isEmpty, text)
            XCTAssertFalse(s.quit, text)
            XCTAssertTrue(s.stack.isEmpty, text)
            XCTAssertNil(s.overlay, text)
            XCTAssertNil(s.list.queryInput, text)
            XCTAssertEqual(s.list.visibleSummaries.map(\.reference), before, text)
            XCTAssertEqual(s.list.selection, selected, text)
            XCTAssertEqual(s.message?.text, "Paste ignored: no text field here.")
        }
    }

    func testAPasteIntoAFormFieldIsTypedAndNeverSaves() {
        var s = makeState(rows: sampleRows(5))
        send(&s, [.char("n")])
        guard var f = form(s) else { return XCTFail("quick entry opened") }
        f.focus(on: "complainant_name")
        s.stack[s.stack.count - 1] = .form(FormScreen(form: f, purpose: .newContact))
        let effects = paste(&s, "Mrs Patel\n\nq")
        XCTAssertTrue(effects.isEmpty, "no save: \(effects)")
        XCTAssertEqual(form(s)?["complainant_name"], "Mrs Patel  q")
        XCTAssertEqual(form(s)?.dirty, true)
        XCTAssertFalse(s.quit)

        // A long text field keeps the lines of a paste, as it keeps the editor's.
        guard var g = form(s) else { return XCTFail() }
        g.focus(on: "summary")
        s.stack[s.stack.count - 1] = .form(FormScreen(form: g, purpose: .newContact))
        XCTAssertTrue(paste(&s, "Line one\r\nLine two\n").isEmpty)
        XCTAssertEqual(form(s)?["summary"], "Line one\nLine two")
        XCTAssertNotNil(form(s), "still on the form")
    }

    func testAPasteIntoTheCommandLineIsTypedNotRun() {
        var s = makeState(rows: sampleRows(5))
        send(&s, [.char(":")])
        XCTAssertTrue(paste(&s, "quit\n").isEmpty)
        XCTAssertFalse(s.quit)
        guard case .command(let input, _)? = s.overlay else { return XCTFail("the command line is open") }
        XCTAssertEqual(input.text, "quit ")
    }

    func testAPasteOverAQuestionIsIgnored() {
        var s = makeState(rows: sampleRows(5))
        send(&s, [.char("n"), .char("Z"), .escape])
        guard form(s)?.confirmingDiscard == true else { return XCTFail("asks before throwing typing away") }
        XCTAssertTrue(paste(&s, "y").isEmpty)
        XCTAssertNotNil(form(s), "a pasted y did not throw the form away")
        XCTAssertEqual(s.message?.text, "Paste ignored: answer the question first.")
    }

    func testAPasteCutShortSaysSo() {
        var s = makeState(rows: sampleRows(5))
        send(&s, [.char("/")])
        _ = paste(&s, "abc", cut: true)
        XCTAssertEqual(s.list.queryInput?.text, "abc")
        XCTAssertEqual(s.message?.text.hasPrefix("Pasted the first 64 KB only"), true)
    }
}
