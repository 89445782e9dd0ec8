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
    /// which refuses it in its own words. `stored`: the case's status columns as read with its
    /// chunk (nil: read them here); `clock` times the audit row.
    func updateOfficerOrArea(_ old: Contact, to edited: Contact, today: LocalDate, _ tx: Transaction,
                             stored: [SQLValue]? = nil, clock: inout AuditClock) throws {
        guard let id = old.id else { throw StoreError.notFound("an unsaved contact") }
        // A problem goes the general way, which says it, or that the case is anonymised.
        if !edited.validationProblems(reference: reference, rules: rules, today: today).isEmpty {
            _ = try update(old, to: edited, today: today, tx)
            return
        }
        let calendar = try self.calendar(tx)
        let conn = tx.sql
        // One statement for what `refuseIfAnonymised`, `bumpVersion` and `writeContactFields` did.
        try conn.executeCached(Store.bulkFieldsSQL, [.text(edited.officer), .text(edited.serviceArea), .int(id), .int(edited.version)])
        if conn.changes == 0 {
            _ = try update(old, to: edited, today: today, tx)
            return
        }
        try audit(tx, clock: &clock, .contact, id: id, reference: edited.reference, .update, changes: Store.officerOrAreaChanges(old, edited))
        var saved = edited
        saved.version = old.version + 1
        try writeStatusIfChanged(conn, of: saved, today: today, calendar: calendar, stored: stored)
    }

    /// The audit changes of an edit of the officer or service area alone: what comparing every
    /// one of `Store.fields(of:)` gives (those two are plain text there, in this order), without
    /// building both lists for every case of a bulk change.
    static func officerOrAreaChanges(_ old: Contact, _ edited: Contact) -> Changes {
        var ch = Changes()
        ch.add("service_area", old.serviceArea, edited.serviceArea)
        ch.add("officer", old.officer, edited.officer)
        return ch
    }

    /// The officer and service area of a case not anonymised, at the version it was read.
    static let bulkFieldsSQL = """
        UPDATE contacts SET officer = ?, service_area = ?, version = version + 1 WHERE id = ? AND version = ? AND anonymised = 0
        """

    /// `writeStatus`, written only when the stored status differs (a rewrite of the same values
    /// still moves the row in the status index). `stored`: the status columns as already read
    /// in this transaction (`statusColumns`), or nil to read them here.
    func writeStatusIfChanged(_ conn: any SQLConnection, of c: Contact, today: LocalDate, calendar: WorkingDayCalendar,
                              stored known: [SQLValue]? = nil) throws {
        guard let contactID = c.id else { return }
        let want = statusWanted(of: c, today: today, calendar: calendar)
        var stored = known
        if stored == nil {
            try conn.each(Store.statusRead(contactID)) { stored = $0.values }
        }
        if stored == want { return }
        try writeStatus(conn, of: c, today: today, calendar: calendar)
    }

    /// The status columns `writeStatus` would write for `c` (`statusColumns`, in order), as read back.
    func statusWanted(of c: Contact, today: LocalDate, calendar: WorkingDayCalendar) -> [SQLValue] {
        let clock = c.clock(rules: rules, calendar: calendar, today: today)
        return [.text(clock.recordedStatus.rawValue), clock.stageNumber.map { .integer(Int64($0)) } ?? .null,
                (clock.recordedStatus.isFinal ? clock.closedOn?.iso : nil).map { .text($0) } ?? .null,
                (clock.recordedStatus == .responded ? clock.current?.responded?.iso : nil).map { .text($0) } ?? .null]
    }

    /// The status columns to write for `c` when they differ from `stored` (as read in this
    /// transaction), nil when they are the same: `writeStatusIfChanged` decided now, written later
    /// (`writeStatusValues`) by a bulk change or undo that writes a chunk of cases at once.
    func statusToWrite(of c: Contact, stored: [SQLValue], today: LocalDate, calendar: WorkingDayCalendar) -> [SQLValue]? {
        let want = statusWanted(of: c, today: today, calendar: calendar)
        return want == stored ? nil : want
    }

    /// Writes status columns `statusToWrite` gave, as `writeStatus` writes them.
    func writeStatusValues(_ conn: any SQLConnection, contactID: Int64, _ values: [SQLValue]) throws {
        try conn.executeCached("UPDATE contacts SET status = ?, stage = ?, closed_on = ?, last_response = ? WHERE id = ?",
                               values.map(Bound.init) + [.int(contactID)])
    }

    /// The columns `writeStatus` writes, in `writeStatusIfChanged`'s order.
    static let statusColumns = "status, stage, closed_on, last_response"

    /// A case's stored status columns (`statusColumns`), as `writeStatusIfChanged` reads them.
    static func statusRead(_ contactID: Int64) -> SQLRead {
        SQLRead(sql: "SELECT \(statusColumns) FROM contacts WHERE id = ?", arguments: [.int(contactID)], cached: true)
    }

    /// The stored status columns of the contacts a WHERE clause names, by id: one read for a
    /// chunk of a bulk change (`BulkReadAhead`) instead of one for each case.
    func statusRows(_ conn: any SQLConnection, where clause: String) throws -> [Int64: [SQLValue]] {
        var out: [Int64: [SQLValue]] = [:]
        try conn.each("SELECT id, \(Store.statusColumns) FROM contacts WHERE \(clause)", []) { r in
            let v = r.values
            if case .integer(let id)? = v.first { out[id] = Array(v.dropFirst()) }
        }
        return out
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
            if let moved = error as? VersionMoved { throw try moved.explained(conn) }
            throw error
        }
    }
}
