import HeardCore

extension Store {
    /// The references (with ids) that `query` means, at most `limit` of them, in reference order.
    public func references(matching query: ReferenceQuery, limit: Int = 20) throws -> [(id: Int64, reference: String)] {
        try self.query { conn in
            let rows: [[SQLValue]]
            switch query {
            case .exact(let r):
                rows = try conn.rows("SELECT id, reference FROM contacts WHERE " + conn.dialect.equalsIgnoringCase("reference"), [.text(r)])
            case .number(let n):
                // Every reference ending in the number's digits; the rule then drops `…-1039` for 39.
                // In the order of the column, which ignores case in SQLite: lower() says so to both.
                rows = try conn.rows("SELECT id, reference FROM contacts WHERE reference LIKE ? ORDER BY lower(reference)",
                                     [.text("%" + String(n))])
            }
            let found = rows.compactMap { r -> (id: Int64, reference: String)? in
                guard let id = r[0].int64, let ref = r[1].text else { return nil }
                return query.matches(ref) ? (id, ref) : nil
            }
            return Array(found.prefix(limit))
        }
    }
}
