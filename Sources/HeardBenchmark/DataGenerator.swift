import Foundation
import GRDB
import HeardCore
import HeardStore

/// Deterministic benchmark data in the design load's proportions: per contact 3 issues,
/// 10 audit rows, and one action per 5 contacts, spread over ten years before `today`.
enum DataGenerator {
    static let officers = (1...40).map { "Officer \($0)" }
    static let first = ["Amelia", "Oliver", "Zoë", "李", "Noah", "Ava", "Leo", "Mia", "Chloé", "Jack", "Aisha", "Ravi"]
    static let last = ["Smith", "Jones", "小龍", "Patel", "Nowak", "Byrne", "Müller", "Okafor", "Chen", "Evans"]

    /// An import CSV of `count` contacts.
    static func csv(count: Int, today: LocalDate) -> String {
        var rng = SeededRandom(seed: UInt64(count) &* 7919)
        let cal = WorkingDayCalendar.englandAndWales
        let areas = ReferenceData.defaultServiceAreas
        let cats = ReferenceData.defaultCategories
        var out = "reference,kind,received,channel,service_area,team,procedure,complainant_name,complainant_role,child_or_young_person,advocate,categories,summary,officer,acknowledged,stage1_response,stage1_outcome,stage1_satisfied,stage2_requested,stage2_response,stage2_outcome,closed\n"
        out.reserveCapacity(count * 220)
        let span = 3650
        let start = today.adding(days: -span)
        var perYear: [Int: Int] = [:]
        for i in 0..<count {
            // Evenly spread, oldest first, so references come out in order.
            let received = cal.workingDay(onOrAfter: start.adding(days: i * span / max(1, count)))
            if received > today { continue }
            let y = received.year
            perYear[y, default: 0] += 1
            let ref = "CS-\(y)-\(String(format: "%04d", perYear[y] ?? 0))"   // as Heard numbers them
            let roll = rng.int(100)
            let kind = roll < 60 ? "complaint" : roll < 80 ? "compliment" : roll < 93 ? "enquiry" : roll < 98 ? "member enquiry" : "comment"
            let area = areas[rng.int(areas.count)]
            let name = "\(first[rng.int(first.count)]) \(last[rng.int(last.count)])"
            let officer = officers[rng.int(officers.count)]
            var row = [ref, kind, received.iso, "email", area, "Team \(rng.int(4) + 1)", kind == "complaint" ? "statutory" : "", name,
                       kind == "complaint" ? "parent" : "", rng.chance(0.1) ? "yes" : "no", "", "", "Summary of contact \(i) about \(area.lowercased())", officer]
            var ack = "", r1 = "", o1 = "", sat = "", q2 = "", r2 = "", o2 = "", closed = ""
            let age = received.days(to: today)
            if kind == "complaint" {
                var chosen: [String] = []
                while chosen.count < 5 { let c = cats[rng.int(cats.count)]; if !chosen.contains(c) { chosen.append(c) } }
                row[11] = chosen.joined(separator: ";")
                let a = cal.adding(workingDays: 2, after: received)
                if a <= today { ack = a.iso }
                // Recent complaints are open (some overdue); older ones answered.
                if age > 60 {
                    let resp = cal.adding(workingDays: rng.int(in: 5...14), after: received)
                    r1 = resp.iso
                    o1 = ["upheld", "partially upheld", "not upheld"][rng.int(3)]
                    sat = rng.chance(0.6) ? "yes" : "no"
                    if rng.chance(0.1) {
                        let q = cal.adding(workingDays: rng.int(in: 3...15), after: resp)
                        q2 = q.iso
                        if age > 200 { r2 = cal.adding(workingDays: rng.int(in: 15...30), after: q).iso; o2 = "not upheld" }
                    }
                    if age > 200 { closed = (r2.isEmpty ? cal.adding(workingDays: 21, after: resp) : (LocalDate(iso: r2) ?? resp).adding(days: 1)).iso }
                }
            } else if kind == "enquiry" || kind == "member enquiry" {
                if age > 30 { r1 = cal.adding(workingDays: rng.int(in: 2...12), after: received).iso }
            }
            row += [ack, r1, o1, sat, q2, r2, o2, closed]
            out += row.map(CSVField.escape).joined(separator: ",") + "\n"
        }
        return out
    }

    /// Tops the imported database up to 10 audit rows per contact and one action per 5 contacts.
    static func topUp(path: String, today: LocalDate) throws {
        let db = try DatabaseQueue(path: path)
        try db.write { db in
            let contacts = try Int.fetchOne(db, sql: "SELECT count(*) FROM contacts") ?? 0
            let audit = try Int.fetchOne(db, sql: "SELECT count(*) FROM audit") ?? 0
            let want = contacts * 10 - audit
            let stmt = try db.makeStatement(sql: "INSERT INTO audit (at, who, session, entity, entity_id, reference, action, changes) VALUES (?, ?, 'bench', 'contact', ?, ?, 'update', ?)")
            var rng = SeededRandom(seed: 99)
            for i in 0..<max(0, want) {
                let id = Int64(rng.int(max(1, contacts)) + 1)
                try stmt.execute(arguments: ["2025-01-01T10:00:00Z", officers[i % officers.count], id, "", "{\"officer\":[\"Officer 1\",\"Officer 2\"]}"])
            }
            let actions = contacts / 5
            let a = try db.makeStatement(sql: "INSERT INTO actions (title, owner, service_area, created, due, status, tags, version) VALUES (?, ?, ?, ?, ?, ?, 'learning', 1)")
            for i in 0..<actions {
                let created = today.adding(days: -rng.int(3650))
                let status = created.adding(days: 120) < today ? (rng.chance(0.9) ? "done" : "open") : "open"
                try a.execute(arguments: ["Action \(i)", "Owner \(i % 30)", ReferenceData.defaultServiceAreas[i % 10], created.iso,
                                          rng.chance(0.1) ? nil : created.adding(days: 90).iso, status])
            }
        }
        try db.close()
    }
}
