import Foundation
@testable import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// Issue 14: `heard export` reads its contacts a batch at a time and writes each as it is read
/// (`Store.exportContacts(_:ids:today:write:)`, `ContactExportWriter`). Its text must be what the
/// whole-record path gave byte for byte: every contact loaded, then `ContactCSV.write` (kept as
/// the reference, with `ContactCSV.row`) or the old JSON, in received order or the order asked.
final class ExportStreamTests: XCTestCase {
    /// What the export was before it streamed: every contact (or `ids`) loaded at once, rendered
    /// by the reference writers.
    private func reference(_ store: Store, _ format: ContactExportFormat, ids: [Int64]? = nil, today: LocalDate) throws -> String {
        let contacts = try ids.map { try store.contacts(ids: $0) } ?? store.allContacts()
        let cal = try store.calendar()
        let corr = try store.query { try store.exportCorrespondence($0) }
        switch format {
        case .csv: return ContactCSV.write(contacts, rules: store.rules, calendar: cal, today: today, correspondence: corr)
        case .json: return OldContactJSON.write(contacts, rules: store.rules, calendar: cal, today: today, correspondence: corr)
        }
    }

    /// The export's text in pieces of at most about `pieceBytes`, read `batch` contacts at a time.
    private func pieces(_ store: Store, _ format: ContactExportFormat, ids: [Int64]? = nil, today: LocalDate,
                        pieceBytes: Int, batch: Int) throws -> (pieces: [String], count: Int) {
        var out: [String] = []
        let n = try store.exportContacts(format, ids: ids, today: today, pieceBytes: pieceBytes, batch: batch) { out.append($0) }
        return (out, n)
    }

    private func assertSameExports(_ store: Store, today: LocalDate, idLists: [[Int64]], file: StaticString = #filePath, line: UInt = #line) throws {
        let all = try store.allContacts()
        for format in ContactExportFormat.allCases {
            let old = try reference(store, format, today: today)
            let whole = try store.exportContacts(format, today: today)
            XCTAssertEqual(Array(whole.text.utf8), Array(old.utf8), "\(format)", file: file, line: line)
            XCTAssertEqual(whole.count, all.count, file: file, line: line)
            // Batches of 7 cross every boundary the order has; pieces of a byte are one a contact.
            for (pieceBytes, batch) in [(1, 7), (4096, 3), (1 << 20, 1000)] {
                let (p, n) = try pieces(store, format, today: today, pieceBytes: pieceBytes, batch: batch)
                XCTAssertEqual(Array(p.joined().utf8), Array(old.utf8), "\(format) pieces of \(pieceBytes), batches of \(batch)", file: file, line: line)
                XCTAssertEqual(n, all.count, file: file, line: line)
                if pieceBytes == 1 { XCTAssertEqual(p.count, all.count + 1, "a piece a contact and the end", file: file, line: line) }
            }
            for ids in idLists {
                let old = try reference(store, format, ids: ids, today: today)
                let (p, n) = try pieces(store, format, ids: ids, today: today, pieceBytes: 512, batch: 5)
                XCTAssertEqual(Array(p.joined().utf8), Array(old.utf8), "\(format) ids \(ids.prefix(5))…", file: file, line: line)
                XCTAssertEqual(n, try store.contacts(ids: ids).count, file: file, line: line)
                XCTAssertEqual(try store.exportContacts(format, ids: ids, today: today).text, old, file: file, line: line)
            }
        }
    }

    /// Ids in the orders the screens ask for: all reversed, some twice, some no longer on file, none.
    private func idLists(_ store: Store) throws -> [[Int64]] {
        let ids = try store.allContacts().compactMap(\.id)
        return [ids.reversed(), Array(ids.prefix(9)) + Array(ids.prefix(3)) + [999_999, -1], [], [ids[ids.count / 2]]]
    }

