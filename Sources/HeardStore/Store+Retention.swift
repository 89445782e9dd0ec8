import GRDB
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
        let (contacts, holds) = try read { db -> ([Contact], [Int64: String]) in
            // An open case is never due; a responded one may be closed by its window on `asOf`.
            let contacts = try loadContacts(db, where: "anonymised = 0 AND status != 'open'", freeText: false)
            var holds: [Int64: String] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT id, legal_hold_reason FROM contacts WHERE legal_hold != 0 AND anonymised = 0") {
                if let id = r[0] as Int64? { holds[id] = (r[1] as String?) ?? "" }
            }
            return (contacts, holds)
        }
        let candidates = contacts.map { RetentionCandidate(contact: $0, holdReason: $0.id.flatMap { holds[$0] }) }
        return RetentionList.compute(candidates, asOf: asOf, rules: rules, caseRules: self.rules, calendar: calendar)
    }

    /// A case's legal hold and anonymisation.
    public func protection(contactID: Int64) throws -> CaseProtection {
        try read { db in try Store.protection(db, contactID: contactID) }
    }

    static func protection(_ db: Database, contactID: Int64) throws -> CaseProtection {
        guard let r = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT legal_hold, legal_hold_reason, legal_hold_on, anonymised, anonymised_on FROM contacts WHERE id = ?
            """), arguments: [contactID]) else { throw StoreError.notFound("contact #\(contactID)") }
        let held = (r[0] as Int?) ?? 0 != 0
        return CaseProtection(holdReason: held ? ((r[1] as String?) ?? "") : nil, holdOn: (r[2] as String?).flatMap { LocalDate(iso: $0) },
                              anonymisedOn: (r[4] as String?).flatMap { LocalDate(iso: $0) }, isAnonymised: (r[3] as Int?) ?? 0 != 0)
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
            let state = try Store.protection(tx.db, contactID: contactID)
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
                try tx.db.execute(sql: "UPDATE contacts SET legal_hold = 0, legal_hold_reason = '', legal_hold_on = NULL, version = version + 1 WHERE id = ?",
                                  arguments: [contactID])
                ch.add("legal_hold", "yes", "no")
                ch.add("legal_hold_reason", state.holdReason, nil)
                ch.add("reason", nil, why)
            } else {
                let on = state.isHeld ? (state.holdOn ?? today) : today
                try tx.db.execute(sql: "UPDATE contacts SET legal_hold = 1, legal_hold_reason = ?, legal_hold_on = ?, version = version + 1 WHERE id = ?",
                                  arguments: [why, on.iso, contactID])
                ch.add("legal_hold", state.isHeld ? "yes" : "no", "yes")
                ch.add("legal_hold_reason", state.holdReason, why)
                ch.add("legal_hold_on", state.holdOn?.iso, on.iso)
            }
            try audit(tx, .contact, id: contactID, reference: current.reference, lift ? Store.liftHoldAction : Store.holdAction, changes: ch)
        }
    }
}
