/// A subject access request as recorded (`subject_access_requests`, migration v11): who asked
/// for whom, when, the cases disclosed, and when it is due and was completed.
public struct SubjectAccessRequest: Hashable, Sendable {
    public var id: Int64?
    /// The day the request was made (recorded) in Heard.
    public var requested: LocalDate
    /// The officer who made the search (the store's actor).
    public var who: String
    /// The name asked for.
    public var forWhom: String
    /// One calendar month after `requested` (`SubjectAccess.due`).
    public var due: LocalDate
    /// The references of the cases found and disclosed.
    public var cases: [String]
    /// When the officer marked it done; nil while open.
    public var completed: LocalDate?
    /// Marked done, on a day the record cannot read (another tool's row): not open, and not
    /// to be marked again (it was listed open and `d` wrote over it: an attack).
    public var completedUnreadable = false
    /// The day it was recorded cannot be read (another tool's row): `requested` is then the
    /// earliest day there is, so that it is due at once, and is never shown as a date.
    public var requestedUnreadable = false
    /// Its due day cannot be read, nor worked out from `requested`: due at once, never shown.
    public var dueUnreadable = false

    public init(id: Int64? = nil, requested: LocalDate, who: String, forWhom: String, due: LocalDate, cases: [String], completed: LocalDate? = nil) {
        self.id = id; self.requested = requested; self.who = who; self.forWhom = forWhom; self.due = due; self.cases = cases; self.completed = completed
    }

    /// Not completed yet.
    public var isOpen: Bool { completed == nil && !completedUnreadable }
    /// What a list shows for a day that cannot be read.
    public static let unreadableDay = "unreadable"
    /// The day it was recorded as lists show it: its date, or "unreadable".
    public var requestedText: String { requestedUnreadable ? Self.unreadableDay : requested.iso }
    /// Its due day as lists show it: its date (as `shown` writes it), or "unreadable".
    public func dueText(_ shown: (LocalDate) -> String = { $0.iso }) -> String { dueUnreadable ? Self.unreadableDay : shown(due) }
    /// Its due day in ISO form, or "unreadable".
    public var dueText: String { dueText() }
    /// "open", "OVERDUE", "completed 2026-12-02" or "completed (on a day that cannot be read)".
    public func state(today: LocalDate) -> String {
        if let completed { return "completed \(completed.iso)" }
        if completedUnreadable { return "completed (on a day that cannot be read)" }
        return isOverdue(today: today) ? "OVERDUE" : "open"
    }
    /// Open and past its due date.
    public func isOverdue(today: LocalDate) -> Bool { isOpen && today > due }
}

/// One case of a bundle: its whole record (with correspondence and history loaded), where the
/// person appears in it, and the file name each of its documents is written under.
public struct SubjectAccessBundleCase: Sendable {
    public var record: CaseRecord
    public var hits: [SubjectAccessHit]

    public init(record: CaseRecord, hits: [SubjectAccessHit]) { self.record = record; self.hits = hits }

    /// Other people's details in the case's structured fields, for the officer to review before
    /// the bundle goes: the roles the person does not have on the case (complainant, subject
    /// child, advocate), each recorded detail as "complainant's phone: 0113 …", then the stage
    /// people and contact log lines' "with" that do not name them ("contact log 2022-03-02
    /// (with): Pat Parent"). The names in free text are listed apart (`SubjectAccess.redactionNames`).
    public var otherPeoplesDetails: [String] {
        let roles = Set(hits.filter(\.isRole).map(\.place))
        let c = record.contact, p = c.people
        var out: [(String, String)] = []
        if !roles.contains("complainant") {
            out += [("complainant's name", c.complainantName), ("complainant's address", p.complainant.address),
                    ("complainant's phone", p.complainant.phone), ("complainant's email", p.complainant.email),
                    ("complainant's relationship to the child", p.complainant.relationship)]
            let answered = EqualityQuestion.allCases.filter { p.equality[$0] != nil }.map(\.label)
            out.append(("complainant's equality monitoring answers", answered.joined(separator: ", ")))
        }
        if !roles.contains("subject child") {
            out += [("subject child's name", c.subjectChild), ("subject child's social care ID", p.child.socialCareID),
                    ("subject child's date of birth", p.child.dateOfBirth?.iso ?? "")]
        }
        if !roles.contains("advocate") { out.append(("advocate's name", c.advocate)) }
        // The stage 2 and 3 people and whom each contact log line was with (a GP, a teacher, a
        // grandparent): disclosed with the case, so listed too unless they name the person (a
        // trial found a GP's name in a bundle and "None found" in redaction.txt).
        // Two log lines of one day share a place: a line is the person's when its hit holds the
        // same value, not merely the same place (an attack: a GP on the day of the person's call).
        let main: Set<String> = ["complainant", "subject child", "advocate"]
        let own = Set(hits.filter(\.isRole).map { $0.place + "\u{0}" + $0.context })
        out += SubjectAccess.nameFields(of: c, correspondence: record.correspondence).filter { place, value in
            !main.contains(place) && !own.contains(place + "\u{0}" + SubjectAccess.oneLine(value, limit: 60))
        }
        return out.filter { !$0.1.trimmingSpaces.isEmpty }.map { "\($0.0): \(SubjectAccess.oneLine($0.1, limit: 120))" }
    }

