import GRDB
import HeardCore

/// What a disposal or an anonymisation did.
public struct DisposalResult: Equatable, Sendable {
    /// How many cases were anonymised.
    public var anonymised: Int
    /// Whether the write-ahead log was emptied afterwards (false when another program reading
    /// the file kept old pages in it: SQLite removes the log when the last program closes it).
    public var logEmptied: Bool
}

/// Disposal by anonymisation (DOMAIN.md, Data protection): the personal fields of a case go
/// (`Anonymisation`, HeardCore) and its statistical ones stay, so every report gives the same
/// figures after as before. The personal data leaves the file too: the contact log's and
/// letters' text is blanked, documents are deleted, the values of personal fields in the case's
/// audit rows become "(anonymised)" (who, when and which field stay), the search index forgets
/// the names, SQLite's secure delete zeroes the freed space and a checkpoint empties the log.
/// Each call is one transaction, audited with one "anonymise" row per case naming the reason;
/// it cannot be undone (undo refuses it, saying so).
extension Store {
    /// The audit action of anonymising a case.
    public static let anonymiseAction = AuditAction.other("anonymise")

    /// Disposes of the cases `contactIDs` (those `retentionDue` lists as due) by anonymising
    /// them, in one transaction. Refused, changing nothing, when any of them is on legal hold or
    /// already anonymised.
    public func dispose(contactIDs: [Int64], reason: String, today: LocalDate) throws -> DisposalResult {
        try scrubbing { tx in
            var done = 0
            for id in contactIDs {
                // Disposing as of a later day lists cases that have not ended today (an answered
                // stage whose window is still open): those are kept, never anonymised early.
                guard try hasEnded(tx, contactID: id, today: today) else { continue }
                try anonymise(contactID: id, reason: reason, today: today, in: tx)
                done += 1
            }
            return done
        }
    }

    /// Whether a case has ended as of `today` (the rule `anonymise` refuses by).
    func hasEnded(_ tx: Transaction, contactID: Int64, today: LocalDate) throws -> Bool {
        guard let c = try loadContacts(tx.sql, where: "id = ?", arguments: [.int(contactID)]).first else { return true }
        return Anonymisation.notEndedRefusal(reference: c.reference, clock: c.clock(rules: rules, calendar: try calendar(tx), today: today)) == nil
    }

    /// Anonymises one case on request (the right to erasure, where it applies), with a reason.
    /// Refused, changing nothing, when the case is on legal hold or already anonymised.
    public func anonymise(contactID: Int64, reason: String, today: LocalDate) throws -> DisposalResult {
        try scrubbing { tx in
            try anonymise(contactID: contactID, reason: reason, today: today, in: tx)
            return 1
        }
    }

    /// Runs `body` in one write transaction and then makes the old values unreadable in the
    /// database's files: on SQLite, with secure delete on (the writer's connection), dropping
    /// what the search index still keeps of deleted tokens, then emptying the log; on
    /// PostgreSQL, by vacuuming the tables it touched once it has committed.
    private func scrubbing(_ body: (Transaction) throws -> Int) throws -> DisposalResult {
        if options.readOnly { throw StoreError.readOnly }
        switch dialect {
        case .sqlite:
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA secure_delete = ON") }
            defer { try? pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA secure_delete = OFF") } }
            let n = try write { tx -> Int in
                let n = try body(tx)
                if n > 0 { try scrubSubjectAccess(tx.sql) }
                // FTS5 keeps a deleted row's tokens in older segments until they are merged. The
                // name index first takes the words of what was anonymised, however many.
                if n > 0 {
                    try Store.takeNameWords(tx.sql, limit: nil)
                    try tx.sql.execute("INSERT INTO contacts_fts(contacts_fts) VALUES('optimize')")
                    try tx.sql.execute("INSERT INTO name_words_fts(name_words_fts) VALUES('optimize')")
                }
                return n
            }
            // The disposal is committed: a checkpoint that fails (a full disk) must not read as if
            // nothing was done. It is said as a log not emptied, which the caller reports.
            let emptied = (try? emptyLog()) ?? false
            return DisposalResult(anonymised: n, logEmptied: emptied)
        case .postgres:
            let n = try write { tx -> Int in
                let n = try body(tx)
                if n > 0 { try scrubSubjectAccess(tx.sql) }
                // The name index takes the words of what was anonymised, however many.
                if n > 0, hasNameIndex { try Store.takeNameWords(tx.sql, limit: nil) }
                return n
            }
            // The disposal is committed. VACUUM (which runs in no transaction) frees the old row
            // versions that still hold the personal values; when it cannot run, that is said as
            // a log not emptied, as a failed checkpoint is on SQLite.
            guard n > 0 else { return DisposalResult(anonymised: 0, logEmptied: true) }
            let emptied = (try? vacuumAfterDisposal()) ?? false
            return DisposalResult(anonymised: n, logEmptied: emptied)
        }
    }

    /// The tables an anonymisation rewrites or deletes from.
    static let scrubbedTables = ["contacts", "issues", "events", "stage_people", "contact_log", "letters", "documents", "audit",
                                 "subject_access_requests"]

    /// PostgreSQL: vacuums the tables an anonymisation touched; false when the backend cannot
    /// run a statement outside a transaction.
    private func vacuumAfterDisposal() throws -> Bool {
        guard let m = backend as? SQLMaintenance else { return false }
        let index = hasNameIndex ? ["name_words", "name_words_stale"] : []
        try m.runOutsideTransaction("VACUUM " + (Store.scrubbedTables + index).joined(separator: ", "))
        return true
    }

    /// Checkpoints the write-ahead log into the file and truncates it, so that no old page
    /// stays in the `-wal`; false when another process's reader kept it from finishing.
    func emptyLog() throws -> Bool {
        waitForCheckpoint()
        do {
            return try pool.writeWithoutTransaction { db in
                guard let r = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)") else { return false }
                return (r[0] as Int?) == 0
            }
        } catch let e as DatabaseError { throw Store.translate(e, path: path) }
    }

