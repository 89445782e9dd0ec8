import HeardCore

/// `heard cases` from the database's rows straight to the list's bytes: the list's columns
/// only, text cells lent as the database's bytes (`CaseListRow`), and a clock only for the few
/// live cases; `eachCase` is the same list as `CaseSummary` values, sharing the parts below.
extension Store {
    /// The rows of `cases(filter)` in its order, as `CaseListRow`s whose bytes are lent for
    /// `body`'s call. A search is matched on `CaseSummary` values (`CaseSearch`'s one
    /// definition), so a filter with one goes through `eachCase`.
    public func eachCaseListRow(_ filter: CaseFilter = CaseFilter(), today: LocalDate, _ body: (CaseListRow) -> Void) throws {
        try eachCaseListRow(filter, today: today, formattingOlderAs: nil, body, older: { _ in })
    }

    /// The older part of a whole list, formatted where it was read.
    public struct OlderCaseList: Sendable {
        /// Its rows, as `CaseListBytes(continuing:)` writes them.
        public let bytes: CaseListBytes
        /// How many of them `counting` held true of.
        public let counted: Int
        /// How many rows it holds.
        public var rows: Int { bytes.count }
    }

    /// `eachCaseListRow`, where a whole list read by two readers has its older part formatted
    /// in `format` by the second as it reads it, and given to `older` once, after the newer
    /// rows went to `body` (otherwise every row goes to `body`, and `older` is not called).
    /// Handed over as rows, the older part was copied once more and formatted only after both
    /// readers were done: a core stood idle while one reader finished, and the other then wrote.
    /// `counting` is asked of each older row, on the second reader's thread.
    public func eachCaseListRow(_ filter: CaseFilter = CaseFilter(), today: LocalDate, formattingOlderAs format: ListFormat?,
                                counting: @escaping @Sendable (CaseListRow) -> Bool = { _ in false },
                                _ body: (CaseListRow) -> Void, older: (OlderCaseList) -> Void) throws {
        if !CaseSearch(filter.search ?? "").isEmpty {
            try eachCase(filter, today: today) { $0.withListRow(body) }
            return
        }
        let calendar = try self.calendar()
        let (conditions, args) = caseListConditions(filter)
        let whereSQL = conditions.isEmpty ? SQLDialect.always : conditions.joined(separator: " AND ")
        // The whole list of a large file: its older part is read on a second reader of the same
        // state while this one reads the newer, and handed over after it (reading the rows, with
        // the live cases' clocks, was three times the work of writing them on the other thread).
        // Whether the file is that large, guessed outside the list's transaction by its newest id:
        // a second reader takes a few milliseconds to open, more than a short list takes. (Only
        // on a file: a server has no second reader of one state, and the guess is a round trip.)
        let long = conditions.isEmpty && backend is SQLiteBackend
            && ((try? query { try $0.int("SELECT max(id) FROM contacts") }) ?? nil ?? 0) >= max(1, options.listSplitFrom)
        try readWithSideReader(if: long) { conn, side in
            let recentDay = today.adding(days: -windowHorizonDays)
            let events = try liveEvents(conn, where: whereSQL, args, since: recentDay)
            let rows = CaseListRead(store: self, filter: filter, events: events, calendar: calendar, today: today, recentDay: recentDay)
            guard let side, let (at, olderCount) = try caseListSplit(conn, format: format) else {
                try rows.each(conn, where: whereSQL, args, body)
                return
            }
            if let format {
                let part = side.run { conn in
                    var bytes = CaseListBytes(continuing: format, reservingRows: olderCount)
                    var counted = 0
                    try rows.each(conn, where: "(\(whereSQL)) AND received < ?", args + [.text(at)]) { row in
                        bytes.append(row)
                        if counting(row) { counted += 1 }
                    }
                    bytes.trimRoom()
                    return OlderCaseList(bytes: bytes, counted: counted)
                }
                try rows.each(conn, where: "(\(whereSQL)) AND received >= ?", args + [.text(at)], body)
                older(try part.wait())
                return
            }
            let olderRows = side.run { conn in
                var batch = CaseListPipe.Batch(reservingRows: olderCount)
                try rows.each(conn, where: "(\(whereSQL)) AND received < ?", args + [.text(at)]) { batch.add($0) }
                return batch
            }
            try rows.each(conn, where: "(\(whereSQL)) AND received >= ?", args + [.text(at)], body)
            try olderRows.wait().each(body)
        }
    }

