import Foundation
import GRDB
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// Report facts kept in the file (`Store+ReportFacts`): a report counted from them is the report
/// counted from every issue and event, whatever was written since, by Heard or by another tool.
final class ReportFactsTests: XCTestCase {
    let today = day("2022-03-15")
    let year = Period.financialYear(starting: 2021)

    override func setUpWithError() throws {
        if TestDatabase.isPostgres { throw XCTSkip("report facts are kept in a SQLite file only") }
    }

    private func demo(_ dir: TemporaryDirectory) throws -> Store {
        let store = try makeStore(in: dir, name: "demo.sqlite")
        try store.writeDemo(today: today)
        return store
    }

    private func keptCount(_ store: Store) throws -> Int {
        Int(try rawRows(store.path, "SELECT count(*) FROM report_facts")[0][0] ?? "0") ?? 0
    }

    /// The report's JSON as bytes: Strings compare equal when canonically equivalent, and the
    /// bytes are what must not change.
    private func json(_ g: ReportGroup) -> [UInt8] { Array(ReportRenderer.json(g).utf8) }

    /// Counted without facts, then with facts worked out and kept, then with the kept ones: the
    /// same report, in pieces of any size, and the figures of one period alone likewise.
    func testAReportFromKeptFactsIsTheReportFromEveryIssueAndEvent() throws {
        let dir = TemporaryDirectory()
        let store = try demo(dir)
        let o = ReportOptions(period: year, today: today)
        let whole = json(try store.report(o, keptFacts: false))
        XCTAssertEqual(try keptCount(store), 0, "a report without facts keeps none")
        XCTAssertEqual(json(try store.report(o)), whole)
        let kept = try keptCount(store)
        XCTAssertGreaterThan(kept, 100)
        XCTAssertEqual(json(try store.report(o)), whole)
        XCTAssertEqual(json(try store.report(o, pieceSize: 7)), whole)
        XCTAssertEqual(json(try store.report(o, pieceSize: 1)), whole)
        let figures = json(try store.reportFigures(o, period: year, keptFacts: false))
        XCTAssertEqual(json(try store.reportFigures(o, period: year)), figures)
        XCTAssertEqual(json(try store.reportFigures(o, period: year, parallel: false)), figures)
        // Every kept row is one of a complaint's, read back whole.
        let complaints = Int(try rawRows(store.path, "SELECT count(*) FROM contacts WHERE kind = 'complaint'")[0][0] ?? "0") ?? 0
        XCTAssertLessThanOrEqual(try keptCount(store), complaints)
        XCTAssertEqual(try rawRows(store.path, "SELECT count(*) FROM report_facts f JOIN contacts c ON c.id = f.contact_id WHERE c.kind != 'complaint'")[0][0], "0")
    }

