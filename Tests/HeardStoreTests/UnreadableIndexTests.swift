import Foundation
import GRDB
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// The unreadable-rows check as an index lookup (migration v14) on SQLite and as a test the
/// server makes on PostgreSQL: as exact as the full scan it replaces, whoever wrote the rows.
final class UnreadableIndexTests: XCTestCase {
    /// The query's WHERE is the partial indexes' own, so SQLite answers from them: should either
    /// drift (a kind added, `notADay` changed), the plan says SCAN of the table, and this fails.
    func testTheCheckReadsThePartialIndexesNotTheTables() throws {
        try skipOnPostgres("SQLite's query plan")
        let dir = TemporaryDirectory("heard-unreadable-plan")
        let store = try makeStore(in: dir)
        let kinds = ContactKind.allCases.map(\.rawValue)
        for (table, date, kinds, index) in [("contacts", "received", Optional(kinds), "contacts_unreadable"), ("actions", "created", nil, "actions_unreadable")] {
            let plan = try store.query { conn in
                try conn.rows("EXPLAIN QUERY PLAN " + Store.unreadableQuery(table: table, date: date, kinds: kinds)).map { $0.last?.text ?? "" }
            }
            XCTAssertEqual(plan, ["SCAN \(table) USING INDEX \(index)"], "\(table)")
        }
    }

    /// On PostgreSQL the query's WHERE is the partial indexes' too: the server may read them (with
    /// sequential scans ruled out it must, or it says Seq Scan because the index cannot answer).
    func testTheServersCheckCanReadItsPartialIndexes() throws {
        guard TestDatabase.isPostgres else { throw XCTSkip("PostgreSQL's query plan") }
        let dir = TemporaryDirectory("heard-unreadable-plan-pg")
        let store = try makeStore(in: dir)
        let kinds = ContactKind.allCases.map(\.rawValue)
        for (table, date, kinds, index) in [("contacts", "received", Optional(kinds), "contacts_unreadable"), ("actions", "created", nil, "actions_unreadable")] {
            let plan = try store.query { conn in
                try conn.execute("SET LOCAL enable_seqscan = off")
                return try conn.rows("EXPLAIN SELECT id FROM \(table) WHERE \(Store.unreadableWhereOnPostgres(date: date, kinds: kinds)) ORDER BY id")
                    .map { $0.first?.text ?? "" }.joined(separator: "\n")
            }
            XCTAssertTrue(plan.contains(index), "\(table): \(plan)")
        }
    }

    /// Rows another tool writes after the index was made are in it (SQLite keeps a partial index
    /// as it keeps any other); and with the index dropped by that tool, the check scans and still
    /// finds the same rows.
    func testRowsAnotherToolWritesAreFoundWithTheIndexAndWithout() throws {
        try skipOnPostgres("the indexes are SQLite's")
        let dir = TemporaryDirectory("heard-unreadable-index")
        let store = try makeStore(in: dir)
        let path = store.path
        let good = try XCTUnwrap(store.add(sampleComplaint(), today: fixedToday).id)
        XCTAssertEqual(try store.unreadableRows(), UnreadableRows(contacts: [], actions: []))
        try rawExecute(path, """
            UPDATE contacts SET received = '2021-02-30' WHERE id = \(good);
            INSERT INTO contacts (reference, kind, received, service_area, complainant_name, subject_child, status, version)
              VALUES ('X-1', 'nonsense', '2021-03-01', '', '', '', 'open', 1), ('X-2', 'complaint', '2021-03-01', '', '', '', 'open', 1);
            INSERT INTO actions (title, created) VALUES ('bad', '2022-06-31'), ('fine', '2022-06-30'), ('blob', x'41');
            """)
        // Year 0000 matches the shape and SQLite's date() takes it, but no reader does (found by an attack).
        try rawExecute(path, """
            INSERT INTO contacts (reference, kind, received, service_area, complainant_name, subject_child, status, version)
              VALUES ('X-3', 'complaint', '0000-01-01', '', '', '', 'open', 1);
            INSERT INTO actions (title, created) VALUES ('year nought', '0000-03-01');
            """)
        // A day followed by a NUL: SQLite's length() and GLOB stop at the NUL, every reader reads
        // the whole value and leaves the row out (found by an attack on v18's first form).
        try rawExecute(path, """
            INSERT INTO contacts (reference, kind, received, service_area, complainant_name, subject_child, status, version)
              VALUES ('X-4', 'complaint', '2021-03-01' || char(0) || 'x', '', '', '', 'open', 1);
            INSERT INTO actions (title, created) VALUES ('nul', '2022-06-01' || char(0) || 'x');
            """)
        let withIndex = try store.unreadableRows()
        XCTAssertEqual(withIndex.contacts.count, 4, "\(withIndex)")
        XCTAssertTrue(withIndex.contacts.contains(good))
        XCTAssertEqual(withIndex.actions.count, 4, "\(withIndex)")
        try rawExecute(path, "DROP INDEX contacts_unreadable; DROP INDEX actions_unreadable;")
        XCTAssertEqual(try store.unreadableRows(), withIndex)
        // A readable row mended by the other tool leaves the index again.
        try rawExecute(path, "UPDATE contacts SET received = '2021-02-28' WHERE id = \(good)")
        XCTAssertEqual(try store.unreadableRows().contacts.count, 3)
    }

