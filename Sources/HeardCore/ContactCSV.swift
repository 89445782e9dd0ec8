/// A problem with one field of one row of an import file.
public struct RowProblem: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var field: String
    public var problem: String
    public init(line: Int, field: String, problem: String) { self.line = line; self.field = field; self.problem = problem }
    /// `line N: field: problem`.
    public var description: String { "line \(line): \(field): \(problem)" }

    private static let alreadyStoredWords = " is already in the database"

    /// A row whose reference the record holds already.
    public static func alreadyStored(line: Int, reference: String) -> RowProblem {
        RowProblem(line: line, field: "reference", problem: reference + alreadyStoredWords)
    }

    public var isAlreadyStored: Bool { field == "reference" && problem.hasSuffix(RowProblem.alreadyStoredWords) }

    /// What a list of problems adds at its end, when it says more than the lines do: a file whose
    /// only problems are references in the record already was most likely imported before, whole
    /// or in part (rows without a problem are not listed, so it cannot say "every row").
    public static func closing(_ problems: [RowProblem]) -> String? {
        guard problems.count > 1, problems.allSatisfy(\.isAlreadyStored) else { return nil }
        return "Every problem is a reference the record holds already: this file, or part of it, looks imported before. Nothing was changed."
    }
}

/// The result of reading an import file: contacts ready to store, or every problem found.
public struct ImportParse: Sendable {
    public var contacts: [(line: Int, contact: Contact)]
    public var problems: [RowProblem]
    public var droppedControlCharacters: Int
    public var ignoredColumns: [String]
}

/// The contact import and export format of DESIGN.md (CSV, header row, any column order).
public enum ContactCSV {
    /// A reference is a short code (CS-2021-0042); anything longer is a column out of place.
    public static let longestReference = 40

    /// Why `reference` cannot name a case, or nil: a character that does not show (a zero-width
    /// space, a soft hyphen, a control) makes a reference that looks like another's on every
    /// screen, list and audit line and is not it (an attack imported "CS-2026-0305" with a
    /// zero-width space beside an anonymised CS-2026-0305, with the names it had lost).
    /// Unicode's default-ignorable characters count (a variation selector, a combining grapheme
    /// joiner, a Hangul filler: a second attack passed those), and the blank Braille pattern.
    ///
    /// A character that shows but can pass for another is refused too (an attack followed the
    /// first with "CS‑2026‑0305", non-breaking hyphens, and with a Cyrillic "С"): a reference
    /// is written in a keyboard's letters, digits and punctuation (`isPlainInReference`), so
    /// the non-ASCII it holds are Latin letters with accents, which pass for no other.
    public static func referenceProblem(_ reference: String) -> String? {
        guard let (u, unseen) = firstNotInReference(reference) else { return nil }
        return unseen ? "holds a character that does not show (\(named(u))): type it again without it"
            : "holds a character that can pass for another (\(named(u))): type it again with a keyboard's letters, digits and punctuation"
    }

    /// The first character no reference may hold, and whether it is one that does not show.
    static func firstNotInReference(_ reference: String) -> (Unicode.Scalar, unseen: Bool)? {
        func unseen(_ u: Unicode.Scalar) -> Bool { CaseSearch.isIgnorable(u) || u.properties.isDefaultIgnorableCodePoint || u.value == 0x2800 }
        if let u = reference.unicodeScalars.first(where: unseen) { return (u, true) }
        return reference.unicodeScalars.first(where: { !isPlainInReference($0) }).map { ($0, false) }
    }

