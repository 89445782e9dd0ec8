import XCTest
@testable import TerminalUI

final class TextWidthTests: XCTestCase {
    func testASCII() {
        XCTAssertEqual(displayWidth("hello"), 5)
        XCTAssertEqual(displayWidth(""), 0)
    }

    func testCJKIsTwoCellsEach() {
        XCTAssertEqual(displayWidth("李小龍"), 6)
        XCTAssertEqual(displayWidth("Bruce 李"), 8)
        XCTAssertEqual(displayWidth("ＡＢ"), 4) // fullwidth
    }

    func testCombiningMarksTakeNoCell() {
        let precomposed = "Zo\u{00EB}"
        let decomposed = "Zoe\u{0308}"
        XCTAssertNotEqual(Array(precomposed.unicodeScalars), Array(decomposed.unicodeScalars))
        XCTAssertEqual(displayWidth(precomposed), 3)
        XCTAssertEqual(displayWidth(decomposed), 3)
    }

    func testEmojiAndZWJSequences() {
        XCTAssertEqual(displayWidth("👩‍👧"), 2)
        XCTAssertEqual(displayWidth("a👩‍👧b"), 4)
        XCTAssertEqual(displayWidth("😀"), 2)
        XCTAssertEqual(displayWidth("❤️"), 2) // text-default heart with VS16
        XCTAssertEqual(displayWidth("🇬🇧"), 2)
    }

    func testControlCharactersAreZero() {
        XCTAssertEqual(displayWidth("a\u{1B}[31mb"), 6) // ESC is 0; "[31m" is printable text
        XCTAssertEqual(displayWidth("\t\n\u{07}"), 0)
        XCTAssertEqual(displayWidth("\u{200B}"), 0)
    }

    func testStatusGlyphsAreNarrow() {
        for g in StatusGlyphs.all {
            XCTAssertEqual(displayWidth(g.unicode), 1, g.status)
            XCTAssertEqual(displayWidth(g.ascii), 1, g.status)
            XCTAssertTrue(g.ascii.allSatisfy(\.isASCII))
        }
    }

    func testTruncateWithEllipsis() {
        XCTAssertEqual(truncate("Complaint", toWidth: 5), "Comp…")
        XCTAssertEqual(truncate("Complaint", toWidth: 5, unicode: false), "Comp~")
        XCTAssertEqual(truncate("short", toWidth: 10), "short")
        XCTAssertEqual(truncate("abc", toWidth: 0), "")
    }

    func testTruncateNeverSplitsWideChars() {
        // 5 cells: "李小" (4) + "…" (1)
        XCTAssertEqual(truncate("李小龍 Lee", toWidth: 5), "李小…")
        // 4 cells: only one wide char fits before the ellipsis
        XCTAssertEqual(truncate("李小龍", toWidth: 4), "李…")
        XCTAssertEqual(displayWidth(truncate("李小龍", toWidth: 4)), 3)
        XCTAssertEqual(truncate("Zoe\u{0308} Smith", toWidth: 4), "Zoe\u{0308}…")
        XCTAssertEqual(truncate("👩‍👧👩‍👧", toWidth: 3), "👩‍👧…")
    }

    func testPadding() {
        XCTAssertEqual(pad("李", toWidth: 4), "李  ")
        XCTAssertEqual(pad("7", toWidth: 3, alignment: .right), "  7")
        XCTAssertEqual(pad("ab", toWidth: 6, alignment: .center), "  ab  ")
        XCTAssertEqual(padLeft("Zoë", toWidth: 5), "  Zoë")
        XCTAssertEqual(padRight("Zoe\u{0308}", toWidth: 5), "Zoe\u{0308}  ")
        XCTAssertEqual(pad("李小龍", toWidth: 5), "李小…")
    }

    func testDropLeadingColumns() {
        XCTAssertEqual(dropLeadingColumns("李小龍", 2), "小龍")
        XCTAssertEqual(dropLeadingColumns("李小龍", 1), " 小龍")
    }

    func testSanitizeRemovesEscapes() {
        XCTAssertEqual(sanitizeForDisplay("a\u{1B}[2Jb\nc"), "a[2Jb c")
    }
}
