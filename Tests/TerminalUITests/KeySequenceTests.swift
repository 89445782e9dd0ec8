import XCTest
import TerminalUI

/// What each terminal sends for the editing keys (from `infocmp -1 -x TERM` on Debian 12 and
/// from typing the keys into `cat -v` in each), decoded to the keys a text field understands.
final class KeySequenceTests: XCTestCase {
    /// Captured sequences: terminal → (bytes sent, key meant).
    static let captured: [String: [(String, Key)]] = [
        "xterm": [("\u{1B}OH", .home), ("\u{1B}OF", .end), ("\u{1B}[H", .home), ("\u{1B}[F", .end), ("\u{1B}[3~", .delete),
                  ("\u{1B}[5~", .pageUp), ("\u{1B}[6~", .pageDown), ("\u{1B}[1;5D", .ctrlLeft), ("\u{1B}[1;5C", .ctrlRight),
                  ("\u{1B}[1;3D", .ctrlLeft), ("\u{1B}[1;3C", .ctrlRight), ("\u{1B}b", .alt("b")), ("\u{1B}f", .alt("f")),
                  ("\u{1B}OD", .left), ("\u{1B}[D", .left), ("\u{1B}[Z", .backTab), ("\u{1B}[1;5H", .home), ("\u{1B}[3;5~", .delete)],
        // tmux (TERM=tmux-256color, and what it sends when TERM inside says xterm-256color).
        "tmux": [("\u{1B}[1~", .home), ("\u{1B}[4~", .end), ("\u{1B}[3~", .delete), ("\u{1B}[5~", .pageUp), ("\u{1B}[6~", .pageDown),
                 ("\u{1B}[1;5D", .ctrlLeft), ("\u{1B}[1;5C", .ctrlRight), ("\u{1B}OD", .left), ("\u{1B}OC", .right)],
        "screen": [("\u{1B}[1~", .home), ("\u{1B}[4~", .end), ("\u{1B}[3~", .delete), ("\u{1B}[5~", .pageUp), ("\u{1B}[6~", .pageDown),
                   ("\u{1B}OA", .up), ("\u{1B}OB", .down)],
        "rxvt": [("\u{1B}[7~", .home), ("\u{1B}[8~", .end), ("\u{1B}[3~", .delete), ("\u{1B}[5~", .pageUp), ("\u{1B}[6~", .pageDown),
                 ("\u{1B}Od", .ctrlLeft), ("\u{1B}Oc", .ctrlRight), ("\u{1B}[D", .left), ("\u{1B}[d", .left), ("\u{1B}[7^", .home),
                 ("\u{1B}[8^", .end), ("\u{1B}[11~", .function(1))],
        "linux": [("\u{1B}[1~", .home), ("\u{1B}[4~", .end), ("\u{1B}[3~", .delete), ("\u{1B}[5~", .pageUp), ("\u{1B}[6~", .pageDown),
                  ("\u{1B}[[A", .function(1)), ("\u{1B}[[E", .function(5)), ("\u{1B}[D", .left), ("\u{1B}[C", .right)],
    ]

    func testEachTerminalsSequencesDecodeToTheirKeys() {
        XCTAssertEqual(Self.captured.count, 5)
        for (terminal, pairs) in Self.captured {
            XCTAssertFalse(pairs.isEmpty)
            for (bytes, key) in pairs {
                XCTAssertEqual(KeySequences.decode(bytes), [key], "\(terminal): \(bytes.debugDescription)")
            }
        }
    }

    func testEveryRegisteredSequenceDecodesToItsKey() {
        XCTAssertGreaterThan(KeySequences.known.count, 20)
        for (bytes, key) in KeySequences.known {
            XCTAssertEqual(KeySequences.decode(bytes), [key], bytes.debugDescription)
        }
    }

    func testRegisteredSequencesCoverTheReportedTerminals() {
        let registered = Set(KeySequences.known.map(\.sequence))
        // The bug: tmux sending ESC[1~ and ESC[4~ under TERM=xterm-256color typed `1~` and `4~`.
        for s in ["\u{1B}[1~", "\u{1B}[4~", "\u{1B}[7~", "\u{1B}[8~", "\u{1B}[H", "\u{1B}[F", "\u{1B}OH", "\u{1B}OF", "\u{1B}[3~"] {
            XCTAssertTrue(registered.contains(s), s.debugDescription)
        }
    }

    func testStreamOfKeysAndTextKeepsOrder() {
        let typed = "ab\u{1B}[1~X\u{1B}[4~\u{05}\u{01}\u{1B}[3~\r"
        XCTAssertEqual(KeySequences.decode(typed), [.char("a"), .char("b"), .home, .char("X"), .end, .ctrl("e"), .ctrl("a"), .delete, .enter])
    }

    func testUnknownSequencesAreDroppedWholeNotTyped() {
        XCTAssertEqual(KeySequences.decode("\u{1B}[99~x"), [.char("x")])
        XCTAssertEqual(KeySequences.decode("\u{1B}[?1;2cy"), [.char("y")])
        XCTAssertEqual(KeySequences.decode("\u{1B}[1"), [])
    }

