/// A workflow move as a person gave it, with its inputs as typed: the one definition of what a
/// move records, behind both the workflow screen's forms and `heard move`, so both accept,
/// refuse and word things alike. `step(on:…)` turns it into the `CaseStep` the store records.
public struct MoveRequest: Equatable, Sendable {
    public var move: Move
    /// When it happened, in any form `DateInput` reads (`2022-03-04`, `today`, `-2wd`); empty is today.
    public var date: String
    /// Why (extension, pause, withdrawal, not accepted, a late request, a mediation note).
    public var reason: String
    /// An extension's new deadline, as typed.
    public var newDue: String
    /// A finding's issue, numbered from 1 in the order the case lists them.
    public var issue: String
    /// A finding's verdict: upheld, partially upheld, not upheld, or none to clear it.
    public var verdict: String
    /// A response's outcome; empty or "from findings" derives it from the findings.
    public var outcome: String
    /// Whether the complainant was satisfied: yes, no, or empty / "not known".
    public var satisfied: String
    /// What was done to put things right (a response or a remedy move may carry several).
    public var remedies: [RemedyInput]
    /// The Ombudsman's decision.
    public var decision: String
    /// A payment the Ombudsman asked for, in pounds.
    public var amount: String
    /// The remedy the Ombudsman asked for, in words.
    public var note: String
    /// A learning point's theme, one of the configured themes.
    public var theme: String
    /// A learning point's text (it may run over several lines).
    public var text: String
    /// Stage 2's Investigating Officer (nil: left as it is).
    public var investigator: String?
    /// Stage 2's Independent Person (nil: left as it is).
    public var independentPerson: String?
    /// Stage 3's panel, every member (nil: left as it is).
    public var panel: [String]?
    /// The date stage 3's panel meets, as typed (empty: left as it is).
    public var panelDate: String = ""

    public init(_ move: Move, date: String = "today", reason: String = "", newDue: String = "", issue: String = "",
                verdict: String = "", outcome: String = "", satisfied: String = "", remedies: [RemedyInput] = [],
                decision: String = "", amount: String = "", note: String = "", theme: String = "", text: String = "") {
        self.move = move; self.date = date; self.reason = reason; self.newDue = newDue; self.issue = issue
        self.verdict = verdict; self.outcome = outcome; self.satisfied = satisfied; self.remedies = remedies
        self.decision = decision; self.amount = amount; self.note = note; self.theme = theme; self.text = text
    }

    /// The step this move records on `contact`, or the first problem with it. `clock` is the
    /// contact's clock as of `today`. Problems with what the case allows now are refusals; the
    /// store still checks every event against the procedure when it records the step.
    public func step(on contact: Contact, clock: CaseClock, today: LocalDate, calendar: WorkingDayCalendar,
                     rules: Rules = .default) -> Result<CaseStep, MoveProblem> {
        if let refused = notAllowed(contact, clock, today, calendar, rules) { return .failure(refused) }
        do {
            let step = try build(contact, clock, today, calendar)
            // Tried on a copy first, so a form says what the procedure refuses (a date in the
            // future, an extension past the maximum) before it asks for confirmation.
            if let why = Self.trial(step, on: contact, today: today, calendar: calendar, rules: rules) {
                return .failure(MoveProblem(.move, why, refusal: true))
            }
            return .success(step)
        } catch let p as MoveProblem {
            return .failure(p)
        } catch {
            return .failure(MoveProblem(.move, "\(error)"))
        }
    }

    /// The learning point a learning move captures on `contact`, or the first problem with it.
    public func learningPoint(on contact: Contact, clock: CaseClock, today: LocalDate, calendar: WorkingDayCalendar,
                              reference: ReferenceData, rules: Rules = .default) -> Result<LearningPoint, MoveProblem> {
        guard move == .learning else { return .failure(MoveProblem(.move, "\(move.commandName) is not a learning point")) }
        if let refused = notAllowed(contact, clock, today, calendar, rules) { return .failure(refused) }
        do {
            let d = try Self.date(date.trimmingSpaces.isEmpty ? "today" : date, .date, today, calendar)
            guard let t = reference.learningTheme(matching: theme) else {
                let given = theme.trimmingSpaces.isEmpty ? "choose a theme" : "'\(Self.clean(theme))' is not a learning theme"
                throw MoveProblem(.theme, "\(given): \(reference.learningThemes.joined(separator: ", "))")
            }
            let words = TextSanitiser.clean(self.text, allowLineBreaks: true).0.trimmingSpaces
            if words.isEmpty { throw MoveProblem(.text, "A learning point needs its text.") }
            return .success(LearningPoint(caseReference: contact.reference, theme: t, text: words, date: d, serviceArea: contact.serviceArea))
        } catch let p as MoveProblem {
            return .failure(p)
        } catch {
            return .failure(MoveProblem(.move, "\(error)"))
        }
    }

