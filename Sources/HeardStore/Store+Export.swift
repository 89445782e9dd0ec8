import HeardCore

extension Store {
    /// Contacts in an export format: every contact (in received order, then id) or, with `ids`,
    /// those in that order. `:export` and the bulk export take it as one text.
    public func exportContacts(_ format: ContactExportFormat, ids: [Int64]? = nil, today: LocalDate) throws -> (text: String, count: Int) {
        var text = ""
        let count = try exportContacts(format, ids: ids, today: today) { text += $0 }
        return (text, count)
    }

    /// `exportContactBytes` in pieces of text.
    public func exportContacts(_ format: ContactExportFormat, ids: [Int64]? = nil, today: LocalDate, pieceBytes: Int = 1 << 20,
                               batch: Int = Store.exportBatch, write: (String) throws -> Void) throws -> Int {
        try exportContactBytes(format, ids: ids, today: today, pieceBytes: pieceBytes, batch: batch) {
            try write(String(decoding: $0, as: UTF8.self))
        }
    }

    /// Contacts read a batch at a time (`batch` of them, each batch in a few ordered queries)
    /// and handed to `write` as UTF-8 in pieces of about `pieceBytes` as the export fills, in
    /// order: the export of 100,000 holds a couple of batches of contacts and a few pieces at a
    /// time. A batch is formatted on a second thread while the next one is read (reading and
    /// formatting each take about half the time). Returns how many contacts were written. All is
    /// read in one transaction, so the pieces agree.
    public func exportContactBytes(_ format: ContactExportFormat, ids: [Int64]? = nil, today: LocalDate, pieceBytes: Int = 1 << 20,
                                   batch: Int = Store.exportBatch, write: ([UInt8]) throws -> Void) throws -> Int {
        let formatter = ExportFormatter(ContactExportWriter(format: format, rules: rules, calendar: try calendar(), today: today),
                                        pieceBytes: pieceBytes)
        // Whatever stops the reading, the second thread is idle before this returns.
        defer { formatter.drain() }
        try query { conn in
            // The order `allContacts()` reads them in.
            let order = try ids ?? conn.ints("SELECT id FROM contacts ORDER BY received, id")
            var start = 0
            while start < order.count {
                let part = order[start..<(start + min(max(batch, 1), order.count - start))]
                start = part.endIndex
                let scope = Store.exportScope(part)
                // A range is bound, so its statements stay prepared from batch to batch (made
                // anew, the six were 2% of the export); a list is in the text, made each time.
                let cached = !scope.arguments.isEmpty
                // On a server the batch's six queries go in one round trip, not six.
                if let lo = part.min(), let hi = part.max() {
                    let corr = Store.exportCorrespondenceReads(where: scope.attachments, arguments: scope.arguments, cached: cached)
                    try conn.readAhead(Store.loadReads(where: scope.contacts, arguments: scope.arguments, expecting: lo...hi, count: part.count,
                                                       freeText: true, cached: cached, byID: true)
                        + [corr.log, corr.letters])
                }
                // In id order (SQLite's sorting of the batch's wide rows by received date was a
                // tenth of the export), placed here in the order asked; most batches are both.
                var found = try loadContacts(conn, where: scope.contacts, arguments: scope.arguments, byID: true, cached: cached)
                let corr = try exportCorrespondence(conn, where: scope.attachments, arguments: scope.arguments, cached: cached)
                if !found.elementsEqual(part, by: { $0.id == $1 }) {
                    var at: [Int64: Int] = [:]
                    at.reserveCapacity(found.count)
                    for (i, c) in found.enumerated() { if let id = c.id, at[id] == nil { at[id] = i } }
                    found = part.compactMap { at[$0].map { found[$0] } }
                }
                formatter.add(found, correspondence: corr)
                for piece in formatter.ready() { try write(piece) }
            }
        }
        let (rest, count) = formatter.finish()
        for piece in rest { try write(piece) }
        return count
    }

    /// Which contacts a batch reads, as SQL on `id` and on `contact_id`: a range when the batch's
    /// ids are nearly dense (contacts are mostly logged in received order; the few others in the
    /// range are read and not written), else the list of them. Parsing a list of 1,000 numbers
    /// three times a batch was a tenth of the export.
    /// A range's ends are `arguments` (bound to both texts' `?`); a list is written in the texts.
    static func exportScope(_ ids: ArraySlice<Int64>) -> (contacts: String, attachments: String, arguments: [Bound]) {
        if let lo = ids.min(), let hi = ids.max() {
            let span = hi.subtractingReportingOverflow(lo)
            if !span.overflow && span.partialValue < Int64(ids.count) + Int64(ids.count / 8) {
                return ("id BETWEEN ? AND ?", "contact_id BETWEEN ? AND ?", [.int(lo), .int(hi)])
            }
        }
        let list = Set(ids).map(String.init).joined(separator: ",")
        return ("id IN (\(list))", "contact_id IN (\(list))", [])
    }

    /// Contacts read together for the export: enough that each query's cost is its rows, few
    /// enough that a batch's records are a small part of what the export holds.
    public static let exportBatch = 1000
}
