import HeardCore

/// Retention and legal hold (migration v10): what is due for disposal on a day, what a hold
/// keeps past its date, and setting or lifting a hold as one audited step.
extension Store {
    /// The audit action of setting a legal hold, and of lifting one.
    public static let holdAction = AuditAction.other("hold")
    public static let liftHoldAction = AuditAction.other("lift_hold")

    /// The closed cases whose retention period under `rules` has ended by `asOf` and that are not
    /// anonymised yet: those due for disposal, and those a legal hold keeps past their date.
    public func retentionDue(asOf: LocalDate, rules: RetentionRules = RetentionRules()) throws -> RetentionList {
        let calendar = try calendar()
        let (contacts, holds) = try query { conn -> ([Contact], [Int64: String]) in
            // An open case is never due; a responded one may be closed by its window on `asOf`.
            let contacts = try loadContacts(conn, where: "anonymised = 0 AND status != 'open'", freeText: false)
            var holds: [Int64: String] = [:]
            try conn.each("SELECT id, legal_hold_reason FROM contacts WHERE legal_hold != 0 AND anonymised = 0") { r in
                if !r.isNull(0) { holds[r.int64(0)] = r.text(1) }
            }
            return (contacts, holds)
        }
        let candidates = contacts.map { RetentionCandidate(contact: $0, holdReason: $0.id.flatMap { holds[$0] }) }
        return RetentionList.compute(candidates, asOf: asOf, rules: rules, caseRules: self.rules, calendar: calendar)
    }

    /// A case's legal hold and anonymisation.
    public func protection(contactID: Int64) throws -> CaseProtection {
        try query { conn in try Store.protection(conn, contactID: contactID) }
    }

    /// The query of `protection`.
    static func protectionRead(_ contactID: Int64) -> SQLRead {
        SQLRead(sql: """
            SELECT CASE WHEN legal_hold != 0 THEN 1 ELSE 0 END, legal_hold_reason, legal_hold_on,
                   CASE WHEN anonymised != 0 THEN 1 ELSE 0 END, anonymised_on FROM contacts WHERE id = ?
            """, arguments: [.int(contactID)], cached: true)
    }

    static func protection(_ conn: any SQLConnection, contactID: Int64) throws -> CaseProtection {
        var found: CaseProtection?
        // Held and anonymised as the retention list asks (`legal_hold != 0`, `anonymised = 0`),
        // so that a value another tool wrote (text, say) is read the same way by both.
        try conn.each(protectionRead(contactID)) { r in
            let held = r.int64(0) != 0
            found = CaseProtection(holdReason: held ? r.text(1) : nil, holdOn: r.optionalText(2).flatMap { LocalDate(iso: $0) },
                                   anonymisedOn: r.optionalText(4).flatMap { LocalDate(iso: $0) }, isAnonymised: r.int64(3) != 0)
        }
        guard let found else { throw StoreError.notFound("contact #\(contactID)") }
        return found
    }

    /// Sets a legal hold on a case (or, with `lift`, lifts it), with the reason in the audit
    /// row: a held case is never disposed of. Refused, changing nothing, without a reason, for a
    /// case already anonymised, when setting a hold on a held case (its reason stays), and when
    /// lifting a hold the case does not have.
    public func hold(contactID: Int64, reason: String, lift: Bool = false, today: LocalDate) throws {
        try write { tx in try hold(contactID: contactID, reason: reason, lift: lift, today: today, in: tx) }
    }

    /// `hold` inside `tx`.
    public func hold(contactID: Int64, reason: String, lift: Bool = false, today: LocalDate, in tx: Transaction) throws {
        try tx.command {
            let why = reason.trimmingSpaces
            let current = try contact(id: contactID, in: tx)
            let state = try Store.protection(tx.sql, contactID: contactID)
            if why.isEmpty { throw StoreError.refused(lift ? "Lifting a legal hold needs a reason (--reason)." : "A legal hold needs a reason (--reason).") }
            if state.isAnonymised { throw StoreError.refused("\(current.reference) is anonymised: there is nothing left to hold.") }
            if lift && !state.isHeld { throw StoreError.refused("\(current.reference) is not on legal hold.") }
            // Setting a hold again silently replaced its reason and the trail's reading of why
            // the case is kept: refused, saying which hold stands; lift it first to change it.
            if !lift && state.isHeld {
                let since = state.holdOn.map { "since \($0.iso)" }
                let detail = [since, state.holdReason.flatMap { $0.isEmpty ? nil : $0 }].compactMap { $0 }.joined(separator: ", ")
                throw StoreError.refused("\(current.reference) is already on legal hold" + (detail.isEmpty ? "" : " (\(detail))") + "; nothing was changed (lift it first to change the reason).")
            }
            var ch = Changes()
            if lift {
                try updateCaseRow(tx.sql, "UPDATE contacts SET legal_hold = 0, legal_hold_reason = '', legal_hold_on = NULL, version = version + 1 WHERE id = ?",
                                  [.int(contactID)], reference: current.reference)
                ch.add("legal_hold", "yes", "no")
                ch.add("legal_hold_reason", state.holdReason, nil)
                ch.add("reason", nil, why)
            } else {
                let on = state.isHeld ? (state.holdOn ?? today) : today
                try updateCaseRow(tx.sql, "UPDATE contacts SET legal_hold = 1, legal_hold_reason = ?, legal_hold_on = ?, version = version + 1 WHERE id = ?",
                                  [.text(why), .text(on.iso), .int(contactID)], reference: current.reference)
                ch.add("legal_hold", state.isHeld ? "yes" : "no", "yes")
                ch.add("legal_hold_reason", state.holdReason, why)
                ch.add("legal_hold_on", state.holdOn?.iso, on.iso)
            }
            try audit(tx, .contact, id: contactID, reference: current.reference, lift ? Store.liftHoldAction : Store.holdAction, changes: ch)
        }
    }
}