    func testTheDemosExportIsTheOldTextByteForByte() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let today = day("2026-11-30")
        try store.writeDemo(today: today)
        XCTAssertGreaterThan(try store.contactCount(), 20)
        try assertSameExports(store, today: today, idLists: try idLists(store))
    }

    func testAnEmptyRecordExportsTheHeaderOrAnEmptyArray() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let today = day("2026-11-30")
        XCTAssertEqual(try store.exportContacts(.json, today: today).text, "[]\n")
        XCTAssertEqual(try store.exportContacts(.csv, today: today).text, try reference(store, .csv, today: today))
        XCTAssertTrue(try store.exportContacts(.csv, today: today).text.hasPrefix("reference,kind,received,"))
        XCTAssertEqual(try store.exportContacts(.csv, today: today).count, 0)
    }

    /// Rows another program wrote, received in no order of their ids, with hostile text in every
    /// free-text column (formulas, quotes, line breaks, control characters, accents), people,
    /// stage people, and a contact log and letters on some.
    func testRandomHostileRowsExportAsTheWholeRecordDid() throws {
        try skipOnPostgres("writes rows of its own choosing straight into the SQLite file")
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        var rng = SplitMix(seed: 1417)
        try rawExecute(store.path, RandomRows.sql(contacts: 300, &rng) + "\n" + HostileRows.sql(contacts: 300, &rng))
        let today = day("2023-06-30")
        XCTAssertGreaterThan(try store.allContacts().count, 200)
        let ids = try store.allContacts().compactMap(\.id)
        XCTAssertNotEqual(ids, ids.sorted(), "received order is not id order")
        XCTAssertTrue(try reference(store, .csv, today: today).contains("'=HYPERLINK"), "the hostile text is exported")
        try assertSameExports(store, today: today, idLists: try idLists(store))
    }

    /// Two teams and officers Swift holds equal (é as one character, and as e with an accent)
    /// in different bytes, on cases whose id order is not their received order: each row is
    /// exported in its own bytes, whatever order the batch is read in (an attack found the
    /// export giving both rows the form of whichever it met first).
    func testCanonicallyEqualTextsAreExportedInEachRowsOwnBytes() throws {
        try skipOnPostgres("writes bytes of its own choosing straight into the SQLite file")
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let today = day("2026-11-30")
        try store.writeDemo(today: today)
        let ids = try store.allContacts().compactMap(\.id).sorted()
        let (first, second) = (ids[0], ids[1])
        try rawExecute(store.path, """
            UPDATE contacts SET received = '2020-04-03', team = 'Caf' || X'C3A9', officer = 'Ren' || X'C3A9' WHERE id = \(first);
            UPDATE contacts SET received = '2020-04-02', team = 'Cafe' || X'CC81', officer = 'Rene' || X'CC81' WHERE id = \(second);
            """)
        let one = Array("Caf\u{E9}".utf8), two = Array("Cafe\u{301}".utf8)
        XCTAssertNotEqual(one, two)
        for batch in [1, 2, 1000] {
            let (p, _) = try pieces(store, .csv, today: today, pieceBytes: 1 << 20, batch: batch)
            let text = Array(p.joined().utf8)
            func count(_ needle: [UInt8]) -> Int {
                guard text.count >= needle.count else { return 0 }
                return (0...(text.count - needle.count)).filter { text[$0..<($0 + needle.count)].elementsEqual(needle) }.count
            }
            XCTAssertEqual(count(Array(",".utf8) + one + Array(",".utf8)), 1, "one row's team as one character, batches of \(batch)")
            XCTAssertEqual(count(Array(",".utf8) + two + Array(",".utf8)), 1, "the other's with its accent, batches of \(batch)")
            XCTAssertEqual(count(Array("Ren\u{E9}".utf8)), 1)
            XCTAssertEqual(count(Array("Rene\u{301}".utf8)), 1)
        }
    }

    /// A batch's ids as a range when nearly dense (up to an eighth more), else as a list.
    func testABatchIsReadAsARangeOnlyWhenItsIdsAreNearlyDense() {
        // A range: its ends bound, the same texts for every batch (kept prepared).
        let range = Store.exportScope(ArraySlice(Array(Int64(1)...16)))
        XCTAssertEqual(range.contacts, "id BETWEEN ? AND ?")
        XCTAssertEqual(range.attachments, "contact_id BETWEEN ? AND ?")
        XCTAssertEqual(range.arguments, [.int(1), .int(16)])
        XCTAssertEqual(Store.exportScope(ArraySlice(Array(Int64(1)...15) + [17])).arguments, [.int(1), .int(17)])
        XCTAssertEqual(Store.exportScope(ArraySlice([Int64(5), 5, 6])).arguments, [.int(5), .int(6)])
        XCTAssertEqual(Store.exportScope(ArraySlice([Int64(-3), -2])).arguments, [.int(-3), .int(-2)])
        // A list: in the texts, nothing bound.
        let list = Store.exportScope(ArraySlice(Array(Int64(1)...15) + [19]))
        XCTAssertTrue(list.contacts.hasPrefix("id IN ("))
        XCTAssertTrue(list.attachments.hasPrefix("contact_id IN ("))
        XCTAssertEqual(list.arguments, [])
        XCTAssertTrue(Store.exportScope(ArraySlice([Int64.min, Int64.max])).contacts.hasPrefix("id IN ("), "no overflow")
        XCTAssertEqual(Store.exportScope(ArraySlice([Int64.min, Int64.max])).arguments, [])
        XCTAssertTrue(Store.exportScope([]).contacts.hasPrefix("id IN ("))
    }

    /// Contacts received out of id order here and there: a batch read as a range then holds
    /// contacts of the next batch (read, and not written twice) and misses some of its own
    /// order's neighbours. Every batch size gives the old text.
    func testBatchesWhoseRangeHoldsOtherContactsExportAsTheWholeRecordDid() throws {
        try skipOnPostgres("moves received dates straight in the SQLite file")
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let today = day("2026-11-30")
        try store.writeDemo(today: today)
        // Every seventh contact takes the received date of the one after it, and that one its.
        try rawExecute(store.path, """
            CREATE TEMP TABLE r AS SELECT id, received FROM contacts;
            UPDATE contacts SET received = (SELECT received FROM r WHERE r.id = contacts.id + 1)
                WHERE id % 7 = 0 AND id + 1 IN (SELECT id FROM r);
            UPDATE contacts SET received = (SELECT received FROM r WHERE r.id = contacts.id - 1)
                WHERE id % 7 = 1 AND id - 1 IN (SELECT id FROM r) AND id > 1;
            """)
        for format in ContactExportFormat.allCases {
            let old = try reference(store, format, today: today)
            for batch in [8, 16, 50, 1000] {
                let (p, n) = try pieces(store, format, today: today, pieceBytes: 4096, batch: batch)
                XCTAssertEqual(Array(p.joined().utf8), Array(old.utf8), "\(format), batches of \(batch)")
                XCTAssertEqual(n, try store.contactCount())
            }
        }
    }

    /// The writer against the reference writers on contacts made in memory: hostile text in every
    /// column a contact has, the people's columns filled, findings in words, stage people.
    func testTheWriterIsTheReferenceOnHostileContacts() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let today = day("2026-11-30")
        try store.writeDemo(today: today)
        let cal = try store.calendar()
        var all = try store.allContacts()
        var rng = SplitMix(seed: 99)
        var corr: [Int64: Correspondence] = [:]
        for i in all.indices {
            let h = { (rng: inout SplitMix) in rng.pick(HostileRows.texts) }
            all[i].complainantName = h(&rng); all[i].summary = h(&rng); all[i].advocate = h(&rng); all[i].team = h(&rng)
            all[i].subjectChild = h(&rng); all[i].officer = h(&rng); all[i].reference = h(&rng)
            var p = all[i].people
            p.complainant.address = h(&rng); p.complainant.email = h(&rng); p.child.socialCareID = h(&rng)
            if rng.int(2) == 0 { p.complainant.authorityChecked = rng.int(2) == 0 }
            all[i].people = p
            if rng.int(3) == 0 {
                all[i].stagePeople = StagePeople(investigatingOfficer: h(&rng), independentPerson: h(&rng), panel: [h(&rng), h(&rng)], panelDate: today)
            }
            for j in all[i].issues.indices {
                all[i].issues[j].category = h(&rng)
                if rng.int(2) == 0 { all[i].issues[j].findingTexts[1 + rng.int(3)] = h(&rng) }
            }
            for j in all[i].events.indices where rng.int(2) == 0 { all[i].events[j].reason = h(&rng) }
            if let id = all[i].id, rng.int(2) == 0 {
                corr[id] = Correspondence(log: [LogEntry(direction: .outgoing, kind: .email, with: h(&rng), at: LogTime(date: today), note: h(&rng))],
                                          letters: [LetterSent(template: "ack", stage: 1, sent: today, format: "md", body: h(&rng))])
            }
        }
        for contacts in [all, [], Array(all.prefix(1)), Array(all.reversed())] {
            XCTAssertEqual(Array(ContactExportFormat.csv.render(contacts, rules: store.rules, calendar: cal, today: today, correspondence: corr).utf8),
                           Array(ContactCSV.write(contacts, rules: store.rules, calendar: cal, today: today, correspondence: corr).utf8))
            XCTAssertEqual(Array(ContactExportFormat.json.render(contacts, rules: store.rules, calendar: cal, today: today, correspondence: corr).utf8),
                           Array(OldContactJSON.write(contacts, rules: store.rules, calendar: cal, today: today, correspondence: corr).utf8))
            for c in contacts {
                var cells: [String] = []
                ContactExportCells.fill(c, rules: store.rules, calendar: cal, today: today, into: &cells)
                XCTAssertEqual(cells, ContactCSV.row(c, rules: store.rules, calendar: cal, today: today))
            }
        }
    }
}

