import HeardCore

/// Everything the case detail screen and `heard show` show of one case, read as one snapshot.
public struct CaseParts: Sendable {
    public var contact: Contact
    public var calendar: WorkingDayCalendar
    /// The audit rows of the case and of its issues, events and learning (`caseHistory`).
    public var history: [AuditEntry]
    public var learning: [LearningPoint]
    public var actions: [ActionItem]
    public var correspondence: Correspondence
    public var protection: CaseProtection
    public var reads: [ReadEntry]
}

extension Store {
    /// One case's whole record in one read: its row and those that hang from it, the calendar its
    /// clocks count on, its history, learning, actions, correspondence, hold and access log.
    /// One snapshot, so the parts agree with each other (a change committed between two reads
    /// could show a history line for an event the case did not yet hold), and one transaction:
    /// on a server, eight reads were sixteen round trips and most of a save key's wait; now two.
    public func caseParts(id: Int64) throws -> CaseParts {
        try query { conn in
            // Every part that needs only the id, asked at once: on a server one round trip, not
            // thirteen (the case's own four, the calendar, two for its history, its actions,
            // three for its correspondence, its hold and its access log).
            let audit = Store.caseAuditScopeReads(id)
            try conn.readAhead(Store.caseReads(id: id, freeText: true)
                + [Store.holidaysRead, audit.references, audit.ended, Store.actionsRead(forCase: id)]
                + Store.correspondenceReads(contactID: id) + [Store.protectionRead(id), Store.readsRead(id)])
            let c = try contact(id: id, conn)
            // Its history's query and its learning's need the case's reference (and the history's,
            // what the first round gave): asked together, a second round trip, not two.
            let history = try Store.caseHistoryRead(conn, contactID: id, reference: c.reference)
            try conn.readAhead([history, Store.learningPointsRead(conn.dialect, caseReference: c.reference, in: nil)])
            return CaseParts(contact: c, calendar: try calendar(conn),
                             history: try caseHistory(conn, history),
                             learning: try learningPoints(conn, caseReference: c.reference, in: nil),
                             actions: try actions(conn, forCase: id),
                             correspondence: try loadCorrespondence(conn, contactID: id),
                             protection: try Store.protection(conn, contactID: id),
                             reads: try reads(conn, contactID: id))
        }
    }
}
