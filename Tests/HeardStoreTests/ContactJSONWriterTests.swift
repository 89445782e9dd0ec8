import Foundation
@testable import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// Issue 14: the JSON export is written one contact at a time into one String. It must be the
/// old object-by-object text byte for byte: the demo's whole record (every stage, remedies,
/// findings in words, people), with awkward text put into names, summaries and reasons.
final class ContactJSONWriterTests: XCTestCase {
    func testTheExportIsTheOldTextByteForByte() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let today = day("2026-11-30")
        try store.writeDemo(today: today)
        let cal = try store.calendar()
        var all = try store.allContacts()
        XCTAssertGreaterThan(all.count, 20)
        let awkward = ["say \"no\"", "back\\slash", "line\nbreak\r\n", "\u{1}\u{7F}\u{85}\u{9F}", "=SUM(A1)", "李 小龍", "e\u{301}🙂", ""]
        for i in all.indices where i % 3 == 0 {
            let a = awkward[i % awkward.count]
            all[i].complainantName += a
            all[i].summary = a + all[i].summary
            if !all[i].events.isEmpty { all[i].events[0].reason = a }
            if !all[i].issues.isEmpty { all[i].issues[0].category += a; all[i].issues[0].findingTexts[2] = a }
        }
        for contacts in [all, [], Array(all.prefix(1))] {
            XCTAssertEqual(Array(ContactJSON.write(contacts, rules: store.rules, calendar: cal, today: today).utf8),
                           Array(OldContactJSON.write(contacts, rules: store.rules, calendar: cal, today: today).utf8))
        }
        let corr = try store.query { try store.exportCorrespondence($0) }
        XCTAssertFalse(corr.isEmpty, "the demo has correspondence")
        XCTAssertEqual(try store.exportContacts(.json, today: today).text,
                       OldContactJSON.write(try store.allContacts(), rules: store.rules, calendar: cal, today: today, correspondence: corr))
    }
}

extension ContactJSONWriterTests {
    /// The JSON export carries what the CSV carries: each contact's log and letters, read back by
    /// a JSON parser as the case screen shows them.
    func testTheJSONExportCarriesTheContactLogAndLetters() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let today = day("2026-11-30")
        try store.writeDemo(today: today)
        let text = try store.exportContacts(.json, today: today).text
        let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        var logs = 0, letters = 0
        for object in parsed {
            let reference = try XCTUnwrap(object["reference"] as? String)
            let corr = try store.correspondence(contactID: try XCTUnwrap(store.contact(reference: reference).id))
            let log = try XCTUnwrap(object["contact_log"] as? [[String: Any]], reference)
            let sent = try XCTUnwrap(object["letters"] as? [[String: Any]], reference)
            XCTAssertEqual(log.map { $0["note"] as? String }, corr.log.map(\.note), reference)
            XCTAssertEqual(log.map { $0["at"] as? String }, corr.log.map(\.at.text), reference)
            XCTAssertEqual(log.map { $0["with_whom"] as? String ?? "" }, corr.log.map(\.with), reference)
            XCTAssertEqual(sent.map { $0["body"] as? String }, corr.letters.map(\.body), reference)
            XCTAssertEqual(sent.map { $0["template"] as? String }, corr.letters.map(\.template), reference)
            XCTAssertEqual(sent.map { $0["stage"] as? Int }, corr.letters.map(\.stage), reference)
            logs += log.count
            letters += sent.count
        }
        XCTAssertGreaterThan(logs, 0)
        XCTAssertGreaterThan(letters, 0)
        // Those in `only`, in received order, the same objects.
        let some = Set(try store.allContacts().compactMap(\.id).prefix(3))
        let subset = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(store.exportJSON(today: today, only: some).utf8)) as? [[String: Any]])
        XCTAssertEqual(subset.count, 3)
        XCTAssertEqual(subset.compactMap { $0["reference"] as? String }, parsed.prefix(3).compactMap { $0["reference"] as? String })
    }
}

/// `ContactJSON.write` as it was before `ContactJSONWriter`: the reference.
enum OldContactJSON {
    static func write(_ contacts: [Contact], rules: Rules, calendar: WorkingDayCalendar, today: LocalDate,
                      correspondence: [Int64: Correspondence] = [:]) -> String {
        let q = JSONText.quoteByScalars
        func object(_ pairs: [(String, String)]) -> String { "{" + pairs.map { q($0.0) + ":" + $0.1 }.joined(separator: ",") + "}" }
        func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
        let keys = ContactCSV.columns + ContactCSV.extraColumns + ContactCSV.stageRecordColumns
        let items = contacts.map { c -> String in
            let values = ContactCSV.row(c, rules: rules, calendar: calendar, today: today)
            var pairs: [(String, String)] = zip(keys, values).map { k, v in
                if k == "categories" { return (k, array(c.issues.map { q($0.category) })) }
                if k == "child_or_young_person" { return (k, c.isChildOrYoungPerson ? "true" : "false") }
                return (k, v.isEmpty ? "null" : q(v))
            }
            pairs.append(("issues", array(c.issues.map { i in
                object([("category", q(i.category))] + (1...3).compactMap { n in
                    i.findings[n].map { ("stage\(n)_finding", q($0.rawValue)) }
                } + (1...3).compactMap { n in i.findingTexts[n].map { ("stage\(n)_finding_text", q($0)) } })
            })))
            pairs.append(("events", array(c.events.map { e in
                var p: [(String, String)] = [("kind", q(e.kind.rawValue)), ("date", q(e.date.iso))]
                if let s = e.stage { p.append(("stage", String(s))) }
                if let d = e.newDue { p.append(("new_due", q(d.iso))) }
                if !e.reason.isEmpty { p.append(("reason", q(e.reason))) }
                if let o = e.outcome { p.append(("outcome", q(o.rawValue))) }
                if let s = e.satisfied { p.append(("satisfied", s ? "true" : "false")) }
                if let d = e.ombudsmanDecision { p.append(("decision", q(d.rawValue))) }
                if let r = e.remedy { p.append(("remedy", q(r.rawValue))) }
                if let a = e.amountPence { p.append(("amount_pence", String(a))) }
                return object(p)
            })))
            // Added with the correspondence (the CSV's contact_log and letters cells, field by field).
            let corr = c.id.flatMap { correspondence[$0] } ?? Correspondence()
            pairs.append(("contact_log", array(corr.log.map { e in
                object([("at", q(e.at.text)), ("direction", q(e.direction.rawValue)), ("kind", q(e.kind.rawValue))]
                       + (e.with.isEmpty ? [] : [("with_whom", q(e.with))]) + [("note", q(e.note))])
            })))
            pairs.append(("letters", array(corr.letters.map { l in
                object([("template", q(l.template))] + (l.stage.map { [("stage", String($0))] } ?? [])
                       + [("sent", q(l.sent.iso)), ("format", q(l.format)), ("body", q(l.body))])
            })))
            return object(pairs)
        }
        if items.isEmpty { return "[]\n" }
        return "[\n" + items.map { "  " + $0 }.joined(separator: ",\n") + "\n]\n"
    }
}
