/// A person's name as subject access compares names: case and accents folded (as `/` search
/// folds them), apostrophes dropped ("O'Neill", "O’Neill" and "ONeill" are one word) and every
/// other character that is not a letter or digit a break between words ("Smith-Jones" is two
/// words, as is "Smith Jones"); extra spaces never matter.
///
/// Two rules, chosen for where a name is written:
/// - a **name field** (complainant, subject child, advocate, stage people, whom a log entry was
///   with) names the person when it holds every word of the name as a whole word, in any order
///   ("Zoë O'Neill" is named by "O'NEILL, Zoe" and by "Zoe Marie O'Neill", not by "Zoey O'Neill");
/// - **free text** (summary, findings, notes, letters) mentions the person when the name's words
///   appear together and in order ("wrote to zoe o'neill on…", "Zoë O'Neill's room": a
///   possessive 's is not part of the name). A surname alone is not a match:
///   the officer reads the matches before the bundle is made.
public struct PersonName: Hashable, Sendable {
    /// The name as asked for (trimmed).
    public let text: String
    /// Its folded words, in order.
    public let words: [String]
    /// The words as UTF-8, for the store's quick look at each row.
    let wordBytes: [[UInt8]]

    /// The name `text`; empty words when it has no letter or digit.
    public init(_ text: String) {
        self.text = text.trimmingSpaces
        words = Self.words(text).map(\.word)
        wordBytes = words.map { Array($0.utf8) }
    }

    /// Whether the name has no word to look for.
    public var isEmpty: Bool { words.isEmpty }

    /// Whether the name field `field` names this person (every word, any order, whole words).
    public func isNamed(by field: String) -> Bool {
        guard !words.isEmpty else { return false }
        // An ASCII field (nearly all) on its bytes, by the same word rules, until every word is
        // seen: a String and a Character a letter for each name field of every case searched.
        var bytes = field
        let quick = bytes.withUTF8 { u -> Bool? in
            guard ASCIIBytes.all(u) else { return nil }
            let wanted = wordBytes
            var seen = [Bool](repeating: false, count: wanted.count)
            var left = wanted.count
            Self.eachASCIIWord(u, until: { word, _ in
                for i in wanted.indices where !seen[i] && word.elementsEqual(wanted[i]) {
                    seen[i] = true
                    left -= 1
                }
                return left == 0
            })
            return left == 0
        }
        if let quick { return quick }
        let have = Set(Self.words(field).map(\.word))
        return words.allSatisfy(have.contains)
    }

    /// Where in `text` the name's words first appear together and in order, as a range of
    /// `text`'s characters; nil when they do not.
    public func occurrence(in text: String) -> Range<String.Index>? {
        guard !words.isEmpty else { return nil }
        // The quick look on the bytes first: a text without every word of the name somewhere
        // cannot hold it (most of a case's letters and notes), and splitting it into words is
        // most of a search's time.
        var bytes = text
        let quick = bytes.withUTF8 { u -> Range<Int>?? in
            guard mayOccur(in: u) else { return .some(nil) }
            // ASCII text (nearly every letter and note) is split on its bytes, by the same rules.
            guard ASCIIBytes.all(u) else { return .none }
            return .some(asciiOccurrence(in: u))
        }
        if let quick {
            guard let r = quick else { return nil }
            let utf8 = text.utf8
            return utf8.index(utf8.startIndex, offsetBy: r.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: r.upperBound)
        }
        return Self.firstRun(of: words, in: Self.words(text))
    }

