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
    /// `counted`: whether a contact's issues are counted (a complaint's): only their categories go
    /// through the interner, so a category on a compliment or enquiry (another tool's row), which
    /// no figure reads, never decides the form a counted one prints in (and a report that skips
    /// those rows prints the same bytes as one that reads them).
    func reportAttachments(_ conn: any SQLConnection, _ scope: (sql: String, arguments: [Bound], order: String),
                           _ intern: inout Interner, cached: Bool = false, counted: (Int64) -> Bool) throws -> ReportAttachments {
        var out: ReportAttachments = ([], [])
        // Each cell from its bytes (no String made for a word of the vocabulary or a date), each
        // repeated text one String (`Interner`): as `text` and the types' raw values read them.
        // Each row read generic over `SQLRow`: a file's `SQLiteRow` has its columns and words
        // read directly, not through the protocol (`each(_:file:server:)`).
        func issue<R: SQLRow>(_ r: R) {
            var findings = StageFindings()
            for n in 1...3 where !r.isNull(Int32(2 + n)) {
                if let f = r.withTextBytes(Int32(2 + n), { Words.finding($0) }) { findings[n] = f }
            }
            let category = counted(r.int64(1)) ? r.withTextBytes(2) { intern(bytes: $0) } : r.text(2)
            out.issues.append((r.int64(1), r.int(6), ComplaintIssue(id: r.int64(0), category: category, findings: findings)))
        }
        func event<R: SQLRow>(_ r: R) {
            guard let kind = r.withTextBytes(2, { Words.eventKind($0) }), let date = r.withTextBytes(3, { LocalDate(isoUTF8: $0) }) else { return }
            out.events.append((r.int64(1), CaseEvent(id: r.int64(0), kind: kind, date: date, stage: r.optionalInt(4),
                                                     newDue: r.isNull(5) ? nil : r.withTextBytes(5) { LocalDate(isoUTF8: $0) },
                                                     reason: r.text(11),
                                                     outcome: Words.word(r, 6, Words.outcome),
                                                     satisfied: r.optionalInt(7).map { $0 != 0 },
                                                     ombudsmanDecision: Words.word(r, 8, Words.decision),
                                                     remedy: Words.word(r, 9, Words.remedy), amountPence: r.storedInt(10))))
        }
        try conn.each(SQLRead(sql: "SELECT \(Store.reportIssueColumns) FROM issues\(scope.sql) ORDER BY \(scope.order)", arguments: scope.arguments, cached: cached),
                      file: { issue($0) }, server: { issue($0) })
        try conn.each(SQLRead(sql: "SELECT \(Store.reportEventColumns) FROM events\(scope.sql) ORDER BY \(scope.order)", arguments: scope.arguments, cached: cached),
                      file: { event($0) }, server: { event($0) })
        return out
    }

    /// The vocabularies the report's rows hold, each read from a column's bytes.
    enum Words {
        static let contactKind = RawValueBytes<ContactKind>()
        static let channel = RawValueBytes<Channel>()
        static let procedure = RawValueBytes<ProcedureKind>()
        static let role = RawValueBytes<ComplainantRole>()
        static let finding = RawValueBytes<Finding>()
        static let eventKind = RawValueBytes<CaseEventKind>()
        static let outcome = RawValueBytes<StageOutcome>()
        static let decision = RawValueBytes<OmbudsmanDecision>()
        static let remedy = RawValueBytes<RemedyKind>()
        static let status = RawValueBytes<CaseStatus>()

        /// The word of `words` in column `i` (nil for NULL or a word it does not have).
        static func word<V, R: SQLRow>(_ r: R, _ i: Int32, _ words: RawValueBytes<V>) -> V? {
            r.withNonNullTextBytes(i) { words($0) } ?? nil
        }
    }

    /// Puts issues and events on their contacts (rows of contacts not loaded are skipped). Issues
    /// come in id order within a contact; their order on the record is by position, ties by id.
    static func place(_ rows: ReportAttachments, into contacts: inout [Contact]) {
        let index = ContactIndex(contacts)
        // Each contact's issues and events counted first, so that each array is made once at
        // its size (growing them one by one was most of this), and the last position seen on
        // each: a contact whose issues come out of position order is put in order after.
        var issueCount = [Int32](repeating: 0, count: contacts.count)
        var eventCount = [Int32](repeating: 0, count: contacts.count)
        var issueAt = [Int32](repeating: -1, count: rows.issues.count)
        for (n, row) in rows.issues.enumerated() {
            if let i = index[row.0] { issueAt[n] = Int32(i); issueCount[i] += 1 }
        }
        var eventAt = [Int32](repeating: -1, count: rows.events.count)
        for (n, row) in rows.events.enumerated() {
            if let i = index[row.0] { eventAt[n] = Int32(i); eventCount[i] += 1 }
        }
        for i in contacts.indices {
            if issueCount[i] > 0 { contacts[i].issues.reserveCapacity(contacts[i].issues.count + Int(issueCount[i])) }
            if eventCount[i] > 0 { contacts[i].events.reserveCapacity(contacts[i].events.count + Int(eventCount[i])) }
        }
        var lastPosition = [Int](repeating: Int.min, count: contacts.count)
        var disordered = Set<Int>()
        for (n, (_, position, issue)) in rows.issues.enumerated() where issueAt[n] >= 0 {
            let i = Int(issueAt[n])
            contacts[i].issues.append(issue)
            if position < lastPosition[i] { disordered.insert(i) }
            lastPosition[i] = position
        }
        if !disordered.isEmpty {
            var positions: [Int: [Int]] = [:]
            for (n, (_, position, _)) in rows.issues.enumerated() where issueAt[n] >= 0 && disordered.contains(Int(issueAt[n])) {
                positions[Int(issueAt[n]), default: []].append(position)
            }
            for (i, p) in positions {
                // Stable: equal positions keep their id order, as `IssuePlacing` keeps it.
                let order = p.indices.sorted { p[$0] != p[$1] ? p[$0] < p[$1] : $0 < $1 }
                let issues = contacts[i].issues
                contacts[i].issues = order.map { issues[$0] }
            }
        }
        for (n, (_, event)) in rows.events.enumerated() where eventAt[n] >= 0 {
            contacts[Int(eventAt[n])].events.append(event)
        }
    }

    /// One contact from a row of `reportContactColumns` (nil when its kind or date cannot be read,
    /// as the full loader leaves it out).
    static func reportContact<R: SQLRow>(_ r: R, _ intern: inout Interner) -> Contact? {
        guard let kind = r.withTextBytes(2, { Words.contactKind($0) }), r.kind(3) == .text,
              let received = r.withTextBytes(3, { LocalDate(isoUTF8: $0) }) else { return nil }
        let text = { (i: Int32, intern: inout Interner) in r.withTextBytes(i) { intern(bytes: $0) } }
        var c = Contact(id: r.int64(0), reference: r.text(1), kind: kind, received: received,
                        channel: Words.word(r, 4, Words.channel), serviceArea: text(5, &intern), team: text(6, &intern),
                        procedure: Words.word(r, 7, Words.procedure), complainantRole: Words.word(r, 8, Words.role), isChildOrYoungPerson: r.int(9) != 0,
                        advocate: text(10, &intern))
        // The equality answers, set only where a row has any (as `fastPeople` sets the people).
        let first: Int32 = 11
        let questions = EqualityQuestion.allCases
        var any = false
        for (n, _) in questions.enumerated() where !r.isNull(first + Int32(n)) && !r.text(first + Int32(n)).isEmpty { any = true; break }
        if any {
            var p = CasePeople()
            for (n, q) in questions.enumerated() where !r.isNull(first + Int32(n)) { p.equality[q] = text(first + Int32(n), &intern) }
            c.people = p
        }
        return c
    }
}
