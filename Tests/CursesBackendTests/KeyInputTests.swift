import Foundation
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

    /// Bracketed paste through real ncurses: what is between ESC[200~ and ESC[201~ is one
    /// paste, newline and all (it ran as keys: the q after a newline quit), a key sequence inside
    /// it is no key, and the keys around it are keys.
    func testABracketedPasteIsOnePasteNotKeys() throws {
        for term in ["xterm-256color", "tmux-256color", "screen-256color", "screen", "linux"] {
            XCTAssertEqual(try keys("x\u{1B}[200~Kat\nq\u{1B}[A\r\u{1B}[201~y", term: term),
                           [.char("x"), .paste("Kat\nq\r", cut: false), .char("y")], term)
            // 8-bit CSI, as a terminal may send it.
            XCTAssertEqual(try keys("\u{9B}200~a\u{1B}[201~", term: term), [.paste("a", cut: false)], term)
        }
    }

    func testAPastePastTheLimitIsCutAndTheRestIsNotTyped() throws {
        let big = String(repeating: "q\n", count: BracketedPaste.limit)
        // More than a pipe holds: written while the backend reads.
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        let data = Array(("\u{1B}[200~" + big + "\u{1B}[201~z").utf8)
        let writer = fds[1]
        let thread = Thread {
            var done = 0
            while done < data.count {
                let n = data[done...].withUnsafeBufferPointer { write(writer, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                done += n
            }
            close(writer)
        }
        thread.start()
        var options = CursesBackendOptions(headless: true, headlessSize: Size(width: 20, height: 4), environment: ["TERM": "xterm-256color"])
        options.headlessInput = fds[0]
        let backend = try CursesBackend(options: options)
        defer { backend.shutdown() }
        var read: [Key] = []
        while read.count < 4, let k = backend.readKey(timeoutMilliseconds: 2000) { read.append(k) }
        guard read.count == 2, case .paste(let text, let cut) = read[0] else { return XCTFail("\(read.count) keys") }
        XCTAssertTrue(cut)
        XCTAssertEqual(text.utf8.count, BracketedPaste.limit)
        XCTAssertEqual(read[1], .char("z"))
    }
}
