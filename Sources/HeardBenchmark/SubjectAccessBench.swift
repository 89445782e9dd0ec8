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
    static func run(size: Int, db: String, heard: String, env: [String: String], work: String) throws {
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
        let name = try queue.read { try String.fetchOne($0, sql: "SELECT complainant_name FROM contacts WHERE complainant_name != '' ORDER BY id DESC LIMIT 1") } ?? "Nobody"
        let cases = try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM contacts WHERE complainant_name = ?", arguments: [name]) } ?? 0
        var scan: [ProcessRun] = [], list: [ProcessRun] = []
        for _ in 0..<3 {
            scan.append(Measure.run(heard, ["sar", "Nobody Atall", "--db", db], env: env))
            list.append(Measure.run(heard, ["sar", name, "--db", db], env: env))
        }
        report(size, "heard sar, no match: every table read (median)", ms(Measure.median(scan.map(\.seconds))), "")
        report(size, "heard sar, \(cases) cases listed to confirm (median)", ms(Measure.median(list.map(\.seconds))), "")
        let bundle = Measure.run(heard, ["sar", name, "--yes", "--output", "\(work)/sar-\(size)", "--db", db], env: env)
        report(size, "heard sar --yes, bundle of \(cases) cases", ms(bundle.seconds), "")
        report(size, "heard sar --yes peak memory", mb(bundle.peakMB), "")
    }
}
