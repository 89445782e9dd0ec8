import XCTest
import TerminalUI

final class TextInputTests: XCTestCase {
    func type(_ s: String, into state: inout TextInputState) {
        for c in s { XCTAssertTrue(state.handle(.char(c))) }
    }

    func testInsertWideAndCombiningCharacters() {
        var s = TextInputState()
        type("李小龍 Zoë", into: &s)
        XCTAssertEqual(s.text, "李小龍 Zoë")
        XCTAssertEqual(s.cursor, 7)
        XCTAssertEqual(s.cursorColumn, 10)
        s.handle(.char("e\u{0308}"))
        XCTAssertEqual(s.text, "李小龍 Zoëë")
        XCTAssertEqual(s.cursorColumn, 11)
    }

    func testCursorMovementAndDeletion() {
        var s = TextInputState(text: "李小龍")
        s.handle(.left)
        s.handle(.backspace)
        XCTAssertEqual(s.text, "李龍")
        XCTAssertEqual(s.cursorColumn, 2)
        s.handle(.home)
        s.handle(.delete)
        XCTAssertEqual(s.text, "龍")
        s.handle(.end)
        s.handle(.char("!"))
        XCTAssertEqual(s.text, "龍!")
        s.handle(.right)
        XCTAssertEqual(s.cursor, 2)
        s.handle(.home)
        s.handle(.backspace)
        XCTAssertEqual(s.text, "龍!")
        XCTAssertFalse(s.handle(.enter))
        XCTAssertFalse(s.handle(.char("\u{1B}")), "control chars are not inserted")
    }

    func testEmacsKeys() {
        var s = TextInputState(text: "Present the plan @owner")
        s.handle(.ctrl("w"))
        XCTAssertEqual(s.text, "Present the plan ")
        s.handle(.ctrl("w"))
        XCTAssertEqual(s.text, "Present the ")
        s.handle(.ctrl("a"))
        XCTAssertEqual(s.cursor, 0)
        s.handle(.right); s.handle(.right)
        s.handle(.ctrl("k"))
        XCTAssertEqual(s.text, "Pr")
        s.handle(.ctrl("e"))
        type("esent", into: &s)
        s.handle(.left); s.handle(.left)
        s.handle(.ctrl("u"))
        XCTAssertEqual(s.text, "nt")
        XCTAssertEqual(s.cursor, 0)
    }

    func testHorizontalScrollByDisplayWidth() {
        var s = TextInputState()
        type("ab李小龍cd", into: &s)
        var f = Frame(width: 6, height: 1)
        let cursor = TextInputView.render(s, into: &f, rect: f.bounds)
        // 10 cells of text plus the cursor cell in a 6-cell field: scrolled by 5, which cuts 小 in half.
        assertFrame(f, [" 龍cd "])
        XCTAssertEqual(cursor.x, 5)
        XCTAssertEqual(f[5, 0]?.role, .inputCursor)
        s.handle(.home)
        s.layout(width: 6)
        XCTAssertEqual(s.scroll, 0)
        var g = Frame(width: 6, height: 1)
        TextInputView.render(s, into: &g, rect: g.bounds)
        assertFrame(g, ["ab李小"])
        XCTAssertEqual(g[0, 0]?.role, .inputCursor)
        XCTAssertEqual(g[1, 0]?.role, .input)
        // Cursor on a wide char: both its cells show the cursor.
        s.handle(.right); s.handle(.right)
        var h = Frame(width: 6, height: 1)
        TextInputView.render(s, into: &h, rect: h.bounds)
        XCTAssertEqual(h[2, 0]?.role, .inputCursor)
        XCTAssertEqual(h[3, 0]?.role, .inputCursor)
    }

    func testSetTextSanitises() {
        var s = TextInputState()
        s.setText("a\u{1B}[31mb")
        XCTAssertEqual(s.text, "a[31mb")
    }
}

/// Text typed or pasted one code point at a time keeps its combining marks and joiners.
final class GraphemeInputTests: XCTestCase {
    func testDecomposedAccentsAndJoinedEmojiSurviveKeyByKey() {
        var t = TextInputState()
        for u in "Zoe\u{0308} Mu\u{0308}ller 👩\u{200D}👧 e\u{0301}te\u{0301}".unicodeScalars { t.handle(.char(Character(u))) }
        XCTAssertEqual(Array(t.text.unicodeScalars), Array("Zoe\u{0308} Mu\u{0308}ller 👩\u{200D}👧 e\u{0301}te\u{0301}".unicodeScalars), "every code point kept")
        XCTAssertEqual(t.text.filter { $0 == "👩\u{200D}👧" }.count, 1, "the family is one character")
        t.handle(.backspace)
        XCTAssertEqual(t.text, "Zoe\u{0308} Mu\u{0308}ller 👩\u{200D}👧 e\u{0301}t", "backspace takes the whole é")
        var lone = TextInputState()
        lone.handle(.char("\u{0308}"))
        XCTAssertEqual(lone.text, "", "a mark with nothing to join is not a character")
    }
}
