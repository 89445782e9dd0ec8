/// A case's whole record described in words, section by section: its fields, the clock of each
/// stage, issues with findings, remedies, the timeline, linked learning and actions, and the
/// audit history. The one
/// description behind the detail screen and `heard show`; each door only lays the lines out.
public struct CaseRecord: Sendable {
    public var contact: Contact
    public var clock: CaseClock
    public var calendar: WorkingDayCalendar
    public var rules: Rules
    public var learning: [LearningPoint]
    public var actions: [ActionItem]
    /// The case's audit rows, oldest first.
    public var history: [HistoryItem]
    /// The contact log, letters sent and documents (empty unless loaded for this one case).
    public var correspondence: Correspondence
    /// The legal hold's reason and date and the anonymisation (`Store.protection(contactID:)`).
    public var protection = CaseProtection()
    /// The access log's reads of the case, oldest first (`CaseRecord+Reads`): in the history
    /// lines, never in the JSON (its `history` is the audit's, and the JSON stays the same from
    /// one look to the next); `heard audit --case` lists every read.
    public var reads: [ReadEntry] = []

    public init(contact: Contact, clock: CaseClock, calendar: WorkingDayCalendar, rules: Rules = .default,
                learning: [LearningPoint] = [], actions: [ActionItem] = [], history: [HistoryItem] = [],
                correspondence: Correspondence = Correspondence()) {
        self.contact = contact; self.clock = clock; self.calendar = calendar; self.rules = rules
        self.learning = learning; self.actions = actions; self.history = history; self.correspondence = correspondence
    }

    /// The letters the current stage calls for, sent or not (`LetterNeed.needs`).
    public var letterNeeds: [LetterNeed] {
        LetterNeed.needs(contact: contact, clock: clock, sent: correspondence.letters, calendar: calendar)
    }

    /// What the reader must know before trusting the record's dates: a running deadline past the
    /// bank holidays Heard knows, naming the import. The one wording the detail screen and
    /// `heard show` (text and JSON) give.
    public var warnings: [String] {
        guard let due = clock.due, let warning = calendar.horizonWarning(due: due) else { return [] }
        return [warning]
    }

