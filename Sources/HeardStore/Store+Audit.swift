import Foundation
import HeardCore

/// Field changes for an audit row, built as a command runs: only fields whose value changed.
struct Changes {
    var items: [FieldChange] = []
    mutating func add(_ field: String, _ old: String?, _ new: String?) {
        if old != new { items.append(FieldChange(field, before: old, after: new)) }
    }
    var isEmpty: Bool { items.isEmpty }
    /// The stored form, `{"field": [before, after], ...}` in the order recorded (`AuditChangesText`).
    var json: String { AuditChangesText.encode(items) }
}

extension Store {
    static func timestamp() -> String {
        var t = time(nil)
        var tmv = tm()
        gmtime_r(&t, &tmv)
        func p(_ n: Int32, _ w: Int = 2) -> String { let s = String(n); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(p(tmv.tm_year + 1900, 4))-\(p(tmv.tm_mon + 1))-\(p(tmv.tm_mday))T\(p(tmv.tm_hour)):\(p(tmv.tm_min)):\(p(tmv.tm_sec))Z"
    }

    /// Writes one audit row in `tx`'s audit group. `parent` is the key of the entity this one
    /// belongs to (a note's action); `undoes` is set on undo rows to the id of the row reversed.
    /// `at`: the time already formatted (a bulk change's `AuditClock`), else now.
    func audit(_ tx: Transaction, _ entity: AuditEntity, id: Int64?, reference: String = "", parent: Int64? = nil,
               _ action: AuditAction, changes: Changes, undoes: Int64? = nil, at: String? = nil) throws {
        let row: [Bound] = [.text(session), .text(entity.stored), .key(id), .text(reference),
                            .text(action.stored), .text(changes.json), .text(tx.group), .key(undoes), .key(parent)]
        if serverStamps {
            try tx.sql.executeCached(Store.auditInsertColumnsStamped + Store.auditRowStamped, row)
        } else {
            try tx.sql.executeCached(Store.auditInsertColumns + Store.auditRow, [.text(at ?? Store.timestamp()), .text(actor)] + row)
        }
    }

    /// Whether the server gives each audit and access-log row its `at` and `who` (a team's
    /// server: `PostgresRules.stamps`), so that the client leaves them out; the server refuses
    /// them from anyone but the tables' owner.
    var serverStamps: Bool { (backend as? PostgresBackend)?.fillsLogs.load(ordering: .relaxed) == true }

    /// The columns `auditEntry` reads, in its order (`a.` names the audit table in a join).
    static func auditColumns(_ table: String = "") -> String {
        ["id", "at", "who", "session", "entity", "entity_id", "reference", "action", "changes", "batch", "undoes", "parent_id"]
            .map { table + $0 }.joined(separator: ", ")
    }

    /// The audit trail of one entity, oldest first; an action's includes the rows of its notes.
    public func auditTrail(entity: AuditEntity, id: Int64) throws -> [AuditEntry] {
        try query { conn in
            let notes = entity == .action ? " OR (entity = 'note' AND parent_id = ?)" : ""
            let args: [Bound] = entity == .action ? [.text(entity.stored), .int(id), .int(id)] : [.text(entity.stored), .int(id)]
            var out: [AuditEntry] = []
            try conn.each("SELECT \(Store.auditColumns()) FROM audit WHERE (entity = ? AND entity_id = ?)\(notes) ORDER BY id", args) {
                out.append(Store.auditEntry($0))
            }
            return out
        }
    }

    /// The whole history of a case: its own rows and those of its issues, events and learning.
    public func caseHistory(contactID: Int64, reference: String) throws -> [AuditEntry] {
        try query { conn in try caseHistory(conn, contactID: contactID, reference: reference) }
    }

    /// The audit rows of one case (`caseAuditScope`), oldest first.
    func caseHistory(_ conn: any SQLConnection, contactID: Int64, reference: String) throws -> [AuditEntry] {
        try caseHistory(conn, Store.caseHistoryRead(conn, contactID: contactID, reference: reference))
    }

    /// The audit rows `read` (`caseHistoryRead`) gives, oldest first.
    func caseHistory(_ conn: any SQLConnection, _ read: SQLRead) throws -> [AuditEntry] {
        var out: [AuditEntry] = []
        try conn.each(read) { out.append(Store.auditEntry($0)) }
        return out
    }

    /// The query of one case's audit rows: its condition asks `caseAuditScopeReads` first (read
    /// ahead, they cost nothing more), so the rows themselves can be asked with another query.
    static func caseHistoryRead(_ conn: any SQLConnection, contactID: Int64, reference: String) throws -> SQLRead {
        let (scope, args) = try Store.caseAuditScope(conn, contactID: contactID, reference: reference)
        return SQLRead(sql: "SELECT \(Store.auditColumns()) FROM audit WHERE \(scope) ORDER BY id", arguments: args)
    }

    /// The two queries `caseAuditScope` asks before it can write its condition: the references
    /// the case's own rows recorded, and the newest row that ended a case with its id.
    static func caseAuditScopeReads(_ contactID: Int64) -> (references: SQLRead, ended: SQLRead) {
        (SQLRead(sql: "SELECT DISTINCT reference FROM audit WHERE entity = 'contact' AND entity_id = ? AND reference != ''", arguments: [.int(contactID)]),
         SQLRead(sql: "SELECT max(d.id) FROM audit d WHERE d.entity = 'contact' AND d.entity_id = ? AND \(ended("d"))", arguments: [.int(contactID)]))
    }

    /// The condition (and its values) that picks one case's audit rows: the one rule for its
    /// history (the case screen, `heard show`, a subject access bundle), `heard audit REF` and
    /// the redaction of its trail when it is anonymised. Written into `FROM audit WHERE …`
    /// (the table not renamed: the condition names `audit.id`).
    ///
    /// - its own rows and its stage people's, by the case's id (`entity_id`);
    /// - the rows of its parts, by the case's id as their parent (`parent_id`): contact log,
    ///   letters and documents, and (written since the reference stopped being their only key)
    ///   its issues, events, learning points and actions;
    /// - rows written before that, which carry the case only as the reference it had then, when
    ///   the case held that reference *at the time*: the reference of the case's own newest row
    ///   written before the row. A reference can change hands (edited away from one case and
    ///   given to another): taken by reference alone, one person's issue or event went into
    ///   another person's history and subject access bundle, and a case renamed lost its earlier
    ///   rows from its own. A case with no row of its own before the row held it then only if it
    ///   existed then (Heard did not make it later: no create or import row of its own), no other
    ///   case held it then (by the same test; a case deleted by then holds nothing), and its
    ///   oldest own row after the row, or with none its reference now, is the row's.
    /// And only rows written since the case's id last ended (a case deleted by undo, whose id
    /// another tool's insert can take again: SQLite gives one more than the highest left): the
    /// deleted case's rows, its name and summary, are not the new one's (found by an attack).
    /// `reference` is the case's now; the references its own rows recorded are added to it.
    static func caseAuditScope(_ conn: any SQLConnection, contactID: Int64, reference: String) throws -> (String, [Bound]) {
        let (referencesRead, endedRead) = caseAuditScopeReads(contactID)
        var references = Set(try conn.texts(referencesRead.sql, referencesRead.arguments))
        if !reference.isEmpty { references.insert(reference) }
        // The newest row that ended a case with this id: what is before it was another case's.
        let since = try conn.row(endedRead.sql, endedRead.arguments)?.first?.int64 ?? 0
        let byID = "'contact', '\(Store.stagePeopleEntity.stored)'"
        let byParent = "'\(Store.logEntity.stored)', '\(Store.letterEntity.stored)', '\(Store.documentEntity.stored)', 'issue', 'event', 'learning', 'action'"
        let own = "c.entity = 'contact' AND c.entity_id = ?"
        // (a) the case's own newest row before the row; (b) when it has none: when it existed then,
        // no other case held the reference (its own newest row before the row recorded it and
        // did not end it), its oldest own row after the row, or its reference now.
        let byReference = references.isEmpty ? "" : """

             OR (reference IN (\(references.map { _ in "?" }.joined(separator: ", "))) AND parent_id IS NULL AND entity NOT IN (\(byID))
                 AND reference = coalesce(
                     (SELECT c.reference FROM audit c WHERE \(own) AND c.id < audit.id ORDER BY c.id DESC LIMIT 1),
                     CASE WHEN EXISTS (SELECT 1 FROM audit c WHERE \(own) AND c.action IN ('create', 'import')) THEN NULL
                          WHEN EXISTS (SELECT 1 FROM audit o WHERE o.entity = 'contact' AND o.reference = audit.reference AND o.id < audit.id
                                         AND NOT \(ended("o"))
                                         AND NOT EXISTS (SELECT 1 FROM audit n WHERE n.entity = 'contact' AND n.entity_id = o.entity_id
                                                           AND n.id > o.id AND n.id < audit.id))
                          THEN NULL
                          ELSE coalesce((SELECT c.reference FROM audit c WHERE \(own) AND c.id > audit.id ORDER BY c.id LIMIT 1), ?) END))
            """
        let values: [Bound] = references.isEmpty ? [] : references.sorted().map { .text($0) }
            + [.int(contactID), .int(contactID), .int(contactID), .text(reference)]
        return ("(id > ? AND ((entity IN (\(byID)) AND entity_id = ?) OR (parent_id = ? AND entity IN (\(byParent)))\(byReference)))",
                [.int(since), .int(contactID), .int(contactID)] + values)
    }

    /// Whether audit row `a` (a `contact` row) ended its case: the undo of its creation, which
    /// deleted it, or a deletion another tool recorded.
    static func ended(_ a: String) -> String {
        "(\(a).action = 'delete' OR (\(a).action = 'undo' AND EXISTS (SELECT 1 FROM audit u WHERE u.id = \(a).undoes AND u.action = 'create')))"
    }

    /// The most recent audit rows, newest first.
    public func recentAudit(limit: Int = 100) throws -> [AuditEntry] {
        try query { conn in
            var out: [AuditEntry] = []
            try conn.each("SELECT \(Store.auditColumns()) FROM audit ORDER BY id DESC LIMIT ?", [.int(limit)]) { out.append(Store.auditEntry($0)) }
            return out
        }
    }

    /// An audit row read with `auditColumns`.
    static func auditEntry(_ r: any SQLRow) -> AuditEntry {
        var decoded: [String: [FieldChange]?]? = nil
        return auditEntry(r, decoded: &decoded)
    }

    /// `auditEntry`, each changes text decoded once: `decoded` (when not nil) keeps what each
    /// text read as, for a read of many rows holding few different texts (a bulk step's).
    static func auditEntry(_ r: any SQLRow, decoded: inout [String: [FieldChange]?]?) -> AuditEntry {
        // Optionals throughout: a row another tool wrote may hold NULLs, and reading history must not crash.
        let text = r.strictText(8) ?? "{}"
        let changes: [FieldChange]?
        if let known = decoded?[text] { changes = known } else {
            changes = AuditChangesText.decode(text)
            decoded?[text] = .some(changes)
        }
        return AuditEntry(id: r.strictInt64(0) ?? 0, at: r.strictText(1) ?? "", who: r.strictText(2) ?? "", session: r.strictText(3) ?? "",
                          entity: AuditEntity(stored: r.strictText(4) ?? ""), action: AuditAction(stored: r.strictText(7) ?? ""),
                          entityID: r.strictInt64(5), reference: r.strictText(6) ?? "", parentID: r.strictInt64(11),
                          changes: changes ?? [], changesReadable: changes != nil, batch: r.strictText(9) ?? "", undoes: r.strictInt64(10))
    }
}
