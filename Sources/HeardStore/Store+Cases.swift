import HeardCore

/// Which cases to list.
public struct CaseFilter: Sendable, Equatable {
    public var overdue = false
    public var dueWithin: Int?
    public var officer: String?
    public var stage: Int?
    public var search: String?
    public var statuses: Set<CaseStatus>?
    public var serviceArea: String?
    public var kind: ContactKind?
    public var childOrYoungPerson: Bool?
    public init() {}
}

extension Store {
    /// The case list: every contact (or those `filter` keeps), newest received first, with
    /// clocks computed for live cases only.
    /// Calendar days after a response beyond which its escalation window has surely closed,
    /// whatever holidays are proclaimed: well over the longest configurable window.
    var windowHorizonDays: Int {
        let longest = ProcedureKind.allCases.map { rules.procedure($0).escalationWindowDays }.max() ?? 20
        return longest * 2 + 60
    }

    /// With `limit`, only the most recently received rows (a first screenful) of those the
    /// filter keeps. `filter.search` matches as `/` does (`CaseSearch`), with no limit of its own.
    /// With `ids`, only those contacts (fresh rows after a change).
    public func cases(_ filter: CaseFilter = CaseFilter(), today: LocalDate, limit: Int? = nil, ids only: [Int64]? = nil) throws -> [CaseSummary] {
        var out: [CaseSummary] = []
        try eachCase(filter, today: today, limit: limit, ids: only) { out.append($0) }
        return out
    }

    /// The rows of `cases`, in its order, handed over one at a time (so the case list can store
    /// 100,000 of them its own way without an array of all of them first).
    public func eachCase(_ filter: CaseFilter = CaseFilter(), today: LocalDate, limit: Int? = nil, ids only: [Int64]? = nil,
                         _ body: (CaseSummary) -> Void) throws {
        let parts = caseListConditions(filter)
        var conditions = parts.conditions
        let args = parts.args
        // One definition of search for the list's `/` and `--search`: matched here on each row,
        // never through the full-text index (whose word rules differ) and never cut at a limit.
        let search = CaseSearch(filter.search ?? "")
        if let only {
            if only.isEmpty { return }
            conditions.append("id IN (\(only.map(String.init).joined(separator: ",")))")
        }
        var whereSQL = conditions.isEmpty ? SQLDialect.always : conditions.joined(separator: " AND ")
        // A search is decided row by row below, so the first screenful is counted there.
        if let limit, search.isEmpty {
            whereSQL = "id IN (SELECT id FROM contacts WHERE \(whereSQL) ORDER BY received DESC, id DESC LIMIT \(max(0, limit)))"
        }
        let rowsRead = SQLRead(sql: """
            SELECT id, reference, kind, received, service_area, team, complainant_name, cyp, officer, summary, procedure,
                   status, stage, version, last_response, subject_child, subject_child_id, subject_child_dob, legal_hold FROM contacts WHERE \(whereSQL) ORDER BY received DESC, id DESC
            """, arguments: args)
        try query { conn in
            // Live cases need their events for the clock; settled ones do not.
            let recentDay = today.adding(days: -windowHorizonDays)
            let eventsRead = Store.liveEventsRead(where: whereSQL, args, since: recentDay)
            // A few rows read again after a change (every save's redraw): the calendar, their
            // events and their rows in one round trip on a server, not three in two transactions.
            // (The whole list is read as it comes: its answers held at once would be its size twice.)
            if only != nil { try conn.readAhead([Store.holidaysRead, eventsRead, rowsRead]) }
            let calendar = try self.calendar(conn)
            let events = try liveEvents(conn, eventsRead)
            // Service areas, teams and officers repeat: one String each, shared by every row,
            // found by the cells' bytes.
            var intern = Interner()
            var kept = 0
            // Generic over the row: a file's words and columns read directly, not through
            // `any SQLRow` (`Words.word` unspecialised was a sixth of a report's reading).
            func row<R: SQLRow>(_ r: R) {
                let id = r.int64(0)
                if let limit, kept >= limit { return }
                guard let kind = Words.word(r, 2, Words.contactKind), r.kind(3) == .text, let received = LocalDate(iso: r.text(3)) else { return }
                var s = CaseSummary(id: id, reference: r.text(1), kind: kind, received: received, serviceArea: intern.text(r, 4), team: intern.text(r, 5),
                                    complainantName: r.text(6), isChildOrYoungPerson: r.int(7) != 0, officer: intern.text(r, 8),
                                    summary: r.text(9), stage: kind == .complaint ? r.optionalInt(12) : nil,
                                    status: Words.word(r, 11, Words.status) ?? .closed, due: nil, overdue: false,
                                    paused: false, extended: false, daysLeft: nil, version: r.isNull(13) ? 1 : r.int(13),
                                    subjectChild: Store.childSearchText(r, name: 15))
                if !search.isEmpty && !search.matches(s) { return }
                s.legalHold = r.int(18) != 0
                let procedure = r.optionalText(10).flatMap(ProcedureKind.init(rawValue:))
                if s.status == .responded, let last = r.optionalText(14).flatMap({ LocalDate(iso: $0) }), last < recentDay {
                    // Answered before the horizon: the window (20 working days) is long closed.
                    s.status = .closed
                }
                if s.status.isActive {
                    let clock = listClock(kind: kind, received: received, serviceArea: s.serviceArea, procedure: procedure,
                                          events: events[id] ?? [], calendar: calendar, today: today)
                    s.status = clock.status
                    s.stage = clock.stageNumber
                    s.due = clock.due
                    s.overdue = clock.isOverdue
                    s.paused = clock.isPaused
                    s.extended = clock.isExtended
                    s.daysLeft = clock.daysLeft(calendar: calendar)
                }
                if !filter.keeps(status: s.status, overdue: s.overdue, paused: s.paused, daysLeft: s.daysLeft) { return }
                kept += 1
                body(s)
            }
            try conn.each(rowsRead, file: { row($0) }, server: { row($0) })
        }
    }