    /// `occurrence(in:)` on ASCII text, as byte offsets.
    /// Read word by word as they come, keeping only the runs of the name's words begun so far
    /// (`firstRun`'s answer: runs are of one length, so the one that starts first ends first):
    /// a letter that names the person (most of a search's texts) was an array a word.
    func asciiOccurrence(in u: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        let wanted = wordBytes
        guard !wanted.isEmpty else { return nil }
        // Where each run begun so far starts, and how many of the name's words it has.
        var runs: [(start: Int, matched: Int)] = []
        var found: Range<Int>?
        Self.eachASCIIWord(u, until: { (word: ArraySlice<UInt8>, range: Range<Int>) -> Bool in
            var kept = 0
            for r in runs where word.elementsEqual(wanted[r.matched]) {
                runs[kept] = (r.start, r.matched + 1)
                kept += 1
            }
            runs.removeLast(runs.count - kept)
            if word.elementsEqual(wanted[0]) { runs.append((range.lowerBound, 1)) }
            if let done = runs.first(where: { $0.matched == wanted.count }) { found = done.start..<range.upperBound }
            return found != nil
        })
        return found
    }

    /// Where `wanted` first appears as consecutive words of `found`: from the first one's start to
    /// the last one's end (the one matching rule of `occurrence`, on Characters or on bytes).
    static func firstRun<W: Equatable, I>(of wanted: [W], in found: [(word: W, range: Range<I>)]) -> Range<I>? {
        guard !wanted.isEmpty, found.count >= wanted.count else { return nil }
        for start in 0...(found.count - wanted.count) where found[start].word == wanted[0] {
            var n = 1
            while n < wanted.count && found[start + n].word == wanted[n] { n += 1 }
            if n == wanted.count { return found[start].range.lowerBound..<found[start + n - 1].range.upperBound }
        }
        return nil
    }

    /// The words of ASCII text by `words(_:)`'s rules, each folded (lower case, apostrophes
    /// dropped) with the byte range it lies in (from its first letter to its last): what
    /// `words(_:)` gives for the same text, without a Character or String per letter.
    public static func eachASCIIWord(_ u: UnsafeBufferPointer<UInt8>, _ body: (ArraySlice<UInt8>, Range<Int>) -> Void) {
        eachASCIIWord(u, until: { body($0, $1); return false })
    }

    /// `eachASCIIWord` until `body` says it has what it wanted (true): a letter that names the
    /// person near its start (most a search reads) was split to its end.
    public static func eachASCIIWord(_ u: UnsafeBufferPointer<UInt8>, until body: (ArraySlice<UInt8>, Range<Int>) -> Bool) {
        var current: [UInt8] = []
        current.reserveCapacity(32)
        var start = -1, end = 0
        let n = u.count
        let isWord = isASCIIWordByte
        var done = false
        func finish() {
            if start >= 0 && !current.isEmpty { done = body(current[...], start..<end) }
            current.removeAll(keepingCapacity: true)
            start = -1
        }
        var i = 0
        while i < n && !done {
            let b = u[i]
            if b == 0x27 || b == 0x60 {
                // A possessive 's ends the word; any other apostrophe is nothing.
                if start >= 0, i + 1 < n, u[i + 1] == 0x73 || u[i + 1] == 0x53 {
                    let after = i + 2
                    if after == n || !isWord(u[after]) {
                        finish()
                        i = after
                        continue
                    }
                }
            } else if isWord(b) {
                if start < 0 { start = i }
                current.append(CaseSearch.lower(b))
                end = i + 1
            } else if !CaseSearch.isIgnorableASCII(b) {
                finish()
            }
            i += 1
        }
        if !done { finish() }
    }

