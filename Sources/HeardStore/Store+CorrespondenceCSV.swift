import Foundation
import GRDB
import HeardCore

/// The contact log and letters in the CSV export and import (`ContactCSV.correspondenceColumns`).
extension Store {
    /// Every case's contact log and letters, by contact id, in two queries (an export of
    /// 100,000 cases reads them once, not case by case). Documents stay out: their bytes are not CSV.
    func exportCorrespondence(_ db: Database) throws -> [Int64: Correspondence] {
        var out: [Int64: Correspondence] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT contact_id, direction, kind, with_whom, at, note FROM contact_log ORDER BY contact_id, at, id") {
            guard let id = r[0] as Int64?, let at = (r[4] as String?).flatMap({ LogTime(stored: $0) }) else { continue }
            out[id, default: Correspondence()].log.append(LogEntry(
                direction: (r[1] as String?).flatMap { LogDirection(rawValue: $0) } ?? .incoming,
                kind: (r[2] as String?).flatMap { LogKind(rawValue: $0) } ?? .call, with: r[3] as String? ?? "", at: at, note: r[5] as String? ?? ""))
        }
        for r in try Row.fetchAll(db, sql: "SELECT contact_id, template, stage, sent, format, body FROM letters ORDER BY contact_id, sent, id") {
            guard let id = r[0] as Int64?, let sent = (r[3] as String?).flatMap({ LocalDate(iso: $0) }) else { continue }
            out[id, default: Correspondence()].letters.append(LetterSent(template: r[1] as String? ?? "", stage: r[2] as Int?, sent: sent,
                                                                         format: r[4] as String? ?? "md", body: r[5] as String? ?? ""))
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
                """, arguments: [contactID, MoveRequest.clean(l.template), l.stage, l.sent.iso, l.format, l.body, actor])
        }
    }
}

extension Store {
    /// Contact log entries per case id, in one GROUP BY (the report counts them; it never loads a log).
    func contactLogCounts() throws -> [Int64: Int] {
        try read { db in
            var out: [Int64: Int] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT contact_id, count(*) FROM contact_log GROUP BY contact_id") {
                if let id = r[0] as Int64?, let n = r[1] as Int? { out[id] = n }
            }
            return out
        }
    }
}