    /// Whatever changes a case's issues, events, kind, received date or procedure takes its facts
    /// away, written through Heard or by another program: the next report counts it afresh.
    func testAnyChangeToACaseForgetsItsFacts() throws {
        let dir = TemporaryDirectory()
        let store = try demo(dir)
        let o = ReportOptions(period: year, today: today)
        _ = try store.report(o)
        func factsOf(_ id: Int64) throws -> Int {
            Int(try rawRows(store.path, "SELECT count(*) FROM report_facts WHERE contact_id = \(id)")[0][0] ?? "0") ?? 0
        }
        let ids = try rawRows(store.path, "SELECT contact_id FROM report_facts ORDER BY contact_id LIMIT 8").compactMap { $0[0].flatMap { Int64($0) } }
        XCTAssertEqual(ids.count, 8)
        let changes = [
            "UPDATE events SET date = date(date, '+40 days') WHERE contact_id = \(ids[0]) AND kind = 'responded'",
            "DELETE FROM events WHERE id = (SELECT max(id) FROM events WHERE contact_id = \(ids[1]))",
            "INSERT INTO events (contact_id, kind, date, stage, reason) VALUES (\(ids[2]), 'withdrawn', '2022-01-04', 1, 'another tool')",
            "UPDATE issues SET finding1 = 'upheld', category = 'other' WHERE contact_id = \(ids[3])",
            "DELETE FROM issues WHERE contact_id = \(ids[4])",
            "UPDATE contacts SET procedure = 'corporate' WHERE id = \(ids[5])",
            "UPDATE contacts SET received = date(received, '-3 days') WHERE id = \(ids[6])",
            "UPDATE contacts SET kind = 'enquiry' WHERE id = \(ids[7])",
        ]
        for (id, sql) in zip(ids, changes) {
            XCTAssertEqual(try factsOf(id), 1)
            try rawExecute(store.path, sql)
            XCTAssertEqual(try factsOf(id), 0, sql)
        }
        // REPLACE deletes the row it replaces without its delete trigger; a row whose case id is
        // not a whole number is its case's as it is read (1185.25 is case 1185).
        _ = try store.report(o)
        let more = try rawRows(store.path, """
            SELECT contact_id FROM report_facts f WHERE EXISTS (SELECT 1 FROM events WHERE contact_id = f.contact_id)
               AND EXISTS (SELECT 1 FROM issues WHERE contact_id = f.contact_id) ORDER BY contact_id DESC LIMIT 5
            """).compactMap { $0[0].flatMap { Int64($0) } }
        XCTAssertEqual(more.count, 5)
        let replacing = [
            (more[0], "INSERT OR REPLACE INTO events (id, contact_id, kind, date, stage, reason) SELECT id, \(ids[2]), 'acknowledged', '2021-05-04', 1, '' FROM events WHERE contact_id = \(more[0]) ORDER BY id LIMIT 1"),
            (more[1], "REPLACE INTO issues (id, contact_id, position, category) SELECT id, \(ids[2]), 9, 'other' FROM issues WHERE contact_id = \(more[1]) ORDER BY id LIMIT 1"),
            (more[2], "UPDATE OR REPLACE events SET id = (SELECT min(id) FROM events WHERE contact_id = \(more[2])) WHERE id = (SELECT max(id) FROM events WHERE contact_id = \(ids[2]))"),
            (more[3], "UPDATE events SET contact_id = contact_id + 0.25 WHERE id = (SELECT max(id) FROM events WHERE contact_id = \(more[3]))"),
        ]
        for (id, sql) in replacing {
            XCTAssertEqual(try factsOf(id), 1, sql)
            // As the sqlite3 shell runs it: foreign keys not checked.
            var loose = Configuration()
            loose.foreignKeysEnabled = false
            let q = try DatabaseQueue(path: store.path, configuration: loose)
            try q.write { try $0.execute(sql: sql) }
            try q.close()
            XCTAssertEqual(try factsOf(id), 0, sql)
            XCTAssertEqual(json(try store.report(o)), json(try store.report(o, keptFacts: false)), sql)
        }
        // An officer's change and an unrelated one: the officer's case loses its facts, nothing else.
        let before = try keptCount(store)
        try rawExecute(store.path, "UPDATE contacts SET officer = 'Someone Else', summary = 'x' WHERE id IN (SELECT contact_id FROM report_facts)")
        XCTAssertEqual(try keptCount(store), before, "a change no figure reads keeps the facts")
        XCTAssertEqual(json(try store.report(o)), json(try store.report(o, keptFacts: false)))
        XCTAssertEqual(json(try store.report(o)), json(try store.report(o, keptFacts: false)))
    }

