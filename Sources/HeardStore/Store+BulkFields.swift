import GRDB
import HeardCore

// The officer or service area of one case of a bulk change, in as few statements as the change
// needs: `update` writes every column (the reference's and received date's indexes with them),
// asks about anonymisation and the version in statements of their own, and rewrites the status
// even when it stays. At 100,000 cases those were most of the time.
extension Store {
    /// `update(old, to: edited)` for an edit of the officer or service area alone (what
    /// `BulkChange.assign` and `.serviceArea` make): the same checks, rows and audit row.
    /// Anything unusual (an anonymised case, another session's version) goes the general way,
    /// which refuses it in its own words.
    func updateOfficerOrArea(_ old: Contact, to edited: Contact, today: LocalDate, _ tx: Transaction) throws {
        guard let id = old.id else { throw StoreError.notFound("an unsaved contact") }
        let problems = edited.validationProblems(reference: reference, rules: rules, today: today)
        if let p = problems.first { throw StoreError.refused("\(p.field): \(p.message)") }
        let calendar = try self.calendar(tx)
        var ch = Changes()
        let before = Dictionary(Store.fields(of: old), uniquingKeysWith: { a, _ in a })
        for (k, v) in Store.fields(of: edited) { ch.add(k, before[k] ?? nil, v) }
        let conn = tx.sql
        // One statement for what `refuseIfAnonymised`, `bumpVersion` and `writeContactFields` did.
        try conn.executeCached(Store.bulkFieldsSQL, [.text(edited.officer), .text(edited.serviceArea), .int(id), .int(edited.version)])
        if conn.changes == 0 {
            _ = try update(old, to: edited, today: today, tx)
            return
        }
        try audit(tx, .contact, id: id, reference: edited.reference, .update, changes: ch)
        var saved = edited
        saved.version = old.version + 1
        try writeStatusIfChanged(conn, of: saved, today: today, calendar: calendar)
    }

    /// The officer and service area of a case not anonymised, at the version it was read.
    static let bulkFieldsSQL = """
        UPDATE contacts SET officer = ?, service_area = ?, version = version + 1 WHERE id = ? AND version = ? AND anonymised != 1
        """

    /// `writeStatus`, written only when the stored status differs (a rewrite of the same values
    /// still moves the row in the status index).
    func writeStatusIfChanged(_ conn: any SQLConnection, of c: Contact, today: LocalDate, calendar: WorkingDayCalendar) throws {
        guard let contactID = c.id else { return }
        let clock = c.clock(rules: rules, calendar: calendar, today: today)
        let want: [SQLValue] = [.text(clock.recordedStatus.rawValue), clock.stageNumber.map { .integer(Int64($0)) } ?? .null,
                                (clock.recordedStatus.isFinal ? clock.closedOn?.iso : nil).map { .text($0) } ?? .null,
                                (clock.recordedStatus == .responded ? clock.current?.responded?.iso : nil).map { .text($0) } ?? .null]
        var stored: [SQLValue]?
        try conn.each("SELECT status, stage, closed_on, last_response FROM contacts WHERE id = ?", [.int(contactID)], cached: true) {
            stored = $0.values
        }
        if stored == want { return }
        try writeStatus(conn, of: c, today: today, calendar: calendar)
    }
}

extension Transaction {
    /// `command` on savepoint statements kept prepared (SQLite): a bulk change runs one per case,
    /// and preparing `SAVEPOINT` and `RELEASE` anew each time cost more than the case's own rows.
    func commandQuickly<T>(_ body: () throws -> T) throws -> T {
        guard let conn = sql as? SQLiteConnection else { return try command(body) }
        let db = conn.db
        try db.cachedStatement(sql: "SAVEPOINT heard_case").execute()
        do {
            let out = try body()
            try db.cachedStatement(sql: "RELEASE SAVEPOINT heard_case").execute()
            return out
        } catch {
            try? db.cachedStatement(sql: "ROLLBACK TO SAVEPOINT heard_case").execute()
            try? db.cachedStatement(sql: "RELEASE SAVEPOINT heard_case").execute()
            throw error
        }
    }
}
