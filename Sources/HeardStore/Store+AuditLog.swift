import HeardCore

/// `heard audit`: the audit trail and the access log as one history, read as it is written out.
extension Store {
    /// Rows read at a time from each of the two (the audit trail and the access log).
    static let auditLogPage = 500

    /// Calls `body` with every change and read, oldest first, of the whole file or (given
    /// `contactID` and its `reference`) of one case: its rows as `caseHistory` finds them and
    /// its reads. A read comes after the newest change it saw and before the next one, whatever
    /// the clocks say. Rows are read a page at a time in one snapshot, so a million of them never
    /// sit in memory at once; `body` may throw to stop.
    public func eachAuditItem(contactID: Int64? = nil, reference: String = "", _ body: (AuditLogItem) throws -> Void) throws {
        try query { conn in
            // Two lists merged in order, each read in pages by its key (the audit's id, the
            // log's after_audit and id; both indexed): no statement stays open while another
            // runs, which a PostgreSQL connection streaming its rows would not allow.
            var changes = AuditPager(conn: conn, contactID: contactID, reference: reference)
            var reads = ReadPager(conn: conn, contactID: contactID)
            var nextRead = try reads.next()
            while let entry = try changes.next() {
                while let r = nextRead, r.after < entry.id {
                    try body(.read(r.entry))
                    nextRead = try reads.next()
                }
                try body(.change(entry))
            }
            while let r = nextRead {
                try body(.read(r.entry))
                nextRead = try reads.next()
            }
        }
    }
}

/// The audit rows of the file or of one case (as `caseHistory` finds them), in id order, a page at a time.
private struct AuditPager {
    let conn: any SQLConnection
    let contactID: Int64?
    let reference: String
    var page: [AuditEntry] = []
    var at = 0
    var lastID: Int64 = .min
    var done = false
    /// The case's rows (`Store.caseAuditScope`), made at the first page.
    var scope: (String, [Bound])?

    init(conn: any SQLConnection, contactID: Int64?, reference: String) {
        self.conn = conn; self.contactID = contactID; self.reference = reference
    }

    mutating func next() throws -> AuditEntry? {
        if at == page.count {
            if done { return nil }
            page.removeAll(keepingCapacity: true)
            at = 0
            if scope == nil, let contactID { scope = try Store.caseAuditScope(conn, contactID: contactID, reference: reference) }
            let one = scope
            let scope = one.map { $0.0 + " AND " } ?? ""
            var args: [Bound] = one?.1 ?? []
            args += [.int(lastID), .int(Store.auditLogPage)]
            var backwards: Int64?
            try conn.each("SELECT \(Store.auditColumns()) FROM audit WHERE \(scope)id > ? ORDER BY id LIMIT ?", args, cached: true) { r in
                // Each page starts after the last: a row at or before it (a file changed under a
                // read without locks, or damaged) would have the pages go round for ever (an attack:
                // 41 MB of the same 2,289 lines, and on).
                if r.int64(0) <= lastID { backwards = r.int64(0); return }
                page.append(Store.auditEntry(r))
                lastID = r.int64(0)
            }
            if let backwards {
                throw StoreError.refused("the audit trail read back to row \(backwards) after row \(lastID): the file is damaged, or was changed while it was read; nothing more was read")
            }
            done = page.count < Store.auditLogPage
            if page.isEmpty { return nil }
        }
        defer { at += 1 }
        return page[at]
    }
}

/// The access log of the file or of one case, in the order of the change each read saw, a page at a time.
private struct ReadPager {
    let conn: any SQLConnection
    let contactID: Int64?
    var page: [(after: Int64, entry: ReadEntry)] = []
    var at = 0
    /// The key of the last row read. `after_audit` is kept as the database held it: a value
    /// another tool wrote as text then compares (and sorts) as the database compares it, so the
    /// next page starts after it and no row is read twice.
    var last: (after: Bound, id: Int64) = (.int(.min), .min)
    var done = false

    init(conn: any SQLConnection, contactID: Int64?) {
        self.conn = conn; self.contactID = contactID
    }

    mutating func next() throws -> (after: Int64, entry: ReadEntry)? {
        if at == page.count {
            if done { return nil }
            page.removeAll(keepingCapacity: true)
            at = 0
            let scope = contactID == nil ? "" : "contact_id = ? AND "
            var args: [Bound] = contactID.map { [.int($0)] } ?? []
            args += [last.after, last.after, .int(last.id), .int(Store.auditLogPage)]
            var backwards = false
            try conn.each("""
                SELECT id, at, who, session, contact_id, reference, via, after_audit FROM reads
                WHERE \(scope)(after_audit > ? OR (after_audit = ? AND id > ?)) ORDER BY after_audit, id LIMIT ?
                """, args, cached: true) { r in
                // Optionals throughout: a row another tool wrote may hold NULLs.
                let entry = ReadEntry(id: r.strictInt64(0) ?? 0, at: r.strictText(1) ?? "", who: r.strictText(2) ?? "",
                                      session: r.strictText(3) ?? "", contactID: r.strictInt64(4), reference: r.strictText(5) ?? "",
                                      via: ReadVia(stored: r.strictText(6) ?? ""))
                // A page going back (a file changed under a read without locks, or damaged) would
                // have the pages go round for ever, as the audit's once did: said, not followed.
                if case .int(let before) = last.after, let now = r.strictInt64(7), (now, r.int64(0)) <= (before, last.id) {
                    backwards = true
                    return
                }
                page.append((r.strictInt64(7) ?? 0, entry))
                last = (Bound(r.value(7)), r.int64(0))
            }
            if backwards {
                throw StoreError.refused("the access log read back to an earlier row: the file is damaged, or was changed while it was read; nothing more was read")
            }
            done = page.count < Store.auditLogPage
            if page.isEmpty { return nil }
        }
        defer { at += 1 }
        return page[at]
    }
}
