import XCTest
import TerminalUI
@testable import CursesBackend
import CNCurses

final class CursesBackendTests: XCTestCase {
    func makeBackend(width: Int = 40, height: Int = 6, env: [String: String] = ["TERM": "xterm-256color"]) throws -> CursesBackend {
        try CursesBackend(options: CursesBackendOptions(headless: true, headlessSize: Size(width: width, height: height), environment: env))
    }

    func testHeadlessPresentAndReadBackIncludingCJK() throws {
        let backend = try makeBackend()
        defer { backend.shutdown() }
        XCTAssertEqual(backend.size, Size(width: 40, height: 6))
        XCTAssertTrue(backend.supportsUnicode)
        XCTAssertEqual(backend.colorLevel, .ansi256)
        var f = Frame(size: backend.size)
        f.put("Complainant: 李小龍", x: 1, y: 0, role: .header)
        f.put("Zoë Zoe\u{0308}", x: 0, y: 2, role: .selection)
        f.drawBox(Rect(x: 0, y: 3, width: 10, height: 3), title: "Box")
        f.put(StatusGlyphs.glyph(for: "closed", unicode: true), x: 39, y: 5, role: "status.closed")
        backend.present(f)
        XCTAssertEqual(backend.cellsWrittenByLastPresent, 40 * 6 - 3, "every cell but the continuations")
        let back = backend.readBack()
        XCTAssertEqual(back[0], f.rows()[0])
        XCTAssertEqual(back[1], f.rows()[1])
        XCTAssertEqual(back[3], f.rows()[3])
        XCTAssertEqual(back[4], f.rows()[4])
        // ncurses keeps the precomposed and the decomposed ë apart, as the frame does.
        XCTAssertEqual(back[2], f.rows()[2])
        XCTAssertEqual(back[5], f.rows()[5])
    }

    func testSecondPresentPaintsOnlyTheDiff() throws {
        let backend = try makeBackend()
        defer { backend.shutdown() }
        var f = Frame(size: backend.size)
        f.put("李小龍 and friends", x: 0, y: 0)
        backend.present(f)
        var g = f
        g.put("X", x: 4, y: 1)
        g.put("ab", x: 0, y: 0) // replaces 李 (2 cells) with two narrow cells
        g.setRole(.selection, in: Rect(x: 10, y: 3, width: 3, height: 1))
        backend.present(g)
        XCTAssertEqual(backend.cellsWrittenByLastPresent, 1 + 2 + 3)
        XCTAssertEqual(backend.readBack(), g.rows())
        backend.present(g)
        XCTAssertEqual(backend.cellsWrittenByLastPresent, 0)
        var h = g
        h.put("龍", x: 20, y: 5)
        backend.present(h)
        XCTAssertEqual(backend.cellsWrittenByLastPresent, 1, "a wide char is one write")
        XCTAssertEqual(backend.readBack(), h.rows())
    }

    func testResumeRepaintsEverything() throws {
        let backend = try makeBackend(width: 10, height: 2)
        defer { backend.shutdown() }
        let f = Frame(width: 10, height: 2)
        backend.present(f)
        backend.suspend()
        backend.resume()
        backend.present(f)
        XCTAssertEqual(backend.cellsWrittenByLastPresent, 20)
        // A frame of another size also repaints everything.
        backend.present(Frame(width: 5, height: 1))
        XCTAssertEqual(backend.cellsWrittenByLastPresent, 5)
    }

    func testReadKeyTimesOutWithNil() throws {
        let backend = try makeBackend(width: 10, height: 2)
        defer { backend.shutdown() }
        XCTAssertNil(backend.readKey(timeoutMilliseconds: 0))
    }

    func testColourLevels() throws {
        let mono = try makeBackend(env: ["TERM": "xterm-256color", "NO_COLOR": "1"])
        XCTAssertEqual(mono.colorLevel, .mono)
        var f = Frame(size: mono.size)
        f.put("overdue", x: 0, y: 0, role: "status.overdue")
        mono.present(f)
        XCTAssertEqual(mono.readBack()[0], f.rows()[0])
        mono.shutdown()

        let basic = try makeBackend(env: ["TERM": "xterm"])
        XCTAssertEqual(basic.colorLevel, .basic16)
        basic.present(f)
        basic.shutdown()

        // Direct colour requested on a 256-colour terminfo falls back to the 256 palette.
        let direct = try makeBackend(env: ["TERM": "xterm-256color", "COLORTERM": "truecolor"])
        XCTAssertEqual(direct.colorLevel, .ansi256)
        direct.present(f)
        XCTAssertEqual(direct.readBack()[0], f.rows()[0])
        direct.shutdown()
    }

    func testKeyMapping() {
        XCTAssertEqual(KeyMapping.key(forChar: 27), .escape)
        XCTAssertEqual(KeyMapping.key(forChar: 13), .enter)
        XCTAssertEqual(KeyMapping.key(forChar: 10), .enter)
        XCTAssertEqual(KeyMapping.key(forChar: 9), .tab)
        XCTAssertEqual(KeyMapping.key(forChar: 127), .backspace)
        XCTAssertEqual(KeyMapping.key(forChar: 1), .ctrl("a"))
        XCTAssertEqual(KeyMapping.key(forChar: 23), .ctrl("w"))
        XCTAssertEqual(KeyMapping.key(forChar: 0x41), .char("A"))
        XCTAssertEqual(KeyMapping.key(forChar: 0x674E), .char("李"))
        XCTAssertEqual(KeyMapping.key(forChar: 0xEB), .char("ë"))
        XCTAssertNil(KeyMapping.key(forChar: 0x9B), "C1 controls are dropped")
        XCTAssertEqual(KeyMapping.key(forCode: KEY_BTAB), .backTab)
        XCTAssertEqual(KeyMapping.key(forCode: KEY_NPAGE), .pageDown)
        XCTAssertEqual(KeyMapping.key(forCode: KEY_RESIZE), .resize)
        XCTAssertEqual(KeyMapping.key(forCode: KEY_DC), .delete)
        XCTAssertEqual(KeyMapping.key(forCode: heard_KEY_F(5)), .function(5))
    }
}
