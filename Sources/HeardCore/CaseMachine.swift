/// Folds a case's events, one at a time, into its clock, refusing the moves its procedure does
/// not allow. The same fold serves validation (strict) and compute-on-read.
public struct CaseMachine: Sendable {
    public let kind: ContactKind
    public let received: LocalDate
    public let procedure: Procedure?
    public let calendar: WorkingDayCalendar
    public let today: LocalDate

    // Fold state, in working days where it is a clock.
    private var stages: [StageDraft] = []
    private var status: CaseStatus = .open
    private var closedOn: LocalDate?
    private var endReason = ""
    private var ombudsman = OmbudsmanRecord(remedy: "")
    private var remedies: [CaseEvent] = []
    private var lastDate: LocalDate

    private struct StageDraft {
        var rule: StageRule
        var started: LocalDate
        var acknowledged: LocalDate?
        var pauses: [Pause] = []
        var extensions: [CaseEvent] = []
        /// Allowed working days set by the latest extension, excluding pauses.
        var extendedDays: Int?
        var responded: LocalDate?
        var outcome: StageOutcome?
        var satisfied: Bool?
        var escalated: LocalDate?
        var endedAs: StageOutcome?
        var endedOn: LocalDate?
    }

    /// A machine for a contact with no events yet.
    public init(kind: ContactKind, received: LocalDate, procedure: Procedure?, rules: Rules,
                calendar: WorkingDayCalendar, today: LocalDate) {
        self.kind = kind
        self.received = received
        self.calendar = calendar
        self.today = today
        self.lastDate = received
        switch kind {
        case .complaint:
            let p = procedure ?? rules.procedure(.statutory)
            self.procedure = p
            if let first = p.stages.first { stages = [StageDraft(rule: first, started: received)] }
        case .enquiry, .memberEnquiry:
            let days = kind == .enquiry ? rules.enquiryDays : rules.memberEnquiryDays
            let rule = StageRule(number: 1, name: "Response", target: .workingDays(days), maximum: nil, clockStart: .receipt)
            self.procedure = Procedure(kind: .corporate, name: kind.label, stages: [rule], acknowledgementDays: 3)
            stages = [StageDraft(rule: rule, started: received)]
        case .compliment, .comment:
            self.procedure = nil
            status = .closed
            closedOn = received
        }
    }

    /// A machine for `contact`, with every stored event applied leniently: an event that does
    /// not fit (data written by another program) is skipped and noted, never a crash.
    public init(contact: Contact, rules: Rules, calendar: WorkingDayCalendar, today: LocalDate) {
        self.init(kind: contact.kind, received: contact.received,
                  procedure: contact.procedure.map { rules.procedure($0) }, rules: rules, calendar: calendar, today: today)
        for e in contact.events {
            do { try apply(e, strict: false) } catch let r as MoveRefused { problems.append("\(e.kind.rawValue) \(e.date.iso): \(r.message)") } catch {}
        }
    }

    private var problems: [String] = []

    /// The clock as of `today`.
    public var clock: CaseClock {
        let built = stages.map(build)
        var st = status
        var closed = closedOn
        // The complainant has a window to ask for the next stage; once it passes unused, the
        // case is closed as of the window's last day.
        if st == .responded, let p = procedure, let last = built.last, let r = last.responded {
            let windowEnd = calendar.adding(workingDays: p.escalationWindowDays, after: r)
            if last.number >= p.lastStage || today > windowEnd {
                st = .closed
                closed = last.number >= p.lastStage ? r : windowEnd
            }
        }
        return CaseClock(today: today, status: st, recordedStatus: status, stages: built, closedOn: closed, endReason: endReason,
                         ombudsman: ombudsman, remedies: remedies, problems: problems,
                         stageNumber: kind == .complaint ? built.last?.number : nil)
    }

    // MARK: - Applying events