    /// Facts are kept only once they no longer change with the day, and read only from the day
    /// they hold: a case with a pause still open keeps none; a report as of an earlier day than
    /// a case's last event does not count from its facts.
    func testFactsAreKeptOnlyOnceTheyHoldWhateverTheDay() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let paused = try store.add(sampleComplaint(received: "2022-01-10", categories: ["placement"]), today: day("2022-01-12"))
        _ = try store.record(CaseEvent(kind: .paused, date: day("2022-01-12"), stage: 1, reason: "awaiting a police view"),
                             on: paused.id!, version: paused.version, today: day("2022-01-12"))
        let answered = try store.add(sampleComplaint(received: "2022-01-11"), today: day("2022-01-12"))
        _ = try store.record(CaseEvent(kind: .responded, date: day("2022-02-01"), stage: 1, outcome: .upheld),
                             on: answered.id!, version: answered.version, today: day("2022-02-01"))
        _ = try store.report(ReportOptions(period: year, today: today))
        XCTAssertEqual(try rawRows(store.path, "SELECT contact_id, settled FROM report_facts"), [["\(answered.id!)", "2022-02-01"]])
        // As of a day before the answer: worked out again (the answer is in the future then).
        for asOf in [day("2022-01-20"), today, day("2023-06-01")] {
            let o = ReportOptions(period: year, today: asOf)
            XCTAssertEqual(json(try store.report(o)), json(try store.report(o, keptFacts: false)), "as of \(asOf.iso)")
        }
    }

    /// Facts worked out under other rules, other bank holidays or by another build are not read.
    func testFactsOfOtherRulesOrHolidaysAreNotRead() throws {
        let dir = TemporaryDirectory()
        let store = try demo(dir)
        _ = try store.report(ReportOptions(period: year, today: today))
        var rules = Rules.default
        rules.procedures[.statutory]?.stages[0].target = .workingDays(5)
        let moreHolidays = WorkingDayCalendar.englandAndWales.adding([BankHoliday(date: day("2021-06-07"), title: "Extra"),
                                                                      BankHoliday(date: day("2021-11-02"), title: "Another")])
        for o in [ReportOptions(period: year, today: today, rules: rules), ReportOptions(period: year, today: today, calendar: moreHolidays)] {
            let a = try XCTUnwrap(store.reportFactsKey(o)), b = try XCTUnwrap(store.reportFactsKey(ReportOptions(period: year, today: today)))
            XCTAssertNotEqual(a, b)
            XCTAssertEqual(json(try store.report(o)), json(try store.report(o, keptFacts: false)))
        }
        // Kept under a key no build makes: never read.
        try rawExecute(store.path, "UPDATE report_facts SET key = 'another build'")
        let o = ReportOptions(period: year, today: today)
        XCTAssertEqual(json(try store.report(o)), json(try store.report(o, keptFacts: false)))
    }

    /// A trigger dropped or changed by another tool: no facts are read or kept (some may be out of
    /// date), and the next writable opening makes the triggers again and forgets every fact.
    func testAFileWhoseTriggersAreNotAsMadeNeitherReadsNorKeepsFacts() throws {
        let dir = TemporaryDirectory()
        let store = try demo(dir)
        let o = ReportOptions(period: year, today: today)
        _ = try store.report(o)
        let kept = try keptCount(store)
        try rawExecute(store.path, "DROP TRIGGER report_facts_event_added")
        let id = try XCTUnwrap(rawRows(store.path, "SELECT contact_id FROM report_facts LIMIT 1").first?.first.flatMap { $0 }.flatMap { Int64($0) })
        try rawExecute(store.path, "INSERT INTO events (contact_id, kind, date, stage, reason) VALUES (\(id), 'withdrawn', '2022-01-04', 1, 'another tool')")
        XCTAssertEqual(try keptCount(store), kept, "the stale row is still there")
        XCTAssertNil(store.reportFactsMark())
        XCTAssertEqual(json(try store.report(o)), json(try store.report(o, keptFacts: false)))
        let again = try Store(path: store.path, options: StoreOptions(actor: "Test Officer"))
        XCTAssertEqual(try keptCount(again), 0)
        XCTAssertNotNil(again.reportFactsMark())
        XCTAssertEqual(json(try again.report(o)), json(try again.report(o, keptFacts: false)))
        XCTAssertGreaterThan(try keptCount(again), 0)
    }

    /// A store opened read-only keeps nothing; a write between the reading and the keeping (by
    /// this store or any other connection) keeps nothing either.
    func testNothingIsKeptReadOnlyOrAfterAWriteDuringTheReport() throws {
        let dir = TemporaryDirectory()
        let store = try demo(dir)
        let o = ReportOptions(period: year, today: today)
        let reader = try Store(path: store.path, options: StoreOptions(readOnly: true, actor: "Reader"))
        XCTAssertEqual(json(try reader.report(o)), json(try store.report(o, keptFacts: false)))
        XCTAssertEqual(try keptCount(store), 0)
        let one = Contact(kind: .complaint, received: day("2021-05-01"), serviceArea: "Care Leavers", procedure: .statutory)
        let fresh = [FreshReportFacts(contactID: 1, settled: day("2021-05-01"),
                                      facts: ReportFacts(contact: one, clock: one.clock(calendar: WorkingDayCalendar.englandAndWales, today: today)))]
        let key = try XCTUnwrap(store.reportFactsKey(o))
        // Another program's write.
        var mark = try XCTUnwrap(store.reportFactsMark())
        try rawExecute(store.path, "UPDATE contacts SET summary = 'elsewhere' WHERE id = 2")
        store.keepReportFacts(fresh, key: key, since: mark)
        XCTAssertEqual(try keptCount(store), 0)
        // This store's own write.
        mark = try XCTUnwrap(store.reportFactsMark())
        let c = try store.contact(id: 2)
        var edited = c
        edited.summary = "here"
        _ = try store.update(edited, today: today)
        store.keepReportFacts(fresh, key: key, since: mark)
        XCTAssertEqual(try keptCount(store), 0)
        // Nothing between: kept.
        mark = try XCTUnwrap(store.reportFactsMark())
        store.keepReportFacts(fresh, key: key, since: mark)
        XCTAssertEqual(try keptCount(store), 1)
    }

    /// Two reports read side by side (the report screen builds a period and the one it is
    /// compared with at once) both keep what they worked out: the facts the first kept are no
    /// change to the record for the second. A save after them still keeps nothing.
    func testAnotherReportsFactsKeptMeanwhileDoNotStopAKeep() throws {
        let dir = TemporaryDirectory()
        let store = try demo(dir)
        let o = ReportOptions(period: year, today: today)
        let key = try XCTUnwrap(store.reportFactsKey(o))
        let fact = { (id: Int64) -> FreshReportFacts in
            let one = Contact(kind: .complaint, received: day("2021-05-01"), serviceArea: "Care Leavers", procedure: .statutory)
            return FreshReportFacts(contactID: id, settled: day("2021-05-01"),
                                    facts: ReportFacts(contact: one, clock: one.clock(calendar: WorkingDayCalendar.englandAndWales, today: self.today)))
        }
        let first = try XCTUnwrap(store.reportFactsMark())
        let second = try XCTUnwrap(store.reportFactsMark())
        store.keepReportFacts([fact(1), fact(2)], key: key, since: first)
        XCTAssertEqual(try keptCount(store), 2)
        store.keepReportFacts([fact(3)], key: key, since: second)
        XCTAssertEqual(try keptCount(store), 3, "the first report's facts are not a change")
        // A whole report keeping its facts between, then a save: nothing kept.
        let third = try XCTUnwrap(store.reportFactsMark())
        _ = try store.reportFigures(o, period: Period.financialYear(starting: 2020))
        let kept = try keptCount(store)
        XCTAssertGreaterThan(kept, 3, "the report kept its own")
        let fourth = try XCTUnwrap(store.reportFactsMark())
        store.keepReportFacts([fact(4)], key: "kept after a report", since: third)
        XCTAssertEqual(try rawRows(store.path, "SELECT count(*) FROM report_facts WHERE key = 'kept after a report'")[0][0], "1")
        var edited = try store.contact(id: 5)
        edited.summary = "changed"
        _ = try store.update(edited, today: today)
        store.keepReportFacts([fact(6)], key: "not kept", since: fourth)
        XCTAssertEqual(try rawRows(store.path, "SELECT count(*) FROM report_facts WHERE key = 'not kept'")[0][0], "0", "a save after the mark keeps nothing")
    }

    /// The figures are handed to `ready` before the facts worked out are kept, and are the
    /// figures returned; the facts are kept once `ready` has them.
    func testFiguresAreHandedOverBeforeTheirFactsAreKept() throws {
        let dir = TemporaryDirectory()
        let store = try demo(dir)
        let o = ReportOptions(period: year, today: today)
        var handed: [UInt8]?
        var keptWhenHanded = -1
        let figures = try store.reportFigures(o, period: year, ready: { g in
            handed = self.json(g)
            keptWhenHanded = (try? self.keptCount(store)) ?? -1
        })
        XCTAssertEqual(handed, json(figures))
        XCTAssertEqual(keptWhenHanded, 0, "nothing kept yet")
        XCTAssertGreaterThan(try keptCount(store), 0, "kept after")
        XCTAssertEqual(json(try store.reportFigures(o, period: year)), json(figures))
    }

    /// Categories Swift holds equal in different bytes (a Kelvin sign K and a K) print in the
    /// form the count met first, and a reader meets them in the order of the cases' ids: a count
    /// from kept facts would meet them in another order, so a report that meets both counts
    /// again without facts, and keeps none: the same bytes either way.
    func testTextsInMixedFormsCountAsWithoutFacts() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        var ids: [Int64] = []
        // Received in the reverse order of their ids: counted last to first.
        for n in 0..<4 {
            let c = try store.add(sampleComplaint(received: "2022-01-1\(4 - n)", categories: ["placement"]), today: day("2022-01-20"))
            _ = try store.record(CaseEvent(kind: .responded, date: day("2022-02-01"), stage: 1, outcome: .upheld),
                                 on: c.id!, version: c.version, today: day("2022-02-01"))
            ids.append(c.id!)
        }
        let o = ReportOptions(period: year, today: today)
        _ = try store.report(o)
        XCTAssertEqual(try keptCount(store), 4)
        // Another tool writes a category in one form, then the same in another on a case with a
        // smaller id, received later: counted after it, read before it.
        try rawExecute(store.path, "UPDATE issues SET category = 'Kinship' WHERE contact_id = \(ids[1])")
        XCTAssertEqual(json(try store.report(o)), json(try store.report(o, keptFacts: false)))
        XCTAssertEqual(try keptCount(store), 4)
        try rawExecute(store.path, "UPDATE issues SET category = '\u{212A}inship' WHERE contact_id = \(ids[0])")
        let whole = json(try store.report(o, keptFacts: false))
        XCTAssertNotNil(String(decoding: whole, as: UTF8.self).utf8.firstRange(of: "\u{212A}inship".utf8), "read in id order, the first form met is the Kelvin sign's")
        XCTAssertEqual(json(try store.report(o)), whole)
        XCTAssertEqual(try keptCount(store), 3, "a report that met mixed forms keeps nothing")
    }

    /// An issue another tool put on a compliment is read by no figure, and its category never
    /// decides the form a complaint's prints in: a report that skips those rows (every complaint's
    /// facts kept) prints what one that reads them prints.
    func testACategoryOnAComplimentNeverDecidesTheFormPrinted() throws {
        try skipOnPostgres("writes rows straight into the SQLite file")
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        // Another tool's compliment, received and numbered before the complaint (read first),
        // with an issue whose category is the complaint's with a Kelvin sign for its K.
        try rawExecute(store.path, """
            INSERT INTO contacts (id, reference, kind, received, channel, service_area, team, cyp, status) VALUES
              (1, 'CP-1', 'compliment', '2022-01-03', 'phone', 'Adoption', 'Team A', 0, 'closed');
            INSERT INTO issues (contact_id, position, category) VALUES (1, 0, '\u{212A}inship');
            """)
        let c = try store.add(sampleComplaint(received: "2022-01-14", categories: ["placement"]), today: day("2022-01-20"))
        _ = try store.record(CaseEvent(kind: .responded, date: day("2022-02-01"), stage: 1, outcome: .upheld),
                             on: c.id!, version: c.version, today: day("2022-02-01"))
        try rawExecute(store.path, "UPDATE issues SET category = 'Kinship' WHERE contact_id = \(c.id!)")
        let o = ReportOptions(period: year, today: today, includePrevious: false)
        let whole = json(try store.report(o, keptFacts: false))
        let text = String(decoding: whole, as: UTF8.self)
        XCTAssertNotNil(text.utf8.firstRange(of: "Kinship".utf8), "the complaint's own form")
        XCTAssertNil(text.utf8.firstRange(of: "\u{212A}inship".utf8), "never the compliment's")
        XCTAssertEqual(json(try store.report(o)), whole, "facts worked out")
        XCTAssertEqual(try keptCount(store), 1)
        XCTAssertEqual(json(try store.report(o)), whole, "facts kept: the compliment's issue not read")
    }

    /// A case outside the piece whose facts lie among the piece's ids never decides the form a
    /// category prints in: only the piece's own complaints' facts are read (found by an attack).
    func testFactsOfCasesOutsideThePieceDoNotDecideTheFormPrinted() throws {
        let dir = TemporaryDirectory()
        let store = try demo(dir)
        let maxID = Int64(try rawRows(store.path, "SELECT max(id) FROM contacts")[0][0] ?? "0") ?? 0
        let (a, b) = (maxID + 1000, maxID + 2000)
        try rawExecute(store.path, """
            INSERT INTO contacts (id, reference, kind, received, channel, service_area, team, procedure, complainant_role, cyp, status, stage) VALUES
              (\(a), 'A-1', 'complaint', '2020-06-01', 'phone', 'Adoption', 'Team A', 'statutory', 'parent', 0, 'closed', 1),
              (\(b), 'B-1', 'complaint', '2021-06-02', 'phone', 'Adoption', 'Team A', 'statutory', 'parent', 0, 'closed', 1);
            INSERT INTO issues (contact_id, position, category) VALUES (\(a), 0, 'Caf' || char(233)), (\(b), 0, 'Cafe' || char(769));
            INSERT INTO events (contact_id, kind, date, stage, reason) VALUES (\(a), 'responded', '2020-06-10', 1, ''), (\(b), 'responded', '2021-06-10', 1, '');
            """)
        _ = try store.report(ReportOptions(period: Period.financialYear(starting: 2020), today: today, includePrevious: false))
        XCTAssertEqual(try rawRows(store.path, "SELECT count(*) FROM report_facts WHERE contact_id = \(a)")[0][0], "1")
        // No other facts: the report below counts none of its cases from kept facts.
        try rawExecute(store.path, "DELETE FROM report_facts WHERE contact_id != \(a)")
        let o = ReportOptions(period: year, today: today, includePrevious: false)
        let whole = json(try store.report(o, keptFacts: false))
        XCTAssertNotNil(String(decoding: whole, as: UTF8.self).utf8.firstRange(of: "Cafe\u{301}".utf8))
        XCTAssertEqual(json(try store.report(o)), whole)
        XCTAssertEqual(json(try store.report(o, pieceSize: 5)), whole)
    }

    /// A reading command that opens for writing only to keep facts makes no record of an empty
    /// file or of another program's: it refuses them as a read-only open does, and leaves them.
    func testOpeningToKeepFactsMakesNoRecordOfAnotherFile() throws {
        let dir = TemporaryDirectory()
        let empty = dir.file("empty.sqlite"), other = dir.file("other.sqlite")
        FileManager.default.createFile(atPath: empty, contents: Data())
        let q = try DatabaseQueue(path: other)
        try q.write { try $0.execute(sql: "PRAGMA user_version = 7") }
        try q.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: other))
        var options = StoreOptions()
        options.existingRecordOnly = true
        for file in [empty, other] {
            // An empty file is said as empty, not as another program's.
            let said: StoreError = file == empty ? .unreadable(file, "it is empty: no record is in it yet") : .notHeard(file)
            XCTAssertThrowsError(try Store(path: file, options: options)) { XCTAssertEqual($0 as? StoreError, said) }
            XCTAssertFalse(FileManager.default.fileExists(atPath: file + "-wal"))
        }
        XCTAssertEqual((try FileManager.default.attributesOfItem(atPath: empty)[.size] as? NSNumber)?.intValue, 0)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: other)), before)
        let made = try demo(dir)
        XCTAssertNoThrow(try Store(path: made.path, options: options))
    }

    /// The build's id is read from the file this code was loaded from.
    func testTheBuildIsKnownByItsId() throws {
        let id = try XCTUnwrap(BuildIdentity.id)
        XCTAssertEqual(id.count, 40)
        XCTAssertTrue(id.allSatisfy(\.isHexDigit))
        XCTAssertNotNil(BuildIdentity.ownFile())
    }
}
