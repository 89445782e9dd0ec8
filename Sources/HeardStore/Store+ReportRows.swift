import Dispatch
import Synchronization
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

    /// The contacts a report of `period` counts (`relevantSQL`), in received order, with their
    /// issues and events: the same contacts `contacts(relevantTo:freeText: false)` returns, with
    /// the figures' fields equal, on one connection.
    func reportContacts(_ conn: any SQLConnection, relevantTo period: Period) throws -> [Contact] {
        var intern = Interner()
        var contacts = try reportContactRows(conn, period, &intern)
        if contacts.isEmpty { return [] }
        let ids = contacts.compactMap(\.id)
        let scope = try reportAttachmentScope(conn, minID: ids.min() ?? 0, maxID: ids.max() ?? 0, count: ids.count, period)
        Store.place(try reportAttachments(conn, scope, &intern), into: &contacts)
        return contacts
    }

    /// `reportContacts` with the issues and events read on a second connection at the same time
    /// (the machine has two cores). Each side notes the newest audit id (every write adds one):
    /// if another process wrote between the two reads, everything is read again on one.
    func reportContactsInParallel(relevantTo period: Period) throws -> [Contact] {
        typealias Side = (stamp: Int, rows: ReportAttachments)
        // Written by the second thread before `done.leave()`, read here after `done.wait()`.
        let side = Mutex<Result<Side, Error>?>(nil)
        let done = DispatchGroup()
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            let result = Result {
                try self.query { conn -> Side in
                    let stamp = try conn.int("SELECT coalesce(max(id), 0) FROM audit") ?? 0
                    // Most of the record received in the period: every row, with no look at which
                    // contacts (the bounds below cost a walk of the contacts' OR; the count of those
                    // received, a walk of one index).
                    let total = try conn.int("SELECT count(*) FROM contacts") ?? 0
                    let received = try conn.int("SELECT count(*) FROM contacts WHERE received BETWEEN ? AND ?",
                                                [.text(period.from.iso), .text(period.to.iso)]) ?? 0
                    if received * 2 >= total {
                        var intern = Interner()
                        return (stamp, try self.reportAttachments(conn, ("", [], "id"), &intern))
                    }
                    let bounds = try conn.row("SELECT min(id), max(id), count(*) FROM contacts WHERE \(Store.relevantSQL)",
                                              Store.relevantArguments(period))
                    guard let b = bounds, let lo = b[0].int64, let hi = b[1].int64 else { return (stamp, ([], [])) }
                    let scope = try self.reportAttachmentScope(conn, minID: lo, maxID: hi, count: b[2].int ?? 0, period)
                    var intern = Interner()
                    return (stamp, try self.reportAttachments(conn, scope, &intern))
                }
            }
            side.withLock { $0 = result }
            done.leave()
        }
        var intern = Interner()
        let mine: (stamp: Int, contacts: [Contact]) = try query { conn in
            let stamp = try conn.int("SELECT coalesce(max(id), 0) FROM audit") ?? 0
            return (stamp, try reportContactRows(conn, period, &intern))
        }
        done.wait()
        guard let other = try side.withLock({ $0 })?.get(), other.stamp == mine.stamp else {
            return try query { try reportContacts($0, relevantTo: period) }
        }
        var contacts = mine.contacts
        Store.place(other.rows, into: &contacts)
        return contacts
    }

    /// Reads the issues and events of `scope`.
    private func reportAttachments(_ conn: any SQLConnection, _ scope: (sql: String, arguments: [Bound], order: String),
                                   _ intern: inout Interner) throws -> ReportAttachments {
        var out: ReportAttachments = ([], [])
        try conn.each("SELECT \(Store.reportIssueColumns) FROM issues\(scope.sql) ORDER BY \(scope.order)", scope.arguments) { r in
            var findings = StageFindings()
            for n in 1...3 where !r.isNull(Int32(2 + n)) {
                if let f = Finding(rawValue: r.text(Int32(2 + n))) { findings[n] = f }
            }
            out.issues.append((r.int64(1), r.int(6), ComplaintIssue(id: r.int64(0), category: intern(r.text(2)), findings: findings)))
        }
        try conn.each("SELECT \(Store.reportEventColumns) FROM events\(scope.sql) ORDER BY \(scope.order)", scope.arguments) { r in
            guard let kind = CaseEventKind(rawValue: r.text(2)), let date = LocalDate(isoFast: r.text(3)) else { return }
            out.events.append((r.int64(1), CaseEvent(id: r.int64(0), kind: kind, date: date, stage: r.optionalInt(4),
                                                     newDue: r.optionalText(5).flatMap { LocalDate(isoFast: $0) }, reason: r.text(11),
                                                     outcome: r.optionalText(6).flatMap(StageOutcome.init(rawValue:)),
                                                     satisfied: r.optionalInt(7).map { $0 != 0 },
                                                     ombudsmanDecision: r.optionalText(8).flatMap(OmbudsmanDecision.init(rawValue:)),
                                                     remedy: r.optionalText(9).flatMap(RemedyKind.init(rawValue:)), amountPence: r.optionalInt(10))))
        }
        return out
    }

    /// Puts issues and events on their contacts (rows of contacts not loaded are skipped). Issues
    /// come in id order within a contact; their order on the record is by position, ties by id.
    private static func place(_ rows: ReportAttachments, into contacts: inout [Contact]) {
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

    /// The contact rows: those received in the period through the index on `received` (already
    /// in order), then the few with a later stage, referral, decision or remedy in it, merged in.
    private func reportContactRows(_ conn: any SQLConnection, _ period: Period, _ intern: inout Interner) throws -> [Contact] {
        let from = Bound.text(period.from.iso), to = Bound.text(period.to.iso)
        let order = " ORDER BY received, id"
        var received: [Contact] = []
        try conn.each("SELECT \(Store.reportContactColumns) FROM contacts WHERE received BETWEEN ? AND ?" + order, [from, to]) { r in
            if let c = Store.reportContact(r, &intern) { received.append(c) }
        }
        var later: [Contact] = []
        let laterSQL = """
            SELECT \(Store.reportContactColumns) FROM contacts WHERE NOT (received BETWEEN ? AND ?) AND id IN (SELECT contact_id FROM events
                WHERE date BETWEEN ? AND ? AND kind IN ('next_stage_requested', 'ombudsman_referred', 'ombudsman_decision', 'remedy'))
            """
        try conn.each(laterSQL + order, [from, to, from, to]) { r in
            if let c = Store.reportContact(r, &intern) { later.append(c) }
        }
        if later.isEmpty { return received }
        // Both are in (received, id) order; dates that read are in the same order as their text.
        var out: [Contact] = []
        out.reserveCapacity(received.count + later.count)
        var a = 0, b = 0
        while a < received.count || b < later.count {
            let takeLater = a == received.count
                || (b < later.count && (later[b].received, later[b].id ?? 0) < (received[a].received, received[a].id ?? 0))
            if takeLater { out.append(later[b]); b += 1 } else { out.append(received[a]); a += 1 }
        }
        return out
    }

    /// One contact from a row of `reportContactColumns` (nil when its kind or date cannot be read,
    /// as the full loader leaves it out).
    private static func reportContact(_ r: any SQLRow, _ intern: inout Interner) -> Contact? {
        guard let kind = ContactKind(rawValue: r.text(2)), let received = LocalDate(isoFast: r.text(3)) else { return nil }
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

    /// Contact log entries per contact, for the contacts with ids from `lo` to `hi` (the report's
    /// contacts, and any others between): the whole log's count by contact grew with the
    /// record, not the period. The index on `contact_log(contact_id, at)` answers it.
    func reportContactLogCounts(from lo: Int64, to hi: Int64) throws -> [Int64: Int] {
        try query { conn in
            var out: [Int64: Int] = [:]
            try conn.each("SELECT contact_id, count(*) FROM contact_log WHERE contact_id BETWEEN ? AND ? GROUP BY contact_id",
                          [.int(lo), .int(hi)]) { r in
                if !r.isNull(0) { out[r.int64(0)] = r.int(1) }
            }
            return out
        }
    }

    /// Which issues and events to read: every row, in id order, when the contacts are most of the
    /// record (a scan in id order costs less than a look-up by contact); a range of contact ids
    /// when they are dense; else the contacts' query again as a list of ids.
    private func reportAttachmentScope(_ conn: any SQLConnection, minID: Int64, maxID: Int64, count: Int, _ period: Period)
        throws -> (sql: String, arguments: [Bound], order: String) {
        let total = try conn.int("SELECT count(*) FROM contacts") ?? 0
        if count * 2 >= total { return ("", [], "id") }
        let s = Store.attachmentScope(minID: minID, maxID: maxID, count: count, where: Store.relevantSQL,
                                      arguments: Store.relevantArguments(period))
        return (" WHERE " + s.sql, s.arguments, "contact_id, id")
    }
}
