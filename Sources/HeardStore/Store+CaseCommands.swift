import HeardCore

/// The commands on a case. Each comes in two forms: on its own (its own transaction, its own
/// undo step) and `in tx`, to run with others as one user step (`Store.write { tx in … }`).
extension Store {
    /// Logs a new contact (with any issues and history it carries), assigning a reference when
    /// it has none. Refuses what the rules refuse.
    @discardableResult
    public func add(_ contact: Contact, today: LocalDate) throws -> Contact {
        try write(single: true) { try add(contact, today: today, in: $0) }
    }

    /// `add` as part of the transaction `tx`.
    @discardableResult
    public func add(_ contact: Contact, today: LocalDate, in tx: Transaction) throws -> Contact {
        let problems = contact.validationProblems(reference: reference, rules: rules, today: today)
        if let p = problems.first { throw StoreError.refused("\(p.field): \(p.message)") }
        if let why = ContactCSV.referenceProblem(contact.reference) { throw StoreError.refused("reference: \(why)") }
        return try tx.command {
            let calendar = try self.calendar(tx)
            try Store.refusal { try contact.validateHistory(rules: rules, calendar: calendar, today: today) }
            var c = contact
            if c.reference.isEmpty { c.reference = try nextReference(tx.sql, year: c.received.year) }
            else if try tx.sql.int("SELECT 1 FROM contacts WHERE " + dialect.equalsIgnoringCase("reference"), [.text(c.reference)]) != nil {
                throw StoreError.duplicateReference(c.reference)
            }
            try insert(tx, &c, calendar: calendar, today: today, auditRow: true)
            return c
        }
    }

    /// Saves edited fields of a contact made from version `edited.version`. The history and
    /// issues are not touched here (they have their own commands).
    @discardableResult
    public func update(_ edited: Contact, today: LocalDate) throws -> Contact {
        try write(single: true) { try update(edited, today: today, in: $0) }
    }

    /// `update` as part of the transaction `tx`.
    @discardableResult
    public func update(_ edited: Contact, today: LocalDate, in tx: Transaction) throws -> Contact {
        guard let id = edited.id else { throw StoreError.notFound("an unsaved contact") }
        return try tx.command {
            try readAheadCase(tx, id, also: [Store.anonymisedRead(id), Store.statusRead(id)])
            guard let old = try loadContacts(tx.sql, where: "id = ?", arguments: [.int(id)]).first else { throw StoreError.notFound("case \(edited.reference)") }
            return try update(old, to: edited, today: today, tx)
        }
    }

    /// `update` of a case already read in `tx` (`old`, as stored).
    func update(_ old: Contact, to edited: Contact, today: LocalDate, _ tx: Transaction) throws -> Contact {
        guard let id = old.id else { throw StoreError.notFound("an unsaved contact") }
        var ch = Changes()
        let before = Dictionary(Store.fields(of: old), uniquingKeysWith: { a, _ in a })
        for (k, v) in Store.fields(of: edited) { ch.add(k, before[k] ?? nil, v) }
        if ch.isEmpty && old.version == edited.version { return old }
        // Anonymised first: its record may no longer pass the checks a kept one does (a letter
        // preferred with the address gone), and that was said in its place (a trial).
        try refuseIfAnonymised(tx.sql, contactID: id)
        let problems = edited.validationProblems(reference: reference, rules: rules, today: today)
        if let p = problems.first { throw StoreError.refused("\(p.field): \(p.message)") }
        if edited.reference != old.reference, let why = ContactCSV.referenceProblem(edited.reference) {
            throw StoreError.refused("reference: \(why)")
        }
        let calendar = try self.calendar(tx)
        if ch.isEmpty {
            try bumpVersion(tx.sql, contactID: id, expected: edited.version, stored: old.version, reference: old.reference)
            return try refreshStatus(tx.sql, contactID: id, today: today, calendar: calendar)
        }
        // `bumpVersion`'s guard here; its UPDATE is the fields' own (`saveContactFields`).
        try Store.refuseStale(expected: edited.version, stored: old.version, reference: old.reference)
        // The status as stored before this save, read before anything is written.
        var storedStatus: [SQLValue]?
        try tx.sql.each(Store.statusRead(id)) { storedStatus = $0.values }
        if edited.reference != old.reference,
           try tx.sql.int("SELECT 1 FROM contacts WHERE \(dialect.equalsIgnoringCase("reference")) AND id != ?", [.text(edited.reference), .int(id)]) != nil {
            throw StoreError.duplicateReference(edited.reference)
        }
        try Store.refusal { try old.validateEdit(to: edited, rules: rules, calendar: calendar, today: today) }
        try saveContactFields(tx.sql, edited, id: id, expected: edited.version, reference: old.reference)
        try indexFTS(tx.sql, edited, old: old)
        try audit(tx, .contact, id: id, reference: edited.reference, .update, changes: ch)
        // A changed kind or procedure: read back as stored (a complaint's procedure defaults).
        if edited.kind != old.kind || edited.procedure != old.procedure {
            return try refreshStatus(tx.sql, contactID: id, today: today, calendar: calendar)
        }
        // Otherwise the case as saved, without reading it back (a bulk change saves thousands).
        var saved = edited
        saved.id = id
        saved.events = old.events
        saved.issues = old.issues
        saved.version = old.version + 1
        // Written only when it differs: a rewrite of the same status moved the row again.
        try writeStatusIfChanged(tx.sql, of: saved, today: today, calendar: calendar, stored: storedStatus)
        return saved
    }

