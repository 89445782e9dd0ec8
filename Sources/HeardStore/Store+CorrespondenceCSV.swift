import Foundation
import GRDB
import HeardCore

/// The contact log and letters in the CSV export and import (`ContactCSV.correspondenceColumns`).
extension Store {
    /// Every case's contact log and letters, by contact id, in two queries (an export of
    /// 100,000 cases reads them once, not case by case). Documents stay out: their bytes are not CSV.
    /// `scope`: which cases' (SQL on `contact_id`), every case's when not given.
    func exportCorrespondence(_ conn: any SQLConnection, where scope: String = SQLDialect.always, arguments: [Bound] = [],
                              cached: Bool = false) throws -> [Int64: Correspondence] {
        var out: [Int64: Correspondence] = [:]
        // Rows Heard cannot read are left out here and named by `unreadableRows()` (the
        // command fails unless --skip-unreadable), never decoded in a way that traps.
        let (logRead, letterRead) = Store.exportCorrespondenceReads(where: scope, arguments: arguments, cached: cached)
        // Read where they are (`RowCells`), by the rules of `CellReader`.
        func log<R: SQLRow>(_ r: R) {
            var cells = RowCells(r)
            guard let id = cells.integer(0), var e = Store.logEntry(&cells, from: 1) else { return }
            e.id = nil; e.recordedBy = ""
            out[id, default: Correspondence()].log.append(e)
        }
        func letter<R: SQLRow>(_ r: R) {
            var cells = RowCells(r)
            guard let id = cells.integer(0), var l = Store.letterSent(&cells, from: 1) else { return }
            l.id = nil; l.recordedBy = ""
            out[id, default: Correspondence()].letters.append(l)
        }
        try conn.each(logRead, file: { log($0) }, server: { log($0) })
        try conn.each(letterRead, file: { letter($0) }, server: { letter($0) })
        return out
    }

    /// The two queries of `exportCorrespondence`.
    static func exportCorrespondenceReads(where scope: String, arguments: [Bound] = [], cached: Bool = false) -> (log: SQLRead, letters: SQLRead) {
        (SQLRead(sql: "SELECT contact_id, \(Store.logColumns) FROM contact_log WHERE \(scope) ORDER BY contact_id, at, id",
                 arguments: arguments, cached: cached),
         SQLRead(sql: "SELECT contact_id, \(Store.letterColumns) FROM letters WHERE \(scope) ORDER BY contact_id, sent, id",
                 arguments: arguments, cached: cached))
    }

    /// Writes an imported case's log and letters (the import's own audit row covers them).
    func importCorrespondence(_ conn: any SQLConnection, _ corr: Correspondence, contactID: Int64) throws {
        for e in corr.log {
            try conn.executeCached("""
                INSERT INTO contact_log (contact_id, direction, kind, with_whom, at, note, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [.int(contactID), .text(e.direction.rawValue), .text(e.kind.rawValue), .text(MoveRequest.clean(e.with)), .text(e.at.text),
                      .text(Store.cleanNote(e.note)), .text(actor)])
        }
        for l in corr.letters {
            try conn.executeCached("""
                INSERT INTO letters (contact_id, template, stage, sent, format, body, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [.int(contactID), .text(MoveRequest.clean(l.template)), .int(l.stage), .text(l.sent.iso), .text(l.format),
                      .text(Store.lineFeeds(l.body)), .text(actor)])
        }
    }

    /// `importCorrespondence` on a GRDB connection.
}

extension Store {
    /// Contact log entries per case id, in one GROUP BY (the report counts them; it never loads a log).
    func contactLogCounts() throws -> [Int64: Int] {
        try query { conn in
            var out: [Int64: Int] = [:]
            try conn.each("SELECT contact_id, count(*) FROM contact_log GROUP BY contact_id") { r in
                var c = CellReader(r.values)
                if let id = c.integer(0), let n = c.integer(1) { out[id] = Int(n) }
            }
            return out
        }
    }
}
