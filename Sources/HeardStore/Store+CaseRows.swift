import GRDB
import HeardCore

/// The rows of a case: inserting them, its reference, its version and its stored status.
extension Store {
    /// `CS-YYYY-NNNN`, one more than the highest of that year.
    func nextReference(_ db: Database, year: Int) throws -> String {
        let prefix = "CS-\(year)-"
        // The highest all-digit suffix of the year (references typed by hand may have others),
        // then the first number free after it.
        let suffixes = try String.fetchAll(db, sql: "SELECT substr(reference, ?) FROM contacts WHERE reference LIKE ?",
                                           arguments: [prefix.count + 1, prefix + "%"])
        var n = suffixes.compactMap { s -> Int? in
            guard !s.isEmpty, s.count <= 9, s.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return Int(s)
        }.max() ?? 0
        var ref = Store.formatReference(year: year, number: n + 1)
        while try Int.fetchOne(db, sql: "SELECT 1 FROM contacts WHERE reference = ? COLLATE NOCASE", arguments: [ref]) != nil {
            n += 1
            ref = Store.formatReference(year: year, number: n + 1)
        }
        return ref
    }

    static func formatReference(year: Int, number: Int) -> String {
        let s = String(number)
        return "CS-\(year)-" + String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    /// Inserts a contact row with its issues and events; `auditRow` false for bulk import, which
    /// writes one audit row for the whole file.
    func insert(_ tx: Transaction, _ c: inout Contact, calendar: WorkingDayCalendar, today: LocalDate, auditRow: Bool, fts: Bool = true) throws {
        let db = tx.db
        let clock = c.clock(rules: rules, calendar: calendar, today: today)
        // A contact without people (most of an import) leaves their columns to their defaults.
        let people = c.hasPeople
        try FastWrite.execute(db, people ? Store.insertContactWithPeopleSQL : Store.insertContactSQL, [
                .text(c.reference), .text(c.kind.rawValue), .text(c.received.iso), .text(c.channel?.rawValue), .text(c.serviceArea),
                .text(c.team), .text(c.procedure?.rawValue), .text(c.complainantName), .text(c.complainantRole?.rawValue),
                .bool(c.isChildOrYoungPerson), .text(c.advocate), .text(c.subjectChild), .text(c.summary), .text(c.officer),
                .text(c.eventsDate?.iso), .text(c.acceptanceDecision), .text(clock.recordedStatus.rawValue), .int(clock.stageNumber),
                .text(clock.recordedStatus.isFinal ? clock.closedOn?.iso : nil), .bool(c.legalHold),
                .text(clock.recordedStatus == .responded ? clock.current?.responded?.iso : nil),
            ] + (people ? Store.peopleValues(c.people) : []))
        let id = db.lastInsertedRowID
        c.id = id
        c.version = 1
        for (i, _) in c.issues.enumerated() { try insertIssue(db, contactID: id, position: i, &c.issues[i]) }
        for (i, _) in c.events.enumerated() { try insertEvent(db, contactID: id, &c.events[i]) }
        // What an import carries beyond the first columns: findings in words, the stage people.
        for issue in c.issues where !issue.findingTexts.isEmpty {
            for (n, t) in issue.findingTexts where (1...3).contains(n) {
                try db.execute(sql: "UPDATE issues SET finding\(n)_text = ? WHERE id = ?", arguments: [t, issue.id])
            }
        }
        if !c.stagePeople.isEmpty { try writeStagePeople(db, c.stagePeople, contactID: id) }
        if fts { try indexFTS(db, c) }
        if auditRow {
            var ch = Changes()
            for (k, v) in Store.fields(of: c) { ch.add(k, nil, v) }
            try audit(tx, .contact, id: id, reference: c.reference, .create, changes: ch)
        }
    }

    static let insertContactSQL = """
        INSERT INTO contacts (reference, kind, received, channel, service_area, team, procedure, complainant_name,
          complainant_role, cyp, advocate, subject_child, summary, officer, events_date, acceptance_decision,
          status, stage, closed_on, legal_hold, last_response, version)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
        """

    /// `insertContactSQL` with the people columns (v7) after the others.
    static let insertContactWithPeopleSQL = insertContactSQL
        .replacingOccurrences(of: "version)", with: "version, \(peopleColumns))")
        .replacingOccurrences(of: "?, 1)", with: "?, 1, \(peoplePlaceholders))")

    func insertIssue(_ db: Database, contactID: Int64, position: Int, _ issue: inout ComplaintIssue) throws {
        try FastWrite.execute(db, "INSERT INTO issues (contact_id, position, category, detail, finding1, finding2, finding3) VALUES (?, ?, ?, ?, ?, ?, ?)",
                              [.int(contactID), .int(position), .text(issue.category), .text(issue.detail),
                               .text(issue.findings[1]?.rawValue), .text(issue.findings[2]?.rawValue), .text(issue.findings[3]?.rawValue)])
        issue.id = db.lastInsertedRowID
    }

    func insertEvent(_ db: Database, contactID: Int64, _ e: inout CaseEvent) throws {
        try FastWrite.execute(db, """
            INSERT INTO events (contact_id, kind, date, stage, new_due, reason, outcome, satisfied, ombudsman_decision, remedy, amount_pence)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.int(contactID), .text(e.kind.rawValue), .text(e.date.iso), .int(e.stage), .text(e.newDue?.iso), .text(e.reason),
                  .text(e.outcome?.rawValue), .int(e.satisfied.map { $0 ? 1 : 0 }), .text(e.ombudsmanDecision?.rawValue),
                  .text(e.remedy?.rawValue), .int(e.amountPence)])
        e.id = db.lastInsertedRowID
    }

    /// Indexes a contact's searchable text; with `old`, replaces its entry, or leaves it when none
    /// of the indexed fields changed (a bulk assignment changes only the officer of 100,000 cases).
    func indexFTS(_ db: Database, _ c: Contact, old: Contact? = nil) throws {
        guard let id = c.id else { return }
        if let o = old {
            if o.reference == c.reference && o.complainantName == c.complainantName && o.subjectChild == c.subjectChild && o.summary == c.summary {
                return
            }
            try db.cachedStatement(sql: "INSERT INTO contacts_fts (contacts_fts, rowid, reference, complainant_name, subject_child, summary) VALUES ('delete', ?, ?, ?, ?, ?)")
                .execute(arguments: [id, o.reference, o.complainantName, o.subjectChild, o.summary])
        }
        try db.cachedStatement(sql: "INSERT INTO contacts_fts (rowid, reference, complainant_name, subject_child, summary) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [id, c.reference, c.complainantName, c.subjectChild, c.summary])
    }

    /// The editable fields of a contact, by their export column names, for audit rows and diffs.
    static func fields(of c: Contact) -> [(String, String?)] { c.editableFields }

    /// Bumps a contact's version from `expected`, or throws the conflict.
    func bumpVersion(_ db: Database, contactID: Int64, expected: Int, reference: String) throws {
        try db.cachedStatement(sql: "UPDATE contacts SET version = version + 1 WHERE id = ? AND version = ?").execute(arguments: [contactID, expected])
        if db.changesCount == 0 {
            guard let found = try Int.fetchOne(db, sql: "SELECT version FROM contacts WHERE id = ?", arguments: [contactID]) else {
                throw StoreError.notFound("case \(reference)")
            }
            throw StoreError.conflict(entity: "Case", name: reference, expected: expected, found: found)
        }
    }

    func refreshStatus(_ db: Database, contactID: Int64, today: LocalDate, calendar: WorkingDayCalendar) throws -> Contact {
        guard let c = try loadContacts(db, where: "id = ?", arguments: [contactID]).first else { throw StoreError.notFound("contact #\(contactID)") }
        try writeStatus(db, of: c, today: today, calendar: calendar)
        return c
    }

    /// Stores the status a contact's events give (and its stage, closure and last response).
    func writeStatus(_ db: Database, of c: Contact, today: LocalDate, calendar: WorkingDayCalendar) throws {
        guard let contactID = c.id else { return }
        let clock = c.clock(rules: rules, calendar: calendar, today: today)
        try db.cachedStatement(sql: "UPDATE contacts SET status = ?, stage = ?, closed_on = ?, last_response = ? WHERE id = ?")
            .execute(arguments: [clock.recordedStatus.rawValue, clock.stageNumber, clock.recordedStatus.isFinal ? clock.closedOn?.iso : nil,
                                 clock.recordedStatus == .responded ? clock.current?.responded?.iso : nil, contactID])
    }

}
