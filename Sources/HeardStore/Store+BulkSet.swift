import HeardCore

// A bulk officer or service-area change written a chunk at a time: each case is still read and
// checked by the same rules as `updateOfficerOrArea` (validation, status), but the writes of a
// chunk are one UPDATE of all its cases and one INSERT of all their audit rows, instead of
// two or three statements per case (100,000 cases: 300,000 statements, most of the time).
extension Store {
    /// `bulk` for `.assign` and `.serviceArea`, on both databases. A case the fast way cannot take
    /// (read twice, not on file, anonymised) goes the general way, in its own savepoint, after
    /// the cases before it are written, so the audit rows stay in the order the cases were given.
    /// A chunk the database refuses is done again the general way, case by case (`flush`).
    func bulkOfficerOrArea(_ change: BulkChange, ids: [Int64], today: LocalDate, _ tx: Transaction,
                           progress: (Int, Int) -> Void) throws -> BulkResult {
        let calendar = try self.calendar(tx)
        let conn = tx.sql
        var result = BulkResult(done: 0, refused: [])
        var read = BulkReadAhead(ids: ids)
        // What a chunk's cases need written, decided as each is checked (small values: copying
        // whole contacts to and from a list was a large part of the time).
        var pending = OfficerAreaChunk()
        var clock = AuditClock()
        // A case's audit changes follow from its area and officer before (the change is the same
        // for all): written out once for each pair, not once for each case.
        var changesText: [[String]: String] = [:]

        // The chunk whose writes were sent without waiting (a server writes it while the next is
        // checked), until they are settled.
        var inFlight: (chunk: OfficerAreaChunk, writes: WritesAhead)?

        // The chunk sent ahead, waited for. The database refused a row of it (a trigger or
        // constraint another tool added, say): the chunk was undone and its cases go the general
        // way, each in a savepoint of its own, so that case alone is listed with the reason and
        // the rest are changed, in the order given, as before chunks (found by an attack).
        func settle() throws {
            guard let sent = inFlight else { return }
            inFlight = nil
            guard let refusal = sent.writes.settle() else {
                result.done += sent.chunk.ids.count
                return
            }
            // The database gave the whole transaction up (a full disk: SQLite rolls back): that is
            // what is said, not a refusal of each case after ("Transaction was aborted" said a
            // full disk on a bulk change whose reads came from its feed; found by an attack).
            if conn.transactionLost { throw refusal }
            for id in sent.chunk.ids { try bulkOneCase(change, id: id, ahead: nil, today: today, tx, clock: &clock, into: &result) }
        }

        // The chunk's writes sent with the reads of the chunk after the next, not waited for;
        // what is sent before is settled first, so the audit rows stay in order.
        func send(thenReading reads: [SQLRead]) throws {
            try settle()
            guard !pending.ids.isEmpty else { return }
            let chunk = pending
            pending = OfficerAreaChunk()
            let writes = try conn.writeAhead({ try writeOfficerOrArea(change, chunk, tx, at: clock.now()) }, inSavepoint: true, thenReading: reads)
            inFlight = (chunk, writes)
        }

        // Written now (before a case that goes the general way, and at the end).
        func flush() throws {
            try send(thenReading: [])
            try settle()
        }

        // On a file, the chunks are read and checked on a reader beside the writer (`BulkChunkFeed`).
        let feed = officerOrAreaFeed(ids.count, read, change: change, tx, today: today, calendar: calendar)
        defer { feed?.stop() }

        // The rules' verdict on each case of the chunk, worked out on two threads as the chunk is read.
        var verdicts: [Int64: OfficerAreaVerdict] = [:]
        for (n, id) in ids.enumerated() {
            if n % BulkReadAhead.chunk == 0 {
                // The chunk before the last is written by now, and this chunk's reads came with it.
                try settle()
                progress(n, ids.count)
                if let fed = feed?.chunk(n / BulkReadAhead.chunk) {
                    read.checkedChunk(at: n, fed: fed.cases)
                    try send(thenReading: [])
                    verdicts = fed.verdicts
                } else {
                    // The first two chunks' reads at once: the second's would otherwise wait for the
                    // first's writes (there are none to send them with yet).
                    if n == 0 { try conn.readAhead(Store.bulkCaseReads(read.ids(ofChunkAt: 0), .toValidate)
                                                       + Store.bulkCaseReads(read.ids(ofChunkAt: BulkReadAhead.chunk), .toValidate)) }
                    let cases = try read.checkedChunk(at: n, { try bulkCases(conn, ids: $0, .toValidate) })
                    // The last chunk's writes go with the next chunk's reads while this one is checked
                    // (its cases are others: what they write is not what those read).
                    try send(thenReading: Store.bulkCaseReads(read.ids(ofChunkAt: n + BulkReadAhead.chunk), .toValidate))
                    verdicts = officerOrAreaVerdicts(change, cases, today: today, calendar: calendar)
                }
            }
            // The case as its validation and clock read it, and its lean row: anonymised, then
            // `statusColumns`. Only a case not anonymised goes the fast way.
            if let (c, row) = try read.checked(at: n, { try bulkCases(conn, ids: $0, .toValidate) }),
               case .integer(let anonymised)? = row.first, anonymised == 0,
               let edit = Store.officerOrAreaEdit(change, of: c) {
                guard let edited = edit else { result.unchanged += 1; continue }
                let verdict = verdicts[id] ?? officerOrAreaVerdict(edited, lean: row, today: today, calendar: calendar)
                if let p = verdict.problem {
                    let refusal = StoreError.refused("\(p.field): \(p.message)")
                    result.refused.append(BulkRefusal(contactID: id, reference: c.reference, message: Store.message(refusal, path: path)))
                    continue
                }
                pending.ids.append(id)
                pending.versions.append(c.version)
                pending.before.append((c.officer, c.serviceArea))
                let before = [c.serviceArea, c.officer]
                let changes = changesText[before] ?? Store.officerOrAreaChanges(c, edited).json
                changesText[before] = changes
                pending.audit.append(AuditRowValues(entity: .contact, id: id, reference: c.reference, action: .update, changes: changes))
                if let want = verdict.status { pending.status.append((id, want)) }
                continue
            }
            try flush()
            // Read whole there: the general way writes every column, and the case as read here lacks some.
            try bulkOneCase(change, id: id, ahead: nil, today: today, tx, clock: &clock, into: &result)
        }
        try flush()
        progress(ids.count, ids.count)
        return result
    }

