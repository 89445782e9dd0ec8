/// The words of a case's text as subject access compares them (`PersonName.words`), gathered
/// into one set per case: what the store's name index keeps, so that a search for a person
/// reads the few cases whose words include every word of the name instead of every text of
/// every case.
///
/// The index is a filter, never the judge: a case it offers is read whole and judged by
/// `SubjectAccess.hits`. It must only never leave out a case that holds the name, so every word
/// `PersonName.words` finds in a text is in the set. ASCII text (nearly all of it: names fold
/// to ASCII, letters are written in English) is split here byte by byte by the same rules;
/// anything else goes through `PersonName.words` itself.
public struct NameWords {
    public private(set) var words: Set<String> = []

    public init() {}

    /// Adds the words of one text value, given as its UTF-8 bytes.
    public mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !ASCIIBytes.all(bytes) else { return addASCII(bytes) }
        // No word of `PersonName.words` runs across ASCII white space followed by ASCII (a break,
        // never part of a possessive, and nothing ASCII joins the space's character), so each
        // piece between is taken alone: the ASCII pieces of a letter with one "£" or "’" in it
        // stay on the quick path; only the others go through PersonName. White space followed by
        // anything else is kept inside the piece: a mark such as U+0E33 or U+FF9E joins the space
        // before it into one character that is no letter, where alone it would join the word
        // after it (found by an attack: "Met Zoe \u{FF9E}Quillfeather" lost "quillfeather").
        var start = 0
        let n = bytes.count
        while start < n {
            var end = start
            var ascii = true
            while end < n && !(Self.isSpace(bytes[end]) && (end + 1 == n || bytes[end + 1] < 0x80)) {
                ascii = ascii && bytes[end] < 0x80
                end += 1
            }
            if end > start {
                let piece = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if ascii { addASCII(piece) } else {
                    for w in PersonName.words(String(decoding: piece, as: UTF8.self)) { words.insert(w.word) }
                }
            }
            start = end + 1
        }
    }

    /// Tab, line feed, vertical tab, form feed, carriage return and space.
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    /// The words of ASCII text, byte by byte, by `PersonName.words`' rules.
    private mutating func addASCII(_ bytes: UnsafeBufferPointer<UInt8>) {
        PersonName.eachASCIIWord(bytes) { word, _ in words.insert(String(decoding: word, as: UTF8.self)) }
    }

    /// Adds the words of `text`.
    public mutating func add(_ text: String) {
        var s = text
        s.withUTF8 { add($0) }
    }

    /// The set as the index keeps it: sorted, one space between words, each at most
    /// `longestIndexed` bytes (a longer one is no name: a hash, a pasted link).
    public var joined: String { words.filter { $0.utf8.count <= Self.longestIndexed }.sorted().joined(separator: " ") }

    /// The longest word the index keeps, in bytes. PostgreSQL's GIN index refuses an entry of
    /// more than about 2,700 bytes, and an attack found that one such word (a pasted hex dump)
    /// made every write that took the case's words fail; a name with a longer word is searched
    /// by reading every text (`canLookUp`), so no case is missed for want of it.
    public static let longestIndexed = 200

    /// Whether the name's words can be looked up in the index: each folded to ASCII letters and
    /// digits only (the index's own tokenizer splits ASCII exactly as these rules do; other
    /// scripts it may split differently, so such a name is searched by reading every text), and
    /// none longer than the index keeps.
    public static func canLookUp(_ name: PersonName) -> Bool {
        !name.isEmpty && name.words.allSatisfy { $0.utf8.count <= longestIndexed && $0.utf8.allSatisfy(PersonName.isASCIIWordByte) }
    }
}