    /// "U+2011 NON-BREAKING HYPHEN": the code and, where Unicode has one, the name (never the
    /// character itself, which may be one a terminal acts on).
    static func named(_ u: Unicode.Scalar) -> String {
        let hex = String(u.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + (u.properties.name.map { " \($0)" } ?? "")
    }

    /// `reference` as references are compared: letters A to Z in either case alike, every other
    /// character as it is. That is how both databases compare them (SQLite's NOCASE, and
    /// PostgreSQL's lower() in the "C" collation, which the unique index uses), so the import's
    /// own checks must: folded by Swift's uppercased(), "CS-2026-ß01" was refused as the stored
    /// "CS-2026-SS01" and "CS-2026-Ä02" let in beside "CS-2026-ä02" (found by an attack).
    public static func referenceKey(_ reference: String) -> String {
        guard reference.utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) else { return reference }
        return String(decoding: reference.utf8.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
    }

    /// Said after "no case X" when what was typed holds a character no reference may hold
    /// (pasted from a document that turned hyphens into non-breaking ones, say): otherwise "no
    /// case CS‑2026‑0316" reads as if CS-2026-0316 did not exist. Empty when it holds none.
    public static func lookalikeNote(_ typed: String) -> String {
        guard let (u, unseen) = firstNotInReference(typed.trimmingSpaces) else { return "" }
        return ": what was typed holds \(named(u)), " + (unseen ? "which does not show" : "which can pass for another character")
            + "; type it again with a keyboard's letters, digits and punctuation"
    }

    /// Whether `u` may stand in a reference: printable ASCII, or a precomposed letter with an
    /// accent of a European language (Latin-1, Latin Extended-A, Latin Extended Additional). Not:
    /// × ÷; letters that pass for others (the dotless i and j, the long s, the dotted capital I,
    /// kra, the middle-dot L, the ij digraph, ŉ, Đ beside Latin-1's Ð; Romanian's comma-below
    /// Ș and Ț, beside Extended-A's cedilla Ş and Ţ, a second attack);
    /// Latin Extended-B, whose letters are shaped like digits and marks (Ʒ 3, Ƽ 5, ǀ l, ǃ !, Ȣ 8,
    /// Ǳ: an attack passed those). Dashes, spaces and digits of other kinds, Cyrillic and Greek
    /// letters, full-width and mathematical forms, the Kelvin sign: each looks like a character a
    /// keyboard types, and is not it. (Within ASCII, O for 0 and l for 1 cannot be refused.)
    static func isPlainInReference(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x20...0x7E: return true
        case 0xD7, 0xF7, 0x110, 0x111, 0x130, 0x131, 0x132, 0x133, 0x138, 0x13F, 0x140, 0x149, 0x17F: return false
        case 0xC0...0x17F: return u.properties.isAlphabetic
        case 0x1E9A...0x1E9D, 0x1E9F, 0x1EFA...0x1EFF: return false
        case 0x1E00...0x1EFF: return u.properties.isAlphabetic
        default: return false
        }
    }

    /// The contract's columns, in export order.
    public static let columns = [
        "reference", "kind", "received", "channel", "service_area", "team", "procedure",
        "complainant_name", "complainant_role", "child_or_young_person", "advocate", "subject_child",
        "categories", "summary", "officer", "acknowledged",
        "stage1_response", "stage1_outcome", "stage1_satisfied",
        "stage2_requested", "stage2_response", "stage2_outcome",
        "stage3_requested", "stage3_response", "stage3_outcome",
        "ombudsman_referred", "ombudsman_decision", "closed",
    ]
    /// Columns Heard adds to the contract so that export then import loses nothing it records.
    public static let extraColumns = ["stage2_satisfied", "stage3_satisfied", "not_accepted", "ombudsman_decided"] + PeopleField.columns

    // MARK: - Import

    /// Reads `records` (header first) into contacts, validating every field against the rules.
    public static func read(_ records: [CSVRecord], reference: ReferenceData, rules: Rules,
                            calendar: WorkingDayCalendar, today: LocalDate) -> ImportParse {
        guard let header = records.first else {
            return ImportParse(contacts: [], problems: [RowProblem(line: 1, field: "header", problem: "the file is empty; the first row must name the columns")],
                               droppedControlCharacters: 0, ignoredColumns: [])
        }
        var importer = Importer(header: header, reference: reference, rules: rules, calendar: calendar, today: today)
        var contacts: [(line: Int, contact: Contact)] = []
        for rec in records.dropFirst() { if let c = importer.row(rec) { contacts.append((rec.line, c)) } }
        return ImportParse(contacts: contacts, problems: importer.problems, droppedControlCharacters: importer.dropped,
                           ignoredColumns: importer.ignoredColumns)
    }

