/// What `/` on the case list and `heard cases --search` match: one definition for both.
///
/// A case matches when every word of the query occurs somewhere in its reference, complainant's
/// name, subject child (name, social care ID, date of birth) or summary, case and accents folded ("zoe" finds "Zoë" stored
/// composed or decomposed, "LI" finds "li"). A word matches anywhere inside a field, digits
/// included: "0002" finds CS-2026-0002 and CS-2026-10002 alike. Words never span two fields.
/// Apostrophes (typed or typographic) are ignored on both sides, as `heard sar` ignores them:
/// "obrien" finds O'Brien and "o'brien" finds OBrien.
public struct CaseSearch: Sendable, Equatable {
    /// The folded words of the query, as UTF-8.
    public let words: [[UInt8]]

    /// The search for `query`; words are separated by spaces or tabs.
    public init(_ query: String) {
        var folded: [UInt8] = []
        // Any space separates the query's words (a no-break space, a thin or an ideographic one).
        let spaced = query.unicodeScalars.contains { $0.value > 0x7F && $0.properties.isWhitespace }
            ? String(String.UnicodeScalarView(query.unicodeScalars.map { $0.properties.isWhitespace ? " " : $0 })) : query
        Self.appendFolded(spaced, to: &folded)
        words = folded.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A }).map { Array($0) }
    }

    /// Whether the query has no words (then everything matches).
    public var isEmpty: Bool { words.isEmpty }

    /// Byte between two fields of a haystack: no folded word contains it.
    public static let separator: UInt8 = 1

    /// The folded fields of a case, separated, as `matches` reads them.
    public static func haystack(reference: String, complainantName: String, subjectChild: String, summary: String) -> [UInt8] {
        var out: [UInt8] = []
        appendFolded(reference, to: &out); out.append(separator)
        appendFolded(complainantName, to: &out); out.append(separator)
        appendFolded(subjectChild, to: &out); out.append(separator)
        appendFolded(summary, to: &out)
        return out
    }

    /// Whether `c` matches.
    public func matches(_ c: CaseSummary) -> Bool {
        if words.isEmpty { return true }
        let hay = Self.haystack(reference: c.reference, complainantName: c.complainantName, subjectChild: c.subjectChild, summary: c.summary)
        return hay.withUnsafeBufferPointer { matches($0) }
    }

    /// Whether every word occurs in `haystack`: folded text, or ASCII text as stored (its capitals
    /// are lower-cased here as it is read, so ASCII rows need no folded copy). Inlinable: `/`
    /// calls it for each of 100,000 rows per keystroke.
    @inlinable
    public func matches(_ haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        for w in words where !Self.contains(haystack, w) { return false }
        return true
    }

    // MARK: - Folding

    /// `s` lower-cased, with the accents of Latin letters taken off.
    public static func fold(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 128 }) { return s.lowercased() }
        var out = String.UnicodeScalarView()
        for u in s.lowercased().unicodeScalars {
            if let d = Decompose.table[u.value] { out.append(d) }
            else if !Decompose.isCombiningMark(u) { out.append(u) }
        }
        return String(out)
    }

    /// Appends the folded bytes of `s`: ASCII lower-cased in place, anything else through `fold`;
    /// apostrophes (`isApostrophe`) and invisible characters (`isIgnorable`) left out.
    public static func appendFolded(_ s: String, to out: inout [UInt8]) {
        if s.utf8.allSatisfy({ $0 < 128 }) {
            for b in s.utf8 where b != 0x27 && b != 0x60 && !isIgnorableASCII(b) { out.append(lower(b)) }
        } else {
            for u in fold(s).unicodeScalars where !isApostrophe(u) && !isIgnorable(u) { UTF8.encode(u) { out.append($0) } }
        }
    }

    /// Characters nobody sees that sit inside words: format characters (a soft hyphen, a
    /// zero-width space, a joiner, a byte order mark: text pasted from a word processor or the
    /// web carries them) and control characters that are not white space (ESC, DEL, NUL written
    /// by another tool). Searches read a word as if they were not there: "O'Br\u{AD}ien" is
    /// shown as O'Brien and found as it (an attack: subject access said "we hold no records").
    public static func isIgnorable(_ u: Unicode.Scalar) -> Bool {
        switch u.properties.generalCategory {
        case .format: return true
        case .control: return !u.properties.isWhitespace
        default: return false
        }
    }

    /// `isIgnorable` for an ASCII byte: the controls other than tab, line feed, vertical tab,
    /// form feed and carriage return.
    @inlinable @inline(__always) public static func isIgnorableASCII(_ b: UInt8) -> Bool {
        (b < 0x20 && !(0x09...0x0D).contains(b)) || b == 0x7F
    }

    /// The apostrophes a name is written with: typed, typographic, and the accents used for them
    /// (`PersonName` drops the same).
    public static func isApostrophe(_ u: Unicode.Scalar) -> Bool {
        u == "'" || u == "`" || u == "\u{2019}" || u == "\u{2018}" || u == "\u{02BC}"
    }

    /// Whether an ASCII field's folded form differs from it beyond capitals: it holds an
    /// apostrophe or an invisible control, which folding leaves out (a field the list keeps folded).
    @inlinable public static func asciiFoldsAway(_ s: String) -> Bool {
        s.utf8.contains { $0 == 0x27 || $0 == 0x60 || isIgnorableASCII($0) }
    }

    /// ASCII letters lower-cased; every other byte as it is.
    @inlinable @inline(__always) public static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }

    /// Naive byte search, lower-casing ASCII of the haystack as it goes (the needle is folded):
    /// rows are short, so this beats building any index per keystroke.
    @inlinable
    static func contains(_ hp: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        let n = needle.count
        if n == 0 { return true }
        let h = hp.count
        if n > h { return false }
        return needle.withUnsafeBufferPointer { np in
            let first = np[0]
            var i = 0
            let last = h - n
            while i <= last {
                if lower(hp[i]) == first {
                    var j = 1
                    while j < n && lower(hp[i + j]) == np[j] { j += 1 }
                    if j == n { return true }
                }
                i += 1
            }
            return false
        }
    }
}

/// Latin letters with diacritics that names in England commonly carry, mapped to the base
/// letter (HeardCore has no Foundation to decompose with).
enum Decompose {
    static let table: [UInt32: Unicode.Scalar] = {
        var t: [UInt32: Unicode.Scalar] = [:]
        let pairs: [(String, Unicode.Scalar)] = [
            ("àáâãäåāăą", "a"), ("çćčĉċ", "c"), ("ďđ", "d"), ("èéêëēėęěĕ", "e"), ("ğĝġģ", "g"), ("ĥ", "h"),
            ("ìíîïīįĭ", "i"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľł", "l"), ("ñńňņ", "n"), ("òóôõöøōőŏ", "o"),
            ("ŕřŗ", "r"), ("śšşșŝ", "s"), ("ťţț", "t"), ("ùúûüūůűŭųũ", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
        ]
        for (accented, base) in pairs {
            for ch in accented.unicodeScalars { t[ch.value] = base }
        }
        return t
    }()

    /// Combining diacritical marks (U+0300-U+036F): what a decomposed "e\u{301}" carries.
    static func isCombiningMark(_ u: Unicode.Scalar) -> Bool { (0x300...0x36F).contains(u.value) }
}
