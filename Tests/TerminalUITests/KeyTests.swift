import XCTest
import TerminalUI

final class KeyTests: XCTestCase {
    func testParseNames() {
        XCTAssertEqual(Key.parse("ctrl-a"), .ctrl("a"))
        XCTAssertEqual(Key.parse("Ctrl-A"), .ctrl("a"))
        XCTAssertEqual(Key.parse("^w"), .ctrl("w"))
        XCTAssertEqual(Key.parse("shift-tab"), .backTab)
        XCTAssertEqual(Key.parse("pgdn"), .pageDown)
        XCTAssertEqual(Key.parse("PageUp"), .pageUp)
        XCTAssertEqual(Key.parse("enter"), .enter)
        XCTAssertEqual(Key.parse("esc"), .escape)
        XCTAssertEqual(Key.parse("space"), .char(" "))
        XCTAssertEqual(Key.parse("?"), .char("?"))
        XCTAssertEqual(Key.parse("G"), .char("G"))
        XCTAssertEqual(Key.parse("g"), .char("g"))
        XCTAssertEqual(Key.parse("f5"), .function(5))
        XCTAssertEqual(Key.parse("F12"), .function(12))
        XCTAssertEqual(Key.parse("é"), .char("é"))
        XCTAssertEqual(Key.parse("李"), .char("李"))
    }

    func testRejectsNonsense() {
        XCTAssertNil(Key.parse(""))
        XCTAssertNil(Key.parse("ctrl-"))
        XCTAssertNil(Key.parse("ctrl-ab"))
        XCTAssertNil(Key.parse("hyper-x"))
        XCTAssertNil(Key.parse("f0"))
        XCTAssertNil(Key.parse("\u{1B}"))
    }

    func testRoundTrip() {
        let keys: [Key] = [
            .char("a"), .char("G"), .char("?"), .char("/"), .char(":"), .char(" "), .char("李"), .enter, .escape, .tab,
            .backTab, .backspace, .delete, .insert, .up, .down, .left, .right, .home, .end, .pageUp, .pageDown,
            .function(1), .function(12), .ctrl("a"), .ctrl("w"), .resize,
        ]
        for k in keys {
            XCTAssertEqual(Key.parse(k.name), k, k.name)
            XCTAssertEqual(Key(k.description), k)
        }
        XCTAssertEqual(Key.ctrl("a").name, "ctrl-a")
        XCTAssertEqual(Key.backTab.name, "shift-tab")
        XCTAssertEqual(Key.pageDown.name, "pgdn")
        XCTAssertEqual(Key.char(" ").name, "space")
        XCTAssertEqual(Key.function(5).name, "f5")
    }
}