    /// Why `move` cannot be made on `contact` now, in the words `heard move` uses (the
    /// procedure's reason where there is one, then the moves it does offer); nil when it can.
    public static func refusal(of move: Move, on contact: Contact, clock: CaseClock, today: LocalDate,
                               calendar: WorkingDayCalendar, rules: Rules = .default) -> String? {
        MoveRequest(move).notAllowed(contact, clock, today, calendar, rules)?.message
    }

    /// The refusal when the procedure does not offer this move now, in its own words where the
    /// inputs make a step, with the moves it does offer.
    private func notAllowed(_ contact: Contact, _ clock: CaseClock, _ today: LocalDate, _ calendar: WorkingDayCalendar,
                            _ rules: Rules) -> MoveProblem? {
        let allowed = Move.available(for: contact, clock: clock, rules: rules)
        guard allowed.contains(move) else {
            // A closed case says so when the procedure's own words do not (a trial read only
            // "No move is possible", or the moves a closed complaint still has, never "closed").
            let closed = clock.status == .closed ? "It is closed" + (clock.closedOn.map { " (on \($0.iso))" } ?? "") + ". " : ""
            let why = (try? refusal(contact, clock, today, calendar, rules)).map { $0 + " " } ?? closed
            let now = allowed.isEmpty ? "No move is possible on \(contact.reference) now."
                : "The moves possible now are " + allowed.map(\.commandName).joined(separator: ", ") + "."
            return MoveProblem(.move, "\(move.commandName) is not possible on \(contact.reference) now. \(why)\(now)", refusal: true)
        }
        return nil
    }

    /// Why the procedure refuses this move now, in its own words, when the inputs make a step.
    /// A remedy the inputs got wrong (`apology=£5`) must not hide the procedure's reason (the
    /// clock is paused): the move is tried again with a plain apology in their place.
    private func refusal(_ c: Contact, _ k: CaseClock, _ today: LocalDate, _ calendar: WorkingDayCalendar, _ rules: Rules) throws -> String? {
        let step: CaseStep
        do { step = try build(c, k, today, calendar) } catch {
            guard move == .respond || move == .remedy else { throw error }
            var plain = self
            plain.remedies = [RemedyInput(kind: RemedyKind.apology.label)]
            step = try plain.build(c, k, today, calendar)
        }
        return Self.trial(step, on: c, today: today, calendar: calendar, rules: rules)
    }

    /// What the procedure says to `step` on `c`, applied to a copy: nil when it takes it.
    static func trial(_ step: CaseStep, on c: Contact, today: LocalDate, calendar: WorkingDayCalendar, rules: Rules) -> String? {
        do {
            for f in step.findings { try c.validateFinding(stage: f.stage, rules: rules, calendar: calendar, today: today) }
            var copy = c
            for e in step.events { copy = try copy.applying(e, rules: rules, calendar: calendar, today: today) }
            if let a = step.appointment { try copy.validateAppointment(a, clock: copy.clock(rules: rules, calendar: calendar, today: today)) }
        } catch let r as MoveRefused {
            return r.message
        } catch {
            return "\(error)"
        }
        return nil
    }

