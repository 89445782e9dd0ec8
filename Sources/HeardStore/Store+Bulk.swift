import GRDB
import HeardCore

extension Store {
    /// Makes one change to many cases as one user step: one transaction, one audit group, one
    /// undo step. An officer or area change is checked case by case and written a chunk at a time
    /// (`bulkOfficerOrArea`); an escalation or closure changes each case in a savepoint of its
    /// own. Either way a case the rules refuse changes nothing and is listed with its reference
    /// and the reason; the rest commit together. `progress(done, total)` is called as the work
    /// goes (per case, or per chunk of cases) and once at the end.
    public func bulk(_ change: BulkChange, ids: [Int64], today: LocalDate, progress: (Int, Int) -> Void) throws -> BulkResult {
        try write { tx in
            // Thousands of cases touch many pages: room for them, so they are not spilled to the
            // log one by one (given back at the end). SQLite's own setting; PostgreSQL's server sizes its own.
            if tx.sql.dialect == .sqlite { try tx.sql.execute("PRAGMA cache_size = -20000") }
            defer { if tx.sql.dialect == .sqlite { try? tx.sql.execute("PRAGMA cache_size = -2000") } }
            switch change {
            case .assign, .serviceArea:
                return try bulkOfficerOrArea(change, ids: ids, today: today, tx, progress: progress)
            case .escalate, .close:
                break
            }
            var result = BulkResult(done: 0, refused: [])
            // Cases are read a chunk at a time (one read of hundreds, where a read each was most
            // of the time); a case named twice is read again, as this transaction now holds it.
            var read = BulkReadAhead(ids: ids)
            var clock = AuditClock()
            // The chunk's anonymised cases, read with it: a move asks of each (none is taken), and
            // asking case by case was a round trip each on a server.
            var anonymised = Set<Int64>()
            for (n, id) in ids.enumerated() {
                progress(n, ids.count)
                let ahead: Contact?
                do {
                    ahead = try read.contact(at: n) { list in
                        anonymised = Set(try tx.sql.ints("SELECT id FROM contacts WHERE anonymised != 0 AND \(list)"))
                        return try loadContacts(tx.sql, where: list)
                    }
                } catch {
                    result.refused.append(BulkRefusal(contactID: id, reference: "#\(id)", message: Store.message(error, path: path)))
                    continue
                }
                try bulkOneCase(change, id: id, ahead: ahead, anonymised: ahead == nil ? nil : anonymised.contains(id), today: today, tx,
                                clock: &clock, into: &result)
            }
            progress(ids.count, ids.count)
            return result
        }
    }

    /// One case of a bulk change the general way, in a savepoint of its own: `ahead` (read with its
    /// chunk) or read now, changed by `bulkChange`, counted done or unchanged; a refusal or error
    /// rolls back only this case and is listed with its reference and the reason. An error after
    /// which the database has given the whole transaction up (a full disk) is thrown: nothing of
    /// the step stands, and every case after would be listed as refused with "Transaction was
    /// aborted", which was then all the change said (found by an attack). `anonymised`: whether
    /// `ahead` is (nil: not known, asked when a move is recorded).
    func bulkOneCase(_ change: BulkChange, id: Int64, ahead: Contact?, anonymised: Bool? = nil, today: LocalDate, _ tx: Transaction,
                     clock: inout AuditClock, into result: inout BulkResult) throws {
        var reference = "#\(id)"
        do {
            var changed = true
            try tx.commandQuickly {
                let loaded = try ahead ?? loadContacts(tx.sql, where: "id = ?", arguments: [.int(id)]).first
                guard let c = loaded else { throw StoreError.notFound("contact #\(id)") }
                reference = c.reference
                changed = try bulkChange(change, on: c, anonymised: anonymised, today: today, tx, clock: &clock)
            }
            // Only real changes count: "1 case moved; u undoes them" for a case already
            // there promised an undo of nothing (and u then undid an earlier change).
            if changed { result.done += 1 } else { result.unchanged += 1 }
        } catch {
            if tx.sql.transactionLost { throw error }
            result.refused.append(BulkRefusal(contactID: id, reference: reference, message: Store.message(error, path: path)))
        }
    }

