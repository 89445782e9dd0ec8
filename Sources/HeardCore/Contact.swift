/// An issue's finding at each stage (1 to 3). A value, not a dictionary: a report reads tens of
/// thousands of issues, and a dictionary apiece was a heap allocation apiece.
public struct StageFindings: Hashable, Sendable, Codable, ExpressibleByDictionaryLiteral {
    private var one: Finding?
    private var two: Finding?
    private var three: Finding?

    public init() {}

    public init(dictionaryLiteral elements: (Int, Finding)...) {
        for (stage, finding) in elements { self[stage] = finding }
    }

    /// The finding at a stage; stages outside 1-3 have none.
    public subscript(stage: Int) -> Finding? {
        get {
            switch stage {
            case 1: return one
            case 2: return two
            case 3: return three
            default: return nil
            }
        }
        set {
            switch stage {
            case 1: one = newValue
            case 2: two = newValue
            case 3: three = newValue
            default: break
            }
        }
    }

    public var isEmpty: Bool { one == nil && two == nil && three == nil }

    public init(from decoder: Decoder) throws {
        let d = try [Int: Finding](from: decoder)
        for (k, v) in d { self[k] = v }
    }

    public func encode(to encoder: Encoder) throws {
        var d: [Int: Finding] = [:]
        for n in 1...3 { if let f = self[n] { d[n] = f } }
        try d.encode(to: encoder)
    }
}

/// One issue raised within a complaint: a category and, per stage, a finding.
public struct ComplaintIssue: Hashable, Sendable, Codable {
    public var id: Int64?
    public var category: String
    public var detail: String
    /// Finding per stage number.
    public var findings: StageFindings
    /// What was found on the issue at each stage, in words, beside its verdict.
    public var findingTexts: [Int: String]

    public init(id: Int64? = nil, category: String, detail: String = "", findings: StageFindings = [:], findingTexts: [Int: String] = [:]) {
        self.id = id; self.category = category; self.detail = detail; self.findings = findings; self.findingTexts = findingTexts
    }
}

/// Every piece of correspondence the team receives.
public struct Contact: Hashable, Sendable {
    public var id: Int64?
    /// Unique and human readable, e.g. `CS-2021-0042`.
    public var reference: String
    public var kind: ContactKind
    public var received: LocalDate
    public var channel: Channel?
    public var serviceArea: String
    public var team: String
    /// The procedure a complaint is handled under; nil for other kinds.
    public var procedure: ProcedureKind?
    public var complainantName: String
    public var complainantRole: ComplainantRole?
    /// Whether the complainant is a child or young person: decides the C&YP figures, not the role.
    public var isChildOrYoungPerson: Bool
    /// Who supported the complainant, e.g. "Children's Rights Team"; empty when nobody.
    public var advocate: String
    public var subjectChild: String
    public var summary: String
    public var officer: String
    /// When the events complained of happened, if known (for the one-year rule).
    public var eventsDate: LocalDate?
    /// The recorded decision to accept a complaint out of time or from someone whose standing
    /// needed deciding ("sufficient interest").
    public var acceptanceDecision: String
    public var issues: [ComplaintIssue]
    /// The dated history the clock is computed from; appended, never rewritten.
    public var events: [CaseEvent]
    /// Incremented on every saved change; a save made from an older version is refused.
    public var version: Int
    /// Blocks disposal at the end of the retention period.
    public var legalHold: Bool
    /// Stage 2's Investigating Officer and Independent Person, stage 3's panel and its date.
    public var stagePeople = StagePeople()
    /// The people (`people`, in Contact+People.swift): nil when nothing is recorded.
    var peopleBox: PeopleBox?

    public init(id: Int64? = nil, reference: String = "", kind: ContactKind, received: LocalDate,
                channel: Channel? = nil, serviceArea: String, team: String = "", procedure: ProcedureKind? = nil,
                complainantName: String = "", complainantRole: ComplainantRole? = nil, isChildOrYoungPerson: Bool = false,
                advocate: String = "", subjectChild: String = "", summary: String = "", officer: String = "",
                eventsDate: LocalDate? = nil, acceptanceDecision: String = "",
                issues: [ComplaintIssue] = [], events: [CaseEvent] = [], version: Int = 0, legalHold: Bool = false) {
        self.id = id; self.reference = reference; self.kind = kind; self.received = received
        self.channel = channel; self.serviceArea = serviceArea; self.team = team
        self.procedure = kind == .complaint ? (procedure ?? .statutory) : procedure
        self.complainantName = complainantName; self.complainantRole = complainantRole
        self.isChildOrYoungPerson = isChildOrYoungPerson; self.advocate = advocate
        self.subjectChild = subjectChild; self.summary = summary; self.officer = officer
        self.eventsDate = eventsDate; self.acceptanceDecision = acceptanceDecision
        self.issues = issues; self.events = events; self.version = version; self.legalHold = legalHold
    }

    public var isComplaint: Bool { kind == .complaint }
    public var hasAdvocate: Bool { !advocate.trimmingSpaces.isEmpty }
    public var categories: [String] { issues.map(\.category) }
}

