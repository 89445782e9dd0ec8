import HeardCore
import TerminalUI

/// What the case detail shows, loaded by the runner.
public struct CaseDetailData: Sendable {
    public var contact: Contact
    public var clock: CaseClock
    public var history: [AuditEntry]
    public var learning: [LearningPoint]
    public var actions: [ActionItem]
    public var calendar: WorkingDayCalendar
    /// The contact log, letters sent and documents (loaded with the case, shown in its record).
    public var correspondence: Correspondence
    /// The legal hold and the anonymisation (`Store.protection`).
    public var protection = CaseProtection()
    /// The access log's reads of the case (its history lines).
    public var reads: [ReadEntry] = []

    public init(contact: Contact, clock: CaseClock, history: [AuditEntry], learning: [LearningPoint], actions: [ActionItem], calendar: WorkingDayCalendar,
                correspondence: Correspondence = Correspondence()) {
        self.contact = contact; self.clock = clock; self.history = history; self.learning = learning; self.actions = actions; self.calendar = calendar
        self.correspondence = correspondence
    }

    /// The case's record as the detail screen and `heard show` describe it.
    public var record: CaseRecord {
        var r = CaseRecord(contact: contact, clock: clock, calendar: calendar, learning: learning, actions: actions,
                           history: history.map { $0.historyItem(issues: contact.issues) }, correspondence: correspondence)
        r.protection = protection
        r.reads = reads
        return r
    }
}

/// The case detail screen: the case, scrolled by line, with sections to jump between.
public struct CaseDetailState: Sendable {
    public var id: Int64
    public var data: CaseDetailData?
    public var scroll = 0

    public init(id: Int64) { self.id = id }
}

/// A line of the detail view: text spans with roles, and whether it heads a section.
struct DetailLine {
    var spans: [(String, Role)]
    var isSection = false

    static func text(_ s: String, _ role: Role = .default) -> DetailLine { DetailLine(spans: [(s, role)]) }
    static func section(_ s: String) -> DetailLine { DetailLine(spans: [(s, .title)], isSection: true) }
    static let blank = DetailLine(spans: [])
}
