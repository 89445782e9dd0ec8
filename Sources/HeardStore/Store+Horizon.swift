import HeardCore

extension Store {
    /// The open cases whose running deadline falls past the bank holidays the calendar knows,
    /// by reference, with that deadline: `heard check` names each and the import.
    public func dueBeyondHorizon(today: LocalDate) throws -> [(reference: String, due: LocalDate)] {
        let calendar = try self.calendar()
        return try query { conn in
            try loadContacts(conn, freeText: false).compactMap { c in
                guard let due = c.clock(rules: rules, calendar: calendar, today: today).due, calendar.isBeyondHorizon(due) else { return nil }
                return (c.reference, due)
            }
        }
    }
}
