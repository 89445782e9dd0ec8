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
        // On a team's server without `at` and `who`, which the server gives (`serverStamps`).
        let stamped = serverStamps
        var start = 0
        while start < rows.count {
            let part = rows[start..<min(rows.count, start + Store.auditRowsPerInsert)]
            let full = part.count == Store.auditRowsPerInsert
            // Numbered only in a full part's statement, which is prepared once: SQLite looks each
            // `?NNN` up in a list of them as it prepares, so the time grows with their square
            // (a part of 499 took 21 ms to prepare, against 2 ms with plain `?`; found by an
            // attack, where a bulk change with a case already so in each chunk took twice as long).
            let sqlite = full && tx.sql.dialect == .sqlite
            var args: [Bound] = []
            if sqlite {
                // What every row shares bound once, as ?1 to ?4, each row's own values after
                // (copying the same four texts into SQLite for each of 100,000 rows was a tenth
                // of writing them).
                args.reserveCapacity(4 + part.count * 7)
                args += [.text(at), .text(actor), .text(session), .text(tx.group)]
                for r in part {
                    args += [.text(r.entity.stored), .key(r.id), .text(r.reference), .text(r.action.stored), .text(r.changes), .key(r.undoes), .key(r.parent)]
                }
            } else if stamped {
                args.reserveCapacity(part.count * 9)
                for r in part {
                    args += [.text(session), .text(r.entity.stored), .key(r.id), .text(r.reference),
                             .text(r.action.stored), .text(r.changes), .text(tx.group), .key(r.undoes), .key(r.parent)]
                }
            } else {
                args.reserveCapacity(part.count * 11)
                for r in part {
                    args += [.text(at), .text(actor), .text(session), .text(r.entity.stored), .key(r.id), .text(r.reference),
                             .text(r.action.stored), .text(r.changes), .text(tx.group), .key(r.undoes), .key(r.parent)]
                }
            }
            let sql = sqlite ? Store.auditInsertFullSQLite
                : stamped ? (full ? Store.auditInsertFullStamped : Store.auditInsert(rows: part.count, stamped: true))
                : (full ? Store.auditInsertFull : Store.auditInsert(rows: part.count))
            // A full part is always the same text: kept prepared (reading 5,500 placeholders
            // anew for each of a bulk change's 200 parts was a quarter of writing them). A
            // shorter part, of any length, is prepared once and let go.
            if full { try tx.sql.executeCached(sql, args) } else { try tx.sql.execute(sql, args) }
            start += part.count
        }
    }

    /// A full part's statements, made once.
    static let auditInsertFull = auditInsert(rows: auditRowsPerInsert)
    static let auditInsertFullStamped = auditInsert(rows: auditRowsPerInsert, stamped: true)
    static let auditInsertFullSQLite = auditInsertSQLite(rows: auditRowsPerInsert)

    static let auditInsertColumns = "INSERT INTO audit (at, who, session, entity, entity_id, reference, action, changes, batch, undoes, parent_id) VALUES "
    static let auditRow = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    /// The same without `at` and `who`, which a team's server gives (`serverStamps`).
    static let auditInsertColumnsStamped = "INSERT INTO audit (session, entity, entity_id, reference, action, changes, batch, undoes, parent_id) VALUES "
    static let auditRowStamped = "(?, ?, ?, ?, ?, ?, ?, ?, ?)"

    /// The INSERT of `rows` audit rows, every value its own `?`. A plain multi-row VALUES:
    /// PostgreSQL types its untyped values by the columns, and both databases number the rows
    /// in the order listed.
    static func auditInsert(rows: Int, stamped: Bool = false) -> String {
        (stamped ? auditInsertColumnsStamped : auditInsertColumns)
            + Array(repeating: stamped ? auditRowStamped : auditRow, count: rows).joined(separator: ", ")
    }

    /// SQLite's for a full part: the time, who, session and group of every row as ?1 to ?4, then
    /// each row's seven values numbered in turn.
    static func auditInsertSQLite(rows: Int) -> String {
        var out = auditInsertColumns
        out.reserveCapacity(out.utf8.count + rows * 64)
        for i in 0..<rows {
            let b = 5 + i * 7
            if i > 0 { out += ", " }
            out += "(?1, ?2, ?3, ?\(b), ?\(b + 1), ?\(b + 2), ?\(b + 3), ?\(b + 4), ?4, ?\(b + 5), ?\(b + 6))"
        }
        return out
    }
}