    /// How much of a whole list the first reader reads: where the second hands its rows over
    /// (nil), or formats them in `format` as it reads them. The first hands its rows to a third
    /// thread that formats them, and on two cores the second, reading and formatting, keeps pace
    /// with it only on the smaller part. The best cut moves as writing a format gets cheaper:
    /// once the rows were written as bytes (`CaseListBytes`, `ByteBuilder`) and the table fitted
    /// CJK names by their bytes, the cuts of before (CSV 62%, table 67%, JSON 70%) left the
    /// first reader last. At 100,000 (whole process, quartiles of twelve, alternated): CSV 236 ms
    /// at 54%, 228 at 58%, 242 at 62%; the table 238 at 54%, 229 at 58%, 255 at 67%; JSON 246 at
    /// 58%, 244 at 62%, 257 at 66%, 267 at 70%.
    static func listSplitShare(_ format: ListFormat?) -> Double {
        switch format {
        case nil: 0.45
        case .csv: 0.58
        case .table: 0.58
        case .json: 0.62
        }
    }

    /// Where the whole list is cut between its two readers, and about how many cases are older:
    /// the received date (as stored) of the row `StoreOptions.listSplitShare` of the way down
    /// the list; nil for a file of fewer cases than `StoreOptions.listSplitFrom`, or a date that
    /// is not text (another program's). Every row is on one side: `received >= at` holds the
    /// newer part (and any blob, which sorts above text), `received < at` the older (and any
    /// number); a NULL is on neither, and the list leaves out a row whose date is not text anyway.
    func caseListSplit(_ conn: any SQLConnection, format: ListFormat? = nil) throws -> (at: String, older: Int)? {
        let n = try conn.int("SELECT count(*) FROM contacts") ?? 0
        guard n >= max(1, options.listSplitFrom) else { return nil }
        let newer = Int(Double(n) * min(1, max(0, options.listSplitShare ?? Store.listSplitShare(format))))
        var at: String?
        try conn.each("SELECT received, typeof(received) FROM contacts ORDER BY received DESC LIMIT 1 OFFSET ?", [.int(Int64(newer))]) { r in
            if r.text(1) == "text" { at = r.text(0) }
        }
        return at.map { ($0, n - newer) }
    }

    /// The SQL conditions (and their arguments) of a filter's parts that SQL decides; the
    /// deadline parts are decided on each row's clock (`CaseFilter.keeps`).
    func caseListConditions(_ filter: CaseFilter) -> (conditions: [String], args: [Bound]) {
        var conditions: [String] = []
        var args: [Bound] = []
        if filter.overdue || filter.dueWithin != nil { conditions.append("status = 'open'") }
        if let o = filter.officer { conditions.append(dialect.equalsIgnoringCase("officer")); args.append(.text(o.trimmingSpaces)) }
        if let s = filter.stage { conditions.append("stage = ?"); args.append(.int(s)) }
        if let a = filter.serviceArea { conditions.append(dialect.equalsIgnoringCase("service_area")); args.append(.text(a.trimmingSpaces)) }
        if let k = filter.kind { conditions.append("kind = ?"); args.append(.text(k.rawValue)) }
        if let c = filter.childOrYoungPerson { conditions.append("cyp = ?"); args.append(.bool(c)) }
        return (conditions, args)
    }

    /// The events of the live cases among those `whereSQL` keeps, by contact id: open cases and
    /// those answered on or after `since` (an answer before it has surely closed its window).
    func liveEvents(_ conn: any SQLConnection, where whereSQL: String, _ args: [Bound], since: LocalDate) throws -> [Int64: [CaseEvent]] {
        try liveEvents(conn, Store.liveEventsRead(where: whereSQL, args, since: since))
    }

    /// The events `read` (`liveEventsRead`) gives, by case.
    func liveEvents(_ conn: any SQLConnection, _ read: SQLRead) throws -> [Int64: [CaseEvent]] {
        var events: [Int64: [CaseEvent]] = [:]
        try conn.each(read) { r in
            if let e = Store.fastEvent(r) { events[r.int64(1), default: []].append(e) }
        }
        return events
    }

    /// The query of the live cases' events among those `whereSQL` picks.
    static func liveEventsRead(where whereSQL: String, _ args: [Bound], since: LocalDate) -> SQLRead {
        SQLRead(sql: """
            SELECT \(Store.eventColumns) FROM events WHERE contact_id IN (SELECT id FROM contacts WHERE
              (status = 'open' OR (status = 'responded' AND (last_response IS NULL OR last_response >= '\(since.iso)'))) AND \(whereSQL)) ORDER BY contact_id, id
            """, arguments: args)
    }

