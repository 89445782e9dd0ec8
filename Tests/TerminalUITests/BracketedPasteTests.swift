import TerminalUI
import XCTest

/// The paste collector and how a text field takes a paste.
final class BracketedPasteTests: XCTestCase {
    func collect(_ text: String, limit: Int = BracketedPaste.limit) -> (Key, ended: Bool) {
        var c = BracketedPaste.Collector(limit: limit)
        for u in text.unicodeScalars where c.take(u) { break }
        return (c.key, c.ended)
    }

    func testTheEndMarkerEndsThePasteAndIsNotText() {
        let (key, ended) = collect("Kat\nq\u{1B}[201~")
        XCTAssertTrue(ended)
        XCTAssertEqual(key, .paste("Kat\nq", cut: false))
    }

    func testWhatOnlyBeginsLikeTheEndMarkerIsKept() {
        XCTAssertEqual(collect("a\u{1B}[20x\u{1B}\u{1B}[201~").0, .paste("a\u{1B}[20x\u{1B}", cut: false))
        XCTAssertEqual(collect("no end").1, false)
    }

    func testAPastePastTheLimitIsCutAndSaysSo() {
        let (key, ended) = collect(String(repeating: "é", count: 10) + "\u{1B}[201~", limit: 9)
        XCTAssertTrue(ended)
        XCTAssertEqual(key, .paste("éééé", cut: true), "whole characters up to the limit in bytes")
    }

    func testPastedTextAsOneLine() {
        XCTAssertEqual(BracketedPaste.text("a\r\nb\rc\nd\te\u{1B}[Af\u{7}"), "a b c d e[Af")
        XCTAssertEqual(BracketedPaste.text("a\r\nb\n", keepingLines: true), "a\nb\n")
    }

    func testATextFieldTakesAPasteAtTheCursor() {
        var t = TextInputState(text: "ac")
        t.handle(.left)
        XCTAssertEqual(t.edit(.paste("b\nB", cut: false)), .changed)
        XCTAssertEqual(t.text, "ab Bc")
        XCTAssertEqual(t.cursor, 4)
        XCTAssertEqual(t.cursorColumn, 4)
        XCTAssertEqual(t.totalWidth, 5)
        // A combining mark at the start of a paste joins the character before it.
        var u = TextInputState(text: "e")
        u.handle(.paste("\u{301}李", cut: false))
        XCTAssertEqual(u.text, "é李")
        XCTAssertEqual(u.totalWidth, 3)
        XCTAssertEqual(u.edit(.paste("\u{1B}\u{7}", cut: false)), .moved, "nothing typeable: taken, nothing typed")
    }
}