    /// The contacts changed by audit rows after `auditID`, and the newest audit id; nil when
    /// too much changed to say (a whole import), so the caller reloads everything.
    public func contactsChanged(afterAudit auditID: Int) throws -> (contacts: [Int64]?, latest: Int, othersWrote: Bool) {
        try query { conn in
            // Other sessions' rows only: this process already shows its own changes.
            let rows = try conn.rows("SELECT id, entity, entity_id, reference FROM audit WHERE id > ? AND session != ? ORDER BY id LIMIT 501",
                                     [.int(auditID), .text(session)])
            let latest = try conn.int("SELECT coalesce(max(id), 0) FROM audit") ?? auditID
            if rows.count > 500 { return (nil, try conn.int("SELECT coalesce(max(id), 0) FROM audit") ?? latest, true) }
            var ids = Set<Int64>()
            var refs = Set<String>()
            for r in rows {
                if r[1].text == "contact", let id = r[2].int64 { ids.insert(id) }
                if let ref = r[3].text, !ref.isEmpty { refs.insert(ref) }
            }
            let byReference = "SELECT id FROM contacts WHERE " + conn.dialect.equalsIgnoringCase("reference")
            for ref in refs {
                if let id = try conn.ints(byReference, [.text(ref)]).first { ids.insert(id) }
            }
            // A change that names no case (an action, a subject access request answered) is a
            // change all the same: "my work" and the plan follow it.
            return (Array(ids), latest, !rows.isEmpty)
        }
    }

    /// Whether some case's officer (or, with `owners`, some action's owner) is `name` as a filter
    /// by officer matches it (`Store+CaseListRows`, `myWorkInput`: spaces around and ASCII case
    /// ignored). A read that stops at the first match.
    public func namesOfficer(_ name: String, owners: Bool = false) throws -> Bool {
        try query { conn in
            let bound: [Bound] = [.text(name.trimmingSpaces)]
            if try conn.int("SELECT 1 FROM contacts WHERE \(conn.dialect.equalsIgnoringCase("officer")) LIMIT 1", bound) != nil { return true }
            return owners ? try conn.int("SELECT 1 FROM actions WHERE \(conn.dialect.equalsIgnoringCase("owner")) LIMIT 1", bound) != nil : false
        }
    }

    /// Owners of actions, most used first, for completion.
    public func knownActionOwners(limit: Int = 500) throws -> [String] {
        try query { conn in
            try conn.texts("SELECT owner FROM actions WHERE owner != '' GROUP BY owner ORDER BY count(*) DESC, owner LIMIT ?", [.int(limit)])
        }
    }

    /// Known values for completion: officers, teams, names of people on file.
    public func knownValues(_ column: String, limit: Int = 500) throws -> [String] {
        let allowed: Set<String> = ["officer", "team", "complainant_name", "advocate", "service_area"]
        guard allowed.contains(column) else { return [] }
        // Ties in name order: SQLite gave them so by its grouping; PostgreSQL must be told.
        return try query { conn in
            try conn.texts("SELECT \(column) FROM contacts WHERE \(column) != '' GROUP BY \(column) ORDER BY count(*) DESC, \(column) LIMIT ?",
                           [.int(limit)])
        }
    }
}
