import CellWidth

/// Where a person appears in one case: the place in words and a short piece of what is there.
public struct SubjectAccessHit: Hashable, Sendable {
    /// "complainant", "subject child", "advocate", "stage 2 investigating officer",
    /// "contact log 2022-06-14 (with)", "contact log 2022-06-14 (note)", "letter 2022-06-14
    /// (acknowledgement)", "summary", "issue 1 detail", "issue 1 stage 2 finding", "event 2022-06-20".
    public var place: String
    /// The name field as written, or up to about 60 characters of free text around the mention,
    /// on one line, control characters dropped.
    public var context: String
    /// The person is named in a name field (a role), not mentioned in free text.
    public var isRole: Bool

    public init(place: String, context: String, isRole: Bool) { self.place = place; self.context = context; self.isRole = isRole }
}

/// One case a subject access request found, with every place the person appears in it.
public struct SubjectAccessCase: Sendable {
    public var contact: Contact
    public var correspondence: Correspondence
    /// Never empty for a case the search returns.
    public var hits: [SubjectAccessHit]

    public init(contact: Contact, correspondence: Correspondence, hits: [SubjectAccessHit]) {
        self.contact = contact; self.correspondence = correspondence; self.hits = hits
    }

    /// What tells namesakes apart, short, when recorded (else ""): the complainant's role, the
    /// first line of their address and the child's date of birth, said as whose each is for the
    /// person found on the case: as complainant, their role and
    /// address and the child's birth date ("parent; 12 High Street; child born 2015-03-02"); as
    /// the subject child, their own birth date, then the complainant's address said as theirs
    /// ("born 2012-04-22; complainant at 119 Church Lane"); otherwise both said as whose they
    /// are. (A trial read the complainant's address as the child's: unlabelled, it pointed at
    /// the wrong person.)
    public var tellApart: String {
        let p = contact.people
        let line = p.complainant.address.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "," })
            .map { String($0).trimmingSpaces }.first { !$0.isEmpty } ?? ""
        let address = SubjectAccess.oneLine(line, limit: 40)
        let born = p.child.dateOfBirth?.iso
        var parts: [String] = []
        if hits.contains(where: { $0.place == "complainant" }) {
            parts = [contact.complainantRole?.label ?? "", address, born.map { "child born \($0)" } ?? ""]
        } else if hits.contains(where: { $0.place == "subject child" }) {
            parts = [born.map { "born \($0)" } ?? "", address.isEmpty ? "" : "complainant at \(address)"]
        } else {
            parts = [address.isEmpty ? "" : "complainant at \(address)", born.map { "child born \($0)" } ?? ""]
        }
        return parts.filter { !$0.isEmpty }.joined(separator: "; ")
    }

    /// "complainant, subject child": the roles the person has on the case, or "mentioned".
    public var roles: String {
        let r = hits.filter(\.isRole).map(\.place)
        var seen = Set<String>()
        let unique = r.filter { seen.insert($0).inserted }
        return unique.isEmpty ? "mentioned" : unique.joined(separator: ", ")
    }
}

/// Subject access (the right of access): finding where a person appears, and which other
/// people's names the found free text holds. Pure; the store supplies the cases.
public enum SubjectAccess {
    /// The matches limited to the cases the officer confirmed are the person's (`heard sar
    /// --case`, the `:sar` screen's choice), by the cases' ids (a reference can change hands
    /// between the choice and the write: an attack swapped two and the bundle held the case left
    /// out), in the search's order, and the ids chosen that are not among them (a case changed
    /// since it was shown no longer holds the name). Namesakes' cases are left out of the bundle
    /// this way: never added, since a case not among the matches is never written.
    /// `leftOut`: the references of the cases found and not chosen, which the request records.
    public static func confirmed(_ found: [SubjectAccessCase], ids: [Int64]) -> (cases: [SubjectAccessCase], notFound: [Int64], leftOut: [String]) {
        let wanted = Set(ids)
        let kept = found.filter { $0.contact.id.map(wanted.contains) ?? false }
        let leftOut = found.filter { !($0.contact.id.map(wanted.contains) ?? false) }.map(\.contact.reference)
        let present = Set(kept.compactMap(\.contact.id))
        var seen = Set<Int64>()
        return (kept, ids.filter { !present.contains($0) && seen.insert($0).inserted }, leftOut)
    }

    /// Every place `name` appears in case `c` and its correspondence, in the record's order:
    /// the name fields by `PersonName.isNamed(by:)`, the free text by `occurrence(in:)`.
    public static func hits(for name: PersonName, in c: Contact, correspondence: Correspondence) -> [SubjectAccessHit] {
        hits(for: [name], in: c, correspondence: correspondence)
    }