    /// Applies `e`, or throws the reason it is refused. `strict` adds the rules for moves made
    /// now (not dated in the future, the escalation window, no closing an unanswered stage);
    /// imports of history and reads of stored events are not strict.
    static let complaintsOnly: Set<CaseEventKind> = [.extended, .paused, .resumed, .nextStageRequested, .mediation, .notAccepted,
                                                     .ombudsmanReferred, .ombudsmanDecision, .remedy]

    public mutating func apply(_ e: CaseEvent, strict: Bool = true) throws {
        if e.date < received {
            throw MoveRefused("\(e.kind.label) is dated \(e.date.iso), before the contact was received on \(received.iso).")
        }
        if strict && e.date > today {
            throw MoveRefused("\(e.kind.label) is dated \(e.date.iso), in the future (today is \(today.iso)).")
        }
        // (A switch, not a set literal: this runs for every stored event on every read.)
        let afterEnd: Bool
        switch e.kind {
        case .ombudsmanReferred, .ombudsmanDecision, .remedy: afterEnd = true
        default: afterEnd = false
        }
        if status.isFinal && !afterEnd {
            let when = closedOn.map { " on \($0.iso)" } ?? ""
            throw MoveRefused("The case is \(status.label)\(when); “\(e.kind.label)” cannot be recorded on a case that has ended.")
        }
        if !kind.hasWorkflow {
            let what = kind.withArticle
            throw MoveRefused("\(what.prefix(1).uppercased() + what.dropFirst()) has no workflow: it is recorded and counted.")
        }
        if kind != .complaint, Self.complaintsOnly.contains(e.kind) {
            throw MoveRefused("\(e.kind.label) applies to complaints only; this is \(kind.withArticle).")
        }
        switch e.kind {
        case .acknowledged: try acknowledge(e)
        case .extended: try extend(e)
        case .paused: try pause(e)
        case .resumed: try resume(e)
        case .responded: try respond(e)
        case .nextStageRequested: try requestNext(e, strict: strict)
        case .withdrawn, .mediation, .notAccepted: try end(e, strict: strict)
        case .closed: try close(e, strict: strict)
        case .ombudsmanReferred:
            if ombudsman.referred != nil { throw MoveRefused("The case was already referred to the Ombudsman on \(ombudsman.referred?.iso ?? "").") }
            ombudsman.referred = e.date
        case .ombudsmanDecision:
            guard let referred = ombudsman.referred else { throw MoveRefused("There is no Ombudsman referral to decide: record the referral first.") }
            if ombudsman.decision != nil { throw MoveRefused("The Ombudsman's decision is already recorded.") }
            if e.date < referred { throw MoveRefused("The decision is dated \(e.date.iso), before the referral on \(referred.iso).") }
            guard let d = e.ombudsmanDecision else { throw MoveRefused("An Ombudsman decision needs one of: \(OmbudsmanDecision.labels.joined(separator: ", ")).") }
            ombudsman.decision = d
            ombudsman.decided = e.date
            ombudsman.remedy = e.reason
            ombudsman.amountPence = e.amountPence
        case .remedy:
            guard e.remedy != nil else { throw MoveRefused("A remedy needs a kind: \(RemedyKind.labels.joined(separator: ", ")).") }
            if e.remedy == .payment, (e.amountPence ?? 0) <= 0 { throw MoveRefused("A payment remedy needs an amount above zero.") }
            if let a = e.amountPence, a < 0 { throw MoveRefused("A remedy amount cannot be negative.") }
            if e.remedy != .payment, e.amountPence != nil {
                throw MoveRefused("Only a payment remedy has an amount; \(e.remedy?.label ?? "this remedy") has none.")
            }
            remedies.append(e)
        }
        lastDate = max(lastDate, e.date)
    }

    private func stageIndex(_ e: CaseEvent) throws -> Int {
        guard let last = stages.indices.last else { throw MoveRefused("This contact has no stages.") }
        if let s = e.stage, s != stages[last].rule.number {
            throw MoveRefused("\(e.kind.label) names stage \(s), but the case is at stage \(stages[last].rule.number).")
        }
        if e.date < stages[last].started {
            throw MoveRefused("\(e.kind.label) is dated \(e.date.iso), before stage \(stages[last].rule.number) started on \(stages[last].started.iso).")
        }
        return last
    }