    /// Reads an import row by row (the store writes each as it comes, so a large file is not
    /// held in memory), collecting every problem of every row.
    public struct Importer {
        public private(set) var problems: [RowProblem] = []
        public private(set) var dropped = 0
        public private(set) var ignoredColumns: [String] = []
        /// The correspondence of the row `row` last returned (its `contact_log` and `letters`).
        public private(set) var correspondence = Correspondence()
        let headerCount: Int
        var index: [String: Int] = [:]
        var seenReferences: [String: Int] = [:]
        let reference: ReferenceData
        let rules: Rules
        let calendar: WorkingDayCalendar
        let today: LocalDate

        /// True when the header itself is unusable: rows are then not read.
        public var headerFailed = false
        /// Whether the file has any of the people's columns (`PeopleField.columns`).
        var readsPeople = false

        public init(header: CSVRecord, reference: ReferenceData, rules: Rules, calendar: WorkingDayCalendar, today: LocalDate) {
            self.reference = reference; self.rules = rules; self.calendar = calendar; self.today = today
            headerCount = header.fields.count
            let known = Set(columns + extraColumns + stageRecordColumns + correspondenceColumns)
            for (i, raw) in header.fields.enumerated() {
                let name = normaliseWord(TextSanitiser.clean(raw).0).replacingOccurrences(of: " ", with: "_")
                if name.isEmpty { continue }
                // As the report prints it: on one line, without control characters, and short (an
                // attack: a header holding escape sequences cleared the terminal, and a file whose
                // rows ended in NEL was one header of every name in it, printed whole).
                if !known.contains(name) { ignoredColumns.append(SubjectAccess.oneLine(raw, limit: 40)); continue }
                if index[name] != nil {
                    problems.append(RowProblem(line: header.line, field: name, problem: "the column appears twice"))
                }
                index[name] = i
            }
            for required in ["kind", "received", "service_area"] where index[required] == nil {
                problems.append(RowProblem(line: header.line, field: required, problem: "required column is missing"))
            }
            headerFailed = !problems.isEmpty
            readsPeople = ContactCSV.hasPeopleColumns(index)
        }

        /// The contact a row describes, or nil (its problems are added to `problems`).
        public mutating func row(_ rec: CSVRecord) -> Contact? {
            if headerFailed { return nil }
            if rec.fields.allSatisfy({ $0.trimmingSpaces.isEmpty }) { return nil }
            var row = RowReader(record: rec, index: index)
            row.readsPeople = readsPeople
            let contact = row.contact(reference: reference, rules: rules, calendar: calendar, today: today)
            let (rules, calendar, today) = (rules, calendar, today)
            correspondence = row.readCorrespondence(today: today, contact: contact, stagesReached: {
                Set(contact?.clock(rules: rules, calendar: calendar, today: today).stages.map(\.number) ?? [1])
            })
            dropped += row.dropped
            if rec.fields.count > headerCount {
                row.problems.append(RowProblem(line: rec.line, field: "row", problem: "has \(rec.fields.count) fields but the header names \(headerCount)"))
            }
            if let c = contact, !c.reference.isEmpty {
                let key = ContactCSV.referenceKey(c.reference)
                if let first = seenReferences[key] {
                    row.problems.append(RowProblem(line: rec.line, field: "reference", problem: "the same reference is also used on line \(first)"))
                } else {
                    seenReferences[key] = rec.line
                }
            }
            problems += row.problems
            return row.problems.isEmpty ? contact : nil
        }

        /// Whether a row of this file names `reference` (generated references must avoid them).
        public func usesReference(_ reference: String) -> Bool { seenReferences[ContactCSV.referenceKey(reference)] != nil }

        /// Adds a problem found outside the row (a reference already in the database).
        public mutating func add(_ p: RowProblem) { problems.append(p) }
    }

    /// Reads one row, collecting every problem rather than stopping at the first.
    struct RowReader {
        let record: CSVRecord
        let index: [String: Int]
        var problems: [RowProblem] = []
        var dropped = 0
        /// Whether to read the people's columns (the file has some).
        var readsPeople = true

        init(record: CSVRecord, index: [String: Int]) { self.record = record; self.index = index }

