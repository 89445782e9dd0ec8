/// A row of the case list: the fields lists show and the clock's verdict as of today.
public struct CaseSummary: Hashable, Sendable {
    public var id: Int64
    public var reference: String
    public var kind: ContactKind
    public var received: LocalDate
    public var serviceArea: String
    public var team: String
    public var complainantName: String
    public var isChildOrYoungPerson: Bool
    public var officer: String
    public var summary: String
    /// The child the case is about, when not the complainant, with their social care ID and date
    /// of birth (`CaseSearch.childText`): searched, not listed.
    public var subjectChild: String
    public var stage: Int?
    public var status: CaseStatus
    public var due: LocalDate?
    public var overdue: Bool
    public var paused: Bool
    public var extended: Bool
    /// Working days left (negative: overdue by), when a clock runs.
    public var daysLeft: Int?
    public var version: Int
    /// On legal hold (never disposed of): the list's "legal hold" filter.
    public var legalHold = false

    public init(id: Int64, reference: String, kind: ContactKind, received: LocalDate, serviceArea: String, team: String,
                complainantName: String, isChildOrYoungPerson: Bool, officer: String, summary: String, stage: Int?,
                status: CaseStatus, due: LocalDate?, overdue: Bool, paused: Bool, extended: Bool, daysLeft: Int?, version: Int, subjectChild: String = "") {
        self.id = id; self.reference = reference; self.kind = kind; self.received = received; self.serviceArea = serviceArea
        self.team = team; self.complainantName = complainantName; self.isChildOrYoungPerson = isChildOrYoungPerson
        self.officer = officer; self.summary = summary; self.stage = stage; self.status = status; self.due = due
        self.overdue = overdue; self.paused = paused; self.extended = extended; self.daysLeft = daysLeft; self.version = version
        self.subjectChild = subjectChild
    }
}