    private mutating func acknowledge(_ e: CaseEvent) throws {
        let i = try stageIndex(e)
        if let a = stages[i].acknowledged { throw MoveRefused("Stage \(stages[i].rule.number) was already acknowledged on \(a.iso).") }
        if stages[i].responded != nil { throw MoveRefused("Stage \(stages[i].rule.number) was already answered.") }
        stages[i].acknowledged = e.date
    }

    private mutating func extend(_ e: CaseEvent) throws {
        let i = try stageIndex(e)
        let s = stages[i]
        let n = s.rule.number
        guard s.responded == nil else { throw MoveRefused("Stage \(n) was answered on \(s.responded?.iso ?? ""): it cannot be extended.") }
        guard s.rule.allowsExtension else { throw MoveRefused("\(procedure?.name ?? "This procedure") allows no extension at stage \(n).") }
        guard let newDue = e.newDue else { throw MoveRefused("An extension needs the new deadline.") }
        guard !e.reason.trimmingSpaces.isEmpty else { throw MoveRefused("An extension needs a reason.") }
        let current = build(s)
        if newDue <= current.due {
            throw MoveRefused("The new deadline \(newDue.iso) is not after the current one, \(current.due.iso).")
        }
        let pausedBefore = pausedDays(s.pauses, until: e.date)
        let allowed = calendar.workingDays(after: current.clockFrom, through: newDue) - pausedBefore
        if let max = current.maximumDays, allowed > max {
            throw MoveRefused("\(newDue.iso) is past stage \(n)'s maximum of \(max) working days (latest \(current.maximumDue?.iso ?? "")).")
        }
        stages[i].extensions.append(e)
        stages[i].extendedDays = allowed
    }

    private mutating func pause(_ e: CaseEvent) throws {
        let i = try stageIndex(e)
        let n = stages[i].rule.number
        guard stages[i].responded == nil else { throw MoveRefused("Stage \(n) was already answered: there is no clock to pause.") }
        if let p = stages[i].pauses.last, p.to == nil { throw MoveRefused("The clock is already paused since \(p.from.iso).") }
        guard !e.reason.trimmingSpaces.isEmpty else { throw MoveRefused("A pause needs a reason.") }
        if let p = stages[i].pauses.last, let to = p.to, e.date < to {
            throw MoveRefused("The pause starts \(e.date.iso), before the last pause ended on \(to.iso).")
        }
        stages[i].pauses.append(Pause(from: e.date, to: nil, reason: e.reason))
    }

    private mutating func resume(_ e: CaseEvent) throws {
        let i = try stageIndex(e)
        guard let last = stages[i].pauses.indices.last, stages[i].pauses[last].to == nil else {
            throw MoveRefused("The clock is not paused.")
        }
        if e.date < stages[i].pauses[last].from {
            throw MoveRefused("The clock cannot resume on \(e.date.iso), before it was paused on \(stages[i].pauses[last].from.iso).")
        }
        stages[i].pauses[last].to = e.date
    }

    private mutating func respond(_ e: CaseEvent) throws {
        let i = try stageIndex(e)
        let n = stages[i].rule.number
        if let r = stages[i].responded { throw MoveRefused("Stage \(n) was already answered on \(r.iso).") }
        if let p = stages[i].pauses.last, p.to == nil { throw MoveRefused("The clock is paused since \(p.from.iso): resume it before recording the response.") }
        if let o = e.outcome, o == .withdrawn || o == .mediation {
            throw MoveRefused("Record a withdrawal or mediation as its own move, not as a response.")
        }
        stages[i].responded = e.date
        stages[i].outcome = e.outcome
        stages[i].satisfied = e.satisfied
        status = .responded
    }