    private func build(_ c: Contact, _ k: CaseClock, _ today: LocalDate, _ calendar: WorkingDayCalendar) throws -> CaseStep {
        let d = try Self.date(date.trimmingSpaces.isEmpty ? "today" : date, .date, today, calendar)
        let why = Self.clean(reason)
        switch move {
        case .acknowledge: return CaseStep(events: [CaseEvent(kind: .acknowledged, date: d)])
        case .extend:
            if newDue.trimmingSpaces.isEmpty { throw MoveProblem(.newDue, "An extension needs the new deadline.") }
            let due = try Self.date(newDue, .newDue, today, calendar)
            if why.isEmpty { throw MoveProblem(.reason, "An extension needs a reason.") }
            return CaseStep(events: [CaseEvent(kind: .extended, date: d, newDue: due, reason: why)])
        case .pause:
            if why.isEmpty { throw MoveProblem(.reason, "A pause needs a reason.") }
            return CaseStep(events: [CaseEvent(kind: .paused, date: d, reason: why)])
        case .resume: return CaseStep(events: [CaseEvent(kind: .resumed, date: d)])
        case .findings: return CaseStep(findings: [try finding(c, k)])
        case .respond:
            let o = try outcome(c, k)
            var events = [CaseEvent(kind: .responded, date: d, outcome: o, satisfied: try satisfaction())]
            events += try remedyEvents(d, stage: k.current?.number)
            return CaseStep(events: events)
        case .close: return CaseStep(events: [.closed(d)])
        case .escalate: return CaseStep(events: [CaseEvent(kind: .nextStageRequested, date: d, reason: why)])
        case .withdraw:
            if why.isEmpty { throw MoveProblem(.reason, "Withdrawn needs a reason.") }
            return CaseStep(events: [.withdrawn(d, reason: why)])
        case .mediation: return CaseStep(events: [.mediation(d, reason: why)])
        case .notAccepted:
            if why.isEmpty { throw MoveProblem(.reason, "Not accepted needs a reason.") }
            return CaseStep(events: [.notAccepted(d, reason: why)])
        case .ombudsmanReferral: return CaseStep(events: [.ombudsmanReferred(d)])
        case .ombudsmanDecision:
            guard let dec = OmbudsmanDecision(matching: decision) else {
                let given = decision.trimmingSpaces.isEmpty ? "choose a decision" : "'\(Self.clean(decision))' is not a decision"
                throw MoveProblem(.decision, "\(given): \(OmbudsmanDecision.labels.joined(separator: ", "))")
            }
            return CaseStep(events: [.ombudsmanDecision(d, dec, remedy: Self.clean(note), amountPence: try Self.pence(amount, .amount))])
        case .remedy:
            if remedies.isEmpty { throw MoveProblem(.remedy(0), "choose a remedy: \(RemedyKind.labels.joined(separator: ", "))") }
            return CaseStep(events: try remedyEvents(d, stage: k.current?.number))
        case .learning:
            throw MoveProblem(.move, "A learning point is not a step on the case's clock: see learningPoint(on:…).")
        case .appoint:
            let a = try appointment(today, calendar)
            // Said at the date's own input (the rest is checked by `validateAppointment`).
            if let d = a.panelDate, let s3 = k.stages.first(where: { $0.number == 3 }), d < s3.started {
                throw MoveProblem(.panelDate, "The panel date \(d.iso) is before stage 3 was requested on \(s3.started.iso).", refusal: true)
            }
            return CaseStep(appointment: a)
        }
    }

    private func appointment(_ today: LocalDate, _ calendar: WorkingDayCalendar) throws -> Appointment {
        let panelDay = panelDate.trimmingSpaces.isEmpty ? nil : try Self.date(panelDate, .panelDate, today, calendar)
        let members = panel.map { $0.map(Self.clean).filter { !$0.isEmpty } }
        let a = Appointment(investigatingOfficer: investigator.map(Self.clean), independentPerson: independentPerson.map(Self.clean),
                            panel: members, panelDate: panelDay)
        if a.isEmpty { throw MoveProblem(.investigator, "name the Investigating Officer, the Independent Person, the panel or the panel date") }
        return a
    }

    private func finding(_ c: Contact, _ k: CaseClock) throws -> FindingChange {
        let text = issue.trimmingSpaces
        if text.isEmpty { throw MoveProblem(.issue, c.issues.count <= 1 ? "say which issue (1)" : "say which issue (1-\(c.issues.count))") }
        guard let n = Int(text), n >= 1 else { throw MoveProblem(.issue, "'\(Self.clean(text))' is not an issue number") }
        guard c.issues.indices.contains(n - 1), let id = c.issues[n - 1].id else {
            let has = c.issues.isEmpty ? "no issues" : c.issues.count == 1 ? "one issue" : "issues 1-\(c.issues.count)"
            throw MoveProblem(.issue, "\(c.reference) has \(has), not issue \(n)", refusal: true)
        }
        let v = verdict.trimmingSpaces
        let chosen: Finding?
        if ["none", "clear"].contains(normaliseWord(v)) { chosen = nil }
        else if let f = Finding(matching: v) { chosen = f }
        else {
            let given = v.isEmpty ? "give the verdict" : "'\(Self.clean(v))' is not a verdict"
            throw MoveProblem(.verdict, "\(given): \(Finding.labels.joined(separator: ", ")) (or none to clear it)")
        }
        // What was found, in words, beside the verdict (nothing typed: the words stay as they are).
        let words = TextSanitiser.clean(self.text, allowLineBreaks: true).0.trimmingSpaces
        return FindingChange(issueID: id, stage: k.current?.number ?? 1, finding: chosen, text: words.isEmpty ? nil : words)
    }