    /// A live case's clock from the columns the list reads.
    func listClock(kind: ContactKind, received: LocalDate, serviceArea: String, procedure: ProcedureKind?, events: [CaseEvent],
                   calendar: WorkingDayCalendar, today: LocalDate) -> CaseClock {
        let c = Contact(kind: kind, received: received, serviceArea: serviceArea, procedure: procedure, events: events)
        return c.clock(rules: rules, calendar: calendar, today: today)
    }
}

extension CaseFilter {
    /// Whether a row with these figures passes the filter's deadline and status parts.
    func keeps(status: CaseStatus, overdue: Bool, paused: Bool, daysLeft: Int?) -> Bool {
        if self.overdue && !overdue { return false }
        if let n = dueWithin {
            guard let left = daysLeft, !paused, left <= n else { return false }
            if !self.overdue && left < 0 { return false }
        }
        if let st = statuses, !st.contains(status) { return false }
        return true
    }
}

/// The rows of the case list between bounds, as `eachCaseListRow` gives them: what either of
/// its readers reads, with the live cases' events read once for both.
struct CaseListRead: Sendable {
    let store: Store
    let filter: CaseFilter
    let events: [Int64: [CaseEvent]]
    let calendar: WorkingDayCalendar
    let today: LocalDate
    let recentDay: LocalDate

    /// The rows `whereSQL` picks, newest received first, their bytes lent for `body`'s call.
    func each(_ conn: any SQLConnection, where whereSQL: String, _ args: [Bound], _ body: (CaseListRow) -> Void) throws {
        let sql = """
            SELECT id, reference, kind, received, service_area, team, complainant_name, cyp, officer, procedure,
                   status, stage, last_response FROM contacts WHERE \(whereSQL) ORDER BY received DESC, id DESC
            """
        // On a file the row's own type: each of a row's dozen column reads through `any SQLRow`
        // went by the protocol's witness, a few per cent of the whole list.
        if let file = conn as? SQLiteConnection {
            try file.eachRow(sql, args, cached: false) { row($0, body) }
        } else {
            try conn.each(sql, args) { row($0, body) }
        }
    }

    /// One row of `each`'s query, given to `body` unless the filter leaves it out.
    @inline(__always)
    private func row<R: SQLRow>(_ r: R, _ body: (CaseListRow) -> Void) {
        guard let kind = r.withTextBytes(2, { Store.Words.contactKind($0) }), r.kind(3) == .text,
              let received = r.withTextBytes(3, { LocalDate(isoUTF8: $0) }) else { return }
        var status = r.withTextBytes(10, { Store.Words.status($0) }) ?? .closed
        var stage = kind == .complaint ? r.optionalInt(11) : nil
        if status == .responded, !r.isNull(12), let last = r.withTextBytes(12, { LocalDate(isoUTF8: $0) }), last < recentDay {
            // Answered before the horizon: the window (20 working days) is long closed.
            status = .closed
        }
        var clock: CaseClock?
        if status.isActive {
            let c = store.listClock(kind: kind, received: received, serviceArea: r.text(4),
                                    procedure: r.optionalText(9).flatMap(ProcedureKind.init(rawValue:)),
                                    events: events[r.int64(0)] ?? [], calendar: calendar, today: today)
            status = c.status
            stage = c.stageNumber
            clock = c
        }
        let overdue = clock?.isOverdue ?? false, paused = clock?.isPaused ?? false
        let daysLeft = clock?.daysLeft(calendar: calendar)
        if !filter.keeps(status: status, overdue: overdue, paused: paused, daysLeft: daysLeft) { return }
        let cyp = r.int(7) != 0
        r.withTextBytes(1) { reference in r.withTextBytes(4) { area in r.withTextBytes(5) { team in
            r.withTextBytes(6) { name in r.withTextBytes(8) { officer in
                var row = CaseListRow(reference: reference, kind: kind, received: received, serviceArea: area, team: team,
                                      complainantName: name, isChildOrYoungPerson: cyp, officer: officer, stage: stage, status: status)
                if let clock {
                    row.due = clock.due
                    row.overdue = overdue
                    row.paused = paused
                    row.extended = clock.isExtended
                    row.daysLeft = daysLeft
                }
                body(row)
            } }
        } } }
    }
}
