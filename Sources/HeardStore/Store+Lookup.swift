import GRDB
import HeardCore

extension Store {
    /// The references (with ids) that `query` means, at most `limit` of them, in reference order.
    public func references(matching query: ReferenceQuery, limit: Int = 20) throws -> [(id: Int64, reference: String)] {
        try read { db in
            let rows: [Row]
            switch query {
            case .exact(let r):
                rows = try Row.fetchAll(db, sql: "SELECT id, reference FROM contacts WHERE reference = ? COLLATE NOCASE", arguments: [r])
            case .number(let n):
                // Every reference ending in the number's digits; the rule then drops `…-1039` for 39.
                rows = try Row.fetchAll(db, sql: "SELECT id, reference FROM contacts WHERE reference LIKE ? ORDER BY reference",
                                        arguments: ["%" + String(n)])
            }
            let found = rows.compactMap { r -> (id: Int64, reference: String)? in
                guard let id = (r[0] as DatabaseValue).int64, let ref = (r[1] as DatabaseValue).text else { return nil }
                return query.matches(ref) ? (id, ref) : nil
            }
            return Array(found.prefix(limit))
        }
    }
}