    /// PostgreSQL's day test in SQL (`notADayOnPostgres`) says what `isDay` says, value by value,
    /// on the server under test (on SQLite, `notADay`, SQLite's own).
    func testTheServersDayTestAgreesWithSwift() throws {
        var texts = ["2021-02-28", "2021-02-29", "2020-02-29", "1900-02-29", "2000-02-29", "0000-02-29", "9999-12-31",
                     "2021-04-30", "2021-04-31", "2021-01-31", "2021-01-32", "2021-01-39", "2021-00-10", "2021-13-01",
                     "2021-12-00", "2021-1-01", "2021-01-1", "2021/01/01", "20210101", "2021-01-01 ", " 2021-01-01",
                     "2021-01-01\n", "2021-01-01T00:00", "２０２１-01-01", "2021-0a-01", "", "2021-06-15", "1999-11-30",
                     "2021-02-3x", "0000-01-01", "0000-12-31", "0001-01-01", "2021-19-01", "2021-11-31", "2021-12-31", "2024-02-29", "2100-02-29", "2400-02-29",
                     "-021-01-01", "+021-01-01", "2021-+1-01", "2021-01-+1", "2021-٠١-01"]
        for m in 1...12 { for d in [28, 29, 30, 31] { texts.append(String(format: "2023-%02d-%02d", m, d)) } }
        let dir = TemporaryDirectory("heard-unreadable-server")
        let store = try makeStore(in: dir)
        try store.query { conn in
            let test = conn.dialect == .sqlite ? Store.notADay("v") : Store.notADayOnPostgres("v")
            for s in texts {
                let said = try conn.int("SELECT CASE WHEN \(test) THEN 0 ELSE 1 END FROM (SELECT CAST(? AS TEXT) AS v) t", [.text(s)])
                XCTAssertEqual(said == 1, Store.isDay(.text(s)), "'\(s)'")
            }
            let null = try conn.int("SELECT CASE WHEN \(test) THEN 0 ELSE 1 END FROM (SELECT CAST(NULL AS TEXT) AS v) t")
            XCTAssertEqual(null, 0, "NULL is no day")
        }
    }
    /// v18: the contact log and letters rows that may be unreadable come from partial indexes
    /// whose WHERE the query says word for word (the plan names the index, not a scan).
    func testTheCorrespondenceCheckReadsThePartialIndexes() throws {
        try skipOnPostgres("SQLite's query plan")
        let dir = TemporaryDirectory("heard-unreadable-corr-plan")
        let store = try makeStore(in: dir)
        for (table, condition, index) in [("contact_log", Schema.mayBeUnreadableLog, "contact_log_unreadable"),
                                          ("letters", Schema.mayBeUnreadableLetter, "letters_unreadable"),
                                          ("events", Store.unknownKind(CaseEventKind.allCases.map(\.rawValue)) + Store.notADay("date"), "events_unreadable")] {
            let plan = try store.query { conn in
                try conn.rows("EXPLAIN QUERY PLAN SELECT * FROM \(table) WHERE \(condition) ORDER BY id").map { $0.last?.text ?? "" }
            }
            XCTAssertEqual(plan, ["SCAN \(table) USING INDEX \(index)"], table)
        }
    }

