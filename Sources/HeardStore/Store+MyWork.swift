import HeardCore

/// What "my work" (`M`, `heard digest`) reads: one officer's live cases with their events and
/// issues, the letters recorded on them, and the officer's outstanding actions. Each part is
/// one query narrowed in SQL (by officer and the not-final status, as the case list narrows),
/// so the cost follows the officer's case load, not the 100,000 contacts of the file.
extension Store {
    /// The rows my work can list whatever the day: open or answered cases, compliments, cases
    /// not accepted (`myWorkInput` narrows them by date). The WHERE of migration v15's index.
    static let myWorkRows = "status IN ('open', 'responded') OR kind = 'compliment' OR status = 'not_accepted'"

    /// The WHERE of an officer's live cases; its arguments are the officer's name, then the
    /// horizon day twice. A case that is over at once is here while its letter may still be owed
    /// (`LetterNeed.owed`: a recent compliment's thanks, a not-accepted letter); the rule decides.
    /// `myWorkRows` first, word for word the WHERE of SQLite's partial index on the officer
    /// (v15), so the officer's rows are read from it; the condition after it decides.
    static func myWorkLiveWhere(_ dialect: SQLDialect) -> String {
        """
        \(dialect.equalsIgnoringCase("officer")) AND (\(myWorkRows)) AND (
          (status IN ('open', 'responded') AND (status = 'open' OR last_response IS NULL OR last_response >= ?))
          OR ((kind = 'compliment' OR status = 'not_accepted') AND coalesce(closed_on, received) >= ?))
        """
    }

    /// One officer's work as of `today` (`MyWork.compute` on what `myWorkInput` reads).
    public func myWork(officer: String, today: LocalDate, within: Int? = MyWork.defaultWithin) throws -> MyWork {
        let input = try myWorkInput(officer: officer, today: today)
        let calendar = try calendar()
        // The officer's open subject access requests (a handful: read whole, narrowed in Swift).
        return MyWork.compute(officer: officer, cases: input.cases, actions: input.actions, rules: rules,
                              calendar: calendar, today: today, within: within)
            .withRequests(try subjectAccessRequests(openOnly: true), calendar: calendar)
    }

    /// The officer's live cases (open, or answered recently enough that the escalation window
    /// may be open) with events, issues (findings without their text) and letters sent
    /// (without their bodies), and the officer's outstanding actions; one read transaction.
    public func myWorkInput(officer: String, today: LocalDate) throws -> (cases: [MyWorkCaseInput], actions: [ActionItem]) {
        let name = officer.trimmingSpaces
        if name.isEmpty { return ([], []) }
        // As `eachCase`: an answer older than the horizon has surely closed its window.
        let recent = today.adding(days: -windowHorizonDays).iso
        let live = Store.myWorkLiveWhere(dialect)
        let args: [Bound] = [.text(name), .text(recent), .text(recent)]
        return try query { conn in
            // The officer's live cases found once (on SQLite through the v15 index): the
            // contacts, issues, events and letters are then read by id.
            var ids: [Int64] = []
            try conn.each("SELECT id FROM contacts WHERE \(live)", args) { ids.append($0.int64(0)) }
            let idList = ids.map(String.init).joined(separator: ",")
            let contacts = ids.isEmpty ? [] : try loadContacts(conn, where: "id IN (\(idList))", freeText: false)
            var letters: [Int64: [LetterSent]] = [:]
            if !ids.isEmpty {
                try conn.each("""
                    SELECT contact_id, template, stage, sent, format, id FROM letters
                    WHERE contact_id IN (\(idList)) ORDER BY sent, id
                    """) { r in
                    guard let sent = LocalDate(iso: r.text(3)) else { return }
                    letters[r.int64(0), default: []].append(LetterSent(id: r.int64(5), template: r.text(1), stage: r.optionalInt(2), sent: sent,
                                                                       format: r.text(4), body: ""))
                }
            }
            var actions: [ActionItem] = []
            try conn.each("""
                SELECT \(Store.actionColumns) FROM \(Store.actionFrom)
                WHERE a.status IN ('open', 'in_progress') AND \(conn.dialect.equalsIgnoringCase("trim(a.owner)")) ORDER BY a.id
                """, [.text(name)]) { r in if let a = Store.decodeAction(r) { actions.append(a) } }
            return (contacts.map { MyWorkCaseInput(contact: $0, letters: letters[$0.id ?? 0] ?? []) }, actions)
        }
    }
}