        mutating func text(_ col: String) -> String {
            guard let i = index[col], i < record.fields.count else { return "" }
            // A cell Heard's export neutralised for spreadsheets ('=…) reads as it was written.
            var s = CSVField.unneutralise(record.fields[i])
            if s.unicodeScalars.contains("\r") { s = s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") }
            // The file's own line breaks (LF, CR) end a line of a cell, and a list's entries (the
            // contact log, letters, remedies); a vertical tab (Word's soft break), form feed,
            // NEL, U+2028 or U+2029 inside a cell is a space: words stay apart, and no entry is
            // split or made (an attack: a U+2028 in a log note made a second, forged entry).
            // (A look at the bytes first: VT, FF, and the last byte of NEL, U+2028 and U+2029.)
            if s.utf8.contains(where: { $0 == 0x0B || $0 == 0x0C || $0 == 0x85 || $0 == 0xA8 || $0 == 0xA9 }),
               s.unicodeScalars.contains(where: TextSanitiser.isOtherLineBreak) {
                s = String(String.UnicodeScalarView(s.unicodeScalars.map { TextSanitiser.isOtherLineBreak($0) ? " " : $0 }))
            }
            let (clean, n) = TextSanitiser.clean(s)
            dropped += n
            return clean.trimmingSpaces
        }

        /// `text(col)` on one line: a line break or tab in a name, a reference or a list value
        /// is a space (a name read over two lines in `heard show`, and as "Bram ↵ Quistorp" in
        /// the form: a trial).
        mutating func line(_ col: String) -> String { MoveRequest.clean(text(col)) }

        mutating func fail(_ col: String, _ message: String) {
            problems.append(RowProblem(line: record.line, field: col, problem: message))
        }

        // Messages name the field and what it accepts, never the value the file held: a row
        // whose columns shifted would otherwise put a name or a summary into them.
        mutating func date(_ col: String, today: LocalDate, text given: String? = nil) -> LocalDate? {
            let s = given ?? text(col)
            if s.isEmpty { return nil }
            guard let d = LocalDate(parsing: s) else {
                fail(col, "is not a date that exists (use YYYY-MM-DD or DD/MM/YYYY)")
                return nil
            }
            // Without the value: it may be a child's date of birth.
            if d > today { fail(col, "is in the future (today is \(today.iso))"); return nil }
            if !DateInput.years.contains(d.year) { fail(col, "is before \(DateInput.years.lowerBound)"); return nil }
            return d
        }

        mutating func vocab<V: Vocabulary>(_ col: String, _ type: V.Type, text given: String? = nil) -> V? {
            let s = given ?? text(col)
            if s.isEmpty { return nil }
            guard let v = V(matching: s) else {
                fail(col, "is not one of: \(V.labels.joined(separator: ", "))")
                return nil
            }
            return v
        }

        mutating func yesNo(_ col: String) -> Bool? {
            let s = text(col)
            if s.isEmpty { return nil }
            guard let v = YesNo.parse(s) else { fail(col, "is not yes or no"); return nil }
            return v
        }

        mutating func contact(reference ref: ReferenceData, rules: Rules, calendar: WorkingDayCalendar, today: LocalDate) -> Contact? {
            let reference = line("reference")
            if reference.count > ContactCSV.longestReference {
                fail("reference", "is longer than \(ContactCSV.longestReference) characters")
            }
            // Asked of the cell as written, before control characters are dropped from it: a
            // reference with a right-to-left override in it was stored without it, unsaid which
            // ("X-2\u{202E}9" became "X-29"; found by an attack). Line breaks and tabs are
            // spaces, as `line` reads them.
            // (Printable ASCII, nearly every reference, holds none: not looked at again.)
            let written = index["reference"].flatMap { $0 < record.fields.count ? record.fields[$0] : nil } ?? ""
            if !written.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
                let asWritten = String(String.UnicodeScalarView(CSVField.unneutralise(written).unicodeScalars.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 }))
                if let why = ContactCSV.referenceProblem(asWritten) ?? ContactCSV.referenceProblem(reference) { fail("reference", why) }
            }
            let kindText = line("kind")
            var kind: ContactKind?
            if kindText.isEmpty { fail("kind", "is required") } else { kind = vocab("kind", ContactKind.self, text: kindText) }
            let receivedText = line("received")
            var received: LocalDate?
            if receivedText.isEmpty { fail("received", "is required") } else { received = date("received", today: today, text: receivedText) }
            let channel = vocab("channel", Channel.self)
            let areaText = line("service_area")
            var area: String?
            if areaText.isEmpty { fail("service_area", "is required") }
            else if let a = ref.serviceArea(matching: areaText) { area = a }
            else { fail("service_area", "is not a configured service area (\(ref.serviceAreas.joined(separator: ", ")))") }
            let team = line("team")
            let procedure = vocab("procedure", ProcedureKind.self)
            let name = line("complainant_name")
            let role = vocab("complainant_role", ComplainantRole.self)
            let cyp = yesNo("child_or_young_person") ?? false
            let advocate = line("advocate")
            let subject = line("subject_child")
            var issues: [ComplaintIssue] = []
            for part in line("categories").split(separator: ";") {
                let p = String(part).trimmingSpaces
                if p.isEmpty { continue }
                if let c = ref.category(matching: p) { issues.append(ComplaintIssue(category: c)) }
                else { fail("categories", "holds a category that is not configured (\(ref.categories.joined(separator: "; ")))") }
            }
            let summary = text("summary")
            let officer = line("officer")
            var responses: [(Int, LocalDate?, StageOutcome?, Bool?, LocalDate?)] = []
            for n in 1...3 {
                let requested = n == 1 ? nil : date("stage\(n)_requested", today: today)
                let response = date("stage\(n)_response", today: today)
                let outcome = vocab("stage\(n)_outcome", StageOutcome.self)
                let satisfied = yesNo("stage\(n)_satisfied")
                responses.append((n, requested, outcome, satisfied, response))
            }
            let notAccepted = text("not_accepted")
            let referred = date("ombudsman_referred", today: today)
            let decision = vocab("ombudsman_decision", OmbudsmanDecision.self)
            let decided = date("ombudsman_decided", today: today)
            let closed = date("closed", today: today)
            var lateReasons: [Int: String] = [:]
            for n in 2...3 { let t = MoveRequest.clean(text("stage\(n)_late_reason")); if !t.isEmpty { lateReasons[n] = t } }
            let endReason = MoveRequest.clean(text("end_reason"))
            let ombudsmanRemedy = MoveRequest.clean(text("ombudsman_remedy"))
            var ombudsmanPayment: Int?
            do { ombudsmanPayment = try MoveRequest.pence(text("ombudsman_payment"), .amount) }
            catch { fail("ombudsman_payment", "is not an amount in pounds (like 250 or 1,250.50)") }
            if (!ombudsmanRemedy.isEmpty || ombudsmanPayment != nil) && decision == nil {
                fail(ombudsmanRemedy.isEmpty ? "ombudsman_payment" : "ombudsman_remedy", "is given but ombudsman_decision is empty")
            }
            let people = people(received: received, today: today)
            // Each stage's acknowledgement, extensions and pauses, applied within their stage.
            let stageEvents = readStageEvents(today: today)

