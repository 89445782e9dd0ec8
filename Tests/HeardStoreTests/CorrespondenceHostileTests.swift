import Foundation
import GRDB
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// The correspondence against rows another tool wrote and text a user typed: nothing traps,
/// rows Heard cannot read are counted and named rather than shown as something else, and a
/// carriage return cannot make an export unimportable.
final class CorrespondenceHostileTests: XCTestCase {
    private func newCase(_ dir: TemporaryDirectory) throws -> (Store, Int64) {
        let store = try makeStore(in: dir)
        let c = try store.add(sampleComplaint(received: "2022-06-13"), today: fixedToday)
        return (store, try XCTUnwrap(c.id))
    }

    private let call = LogEntry(direction: .incoming, kind: .call, with: "Mrs Patel", at: LogTime(date: day("2022-06-14")), note: "Readable")

    func testCellsOfTheWrongKindAreCountedNotTrapped() throws {
        try skipOnPostgres("cells of another kind than their column's: PostgreSQL's typed columns refuse them")
        let dir = TemporaryDirectory()
        let (store, id) = try newCase(dir)
        try store.addLogEntry(call, to: id)
        try rawQueue(store.path).write { db in
            // Each of these stopped the program in GRDB's typed subscript, printing the row.
            try db.execute(sql: "INSERT INTO letters (contact_id, template, stage, sent, body) VALUES (?, 'acknowledgement', 'x', '2022-06-14', 'Dear Secret')", arguments: [id])
            try db.execute(sql: "INSERT INTO contact_log (contact_id, direction, kind, at, note) VALUES (?, 'in', 'call', '2022-06-14', x'00ff41')", arguments: [id])
            // And these were shown as 1970-01-01 or "in | call".
            try db.execute(sql: "INSERT INTO contact_log (contact_id, direction, kind, at, note) VALUES (?, 'in', 'call', 'garbage', 'n')", arguments: [id])
            try db.execute(sql: "INSERT INTO contact_log (contact_id, direction, kind, at, note) VALUES (?, 'sideways', 'fax', '2022-06-14', 'n')", arguments: [id])
            try db.execute(sql: "INSERT INTO letters (contact_id, template, stage, sent, body) VALUES (?, 'acknowledgement', 1, 'garbage', 'b')", arguments: [id])
            try db.execute(sql: "INSERT INTO documents (contact_id, name, size, type, added, sha256, data) VALUES (?, x'ff', 'big', 'text/plain', '2022-06-14', 'x', x'00')", arguments: [id])
        }
        let corr = try store.correspondence(contactID: id)
        XCTAssertEqual(corr.log.map(\.note), ["Readable"])
        XCTAssertEqual(corr.letters.count, 0)
        XCTAssertEqual(corr.unreadable, 5)
        XCTAssertEqual(corr.documents.count, 1, "a document keeps its number")
        let rows = try store.unreadableRows()
        XCTAssertEqual(rows.log, [2, 3, 4])
        XCTAssertEqual(rows.letters, [1, 2])
        XCTAssertTrue(rows.summary.contains("3 contact log rows (#2, #3, #4) and 2 letter rows (#1, #2) Heard cannot read were left out"), rows.summary)
        let csv = try store.exportCSV(today: fixedToday)
        XCTAssertTrue(csv.contains("2022-06-14 | in | call | Mrs Patel | Readable"), csv)
        XCTAssertFalse(csv.contains("sideways") || csv.contains("1970") || csv.contains("Secret"), csv)
        let problems = try store.check(today: fixedToday)
        XCTAssertTrue(problems.contains { $0.contains("contact log row #3 has a time") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("letter row #1 has a sent date, stage or cell") }, "\(problems)")
        XCTAssertFalse(problems.joined().contains("Secret"))

        let record = CaseRecord(contact: try XCTUnwrap(store.allContacts().first), clock: try XCTUnwrap(store.allContacts().first)
            .clock(rules: store.rules, calendar: try store.calendar(), today: fixedToday), calendar: try store.calendar(), correspondence: corr)
        let texts = record.correspondenceLines.compactMap { line -> String? in
            if case .spans(let spans, _) = line { return spans.map(\.text).joined() }
            return nil
        }
        XCTAssertTrue(texts.contains("5 correspondence rows Heard cannot read are not shown (heard check)"), "\(texts)")
    }