    /// Rows of every awkward shape another tool could write: the check through the indexes names
    /// exactly the rows that reading every row with `logEntry`/`letterSent` cannot read.
    func testTheCorrespondenceIndexesMissNoUnreadableRow() throws {
        try skipOnPostgres("the indexes are SQLite's")
        let dir = TemporaryDirectory("heard-unreadable-corr")
        let store = try makeStore(in: dir)
        let id = try XCTUnwrap(store.add(sampleComplaint(), today: fixedToday).id)
        let times = ["'2022-03-04 14:30'", "'2022-03-04'", "'2022-03-04 9:05'", "'2022-03-04 24:00'", "'2022-03-04 23:60'", "'2022-02-29 10:00'",
                     "'2024-02-29 10:00'", "'0000-01-01 10:00'", "'2022-13-01 10:00'", "'2022-03-04T14:30'", "'2022-03-04  14:30'",
                     "'２022-03-04 14:30'", "'2022-03-04 14:30' || char(0) || 'x'", "''", "42", "x'41'", "' 2022-03-04 14:30'", "'2022-03-04 14:30 '", "'2022-04-31 08:00'"]
        let directions = ["'in'", "'out'", "'IN'", "''", "1"], kinds = ["'call'", "'visit'", "'fax'", "''"]
        let texts = ["'Pat'", "''", "7", "x'00ff'", "1.5"]
        var log: [String] = []
        for (i, at) in times.enumerated() {
            for d in directions { log.append("(\(id), \(d), 'call', 'Pat', \(at), 'note', 'me')") }
            for k in kinds { log.append("(\(id), 'in', \(k), \(texts[i % texts.count]), \(at), \(texts[(i + 1) % texts.count]), \(texts[(i + 2) % texts.count]))") }
        }
        // One cell wrong at a time in an otherwise good row, so that each test of the WHERE counts.
        let goodLog = ["'in'", "'call'", "'Pat'", "'2022-03-04 14:30'", "'note'", "'me'"]
        for column in goodLog.indices {
            for bad in ["7", "x'00ff'", "1.5", "''", "'in'"] {
                var row = goodLog
                row[column] = bad
                log.append("(\(id), " + row.joined(separator: ", ") + ")")
            }
        }
        let days = ["'2022-03-04'", "'2022-03-04' || char(0) || 'junk'", "'2022-02-29'", "'2024-02-29'", "'2022-3-4'", "'0000-01-01'", "''", "20220304", "'2022-03-04 10:00'"]
        let stages = ["NULL", "1", "3", "0", "4", "'2'", "2.5", "x'02'"]
        var letters: [String] = []
        for (i, sent) in days.enumerated() {
            for stage in stages {
                letters.append("(\(id), \(texts[i % texts.count]), \(stage), \(sent), \(texts[(i + 1) % texts.count]), \(texts[(i + 3) % texts.count]), 'me')")
            }
        }
        let goodLetter = ["'acknowledgement'", "2", "'2022-03-04'", "'md'", "'Dear'", "'me'"]
        for column in goodLetter.indices {
            for bad in ["7", "x'00ff'", "1.5", "''", "NULL", "'2'"] where !(bad == "NULL" && column != 1) {
                var row = goodLetter
                row[column] = bad
                letters.append("(\(id), " + row.joined(separator: ", ") + ")")
            }
        }
        try rawExecute(store.path, """
            INSERT INTO contact_log (contact_id, direction, kind, with_whom, at, note, recorded_by) VALUES \(log.joined(separator: ", "));
            INSERT INTO letters (contact_id, template, stage, sent, format, body, recorded_by) VALUES \(letters.joined(separator: ", "));
            """)
        let (logWanted, lettersWanted) = try store.query { conn -> ([Int64], [Int64]) in
            var l: [Int64] = [], t: [Int64] = []
            try conn.each("SELECT id, direction, kind, with_whom, at, note, recorded_by FROM contact_log ORDER BY id") { r in
                if Store.logEntry(r.values) == nil { l.append(r.int64(0)) }
            }
            try conn.each("SELECT id, template, stage, sent, format, body, recorded_by FROM letters ORDER BY id") { r in
                if Store.letterSent(r.values) == nil { t.append(r.int64(0)) }
            }
            return (l, t)
        }
        XCTAssertGreaterThan(logWanted.count, 20)
        XCTAssertLessThan(logWanted.count, log.count, "some rows are readable")
        XCTAssertGreaterThan(lettersWanted.count, 20)
        let found = try store.unreadableRows()
        XCTAssertEqual(found.log, logWanted)
        XCTAssertEqual(found.letters, lettersWanted)
    }
}

