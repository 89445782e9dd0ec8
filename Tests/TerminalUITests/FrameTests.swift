import XCTest
@testable import TerminalUI

final class FrameTests: XCTestCase {
    func testPutReturnsCellsUsedAndClips() {
        var f = Frame(width: 10, height: 2)
        XCTAssertEqual(f.put("hello", x: 0, y: 0), 5)
        XCTAssertEqual(f.put("world!!", x: 6, y: 0), 4)
        XCTAssertEqual(f.put("abc", x: 0, y: 1, maxWidth: 2), 2)
        XCTAssertEqual(f.put("x", x: 0, y: 5), 0)
        assertFrame(f, ["hello worl", "ab        "])
    }

    func testWideCharsTakeTwoCellsAndAppearOnceInDump() {
        var f = Frame(width: 8, height: 1)
        XCTAssertEqual(f.put("李小龍", x: 1, y: 0, role: "name"), 6)
        XCTAssertEqual(f[1, 0]?.width, 2)
        XCTAssertEqual(f[2, 0]?.isContinuation, true)
        XCTAssertEqual(f[2, 0]?.role, Role("name"))
        assertFrame(f, [" 李小龍 "])
        XCTAssertEqual(displayWidth(f.rows()[0]), 8)
    }

    func testWideCharNeverSplitAtEdge() {
        var f = Frame(width: 5, height: 2)
        XCTAssertEqual(f.put("李小龍", x: 0, y: 0), 4)
        assertFrame(f, ["李小 ", "     "])
        XCTAssertEqual(f.put("ab李", x: 0, y: 1, maxWidth: 3), 2)
        XCTAssertEqual(f[2, 1]?.grapheme, " ")
    }

    func testOverwritingHalfAWideCharBlanksTheOtherHalf() {
        var f = Frame(width: 6, height: 1)
        f.put("李小龍", x: 0, y: 0)
        f.put("x", x: 1, y: 0) // right half of 李
        assertFrame(f, [" x小龍"])
        f.put("y", x: 2, y: 0) // left half of 小
        assertFrame(f, [" xy 龍"])
        XCTAssertEqual(f.cells.map(\.width), [1, 1, 1, 1, 2, 0])
    }

    func testCombiningAndEmoji() {
        var f = Frame(width: 10, height: 1)
        XCTAssertEqual(f.put("Zoe\u{0308}👩‍👧", x: 0, y: 0), 5)
        XCTAssertEqual(f[2, 0]?.grapheme, "e\u{0308}")
        assertFrame(f, ["Zoe\u{0308}👩‍👧     "])
    }

    func testControlCharactersNeverReachTheGrid() {
        var f = Frame(width: 6, height: 1)
        f.put("a\u{1B}b\u{07}c", x: 0, y: 0)
        assertFrame(f, ["abc   "])
    }

    func testNegativeXClipsLeft() {
        var f = Frame(width: 4, height: 1)
        f.put("李ab", x: -1, y: 0)
        assertFrame(f, [" ab "])
    }

    func testFillAndSetRole() {
        var f = Frame(width: 4, height: 3)
        f.fill(Rect(x: 1, y: 1, width: 10, height: 1), with: "-", role: .border)
        assertFrame(f, ["    ", " ---", "    "])
        XCTAssertEqual(f[3, 1]?.role, .border)
        f.setRole(.selection, in: Rect(x: 0, y: 2, width: 4, height: 1))
        XCTAssertEqual(f.roles(at: 2), Array(repeating: .selection, count: 4))
    }

    func testDiffListsChangedCells() {
        var a = Frame(width: 5, height: 2)
        a.put("hello", x: 0, y: 0)
        var b = a
        b.put("j", x: 0, y: 0)
        b.put("X", x: 2, y: 1, role: .selection)
        let d = b.diff(from: a)
        XCTAssertEqual(d.map { "\($0.x),\($0.y)" }, ["0,0", "2,1"])
        XCTAssertEqual(a.diff(from: a), [])
        XCTAssertEqual(b.diff(from: nil).count, 10)
        XCTAssertEqual(b.diff(from: Frame(width: 3, height: 3)).count, 10)
        var c = a
        c.setRole(.selection, in: Rect(x: 4, y: 0, width: 1, height: 1))
        XCTAssertEqual(c.diff(from: a).count, 1, "a role change is a change")
    }

    func testRoleFallbackChain() {
        XCTAssertEqual(Role("status.overdue").fallbackChain, ["status.overdue", "status", "default"])
        XCTAssertEqual(Role("chart.bar.previous").parent, Role("chart.bar"))
        XCTAssertNil(Role.default.parent)
    }

    func testBoxWithAsciiFallback() {
        var f = Frame(width: 10, height: 3)
        let inner = f.drawBox(f.bounds, title: "Cases", glyphs: .ascii)
        XCTAssertEqual(inner, Rect(x: 1, y: 1, width: 8, height: 1))
        assertFrame(f, ["+ Cases -+", "|        |", "+--------+"])
        var g = Frame(width: 6, height: 3)
        g.drawBox(g.bounds)
        assertFrame(g, ["┌────┐", "│    │", "└────┘"])
    }
}
