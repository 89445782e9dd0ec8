import HeardCore

/// The rows of a case: inserting them, its reference, its version and its stored status.
extension Store {
    /// `CS-YYYY-NNNN`, one more than the highest of that year.
    func nextReference(_ conn: any SQLConnection, year: Int) throws -> String {
        let prefix = "CS-\(year)-"
        // The highest all-digit suffix of the year (references typed by hand may have others),
        // then the first number free after it. The reference column ignores case (SQLite's LIKE
        // does too); lower() on both sides says so to PostgreSQL, whose LIKE does not.
        let suffixes = try conn.texts("SELECT substr(reference, CAST(? AS INTEGER)) FROM contacts WHERE lower(reference) LIKE ?",
                                      [.int(prefix.count + 1), .text(prefix.lowercased() + "%")])
        var n = suffixes.compactMap { s -> Int? in
            guard !s.isEmpty, s.count <= 9, s.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return Int(s)
        }.max() ?? 0
        var ref = Store.formatReference(year: year, number: n + 1)
        let taken = "SELECT 1 FROM contacts WHERE " + conn.dialect.equalsIgnoringCase("reference")
        while try conn.int(taken, [.text(ref)]) != nil {
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
        let conn = tx.sql
        // A contact without people (most of an import) leaves their columns to their defaults.
        let people = c.hasPeople
        var newID: Int64?
        if conn.dialect == .sqlite {
            let id = try Store.nextContactID(conn)
            try conn.each(people ? Store.insertContactWithIDWithPeopleSQL : Store.insertContactWithIDSQL,
                          [.int(id)] + contactValues(c, calendar: calendar, today: today), cached: true) { newID = $0.int64(0) }
        } else {
            try conn.each(people ? Store.insertContactWithPeopleSQL : Store.insertContactSQL,
                          contactValues(c, calendar: calendar, today: today), cached: true) { newID = $0.int64(0) }
        }
        guard let id = newID else { throw StoreError.database("the new case has no id") }
        c.id = id
        c.version = 1
        for (i, _) in c.issues.enumerated() { try insertIssue(conn, contactID: id, position: i, &c.issues[i]) }
        for (i, _) in c.events.enumerated() { try insertEvent(conn, contactID: id, &c.events[i]) }
        // What an import carries beyond the first columns: findings in words, the stage people.
        for issue in c.issues where !issue.findingTexts.isEmpty {
            for (n, t) in issue.findingTexts where (1...3).contains(n) {
                try conn.execute("UPDATE issues SET finding\(n)_text = ? WHERE id = ?", [.text(t), issue.id.map { .int($0) } ?? .null])
            }
        }
        if !c.stagePeople.isEmpty { try writeStagePeople(conn, c.stagePeople, contactID: id) }
        if fts { try indexFTS(conn, c) }
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
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id
        """

    /// `insertContactSQL` with the people columns (v7) after the others.
    static let insertContactWithPeopleSQL = insertContactSQL
        .replacingOccurrences(of: "version)", with: "version, \(peopleColumns))")
        .replacingOccurrences(of: "?, 1)", with: "?, 1, \(peoplePlaceholders))")
    /// Both with the id given first (`nextContactID`).
    static let insertContactWithIDSQL = withID(insertContactSQL)
    static let insertContactWithIDWithPeopleSQL = withID(insertContactWithPeopleSQL)

    /// The id a new contact gets in a SQLite file: one more than any contact has had. SQLite
    /// gives one more than the highest in the table, so a case deleted by undo (a "new case"
    /// undone) gave its id to the next case made, and with it its audit rows:
    /// the deleted case's history, names and all, became the new case's (its screen, `heard
    /// show`, its subject access bundle). Every case Heard makes has a create or import row
    /// under its id, which outlives the case. (PostgreSQL's sequence never gives an id twice.)
    static func nextContactID(_ conn: any SQLConnection) throws -> Int64 {
        // Numbers only (`<=` the largest): a text another tool wrote in `entity_id` sorts after
        // every number and would hide them; the index on (entity, entity_id) answers either way.
        // A case's parts name it as their parent too (a case another tool inserted has no row of
        // its own, only its log's and letters'); an action's notes name the action: a gap, no harm.
        let highest = try conn.row("""
            SELECT coalesce((SELECT max(id) FROM contacts), 0),
                   coalesce((SELECT CAST(max(entity_id) AS INTEGER) FROM audit WHERE entity = 'contact' AND entity_id <= 9223372036854775807), 0),
                   coalesce((SELECT CAST(max(parent_id) AS INTEGER) FROM audit WHERE parent_id IS NOT NULL AND parent_id <= 9223372036854775807), 0)
            """)
        let inTable = highest?[0].int64 ?? 0, inAudit = highest?[1].int64 ?? 0, asParent = highest?[2].int64 ?? 0
        let (next, overflow) = Swift.max(inTable, inAudit, asParent).addingReportingOverflow(1)
        if overflow { throw noIDLeft }
        return next
    }

    static let noIDLeft = StoreError.refused("No case id is left: the file's highest id is the largest there is.")

    /// On SQLite, the id a new action or learning point takes: one more than the highest the
    /// table or its audit rows (`entity`) hold, so the id of one deleted by undo is never given
    /// to the next (an attack found "action 51" in the audit naming two actions). Nil on
    /// PostgreSQL, whose sequence never repeats.
    static func nextAuditedID(_ conn: any SQLConnection, table: String, entity: AuditEntity) throws -> Int64? {
        guard conn.dialect == .sqlite else { return nil }
        let highest = try conn.row("""
            SELECT coalesce((SELECT max(id) FROM \(table)), 0),
                   coalesce((SELECT CAST(max(entity_id) AS INTEGER) FROM audit WHERE entity = ? AND entity_id <= 9223372036854775807), 0)
            """, [.text(entity.stored)])
        let (next, overflow) = Swift.max(highest?[0].int64 ?? 0, highest?[1].int64 ?? 0).addingReportingOverflow(1)
        if overflow { throw StoreError.refused("No id is left for a new row of \(table): the file's highest is the largest there is.") }
        return next
    }

    func insertIssue(_ conn: any SQLConnection, contactID: Int64, position: Int, _ issue: inout ComplaintIssue) throws {
        var id: Int64?
        try conn.each("INSERT INTO issues (contact_id, position, category, detail, finding1, finding2, finding3) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                      [.int(contactID), .int(position), .text(issue.category), .text(issue.detail),
                       .text(issue.findings[1]?.rawValue), .text(issue.findings[2]?.rawValue), .text(issue.findings[3]?.rawValue)],
                      cached: true) { id = $0.int64(0) }
        issue.id = id
    }

    func insertEvent(_ conn: any SQLConnection, contactID: Int64, _ e: inout CaseEvent) throws {
        var id: Int64?
        try conn.each("""
            INSERT INTO events (contact_id, kind, date, stage, new_due, reason, outcome, satisfied, ombudsman_decision, remedy, amount_pence)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """, [.int(contactID), .text(e.kind.rawValue), .text(e.date.iso), .int(e.stage), .text(e.newDue?.iso), .text(e.reason),
                  .text(e.outcome?.rawValue), .int(e.satisfied.map { $0 ? 1 : 0 }), .text(e.ombudsmanDecision?.rawValue),
                  .text(e.remedy?.rawValue), .int(e.amountPence)], cached: true) { id = $0.int64(0) }
        e.id = id
    }

    /// Indexes a contact's searchable text; with `old`, replaces its entry, or leaves it when none
    /// of the indexed fields changed (a bulk assignment changes only the officer of 100,000 cases).
    /// The index is SQLite's FTS5 table; PostgreSQL's search is its own (not written here yet).
    func indexFTS(_ conn: any SQLConnection, _ c: Contact, old: Contact? = nil) throws {
        guard let id = c.id else { return }
        if let o = old {
            if o.reference == c.reference && o.complainantName == c.complainantName && o.subjectChild == c.subjectChild && o.summary == c.summary {
                return
            }
            if conn.dialect == .sqlite {
                try conn.each("INSERT INTO contacts_fts (contacts_fts, rowid, reference, complainant_name, subject_child, summary) VALUES ('delete', ?, ?, ?, ?, ?)",
                              [.int(id), .text(o.reference), .text(o.complainantName), .text(o.subjectChild), .text(o.summary)], cached: true) { _ in }
            }
        }
        if conn.dialect == .sqlite {
            try conn.each("INSERT INTO contacts_fts (rowid, reference, complainant_name, subject_child, summary) VALUES (?, ?, ?, ?, ?)",
                          [.int(id), .text(c.reference), .text(c.complainantName), .text(c.subjectChild), .text(c.summary)], cached: true) { _ in }
        }
    }

    /// The editable fields of a contact, by their export column names, for audit rows and diffs.
    static func fields(of c: Contact) -> [(String, String?)] { c.editableFields }

    /// Bumps a contact's version from `expected`, or throws the conflict. `stored` is its version
    /// as read in this transaction: another version is the conflict at once. The UPDATE still
    /// says whether the row was at `expected` (another tool may write between the read and it),
    /// on a server as it is sent with what follows (no round trip of its own: a save was four),
    /// as `VersionMoved`, which the command's savepoint or the step (`Store.write`) makes the
    /// conflict once the command's writes are rolled back.
    func bumpVersion(_ conn: any SQLConnection, contactID: Int64, expected: Int, stored: Int, reference: String) throws {
        try Store.refuseStale(expected: expected, stored: stored, reference: reference)
        try conn.executeExpecting("UPDATE contacts SET version = version + 1 WHERE id = ? AND version = ?", [.int(contactID), .int(expected)],
                                  changes: 1, otherwise: VersionMoved(contactID: contactID, reference: reference, expected: expected))
    }

    /// `bumpVersion`'s guard, for a command whose own UPDATE carries the version check: the case
    /// read at `expected` and found at `stored` in this transaction is the conflict at once.
    static func refuseStale(expected: Int, stored: Int, reference: String) throws {
        guard stored == expected else { throw StoreError.conflict(entity: "Case", name: reference, expected: expected, found: stored) }
    }

    /// Runs `sql`, an UPDATE of the one row of case `reference`, which must change it: another
    /// tool's trigger that skips the row (returns NULL) left a legal hold, an anonymisation or an
    /// undo saying done with nothing changed, and a hold not set lets retention dispose of the
    /// case (found by an attack).
    func updateCaseRow(_ conn: any SQLConnection, _ sql: String, _ arguments: [Bound], reference: String) throws {
        try conn.executeExpecting(sql, arguments, changes: 1, otherwise: StoreError.refused(
            "\(reference) was not changed: the database did not change its row (a rule another tool added may refuse it); nothing was changed."))
    }

    /// Reads a case back as `conn` holds it and stores the status its events give.
    func refreshStatus(_ conn: any SQLConnection, contactID: Int64, today: LocalDate, calendar: WorkingDayCalendar) throws -> Contact {
        guard let c = try loadContacts(conn, where: "id = ?", arguments: [.int(contactID)]).first else { throw StoreError.notFound("contact #\(contactID)") }
        try writeStatus(conn, of: c, today: today, calendar: calendar)
        return c
    }

    /// Stores the status a contact's events give (and its stage, closure and last response).
    func writeStatus(_ conn: any SQLConnection, of c: Contact, today: LocalDate, calendar: WorkingDayCalendar) throws {
        guard let contactID = c.id else { return }
        try conn.each("UPDATE contacts SET status = ?, stage = ?, closed_on = ?, last_response = ? WHERE id = ?",
                      statusValues(of: c, today: today, calendar: calendar) + [.int(contactID)], cached: true) { _ in }
    }

    /// `writeStatus` and `bumpVersion`'s SQL check in one UPDATE (a move recorded: the row moves
    /// once, not twice). The caller has compared `expected` with the version read in this
    /// transaction (`bumpVersion`'s guard).
    func writeStatusBumpingVersion(_ conn: any SQLConnection, of c: Contact, expected: Int, today: LocalDate, calendar: WorkingDayCalendar) throws {
        guard let contactID = c.id else { return }
        try conn.executeExpecting("UPDATE contacts SET status = ?, stage = ?, closed_on = ?, last_response = ?, version = version + 1 WHERE id = ? AND version = ?",
                                  statusValues(of: c, today: today, calendar: calendar) + [.int(contactID), .int(expected)], changes: 1,
                                  otherwise: VersionMoved(contactID: contactID, reference: c.reference, expected: expected))
    }

    /// `c`, changed in memory as its command changed the database, stored with its status and
    /// next version in one UPDATE (`writeStatusBumpingVersion`) and returned as the file now holds
    /// it: not read back, which was four reads (a round trip on a server) and a second UPDATE.
    func savedBumpingVersion(_ conn: any SQLConnection, _ c: Contact, expected: Int, today: LocalDate, calendar: WorkingDayCalendar) throws -> Contact {
        var saved = c
        saved.version = expected + 1
        try writeStatusBumpingVersion(conn, of: saved, expected: expected, today: today, calendar: calendar)
        return saved
    }

    /// The values of `writeStatus`'s status columns for `c` (`statusColumns`, in order): those
    /// `statusWanted` compares with the stored ones, bound.
    func statusValues(of c: Contact, today: LocalDate, calendar: WorkingDayCalendar) -> [Bound] {
        statusWanted(of: c, today: today, calendar: calendar).map(Bound.init)
    }

}

/// A case whose version was not the one its command read when its UPDATE reached the database
/// (`Store.bumpVersion`): made the conflict, with the version found, by `explained`.
struct VersionMoved: Error, CustomStringConvertible {
    let contactID: Int64
    let reference: String
    let expected: Int

    var description: String { "Case \(reference) was changed by someone else; your change was not saved. Reload it and apply your change again." }

    /// The conflict as `conn` (its command's writes rolled back) finds the case now. A version
    /// still the one expected moved for no one: another tool's rule refused or skipped the
    /// UPDATE (a trigger), and "changed by someone else" offered a reapply that was refused
    /// again, for ever (an attack).
    func explained(_ conn: any SQLConnection) throws -> StoreError {
        guard let found = try conn.int("SELECT version FROM contacts WHERE id = ?", [.int(contactID)]) else {
            return .notFound("case \(reference)")
        }
        if found == expected {
            return .refused("Case \(reference) was not saved: the database did not change its version (a rule another tool added may refuse it); nothing was changed.")
        }
        return .conflict(entity: "Case", name: reference, expected: expected, found: found)
    }
}