    /// Records a move of the procedure on a case last read at `version`. Refused moves and
    /// stale versions change nothing.
    @discardableResult
    public func record(_ event: CaseEvent, on contactID: Int64, version: Int, today: LocalDate) throws -> Contact {
        try write(single: true) { try record(event, on: contactID, version: version, today: today, in: $0) }
    }

    /// `record` as part of the transaction `tx`.
    @discardableResult
    public func record(_ event: CaseEvent, on contactID: Int64, version: Int, today: LocalDate, in tx: Transaction) throws -> Contact {
        try tx.command {
            try readAheadCase(tx, contactID, also: [Store.anonymisedRead(contactID)])
            guard let current = try loadContacts(tx.sql, where: "id = ?", arguments: [.int(contactID)]).first else { throw StoreError.notFound("contact #\(contactID)") }
            // The calendar while its read-ahead answer is kept: after the first write it goes (a
            // trial counted a pause's holidays read twice, a round trip of its own).
            _ = try calendar(tx)
            return try record(event, on: current, expected: version, today: today, tx)
        }
    }

    /// `record` on a case read in `tx`, whose command read it at version `expected`: a version
    /// moved since is the conflict at once (`bumpVersion`'s guard), and the version is bumped
    /// with the status the move gives, in one UPDATE at the end. `anonymised`: whether the case
    /// is, when the caller read it with others (nil: asked here).
    func record(_ event: CaseEvent, on current: Contact, expected: Int, today: LocalDate, _ tx: Transaction,
                anonymised: Bool? = nil) throws -> Contact {
        guard let contactID = current.id else { throw StoreError.notFound("an unsaved contact") }
        try Store.refuseStale(expected: expected, stored: current.version, reference: current.reference)
        // An anonymised case's course is over: no move, with a reason or without.
        // (Known not to be, the question is not asked again; known to be, it is, for its date.)
        if anonymised != false { try refuseIfAnonymised(tx.sql, contactID: contactID, step: true) }
        let calendar = try self.calendar(tx)
        let next = try Store.refusal { try current.applying(event, rules: rules, calendar: calendar, today: today) }
        guard var e = next.events.last else { throw StoreError.refused("nothing to record") }
        try insertEvent(tx.sql, contactID: contactID, &e)
        var ch = Changes()
        ch.add("kind", nil, e.kind.rawValue)
        ch.add("date", nil, e.date.iso)
        ch.add("stage", nil, e.stage.map(String.init))
        ch.add("new_due", nil, e.newDue?.iso)
        ch.add("reason", nil, e.reason.isEmpty ? nil : e.reason)
        ch.add("outcome", nil, e.outcome?.rawValue)
        ch.add("satisfied", nil, e.satisfied.map { $0 ? "yes" : "no" })
        ch.add("ombudsman_decision", nil, e.ombudsmanDecision?.rawValue)
        ch.add("remedy", nil, e.remedy?.rawValue)
        ch.add("amount_pence", nil, e.amountPence.map(String.init))
        try audit(tx, .event, id: e.id, reference: current.reference, parent: contactID, .create, changes: ch)
        // The case as saved, without reading it back: the save is the hot path of the workflow.
        var saved = next
        saved.events[saved.events.count - 1] = e
        return try savedBumpingVersion(tx.sql, saved, expected: expected, today: today, calendar: calendar)
    }