    private mutating func requestNext(_ e: CaseEvent, strict: Bool) throws {
        guard let p = procedure, let last = stages.last else { throw MoveRefused("This contact has no procedure.") }
        let n = last.rule.number
        let wanted = e.stage ?? n + 1
        if wanted != n + 1 { throw MoveRefused("The case is at stage \(n): only stage \(n + 1) can be requested.") }
        guard let next = p.stage(n + 1) else { throw MoveRefused("\(p.name) has no stage \(n + 1).") }
        guard let r = last.responded else {
            throw MoveRefused("Stage \(n + 1) cannot be requested before the stage \(n) response.")
        }
        if e.date < r { throw MoveRefused("Stage \(n + 1) is requested on \(e.date.iso), before the stage \(n) response on \(r.iso).") }
        let windowEnd = calendar.adding(workingDays: p.escalationWindowDays, after: r)
        if strict && e.date > windowEnd && e.reason.trimmingSpaces.isEmpty {
            throw MoveRefused("The request is more than \(p.escalationWindowDays) working days after the stage \(n) response (the window closed \(windowEnd.iso)): record why it was accepted late.")
        }
        stages[stages.count - 1].escalated = e.date
        stages.append(StageDraft(rule: next, started: e.date))
        status = .open
    }

    private mutating func end(_ e: CaseEvent, strict: Bool) throws {
        if e.kind == .notAccepted || e.kind == .withdrawn, e.reason.trimmingSpaces.isEmpty {
            throw MoveRefused("\(e.kind.label) needs a reason.")
        }
        // Not accepted is a decision on a complaint or a stage's request, before it is answered:
        // an answered stage counted again among the complaints turned away would be counted twice
        // in the annual report (found by a trial). A refused request for the next stage is that
        // stage's request, recorded and then not accepted. History imported as it was keeps it.
        if strict, e.kind == .notAccepted, let s = stages.last, let r = s.responded {
            throw MoveRefused("Stage \(s.rule.number) was answered on \(r.iso): an answered complaint cannot be “not accepted”. "
                              + "If a request for the next stage is refused, record the request and then not accepted.")
        }
        if e.date < lastDate { throw MoveRefused("\(e.kind.label) is dated \(e.date.iso), before the case's last event on \(lastDate.iso).") }
        if let i = stages.indices.last {
            // An answered stage keeps its outcome; withdrawal or mediation ends the case.
            if stages[i].responded == nil {
                if e.kind != .notAccepted { stages[i].endedAs = e.kind == .withdrawn ? .withdrawn : .mediation }
                stages[i].endedOn = e.date
            }
            if let p = stages[i].pauses.last, p.to == nil { stages[i].pauses[stages[i].pauses.count - 1].to = e.date }
        }
        status = e.kind == .withdrawn ? .withdrawn : e.kind == .mediation ? .mediation : .notAccepted
        closedOn = e.date
        endReason = e.reason
    }

    private mutating func close(_ e: CaseEvent, strict: Bool) throws {
        if e.date < lastDate { throw MoveRefused("Closure is dated \(e.date.iso), before the case's last event on \(lastDate.iso).") }
        if strict, let s = stages.last, s.responded == nil {
            throw MoveRefused("Stage \(s.rule.number) has no response yet: record the response, a withdrawal or mediation before closing.")
        }
        if let i = stages.indices.last, let p = stages[i].pauses.last, p.to == nil {
            stages[i].pauses[stages[i].pauses.count - 1].to = e.date
        }
        // Closing an unanswered stage (history imported as it was) stops its clock.
        if let i = stages.indices.last, stages[i].responded == nil, stages[i].endedOn == nil { stages[i].endedOn = e.date }
        status = .closed
        closedOn = e.date
    }

    // MARK: - Building the clock

    private func pausedDays(_ pauses: [Pause], until end: LocalDate) -> Int {
        var total = 0
        for p in pauses where p.from <= end {
            let stop = min(p.to ?? end.adding(days: 1), end.adding(days: 1))
            total += calendar.workingDays(from: p.from, before: stop)
        }
        return total
    }

    private func days(_ t: Timescale, from clockFrom: LocalDate) -> Int {
        switch t {
        case .workingDays(let n): return n
        case .calendarMonths(let n): return calendar.workingDays(after: clockFrom, through: clockFrom.adding(months: n))
        }
    }

