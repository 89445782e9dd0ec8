import TerminalUI
import XCTest

/// The text field keeps its widths as it is edited instead of summing them on every key (which
/// made a 100 KB paste quadratic): after any sequence of edits the kept widths are the sums, and
/// what is drawn is what the whole text shows from the scroll column.
final class TextInputWidthTests: XCTestCase {
    private struct Generator {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
    }

    private func sums(_ s: TextInputState) -> (cursor: Int, total: Int) {
        let widths = s.characters.map { displayWidth($0) }
        return (widths.prefix(s.cursor).reduce(0, +), widths.reduce(0, +))
    }

    func testKeptWidthsEqualTheSumsAfterThousandsOfRandomEdits() {
        let alphabet: [Character] = ["a", "b", " ", "界", "é", "👩", "\u{301}", "\u{200D}", "Z", "-"]
        let keys: [Key] = [.left, .right, .home, .end, .backspace, .delete, .ctrl("k"), .ctrl("u"), .ctrl("w"),
                           .alt("b"), .alt("f"), .alt("d"), .ctrlLeft, .ctrlRight]
        for seed in 1...20 {
            var g = Generator(state: UInt64(seed))
            var s = TextInputState(text: "start 界 here")
            for step in 0..<400 {
                let key: Key = g.next(3) == 0 ? keys[g.next(keys.count)] : .char(alphabet[g.next(alphabet.count)])
                s.handle(key)
                let want = sums(s)
                XCTAssertEqual(s.cursorColumn, want.cursor, "seed \(seed) step \(step) after \(key)")
                XCTAssertEqual(s.totalWidth, want.total, "seed \(seed) step \(step) after \(key)")
                if s.cursorColumn != want.cursor || s.totalWidth != want.total { return }
            }
        }
    }

    func testTheDrawnRowIsTheTextFromTheScrollColumn() {
        var g = Generator(state: 7)
        let alphabet: [Character] = ["a", "界", " ", "x", "👩"]
        for _ in 0..<200 {
            var s = TextInputState(text: String((0..<g.next(60)).map { _ in alphabet[g.next(alphabet.count)] }))
            for _ in 0..<g.next(40) { s.handle(.left) }
            let width = 3 + g.next(20)
            var frame = Frame(width: width, height: 1)
            TextInputView.render(s, into: &frame, rect: Rect(x: 0, y: 0, width: width, height: 1), cursorRole: nil)
            let scroll = s.visibleScroll(width: width)
            var expected = Frame(width: width, height: 1)
            expected.put(dropLeadingColumns(s.text, scroll), x: 0, y: 0, role: .input, maxWidth: width)
            XCTAssertEqual(frame.row(at: 0), expected.row(at: 0), "text \(s.text) cursor \(s.cursor) width \(width)")
        }
    }

    func testA100KBPasteEndsWithTheCursorAtTheEnd() {
        var s = TextInputState()
        let line = "Pasted text from a long email about the placement, "
        var typed = 0
        while typed < 100_000 {
            for c in line { s.handle(.char(c)) }
            typed += line.count
        }
        XCTAssertEqual(s.characters.count, typed)
        XCTAssertEqual(s.cursorColumn, typed)
        XCTAssertEqual(s.visibleScroll(width: 40), typed - 39)
    }
}
