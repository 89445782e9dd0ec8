import HeardCore
import XCTest

/// The name index's words are a filter that must never leave a case out: every word
/// `PersonName.words` finds in a text must be among `NameWords`' (the byte path for ASCII is
/// checked against it on random and awkward text, the rest goes through it).
final class NameWordsTests: XCTestCase {
    func testTheBytePathFindsExactlyTheWordsPersonNameFinds() {
        let awkward = ["O'Neill's room", "'s", "ab's", "ab'sx", "ab' s", "Smith-Jones", "o`neill", "x's'", "A1B2 c3", "it's Zoe's",
                       "line\r\nbreak", "tab\there", "''''", "'Neill", "Zoe O'Neill.", "MARY GREY, mary grey", "s's's", "a'S"]
        for text in awkward {
            XCTAssertEqual(words(text), Set(PersonName.words(text).map(\.word)), text)
        }
        var random = SeededRandom(seed: 17)
        let alphabet = Array("abcSZ09 '`-.,\r\n\ts")
        for _ in 0..<20_000 {
            let n = random.int(24)
            let text = String((0..<n).map { _ in random.pick(alphabet) })
            XCTAssertEqual(words(text), Set(PersonName.words(text).map(\.word)), text.debugDescription)
        }
    }

    func testTextBeyondASCIIGoesThroughPersonName() {
        for text in ["Zoë O\u{2019}Neill", "ZOË ONEILL", "Zoë 小龍", "Ménière’s", "e\u{301}le\u{300}ve"] {
            XCTAssertEqual(words(text), Set(PersonName.words(text).map(\.word)), text)
        }
        XCTAssertTrue(words("Zoë O\u{2019}Neill").isSuperset(of: PersonName("zoe oneill").words))
    }

    /// Text mixing ASCII with accents, typographic apostrophes, other scripts, combining marks and
    /// joiners, split by white space into pieces: the same words as PersonName finds in the whole.
    func testMixedTextFindsExactlyTheWordsPersonNameFinds() {
        var random = SeededRandom(seed: 29)
        let alphabet: [String] = ["a", "b", "S", "s", "0", "'", "`", " ", "\n", "\r\n", "\t", "-", ".", "é", "Ö", "ß", "’", "‘", "ʼ",
                                  "\u{301}", "\u{200D}", "小", "£", "—", "Ω", "ﬁ", "\u{00A0}", "İ", "e\u{301}"]
        for _ in 0..<20_000 {
            let text = (0..<random.int(20)).map { _ in random.pick(alphabet) }.joined()
            XCTAssertEqual(words(text), Set(PersonName.words(text).map(\.word)), text.debugDescription)
        }
    }

    /// Where a name occurs in ASCII text, found on the bytes, is where the words of the whole
    /// text say it is (the first run of the name's words, first letter to last).
    func testTheOccurrenceInASCIITextIsWhereTheWordsSayItIs() {
        var random = SeededRandom(seed: 41)
        let pieces = ["zoe", "Zoe", "ZOE's", "o'neill", "ONeill", "O'Neill's", "oneills", " ", " ", ", ", "\n", "-", "'", "x", "s", "Mary"]
        let name = PersonName("Zoë O'Neill")
        for _ in 0..<20_000 {
            let text = (0..<random.int(10)).map { _ in random.pick(pieces) }.joined()
            let words = PersonName.words(text)
            var expected: String?
            if words.count >= name.words.count {
                for start in 0...(words.count - name.words.count) where zip(words[start...], name.words).allSatisfy({ $0.word == $1 }) {
                    expected = String(text[words[start].range.lowerBound..<words[start + name.words.count - 1].range.upperBound])
                    break
                }
            }
            XCTAssertEqual(name.occurrence(in: text).map { String(text[$0]) }, expected, text.debugDescription)
        }
    }

    func testOnlyNamesFoldedToASCIIAreLookedUp() {
        XCTAssertTrue(NameWords.canLookUp(PersonName("Zoë O'Neill")))
        XCTAssertFalse(NameWords.canLookUp(PersonName("Zoë 小龍")))
        XCTAssertFalse(NameWords.canLookUp(PersonName("!!!")))
    }

    func testTheJoinedFormIsSortedAndSpaced() {
        var w = NameWords()
        w.add("Zoe o'neill and ZOE")
        XCTAssertEqual(w.joined, "and oneill zoe")
    }

    private func words(_ text: String) -> Set<String> {
        var w = NameWords()
        w.add(text)
        return w.words
    }
}
