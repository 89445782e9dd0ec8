import Foundation
import GRDB
import HeardCore

/// `heard check` on the correspondence: a document whose bytes no longer match the SHA-256
/// taken when it was added, and log lines or letters another tool wrote that Heard cannot read.
extension Store {
    /// The problems, each naming the case's reference and the row (never its contents).
    func correspondenceProblems(_ db: Database) throws -> [String] {
        var out: [String] = []
        // One document's bytes at a time: the table may hold gigabytes.
        let docs = try Row.fetchAll(db, sql: """
            SELECT d.id, c.reference, d.sha256 FROM documents d JOIN contacts c ON c.id = d.contact_id ORDER BY d.contact_id, d.id
            """)
        var numbers: [String: Int] = [:]
        for r in docs {
            let ref = r[1] as String? ?? "?"
            numbers[ref, default: 0] += 1
            guard let id = r[0] as Int64?, let data = try Data.fetchOne(db, sql: "SELECT data FROM documents WHERE id = ?", arguments: [id]) else { continue }
            if SHA256.hex(data) != (r[2] as String? ?? "") {
                out.append("case \(ref): document \(numbers[ref] ?? 0): its bytes no longer match the SHA-256 recorded when it was added")
            }
        }
        for r in try Row.fetchAll(db, sql: "SELECT l.id, c.reference, l.at, l.direction, l.kind FROM contact_log l JOIN contacts c ON c.id = l.contact_id ORDER BY l.id") {
            let readable = (r[2] as String?).flatMap { LogTime(stored: $0) } != nil
                && (r[3] as String?).flatMap { LogDirection(rawValue: $0) } != nil && (r[4] as String?).flatMap { LogKind(rawValue: $0) } != nil
            if !readable { out.append("case \(r[1] as String? ?? "?"): contact log row #\(r[0] as Int64? ?? 0) has a time, direction or kind Heard cannot read") }
        }
        for r in try Row.fetchAll(db, sql: "SELECT l.id, c.reference, l.sent FROM letters l JOIN contacts c ON c.id = l.contact_id ORDER BY l.id") {
            if (r[2] as String?).flatMap({ LocalDate(iso: $0) }) == nil {
                out.append("case \(r[1] as String? ?? "?"): letter row #\(r[0] as Int64? ?? 0) has a sent date Heard cannot read")
            }
        }
        return out
    }
}