    /// Terminal replies and reports are no keys: the trial typed "0;10;5M", "0;title" and "1$rq"
    /// into fields. Each is dropped whole; the key after it is kept.
    static let notKeys: [(String, String)] = [
        ("SGR mouse press", "\u{1B}[<0;10;5M"),
        ("SGR mouse release", "\u{1B}[<0;10;5m"),
        ("X10 mouse", "\u{1B}[M !!"),
        ("OSC title, BEL", "\u{1B}]0;title\u{07}"),
        ("OSC 11 reply, ST", "\u{1B}]11;rgb:00/00/00\u{1B}\\"),
        ("DCS reply", "\u{1B}P1$rq\u{1B}\\"),
        ("APC", "\u{1B}_Gi=1;OK\u{1B}\\"),
        ("8-bit OSC, 8-bit ST", "\u{9D}0;title\u{9C}"),
        ("8-bit DCS", "\u{90}1$r0m\u{9C}"),
        ("DA reply", "\u{1B}[?62;22c"),
        ("unknown CSI", "\u{1B}[200~"),
    ]

    func testTerminalRepliesAndReportsAreDroppedWhole() {
        for (what, bytes) in Self.notKeys {
            XCTAssertEqual(KeySequences.decode(bytes + "x"), [.char("x")], what)
            XCTAssertEqual(KeySequences.decode("a" + bytes), [.char("a")], what)
            XCTAssertTrue(KeySequences.isComplete(bytes.hasPrefix("\u{1B}") ? bytes : (KeySequences.sevenBitForm(of: bytes.unicodeScalars.first!)! + String(String.UnicodeScalarView(bytes.unicodeScalars.dropFirst())))), what)
        }
        XCTAssertFalse(KeySequences.isComplete("\u{1B}]0;tit"), "a string goes on to its terminator")
        XCTAssertFalse(KeySequences.isComplete("\u{1B}]0;title\u{1B}"), "ESC is the start of ST")
    }

    func testEightBitCSIIsItsSevenBitForm() {
        XCTAssertEqual(KeySequences.decode("\u{9B}A"), [.up])
        XCTAssertEqual(KeySequences.decode("\u{9B}3~x"), [.delete, .char("x")])
        XCTAssertEqual(KeySequences.decode("\u{8F}H"), [.home])
    }

    func testEscapeThenBracketTypedQuicklyAreStillThoseKeys() {
        XCTAssertEqual(KeySequences.decode("\u{1B}]"), [.escape, .char("]")])
        XCTAssertEqual(KeySequences.decode("\u{1B}P"), [.escape, .char("P")])
    }

    func testEscapeAloneAndTwice() {
        XCTAssertEqual(KeySequences.decode("\u{1B}"), [.escape])
        XCTAssertEqual(KeySequences.decode("\u{1B}\u{1B}"), [.escape, .escape])
        XCTAssertEqual(KeySequences.decode("\u{1B}\u{1B}[A"), [.escape, .up])
    }

    func testAltAndWordKeyNamesRoundTrip() {
        for k: Key in [.alt("b"), .alt("f"), .alt("B"), .ctrlLeft, .ctrlRight] {
            XCTAssertEqual(Key.parse(k.name), k, k.name)
        }
        XCTAssertNil(Key.parse("alt-"))
        XCTAssertNil(Key.parse("alt-bb"))
    }

    /// Home and End, as tmux sends them, edit a field: the cursor moves and nothing is typed.
    func testHomeEndFromTmuxEditAField() {
        var input = TextInputState(text: "Yasmin")
        for k in KeySequences.decode("\u{1B}[1~Dr \u{1B}[4~!") { input.handle(k) }
        XCTAssertEqual(input.text, "Dr Yasmin!")
    }

    func testWordMovesAndKills() {
        var input = TextInputState(text: "late reply to carer")
        input.handle(.alt("b"))
        XCTAssertEqual(input.cursor, 14)
        input.handle(.ctrlLeft)
        XCTAssertEqual(input.cursor, 11)
        input.handle(.alt("f"))
        XCTAssertEqual(input.cursor, 13)
        input.handle(.ctrlRight)
        XCTAssertEqual(input.cursor, 19)
        input.handle(.ctrl("a"))
        input.handle(.alt("d"))
        XCTAssertEqual(input.text, " reply to carer")
        input.handle(.ctrl("e"))
        input.handle(.ctrl("w"))
        XCTAssertEqual(input.text, " reply to ")
        input.handle(.ctrl("a"))
        input.handle(.ctrl("k"))
        XCTAssertEqual(input.text, "")
    }
}

extension KeySequenceTests {
    func testCompleteSequencesEndAtTheirFinalByte() {
        for (bytes, _) in KeySequences.known { XCTAssertTrue(KeySequences.isComplete(bytes), bytes.debugDescription) }
        XCTAssertTrue(KeySequences.isComplete("\u{1B}b"))
        XCTAssertTrue(KeySequences.isComplete("\u{1B}[[A"))
        for partial in ["\u{1B}", "\u{1B}[", "\u{1B}[1", "\u{1B}[1;5", "\u{1B}O", "\u{1B}[["] {
            XCTAssertFalse(KeySequences.isComplete(partial), partial.debugDescription)
        }
    }
}

extension KeySequenceTests {
    /// tmux joins an Esc and a key typed within its escape-time: Esc then q is still back, then q.
    func testEscThenAnOrdinaryKeyStaysTwoKeys() {
        XCTAssertEqual(KeySequences.decode("\u{1B}q"), [.escape, .char("q")])
        XCTAssertEqual(KeySequences.decode("\u{1B}y"), [.escape, .char("y")])
        XCTAssertEqual(KeySequences.decode("\u{1B}/"), [.escape, .char("/")])
        XCTAssertEqual(KeySequences.decode("\u{1B}\r"), [.escape, .enter])
        XCTAssertEqual(KeySequences.decode("\u{1B}d"), [.alt("d")])
    }
}