    /// The rows of the test above that either database can hold (text of the right kind that
    /// says nothing Heard can read): counted and named, never shown as something else.
    func testTextHeardCannotReadIsCountedOnEitherDatabase() throws {
        let dir = TemporaryDirectory()
        let (store, id) = try newCase(dir)
        try store.addLogEntry(call, to: id)
        try rawExecute(store.path, """
            INSERT INTO contact_log (contact_id, direction, kind, at, note) VALUES (\(id), 'in', 'call', 'garbage', 'n');
            INSERT INTO contact_log (contact_id, direction, kind, at, note) VALUES (\(id), 'sideways', 'fax', '2022-06-14', 'n');
            INSERT INTO letters (contact_id, template, stage, sent, body) VALUES (\(id), 'acknowledgement', 1, 'garbage', 'Dear Secret')
            """)
        let corr = try store.correspondence(contactID: id)
        XCTAssertEqual(corr.log.map(\.note), ["Readable"])
        XCTAssertEqual(corr.letters.count, 0)
        XCTAssertEqual(corr.unreadable, 3)
        let rows = try store.unreadableRows()
        XCTAssertEqual(rows.log, [2, 3])
        XCTAssertEqual(rows.letters, [1])
        let csv = try store.exportCSV(today: fixedToday)
        XCTAssertTrue(csv.contains("2022-06-14 | in | call | Mrs Patel | Readable"), csv)
        XCTAssertFalse(csv.contains("sideways") || csv.contains("1970") || csv.contains("Secret"), csv)
        let problems = try store.check(today: fixedToday)
        XCTAssertTrue(problems.contains { $0.contains("contact log row #2 has a time") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("letter row #1 has a sent date, stage or cell") }, "\(problems)")
        XCTAssertFalse(problems.joined().contains("Secret"))
    }

    func testOtherTablesReadAroundCellsOfTheWrongKind() throws {
        try skipOnPostgres("cells of another kind than their column's: PostgreSQL's typed columns refuse them")
        let dir = TemporaryDirectory()
        let (store, id) = try newCase(dir)
        _ = try store.addAction(ActionItem(title: "Ring back", owner: "Kate", created: fixedToday))
        try rawQueue(store.path).write { db in
            try db.execute(sql: "UPDATE actions SET version = 'x', title = x'00ff', owner = x'ff'")
            // The audit cannot be changed, but another tool can add to it.
            try db.execute(sql: "INSERT INTO audit (at, who, entity, entity_id, action, changes) VALUES ('x', x'00ff', 'contact', 'x', 'update', x'ff')")
        }
        XCTAssertEqual(try store.actions(outstanding: false, today: fixedToday).map(\.title), [""])
        XCTAssertEqual(try store.recentAudit(limit: 1).first?.who, "", "history reads, a blob's cell as empty")
        _ = try store.caseHistory(contactID: id, reference: "CS-2022-0001")
    }