    /// The record's lines; `statusMark` (a glyph) goes before the status words.
    public func lines(statusMark: String = "") -> [RecordLine] {
        let c = contact
        let k = clock
        var out: [RecordLine] = [.section("Case")]
        func field(_ name: String, _ value: String, _ tone: RecordTone = .plain) { out.append(.field(name, value, tone)) }
        field("Kind", c.kind.label + (c.procedure.map { " · " + rules.procedure($0).name } ?? ""))
        field("Status", (statusMark.isEmpty ? "" : statusMark + " ") + statusWords, RecordTone("status." + statusKey))
        field("Received", "\(c.received.iso) (\(Self.weekday(c.received)))" + (c.channel.map { $0 == .viaAdvocate ? " \($0.label)" : " by \($0.label)" } ?? ""))
        field("Service area", c.serviceArea + (c.team.isEmpty ? "" : " · " + c.team))
        field("Officer", c.officer)
        field("Complainant", c.complainantName + (c.complainantRole.map { " (\($0.label))" } ?? ""))
        field("Child or young person", c.isChildOrYoungPerson ? "yes" : "no")
        field("Advocate", c.advocate)
        field("Subject child", c.subjectChild)
        if let e = c.eventsDate { field("Events complained of", e.iso) }
        if !c.acceptanceDecision.isEmpty { out.append(.field("Acceptance decision", c.acceptanceDecision, .plain, long: true)) }
        out.append(.field("Summary", c.summary, .plain, long: true))
        out += protectionLines
        out += peopleLines

        if c.kind != .compliment && c.kind != .comment {
            out += [.blank, .section("Clock")]
            for s in k.stages {
                out.append(.spans([RecordSpan("Stage \(s.number): \(s.rule.name)", .header)], indent: 2))
                for f in clockFields(s) { out.append(.field("    " + f.name, f.value, f.tone)) }
                for f in peopleFields(s) { out.append(.field("    " + f.name, f.value, f.tone)) }
            }
            if let o = ombudsmanWords { field("Ombudsman", o) }
            if !k.endReason.isEmpty { out.append(.field("Reason", k.endReason, .plain, long: true)) }
        }

        if c.kind == .complaint {
            out += [.blank, .section("Issues and findings")]
            if c.issues.isEmpty { out.append(.spans([RecordSpan("No issues recorded.", .dim)], indent: 2)) }
            for (i, issue) in c.issues.enumerated() {
                var spans = [RecordSpan("\(i + 1). ", .dim), RecordSpan(issue.category)]
                for n in 1...3 {
                    if let f = issue.findings[n] { spans += [RecordSpan("   stage \(n): ", .dim), RecordSpan(f.label, .outcome(f.rawValue))] }
                }
                out.append(.spans(spans, indent: 2))
                if !issue.detail.isEmpty { out.append(.paragraph(issue.detail, indent: 5, .dim)) }
                for n in 1...3 { if let t = issue.findingTexts[n] { out.append(.paragraph("Stage \(n) found: " + t, indent: 5, .plain)) } }
            }
            for s in k.stages {
                if let o = s.outcome(issues: c.issues) {
                    out.append(.spans([RecordSpan("Stage \(s.number) outcome: ", .dim), RecordSpan(o.label, .outcome(o.rawValue)),
                                       RecordSpan(s.satisfied.map { $0 ? " · complainant satisfied" : " · not satisfied" } ?? "", .dim)], indent: 2))
                }
            }
            for r in k.remedies { out.append(.spans([RecordSpan("Remedy \(r.date.iso): " + Self.remedyWords(r))], indent: 2)) }
        }

        out += [.blank, .section("Timeline")]
        for t in timeline { out.append(.entry(date: t.date.iso, text: t.text)) }
        out += correspondenceLines

        out += [.blank, .section("Learning and actions")]
        if learning.isEmpty && actions.isEmpty { out.append(.spans([RecordSpan("None linked yet.", .dim)], indent: 2)) }
        for l in learning { out.append(.spans([RecordSpan("\(l.date.iso)  Learning (\(l.theme)): \(l.text)")], indent: 2)) }
        for a in actions {
            let due = a.due?.iso ?? "at the appropriate time"
            out.append(.spans([RecordSpan("Action: ", .dim), RecordSpan(a.title),
                               RecordSpan("  \(a.owner) · due \(due) · \(a.status.label)", a.isOverdue(today: k.today) ? .overdue : .plain)], indent: 2))
        }

        out += [.blank, .section("History")]
        var rows = history.map { (at: $0.at, line: RecordLine.spans([RecordSpan($0.words)], indent: 2)) }
        // The close an unused window implies is nobody's change, so no audit row holds it; the
        // history says it at its date all the same, as the clock's, so the case's story is whole.
        if let closing = automaticClose {
            let line = RecordLine.spans([RecordSpan("\(closing.date.iso)  the clock  \(closing.text)", .dim)], indent: 2)
            rows.insert((closing.date.iso, line), at: rows.firstIndex { $0.at > closing.date.iso } ?? rows.endIndex)
        }
        rows = Self.merging(readRows, into: rows)
        if rows.isEmpty { out.append(.spans([RecordSpan("No audit rows.", .dim)], indent: 2)) }
        out += rows.map(\.line)
        return out
    }

    // MARK: - The parts