    /// ASCII letters and digits: what `Character.isLetter || isNumber` holds in ASCII.
    @inline(__always) static func isASCIIWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    /// The folded words of `text` with where each lies in it.
    public static func words(_ text: String) -> [(word: String, range: Range<String.Index>)] {
        var out: [(String, Range<String.Index>)] = []
        var current = ""
        var start: String.Index?
        var end = text.startIndex
        func finish() {
            if let s = start, !current.isEmpty { out.append((current, s..<end)) }
            current = ""; start = nil
        }
        var i = text.startIndex
        while i < text.endIndex {
            var ch = text[i]
            let next = text.index(after: i)
            if ch.unicodeScalars.contains(where: CaseSearch.isIgnorable) {
                // Invisible characters (`CaseSearch.isIgnorable`) are not there, as on the screen: a
                // character made of them alone is nothing ("O'Br\u{AD}ien" is one word, and
                // "Anne\u{200B}Marie", shown as AnneMarie, is one too), and one holding a letter
                // (a joiner after it, or a mark that holds on to the letter after it, U+0600 and
                // the like) is that letter.
                let seen = String(String.UnicodeScalarView(ch.unicodeScalars.filter { !CaseSearch.isIgnorable($0) }))
                guard let first = seen.first else { i = next; continue }
                ch = first
            }
            if isApostrophe(ch) {
                // A possessive ends the word ("O'Neill's" is "oneill"); inside a word the
                // apostrophe joins ("O'Neill"); anywhere else it is nothing.
                if start != nil, next < text.endIndex, text[next] == "s" || text[next] == "S" {
                    let after = text.index(after: next)
                    if after == text.endIndex || !(text[after].isLetter || text[after].isNumber) {
                        finish()
                        i = after
                        continue
                    }
                }
            } else if ch.isLetter || ch.isNumber {
                if start == nil { start = i }
                current += ch.isASCII ? ch.lowercased() : CaseSearch.fold(String(ch))
                end = next
            } else {
                finish()
            }
            i = next
        }
        finish()
        return out
    }

    /// The name and the other ways it is commonly written down, each a name of its own, the name
    /// as asked for first: an apostrophe after a first letter written as a space ("O'Connor" as
    /// "O Connor", "D'Souza" as "D Souza") and an O, D or L standing alone joined to the next
    /// word ("O Connor" as "OConnor", which is how "O'Connor" folds; "D Arcy", "L Estrange"). Any
    /// other lone letter is an initial and stays one ("A Bell" is not looked for as "Abell"). A
    /// subject access search looks for each, so the person is found however the name was typed,
    /// here or in the record; the officer reads the matches and leaves out anyone else's. Only the
    /// name as asked for when it has neither.
    public var spellings: [PersonName] {
        var out = [self]
        let split = PersonName(String(text.map { Self.isApostrophe($0) ? " " : $0 }))
        // Only onto a word of more than one letter: in "Mary J O Brien" the initial J stays and
        // O joins Brien (joined pairwise from the left, "JO Brien" was tried and O'Brien missed).
        var joined: [String] = []
        var i = 0
        while i < words.count {
            if ["o", "d", "l"].contains(words[i]) && i + 1 < words.count && words[i + 1].count > 1 {
                joined.append(words[i] + words[i + 1])
                i += 2
            } else {
                joined.append(words[i])
                i += 1
            }
        }
        // A title in front ("Mr Harry Chen", as a request letter is signed) and lone initials
        // ("Harry J Chen") are not in most records: "Mr Harry Chen" found nothing and the
        // bundle said "we hold no records" (a trial). Dropped only while two words are left, so
        // "Mr Smith" is not looked for as "Smith" alone.
        var plain = joined
        while plain.count > 2, let first = plain.first, Self.titles.contains(first) { plain.removeFirst() }
        let withoutInitials = plain.filter { $0.count > 1 || !$0.allSatisfy(\.isLetter) }
        if withoutInitials.count >= 2 { plain = withoutInitials }
        for p in [split, PersonName(joined.joined(separator: " ")), PersonName(plain.joined(separator: " "))]
        where !p.isEmpty && !out.contains(where: { $0.words == p.words }) {
            out.append(p)
        }
        return out
    }

    /// Titles written before a name, folded as `words` folds them.
    static let titles: Set<String> = ["mr", "mrs", "ms", "miss", "mx", "master", "dr", "prof", "professor", "rev", "revd", "reverend",
                                      "cllr", "councillor", "sir", "dame", "lady", "lord"]