    /// `hits(for:in:correspondence:)` for any of `names` (a name's spellings): a place is listed
    /// once, with the first spelling found there.
    public static func hits(for names: [PersonName], in c: Contact, correspondence: Correspondence) -> [SubjectAccessHit] {
        let names = names.filter { !$0.isEmpty }
        guard !names.isEmpty else { return [] }
        var out: [SubjectAccessHit] = []
        eachNameField(of: c, correspondence: correspondence) { place, value in
            if names.contains(where: { $0.isNamed(by: value) }) {
                out.append(SubjectAccessHit(place: place(), context: oneLine(value, limit: 60), isRole: true))
            }
        }
        eachFreeText(of: c, correspondence: correspondence) { place, text in
            if let r = names.lazy.compactMap({ $0.occurrence(in: text) }).first {
                out.append(SubjectAccessHit(place: place(), context: context(text, around: r), isRole: false))
            }
        }
        return out
    }

    /// The fields of a case that hold a person's name, with where each is.
    public static func nameFields(of c: Contact, correspondence: Correspondence) -> [(String, String)] {
        var out: [(String, String)] = []
        eachNameField(of: c, correspondence: correspondence) { out.append(($0(), $1)) }
        return out
    }

    /// `nameFields` one at a time, each place's words made only when asked for (`hits` asks for
    /// the few that hold the name: at hundreds of cases, making every label was much of a search).
    static func eachNameField(of c: Contact, correspondence: Correspondence, _ body: (() -> String, String) -> Void) {
        func field(_ place: @autoclosure () -> String, _ value: String) {
            if !isBlank(value) { withoutActuallyEscaping(place) { body($0, value) } }
        }
        field("complainant", c.complainantName)
        field("subject child", c.subjectChild)
        field("advocate", c.advocate)
        let sp = c.stagePeople
        field("stage 2 investigating officer", sp.investigatingOfficer)
        field("stage 2 independent person", sp.independentPerson)
        for (i, member) in sp.panel.enumerated() { field("stage 3 panel member \(i + 1)", member) }
        for l in correspondence.log { field("contact log \(l.at.date.iso) (with)", l.with) }
    }

    /// The free text of a case, with where each piece is: summary, acceptance decision, issues'
    /// detail and findings in words, events' reasons and notes, the contact log's notes and the
    /// letters' text as sent.
    public static func freeTexts(of c: Contact, correspondence: Correspondence) -> [(String, String)] {
        var out: [(String, String)] = []
        eachFreeText(of: c, correspondence: correspondence) { out.append(($0(), $1)) }
        return out
    }

    /// `freeTexts` one at a time, each place's words made only when asked for.
    static func eachFreeText(of c: Contact, correspondence: Correspondence, _ body: (() -> String, String) -> Void) {
        func text(_ place: @autoclosure () -> String, _ value: String) {
            if !isBlank(value) { withoutActuallyEscaping(place) { body($0, value) } }
        }
        text("summary", c.summary)
        text("acceptance decision", c.acceptanceDecision)
        for (i, issue) in c.issues.enumerated() {
            text("issue \(i + 1) detail", issue.detail)
            for stage in issue.findingTexts.keys.sorted() { text("issue \(i + 1) stage \(stage) finding", issue.findingTexts[stage] ?? "") }
        }
        for e in c.events { text("event \(e.date.iso) (\(e.kind.label.lowercased()))", e.reason) }
        for l in correspondence.log { text("contact log \(l.at.date.iso) (note)", l.note) }
        for l in correspondence.letters { text("letter \(l.sent.iso) (\(l.template))", l.body) }
    }

    /// Whether `s` is empty or only white space (what `trimmingSpaces` would leave empty), without
    /// making the trimmed copy (a letter's whole text, for every letter a search reads).
    static func isBlank(_ s: String) -> Bool {
        if let f = s.utf8.first, f > 32, f < 128 { return false }
        return s.allSatisfy(\.isWhitespace)
    }

    /// Up to 30 characters either side of `range` in `text`, on one line, "…" where cut.
    public static func context(_ text: String, around range: Range<String.Index>) -> String {
        let before = text[..<range.lowerBound].suffix(30), after = text[range.upperBound...].prefix(30)
        let cutBefore = before.startIndex > text.startIndex, cutAfter = after.endIndex < text.endIndex
        return (cutBefore ? "…" : "") + oneLine(String(before) + String(text[range]) + String(after), limit: 200) + (cutAfter ? "…" : "")
    }

    /// Said when the name to look for is one word: a name field matches when it holds every
    /// word, so "a" or "Smith" finds hundreds of people, not the one who asked.
    public static func singleWordWarning(_ name: PersonName) -> String? {
        name.words.count == 1 ? "a single word matches many people; give the full name" : nil
    }

    /// `s` on one line (breaks and tabs as spaces, control characters dropped, spaces
    /// collapsed), cut to `limit` characters with "…".
    public static func oneLine(_ s: String, limit: Int) -> String {
        var bytes = s
        if let ascii = bytes.withUTF8({ u in ASCIIBytes.all(u) ? oneLineASCII(u, limit: limit) : nil }) { return ascii }
        let cleaned = TextSanitiser.clean(s, allowLineBreaks: false).0
        let clean = hasSingleSpacesOnly(cleaned) ? cleaned : cleaned.split(separator: " ").joined(separator: " ")
        // A text of no more bytes than the limit has no more characters either.
        if clean.utf8.count <= limit { return clean }
        return clean.count > limit ? String(clean.prefix(limit - 1)) + "…" : clean
    }