            guard let kind, let received, let area, problems.isEmpty else {
                // Every problem of the row at once: the procedure's record cells (findings,
                // remedies, panel) are still read for their own problems; the history is not
                // replayed, as a field already refused would only cause problems that follow from it.
                var partial = Contact(reference: reference, kind: kind ?? .complaint, received: received ?? today, channel: channel,
                                      serviceArea: area ?? "", team: team, procedure: (kind ?? .complaint) == .complaint ? (procedure ?? .statutory) : nil,
                                      complainantName: name, complainantRole: role, isChildOrYoungPerson: cyp, advocate: advocate,
                                      subjectChild: subject, summary: summary, officer: officer, issues: issues)
                partial.issues = issues
                _ = readStageRecord(&partial, today: today)
                return nil
            }
            var contact = Contact(reference: reference, kind: kind, received: received, channel: channel, serviceArea: area,
                                  team: team, procedure: kind == .complaint ? (procedure ?? .statutory) : nil,
                                  complainantName: name, complainantRole: role, isChildOrYoungPerson: cyp, advocate: advocate,
                                  subjectChild: subject, summary: summary, officer: officer, issues: issues)
            if kind != .complaint && !issues.isEmpty { contact.issues = issues }
            if let people { contact.people = people }

            // The history, applied in order through the same rules as moves made on screen.
            var machine = CaseMachine(kind: kind, received: received, procedure: contact.procedure.map { rules.procedure($0) },
                                      rules: rules, calendar: calendar, today: today)
            var events: [CaseEvent] = []
            func add(_ e: CaseEvent, _ col: String) -> Bool {
                do { try machine.apply(e, strict: false); events.append(e); return true }
                catch let r as MoveRefused { fail(col, r.message); return false }
                catch { fail(col, "cannot be applied"); return false }
            }
            let hasWorkflow = kind.hasWorkflow
            var final = false
            for (n, requested, outcome, satisfied, response) in responses {
                if let r = requested {
                    guard kind == .complaint else { fail("stage\(n)_requested", "only complaints have further stages"); break }
                    if !add(.nextStageRequested(r, stage: n, lateReason: lateReasons[n] ?? ""), "stage\(n)_requested") { break }
                }
                if hasWorkflow {
                    var stopped = false
                    for (e, col) in stageEvents[n] ?? [] where !add(e, col) { stopped = true; break }
                    if stopped { break }
                }
                if outcome != nil && response == nil && outcome != .withdrawn && outcome != .mediation {
                    fail("stage\(n)_outcome", "is given but stage\(n)_response has no date"); break
                }
                if outcome == .withdrawn || outcome == .mediation {
                    guard let d = response ?? closed else { fail("stage\(n)_outcome", "\(outcome?.label ?? "") needs a date in stage\(n)_response or closed"); break }
                    let e: CaseEvent = outcome == .withdrawn ? .withdrawn(d, reason: endReason.isEmpty ? "recorded on import" : endReason)
                        : .mediation(d, reason: endReason)
                    if kind != .complaint { fail("stage\(n)_outcome", "only complaints are withdrawn or resolved by mediation"); break }
                    if add(e, "stage\(n)_outcome") { final = true }
                    break
                }
                if let d = response {
                    if !hasWorkflow { fail("stage\(n)_response", "a \(kind.label) has no response to record"); break }
                    if n > 1 && kind != .complaint { fail("stage\(n)_response", "only complaints have further stages"); break }
                    _ = add(.responded(d, stage: n, outcome: outcome, satisfied: satisfied), "stage\(n)_response")
                } else if satisfied != nil {
                    fail("stage\(n)_satisfied", "is given but stage\(n)_response has no date")
                }
            }
            if !notAccepted.isEmpty && !final {
                if kind != .complaint { fail("not_accepted", "only complaints can be not accepted") }
                else if add(.notAccepted(closed ?? received, reason: notAccepted), "not_accepted") { final = true }
            }
            if let r = referred {
                if kind != .complaint { fail("ombudsman_referred", "only complaints go to the Ombudsman") }
                else if add(.ombudsmanReferred(r), "ombudsman_referred"), let d = decision {
                    _ = add(.ombudsmanDecision(decided ?? r, d, remedy: ombudsmanRemedy, amountPence: ombudsmanPayment), "ombudsman_decision")
                }
            } else if decision != nil {
                fail("ombudsman_decision", "is given but ombudsman_referred has no date")
            }
            if let c = closed, !final {
                // The recorded status, not today's: a closure the escalation window implies is
                // still written down when the file gives its date.
                let clock = machine.clock
                if kind == .compliment || kind == .comment || clock.status.isFinal && clock.closedOn == c {
                    // Recorded and counted: nothing to close, or already closed on that date.
                } else if !clock.recordedStatus.isFinal {
                    _ = add(.closed(c), "closed")
                }
            }
            // Findings in words, the stage people, and the remedies (last: a remedy may follow the close).
            for (e, col) in readStageRecord(&contact, today: today) { _ = add(e, col) }
            guard problems.isEmpty else { return nil }
            // An outcome the stage's findings give is left to follow them, as a response recorded
            // "from findings" does: a finding changed later still decides it.
            for i in events.indices where events[i].kind == .responded {
                if let o = events[i].outcome, let n = events[i].stage,
                   StageOutcome.derived(from: contact.issues.compactMap { $0.findings[n] }) == o { events[i].outcome = nil }
            }
            contact.events = events
            return contact
        }
    }

    // MARK: - Export

    /// The header line and one line per contact, in the import format.
    /// `correspondence`: each case's contact log and letters, by contact id (none when absent).
    public static func write(_ contacts: [Contact], rules: Rules, calendar: WorkingDayCalendar, today: LocalDate,
                             correspondence: [Int64: Correspondence] = [:]) -> String {
        var out = (columns + extraColumns + stageRecordColumns + correspondenceColumns).joined(separator: ",") + "\r\n"
        for c in contacts {
            let cells = row(c, rules: rules, calendar: calendar, today: today)
                + correspondenceCells(c.id.flatMap { correspondence[$0] } ?? Correspondence())
            CSVField.appendRow(cells, to: &out)
        }
        return out
    }

    /// One contact's fields in export column order.
    public static func row(_ c: Contact, rules: Rules, calendar: WorkingDayCalendar, today: LocalDate) -> [String] {
        let clock = c.clock(rules: rules, calendar: calendar, today: today)
        func stage(_ n: Int) -> StageClock? { clock.stages.first { $0.number == n } }
        var v = ExportRow()
        v["reference"] = c.reference; v["kind"] = c.kind.label; v["received"] = c.received.iso; v["channel"] = c.channel?.label ?? ""
        v["service_area"] = c.serviceArea; v["team"] = c.team; v["procedure"] = c.procedure?.rawValue ?? ""
        v["complainant_name"] = c.complainantName; v["complainant_role"] = c.complainantRole?.label ?? ""
        v["child_or_young_person"] = c.isChildOrYoungPerson ? "yes" : "no"; v["advocate"] = c.advocate
        v["subject_child"] = c.subjectChild; v["categories"] = c.issues.map(\.category).joined(separator: "; ")
        v["summary"] = c.summary; v["officer"] = c.officer
        v["acknowledged"] = stage(1)?.acknowledged?.iso ?? ""
        for n in 1...3 {
            guard let s = stage(n) else { continue }
            if n > 1 { v["stage\(n)_requested"] = s.started.iso }
            // A stage closed unanswered has no response: the `closed` column carries its date.
            v["stage\(n)_response"] = (s.responded ?? (s.endedAs != nil ? s.endedOn : nil))?.iso ?? ""
            v["stage\(n)_outcome"] = s.outcome(issues: c.issues)?.label ?? ""
            if let sat = s.satisfied { v["stage\(n)_satisfied"] = sat ? "yes" : "no" }
        }
        if clock.status == .notAccepted { v["not_accepted"] = clock.endReason }
        v["ombudsman_referred"] = clock.ombudsman.referred?.iso ?? ""
        v["ombudsman_decision"] = clock.ombudsman.decision?.label ?? ""
        v["ombudsman_decided"] = clock.ombudsman.decided?.iso ?? ""
        if clock.status.isFinal && c.kind != .compliment && c.kind != .comment { v["closed"] = clock.closedOn?.iso ?? "" }
        for (k, value) in stageRecordValues(c, clock: clock, rules: rules, calendar: calendar) where v[k] == nil { v[k] = value }
        for (k, value) in peopleCells(c.people) { v[k] = value }
        return v.cells
    }
}

/// One export row's cells by column name, held in column order: a row of 100,000 is filled
/// without a dictionary of its own to grow and read back.
struct ExportRow {
    static let order = ContactCSV.columns + ContactCSV.extraColumns + ContactCSV.stageRecordColumns
    /// Where each column is (every place, should a name be listed twice).
    static let places: [String: [Int]] = {
        var out: [String: [Int]] = [:]
        for (i, k) in order.enumerated() { out[k, default: []].append(i) }
        return out
    }()

    private var values = [String?](repeating: nil, count: ExportRow.order.count)

    /// A name that is no column is neither kept nor written.
    subscript(key: String) -> String? {
        get { ExportRow.places[key].flatMap { values[$0[0]] } }
        set { for i in ExportRow.places[key] ?? [] { values[i] = newValue } }
    }

    /// The cells in column order, empty where nothing was set.
    var cells: [String] { values.map { $0 ?? "" } }
}
