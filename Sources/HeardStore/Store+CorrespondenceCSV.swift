import Foundation
import GRDB
import HeardCore

/// The contact log and letters in the CSV export and import (`ContactCSV.correspondenceColumns`).
extension Store {
    /// Every case's contact log and letters, by contact id, in two queries (an export of
    /// 100,000 cases reads them once, not case by case). Documents stay out: their bytes are not CSV.
    func exportCorrespondence(_ db: Database) throws -> [Int64: Correspondence] {
        var out: [Int64: Correspondence] = [:]
        // Rows Heard cannot read are left out here and named by `unreadableRows()` (the
        // command fails unless --skip-unreadable), never decoded in a way that traps.
        for r in try Row.fetchAll(db, sql: "SELECT contact_id, \(Store.logColumns) FROM contact_log ORDER BY contact_id, at, id") {
            guard let id = CellReaderID.id(r), var e = Store.logEntry(r, from: 1) else { continue }
            e.id = nil; e.recordedBy = ""
            out[id, default: Correspondence()].log.append(e)
        }
        for r in try Row.fetchAll(db, sql: "SELECT contact_id, \(Store.letterColumns) FROM letters ORDER BY contact_id, sent, id") {
            guard let id = CellReaderID.id(r), var l = Store.letterSent(r, from: 1) else { continue }
            l.id = nil; l.recordedBy = ""
            out[id, default: Correspondence()].letters.append(l)
        }
        return out
    }

    /// Writes an imported case's log and letters (the import's own audit row covers them).
    func importCorrespondence(_ db: Database, _ corr: Correspondence, contactID: Int64) throws {
        for e in corr.log {
            try db.execute(sql: """
                INSERT INTO contact_log (contact_id, direction, kind, with_whom, at, note, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [contactID, e.direction.rawValue, e.kind.rawValue, MoveRequest.clean(e.with), e.at.text, Store.cleanNote(e.note), actor])
        }
        for l in corr.letters {
            try db.execute(sql: """
                INSERT INTO letters (contact_id, template, stage, sent, format, body, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [contactID, MoveRequest.clean(l.template), l.stage, l.sent.iso, l.format, Store.lineFeeds(l.body), actor])
        }
    }
}

extension Store {
    /// Contact log entries per case id, in one GROUP BY (the report counts them; it never loads a log).
    func contactLogCounts() throws -> [Int64: Int] {
        try read { db in
            var out: [Int64: Int] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT contact_id, count(*) FROM contact_log GROUP BY contact_id") {
                var c = CellReader(r)
                if let id = c.integer(0), let n = c.integer(1) { out[id] = Int(n) }
            }
            return out
        }
    }
}