    /// What `bulk` would do to each of `ids`, asked of the same rules without writing anything:
    /// already as asked, refused (with the reason `bulk` would give), or changed. A dry run's
    /// forecast, by id (a case that cannot be read is left out): the change itself asks the rules
    /// again case by case, so a case changed in between is judged as it then is.
    public func bulkForecast(_ change: BulkChange, ids: [Int64], today: LocalDate) throws -> [Int64: BulkForecast] {
        let calendar = try self.calendar()
        var out: [Int64: BulkForecast] = [:]
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = ids[start..<min(ids.count, start + 500)]
            let list = chunk.map(String.init).joined(separator: ",")
            let (contacts, anonymised) = try query { conn in
                var anonymised: [Int64: String] = [:]
                try conn.each("SELECT id, reference, anonymised_on FROM contacts WHERE anonymised != 0 AND id IN (\(list))") { r in
                    let on = Store.shownDay(r.optionalText(2))
                    anonymised[r.int64(0)] = change.move == nil ? Store.anonymisedRefusal(reference: r.optionalText(1), on: on)
                                                                : Store.anonymisedStepRefusal(reference: r.optionalText(1), on: on)
                }
                return (try loadContacts(conn, where: "id IN (\(list))"), anonymised)
            }
            for c in contacts {
                guard let id = c.id else { continue }
                out[id] = forecast(change, on: c, anonymised: anonymised[id], today: today, calendar: calendar)
            }
        }
        return out
    }

    /// One case's forecast: the checks the change makes before it writes, in its order. An
    /// officer or area: already so, an anonymised case's refusal, then the case's own problems.
    /// An escalation or closure: already closed, an anonymised case's refusal, the moves the
    /// procedure offers now, then the event itself as the procedure takes it (a request out of
    /// time is refused only there: a trial's forecast said 656 would be escalated, and --yes
    /// escalated 1). Anonymised before the rest: a trial was told to record why a request was
    /// late on a case that then refused the reason, and of a missing address anonymisation took.
    private func forecast(_ change: BulkChange, on c: Contact, anonymised: String?, today: LocalDate,
                          calendar: WorkingDayCalendar) -> BulkForecast {
        if let edit = Store.officerOrAreaEdit(change, of: c) {
            guard let edited = edit else { return .already }
            if let anonymised { return .refused(anonymised) }
            if let p = edited.validationProblems(reference: reference, rules: rules, today: today).first {
                return .refused("\(p.field): \(p.message)")
            }
            return .change
        }
        guard let move = change.move, let event = change.event(today: today) else { return .change }
        let clock = c.clock(rules: rules, calendar: calendar, today: today)
        if Store.alreadyClosed(change, clock) { return .already }
        if let anonymised { return .refused(anonymised) }
        if let why = MoveRequest.refusal(of: move, on: c, clock: clock, today: today, calendar: calendar, rules: rules) {
            return .refused(why)
        }
        do { _ = try Store.refusal { try c.applying(event, rules: rules, calendar: calendar, today: today) } } catch {
            return .refused(Store.message(error, path: path))
        }
        return .change
    }

    /// The case as an officer or service-area change leaves it: nil when `change` is another kind,
    /// `.some(nil)` when the case already is as asked (nothing is written: no version bump, no audit).
    static func officerOrAreaEdit(_ change: BulkChange, of c: Contact) -> Contact?? {
        var edited = c
        switch change {
        case .assign(let officer):
            guard c.officer != officer else { return .some(nil) }
            edited.officer = officer
        case .serviceArea(let area):
            guard c.serviceArea != area else { return .some(nil) }
            edited.serviceArea = area
        case .escalate, .close:
            return nil
        }
        return .some(edited)
    }

    /// One case's part of a bulk change; false when the case already was as asked (then nothing
    /// is written: no version bump, no audit).
    /// `anonymised`: whether the case is, as read with it (nil: asked when a move is recorded).
    func bulkChange(_ change: BulkChange, on c: Contact, anonymised: Bool? = nil, today: LocalDate, _ tx: Transaction,
                    clock: inout AuditClock) throws -> Bool {
        guard c.id != nil else { return false }
        if let edit = Store.officerOrAreaEdit(change, of: c) {
            guard let edited = edit else { return false }
            try updateOfficerOrArea(c, to: edited, today: today, tx, clock: &clock)
            return true
        }
        // The moves the procedure offers now, as `heard move` and the workflow screen ask: a case
        // the clock closed when its escalation window ran out was "closed" again, its retention
        // begun anew, anonymised records too (found by an attack).
        if let move = change.move {
            let calendar = try self.calendar(tx)
            let clock = c.clock(rules: rules, calendar: calendar, today: today)
            if Store.alreadyClosed(change, clock) { return false }
            // Anonymised before the procedure's own refusal (`forecast`'s order).
            if anonymised != false, let id = c.id { try refuseIfAnonymised(tx.sql, contactID: id, step: true) }
            if let why = MoveRequest.refusal(of: move, on: c, clock: clock, today: today, calendar: calendar, rules: rules) {
                throw StoreError.refused(why)
            }
        }
        guard let event = change.event(today: today) else { return false }
        // Asked above (with the move) when it was not known.
        _ = try record(event, on: c, expected: c.version, today: today, tx, anonymised: change.move == nil ? anonymised : false)
        return true
    }

    /// Whether a closure finds the case closed already (by a closure, or by its clock when its
    /// window ran out) or ended (withdrawn, resolved by mediation, not accepted): counted with the
    /// cases already as asked, as an assignment counts those already the officer's, not refused.
    /// "Close these" is done for them; a trial's `heard bulk close --officer X` said "0 would be
    /// closed, 284 would be refused" of cases long closed, in two wordings, and exited 1 (and
    /// then, closed ones counted, exited 1 for two withdrawn years ago). Nothing is written for
    /// them: no event, no audit, no undo.
    static func alreadyClosed(_ change: BulkChange, _ clock: CaseClock) -> Bool {
        change == .close && clock.status.isFinal
    }

    /// An error as the user reads it.
    static func message(_ error: Error, path: String) -> String {
        switch error {
        case let e as StoreError: return e.description
        case let e as DatabaseError: return translate(e, path: path).description
        case let r as MoveRefused: return r.message
        default: return "\(error)"
        }
    }
}
