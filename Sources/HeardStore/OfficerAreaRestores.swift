import HeardCore

/// The undo of a bulk officer or service-area change, set-wise: each audit row is checked as
/// `Store.reverse` checks it (readable, the case there, its fields known), then the rows taken
/// are written together, a chunk at a time: one UPDATE ... FROM a VALUES list of the cases'
/// earlier officer and area, one multi-row INSERT of their undo rows, and a status write only
/// where the status as restored differs from the stored one. Same rows, versions and audit as
/// reversing them one by one (100,000 rows: 300,000 statements, most of the time).
struct OfficerAreaRestores {
    /// Per case taken: its id and earlier officer and area (small values: copying whole contacts
    /// and audit rows to and from a list was a large part of the time).
    private var cases: [(id: Int64, officer: String, area: String, version: Int, was: (officer: String, area: String))] = []
    /// Their undo rows, in the order taken.
    private var audit: [AuditRowValues] = []
    /// The cases whose status as restored differs from the stored one, with the status to write.
    private var status: [(Int64, [SQLValue])] = []
    /// The undo row's changes text and the step line's words, by the changes reversed: a bulk
    /// step's 100,000 rows hold a few dozen different changes (made once each, not once a row).
    private var phrases: [[FieldChange]: (swapped: String, words: String)] = [:]
    /// The same by the changes' storage: the rows of a step read together share one array for
    /// each changes text (`Store.pendingUndo`), found without hashing its fields' texts (a twentieth
    /// of the undo of a bulk change). Each entry keeps its array, so its storage is not reused.
    private var phrasesByStorage: [UnsafeRawPointer: (changes: [FieldChange], swapped: String, words: String)] = [:]

    /// Takes `row` when it is an officer or area change of `current` (the case as this transaction
    /// holds it, not touched earlier in the step; `lean` its `Store.leanRows` row) and says the
    /// step line; nil when it is any other row, for the general way. Throws as `reverse` does for
    /// a value the case cannot take.
    mutating func take(_ row: AuditEntry, current: Contact, lean: [SQLValue], _ store: Store,
                       today: LocalDate, calendar: WorkingDayCalendar, statusKnown: [SQLValue]?? = nil) throws -> String? {
        // An anonymised case (`lean` begins with the flag) goes the general way, which refuses it.
        guard lean.first?.int64 == 0,
              let restored = try OfficerAreaRestores.restored(row, current: current), let id = current.id else { return nil }
        let changes = row.changes
        let (swapped, fields) = phrases(of: changes)
        cases.append((id, restored.officer, restored.serviceArea, current.version, (current.officer, current.serviceArea)))
        audit.append(AuditRowValues(entity: row.entity, id: row.entityID, reference: row.reference, parent: row.parentID,
                                    action: .undo, changes: swapped, undoes: row.id))
        if let want = statusKnown ?? store.statusToWrite(of: restored, stored: Array(lean.dropFirst()), today: today, calendar: calendar) {
            status.append((id, want))
        }
        return "change of \(fields) on \(current.reference)"
    }

    /// The undo row's changes text for `changes` reversed, and the words naming their fields.
    private mutating func phrases(of changes: [FieldChange]) -> (swapped: String, words: String) {
        let storage = changes.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
        if let storage, let known = phrasesByStorage[storage], known.changes == changes { return (known.swapped, known.words) }
        let made: (swapped: String, words: String)
        if let known = phrases[changes] { made = known } else {
            var ch = Changes()
            for c in changes { ch.add(c.field, c.after, c.before) }
            made = (ch.json, Store.fieldWords(changes.map(\.field)))
            phrases[changes] = made
        }
        if let storage { phrasesByStorage[storage] = (changes, made.swapped, made.words) }
        return made
    }

    /// `current` with the officer and area `row` changed put back; nil when `row` is not an
    /// officer or area change of that case (it goes the general way).
    static func restored(_ row: AuditEntry, current: Contact) throws -> Contact? {
        guard row.entity == .contact, row.action == .update, row.changesReadable, let id = row.entityID, current.id == id else { return nil }
        let changes = row.changes
        guard changes.allSatisfy({ $0.field == "officer" || $0.field == "service_area" }) else { return nil }
        var restored = current
        for c in changes { try Store.setContactField(c.field, c.before, on: &restored) }
        return restored
    }