    private func outcome(_ c: Contact, _ k: CaseClock) throws -> StageOutcome? {
        let t = outcome.trimmingSpaces
        if t.isEmpty || normaliseWord(t) == normaliseWord(Self.fromFindings) {
            let stage = k.current?.number ?? 1
            if StageOutcome.derived(from: c.issues.compactMap { $0.findings[stage] }) == nil {
                throw MoveProblem(.outcome, "no issue has a stage \(stage) finding: give the outcome (upheld, partially upheld, not upheld)")
            }
            return nil
        }
        guard let o = StageOutcome(matching: t) else {
            throw MoveProblem(.outcome, "'\(Self.clean(t))' is not an outcome: upheld, partially upheld, not upheld")
        }
        return o
    }

    private func satisfaction() throws -> Bool? {
        let t = satisfied.trimmingSpaces
        if t.isEmpty || normaliseWord(t) == normaliseWord("not known") { return nil }
        guard let b = YesNo.parse(t) else { throw MoveProblem(.satisfied, "'\(Self.clean(t))' is not yes, no or not known") }
        return b
    }

    private func remedyEvents(_ d: LocalDate, stage: Int?) throws -> [CaseEvent] {
        try remedies.enumerated().map { i, r in
            guard let kind = RemedyKind(matching: r.kind) else {
                let given = r.kind.trimmingSpaces.isEmpty ? "choose a remedy" : "'\(Self.clean(r.kind))' is not a remedy"
                throw MoveProblem(.remedy(i), "\(given): \(RemedyKind.labels.joined(separator: ", "))")
            }
            let amount = try Self.pence(r.amount, .remedyAmount(i))
            if kind == .payment && amount == nil { throw MoveProblem(.remedyAmount(i), "a payment needs an amount") }
            if kind != .payment && amount != nil {
                throw MoveProblem(.remedyAmount(i), "only a payment takes an amount; \(kind.label) has none (leave the amount empty)")
            }
            // Another kind's note is words: one that is only an amount (`apology=50`, `£50`) is a
            // payment typed as the wrong kind, not a description; `£5 voucher` is a description.
            if kind != .payment && Self.isOnlyAnAmount(r.note) {
                throw MoveProblem(.remedy(i), "only a payment takes an amount; describe the \(kind.label) in words")
            }
            if kind == .other && Self.clean(r.note).isEmpty { throw MoveProblem(.remedy(i), "say what the other remedy was") }
            return .remedy(d, stage: stage, kind, amountPence: amount, note: Self.clean(r.note))
        }
    }

    /// A note with figures and no letters (`50`, `£50`, `£1,000.00`) says an amount, not what was done.
    static func isOnlyAnAmount(_ note: String) -> Bool {
        let t = clean(note)
        return t.contains { $0.isNumber } && !t.contains { $0.isLetter }
    }

    /// The outcome choice that derives a response's outcome from its findings.
    public static let fromFindings = "from findings"

    static func date(_ text: String, _ input: MoveProblem.Input, _ today: LocalDate, _ calendar: WorkingDayCalendar) throws -> LocalDate {
        switch DateInput.parse(text, today: today, calendar: calendar) {
        case .success(let d): return d
        case .failure(let e): throw MoveProblem(input, e.description)
        }
    }

    /// Pounds as typed (`250`, `£1,250.50`, `0.5`) in pence; nil when empty. Only digits, with
    /// commas between thousands and at most two places of pence: `1e3`, `0x10`, `250p` and
    /// `250.505` are refused rather than read as something else.
    public static func pence(_ text: String, _ input: MoveProblem.Input) throws -> Int? {
        var t = Substring(text.trimmingSpaces)
        if t.isEmpty { return nil }
        let refused = MoveProblem(input, "'\(clean(String(text.prefix(40))))' is not an amount in pounds (like 250 or £1,250.50, under £\(groupedNumber(Money.limitPence / 100)))")
        if t.first == "£" { t = t.dropFirst() }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty else { throw refused }
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        let digitsOnly = { (s: Substring) in !s.isEmpty && s.unicodeScalars.allSatisfy { $0.value >= 48 && $0.value <= 57 } }
        guard groups.allSatisfy(digitsOnly), groups.dropFirst().allSatisfy({ $0.count == 3 }), (groups.first?.count ?? 0) <= 8 else { throw refused }
        guard let pounds = Int(groups.joined()), pounds < Money.limitPence / 100 else { throw refused }
        var pennies = 0
        if parts.count == 2 {
            let p = parts[1]
            // A well-formed amount finer than a penny is an amount the record cannot hold, as
            // £0 is (a refusal, exit 1), not a malformed one (bad usage, exit 2).
            if digitsOnly(p) && p.count > 2 {
                throw MoveProblem(input, "an amount is in whole pence: at most two places after the point (like 250 or £1,250.50)", refusal: true)
            }
            guard digitsOnly(p), p.count <= 2, let n = Int(p) else { throw refused }
            pennies = p.count == 1 ? n * 10 : n
        }
        return pounds * 100 + pennies
    }

