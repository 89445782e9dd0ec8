/// How long a closed case is kept before it is disposed of (DOMAIN.md, Data protection):
/// `[retention] years` (6 by default) after it closed, or a kind's own period from
/// `[retention.kinds]` (`compliment = 2`). A case on legal hold is never disposed of.
public struct RetentionRules: Hashable, Sendable {
    /// The period for every kind without one of its own, in whole years.
    public var years: Int
    /// A kind's own period, in whole years.
    public var byKind: [ContactKind: Int]

    public init(years: Int = 6, byKind: [ContactKind: Int] = [:]) {
        self.years = years; self.byKind = byKind
    }

    /// The period that applies to `kind`, in years.
    public func years(for kind: ContactKind) -> Int { byKind[kind] ?? years }

    /// The day a case of `kind` closed on `closedOn` becomes due: the same day `years` later
    /// (29 February gives 28 February in a year without it).
    public func dueDate(kind: ContactKind, closedOn: LocalDate) -> LocalDate {
        closedOn.adding(months: 12 * years(for: kind))
    }

    /// The rules in words for a screen or the README: "6 years after closing; compliments 2".
    public var words: String {
        let own = ContactKind.allCases.compactMap { k in byKind[k].map { "\(k.label)s \($0)" } }
        return "\(years) year\(years == 1 ? "" : "s") after closing" + (own.isEmpty ? "" : "; " + own.joined(separator: ", "))
    }
}

/// One closed case whose retention period has ended by the day asked about.
public struct RetentionItem: Hashable, Sendable {
    public var contactID: Int64
    public var reference: String
    public var kind: ContactKind
    /// The day the case closed (the clock's `closedOn` on the day asked about).
    public var closedOn: LocalDate
    /// The day its retention period ended.
    public var dueSince: LocalDate
    /// Set when a legal hold keeps the case past its date: the hold's reason (may be empty).
    public var holdReason: String?

    public init(contactID: Int64, reference: String, kind: ContactKind, closedOn: LocalDate, dueSince: LocalDate, holdReason: String? = nil) {
        self.contactID = contactID; self.reference = reference; self.kind = kind
        self.closedOn = closedOn; self.dueSince = dueSince; self.holdReason = holdReason
    }

    public var isHeld: Bool { holdReason != nil }
}

/// A case as the retention rule needs it: the contact (with its events) and its hold.
public struct RetentionCandidate: Sendable {
    public var contact: Contact
    /// The hold's reason; nil when the case is not on legal hold.
    public var holdReason: String?
    /// Already anonymised: nothing is left to dispose of.
    public var anonymised: Bool

    public init(contact: Contact, holdReason: String? = nil, anonymised: Bool = false) {
        self.contact = contact; self.holdReason = holdReason; self.anonymised = anonymised
    }
}

/// What the retention rule finds on a day: the cases due for disposal and those a legal hold
/// keeps past their date, each oldest due first.
public struct RetentionList: Hashable, Sendable {
    public var due: [RetentionItem]
    public var held: [RetentionItem]

    public init(due: [RetentionItem] = [], held: [RetentionItem] = []) { self.due = due; self.held = held }

    /// The rule itself: a case is due `rules.years(for:)` after it closed (closed, withdrawn, not
    /// accepted, settled by mediation, or closed by its escalation window, as its clock says on
    /// `asOf`); an open case never is, nor one that awaits the Ombudsman's decision (it has not
    /// ended: `Anonymisation.notEndedRefusal`), and an anonymised case has nothing left to dispose of.
    public static func compute(_ candidates: [RetentionCandidate], asOf: LocalDate, rules: RetentionRules,
                               caseRules: Rules = .default, calendar: WorkingDayCalendar) -> RetentionList {
        var out = RetentionList()
        for c in candidates where !c.anonymised {
            guard let id = c.contact.id else { continue }
            let clock = c.contact.clock(rules: caseRules, calendar: calendar, today: asOf)
            guard clock.status.isFinal, !clock.awaitsOmbudsman, let closed = clock.closedOn else { continue }
            let due = rules.dueDate(kind: c.contact.kind, closedOn: closed)
            guard due <= asOf else { continue }
            let item = RetentionItem(contactID: id, reference: c.contact.reference, kind: c.contact.kind, closedOn: closed,
                                     dueSince: due, holdReason: c.holdReason)
            if item.isHeld { out.held.append(item) } else { out.due.append(item) }
        }
        let order: (RetentionItem, RetentionItem) -> Bool = { ($0.dueSince, $0.reference) < ($1.dueSince, $1.reference) }
        out.due.sort(by: order)
        out.held.sort(by: order)
        return out
    }
}