    /// The folded name as one string of words ("zoe oneill"): a key for comparing two names.
    public var key: String { words.joined(separator: " ") }

    /// The apostrophes a name is written with: typed, typographic, and the accents used for them.
    static func isApostrophe(_ ch: Character) -> Bool {
        ch.unicodeScalars.count == 1 && ch.unicodeScalars.first.map(CaseSearch.isApostrophe) == true
    }

    /// `text` folded to bytes as the store's quick first look compares them: lower case, accents
    /// off, apostrophes dropped. Every word of `words(text)` is a substring of it, so a row whose
    /// bytes lack one of the name's words cannot match and is skipped unread.
    public static func foldedBytes(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        CaseSearch.appendFolded(text, to: &out)
        if !out.contains(where: { $0 == 0x27 || $0 == 0x60 || $0 >= 0x80 }) { return out }
        let visible = String(text.filter { !isApostrophe($0) }).unicodeScalars.filter { !CaseSearch.isIgnorable($0) }
        return Array(CaseSearch.fold(String(String.UnicodeScalarView(visible))).utf8)
    }
}

extension PersonName {
    /// The quick first look the store takes at a row's text, as SQLite holds it (UTF-8): whether
    /// every word of the name occurs in it somewhere, case, accents and apostrophes ignored. A
    /// superset of the rules above (a row that fails cannot match), so only rows that pass are
    /// read whole. ASCII text is compared in place, byte by byte, without copying it.
    public func mayOccur(in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var scratch: [UInt8] = []
        return mayOccur(in: bytes, scratch: &scratch)
    }

