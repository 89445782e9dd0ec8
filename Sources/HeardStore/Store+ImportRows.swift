import Foundation
import GRDB
import HeardCore

/// The rows an import writes for one contact: the same rows `Store.insert` writes (it stays the
/// reference, and a test holds the two equal), in fewer and cheaper statements. An import of
/// 100,000 rows writes some 600,000 rows, and the profile showed `INSERT … RETURNING id` (on
/// SQLite an ephemeral table opened and closed per row) as the largest single cost.
extension Store {
    /// Inserts `c` with its issues, events and stage people, without an audit row or a search
    /// entry (the import writes its own audit row and builds SQLite's search index once).
    /// `id`: the id taken for it ahead from the server's sequence, so the INSERT needs no answer.
    func importInsert(_ conn: any SQLConnection, _ c: inout Contact, calendar: WorkingDayCalendar, today: LocalDate, id preset: Int64? = nil) throws {
        let people = c.hasPeople
        let values = contactValues(c, calendar: calendar, today: today)
        let id: Int64
        if let preset, !(conn is SQLiteConnection) {
            try conn.executeCached(people ? Store.importContactWithIDWithPeopleSQL : Store.importContactWithIDSQL, [.int(preset)] + values)
            id = preset
        } else if conn is SQLiteConnection {
            // The id given (`nextContactID`), without RETURNING's per-row ephemeral table.
            id = try Store.nextContactID(conn)
            try conn.executeCached(people ? Store.importContactWithIDWithPeopleSQL : Store.importContactWithIDSQL, [.int(id)] + values)
        } else {
            var newID: Int64?
            try conn.each(people ? Store.insertContactWithPeopleSQL : Store.insertContactSQL, values, cached: true) { newID = $0.int64(0) }
            guard let n = newID else { throw StoreError.database("the new case has no id") }
            id = n
        }
        c.id = id
        c.version = 1
        // Issues carry their findings in words in the same INSERT (`insert` updates them after);
        // neither issues nor events need their ids back here, so no RETURNING on either database.
        // A contact's issues in one statement, and its events in another (rows in list order, so
        // their ids are those one INSERT a row gives): statements, not rows, were the cost.
        var issueValues: [Bound] = []
        Store.appendIssueValues(c.issues, contactID: id, to: &issueValues)
        try Store.insertRows(conn, Store.importIssueRows, issueValues, count: c.issues.count)
        var eventValues: [Bound] = []
        Store.appendEventValues(c.events, contactID: id, to: &eventValues)
        try Store.insertRows(conn, Store.importEventRows, eventValues, count: c.events.count)
        if !c.stagePeople.isEmpty { try writeStagePeople(conn, c.stagePeople, contactID: id) }
    }

    /// The values of a contact's row for `c` (`insertContactSQL` and `importContactSQL`, with the people
    /// columns after them when `c.hasPeople`): its recorded status, stage and dates from its clock.
    func contactValues(_ c: Contact, calendar: WorkingDayCalendar, today: LocalDate) -> [Bound] {
        let clock = c.clock(rules: rules, calendar: calendar, today: today)
        let values: [Bound] = [
            .text(c.reference), .text(c.kind.rawValue), .text(c.received.iso), .text(c.channel?.rawValue), .text(c.serviceArea),
            .text(c.team), .text(c.procedure?.rawValue), .text(c.complainantName), .text(c.complainantRole?.rawValue),
            .bool(c.isChildOrYoungPerson), .text(c.advocate), .text(c.subjectChild), .text(c.summary), .text(c.officer),
            .text(c.eventsDate?.iso), .text(c.acceptanceDecision), .text(clock.recordedStatus.rawValue), .int(clock.stageNumber),
            .text(clock.recordedStatus.isFinal ? clock.closedOn?.iso : nil), .bool(c.legalHold),
            .text(clock.recordedStatus == .responded ? clock.current?.responded?.iso : nil),
        ]
        return c.hasPeople ? values + Store.peopleValues(c.people) : values
    }

    /// Appends the `importIssueRows` values of a contact's issues, in list order.
    static func appendIssueValues(_ issues: [ComplaintIssue], contactID id: Int64, to out: inout [Bound]) {
        for (i, issue) in issues.enumerated() {
            out += [
                .int(id), .int(i), .text(issue.category), .text(issue.detail),
                .text(issue.findings[1]?.rawValue), .text(issue.findings[2]?.rawValue), .text(issue.findings[3]?.rawValue),
                .text(issue.findingTexts[1] ?? ""), .text(issue.findingTexts[2] ?? ""), .text(issue.findingTexts[3] ?? ""),
            ]
        }
    }

