/// The procedures a complaint can be handled under.
public enum ProcedureKind: String, Vocabulary, Codable {
    case statutory, corporate, adult
    public var label: String { rawValue }
    public var aliases: [String] {
        switch self {
        case .statutory: ["children act", "children act 1989", "children act 1989 statutory", "statutory (children act 1989)"]
        case .corporate: ["corporate (non-statutory)", "non-statutory", "non statutory"]
        case .adult: ["adult social care", "asc"]
        }
    }
}

/// When a stage's clock starts.
public enum ClockStart: String, Sendable, Codable {
    /// The day after the contact was received (stage 1 of the statutory procedure).
    case receipt
    /// The day after the complainant asked for this stage.
    case request
    /// The acknowledgement of the complaint (or of the request for this stage).
    case acknowledgement
}

/// How long a stage may take.
public enum Timescale: Hashable, Sendable, Codable {
    case workingDays(Int)
    case calendarMonths(Int)

    public var label: String {
        switch self {
        case .workingDays(let n): "\(n) WD"
        case .calendarMonths(let n): n == 1 ? "1 month" : "\(n) months"
        }
    }
}

/// An interim milestone within a stage, e.g. the review panel meeting.
public struct Milestone: Hashable, Sendable, Codable {
    public var name: String
    public var workingDays: Int
    public init(name: String, workingDays: Int) { self.name = name; self.workingDays = workingDays }
}

/// One stage of a procedure with its timescales.
public struct StageRule: Hashable, Sendable, Codable {
    public var number: Int
    public var name: String
    public var target: Timescale
    /// The most an extension may bring the deadline to; nil when no extension is allowed.
    public var maximum: Timescale?
    public var clockStart: ClockStart
    public var milestones: [Milestone]
    /// Whether the deadline may be extended (up to `maximum` when one is set).
    public var allowsExtension: Bool

    public init(number: Int, name: String, target: Timescale, maximum: Timescale?, clockStart: ClockStart,
                milestones: [Milestone] = [], allowsExtension: Bool? = nil) {
        self.number = number; self.name = name; self.target = target; self.maximum = maximum
        self.clockStart = clockStart; self.milestones = milestones
        self.allowsExtension = allowsExtension ?? (maximum != nil)
    }
}

/// A procedure as data: its ordered stages and its rules around them.
public struct Procedure: Hashable, Sendable, Codable {
    public var kind: ProcedureKind
    public var name: String
    public var stages: [StageRule]
    /// Target for acknowledging a complaint, in working days after receipt.
    public var acknowledgementDays: Int
    /// Working days after a stage's response within which the next stage may be requested.
    public var escalationWindowDays: Int

    public init(kind: ProcedureKind, name: String, stages: [StageRule], acknowledgementDays: Int, escalationWindowDays: Int = 20) {
        self.kind = kind; self.name = name; self.stages = stages
        self.acknowledgementDays = acknowledgementDays; self.escalationWindowDays = escalationWindowDays
    }

    public func stage(_ n: Int) -> StageRule? { stages.first { $0.number == n } }
    public var lastStage: Int { stages.map(\.number).max() ?? 1 }

    /// Children Act 1989 statutory procedure, DOMAIN.md defaults.
    public static let statutory = Procedure(kind: .statutory, name: "Children Act 1989 statutory", stages: [
        StageRule(number: 1, name: "Local resolution", target: .workingDays(10), maximum: .workingDays(20), clockStart: .receipt),
        StageRule(number: 2, name: "Independent investigation", target: .workingDays(25), maximum: .workingDays(65), clockStart: .request),
        StageRule(number: 3, name: "Review panel", target: .workingDays(50), maximum: .workingDays(50), clockStart: .request,
                  milestones: [Milestone(name: "Panel due by", workingDays: 30), Milestone(name: "Report due by", workingDays: 35)]),
    ], acknowledgementDays: 3)

    /// Corporate (non-statutory) procedure, DOMAIN.md defaults.
    public static let corporate = Procedure(kind: .corporate, name: "Corporate (non-statutory)", stages: [
        StageRule(number: 1, name: "First stage", target: .workingDays(10), maximum: .workingDays(20), clockStart: .acknowledgement),
        StageRule(number: 2, name: "Review", target: .workingDays(20), maximum: nil, clockStart: .acknowledgement,
                  allowsExtension: true),
    ], acknowledgementDays: 5)

    /// Adult social care, single stage, DOMAIN.md defaults.
    public static let adult = Procedure(kind: .adult, name: "Adult social care", stages: [
        StageRule(number: 1, name: "Single stage", target: .calendarMonths(6), maximum: nil, clockStart: .receipt,
                  allowsExtension: true),
    ], acknowledgementDays: 3)
}

/// The procedures and timescales in force: DOMAIN.md's defaults unless configured otherwise.
public struct Rules: Sendable {
    public var procedures: [ProcedureKind: Procedure]
    /// Response target for an enquiry, in working days.
    public var enquiryDays: Int
    /// Response target for a member (councillor or MP) enquiry, in working days.
    public var memberEnquiryDays: Int
    /// How long after the events a complaint should be made, in calendar months.
    public var complaintTimeLimitMonths: Int
    /// Working days ahead that count as "due soon".
    public var dueSoonDays: Int
    /// Counts from 1 to this are shown as `c` in public reports (`[report] suppress_up_to`):
    /// the screen, `heard report --public` and `:export` all read it here.
    public var suppressUpTo: Int

    public init(procedures: [ProcedureKind: Procedure] = [.statutory: .statutory, .corporate: .corporate, .adult: .adult],
                enquiryDays: Int = 10, memberEnquiryDays: Int = 10, complaintTimeLimitMonths: Int = 12, dueSoonDays: Int = 5,
                suppressUpTo: Int = 4) {
        self.procedures = procedures; self.enquiryDays = enquiryDays; self.memberEnquiryDays = memberEnquiryDays
        self.complaintTimeLimitMonths = complaintTimeLimitMonths; self.dueSoonDays = dueSoonDays
        self.suppressUpTo = suppressUpTo
    }

    public static let `default` = Rules()

    public func procedure(_ kind: ProcedureKind) -> Procedure {
        procedures[kind] ?? {
            switch kind {
            case .statutory: return .statutory
            case .corporate: return .corporate
            case .adult: return .adult
            }
        }()
    }
}
