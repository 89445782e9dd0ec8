import XCTest
import TerminalUI
@testable import CursesBackend
#if canImport(Glibc)
import Glibc
#endif

/// The bytes each terminal sends, through real ncurses (keypad on, the terminfo entry of TERM),
/// read back as keys: what `heard` sees when a user presses Home in tmux.
final class KeyInputTests: XCTestCase {
    /// Starts a headless backend for `term` whose keyboard is `bytes`, and reads every key.
    func keys(_ bytes: String, term: String) throws -> [Key] {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        let data = Array(bytes.utf8)
        XCTAssertEqual(write(fds[1], data, data.count), data.count)
        close(fds[1])
        var options = CursesBackendOptions(headless: true, headlessSize: Size(width: 20, height: 4), environment: ["TERM": term])
        options.headlessInput = fds[0]
        let backend = try CursesBackend(options: options)
        defer { backend.shutdown() }
        var out: [Key] = []
        // The pipe is closed after the bytes: ncurses then reports no key at once.
        for _ in 0..<64 {
            guard let k = backend.readKey(timeoutMilliseconds: 50) else { break }
            out.append(k)
        }
        return out
    }

    /// Home, x, End, Delete, PgUp, PgDn as each terminal sends them, under every TERM a user
    /// may have (tmux with TERM=xterm-256color inside was the bug).
    func testEditingKeysOfEachTerminalUnderEachTerm() throws {
        let sent: [(String, String)] = [
            ("xterm", "\u{1B}OHx\u{1B}OF\u{1B}[3~\u{1B}[5~\u{1B}[6~"),
            ("tmux/screen/linux", "\u{1B}[1~x\u{1B}[4~\u{1B}[3~\u{1B}[5~\u{1B}[6~"),
            ("rxvt", "\u{1B}[7~x\u{1B}[8~\u{1B}[3~\u{1B}[5~\u{1B}[6~"),
            ("xterm normal mode", "\u{1B}[Hx\u{1B}[F\u{1B}[3~\u{1B}[5~\u{1B}[6~"),
        ]
        let expected: [Key] = [.home, .char("x"), .end, .delete, .pageUp, .pageDown]
        for term in ["xterm-256color", "tmux-256color", "screen-256color", "screen", "rxvt", "linux"] {
            for (terminal, bytes) in sent {
                XCTAssertEqual(try keys(bytes, term: term), expected, "\(terminal) keys under TERM=\(term)")
            }
        }
    }

    func testWordMovesAndControlKeys() throws {
        for term in ["xterm-256color", "tmux-256color", "screen-256color"] {
            XCTAssertEqual(try keys("\u{1B}[1;5D\u{1B}[1;5C\u{1B}b\u{1B}f\u{01}\u{05}\u{15}\u{17}\u{0B}", term: term),
                           [.ctrlLeft, .ctrlRight, .alt("b"), .alt("f"), .ctrl("a"), .ctrl("e"), .ctrl("u"), .ctrl("w"), .ctrl("k")], term)
        }
        XCTAssertEqual(try keys("\u{1B}Od\u{1B}Oc", term: "rxvt"), [.ctrlLeft, .ctrlRight])
    }

    /// Replies and reports through real ncurses (which may know a mouse report's start from
    /// terminfo's kmous): nothing of them is typed; the keys around them are kept.
    func testTerminalRepliesAreNotTyped() throws {
        let replies = ["\u{1B}[<0;10;5M", "\u{1B}]0;title\u{07}", "\u{1B}]11;rgb:00/00/00\u{1B}\\", "\u{1B}P1$rq\u{1B}\\", "\u{1B}[?62;22c"]
        for term in ["xterm-256color", "tmux-256color", "screen-256color"] {
            for r in replies {
                XCTAssertEqual(try keys("a" + r + "b", term: term), [.char("a"), .char("b")], "\(r.debugDescription) under \(term)")
            }
            XCTAssertEqual(try keys("a\u{9B}Ab", term: term), [.char("a"), .up, .char("b")], "8-bit CSI under \(term)")
        }
    }

    func testEscapeAloneIsEscape() throws {
        XCTAssertEqual(try keys("\u{1B}", term: "xterm-256color"), [.escape])
    }
}

extension KeyInputTests {
    /// A sequence no terminfo entry here names (rxvt's ctrl-Home, `ESC[7^`) still arrives as
    /// Esc and bytes from ncurses: decoded, not typed.
    func testSequencesNcursesDoesNotKnowAreDecodedNotTyped() throws {
        XCTAssertEqual(try keys("a\u{1B}[7^b\u{1B}[99~c", term: "xterm-256color"), [.char("a"), .home, .char("b"), .char("c")])
    }
}
