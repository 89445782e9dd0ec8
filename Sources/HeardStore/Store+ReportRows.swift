import HeardCore

/// The report's own loader: the contacts relevant to a period with only what the figures read
/// (no names, summaries, details, most reasons, or people beyond the equality answers), each cell
/// decoded by position. The full loader (`loadContacts`) built every column of every row, and
/// that was most of the report's time.
extension Store {
    /// Columns of a contact the report reads, by position (the equality answers from 11 on).
    static let reportContactColumns = "id, reference, kind, received, channel, service_area, team, procedure, complainant_role, cyp, advocate, "
        + EqualityQuestion.allCases.map(\.column).joined(separator: ", ")

    /// Columns of an issue the report reads (its category and findings, for outcomes).
    static let reportIssueColumns = "id, contact_id, category, finding1, finding2, finding3, position"

    /// Columns of an event the clock reads. Its reason only where the clock looks at it (an
    /// extension, pause or ending without one is refused, and so not counted); the reasons of a
    /// decision or remedy are kept by the clock but no figure reads them.
    static let reportEventColumns = """
        id, contact_id, kind, date, stage, new_due, outcome, satisfied, ombudsman_decision, remedy, amount_pence,
        CASE WHEN kind IN ('extended', 'paused', 'withdrawn', 'not_accepted', 'mediation', 'next_stage_requested') THEN reason ELSE '' END
        """

    /// The issues and events of the contacts in a scope, each with its contact's id (and an
    /// issue with its position), in id order within each contact.
    typealias ReportAttachments = (issues: [(Int64, Int, ComplaintIssue)], events: [(Int64, CaseEvent)])

    /// Reads the issues and events of `scope`.
    func reportAttachments(_ conn: any SQLConnection, _ scope: (sql: String, arguments: [Bound], order: String),
                           _ intern: inout Interner, cached: Bool = false) throws -> ReportAttachments {
        var out: ReportAttachments = ([], [])
        try conn.each("SELECT \(Store.reportIssueColumns) FROM issues\(scope.sql) ORDER BY \(scope.order)", scope.arguments, cached: cached) { r in
            var findings = StageFindings()
            for n in 1...3 where !r.isNull(Int32(2 + n)) {
                if let f = Finding(rawValue: r.text(Int32(2 + n))) { findings[n] = f }
            }
            out.issues.append((r.int64(1), r.int(6), ComplaintIssue(id: r.int64(0), category: intern(r.text(2)), findings: findings)))
        }
        try conn.each("SELECT \(Store.reportEventColumns) FROM events\(scope.sql) ORDER BY \(scope.order)", scope.arguments, cached: cached) { r in
            guard let kind = CaseEventKind(rawValue: r.text(2)), let date = LocalDate(isoFast: r.text(3)) else { return }
            out.events.append((r.int64(1), CaseEvent(id: r.int64(0), kind: kind, date: date, stage: r.optionalInt(4),
                                                     newDue: r.optionalText(5).flatMap { LocalDate(isoFast: $0) }, reason: r.text(11),
                                                     outcome: r.optionalText(6).flatMap(StageOutcome.init(rawValue:)),
                                                     satisfied: r.optionalInt(7).map { $0 != 0 },
                                                     ombudsmanDecision: r.optionalText(8).flatMap(OmbudsmanDecision.init(rawValue:)),
                                                     remedy: r.optionalText(9).flatMap(RemedyKind.init(rawValue:)), amountPence: r.storedInt(10))))
        }
        return out
    }

    /// Puts issues and events on their contacts (rows of contacts not loaded are skipped). Issues
    /// come in id order within a contact; their order on the record is by position, ties by id.
    static func place(_ rows: ReportAttachments, into contacts: inout [Contact]) {
        let index = ContactIndex(contacts)
        var positions = [[Int]](repeating: [], count: contacts.count)
        for (contactID, position, issue) in rows.issues {
            guard let i = index[contactID] else { continue }
            contacts[i].issues.append(issue)
            positions[i].append(position)
        }
        for i in contacts.indices where positions[i].count > 1 {
            let p = positions[i]
            if zip(p, p.dropFirst()).allSatisfy({ $0 <= $1 }) { continue }
            // Stable: equal positions keep their id order, as `IssuePlacing` keeps it.
            let order = p.indices.sorted { p[$0] != p[$1] ? p[$0] < p[$1] : $0 < $1 }
            let issues = contacts[i].issues
            contacts[i].issues = order.map { issues[$0] }
        }
        for (contactID, event) in rows.events {
            if let i = index[contactID] { contacts[i].events.append(event) }
        }
    }

    /// One contact from a row of `reportContactColumns` (nil when its kind or date cannot be read,
    /// as the full loader leaves it out).
    static func reportContact(_ r: any SQLRow, _ intern: inout Interner) -> Contact? {
        guard let kind = ContactKind(rawValue: r.text(2)), r.kind(3) == .text, let received = LocalDate(isoFast: r.text(3)) else { return nil }
        var c = Contact(id: r.int64(0), reference: r.text(1), kind: kind, received: received,
                        channel: r.optionalText(4).flatMap(Channel.init(rawValue:)), serviceArea: intern(r.text(5)), team: intern(r.text(6)),
                        procedure: r.optionalText(7).flatMap(ProcedureKind.init(rawValue:)),
                        complainantRole: r.optionalText(8).flatMap(ComplainantRole.init(rawValue:)), isChildOrYoungPerson: r.int(9) != 0,
                        advocate: intern(r.text(10)))
        // The equality answers, set only where a row has any (as `fastPeople` sets the people).
        let first: Int32 = 11
        let questions = EqualityQuestion.allCases
        var any = false
        for (n, _) in questions.enumerated() where !r.isNull(first + Int32(n)) && !r.text(first + Int32(n)).isEmpty { any = true; break }
        if any {
            var p = CasePeople()
            for (n, q) in questions.enumerated() { p.equality[q] = r.optionalText(first + Int32(n)).map { intern($0) } }
            c.people = p
        }
        return c
    }
}