/// The kinds of dated event a case's history holds.
public enum CaseEventKind: String, Sendable, Codable, CaseIterable {
    case acknowledged
    case extended
    case paused
    case resumed
    case responded
    case nextStageRequested = "next_stage_requested"
    case withdrawn
    case mediation
    case notAccepted = "not_accepted"
    case closed
    case ombudsmanReferred = "ombudsman_referred"
    case ombudsmanDecision = "ombudsman_decision"
    case remedy

    public var label: String {
        switch self {
        case .acknowledged: "Acknowledged"
        case .extended: "Extended"
        case .paused: "Paused"
        case .resumed: "Resumed"
        case .responded: "Responded"
        case .nextStageRequested: "Next stage requested"
        case .withdrawn: "Withdrawn"
        case .mediation: "Resolved by mediation"
        case .notAccepted: "Not accepted"
        case .closed: "Closed"
        case .ombudsmanReferred: "Referred to the Ombudsman"
        case .ombudsmanDecision: "Ombudsman decision"
        case .remedy: "Remedy"
        }
    }
}

/// A dated event in a case's history. Fields not used by a kind stay nil or empty.
public struct CaseEvent: Hashable, Sendable {
    public var id: Int64?
    public var kind: CaseEventKind
    public var date: LocalDate
    /// The stage the event belongs to (for a next-stage request: the stage requested).
    public var stage: Int?
    /// Extension: the agreed new deadline.
    public var newDue: LocalDate?
    /// Extension, pause, withdrawal, not accepted, late request: why.
    public var reason: String
    /// Response: the stage's outcome when recorded directly rather than from findings.
    public var outcome: StageOutcome?
    /// Response: whether the complainant was satisfied.
    public var satisfied: Bool?
    public var ombudsmanDecision: OmbudsmanDecision?
    public var remedy: RemedyKind?
    /// Payment remedies, in pence.
    public var amountPence: Int?

    public init(id: Int64? = nil, kind: CaseEventKind, date: LocalDate, stage: Int? = nil, newDue: LocalDate? = nil,
                reason: String = "", outcome: StageOutcome? = nil, satisfied: Bool? = nil,
                ombudsmanDecision: OmbudsmanDecision? = nil, remedy: RemedyKind? = nil, amountPence: Int? = nil) {
        self.id = id; self.kind = kind; self.date = date; self.stage = stage; self.newDue = newDue
        self.reason = reason; self.outcome = outcome; self.satisfied = satisfied
        self.ombudsmanDecision = ombudsmanDecision; self.remedy = remedy; self.amountPence = amountPence
    }

    // MARK: Constructors that say what they mean

    public static func acknowledged(_ d: LocalDate, stage: Int = 1) -> CaseEvent { CaseEvent(kind: .acknowledged, date: d, stage: stage) }
    public static func extended(_ d: LocalDate, stage: Int, to newDue: LocalDate, reason: String) -> CaseEvent {
        CaseEvent(kind: .extended, date: d, stage: stage, newDue: newDue, reason: reason)
    }
    public static func paused(_ d: LocalDate, stage: Int, reason: String) -> CaseEvent { CaseEvent(kind: .paused, date: d, stage: stage, reason: reason) }
    public static func resumed(_ d: LocalDate, stage: Int) -> CaseEvent { CaseEvent(kind: .resumed, date: d, stage: stage) }
    public static func responded(_ d: LocalDate, stage: Int, outcome: StageOutcome? = nil, satisfied: Bool? = nil) -> CaseEvent {
        CaseEvent(kind: .responded, date: d, stage: stage, outcome: outcome, satisfied: satisfied)
    }
    public static func nextStageRequested(_ d: LocalDate, stage: Int, lateReason: String = "") -> CaseEvent {
        CaseEvent(kind: .nextStageRequested, date: d, stage: stage, reason: lateReason)
    }
    public static func withdrawn(_ d: LocalDate, reason: String) -> CaseEvent { CaseEvent(kind: .withdrawn, date: d, reason: reason) }
    public static func mediation(_ d: LocalDate, reason: String = "") -> CaseEvent { CaseEvent(kind: .mediation, date: d, reason: reason) }
    public static func notAccepted(_ d: LocalDate, reason: String) -> CaseEvent { CaseEvent(kind: .notAccepted, date: d, reason: reason) }
    public static func closed(_ d: LocalDate) -> CaseEvent { CaseEvent(kind: .closed, date: d) }
    public static func ombudsmanReferred(_ d: LocalDate) -> CaseEvent { CaseEvent(kind: .ombudsmanReferred, date: d) }
    public static func ombudsmanDecision(_ d: LocalDate, _ decision: OmbudsmanDecision, remedy: String = "", amountPence: Int? = nil) -> CaseEvent {
        CaseEvent(kind: .ombudsmanDecision, date: d, reason: remedy, ombudsmanDecision: decision, amountPence: amountPence)
    }
    public static func remedy(_ d: LocalDate, stage: Int?, _ kind: RemedyKind, amountPence: Int? = nil, note: String = "") -> CaseEvent {
        CaseEvent(kind: .remedy, date: d, stage: stage, reason: note, remedy: kind, amountPence: amountPence)
    }
}
