import GRDB
import HeardCore

/// `heard audit`: the audit trail and the access log as one history, read as it is written out.
extension Store {
    /// Calls `body` with every change and read, oldest first, of the whole file or (given
    /// `contactID` and its `reference`) of one case: its rows as `caseHistory` finds them and
    /// its reads. A read comes after the newest change it saw and before the next one, whatever
    /// the clocks say. Rows are read one at a time in one snapshot, so a million of them never
    /// sit in memory at once; `body` may throw to stop.
    public func eachAuditItem(contactID: Int64? = nil, reference: String = "", _ body: (AuditLogItem) throws -> Void) throws {
        try read { db in
            let changes: RowCursor
            let reads: RowCursor
            if let contactID {
                changes = try Row.fetchCursor(db, sql: """
                    SELECT * FROM audit WHERE (entity = 'contact' AND entity_id = ?) OR (reference = ? AND reference != '') ORDER BY id
                    """, arguments: [contactID, reference])
                reads = try Row.fetchCursor(db, sql: "SELECT * FROM reads WHERE contact_id = ? ORDER BY after_audit, id", arguments: [contactID])
            } else {
                changes = try Row.fetchCursor(db, sql: "SELECT * FROM audit ORDER BY id")
                reads = try Row.fetchCursor(db, sql: "SELECT * FROM reads ORDER BY after_audit, id")
            }
            // A cursor's row is reused as it steps: what is kept is copied out first.
            var nextRead = try reads.next().map { (after: ($0["after_audit"] as Int64?) ?? 0, entry: Store.readEntry($0)) }
            while let row = try changes.next() {
                let entry = Store.auditEntry(row)
                while let r = nextRead, r.after < entry.id {
                    try body(.read(r.entry))
                    nextRead = try reads.next().map { (($0["after_audit"] as Int64?) ?? 0, Store.readEntry($0)) }
                }
                try body(.change(entry))
            }
            while let r = nextRead {
                try body(.read(r.entry))
                nextRead = try reads.next().map { (($0["after_audit"] as Int64?) ?? 0, Store.readEntry($0)) }
            }
        }
    }
}