    /// Records one user step on a case last read at `version`: its findings, then its events,
    /// all or nothing, in one transaction: one audit group, one undo step. The case returned
    /// carries the version the file now holds.
    @discardableResult
    public func apply(_ step: CaseStep, on contactID: Int64, version: Int, today: LocalDate) throws -> Contact {
        try write(single: true) { try apply(step, on: contactID, version: version, today: today, in: $0) }
    }

    /// `apply` as part of the transaction `tx`.
    @discardableResult
    public func apply(_ step: CaseStep, on contactID: Int64, version: Int, today: LocalDate, in tx: Transaction) throws -> Contact {
        if step.isEmpty { throw StoreError.refused("nothing to record") }
        return try tx.command {
            var saved: Contact?
            for f in step.findings {
                saved = try setFinding(f.finding, issueID: f.issueID, stage: f.stage, text: f.text, on: contactID, version: saved?.version ?? version,
                                       today: today, in: tx)
            }
            for e in step.events {
                saved = try record(e, on: contactID, version: saved?.version ?? version, today: today, in: tx)
            }
            if let a = step.appointment, !a.isEmpty {
                saved = try appoint(a, on: contactID, version: saved?.version ?? version, today: today, in: tx)
            }
            guard let saved else { throw StoreError.refused("nothing to record") }
            return saved
        }
    }

    /// Adds an issue (a category raised) to a complaint last read at `version`.
    @discardableResult
    public func addIssue(category: String, detail: String = "", to contactID: Int64, version: Int, today: LocalDate) throws -> Contact {
        try write(single: true) { try addIssue(category: category, detail: detail, to: contactID, version: version, today: today, in: $0) }
    }

    /// `addIssue` as part of the transaction `tx`.
    @discardableResult
    public func addIssue(category: String, detail: String = "", to contactID: Int64, version: Int, today: LocalDate, in tx: Transaction) throws -> Contact {
        guard let cat = reference.category(matching: category) else { throw StoreError.refused("categories: '\(category)' is not a configured category") }
        return try tx.command {
            try readAheadCase(tx, contactID, also: [Store.anonymisedRead(contactID)])
            let calendar = try self.calendar(tx)
            guard let current = try loadContacts(tx.sql, where: "id = ?", arguments: [.int(contactID)]).first else { throw StoreError.notFound("contact #\(contactID)") }
            try Store.refuseStale(expected: version, stored: current.version, reference: current.reference)
            // An anonymised case's course is over: no new issue, with words or without.
            try refuseIfAnonymised(tx.sql, contactID: contactID, step: true)
            try Store.refusal { try current.validateNewIssue(rules: rules, calendar: calendar, today: today) }
            var issue = ComplaintIssue(category: cat, detail: detail)
            try insertIssue(tx.sql, contactID: contactID, position: current.issues.count, &issue)
            // No row came back: another tool's trigger skipped the INSERT.
            if issue.id == nil { throw Store.issueNotWritten(current.reference) }
            var ch = Changes()
            ch.add("category", nil, cat)
            try audit(tx, .issue, id: issue.id, reference: current.reference, parent: contactID, .create, changes: ch)
            // The case as saved, as `record` gives it: not read back, and its row moved once.
            var saved = current
            saved.issues.append(issue)
            return try savedBumpingVersion(tx.sql, saved, expected: version, today: today, calendar: calendar)
        }
    }