    /// `oneLine` of ASCII text on its bytes (a letter's lines are broken, so nearly every line of
    /// a search took `clean`'s and the split's way through Characters): a tab or line break is a
    /// space ("\r\n" one), other control characters are dropped, as `TextSanitiser.clean`; spaces
    /// collapsed; in ASCII a character is a byte, so the limit counts bytes.
    static func oneLineASCII(_ u: UnsafeBufferPointer<UInt8>, limit: Int) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(min(u.count, limit + 1))
        var afterCR = false, space = false
        for b in u {
            let wasCR = afterCR
            afterCR = b == 0x0D
            var c = b
            if b == 0x09 || (0x0A...0x0D).contains(b) {
                if b == 0x0A && wasCR { continue }
                c = 0x20
            } else if b < 0x20 || b == 0x7F {
                continue
            }
            if c == 0x20 {
                space = !out.isEmpty
                continue
            }
            if space { out.append(0x20); space = false }
            out.append(c)
            // Past the limit, the rest is cut whatever it holds.
            if out.count > limit { break }
        }
        return out.count > limit ? String(decoding: out.prefix(max(0, limit - 1)), as: UTF8.self) + "…" : String(decoding: out, as: UTF8.self)
    }

    /// Whether `s` neither starts nor ends with a space and has no two together, by its bytes:
    /// then splitting it on spaces and joining the words again gives it back (a space character
    /// is the one byte 0x20), and oneLine makes no Character of it (most of a search's lines).
    static func hasSingleSpacesOnly(_ s: String) -> Bool {
        let u = s.utf8
        guard u.first != 0x20, u.last != 0x20 else { return false }
        var previous: UInt8 = 0
        for b in u {
            if b == 0x20 && previous == 0x20 { return false }
            previous = b
        }
        return true
    }

    /// Other people's names found in `texts` (the matched cases' free text), for the officer to
    /// review before disclosure: each of `known` (the names the file holds in its name fields)
    /// that occurs whole in the text and is not the subject's own, once each, sorted. Names of a
    /// single character are left out (initials would match everywhere).
    public static func redactionNames(in texts: [String], known: [String], subject: PersonName) -> [String] {
        let subjectSpellings = subject.spellings
        // Known names by their first word, so each word of the text looks up only the names
        // that could start there.
        var byFirst: [String: [(words: [String], name: String)]] = [:]
        var seenKeys = Set<String>()
        for k in known {
            let p = PersonName(k)
            guard !p.isEmpty, p.key.count > 1, seenKeys.insert(p.key).inserted else { continue }
            if subjectSpellings.contains(where: { $0.isNamed(by: k) }) { continue }
            byFirst[p.words[0], default: []].append((p.words, p.text))
        }
        var found: [String: String] = [:]
        for t in texts {
            let w = PersonName.words(t).map(\.word)
            for i in w.indices {
                guard let candidates = byFirst[w[i]] else { continue }
                for c in candidates where i + c.words.count <= w.count && Array(w[i..<(i + c.words.count)]) == c.words {
                    found[c.words.joined(separator: " ")] = c.name
                }
            }
        }
        return found.values.map { oneLine($0, limit: 200) }.sorted { $0.lowercased() < $1.lowercased() }
    }

    /// A request is due one calendar month after it is received (clamped to the month's end).
    public static func due(requested: LocalDate) -> LocalDate { requested.adding(months: 1) }

    /// Said before a case is anonymised on request while open subject access requests cover it
    /// (`requests`): anonymised, what it holds is not in their answer, and the ICO allows data to
    /// go during a request only where it would have gone anyway (a trial anonymised such a case
    /// unwarned, and the request then lost whose it was). Nil when none does. No name: numbers.
    public static func openRequestWarning(reference: String, requests: [SubjectAccessRequest]) -> String? {
        guard !requests.isEmpty else { return nil }
        let which = requests.map { r in (r.id.map { "#\($0)" } ?? "a request") + " (due \(r.due.iso))" }.joined(separator: ", ")
        return "\(reference) is in open subject access request\(requests.count == 1 ? "" : "s") \(which): anonymised now, what it holds is not in "
            + "\(requests.count == 1 ? "its" : "their") answer. Data may go during a request only where it would have gone anyway; otherwise answer the request first."
    }

    /// A folder name for the bundle that no name can subvert: "sar-zoe-oneill-2026-11-30".
    /// Letters and digits of the folded name joined by "-", at most 40 characters of it; no
    /// dot, slash or control character survives, and a name with none gives "sar-person-DATE".
    public static func folderName(for name: String, on date: LocalDate) -> String {
        // Each word kept to ASCII letters and digits; a word with none left is dropped.
        let safe = PersonName(name).words.map { w in
            String(w.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }.map(Character.init))
        }.filter { !$0.isEmpty }
        var slug = safe.joined(separator: "-")
        if slug.count > 40 { slug = String(slug.prefix(40)) }
        while slug.hasSuffix("-") { slug.removeLast() }
        return "sar-" + (slug.isEmpty ? "person" : slug) + "-" + date.iso
    }
}
