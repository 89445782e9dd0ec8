import HeardCore

extension Store {
    /// Contacts in an export format: every contact (in id order) or, with `ids`, those in that
    /// order. `heard export`, `:export` and the bulk export all write through this.
    public func exportContacts(_ format: ContactExportFormat, ids: [Int64]? = nil, today: LocalDate) throws -> (text: String, count: Int) {
        let contacts = try ids.map { try self.contacts(ids: $0) } ?? allContacts()
        // exportCorrespondence is not yet written for both databases: its GRDB form until it is.
        let corr = format == .csv ? try query { try exportCorrespondence($0) } : [:]
        return (format.render(contacts, rules: rules, calendar: try calendar(), today: today, correspondence: corr), contacts.count)
    }
}