    /// The status columns to write for each officer or area row of `rows` whose case is in
    /// `cases` (a chunk as `BulkReadAhead` read it), by audit row id: `statusToWrite` of the
    /// case as restored, half of them on a second thread (the clock's arithmetic was a seventh
    /// of the undo of a bulk change). A row whose case is missing or that cannot be restored is
    /// left out: `take` works it out itself.
    static func statuses(_ rows: ArraySlice<AuditEntry>, cases: [Int64: (contact: Contact, lean: [SQLValue])], _ store: Store,
                         today: LocalDate, calendar: WorkingDayCalendar, twoThreads: Bool = true) -> [Int64: [SQLValue]?] {
        let work: [(row: Int64, restored: Contact, lean: [SQLValue])] = rows.compactMap { row in
            guard let id = row.entityID, let read = cases[id], let restored = try? restored(row, current: read.contact) else { return nil }
            return (row.id, restored, read.lean)
        }
        let status = { @Sendable (w: (row: Int64, restored: Contact, lean: [SQLValue])) in
            store.statusToWrite(of: w.restored, stored: Array(w.lean.dropFirst()), today: today, calendar: calendar)
        }
        let wanted = twoThreads ? work.mapOnTwoThreads(status) : work.map(status)
        var byRow: [Int64: [SQLValue]?] = [:]
        byRow.reserveCapacity(work.count)
        for (w, v) in zip(work, wanted) { byRow[w.row] = .some(v) }
        return byRow
    }

    /// The rows written without waiting (`sendAhead`), until settled.
    private var inFlight: WritesAhead?

    /// Writes the rows taken since the last flush, in the order taken, and waits for them.
    mutating func flush(_ store: Store, _ tx: Transaction, clock: inout AuditClock) throws {
        try sendAhead(store, tx, clock: &clock, thenReading: [])
        try settle()
    }

    /// Sends the rows taken since the last flush, and then `reads`, without
    /// waiting: a server writes them while the next chunk is checked. What was sent before is
    /// settled first, so that the undo rows stay in order.
    mutating func sendAhead(_ store: Store, _ tx: Transaction, clock: inout AuditClock, thenReading reads: [SQLRead]) throws {
        try settle()
        guard !cases.isEmpty else { return }
        let (cases, audit, status) = (self.cases, self.audit, self.status)
        let at = clock.now()
        inFlight = try tx.sql.writeAhead({ try OfficerAreaRestores.write(cases, audit, status, store, tx, at: at) }, inSavepoint: false, thenReading: reads)
        self.cases.removeAll(keepingCapacity: true)
        self.audit.removeAll(keepingCapacity: true)
        self.status.removeAll(keepingCapacity: true)
    }

    /// Waits for the rows sent ahead: a refusal is the undo's, and the whole undo goes.
    mutating func settle() throws {
        guard let sent = inFlight else { return }
        inFlight = nil
        if let refusal = sent.settle() { throw refusal }
    }

    private static func write(_ cases: [(id: Int64, officer: String, area: String, version: Int, was: (officer: String, area: String))], _ audit: [AuditRowValues],
                              _ status: [(Int64, [SQLValue])], _ store: Store, _ tx: Transaction, at: String) throws {
        let conn = tx.sql
        var values: [String] = []
        var args: [Bound] = []
        values.reserveCapacity(cases.count)
        args.reserveCapacity(cases.count * 6)
        for c in cases {
            // The id bound and cast (PostgreSQL would read an untyped bound value in VALUES as
            // text, and compare it with a number), so that a full chunk's statement is always
            // the same text and kept prepared (reading it anew was a tenth of the undo).
            values.append("(CAST(? AS BIGINT), ?, ?, CAST(? AS BIGINT), ?, ?)")
            args += [.int(c.id), .text(c.officer), .text(c.area), .int(Int64(c.version)), .text(c.was.officer), .text(c.was.area)]
        }
        // Both databases name a VALUES list's columns column1, column2, …
        let sql = """
            UPDATE contacts SET officer = v.column2, service_area = v.column3, version = version + 1
            FROM (VALUES \(values.joined(separator: ", "))) AS v WHERE contacts.id = v.column1 AND coalesce(contacts.version, 1) = v.column4
              AND coalesce(contacts.officer, '') = v.column5 AND coalesce(contacts.service_area, '') = v.column6
            """
        // Every case was read in this transaction, at the version read: fewer rows written means
        // one changed since (another tool's trigger: a chunk is read before the one before it is
        // written), and the undo goes whole. Checked by the server, so the writes need not wait.
        try conn.executeExpecting(sql, args, changes: cases.count,
                                  otherwise: StoreError.refused("The undo did not write all \(cases.count) cases of a chunk as read; nothing was changed."))
        for (id, want) in status { try store.writeStatusValues(conn, contactID: id, want) }
        try store.auditRows(tx, audit, at: at)
    }
}