    /// Anonymises one case inside `tx` (see the type's comment).
    func anonymise(contactID: Int64, reason: String, today: LocalDate, in tx: Transaction) throws {
        try tx.command {
            let why = reason.trimmingSpaces
            if why.isEmpty { throw StoreError.refused("Anonymising a case needs a reason (--reason).") }
            let conn = tx.sql
            guard let current = try loadContacts(conn, where: "id = ?", arguments: [.int(contactID)]).first else { throw StoreError.notFound("contact #\(contactID)") }
            let state = try Store.protection(conn, contactID: contactID)
            if state.isAnonymised { throw StoreError.refused("\(current.reference) is already anonymised.") }
            if state.isHeld { throw StoreError.refused("\(current.reference) is on legal hold: it cannot be disposed of or anonymised until the hold is lifted.") }
            let clock = current.clock(rules: rules, calendar: try calendar(tx), today: today)
            if let why = Anonymisation.notEndedRefusal(reference: current.reference, clock: clock) { throw StoreError.refused(why) }

            let clean = Anonymisation.anonymised(current)
            try writeContactFields(conn, clean, id: contactID)
            for issue in clean.issues {
                guard let id = issue.id else { continue }
                try conn.executeCached("UPDATE issues SET detail = ?, finding1_text = ?, finding2_text = ?, finding3_text = ? WHERE id = ?",
                                       [.text(issue.detail), .text(issue.findingTexts[1] ?? ""), .text(issue.findingTexts[2] ?? ""),
                                        .text(issue.findingTexts[3] ?? ""), .int(id)])
            }
            for event in clean.events {
                guard let id = event.id else { continue }
                try conn.executeCached("UPDATE events SET reason = ? WHERE id = ?", [.text(event.reason), .int(id)])
            }
            var hasStagePeople = false
            try conn.each("SELECT 1 FROM stage_people WHERE contact_id = ?", [.int(contactID)], cached: true) { _ in hasStagePeople = true }
            if hasStagePeople {
                try writeStagePeople(conn, clean.stagePeople, contactID: contactID)
            }
            try Store.scrubCorrespondence(conn, contactID: contactID)
            // The search index is SQLite's FTS5 table; PostgreSQL's follows the columns themselves.
            try indexFTS(conn, clean, old: current)
            try redactAudit(conn, contactID: contactID, reference: current.reference)
            try updateCaseRow(conn, "UPDATE contacts SET anonymised = 1, anonymised_on = ?, version = version + 1 WHERE id = ?",
                              [.text(today.iso), .int(contactID)], reference: current.reference)
            var ch = Changes()
            ch.add("anonymised", "no", "yes")
            ch.add("anonymised_on", nil, today.iso)
            ch.add("reason", nil, why)
            try audit(tx, .contact, id: contactID, reference: current.reference, Store.anonymiseAction, changes: ch)
        }
    }

    /// The contact log keeps its rows (the report counts them) without who or what; letters keep
    /// their template, stage and date (what a stage owed) without their text; documents go.
    static func scrubCorrespondence(_ conn: any SQLConnection, contactID: Int64) throws {
        let p = Anonymisation.placeholder
        try conn.executeCached("""
            UPDATE contact_log SET with_whom = CASE WHEN with_whom = '' THEN '' ELSE CAST(? AS TEXT) END, note = CASE WHEN note = '' THEN '' ELSE CAST(? AS TEXT) END
              WHERE contact_id = ?
            """, [.text(p), .text(p), .int(contactID)])
        try conn.executeCached("UPDATE letters SET body = CASE WHEN body = '' THEN '' ELSE CAST(? AS TEXT) END WHERE contact_id = ?", [.text(p), .int(contactID)])
        try conn.executeCached("DELETE FROM documents WHERE contact_id = ?", [.int(contactID)])
    }