    private func build(_ s: StageDraft) -> StageClock {
        let startDay = calendar.workingDay(onOrAfter: s.started)
        let ackDays = procedure?.acknowledgementDays ?? 3
        let ackDue = calendar.adding(workingDays: ackDays, after: startDay)
        var clockFrom = startDay
        var provisional = false
        if s.rule.clockStart == .acknowledgement {
            if let a = s.acknowledged { clockFrom = calendar.workingDay(onOrAfter: a) } else { clockFrom = ackDue; provisional = true }
        }
        let end = s.responded ?? s.endedOn ?? today
        let paused = pausedDays(s.pauses, until: max(end, today))
        let pausedToEnd = pausedDays(s.pauses, until: end)
        let target = days(s.rule.target, from: clockFrom)
        let maxDays = s.rule.maximum.map { days($0, from: clockFrom) }
        let allowed = s.extendedDays ?? target
        let targetDue = calendar.adding(workingDays: target + paused, after: clockFrom)
        let due = calendar.adding(workingDays: allowed + paused, after: clockFrom)
        let maxDue = maxDays.map { calendar.adding(workingDays: $0 + paused, after: clockFrom) }
        let used = end <= clockFrom ? 0 : max(0, calendar.workingDays(after: clockFrom, through: end) - pausedToEnd)
        return StageClock(number: s.rule.number, rule: s.rule, started: s.started, clockFrom: clockFrom,
                          provisionalStart: provisional, acknowledged: s.acknowledged, acknowledgementDue: ackDue,
                          pauses: s.pauses, extensions: s.extensions, targetDays: target, allowedDays: allowed,
                          maximumDays: maxDays, pausedDays: paused, targetDue: targetDue, due: due, maximumDue: maxDue,
                          responded: s.responded, recordedOutcome: s.outcome, satisfied: s.satisfied,
                          escalated: s.escalated, endedAs: s.endedAs, endedOn: s.endedOn, daysUsed: used)
    }
}

extension Contact {
    /// This contact's clock as of `today`.
    public func clock(rules: Rules = .default, calendar: WorkingDayCalendar, today: LocalDate) -> CaseClock {
        CaseMachine(contact: self, rules: rules, calendar: calendar, today: today).clock
    }

    /// This contact with `event` appended, or the reason the procedure refuses it.
    public func applying(_ event: CaseEvent, rules: Rules = .default, calendar: WorkingDayCalendar, today: LocalDate) throws -> Contact {
        var m = CaseMachine(contact: self, rules: rules, calendar: calendar, today: today)
        var e = event
        if e.kind == .nextStageRequested && e.stage == nil { e.stage = (m.clock.current?.number ?? 0) + 1 }
        // A remedy belongs to the stage whose response it came with (the stage in hand).
        if [.acknowledged, .extended, .paused, .resumed, .responded, .remedy].contains(e.kind) && e.stage == nil {
            e.stage = m.clock.current?.number
        }
        try m.apply(e, strict: true)
        var copy = self
        copy.events.append(e)
        return copy
    }

    /// Checks a finding on one issue at one stage against the case's state.
    public func validateFinding(stage: Int, rules: Rules = .default, calendar: WorkingDayCalendar, today: LocalDate) throws {
        guard kind == .complaint else { throw MoveRefused("Findings belong to complaints; this is a \(kind.label).") }
        let c = clock(rules: rules, calendar: calendar, today: today)
        if c.status.isFinal { throw MoveRefused("The case is \(c.status.label): its findings can no longer change.") }
        guard c.stages.contains(where: { $0.number == stage }) else {
            throw MoveRefused("Stage \(stage) has not started: findings can be recorded for stages 1-\(c.current?.number ?? 1).")
        }
        if let s = c.stages.first(where: { $0.number == stage }), s.escalated != nil {
            throw MoveRefused("Stage \(stage) is over (stage \(stage + 1) was requested): its findings stand as they were.")
        }
    }
}