    /// `mayOccur(in:)` with a buffer the caller keeps between rows (no allocation per row).
    /// Text with letters beyond ASCII is folded byte by byte: Latin letters with accents (the
    /// range names in England carry, U+00C0-U+024F) to their folded form, combining accents and
    /// typographic apostrophes dropped. A name whose own words are not ASCII once folded (Greek,
    /// Chinese) goes the slow way, through `foldedBytes`.
    public func mayOccur(in bytes: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8]) -> Bool {
        if words.isEmpty { return false }
        let needles = wordBytes
        if ASCIIBytes.all(bytes) { return needles.allSatisfy { Self.contains(bytes, $0) } }
        // A name whose words are not ASCII, a letter the byte fold does not know (the Kelvin sign
        // K, superscripts, other scripts) or bytes that are not UTF-8: folded exactly, as `words`
        // reads them.
        if needles.contains(where: { $0.contains { $0 >= 0x80 } }) || !Self.foldLatin(bytes, into: &scratch) {
            scratch = Self.foldedBytes(String(decoding: bytes, as: UTF8.self))
        }
        return scratch.withUnsafeBufferPointer { f in needles.allSatisfy { Self.contains(f, $0) } }
    }

    /// The folded UTF-8 of each scalar from U+00C0 to U+024F ("É" is "e", "ß" stays "ß").
    static let latinFold: [[UInt8]] = (0xC0...0x24F).map { v in
        Unicode.Scalar(UInt32(v)).map { Array(CaseSearch.fold(String(Character($0))).utf8) } ?? []
    }

    /// `bytes` folded as `mayOccur` compares them, into `out` (emptied first); false when they hold
    /// a character this fold does not know to be no letter and not to fold to ASCII (found by an
    /// attack: U+212A, the Kelvin sign, is "k" to `words`; a lead byte with no continuation ate
    /// the letter after it), and the caller folds them exactly instead. Known: ASCII, Latin
    /// letters U+00C0-U+024F, combining accents and U+02BC, the Latin-1 signs that are no letter
    /// or number (£, ©, «, NBSP…), general punctuation U+2000-U+206F and currency signs.
    static func foldLatin(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Bool {
        out.removeAll(keepingCapacity: true)
        let n = bytes.count
        var i = 0
        @inline(__always) func continuation(_ k: Int) -> Bool { k < n && bytes[k] & 0xC0 == 0x80 }
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if b != 0x27 && b != 0x60 && !CaseSearch.isIgnorableASCII(b) { out.append(CaseSearch.lower(b)) }
                i += 1
            } else if b & 0xE0 == 0xC0, continuation(i + 1) {
                let v = Int(b & 0x1F) << 6 | Int(bytes[i + 1] & 0x3F)
                if v == 0xAD || ((0x80...0x9F).contains(v) && v != 0x85) {}   // soft hyphen, C1 controls: not there
                else if (0xC0...0x24F).contains(v) { out.append(contentsOf: latinFold[v - 0xC0]) }
                else if (0x300...0x36F).contains(v) || v == 0x2BC {}
                else if v < 0xA0 || ((0xA0...0xBF).contains(v) && !latinOneLetters.contains(v)) { out.append(b); out.append(bytes[i + 1]) }
                else { return false }
                i += 2
            } else if b & 0xF0 == 0xE0, continuation(i + 1), continuation(i + 2) {
                let v = Int(b & 0x0F) << 12 | Int(bytes[i + 1] & 0x3F) << 6 | Int(bytes[i + 2] & 0x3F)
                if v == 0x2018 || v == 0x2019 {}   // ‘ and ’
                else if (0x200B...0x200F).contains(v) || (0x202A...0x202E).contains(v) || (0x2060...0x2064).contains(v)
                            || (0x2066...0x206F).contains(v) {}   // format characters: not there
                else if (0x2000...0x206F).contains(v) || (0x20A0...0x20CF).contains(v) { out.append(contentsOf: bytes[i..<(i + 3)]) }
                else { return false }
                i += 3
            } else {
                return false
            }
        }
        return true
    }

    /// Latin-1's letters and numbers below U+00C0 (ª ² ³ µ ¹ º ¼ ½ ¾): `words` reads them in words.
    static let latinOneLetters: Set<Int> = [0xAA, 0xB2, 0xB3, 0xB5, 0xB9, 0xBA, 0xBC, 0xBD, 0xBE]

    /// Whether `needle` (folded) occurs in `hay`, ASCII capitals lowered and apostrophes and
    /// backticks skipped as it is read.
    /// A match can only begin at a byte that lowers to the needle's first byte: the text is
    /// scanned eight bytes at a time for one, and only there is the needle compared (a letter's
    /// whole text was compared byte by byte from every place: a tenth of a subject access
    /// search's main thread).
    static func contains(_ hay: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        let n = needle.count, h = hay.count
        if n == 0 { return true }
        func matches(at i: Int) -> Bool {
            var j = 0, k = i
            while j < n && k < h {
                let b = hay[k]
                if (b == 0x27 || b == 0x60 || CaseSearch.isIgnorableASCII(b)) && j > 0 { k += 1; continue }
                if CaseSearch.lower(b) != needle[j] { break }
                j += 1; k += 1
            }
            return j == n
        }
        // A byte that lowers to `first` is `first` itself or its capital: with bit 0x20 set on
        // both (a lower-case letter or a digit has it), `b | 0x20 == first` holds for both (and
        // for a few others, compared and refused). Any other first byte is only itself.
        let first = needle[0]
        let fold: UInt8 = first < 0x80 && first & 0x20 != 0 ? 0x20 : 0
        var i = 0
        if let base = hay.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let wanted = UInt64(first) &* ones, folded = UInt64(fold) &* ones
            while i + 8 <= h {
                let x = (UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) | folded) ^ wanted
                // Whether any of the eight bytes of `x` is zero, that is, a place to compare.
                if (x &- ones) & ~x & (ones &<< 7) != 0 {
                    for k in i..<(i + 8) where hay[k] | fold == first && matches(at: k) { return true }
                }
                i += 8
            }
        }
        while i < h {
            if hay[i] | fold == first && matches(at: i) { return true }
            i += 1
        }
        return false
    }
}