    /// Records (or clears, with nil) an issue's finding at a stage, and what was found in words
    /// (`text` nil: left as it is).
    @discardableResult
    public func setFinding(_ finding: Finding?, issueID: Int64, stage: Int, text: String? = nil, on contactID: Int64, version: Int,
                           today: LocalDate) throws -> Contact {
        try write(single: true) { try setFinding(finding, issueID: issueID, stage: stage, text: text, on: contactID, version: version, today: today, in: $0) }
    }

    /// `setFinding` as part of the transaction `tx`.
    @discardableResult
    public func setFinding(_ finding: Finding?, issueID: Int64, stage: Int, text: String? = nil, on contactID: Int64, version: Int,
                           today: LocalDate, in tx: Transaction) throws -> Contact {
        guard (1...3).contains(stage) else { throw StoreError.refused("There is no stage \(stage).") }
        return try tx.command {
            let words = text.map { TextSanitiser.clean($0, allowLineBreaks: true).0.trimmingSpaces } ?? ""
            try readAheadCase(tx, contactID, also: [Store.anonymisedRead(contactID)])
            let calendar = try self.calendar(tx)
            guard let current = try loadContacts(tx.sql, where: "id = ?", arguments: [.int(contactID)]).first else { throw StoreError.notFound("contact #\(contactID)") }
            guard let issue = current.issues.first(where: { $0.id == issueID }) else { throw StoreError.notFound("issue #\(issueID) of case \(current.reference)") }
            let oldText = issue.findingTexts[stage] ?? ""
            let newText = text == nil ? oldText : words
            // The same verdict (and words) again changes nothing: no new version, no empty audit row.
            if issue.findings[stage] == finding && newText == oldText && current.version == version { return current }
            try Store.refuseStale(expected: version, stored: current.version, reference: current.reference)
            // An anonymised case's course is over: no finding, with words or without.
            try refuseIfAnonymised(tx.sql, contactID: contactID, step: true)
            try Store.refusal { try current.validateFinding(stage: stage, rules: rules, calendar: calendar, today: today) }
            // Skipped by another tool's trigger, the finding would be said saved and audited unwritten.
            try tx.sql.executeExpecting("UPDATE issues SET finding\(stage) = ?, finding\(stage)_text = ? WHERE id = ?",
                                        [.text(finding?.rawValue), .text(newText), .int(issueID)], changes: 1,
                                        otherwise: Store.issueNotWritten(current.reference))
            var ch = Changes()
            ch.add("finding\(stage)", issue.findings[stage]?.rawValue, finding?.rawValue)
            ch.add("finding\(stage)_text", oldText.isEmpty ? nil : oldText, newText.isEmpty ? nil : newText)
            try audit(tx, .issue, id: issueID, reference: current.reference, parent: contactID, .update, changes: ch)
            // The case as saved (as it is read: an empty text is no text), its row moved once.
            var saved = current
            if let i = saved.issues.firstIndex(where: { $0.id == issueID }) {
                saved.issues[i].findings[stage] = finding
                saved.issues[i].findingTexts[stage] = newText.isEmpty ? nil : newText
            }
            return try savedBumpingVersion(tx.sql, saved, expected: version, today: today, calendar: calendar)
        }
    }

    /// An issue's write another tool's rule skipped (a trigger returning NULL or `RAISE(IGNORE)`):
    /// said, and the command's writes undone, not said saved and audited unwritten (an attack).
    static func issueNotWritten(_ reference: String) -> StoreError {
        .refused("\(reference) was not changed: the database did not write its issue (a rule another tool added may refuse it); nothing was changed.")
    }

    /// Asks at once for what a command on the case `id` reads before it writes: the case, the
    /// calendar (once a transaction) and `also`. On a server a save read them one round trip
    /// each (six before its first write); now in one.
    func readAheadCase(_ tx: Transaction, _ id: Int64, also: [SQLRead] = []) throws {
        try tx.sql.readAhead(Store.caseReads(id: id, freeText: true) + (tx.calendar == nil ? [Store.holidaysRead] : []) + also)
    }

    /// Runs a HeardCore rule, turning its refusal into the store's.
    static func refusal<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let r as MoveRefused { throw StoreError.refused(r.message) }
    }
}
