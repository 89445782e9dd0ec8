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
        // With the controls another tool may write, which a word reads as if they were not there.
        let alphabet = Array("abcSZ09 '`-.,\r\n\ts\u{1B}\u{7F}\u{0}\u{1F}\u{0B}")
        for _ in 0..<20_000 {
            let n = random.int(24)
            let text = String((0..<n).map { _ in random.pick(alphabet) })
            XCTAssertEqual(words(text), Set(PersonName.words(text).map(\.word)), text.debugDescription)
        }
    }

    /// Invisible characters are not there, as on the screen; a mark that holds on to the letter
    /// after it (U+06DD) leaves the letter (an attack: "Ar\u{6DD}ya" was "ar", "a").
    func testInvisibleCharactersAreNotThere() {
        XCTAssertEqual(PersonName.words("O'Br\u{AD}ien Sh\u{2060}y").map(\.word), ["obrien", "shy"])
        XCTAssertEqual(PersonName.words("Anne\u{200B}Marie").map(\.word), ["annemarie"])
        XCTAssertEqual(PersonName.words("Ar\u{6DD}ya Sy\u{70F}ria").map(\.word), ["arya", "syria"])
        XCTAssertEqual(PersonName.words("O'\u{200D}Neill's").map(\.word), ["oneill"])
        XCTAssertEqual(PersonName.words("\u{AD}\u{200B}\u{FEFF}").map(\.word), [])
    }

    func testTextBeyondASCIIGoesThroughPersonName() {
        for text in ["Zoë O\u{2019}Neill", "ZOË ONEILL", "Zoë 小龍", "Ménière’s", "e\u{301}le\u{300}ve"] {
            XCTAssertEqual(words(text), Set(PersonName.words(text).map(\.word)), text)
        }
        XCTAssertTrue(words("Zoë O\u{2019}Neill").isSuperset(of: PersonName("zoe oneill").words))
    }

    /// Text mixing ASCII with accents, typographic apostrophes, other scripts, combining marks,
    /// marks that join the space before them and joiners, split by white space into pieces:
    /// every word of the whole a name can be looked up by is among them.
    func testMixedTextFindsExactlyTheWordsPersonNameFinds() {
        var random = SeededRandom(seed: 29)
        let alphabet: [String] = ["a", "b", "S", "s", "0", "'", "`", " ", "\n", "\r\n", "\t", "-", ".", "é", "Ö", "ß", "’", "‘", "ʼ",
                                  "\u{301}", "\u{200D}", "小", "£", "—", "Ω", "ﬁ", "\u{00A0}", "İ", "e\u{301}",
                                  "\u{0E33}", "\u{0EB3}", "\u{FF9E}", "\u{FF9F}", "\u{0600}", "\u{111C2}", "\u{093E}", "\u{212A}",
                                  "\u{AD}", "\u{200B}", "\u{2060}", "\u{202E}", "\u{FEFF}", "\u{1B}", "\u{85}", "\u{9B}", "\u{6DD}", "\u{200C}"]
        for _ in 0..<40_000 {
            let text = (0..<random.int(20)).map { _ in random.pick(alphabet) }.joined()
            // Every word of the whole that a search can look up (ASCII letters and digits, as
            // `canLookUp` asks of a name's words) is found. A prepended letter (U+111C2) before a
            // space makes the whole one word with the space inside, which no name's word can be;
            // the pieces then give words more, which only widens the filter.
            let whole = Set(PersonName.words(text).map(\.word)).filter { w in
                w.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
            }
            XCTAssertTrue(words(text).isSuperset(of: whole), text.debugDescription)
        }
    }

    /// Where a name occurs in ASCII text, found on the bytes, is where the words of the whole
    /// text say it is (the first run of the name's words, first letter to last).
    func testTheOccurrenceInASCIITextIsWhereTheWordsSayItIs() {
        var random = SeededRandom(seed: 41)
        let pieces = ["zoe", "Zoe", "ZOE's", "o'neill", "ONeill", "O'Neill's", "oneills", " ", " ", ", ", "\n", "-", "'", "x", "s", "Mary"]
        // A name whose words repeat: runs of it overlap ("zoe zoe zoe o'neill").
        for (name, n) in [(PersonName("Zoë O'Neill"), 0..<20_000), (PersonName("Zoe Zoe O'Neill"), 0..<20_000)] {
        for _ in n {
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
    }

    /// The quick look on a text's bytes (`mayOccur`) never says no where the words say yes,
    /// whatever the bytes: the Kelvin sign (U+212A) that `words` reads as "k", superscripts,
    /// a lead byte with no continuation before a name (found by an attack), other scripts.
    func testTheQuickLookNeverSaysNoWhereTheWordsSayYes() {
        var random = SeededRandom(seed: 53)
        let pieces: [[UInt8]] = ["kate", "\u{212A}ate", "K", "zoe", "Zo\u{EB}", " ", "'", "\u{2019}", "\u{B2}", "\u{AA}", "\u{A3}", "\u{2014}",
                                 "\u{AD}", "\u{200B}", "\u{2060}", "\u{202E}", "\u{FEFF}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9B}", "\u{2065}",
                                 "\u{0E33}", "\u{1F600}", "\u{FF2B}", "e\u{301}", "-", "s"].map { Array($0.utf8) } + [[0xC3], [0xE2, 0x80], [0xFF], [0x80]]
        let name = PersonName("Kate Zoe")
        var matched = 0
        for _ in 0..<30_000 {
            var bytes: [UInt8] = []
            for _ in 0..<random.int(9) { bytes += random.pick(pieces) }
            let text = String(decoding: bytes, as: UTF8.self)
            guard name.occurrence(in: text) != nil || name.isNamed(by: text) else { continue }
            matched += 1
            XCTAssertTrue(bytes.withUnsafeBufferPointer { name.mayOccur(in: $0) }, bytes.map { String($0, radix: 16) }.joined(separator: " "))
        }
        XCTAssertGreaterThan(matched, 100)
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