    /// One stage's clock as named values: start, acknowledgement, target, extensions, pauses,
    /// milestones, and the response or what is left.
    public func clockFields(_ s: StageClock) -> [RecordField] {
        let k = clock
        var out: [RecordField] = []
        func field(_ name: String, _ value: String, _ tone: RecordTone = .plain) { out.append(RecordField(name, value, tone)) }
        field(s.number == 1 ? "Received" : "Requested", s.started.iso)
        // A stage that ended unacknowledged (a closed enquiry, a withdrawal) is not waiting for one.
        field("Acknowledged", s.acknowledged?.iso ?? (s.isRunning ? "not yet (target \(s.acknowledgementDue.iso))"
                                                                   : "not recorded (target was \(s.acknowledgementDue.iso))"),
              s.acknowledged == nil && k.today > s.acknowledgementDue && s.isRunning ? .overdue : .plain)
        field("Clock", "counts from the working day after \(s.clockFrom.iso)" + (s.provisionalStart ? " (until acknowledged)" : ""))
        // Before an acknowledgement the clock's start is the acknowledgement target, so the
        // days left count both: say so, or "20 WD" beside "25 working days left" reads as a mistake.
        var target = "\(s.targetDue.iso) (\(s.rule.target.label)"
            + (s.provisionalStart ? " after acknowledgement, due by \(s.acknowledgementDue.iso))" : ")")
        if let m = s.maximumDue { target += "; maximum \(m.iso)" }
        field("Target", target)
        for e in s.extensions { field("Extended", "on \(e.date.iso) to \(e.newDue?.iso ?? "") — \(e.reason)", .extended) }
        for p in s.pauses { field("Paused", "\(p.from.iso) to \(p.to?.iso ?? "now") — \(p.reason)", .paused) }
        for m in s.rule.milestones { field(m.name, calendar.adding(workingDays: m.workingDays + s.pausedDays, after: s.clockFrom).iso) }
        if let r = s.responded {
            let t = s.timeliness.map { $0.rawValue.replacingAll("_", with: " ") } ?? ""
            field("Responded", "\(r.iso) after \(workingDaysText(s.daysUsed)): \(t)", s.timeliness == .late ? .overdue : .ok)
        } else if let e = s.endedOn {
            field("Ended", e.iso)
        } else {
            let left = calendar.workingDays(after: k.today, through: s.due)
            let tone: RecordTone = s.isPaused ? .paused : (left < 0 ? .overdue : (left <= rules.dueSoonDays ? .dueSoon : .plain))
            let leftText = s.isPaused ? "paused" : (left < 0 ? "\(workingDaysText(-left)) overdue" : "\(workingDaysText(left)) left")
            field("Due", "\(s.due.iso): \(s.daysUsed) used, \(leftText)", tone)
        }
        if let e = s.escalated { field("Next stage", "requested \(e.iso)") }
        else if let w = windowEnds(s) {
            // The complainant's window to ask for the next stage: when it ends, and whether it has.
            let left = calendar.workingDays(after: k.today, through: w)
            if k.status == .responded { field("Escalation window", "ends \(w.iso) (\(workingDaysText(left)) left)", left <= rules.dueSoonDays ? .dueSoon : .plain) }
            else if k.status == .closed && k.today > w { field("Escalation window", "ended \(w.iso): no escalation requested", .dim) }
        }
        return out
    }

    /// The people of a stage: stage 2's Investigating Officer and Independent Person, stage 3's
    /// panel and the date it meets (statutory complaints; none for other stages).
    public func peopleFields(_ s: StageClock) -> [RecordField] {
        guard contact.kind == .complaint, contact.procedure == .statutory else { return [] }
        let p = contact.stagePeople
        func named(_ title: String, _ value: String, _ missing: String) -> RecordField {
            RecordField(title, value.isEmpty ? missing : value, value.isEmpty ? .dim : .plain)
        }
        switch s.number {
        // Short titles, so they line up with the clock's fields; the form and JSON say them in full.
        case 2: return [named("Investigator", p.investigatingOfficer, "not yet appointed"),
                        named("Indep. person", p.independentPerson, "not yet appointed")]
        case 3:
            var date = named("Panel date", p.panelDate?.iso ?? "", "not yet set")
            // Allowed, but said: the panel meets later than the procedure's milestone.
            if contact.panelDateWarning(p.panelDate, clock: clock, calendar: calendar) != nil, let m = s.rule.milestones.first {
                let due = calendar.adding(workingDays: m.workingDays + s.pausedDays, after: s.clockFrom)
                date = RecordField("Panel date", "\(p.panelDate?.iso ?? "") (after \(m.name.lowercased()) \(due.iso))", .overdue)
            }
            return [named("Panel", p.panel.joined(separator: ", "), "not yet appointed"), date]
        default: return []
        }
    }

    /// The last day the complainant may ask for the next stage after this stage's response;
    /// nil when the stage is unanswered or is the procedure's last.
    public func windowEnds(_ s: StageClock) -> LocalDate? {
        guard let r = s.responded, contact.kind == .complaint, let p = contact.procedure.map({ rules.procedure($0) }),
              s.number < p.lastStage else { return nil }
        return calendar.adding(workingDays: p.escalationWindowDays, after: r)
    }

    /// "open · stage 1 · overdue · due 2022-06-01".
    public var statusWords: String { clock.statusWords }

    /// The status glyph's and role's name: overdue, paused, extended, ok, withdrawn or closed.
    public var statusKey: String { clock.statusKey }