/// SQL giving the contacts `RandomRows` wrote hostile free text, people, stage people, a contact
/// log and letters.
enum HostileRows {
    static let texts = ["", " ", "=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)", "'=already", "say \"no\", twice", "back\\slash",
                        "line\nbreak", "cr\rlf\r\n", "bar | bar", "\u{1}\u{7F}\u{85}\u{9F}", "李 小龍", "e\u{301}🙂", "\t=tab",
                        "; ; ;", "O'Brien", "\u{202E}rtl"]

    static func sql(contacts: Int, _ rng: inout SplitMix) -> String {
        let q = RandomRows.quoted
        var out: [String] = []
        for id in 1...contacts {
            out.append("""
                UPDATE contacts SET complainant_name = \(q(rng.pick(texts))), summary = \(q(rng.pick(texts))),
                    subject_child = \(q(rng.pick(texts))), advocate = \(q(rng.pick(texts))), officer = \(q(rng.pick(texts))),
                    complainant_address = \(q(rng.pick(texts))), complainant_email = \(q(rng.pick(texts))),
                    subject_child_id = \(q(rng.pick(texts))) WHERE id = \(id);
                """)
            if rng.int(3) == 0 {
                out.append("""
                    INSERT INTO stage_people (contact_id, investigating_officer, independent_person, panel_member_1, panel_member_2, panel_date)
                    VALUES (\(id), \(q(rng.pick(texts))), \(q(rng.pick(texts))), \(q(rng.pick(texts))), \(q(rng.pick(texts))), '2022-05-01');
                    """)
            }
            for _ in 0..<rng.int(3) {
                out.append("""
                    INSERT INTO contact_log (contact_id, direction, kind, with_whom, at, note)
                    VALUES (\(id), 'in', 'call', \(q(rng.pick(texts))), '2022-06-\(10 + rng.int(9)) 1\(rng.int(10)):30', \(q(rng.pick(texts))));
                    """)
            }
            for _ in 0..<rng.int(2) {
                out.append("""
                    INSERT INTO letters (contact_id, template, stage, sent, format, body)
                    VALUES (\(id), 'acknowledgement', \(rng.pick(["NULL", "1", "2"])), '2022-06-1\(rng.int(10))', 'md', \(q(rng.pick(texts))));
                    """)
            }
        }
        return out.joined(separator: "\n")
    }
}
