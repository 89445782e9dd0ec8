import HeardCore

// What the fast way of a bulk officer or service-area change, and of its undo, reads of a
// chunk of cases: what the rules it applies read, and nothing else. The whole case (names,
// summaries, issues' details and findings' text, stage people) was most of a bulk change's
// reading, and neither the validation nor the clock reads any of it.
extension Store {
    /// What a chunk's cases are read for.
    enum BulkCaseRead {
        /// A bulk change: `Contact.validationProblems` and the clock (`statusWanted`).
        case toValidate
        /// Its undo, which validates nothing: the clock alone (kind, procedure, received and
        /// events), with the reference, officer and area it names and restores.
        case forStatus
    }

    /// `.toValidate`: the contact columns of `contactColumns`' places, the free text neither the
    /// validation nor the clock reads left empty; then `anonymised` and `statusColumns` (the lean row).
    static let bulkCaseColumnsToValidate = """
        id, reference, kind, received, channel, service_area, team, procedure, '', complainant_role,
        cyp, advocate, '', '', officer, events_date, acceptance_decision, legal_hold, version, \
        \(peopleColumns), anonymised, \(statusColumns)
        """

    /// `.forStatus`: what the clock and the undo read, then the lean row.
    static let bulkCaseColumnsForStatus = "id, reference, kind, received, procedure, service_area, officer, version, anonymised, \(statusColumns)"

    /// The cases of `ids` (a chunk's, sorted), by id, each with its lean row (`anonymised`, then
    /// `statusColumns`) read in the same statement: the contact with what `read` needs, its
    /// events, and for `.toValidate` its issues (their categories, in their order).
    /// A case whose kind or received date cannot be read is left out, as `loadContacts` leaves it.
    /// Such a contact is for checking only: a case going the general way, which writes every
    /// column, is read whole there. The ids are bound, so a full chunk's statements are the same
    /// text every chunk and kept prepared.
    func bulkCases(_ conn: any SQLConnection, ids: [Int64], _ read: BulkCaseRead) throws -> [Int64: (contact: Contact, lean: [SQLValue])] {
        guard !ids.isEmpty else { return [:] }
        let (clause, args) = Store.bulkCaseClause(ids)
        let cached = ids.count == BulkReadAhead.chunk
        var interner = Interner()
        var contacts: [Contact] = []
        var leans: [[SQLValue]] = []
        contacts.reserveCapacity(ids.count)
        leans.reserveCapacity(ids.count)
        switch read {
        case .toValidate:
            let leanFrom = Int32(19 + PeopleField.columns.count)
            // Rows as a file's own type there (`SQLConnection.each(_:file:server:)`).
            func row<R: SQLRow>(_ r: R) {
                guard let c = Store.contact(r, &interner) else { return }
                contacts.append(c)
                leans.append((leanFrom..<(leanFrom + 5)).map { r.value($0) })
            }
            try conn.each(Store.bulkContactsRead(ids, read), file: { row($0) }, server: { row($0) })
        case .forStatus:
            func row<R: SQLRow>(_ r: R) {
                // The same reading of each column as `Store.contact`.
                guard let kind = ContactKind(rawValue: r.text(2)), r.kind(3) == .text, let received = LocalDate(iso: r.text(3)) else { return }
                contacts.append(Contact(id: r.int64(0), reference: r.text(1), kind: kind, received: received,
                                        serviceArea: interner(r.text(5)), procedure: r.optionalText(4).flatMap(ProcedureKind.init(rawValue:)),
                                        officer: interner(r.text(6)), version: r.isNull(7) ? 1 : r.int(7)))
                leans.append((8..<13).map { r.value(Int32($0)) })
            }
            try conn.each(Store.bulkContactsRead(ids, read), file: { row($0) }, server: { row($0) })
        }
        if contacts.isEmpty { return [:] }
        let found = contacts.compactMap(\.id)
        let scope = Store.attachmentScope(minID: found.min() ?? 0, maxID: found.max() ?? 0, count: found.count, where: clause, arguments: args)
        let index = ContactIndex(contacts)
        if read == .toValidate {
            // Of an issue the validation reads the category alone (the clock reads no issue):
            // placed in its order as `loadContacts` places it, so the first refused is the same.
            var placing = IssuePlacing()
            func row<R: SQLRow>(_ r: R) {
                if let i = index[r.int64(1)] {
                    placing.place(ComplaintIssue(id: r.int64(0), category: interner(r.text(2))), position: r.int(3), in: &contacts, at: i)
                }
            }
            try conn.each(Store.bulkIssuesRead(scope, cached: cached), file: { row($0) }, server: { row($0) })
        }
        try eachEvent(conn, scope, cached: cached) { contactID, event in
            if let i = index[contactID] { contacts[i].events.append(event) }
        }
        var out: [Int64: (contact: Contact, lean: [SQLValue])] = [:]
        out.reserveCapacity(contacts.count)
        for (c, lean) in zip(contacts, leans) { if let id = c.id { out[id] = (c, lean) } }
        return out
    }

    /// The WHERE clause of a chunk's contacts, its ids bound.
    static func bulkCaseClause(_ ids: [Int64]) -> (sql: String, arguments: [Bound]) {
        ("id IN (" + Array(repeating: "?", count: ids.count).joined(separator: ",") + ")", ids.map { Bound.int($0) })
    }

    /// The contacts' query of `bulkCases`.
    static func bulkContactsRead(_ ids: [Int64], _ read: BulkCaseRead) -> SQLRead {
        let (clause, args) = bulkCaseClause(ids)
        let columns = read == .toValidate ? bulkCaseColumnsToValidate : bulkCaseColumnsForStatus
        return SQLRead(sql: "SELECT \(columns) FROM contacts WHERE \(clause)", arguments: args, cached: ids.count == BulkReadAhead.chunk)
    }

    /// The issues' query of `bulkCases` (`.toValidate`).
    static func bulkIssuesRead(_ scope: (sql: String, arguments: [Bound]), cached: Bool) -> SQLRead {
        SQLRead(sql: "SELECT id, contact_id, category, position FROM issues WHERE \(scope.sql) ORDER BY contact_id, id", arguments: scope.arguments, cached: cached)
    }

    /// The queries `bulkCases` makes for `ids` when every one of them is on file (the same text
    /// and values): asked for ahead of the chunk's turn (`SQLConnection.writeAhead`).
    static func bulkCaseReads(_ ids: [Int64], _ read: BulkCaseRead) -> [SQLRead] {
        guard let lo = ids.min(), let hi = ids.max() else { return [] }
        let (clause, args) = bulkCaseClause(ids)
        let cached = ids.count == BulkReadAhead.chunk
        let scope = attachmentScope(minID: lo, maxID: hi, count: ids.count, where: clause, arguments: args)
        return [bulkContactsRead(ids, read)] + (read == .toValidate ? [bulkIssuesRead(scope, cached: cached)] : []) + [eventsRead(scope, cached: cached)]
    }
}