    /// The case's audit rows about the person: a change to a field of a role the person has on
    /// the case (the complainant's details, the subject child's, the advocate), or one whose
    /// value before or after names them.
    public func personHistory(_ name: PersonName) -> [HistoryItem] {
        let roles = Set(hits.filter(\.isRole).map(\.place))
        func ofRole(_ field: String) -> Bool {
            if roles.contains("complainant") && (field.hasPrefix("complainant_") || field.hasPrefix("equality_") || field.hasPrefix("authority_")
                                                 || field == "preferred_contact" || field == "relationship_to_child" || field == "cyp") { return true }
            if roles.contains("subject child") && field.hasPrefix("subject_child") { return true }
            return roles.contains("advocate") && field == "advocate"
        }
        let spellings = name.spellings
        func names(_ v: String?) -> Bool { v.map { v in spellings.contains { $0.isNamed(by: v) || $0.occurrence(in: v) != nil } } ?? false }
        return record.history.filter { h in h.changes.contains { ofRole($0.field) || names($0.before) || names($0.after) } }
    }

    /// Where document `d` of this case is written in the bundle: "documents/CS-2026-0002-1-letter.pdf",
    /// the reference and the number first so no two collide, the name kept to safe characters.
    public func documentPath(_ d: DocumentInfo) -> String {
        func safe(_ s: String) -> String {
            let kept = String(s.unicodeScalars.map { u -> Character in
                u.isASCII && (u.properties.isAlphabetic || ("0"..."9").contains(u) || u == "." || u == "-" || u == "_") ? Character(u) : "_"
            })
            var out = String(kept.prefix(80))
            while out.hasPrefix(".") { out.removeFirst() }
            return out.isEmpty ? "document" : out
        }
        return "documents/" + safe(record.contact.reference) + "-\(d.number)-" + safe(d.name)
    }
}

/// Everything one subject access bundle holds, and its files' text: `README.html` (readable by
/// the person), `bundle.json` (each case's `heard show` object and the history of changes to the
/// person's data) and `redaction.txt` (other people's names in the free text). Pure: the
/// documents' bytes are written by the caller under `documentPath`.
public struct SubjectAccessBundle: Sendable {
    public var request: SubjectAccessRequest
    public var cases: [SubjectAccessBundleCase]
    /// Other people's names found in the cases' free text (`SubjectAccess.redactionNames`).
    public var redaction: [String]
    /// Rows Heard could not read were left out of the search (`heard sar --skip-unreadable`):
    /// the page must not say "we hold no records" as if the whole record had been read (an attack).
    public var incomplete = false

    public init(request: SubjectAccessRequest, cases: [SubjectAccessBundleCase], redaction: [String]) {
        self.request = request; self.cases = cases; self.redaction = redaction
    }

    var name: PersonName { PersonName(request.forWhom) }