    /// Appends the `importEventRows` values of a contact's events, in list order.
    static func appendEventValues(_ events: [CaseEvent], contactID id: Int64, to out: inout [Bound]) {
        for e in events {
            out += [
                .int(id), .text(e.kind.rawValue), .text(e.date.iso), .int(e.stage), .text(e.newDue?.iso), .text(e.reason),
                .text(e.outcome?.rawValue), .int(e.satisfied.map { $0 ? 1 : 0 }), .text(e.ombudsmanDecision?.rawValue),
                .text(e.remedy?.rawValue), .int(e.amountPence),
            ]
        }
    }

    /// `insertContactSQL` without RETURNING (SQLite: the id is the last inserted rowid).
    static let importContactSQL = insertContactSQL.replacingOccurrences(of: " RETURNING id", with: "")
    /// `insertContactWithPeopleSQL` without RETURNING.
    static let importContactWithPeopleSQL = insertContactWithPeopleSQL.replacingOccurrences(of: " RETURNING id", with: "")
    /// `importContactSQL` with the id given first (taken ahead from the server's sequence).
    static let importContactWithIDSQL = withID(importContactSQL)
    static let importContactWithIDWithPeopleSQL = withID(importContactWithPeopleSQL)
    static func withID(_ sql: String) -> String {
        sql.replacingOccurrences(of: "INSERT INTO contacts (", with: "INSERT INTO contacts (id, ")
            .replacingOccurrences(of: "VALUES (", with: "VALUES (?, ")
    }

    /// The INSERTs of a contact's issues: `[n]` writes n rows (n from 1 to `MultiRowInsert.most`).
    static let importIssueRows = MultiRowInsert(
        "INSERT INTO issues (contact_id, position, category, detail, finding1, finding2, finding3, finding1_text, finding2_text, finding3_text) VALUES ",
        columns: 10)

    /// The INSERTs of a contact's events, as `importIssueRows`.
    static let importEventRows = MultiRowInsert(
        "INSERT INTO events (contact_id, kind, date, stage, new_due, reason, outcome, satisfied, ombudsman_decision, remedy, amount_pence) VALUES ",
        columns: 11)

    /// Writes `count` rows whose values are `values` in row order: `MultiRowInsert.most` rows
    /// to a statement (kept prepared), the rest in a shorter one.
    static func insertRows(_ conn: any SQLConnection, _ insert: MultiRowInsert, _ values: [Bound], count: Int) throws {
        var row = 0
        while row < count {
            let n = min(MultiRowInsert.most, count - row)
            let part = Array(values[(row * insert.columns)..<((row + n) * insert.columns)])
            try conn.executeCached(insert.sql[n], part)
            row += n
        }
    }
}

/// One INSERT's text for 1 to `most` rows of the same columns (`sql[n]`), made once: both
/// databases accept `VALUES (…), (…)` and give the rows their ids in the order written.
struct MultiRowInsert: Sendable {
    /// The most rows one statement carries (a contact rarely has more issues or events).
    static let most = 8
    let columns: Int
    /// `sql[n]` inserts n rows; `sql[0]` is unused.
    let sql: [String]

    init(_ head: String, columns: Int) {
        self.columns = columns
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        sql = (0...MultiRowInsert.most).map { n in head + Array(repeating: row, count: n).joined(separator: ", ") }
    }
}

/// The audit rows of an import: one per contact, all with the same changes (the file's name),
/// so the changes are encoded once and the time formatted once a second, not once a row.
struct ImportAuditWriter {
    let changes: String
    private var second: time_t = -1
    private var at = ""

    init(source: String) {
        var ch = Changes()
        ch.add("source", nil, source)
        changes = ch.json
    }

    /// The row `Store.audit(tx, .contact, id:, reference:, .import, changes:)` writes.
    mutating func write(_ store: Store, _ tx: Transaction, id: Int64?, reference: String) throws {
        let stamped = store.serverStamps
        try tx.sql.executeCached(ImportAuditWriter.head(stamped: stamped) + ImportAuditWriter.row(stamped: stamped),
                                 values(store, tx, id: id, reference: reference, stamped: stamped))
    }

    /// The values of that row, in `head`'s column order (without `at` and `who` when `stamped`:
    /// `Store.serverStamps`).
    mutating func values(_ store: Store, _ tx: Transaction, id: Int64?, reference: String, stamped: Bool) -> [Bound] {
        let row: [Bound] = [.text(store.session), .text(AuditEntity.contact.stored), .key(id), .text(reference),
                            .text(AuditAction.import.stored), .text(changes), .text(tx.group), .key(nil), .key(nil)]
        if stamped { return row }
        let now = time(nil)
        if now != second { second = now; at = Store.timestamp() }
        return [.text(at), .text(store.actor)] + row
    }

    /// The audit INSERT up to its rows.
    static func head(stamped: Bool) -> String { stamped ? Store.auditInsertColumnsStamped : Store.auditInsertColumns }
    /// One row of `head`'s placeholders.
    static func row(stamped: Bool) -> String { stamped ? Store.auditRowStamped : Store.auditRow }
    /// How many values a row has.
    static func columns(stamped: Bool) -> Int { stamped ? 9 : 11 }
}
