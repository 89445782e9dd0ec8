/// Where a contact stands.
public enum CaseStatus: String, Sendable, Codable, CaseIterable {
    /// A stage clock is running (or paused).
    case open
    /// The current stage was answered; the complainant may still ask for the next stage.
    case responded
    case closed
    case withdrawn
    case mediation
    case notAccepted = "not_accepted"

    public var label: String {
        switch self {
        case .open: "open"
        case .responded: "responded"
        case .closed: "closed"
        case .withdrawn: "withdrawn"
        case .mediation: "mediation"
        case .notAccepted: "not accepted"
        }
    }
    /// Still needs the team's attention.
    public var isActive: Bool { self == .open || self == .responded }
    /// Ended for good: only the Ombudsman and remedies may follow.
    public var isFinal: Bool { !isActive }
}

/// How a stage's response compared with its deadline.
public enum Timeliness: String, Sendable, Codable {
    case withinTarget = "within_target"
    case withinExtension = "within_extension"
    case late
    case open
}

/// A stop of the clock from one date until another (or until now, while `to` is nil).
public struct Pause: Hashable, Sendable {
    public var from: LocalDate
    public var to: LocalDate?
    public var reason: String
}

/// One stage's clock, computed from events and the calendar.
public struct StageClock: Hashable, Sendable {
    public var number: Int
    public var rule: StageRule
    /// Received (stage 1) or requested (later stages).
    public var started: LocalDate
    /// Counting starts on the first working day after this date.
    public var clockFrom: LocalDate
    /// The clock awaits an acknowledgement that has not happened; `clockFrom` is its target.
    public var provisionalStart: Bool
    public var acknowledged: LocalDate?
    public var acknowledgementDue: LocalDate
    public var pauses: [Pause]
    public var extensions: [CaseEvent]
    /// Working days allowed without and with extensions (excluding pauses).
    public var targetDays: Int
    public var allowedDays: Int
    public var maximumDays: Int?
    public var pausedDays: Int
    public var targetDue: LocalDate
    public var due: LocalDate
    public var maximumDue: LocalDate?
    public var responded: LocalDate?
    public var recordedOutcome: StageOutcome?
    public var satisfied: Bool?
    /// When the next stage was requested.
    public var escalated: LocalDate?
    /// Withdrawal or mediation ended the stage.
    public var endedAs: StageOutcome?
    public var endedOn: LocalDate?
    public var daysUsed: Int

    public var isPaused: Bool { pauses.last.map { $0.to == nil } ?? false }
    public var isExtended: Bool { !extensions.isEmpty }
    public var isAnswered: Bool { responded != nil }
    public var isRunning: Bool { responded == nil && endedOn == nil }

    /// Within target, within extension, late, or still open; nil when the stage ended without
    /// a response (withdrawn, mediation, not accepted).
    public var timeliness: Timeliness? {
        guard let r = responded else { return endedOn == nil ? .open : nil }
        if r <= targetDue { return .withinTarget }
        if isExtended && r <= due { return .withinExtension }
        return .late
    }

    /// The stage's outcome: withdrawal or mediation, else as recorded, else from findings.
    public func outcome(issues: [ComplaintIssue]) -> StageOutcome? {
        if let e = endedAs { return e }
        if let o = recordedOutcome { return o }
        guard responded != nil else { return nil }
        return StageOutcome.derived(from: issues.compactMap { $0.findings[number] })
    }
}

/// The Ombudsman's part in a case.
public struct OmbudsmanRecord: Hashable, Sendable {
    public var referred: LocalDate?
    public var decided: LocalDate?
    public var decision: OmbudsmanDecision?
    public var remedy: String
    public var amountPence: Int?
}

/// Everything about a case's progress, computed on read from its events, its procedure and the
/// calendar, as of `today`.
public struct CaseClock: Hashable, Sendable {
    public var today: LocalDate
    public var status: CaseStatus
    /// The status from the events alone, before the escalation window is applied (what the
    /// store keeps so it can find live cases without computing every clock).
    public var recordedStatus: CaseStatus
    public var stages: [StageClock]
    public var closedOn: LocalDate?
    public var endReason: String
    public var ombudsman: OmbudsmanRecord
    public var remedies: [CaseEvent]
    /// Events that could not be applied (only for data written by another program).
    public var problems: [String]

    /// The stage in hand (the latest started); nil for contacts with no procedure.
    public var current: StageClock? { stages.last }
    /// Referred to the Ombudsman, whose decision is not recorded yet: the case has not ended
    /// for the record, whatever its stages say (its decision, remedy and payment are still to come).
    public var awaitsOmbudsman: Bool { ombudsman.referred != nil && ombudsman.decided == nil && ombudsman.decision == nil }
    /// Closed by the clock alone: the stage was answered and its escalation window (or the
    /// procedure's last stage) ended it; no one recorded a close. Such a close is not a decision,
    /// so a late request for the next stage may still be accepted (DOMAIN.md), with its reason.
    public var closedAutomatically: Bool { status == .closed && recordedStatus == .responded }
    /// The stage number shown in lists; nil for contacts other than complaints.
    public var stageNumber: Int?

    /// The running deadline of the current stage, or nil when no clock runs.
    public var due: LocalDate? {
        guard status == .open, let c = current, c.isRunning else { return nil }
        return c.due
    }
    public var isPaused: Bool { status == .open && (current?.isPaused ?? false) }
    public var isExtended: Bool { current?.isExtended ?? false }
    public var isOverdue: Bool {
        guard let d = due, !isPaused else { return false }
        return today > d
    }
    /// Working days left before the deadline; negative when overdue.
    public func daysLeft(calendar: WorkingDayCalendar) -> Int? {
        guard let d = due else { return nil }
        return calendar.workingDays(after: today, through: d)
    }
    /// Not yet acknowledged and past the acknowledgement target.
    public var acknowledgementOverdue: Bool {
        guard status == .open, let c = current, c.acknowledged == nil else { return false }
        return today > c.acknowledgementDue
    }
}