    /// "referred 2022-05-01; decision: upheld on 2022-06-01", or nil when never referred.
    public var ombudsmanWords: String? {
        let o = clock.ombudsman
        guard let r = o.referred else { return nil }
        return "referred \(r.iso)" + (o.decision.map { "; decision: \($0.label) on \(o.decided?.iso ?? "")" } ?? "; awaiting decision")
    }

    /// Receipt, then every event by its date (events of one day in the order recorded): a
    /// remedy recorded after the next stage began still reads under the response it came with.
    public var timeline: [TimelineEntry] {
        let events = contact.events.enumerated().sorted { a, b in
            a.element.date != b.element.date ? a.element.date < b.element.date : a.offset < b.offset
        }
        var out = [TimelineEntry(date: contact.received, kind: "received", text: "Received")]
            + events.map { TimelineEntry(date: $0.element.date, kind: $0.element.kind.rawValue, text: Self.describe($0.element)) }
        // The correspondence after the procedure's own events of its day, each kind in its order.
        let corr = correspondence
        let extra = corr.log.map { TimelineEntry(date: $0.at.date, kind: "contact", text: ($0.at.clockText.map { $0 + " " } ?? "") + $0.words) }
            + corr.letters.map { TimelineEntry(date: $0.sent, kind: "letter", text: $0.words) }
            + corr.documents.compactMap { d in d.added.map { TimelineEntry(date: $0, kind: "document", text: "Document added: \(d.name)") } }
        let sortedExtra = extra.enumerated().sorted(by: { a, b in a.element.date != b.element.date ? a.element.date < b.element.date : a.offset < b.offset })
        // Merged in one pass (inserting each at its place was quadratic: 5,000 log lines took
        // seconds): each goes before the first procedure entry dated after it, as before.
        var merged: [TimelineEntry] = []
        merged.reserveCapacity(out.count + sortedExtra.count)
        var i = 0
        for e in sortedExtra.map(\.element) {
            while i < out.count, out[i].date <= e.date { merged.append(out[i]); i += 1 }
            merged.append(e)
        }
        merged += out[i...]
        out = merged
        // In date order: an Ombudsman referral or a remedy may come after the close.
        if let closing = automaticClose { out.insert(closing, at: out.firstIndex { $0.date > closing.date } ?? out.endIndex) }
        return out
    }

    /// The close no one recorded: the clock closes an answered case when its escalation window
    /// runs out unused (or at once after the procedure's last stage). Computed on read like the
    /// clock, so it is dated, explained and never out of step with it.
    public var automaticClose: TimelineEntry? {
        guard let (on, why) = automaticCloseReason else { return nil }
        switch why {
        case .windowRanOut(let w): return TimelineEntry(date: on, kind: "closed", text: "closed: no escalation requested by \(w.iso)")
        case .lastStage(let n): return TimelineEntry(date: on, kind: "closed", text: "closed: stage \(n) is the procedure's last")
        }
    }

    /// Why the clock closed an answered case no one closed, and on which day.
    public enum AutomaticClose: Hashable, Sendable {
        /// The window to ask for the next stage ran out; its last day.
        case windowRanOut(LocalDate)
        /// The stage answered (its number) is the procedure's last.
        case lastStage(Int)
    }

    /// `automaticClose` as its parts, for a reader who needs other words (a subject access page).
    public var automaticCloseReason: (on: LocalDate, why: AutomaticClose)? {
        let k = clock
        guard k.recordedStatus == .responded, k.status == .closed, let s = k.current, let on = k.closedOn else { return nil }
        if let w = windowEnds(s) { return (on, .windowRanOut(w)) }
        return (on, .lastStage(s.number))
    }

    /// The stage a remedy belongs to: as recorded, else (a remedy recorded before remedies
    /// carried their stage) the latest stage started by its date.
    public func stage(of remedy: CaseEvent) -> Int? {
        remedy.stage ?? clock.stages.last(where: { $0.started <= remedy.date })?.number ?? clock.stages.first?.number
    }