    /// Free text as it is stored: on one line (a line break or tab becomes a space, so words
    /// stay apart), without control characters, trimmed.
    public static func clean(_ s: String) -> String {
        TextSanitiser.clean(s, allowLineBreaks: false).0.trimmingSpaces
    }
}

/// One remedy of a response or a remedy move, as typed: its kind, an amount for a payment, a note.
public struct RemedyInput: Equatable, Sendable {
    public var kind: String
    public var amount: String
    public var note: String

    public init(kind: String, amount: String = "", note: String = "") { self.kind = kind; self.amount = amount; self.note = note }

    /// `KIND[=TEXT]` as the command line takes it: for a payment TEXT starts with its amount
    /// (`payment=250`, `payment=£250.00 for the delay`), for other kinds TEXT is the note, whole.
    public init(option: String) {
        guard let eq = option.firstIndex(of: "=") else { self.init(kind: option); return }
        let kind = String(option[..<eq])
        let text = String(option[option.index(after: eq)...]).trimmingSpaces
        if RemedyKind(matching: kind) == .payment {
            // The amount is the first word (checked whole later: `250p` is no amount), the rest the note.
            let amount = text.prefix { !$0.isWhitespace }
            self.init(kind: kind, amount: String(amount), note: String(text.dropFirst(amount.count)).trimmingSpaces)
        } else {
            // Other kinds' TEXT is always the note, never parsed for an amount (`other=£5 voucher`
            // is a description); a note that is only an amount is refused by the remedy rule.
            self.init(kind: kind, note: text)
        }
    }
}

/// What is wrong with a move's inputs, or why the case does not allow it now, naming the input.
public struct MoveProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input at fault; each door names it its own way (a form field, a command-line option).
    public enum Input: Hashable, Sendable {
        case move, date, newDue, reason, issue, verdict, outcome, satisfied, decision, amount, note, theme, text
        /// Stage people: stage 2's Investigating Officer and Independent Person, stage 3's panel and its date.
        case investigator, independentPerson, panel, panelDate
        /// The nth remedy (from 0), or its amount.
        case remedy(Int), remedyAmount(Int)
    }

    public var input: Input
    public var message: String
    /// The case's state refuses it (rather than an input missing or malformed).
    public var refusal: Bool

    public init(_ input: Input, _ message: String, refusal: Bool = false) {
        self.input = input; self.message = message; self.refusal = refusal
    }

    public var description: String { message }
}

extension Move {
    /// The move's name on the command line (`heard move REF NAME`).
    public var commandName: String {
        switch self {
        case .findings: "finding"
        case .notAccepted: "not-accepted"
        case .ombudsmanReferral: "ombudsman-refer"
        case .ombudsmanDecision: "ombudsman-decide"
        default: rawValue
        }
    }

    /// The move named `name` on the command line (case and `_`/`-` ignored).
    public init?(commandName name: String) {
        let key = normaliseWord(name)
        guard let m = Move.allCases.first(where: { normaliseWord($0.commandName) == key || normaliseWord($0.rawValue) == key }) else { return nil }
        self = m
    }

    /// The inputs this move reads besides its date; any other is a mistake to point out.
    public var inputs: Set<MoveProblem.Input> {
        switch self {
        case .acknowledge, .resume, .close, .ombudsmanReferral: []
        case .learning: [.theme, .text]
        case .extend: [.newDue, .reason]
        case .pause, .withdraw, .notAccepted, .mediation, .escalate: [.reason]
        case .findings: [.issue, .verdict, .text]
        case .respond: [.outcome, .satisfied, .remedy(0)]
        case .ombudsmanDecision: [.decision, .amount, .note]
        case .remedy: [.remedy(0)]
        case .appoint: [.investigator, .independentPerson, .panel, .panelDate]
        }
    }
}

extension String {
    /// Every occurrence of `target` replaced (HeardCore does without Foundation).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for ch in self { if ch == target { out += replacement } else { out.append(ch) } }
        return out
    }
}
