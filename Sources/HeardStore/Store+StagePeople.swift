import HeardCore

/// The people of a complaint's later stages: stage 2's Investigating Officer and Independent
/// Person, stage 3's panel and date (table `stage_people`, migration v8).
extension Store {
    /// The audit's name for a change of a case's stage people (keyed by the contact's id).
    static let stagePeopleEntity = AuditEntity.other("stage_people")

    /// Appoints people to a complaint last read at `version`: one transaction, one audit group,
    /// one undo step. Parts of `appointment` left nil stay as they are.
    @discardableResult
    public func appoint(_ appointment: Appointment, on contactID: Int64, version: Int, today: LocalDate) throws -> Contact {
        try write(single: true) { try appoint(appointment, on: contactID, version: version, today: today, in: $0) }
    }

    /// `appoint` as part of the transaction `tx`.
    @discardableResult
    public func appoint(_ appointment: Appointment, on contactID: Int64, version: Int, today: LocalDate, in tx: Transaction) throws -> Contact {
        try tx.command {
            let calendar = try self.calendar(tx)
            guard let current = try loadContacts(tx.sql, where: "id = ?", arguments: [.int(contactID)]).first else { throw StoreError.notFound("contact #\(contactID)") }
            var a = appointment
            // Names are stored as text is everywhere: one line, no control characters, trimmed.
            func clean(_ s: String) -> String { MoveRequest.clean(s) }
            a.investigatingOfficer = a.investigatingOfficer.map(clean)
            a.independentPerson = a.independentPerson.map(clean)
            a.panel = a.panel.map { $0.map(clean).filter { !$0.isEmpty } }
            let clock = current.clock(rules: rules, calendar: calendar, today: today)
            try Store.refusal { try current.validateAppointment(a, clock: clock) }
            let after = a.applied(to: current.stagePeople)
            var ch = Changes()
            let before = Dictionary(current.stagePeople.fields, uniquingKeysWith: { x, _ in x })
            for (k, v) in after.fields { ch.add(k, before[k] ?? nil, v) }
            // The same people again changes nothing: no new version, no empty audit row.
            if ch.isEmpty && current.version == version { return current }
            try refuseIfAnonymised(tx.sql, contactID: contactID)
            try bumpVersion(tx.sql, contactID: contactID, expected: version, stored: current.version, reference: current.reference)
            try writeStagePeople(tx.sql, after, contactID: contactID)
            try audit(tx, Store.stagePeopleEntity, id: contactID, reference: current.reference, .update, changes: ch)
            var saved = current
            saved.stagePeople = after
            saved.version = current.version + 1
            return saved
        }
    }

    /// Writes a case's stage people (no row when there are none).
    func writeStagePeople(_ conn: any SQLConnection, _ p: StagePeople, contactID: Int64) throws {
        if p.isEmpty {
            try conn.execute("DELETE FROM stage_people WHERE contact_id = ?", [.int(contactID)])
            return
        }
        func member(_ i: Int) -> String { p.panel.indices.contains(i) ? p.panel[i] : "" }
        try conn.execute("""
            INSERT INTO stage_people (contact_id, investigating_officer, independent_person, panel_member_1, panel_member_2, panel_member_3, panel_date)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(contact_id) DO UPDATE SET investigating_officer = excluded.investigating_officer,
              independent_person = excluded.independent_person, panel_member_1 = excluded.panel_member_1,
              panel_member_2 = excluded.panel_member_2, panel_member_3 = excluded.panel_member_3, panel_date = excluded.panel_date
            """, [.int(contactID), .text(p.investigatingOfficer), .text(p.independentPerson), .text(member(0)), .text(member(1)), .text(member(2)),
                  .text(p.panelDate?.iso)])
    }

    /// Places the stage people of the contacts in `scope` on them (only a few cases have any).
    /// The query of `loadStagePeople`.
    static func stagePeopleRead(_ scope: (sql: String, arguments: [Bound]), cached: Bool) -> SQLRead {
        SQLRead(sql: """
            SELECT contact_id, investigating_officer, independent_person, panel_member_1, panel_member_2, panel_member_3, panel_date
            FROM stage_people WHERE \(scope.sql)
            """, arguments: scope.arguments, cached: cached)
    }

    func loadStagePeople(_ conn: any SQLConnection, _ scope: (sql: String, arguments: [Bound]), cached: Bool = false,
                         into contacts: inout [Contact], index: (Int64) -> Int?) throws {
        // One case by id (a bulk change or its undo, for every case): the statement stays prepared.
        func row<R: SQLRow>(_ r: R) {
            // A cell another tool wrote as something other than text reads as empty.
            func text(_ c: Int32) -> String? { r.kind(c) == .text ? r.text(c) : nil }
            guard r.kind(0) == .integer, let i = index(r.int64(0)) else { return }
            let panel = [text(3) ?? "", text(4) ?? "", text(5) ?? ""].filter { !$0.isEmpty }
            contacts[i].stagePeople = StagePeople(investigatingOfficer: text(1) ?? "", independentPerson: text(2) ?? "",
                                                  panel: panel, panelDate: text(6).flatMap { LocalDate(iso: $0) })
        }
        try conn.each(Store.stagePeopleRead(scope, cached: cached), file: { row($0) }, server: { row($0) })
    }

    /// Undoes a change of a case's stage people: back to the values before it.
    func undoStagePeople(_ conn: any SQLConnection, row: AuditEntry, contactID: Int64) throws -> String {
        guard let current = try loadContacts(conn, where: "id = ?", arguments: [.int(contactID)]).first else {
            throw StoreError.refused("\(row.reference) no longer exists; \(Store.nothingUndone).")
        }
        var p = current.stagePeople
        for c in row.changes where !p.set(c.field, to: c.before) {
            throw StoreError.refused("The audit trail names a field Heard does not know (\(c.field)); \(Store.nothingUndone).")
        }
        try writeStagePeople(conn, p, contactID: contactID)
        try conn.execute("UPDATE contacts SET version = version + 1 WHERE id = ?", [.int(contactID)])
        return "stage people (\(row.changes.map(\.field).joined(separator: ", "))) on \(current.reference)"
    }
}
