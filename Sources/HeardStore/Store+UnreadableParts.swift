import HeardCore

extension Store {
    /// `unreadableRows()` reading only the tables asked for: `heard cases` leaves out contact
    /// rows alone, and scanning actions and correspondence for it cost as much as its list.
    public func unreadableRows(contacts: Bool, actions: Bool, correspondence: Bool) throws -> UnreadableRows {
        try query { conn in
            var rows = UnreadableRows(contacts: [], actions: [])
            if contacts {
                rows.contacts = try Store.unreadableIDs(conn, table: "contacts", date: "received", kinds: ContactKind.allCases.map(\.rawValue))
            }
            if actions { rows.actions = try Store.unreadableIDs(conn, table: "actions", date: "created") }
            if correspondence {
                let corr = try unreadableCorrespondence(conn)
                rows.log = corr.log
                rows.letters = corr.letters
            }
            return rows
        }
    }
}
