import Foundation
import GRDB
import HeardCore
import HeardStore

/// Subject access at size: the generated file gains one contact log line per contact and a
/// letter (about 1 KB, as the shipped templates come out) per two, so that every table the
/// search reads is as full as a busy team's; then `heard sar` is timed as a whole process: a
/// name in no case (the cost of reading every table), and a generated name (the generator
/// reuses names, so it is in hundreds of cases) listed, then written as a bundle.
enum SubjectAccessBench {
    /// Fills the contact log and letters of the SQLite file `db` (before any copy to a server).
    static func prepare(db: String) throws {
        let queue = try DatabaseQueue(path: db)
        try queue.write { db in
            let log = try db.makeStatement(sql: "INSERT INTO contact_log (contact_id, direction, kind, with_whom, at, note) VALUES (?, 'in', 'call', ?, '2025-01-02 10:00', ?)")
            let letter = try db.makeStatement(sql: "INSERT INTO letters (contact_id, template, stage, sent, format, body) VALUES (?, 'acknowledgement', 1, '2025-01-03', 'md', ?)")
            let body = String(repeating: "We have received your complaint and will respond within the timescale. ", count: 14)
            let rows = try Row.fetchAll(db, sql: "SELECT id, complainant_name FROM contacts")
            for r in rows {
                let id: Int64 = r[0], name: String = r[1]
                try log.execute(arguments: [id, name, "Rang to ask for an update on the case; said they would write."])
                if id % 2 == 0 { try letter.execute(arguments: [id, "Dear \(name),\n\n" + body]) }
            }
        }
        try queue.close()
    }

    /// The name the listed run looks for (a generated name, in hundreds of cases) and its case count,
    /// read from the SQLite file before any copy to a server.
    static func subject(db: String) throws -> (name: String, cases: Int) {
        let queue = try DatabaseQueue(path: db)
        defer { try? queue.close() }
        let name = try queue.read { try String.fetchOne($0, sql: "SELECT complainant_name FROM contacts WHERE complainant_name != '' ORDER BY id DESC LIMIT 1") } ?? "Nobody"
        let cases = try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM contacts WHERE complainant_name = ?", arguments: [name]) } ?? 0
        return (name, cases)
    }

    /// Times `heard sar` on the suite's database (a file or a URL) for `subject`.
    static func run(size: Int, subject: (name: String, cases: Int), suite: Suite) {
        suite.whole("heard sar, no match: every table read", ["sar", "Nobody Atall"], budget: 0.050, succeeded: [0, 1])
        suite.whole("heard sar, \(subject.cases) cases listed to confirm", ["sar", subject.name], budget: 0.050, succeeded: [0, 1])
        // The bundle a run before left in a kept --data folder (heard sar never replaces one).
        let bundle = "\(suite.work)/sar-\(size)-\(suite.figures.database)"
        try? FileManager.default.removeItem(atPath: bundle)
        suite.whole("heard sar --yes, bundle of \(subject.cases) cases",
                    ["sar", subject.name, "--yes", "--output", bundle],
                    runs: 1, memory: "heard sar --yes peak memory", compared: false)
    }
}