    /// An event in words, without its date: "Extended (stage 1) to 2022-02-04 — Manager on leave".
    public static func describe(_ e: CaseEvent) -> String {
        var t = e.kind.label
        // (A remedy's stage is in the JSON; its words read as they always have.)
        if let s = e.stage, e.kind != .nextStageRequested, e.kind != .remedy { t += " (stage \(s))" }
        if e.kind == .nextStageRequested, let s = e.stage { t += ": stage \(s)" }
        if let n = e.newDue { t += " to \(n.iso)" }
        if let o = e.outcome { t += ": \(o.label)" }
        if let s = e.satisfied { t += s ? ", satisfied" : ", not satisfied" }
        if let d = e.ombudsmanDecision { t += ": \(d.label)" }
        if let r = e.remedy { t += ": \(r.label)" }
        if let a = e.amountPence { t += " £" + pounds(a) }
        if !e.reason.isEmpty { t += " — " + e.reason }
        return t
    }

    /// "payment £250.00 — for the delay".
    public static func remedyWords(_ r: CaseEvent) -> String {
        (r.remedy?.label ?? "") + (r.amountPence.map { " £" + pounds($0) } ?? "") + (r.reason.isEmpty ? "" : " — " + r.reason)
    }

    /// Pence as pounds with two decimals: 25000 → "250.00" (`Money.pounds`).
    public static func pounds(_ pence: Int) -> String { Money.pounds(pence) }

    static func weekday(_ d: LocalDate) -> String { ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][d.isoWeekday - 1] }
}

extension CaseClock {
    /// Where the case stands in words: "open · stage 1 · overdue · due 2022-06-01".
    public var statusWords: String {
        var t = status.label
        if let n = stageNumber { t += " · stage \(n)" }
        if isOverdue { t += " · overdue" } else if isPaused { t += " · paused" } else if isExtended && status == .open { t += " · extended" }
        if let d = due { t += " · due \(d.iso)" }
        return t
    }

    /// The status glyph's and role's name: overdue, paused, extended, ok, withdrawn or closed.
    public var statusKey: String {
        if isOverdue { return "overdue" }
        if isPaused { return "paused" }
        switch status {
        case .open: return isExtended ? "extended" : "ok"
        case .responded: return "ok"
        case .withdrawn: return "withdrawn"
        default: return "closed"
        }
    }
}

/// A role for a piece of the record, named as the theme names roles ("status.overdue").
public struct RecordTone: Hashable, Sendable {
    public let name: String
    public init(_ name: String) { self.name = name }

    public static let plain = RecordTone("default")
    public static let dim = RecordTone("dim")
    public static let header = RecordTone("header")
    public static let error = RecordTone("message.error")
    public static let overdue = RecordTone("status.overdue")
    public static let dueSoon = RecordTone("status.due-soon")
    public static let paused = RecordTone("status.paused")
    public static let extended = RecordTone("status.extended")
    public static let ok = RecordTone("status.ok")
    /// A finding's or outcome's colour, from its stored value (`partially_upheld`).
    public static func outcome(_ rawValue: String) -> RecordTone { RecordTone("outcome." + rawValue.replacingAll("_", with: "-")) }
}

/// A piece of text with its tone.
public struct RecordSpan: Hashable, Sendable {
    public var text: String
    public var tone: RecordTone
    public init(_ text: String, _ tone: RecordTone = .plain) { self.text = text; self.tone = tone }
}

/// A named value of the record.
public struct RecordField: Hashable, Sendable {
    public var name: String
    public var value: String
    public var tone: RecordTone
    public init(_ name: String, _ value: String, _ tone: RecordTone = .plain) { self.name = name; self.value = value; self.tone = tone }
}

/// A dated line of the timeline; `kind` is the event's stored kind, or "received".
public struct TimelineEntry: Hashable, Sendable {
    public var date: LocalDate
    public var kind: String
    public var text: String
    public init(date: LocalDate, kind: String, text: String) { self.date = date; self.kind = kind; self.text = text }
}

/// One line of the record, before any door lays it out.
public enum RecordLine: Hashable, Sendable {
    /// A section's title.
    case section(String)
    /// A name and its value; a long value wraps under itself. Empty values show as a dash.
    case field(String, String, RecordTone, long: Bool = false)
    /// Pieces of text on one line, after `indent` spaces.
    case spans([RecordSpan], indent: Int)
    /// Text that wraps, every line after `indent` spaces.
    case paragraph(String, indent: Int, RecordTone)
    /// A dated timeline entry; its text wraps under itself.
    case entry(date: String, text: String)
    case blank
}