    func testCheckNamesADocumentWhoseSizeNameOrTypeIsNotWhatHeardWrites() throws {
        let dir = TemporaryDirectory()
        let (store, id) = try newCase(dir)
        try store.addDocument(named: "fine.txt", data: Data("ok".utf8), added: fixedToday, to: id)
        XCTAssertEqual(try store.check(today: fixedToday).filter { $0.contains("document") }, [])
        let oneByte = TestDatabase.isPostgres ? "decode('41', 'hex')" : "x'41'"
        try rawExecute(store.path, """
            INSERT INTO documents (contact_id, name, size, type, added, sha256, data)
            VALUES (\(id), '../../../../tmp/x', -5, 'text/html<script>', '2022-06-14', '\(SHA256.hex(Data([0x41])))', \(oneByte))
            """)
        let problems = try store.check(today: fixedToday).filter { $0.contains("document") }
        XCTAssertEqual(problems, [
            "case \(try store.allContacts()[0].reference): document 2: its name is not a plain file name (empty, a folder, or with a /)",
            "case \(try store.allContacts()[0].reference): document 2: its type is not a plain media type (type/subtype)",
            "case \(try store.allContacts()[0].reference): document 2: its recorded size -5 is not its 1 bytes",
        ])
        XCTAssertEqual(try store.correspondence(contactID: id).documents.last?.saveName, "x")
    }

    func testADocumentAddedOnADayHeardCannotReadIsSaidSoNotAs1970() throws {
        let dir = TemporaryDirectory()
        let (store, id) = try newCase(dir)
        try store.addDocument(named: "fine.txt", data: Data("ok".utf8), added: fixedToday, to: id)
        try rawExecute(store.path, "UPDATE documents SET added = 'garbage' WHERE contact_id = \(id)")
        let parts = try store.caseParts(id: id)
        XCTAssertEqual(parts.correspondence.documents.map(\.name), ["fine.txt"], "it keeps its place")
        XCTAssertNil(parts.correspondence.documents.first?.added)
        let record = CaseRecord(contact: parts.contact, clock: parts.contact.clock(rules: .default, calendar: parts.calendar, today: fixedToday),
                                calendar: parts.calendar, rules: .default, correspondence: parts.correspondence)
        let shown = record.correspondenceLines.map { line -> String in
            if case .spans(let spans, _) = line { return spans.map(\.text).joined() }
            return ""
        }.joined(separator: " ")
        XCTAssertTrue(shown.contains("added on a day that cannot be read"), shown)
        XCTAssertFalse(shown.contains("1970"), shown)
        // And heard check names it (never its contents).
        let problems = try store.check(today: fixedToday).filter { $0.contains("document") }
        XCTAssertEqual(problems, ["case \(parts.contact.reference): document 1: the day it was added is not a date Heard can read (YYYY-MM-DD)"])
    }

    func testCarriageReturnsAreStoredAsLineFeedsAndEscapedInTheExport() throws {
        let dir = TemporaryDirectory()
        let (store, id) = try newCase(dir)
        var e = call
        e.note = "a\rb\r\nc"
        try store.addLogEntry(e, to: id)
        try store.recordLetter(LetterSent(template: "acknowledgement", stage: 1, sent: day("2022-06-14"), body: "Dear\r\nMe\rEnd"), on: id)
        let corr = try store.correspondence(contactID: id)
        XCTAssertEqual(corr.log.first?.note, "a\nb\nc")
        XCTAssertEqual(corr.letters.first?.body, "Dear\nMe\nEnd")
        // A CR another tool stored still goes out escaped, and the export reads back.
        try rawExecute(store.path, "UPDATE contact_log SET note = 'x' || \(TestDatabase.isPostgres ? "chr" : "char")(13) || 'y'")
        let csv = try store.exportCSV(today: fixedToday)
        XCTAssertTrue(csv.contains("Mrs Patel | x\\ry"), csv)
        let b = try makeStore(in: dir, name: "b.sqlite")
        XCTAssertEqual(try b.importCSV(Array(csv.utf8), source: "a.csv", dryRun: false, today: fixedToday).imported, 1)
        let back = try b.correspondence(contactID: try XCTUnwrap(b.allContacts().first?.id))
        XCTAssertEqual(back.log.first?.note, "x\ny", "stored as a line feed")
        XCTAssertEqual(back.letters.first?.body, "Dear\nMe\nEnd")
    }
}
