import Foundation
@testable import HeardCore
import HeardStore
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
        XCTAssertEqual(try store.exportContacts(.json, today: today).text,
                       OldContactJSON.write(try store.allContacts(), rules: store.rules, calendar: cal, today: today))
    }
}

/// `ContactJSON.write` as it was before `ContactJSONWriter`: the reference.
enum OldContactJSON {
    static func write(_ contacts: [Contact], rules: Rules, calendar: WorkingDayCalendar, today: LocalDate) -> String {
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
            return object(pairs)
        }
        if items.isEmpty { return "[]\n" }
        return "[\n" + items.map { "  " + $0 }.joined(separator: ",\n") + "\n]\n"
    }
}