    /// The bundle as JSON: the request, then each case with where the person was found, its
    /// whole record (`CaseRecord.json`), the person's history and its documents' files.
    public func json() -> String {
        typealias J = JSONText
        let caseObjects = cases.map { c -> String in
            let hits = c.hits.map { J.object([("where", J.quote($0.place)), ("context", J.quote($0.context)), ("role", $0.isRole ? "true" : "false")]) }
            let history = c.personHistory(name).map { h in
                J.object([("at", J.quote(h.at)), ("who", J.quote(h.who)), ("action", J.quote(h.action)), ("entity", J.quote(h.entity)),
                          ("changes", J.array(h.changes.map { J.object([("field", J.quote($0.field)), ("before", J.optional($0.before)), ("after", J.optional($0.after))]) }))])
            }
            let files = c.record.correspondence.documents.map { d in
                J.object([("number", String(d.number)), ("name", J.quote(d.name)), ("sha256", J.quote(d.sha256)), ("file", J.quote(c.documentPath(d)))])
            }
            return J.object([("reference", J.quote(c.record.contact.reference)), ("roles", J.quote(SubjectAccessCase(contact: c.record.contact, correspondence: c.record.correspondence, hits: c.hits).roles)),
                             ("found", J.array(hits)), ("record", c.record.json(indent: nil)), ("person_history", J.array(history)),
                             ("document_files", J.array(files)),
                             // What redaction.txt lists for the case, so the file says it too (a trial
                             // found `redaction_review` empty where redaction.txt listed five cases).
                             ("other_peoples_details", J.array(c.otherPeoplesDetails.map(J.quote)))])
        }
        let r = request
        let top = J.object([
            ("subject_access", J.object([("name", J.quote(r.forWhom)), ("requested", J.quote(r.requested.iso)), ("due", J.quote(r.due.iso)),
                                         ("officer", J.quote(r.who)), ("cases", J.array(r.cases.map(J.quote)))])),
            ("cases", J.array(caseObjects)),
            ("redaction_review", J.array(redaction.map(J.quote))),
        ])
        return CaseRecord.indented(top, by: 2) + "\n"
    }

    /// `redaction.txt`: for the officer, not the person.
    public func redactionText() -> String {
        var out = "Names of other people found in the free text of the cases disclosed to \(SubjectAccess.oneLine(request.forWhom, limit: 200))\n"
        out += "(summaries, findings, notes, the contact log and letters). Review each before the bundle is sent.\n\n"
        out += redaction.isEmpty ? "None found.\n" : redaction.map { "- " + $0 + "\n" }.joined()
        // Structured fields name other people too: another complainant, a child's ID and birth
        // date, equality answers that are not the requester's. Listed per case to review.
        out += "\nOther people's details in the cases' fields (the roles \(SubjectAccess.oneLine(request.forWhom, limit: 200)) does not have). Review each:\n\n"
        let perCase = cases.map { ($0.record.contact.reference, $0.otherPeoplesDetails) }.filter { !$0.1.isEmpty }
        out += perCase.isEmpty ? "None found.\n" : perCase.map { ref, lines in ref + "\n" + lines.map { "- " + $0 + "\n" }.joined() }.joined(separator: "\n")
        return out
    }