    /// What the rules say of one case as `change` leaves it (`edited`; `lean` as `bulkCases`
    /// reads it): its first validation problem, and the status columns to write when out of date.
    func officerOrAreaVerdict(_ edited: Contact, lean: [SQLValue], today: LocalDate, calendar: WorkingDayCalendar) -> OfficerAreaVerdict {
        OfficerAreaVerdict(problem: edited.validationProblems(reference: reference, rules: rules, today: today).first,
                           status: statusToWrite(of: edited, stored: Array(lean.dropFirst()), today: today, calendar: calendar))
    }

    /// `officerOrAreaVerdict` for each case of a chunk that `change` would change, half of them
    /// on a second thread (`twoThreads`): the rules' arithmetic was a sixth of a bulk change, and the case
    /// list's machine has a second core. A verdict holds only while its case is as read: the
    /// caller takes it for a case handed out from this same read.
    func officerOrAreaVerdicts(_ change: BulkChange, _ cases: [Int64: (contact: Contact, lean: [SQLValue])],
                               today: LocalDate, calendar: WorkingDayCalendar, twoThreads: Bool = true) -> [Int64: OfficerAreaVerdict] {
        let work: [(id: Int64, edited: Contact, lean: [SQLValue])] = cases.compactMap { id, read in
            guard case .some(.some(let edited)) = Store.officerOrAreaEdit(change, of: read.contact) else { return nil }
            return (id, edited, read.lean)
        }
        let verdict = { @Sendable (w: (id: Int64, edited: Contact, lean: [SQLValue])) in
            self.officerOrAreaVerdict(w.edited, lean: w.lean, today: today, calendar: calendar)
        }
        let verdicts = twoThreads ? work.mapOnTwoThreads(verdict) : work.map(verdict)
        var byID: [Int64: OfficerAreaVerdict] = [:]
        byID.reserveCapacity(work.count)
        for (w, v) in zip(work, verdicts) { byID[w.id] = v }
        return byID
    }

