import HeardCore

extension Store {
    /// Contacts in an export format: every contact (in received order, then id) or, with `ids`,
    /// those in that order. `:export` and the bulk export take it as one text.
    public func exportContacts(_ format: ContactExportFormat, ids: [Int64]? = nil, today: LocalDate) throws -> (text: String, count: Int) {
        var text = ""
        let count = try exportContacts(format, ids: ids, today: today) { text += $0 }
        return (text, count)
    }

    /// Contacts read a batch at a time (`batch` of them, each batch in a few ordered queries)
    /// and handed to `write` in pieces of about `pieceBytes` as the export fills, in order: the
    /// export of 100,000 holds one batch of contacts and one piece of text at a time. Returns how
    /// many contacts were written. All is read in one transaction, so the pieces agree.
    public func exportContacts(_ format: ContactExportFormat, ids: [Int64]? = nil, today: LocalDate, pieceBytes: Int = 1 << 20,
                               batch: Int = Store.exportBatch, write: (String) throws -> Void) throws -> Int {
        var w = ContactExportWriter(format: format, rules: rules, calendar: try calendar(), today: today)
        try query { conn in
            // The order `allContacts()` reads them in.
            let order = try ids ?? conn.ints("SELECT id FROM contacts ORDER BY received, id")
            var start = 0
            while start < order.count {
                let part = order[start..<(start + min(max(batch, 1), order.count - start))]
                start = part.endIndex
                let list = Set(part).map(String.init).joined(separator: ",")
                let found = try loadContacts(conn, where: "id IN (\(list))")
                let byID = Dictionary(found.map { ($0.id ?? -1, $0) }, uniquingKeysWith: { a, _ in a })
                let corr = format == .csv ? try exportCorrespondence(conn, where: "contact_id IN (\(list))") : [:]
                for id in part {
                    guard let c = byID[id] else { continue }
                    w.append(c, correspondence: corr[id] ?? Correspondence())
                    if w.pendingBytes >= pieceBytes { try write(w.take()) }
                }
            }
        }
        try write(w.finish())
        return w.count
    }

    /// Contacts read together for the export: enough that each query's cost is its rows, few
    /// enough that a batch's records are a small part of what the export holds.
    public static let exportBatch = 1000
}
