import HeardCore

/// One audit row of many written together (`Store.auditRows`): what varies from row to row.
struct AuditRowValues {
    var entity: AuditEntity
    var id: Int64?
    var reference: String
    var parent: Int64? = nil
    var action: AuditAction
    /// The stored changes text (`Changes.json`).
    var changes: String
    var undoes: Int64? = nil
}

extension Store {
    /// How many audit rows one INSERT carries: 11 values a row stay well under either database's
    /// limit on bound values (SQLite 32,766, PostgreSQL 65,535).
    static let auditRowsPerInsert = 500

    /// Writes `rows` as `audit(tx, …)` would one by one (same columns, same group, ids in the
    /// order given), in multi-row INSERTs: a bulk change and its undo write one per case.
    func auditRows(_ tx: Transaction, _ rows: [AuditRowValues], at: String) throws {
        var start = 0
        while start < rows.count {
            let part = rows[start..<min(rows.count, start + Store.auditRowsPerInsert)]
            var args: [Bound] = []
            args.reserveCapacity(part.count * 11)
            for r in part {
                args += [.text(at), .text(actor), .text(session), .text(r.entity.stored), .key(r.id), .text(r.reference),
                         .text(r.action.stored), .text(r.changes), .text(tx.group), .key(r.undoes), .key(r.parent)]
            }
            // A plain multi-row VALUES: PostgreSQL types its untyped values by the columns, and
            // both databases number the rows in the order listed.
            let values = Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: part.count).joined(separator: ", ")
            let sql = "INSERT INTO audit (at, who, session, entity, entity_id, reference, action, changes, batch, undoes, parent_id) VALUES \(values)"
            // A full part is always the same text: kept prepared (reading 5,500 placeholders
            // anew for each of a bulk change's 200 parts was a quarter of writing them). A
            // shorter part, of any length, is prepared once and let go.
            if part.count == Store.auditRowsPerInsert { try tx.sql.executeCached(sql, args) } else { try tx.sql.execute(sql, args) }
            start += part.count
        }
    }
}