    /// `README.html`: one self-contained page for the person (no scripts or outside resources,
    /// every value escaped): each case, where they appear, its timeline, letters in full, contact
    /// log entries and documents.
    /// `letter` renders a letter's Markdown as HTML elements (HeardLetters, which this layer
    /// does not see); without it a letter shows as its text, escaped.
    /// `council` (config.toml `[letters]`): who holds the record and how to reach them, said
    /// before the cases with what the page holds and the person's rights (a trial: the page had
    /// no covering words, so it could not go out as it was).
    public func html(letter: ((String) -> String)? = nil, council: LetterSettings? = nil) -> String {
        let e = ReportRenderer.esc
        let r = request
        var out = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Information held about \(e(r.forWhom))</title>
            <style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.4}pre{white-space:pre-wrap;border-left:3px solid #ccc;padding-left:1em}td,th{padding:2px 8px;text-align:left;vertical-align:top}td.date{white-space:nowrap}.letter{border-left:3px solid #ccc;padding-left:1em}.letter h1,.letter h2,.letter h3{font-size:1.05em}</style>
            </head><body>
            <h1>Information held about \(e(r.forWhom))</h1>
            <p>Subject access request recorded on \(r.requested.written); response due by \(r.due.written). \(cases.isEmpty ? (incomplete ? "We found no records about \(e(r.forWhom)) in the part of our record we could read." : "We hold no records about \(e(r.forWhom)).") : "\(cases.count) case\(cases.count == 1 ? "" : "s") found.")</p>
            \(incomplete ? "<p><strong>Part of our record could not be read when this was made and is not in this response. We will send you anything about you it holds once it has been repaired.</strong></p>\n" : "")

            """
        if let council { out += Self.covering(council, e, documents: cases.contains { !$0.record.correspondence.documents.isEmpty }) }
        // Dates as a letter writes them ("4 March 2022"), in the record's words too: the page
        // is read by the person, not the team (a trial: ISO dates read as the system's).
        func w(_ s: String) -> String { e(LocalDate.rewritingISODates(in: s, \.written)) }
        for c in cases {
            let k = c.record.contact
            out += "<h2>\(e(k.reference))</h2>\n<table>\n"
            let fields: [(String, String)] = [("Kind", k.kind.label), ("Received", k.received.written), ("Service area", k.serviceArea),
                                              ("Status", c.record.statusWords), ("Complainant", k.complainantName), ("Subject child", k.subjectChild),
                                              ("Advocate", k.advocate), ("Summary", k.summary)]
            // Only the status's own date is rewritten: a summary or a name is as written.
            for (n, v) in fields where !v.isEmpty { out += "<tr><th>\(e(n))</th><td>\(n == "Status" ? w(v) : e(v))</td></tr>\n" }
            out += "</table>\n"
            let details = c.ownDetails(of: PersonName(r.forWhom))
            if !details.isEmpty {
                out += "<h3>Your details on this case</h3>\n<table>\n"
                for (n, v) in details { out += "<tr><th>\(e(n))</th><td>\(e(v))</td></tr>\n" }
                out += "</table>\n"
            }
            out += Self.findings(c.record, w)
            out += "<h3>Where you appear</h3>\n<ul>\n"
            for h in c.hits { out += "<li>\(e(Self.publicPlace(h)))</li>\n" }
            out += "</ul>\n<h3>Timeline</h3>\n<table>\n"
            // The contact log has a section of its own below, with its times: not twice.
            let closing = c.record.automaticClose
            for t in c.record.timeline where t.kind != "contact" {
                let text = t == closing ? c.record.automaticCloseReason.map { Self.closedWords($0.why) } ?? t.text : t.text
                out += "<tr><td class=\"date\">\(t.date.written)</td><td>\(w(text))</td></tr>\n"
            }
            out += "</table>\n"
            let corr = c.record.correspondence
            if !corr.log.isEmpty {
                out += "<h3>Contact log</h3>\n<table>\n"
                for l in corr.log {
                    let when = l.at.date.written + (l.at.clockText.map { ", " + $0 } ?? "")
                    out += "<tr><td class=\"date\">\(e(when))</td><td>\(e(l.words))</td></tr>\n"
                }
                out += "</table>\n"
            }
            if !corr.letters.isEmpty {
                out += "<h3>Letters</h3>\n"
                // Rendered as the person received it, not Markdown source in monospace.
                for l in corr.letters {
                    out += "<h4>\(e(l.words)), \(l.sent.written)</h4>\n" + (letter.map { "<div class=\"letter\">\n\($0(l.body))</div>\n" } ?? "<pre>\(e(l.body))</pre>\n")
                }
            }
            if !corr.documents.isEmpty {
                out += "<h3>Documents</h3>\n<ul>\n"
                for d in corr.documents { out += "<li><a href=\"\(e(c.documentPath(d)))\">\(e(d.words))</a>\(d.added.map { ", added \($0.written)" } ?? ", added on a day our record cannot read")</li>\n" }
                out += "</ul>\n"
            }
        }
        return out + "</body></html>\n"
    }

    /// A complaint's issues and what each stage found on them, its stage outcomes and remedies,
    /// as the case's record lists them under "Issues and findings" (a trial: the page had none
    /// of them, though a complaint's outcome is the first thing its complainant asks about).
    /// Empty for a case with none of them. `w` escapes and writes ISO dates in words.
    static func findings(_ record: CaseRecord, _ w: (String) -> String) -> String {
        let c = record.contact
        guard c.kind == .complaint else { return "" }
        var rows: [(String, String)] = []
        for issue in c.issues {
            var found: [String] = []
            for n in 1...3 {
                let verdict = issue.findings[n]?.label
                let text = issue.findingTexts[n] ?? ""
                guard verdict != nil || !text.isEmpty else { continue }
                found.append("Stage \(n): " + [verdict, text.isEmpty ? nil : text].compactMap { $0 }.joined(separator: ". "))
            }
            rows.append((issue.category, ([issue.detail].filter { !$0.isEmpty } + found).joined(separator: "\n")))
        }
        for s in record.clock.stages {
            if let o = s.outcome(issues: c.issues) { rows.append(("Stage \(s.number) outcome", o.label)) }
        }
        for r in record.clock.remedies { rows.append(("Remedy", r.date.iso + ": " + CaseRecord.remedyWords(r))) }
        guard !rows.isEmpty else { return "" }
        var out = "<h3>What the complaint was about and what was found</h3>\n<table>\n"
        for (name, value) in rows {
            out += "<tr><th>\(w(name))</th><td>\(value.split(separator: "\n", omittingEmptySubsequences: false).map { w(String($0)) }.joined(separator: "<br>"))</td></tr>\n"
        }
        return out + "</table>\n"
    }

    /// Where the person appears, as they read it: "Named as the complainant", "In the letter of
    /// 14 September 2026: “…Dear Harry Chen, thank you…”" (a trial: the page listed the search's
    /// own words, "letter 2026-09-14 (stage1-response): …", template names and all). A place
    /// of another shape is given as it is, its dates in words.
    public static func publicPlace(_ h: SubjectAccessHit) -> String {
        let p = h.place
        func written(_ iso: Substring) -> String { LocalDate(iso: String(iso))?.written ?? String(iso) }
        /// "KIND DATE (WHAT)" split into the date and what is in brackets.
        func dated(_ kind: String) -> (date: String, what: String)? {
            guard p.hasPrefix(kind + " "), p.hasSuffix(")"), let open = p.firstIndex(of: "(") else { return nil }
            let iso = String(p[p.index(p.startIndex, offsetBy: kind.count + 1)..<open]).trimmingSpaces
            return (written(Substring(iso)), String(p[p.index(after: open)..<p.index(before: p.endIndex)]))
        }
        let quoted = " “" + h.context + "”"
        if let (date, what) = dated("contact log") {
            return what == "with" ? "Named as the person we were in contact with on \(date)" : "In the note of a contact on \(date):" + quoted
        }
        if let (date, _) = dated("letter") { return "In the letter of \(date):" + quoted }
        if let (date, what) = dated("event") { return "In the note of “\(what)” on \(date):" + quoted }
        if h.isRole {
            return p == "subject child" ? "Named as the child or young person the case is about" : "Named as the \(p)"
        }
        switch p {
        case "summary": return "In the case's summary:" + quoted
        case "acceptance decision": return "In the decision on accepting the complaint:" + quoted
        default:
            let words = p.split(separator: " ")
            if words.count == 3, words[0] == "issue", words[2] == "detail" { return "In what issue \(words[1]) of the complaint is about:" + quoted }
            if words.count == 5, words[0] == "issue", words[2] == "stage", words[4] == "finding" {
                return "In the stage \(words[3]) finding on issue \(words[1]):" + quoted
            }
            return LocalDate.rewritingISODates(in: p, \.written) + ":" + quoted
        }
    }

    /// A close no one recorded, as the person reads it (the team's screens say it shorter:
    /// "closed: stage 1 is the procedure's last").
    static func closedWords(_ why: CaseRecord.AutomaticClose) -> String {
        switch why {
        case .windowRanOut(let last): return "Closed: no next stage was asked for by \(last.written)"
        case .lastStage(let n): return "Closed: stage \(n) was the last stage of the procedure"
        }
    }
}

extension SubjectAccessBundle {
    /// The covering words: who holds the record, what this page holds, what was taken out, how
    /// to have it put right and where to complain.
    static func covering(_ c: LetterSettings, _ e: (String) -> String, documents: Bool) -> String {
        let contact = (c.address + [c.phone, c.email]).map { $0.trimmingSpaces }.filter { !$0.isEmpty }
        return """
            <h2>About this response</h2>
            <p>\(e(c.councilName))'s \(e(c.teamName)) keeps a record of the complaints, compliments and enquiries it receives about
            children's services. This page is everything that record holds about you: each case where you appear, what the case
            says, its timeline, the letters sent and the contact log\(documents ? ", and the documents kept with it (in the documents folder beside this page)" : "").
            Where a case also holds other people's information, that information may have been removed before this was sent to you.</p>
            <p>If anything here is wrong or incomplete, you may ask us to correct it. If you are unhappy with how we have handled your
            information, you may complain to the Information Commissioner's Office (ico.org.uk, 0303 123 1113).</p>

            """ + (contact.isEmpty ? "" : "<p>\(e(c.teamName)): \(contact.map(e).joined(separator: ", "))</p>\n")
    }
}

extension SubjectAccessBundleCase {
    /// The person's own details on the case, for the bundle's page, as the case's People section
    /// names them: the complainant's (how to reach them, who they are to the child, their
    /// authority to act, their equality answers) when the person is the complainant here, the
    /// child's record (social care ID, date of birth) when they are the subject child. Another
    /// person's details are not put on their page (the complainant's address to a child who asked:
    /// bundle.json holds the whole record for the officer's review), so the field must name them
    /// and no one else: its words are the name's (any order, any spelling). A field that holds
    /// the name among others ("Dana Parker on behalf of Zoe", "Sam Parker and Zoe Parker") is a
    /// place the person appears, but the details beside it are someone else's (found by an attack).
    public func ownDetails(of name: PersonName) -> [(String, String)] {
        let k = record.contact
        let people = k.people
        let spellings = name.spellings.map { $0.words.sorted() }
        // Either side may carry a title or an initial the other lacks ("Mr Sam O'Hara").
        func namesOnlyThem(_ field: String) -> Bool {
            PersonName(field).spellings.contains { p in !p.isEmpty && spellings.contains(p.words.sorted()) }
        }
        var out: [(String, String)] = []
        if hits.contains(where: { $0.place == "complainant" }) && namesOnlyThem(k.complainantName) {
            let p = people.complainant
            // Dates as the page writes them; an identifier that looks like one is left as it is.
            out += [("Address", p.address), ("Phone", p.phone), ("Email", p.email), ("Preferred contact", p.preferredContact?.label ?? ""),
                    ("Relation to child", p.relationship), ("Authority to act", LocalDate.rewritingISODates(in: record.authorityWords, \.written))]
            for q in EqualityQuestion.allCases { out.append((q.label, people.equality[q] ?? "")) }
        }
        if hits.contains(where: { $0.place == "subject child" }) && namesOnlyThem(k.subjectChild) {
            out += [("Social care ID", people.child.socialCareID), ("Date of birth", people.child.dateOfBirth?.written ?? "")]
        }
        return out.filter { !$0.1.isEmpty }
    }
}

extension SubjectAccess {
    /// The requests still open for the person `name` names: the same words in any order,
    /// however the name was spelt in either (`PersonName.spellings`). Running the search again
    /// records another request beside the first; the officer is told first (a trial: `:sar` run
    /// again said nothing of the request already open, and the team answered one person twice).
    public static func openRequests(for name: PersonName, among requests: [SubjectAccessRequest]) -> [SubjectAccessRequest] {
        guard !name.isEmpty else { return [] }
        let asked = Set(name.spellings.map { $0.words.sorted() })
        return requests.filter { r in
            r.isOpen && PersonName(r.forWhom).spellings.contains { asked.contains($0.words.sorted()) }
        }
    }

    /// "A request for this name is already open: #3, recorded 2026-12-02, due 2027-01-02." (each
    /// date as `date` writes it); for several, their numbers and the first one's due date, short
    /// enough for two rows at 80 columns (an attack: three in full pushed the rest off); nil when
    /// there is none.
    public static func openRequestWords(_ open: [SubjectAccessRequest], date: (LocalDate) -> String = { $0.iso }) -> String? {
        guard let first = open.first else { return nil }
        func shown(_ day: LocalDate, unreadable: Bool) -> String { unreadable ? "on a day that cannot be read" : date(day) }
        if open.count == 1 {
            return "A request for this name is already open: #\(first.id ?? 0), recorded \(shown(first.requested, unreadable: first.requestedUnreadable)), due \(shown(first.due, unreadable: first.dueUnreadable))."
        }
        let numbers = open.prefix(4).map { "#\($0.id ?? 0)" }
        let listed = open.count > 4 ? numbers.joined(separator: ", ") + " and \(open.count - 4) more"
            : numbers.dropLast().joined(separator: ", ") + " and " + (numbers.last ?? "")
        let soonest = open.min { $0.due < $1.due } ?? first
        return "\(open.count) requests for this name are already open: \(listed) (the first due \(shown(soonest.due, unreadable: soonest.dueUnreadable)))."
    }
}
