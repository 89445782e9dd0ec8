import Foundation
import GRDB
import HeardCore

/// One row of the audit trail.
public struct AuditEntry: Hashable, Sendable {
    public var id: Int64
    public var at: String
    public var who: String
    public var session: String
    public var entity: String
    public var entityID: Int64?
    public var reference: String
    public var action: String
    /// JSON: `{"field": [old, new], ...}`.
    public var changes: String
    /// Groups the rows of one user step, undone together; empty for a step of its own.
    public var batch: String
    /// On an 'undo' row: the id of the row it reversed.
    public var undoes: Int64?

    public init(id: Int64, at: String, who: String, session: String, entity: String, entityID: Int64?, reference: String, action: String, changes: String,
                batch: String = "", undoes: Int64? = nil) {
        self.id = id; self.at = at; self.who = who; self.session = session; self.entity = entity
        self.entityID = entityID; self.reference = reference; self.action = action; self.changes = changes
        self.batch = batch; self.undoes = undoes
    }
}

/// Field changes for an audit row: name, old value, new value (nil for absent).
struct Changes {
    var items: [(String, String?, String?)] = []
    mutating func add(_ field: String, _ old: String?, _ new: String?) {
        if old != new { items.append((field, old, new)) }
    }
    var isEmpty: Bool { items.isEmpty }
    var json: String {
        JSONText.object(items.map { ($0.0, JSONText.array([JSONText.optional($0.1), JSONText.optional($0.2)])) })
    }
}

extension Store {
    static func timestamp() -> String {
        var t = time(nil)
        var tmv = tm()
        gmtime_r(&t, &tmv)
        func p(_ n: Int32, _ w: Int = 2) -> String { let s = String(n); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(p(tmv.tm_year + 1900, 4))-\(p(tmv.tm_mon + 1))-\(p(tmv.tm_mday))T\(p(tmv.tm_hour)):\(p(tmv.tm_min)):\(p(tmv.tm_sec))Z"
    }

    /// Writes one audit row. `batch` groups the rows of one user step for undo (empty: a step
    /// of its own); `undoes` is set on 'undo' rows to the id of the row reversed.
    func audit(_ db: Database, entity: String, id: Int64?, reference: String = "", action: String, changes: Changes,
               batch: String = "", undoes: Int64? = nil) throws {
        try FastWrite.execute(db, """
            INSERT INTO audit (at, who, session, entity, entity_id, reference, action, changes, batch, undoes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(Store.timestamp()), .text(actor), .text(session), .text(entity), id.map { .int($0) } ?? .null, .text(reference),
                  .text(action), .text(changes.json), .text(batch), undoes.map { .int($0) } ?? .null])
    }

    /// The audit trail of one entity, oldest first.
    public func auditTrail(entity: String, id: Int64) throws -> [AuditEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit WHERE entity = ? AND entity_id = ? ORDER BY id", arguments: [entity, id]).map(Store.auditEntry)
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
        AuditEntry(id: r["id"] ?? 0, at: r["at"] ?? "", who: r["who"] ?? "", session: r["session"] ?? "", entity: r["entity"] ?? "",
                   entityID: r["entity_id"], reference: r["reference"] ?? "", action: r["action"] ?? "", changes: r["changes"] ?? "",
                   batch: r["batch"] ?? "", undoes: r["undoes"])
    }
}