/// A received date another tool stored as a BLOB spelling a day is unreadable (`notADay`), and
/// every reader leaves it out: the report named it as left out yet counted it, read through the
/// query for contacts escalated in the period (found by an attack).
final class BlobReceivedTests: XCTestCase {
    func testABlobDayIsLeftOutByEveryReaderThatSaysSo() throws {
        try skipOnPostgres("a BLOB in a text column is SQLite's")
        let dir = TemporaryDirectory("heard-blob-received")
        let store = try makeStore(in: dir)
        let today = day("2022-03-15")
        try store.writeDemo(today: today)
        let year = Period.financialYear(starting: 2021)
        // A complaint of the year that was escalated in it: read by both the period's query and
        // the query for contacts escalated in the period.
        let escalated = try XCTUnwrap(store.allContacts().first { c in
            year.contains(c.received) && c.events.contains { $0.kind == .nextStageRequested && year.contains($0.date) }
        }, "fixture: the demo year has an escalated complaint")
        let id = try XCTUnwrap(escalated.id)
        func options() throws -> ReportOptions {
            ReportOptions(period: year, today: today, rules: store.rules, calendar: try store.calendar(), reference: store.reference)
        }
        let before = try XCTUnwrap(store.report(try options()).value(at: "contacts.total")?.count)
        try rawExecute(store.path, "UPDATE contacts SET received = CAST(received AS BLOB) WHERE id = \(id)")

        XCTAssertEqual(try store.unreadableRows().contacts, [id], "the check names it")
        XCTAssertEqual(try store.report(try options()).value(at: "contacts.total")?.count, before - 1, "the report leaves it out")
        XCTAssertFalse(try store.reportInput(for: year, today: today).contacts.contains { $0.id == id })
        XCTAssertFalse(try store.allContacts().contains { $0.id == id })
        var listed = false
        try store.eachCaseListRow(today: today) { if String(decoding: $0.reference, as: UTF8.self) == escalated.reference { listed = true } }
        XCTAssertFalse(listed, "the case list leaves it out")
    }
}

/// Text another tool wrote into an integer column is read as empty, as `heard check` says:
/// SQLite's own conversion read '99999abc' as 99,999 pence, a payment of £999.99 nobody recorded,
/// shown on the case and summed in the report (found by an attack).
final class TextInAnAmountTests: XCTestCase {
    func testTextInAnAmountIsNoPayment() throws {
        try skipOnPostgres("text in an integer column is SQLite's")
        let dir = TemporaryDirectory("heard-amount-text")
        let store = try makeStore(in: dir)
        let today = day("2022-03-15")
        try store.writeDemo(today: today)
        let paid = try XCTUnwrap(store.allContacts().first { $0.events.contains { ($0.amountPence ?? 0) > 0 } }, "fixture: a payment")
        let event = try XCTUnwrap(paid.events.first { ($0.amountPence ?? 0) > 0 })
        try rawExecute(store.path, "UPDATE events SET amount_pence = '99999abc' WHERE id = \(try XCTUnwrap(event.id))")
        let after = try store.contact(id: try XCTUnwrap(paid.id))
        XCTAssertNil(after.events.first { $0.id == event.id }?.amountPence, "read as empty")
        let year = Period.financialYear(containing: paid.received)
        let read = try XCTUnwrap(store.reportInput(for: year, today: today).contacts.first { $0.id == paid.id })
        XCTAssertNotNil(read.events.first { $0.id == event.id }, "fixture: the report reads the event")
        XCTAssertNil(read.events.first { $0.id == event.id }?.amountPence, "the report's reader too")
    }
}

/// An action's status or due date another tool wrote that Heard does not know is read as open,
/// or as undated, and counted so: `check` said nothing of it (found by an attack).
final class OddActionValuesTests: XCTestCase {
    func testCheckNamesAnActionsUnknownStatusAndDue() throws {
        let dir = TemporaryDirectory("heard-odd-actions")
        let store = try makeStore(in: dir)
        let today = day("2022-03-15")
        try store.writeDemo(today: today)
        XCTAssertEqual(try store.check(today: today), [], "fixture: the demo is clean")
        let ids = try store.actions(today: today).compactMap(\.id).sorted()
        guard ids.count >= 2 else { return XCTFail("fixture: two actions") }
        try store.write { tx in
            try tx.sql.execute("UPDATE actions SET status = 'frozen' WHERE id = ?", [.int(ids[0])])
            try tx.sql.execute("UPDATE actions SET due = 'not a date' WHERE id = ?", [.int(ids[1])])
        }
        let problems = try store.check(today: today)
        XCTAssertEqual(problems, ["2 action rows with a status or due date Heard does not know, read as open or as undated: #\(ids[0]), #\(ids[1])"])
    }

}