    /// Rewrites the values of personal fields in every audit row of the case (its own, and those
    /// of its issues, events, stage people and correspondence, under any reference it has had),
    /// keeping who, when, what and which field. The trail's triggers allow this only while
    /// `audit_redaction` holds a row, inside this transaction (on both databases: PostgreSQL's
    /// trigger asks the same question).
    func redactAudit(_ conn: any SQLConnection, contactID: Int64, reference: String) throws {
        // Every reference the case has had; another case's rows under one of them are its, not this one's.
        let (scope, args) = try Store.caseAuditScope(conn, contactID: contactID, reference: reference)
        let rows = try conn.rows("SELECT id, entity, changes FROM audit WHERE \(scope)", args)
        try conn.executeCached("INSERT INTO audit_redaction (started) VALUES (?)", [.text(Store.timestamp())])
        for r in rows {
            // NULL reads as no changes; a cell that is not text cannot be read (below).
            let stored: String? = r[2].isNull ? "{}" : r[2].text
            let entity = AuditEntity(stored: r[1].text ?? "")
            let redacted: String
            if let stored, let changes = AuditChangesText.decode(stored) {
                redacted = AuditChangesText.encode(Anonymisation.redacted(changes, entity: entity))
            } else {
                // A row another tool wrote that cannot be read may hold anything: none of it stays.
                redacted = "{}"
            }
            if redacted != stored {
                try conn.executeCached("UPDATE audit SET changes = ? WHERE id = ?", [.text(redacted), .int(r[0].int64 ?? 0)])
            }
        }
        try conn.executeCached("DELETE FROM audit_redaction", [])
    }

    /// Whether every case of `references` has been disposed of: anonymised, or gone (deleted, or
    /// its creation undone, as the audit says). A reference in any case of letters is the case's.
    /// One that names no case, now or ever (mistyped, another tool's), is not disposed of: the
    /// name of every request whose references matched no case exactly (a lower-case or stale one,
    /// `CS-1,CS-2` on one line) went at the next anonymisation of any case (found by an attack),
    /// and with it the register's record of who asked.
    static func everyCaseDisposed(_ conn: any SQLConnection, references: [String]) throws -> Bool {
        for ref in references {
            if let row = try conn.row("SELECT anonymised FROM contacts WHERE " + conn.dialect.equalsIgnoringCase("reference"), [.text(ref)]) {
                if (row.first?.int ?? 0) == 0 { return false }
                continue
            }
            // Its spelling as typed and with A-Z in capitals, as references compare (`ContactCSV.referenceKey`).
            let spellings = Array(Set([ref, ContactCSV.referenceKey(ref)])).sorted()
            let marks = spellings.map { _ in "?" }.joined(separator: ", ")
            let gone = try conn.int("SELECT count(*) FROM audit a WHERE a.entity = 'contact' AND a.reference IN (\(marks)) AND \(Store.ended("a"))",
                                    spellings.map { .text($0) }) ?? 0
            if gone == 0 { return false }
        }
        return true
    }

    /// A request's recorded cases as references: one to a line as Heard writes them; commas,
    /// semicolons or spaces as another tool may.
    static func requestReferences(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace || $0.isNewline }).map(String.init)
    }

    /// A subject access request names the person it was for; once every case it disclosed has
    /// been disposed of, that name is the last trace of them in the file: it goes too (in the
    /// request and its audit rows), and the record of the request itself (when, who, which case
    /// references, when due and done) stays.
    func scrubSubjectAccess(_ conn: any SQLConnection) throws {
        // A file from before migration v11 has no requests (the table is always there on PostgreSQL).
        if conn.dialect == .sqlite,
           try conn.int("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'subject_access_requests'") == 0 { return }
        let p = Anonymisation.placeholder
        var done: [Int64] = []
        for r in try conn.rows("SELECT id, cases FROM subject_access_requests WHERE for_whom != ?", [.text(p)]) {
            guard let id = r[0].int64 else { continue }
            let refs = Store.requestReferences(r[1].text ?? "")
            // A request that found nothing names no case of ours: it is kept as it is.
            guard !refs.isEmpty else { continue }
            if try Store.everyCaseDisposed(conn, references: refs) { done.append(id) }
        }
        guard !done.isEmpty else { return }
        try conn.executeCached("INSERT INTO audit_redaction (started) VALUES (?)", [.text(Store.timestamp())])
        for id in done {
            try conn.execute("UPDATE subject_access_requests SET for_whom = ? WHERE id = ?", [.text(p), .int(id)])
            for row in try conn.rows("SELECT id, changes FROM audit WHERE entity = 'subject_access' AND entity_id = ?", [.int(id)]) {
                let stored = row[1].text ?? "{}"
                let changes = AuditChangesText.decode(stored) ?? []
                let redacted = AuditChangesText.encode(changes.map { c in
                    c.field == "for_whom" ? FieldChange(c.field, before: c.before.map { _ in p }, after: c.after.map { _ in p }) : c
                })
                if redacted != stored, let auditID = row[0].int64 {
                    try conn.execute("UPDATE audit SET changes = ? WHERE id = ?", [.text(redacted), .int(auditID)])
                }
            }
        }
        try conn.executeCached("DELETE FROM audit_redaction", [])
    }
}
