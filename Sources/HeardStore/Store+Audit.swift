import Foundation
import GRDB
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
    func audit(_ tx: Transaction, _ entity: AuditEntity, id: Int64?, reference: String = "", parent: Int64? = nil,
               _ action: AuditAction, changes: Changes, undoes: Int64? = nil) throws {
        try FastWrite.execute(tx.db, """
            INSERT INTO audit (at, who, session, entity, entity_id, reference, action, changes, batch, undoes, parent_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(Store.timestamp()), .text(actor), .text(session), .text(entity.stored), id.map { .int($0) } ?? .null, .text(reference),
                  .text(action.stored), .text(changes.json), .text(tx.group), undoes.map { .int($0) } ?? .null, parent.map { .int($0) } ?? .null])
    }

    /// The audit trail of one entity, oldest first; an action's includes the rows of its notes.
    public func auditTrail(entity: AuditEntity, id: Int64) throws -> [AuditEntry] {
        try read { db in
            let notes = entity == .action ? " OR (entity = 'note' AND parent_id = ?)" : ""
            let args: StatementArguments = entity == .action ? [entity.stored, id, id] : [entity.stored, id]
            return try Row.fetchAll(db, sql: "SELECT * FROM audit WHERE (entity = ? AND entity_id = ?)\(notes) ORDER BY id", arguments: args).map(Store.auditEntry)
        }
    }

    /// The whole history of a case: its own rows and those of its issues, events and learning.
    public func caseHistory(contactID: Int64, reference: String) throws -> [AuditEntry] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM audit WHERE (entity = 'contact' AND entity_id = ?) OR (reference = ? AND reference != '') ORDER BY id
                """, arguments: [contactID, reference]).map(Store.auditEntry)
        }
    }

    /// The most recent audit rows, newest first.
    public func recentAudit(limit: Int = 100) throws -> [AuditEntry] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY id DESC LIMIT ?", arguments: [limit]).map(Store.auditEntry) }
    }

    static func auditEntry(_ r: Row) -> AuditEntry {
        // Optionals throughout: a row another tool wrote may hold NULLs, and reading history must not crash.
        let changes = AuditChangesText.decode((r["changes"] as DatabaseValue).text ?? "{}")
        return AuditEntry(id: (r["id"] as DatabaseValue).int64 ?? 0, at: (r["at"] as DatabaseValue).text ?? "", who: (r["who"] as DatabaseValue).text ?? "", session: (r["session"] as DatabaseValue).text ?? "",
                          entity: AuditEntity(stored: (r["entity"] as DatabaseValue).text ?? ""), action: AuditAction(stored: (r["action"] as DatabaseValue).text ?? ""),
                          entityID: (r["entity_id"] as DatabaseValue).int64, reference: (r["reference"] as DatabaseValue).text ?? "", parentID: r.hasColumn("parent_id") ? (r["parent_id"] as DatabaseValue).int64 : nil,
                          changes: changes ?? [], changesReadable: changes != nil, batch: (r["batch"] as DatabaseValue).text ?? "", undoes: (r["undoes"] as DatabaseValue).int64)
    }
}