    /// The officer or service area of a chunk's cases (all read in this transaction, none
    /// anonymised, each changed by `change`) written in one UPDATE, their versions bumped, their
    /// audit rows in one INSERT in the order given, and the statuses found out of date.
    private func writeOfficerOrArea(_ change: BulkChange, _ chunk: OfficerAreaChunk, _ tx: Transaction, at: String) throws {
        let conn = tx.sql
        let column: String, value: String
        switch change {
        case .assign(let officer): column = "officer"; value = officer
        case .serviceArea(let area): column = "service_area"; value = area
        case .escalate, .close: return
        }
        // The ids and versions bound, not written into the text: a full chunk's statement is then
        // always the same and kept prepared (reading it anew was a tenth of the change). The ids
        // cast, as PostgreSQL would read an untyped bound value in VALUES as text.
        let rows = Array(repeating: "(CAST(? AS BIGINT), CAST(? AS BIGINT), ?, ?)", count: chunk.ids.count).joined(separator: ", ")
        let sql = """
            UPDATE contacts SET \(column) = ?, version = version + 1 FROM (VALUES \(rows)) AS v
            WHERE contacts.id = v.column1 AND coalesce(contacts.version, 1) = v.column2
              AND coalesce(contacts.officer, '') = v.column3 AND coalesce(contacts.service_area, '') = v.column4 AND anonymised = 0
            """
        var args: [Bound] = [.text(value)]
        args.reserveCapacity(1 + chunk.ids.count * 4)
        for (i, id) in chunk.ids.enumerated() {
            args += [.int(id), .int(Int64(chunk.versions[i])), .text(chunk.before[i].officer), .text(chunk.before[i].area)]
        }
        // Every case was read in this transaction, at the version (and with the officer and area,
        // which its audit row names as before: a trigger need not move the version) read, and found not anonymised:
        // fewer rows means the database holds one otherwise than read (another tool's trigger
        // changed it since: a chunk is read before the one before it is written, so an attack
        // saw the "before" of a case its trigger had changed written in the audit), and the audit
        // would not match: the chunk is undone and goes case by case, each read afresh. Checked
        // by the server, so that the writes need not be waited for.
        try conn.executeExpecting(sql, args, changes: chunk.ids.count,
                                  otherwise: StoreError.refused("The bulk change did not write all \(chunk.ids.count) cases of a chunk as read; nothing was changed."))
        try auditRows(tx, chunk.audit, at: at)
        for (id, values) in chunk.status { try writeStatusValues(conn, contactID: id, values) }
    }

    /// The feed of a bulk officer or area change (`bulkFeed`): each chunk's cases, as `bulkCases`
    /// reads them to validate, with the rules' verdicts on them.
    private func officerOrAreaFeed(_ count: Int, _ read: BulkReadAhead, change: BulkChange, _ tx: Transaction, today: LocalDate,
                                   calendar: WorkingDayCalendar) -> BulkChunkFeed<FedOfficerAreaChunk>? {
        bulkFeed(count, read, tx) { conn, _, chunk in
            let cases = try self.bulkCases(conn, ids: chunk, .toValidate)
            return FedOfficerAreaChunk(cases: cases, verdicts: self.officerOrAreaVerdicts(change, cases, today: today, calendar: calendar, twoThreads: false))
        }
    }

    /// Per contact a WHERE clause names: `anonymised`, then `statusColumns` (one read a chunk).
    func leanRows(_ conn: any SQLConnection, where clause: String) throws -> [Int64: [SQLValue]] {
        var out: [Int64: [SQLValue]] = [:]
        try conn.each("SELECT id, anonymised, \(Store.statusColumns) FROM contacts WHERE \(clause)", []) { r in
            let v = r.values
            if case .integer(let id)? = v.first { out[id] = Array(v.dropFirst()) }
        }
        return out
    }
}

/// A chunk of a bulk officer or area change as its feed read it: the cases, and the rules' verdicts.
struct FedOfficerAreaChunk {
    var cases: [Int64: (contact: Contact, lean: [SQLValue])]
    var verdicts: [Int64: OfficerAreaVerdict]
}

/// What the rules say of one case of a bulk officer or area change (`officerOrAreaVerdict`).
struct OfficerAreaVerdict {
    /// The first validation problem of the case as changed: the case is refused with it.
    var problem: (field: String, message: String)?
    /// The status columns to write, when the stored ones are out of date.
    var status: [SQLValue]?
}

/// The writes of one chunk of a bulk officer or area change, gathered as its cases are checked.
struct OfficerAreaChunk {
    /// The cases to change, in the order given.
    var ids: [Int64] = []
    /// The version of each as read (the write changes only a case still at it).
    var versions: [Int] = []
    /// The officer and area of each as read: its audit row's "before" (the write checks them too).
    var before: [(officer: String, area: String)] = []
    /// Their audit rows, in the same order.
    var audit: [AuditRowValues] = []
    /// The cases whose stored status is out of date, with the status to write.
    var status: [(Int64, [SQLValue])] = []
}
