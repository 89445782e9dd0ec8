import Foundation
import HeardCore
import HeardTestSupport
@testable import HeardStore
import XCTest

/// The import's own row writer (`importInsert`, Store+ImportRows.swift) against `Store.insert`,
/// kept as the reference: the same rows in every table, ids and all, on either database.
final class ImportRowsTests: XCTestCase {
    /// The tables a contact's insert writes, each read in id order.
    static let tables = [
        "SELECT * FROM contacts ORDER BY id", "SELECT * FROM issues ORDER BY id",
        "SELECT * FROM events ORDER BY id", "SELECT * FROM stage_people ORDER BY contact_id",
    ]

    func testTheDemosContactsWriteTheSameRowsEitherWay() throws {
        let dir = TemporaryDirectory()
        let demo = try makeStore(in: dir, name: "demo.sqlite")
        let today = day("2022-03-15")
        try demo.writeDemo(today: today)
        var contacts = try demo.allContacts()
        // Findings in words on every stage, so that the issue's text columns are written too.
        for i in contacts.indices where i % 7 == 0 && !contacts[i].issues.isEmpty {
            contacts[i].issues[0].findingTexts = [1: "found \(i)", 2: "", 3: "Zoë's \"view\"\nsecond line"]
        }
        XCTAssertGreaterThan(contacts.filter { !$0.stagePeople.isEmpty }.count, 0, "the demo has stage people")
        XCTAssertGreaterThan(contacts.filter(\.hasPeople).count, 0, "the demo has people")

        let reference = try makeStore(in: dir, name: "reference.sqlite")
        let fast = try makeStore(in: dir, name: "fast.sqlite")
        let calendar = try reference.calendar()
        try reference.write { tx in
            for var c in contacts {
                try reference.insert(tx, &c, calendar: calendar, today: today, auditRow: false, fts: false)
                try reference.audit(tx, .contact, id: c.id, reference: c.reference, .import, changes: Changes())
            }
        }
        var ids: [Int64?] = []
        try fast.write { tx in
            for var c in contacts {
                try fast.importInsert(tx.sql, &c, calendar: calendar, today: today)
                ids.append(c.id)
                // Each change needs an audit row of its transaction on PostgreSQL: the import writes one per contact.
                try fast.audit(tx, .contact, id: c.id, reference: c.reference, .import, changes: Changes())
            }
        }
        XCTAssertEqual(ids, (1...Int64(contacts.count)).map { $0 }, "each contact is given its new id")
        for sql in Self.tables {
            let expected = try rawRows(reference.path, sql)
            XCTAssertFalse(expected.isEmpty, sql)
            XCTAssertEqual(try rawRows(fast.path, sql), expected, sql)
        }
    }

    /// SQLite's insert has no RETURNING (its ephemeral table per row was the cost); the id is its last rowid.
    func testTheSQLiteInsertsReturnNothing() {
        for sql in [Store.importContactSQL, Store.importContactWithPeopleSQL] + Store.importIssueRows.sql.dropFirst() + Store.importEventRows.sql.dropFirst() {
            XCTAssertFalse(sql.contains("RETURNING"), sql)
            XCTAssertTrue(sql.hasPrefix("INSERT INTO "), sql)
        }
        XCTAssertTrue(Store.importContactWithPeopleSQL.contains("complainant_address"))
    }

    /// A contact's issues and events go in a few rows to a statement: `sql[n]` has n rows of
    /// the table's columns, and `insertRows` writes more rows than one statement carries, each whole.
    func testMultiRowInsertsCarryTheirRowsInOrder() throws {
        for insert in [Store.importIssueRows, Store.importEventRows] {
            XCTAssertEqual(insert.sql.count, MultiRowInsert.most + 1)
            for n in 1...MultiRowInsert.most {
                XCTAssertEqual(insert.sql[n].filter { $0 == "?" }.count, n * insert.columns, insert.sql[n])
            }
        }
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let rows = MultiRowInsert("INSERT INTO t (a, b) VALUES ", columns: 2)
        let count = MultiRowInsert.most * 2 + 3
        let written: [[SQLValue]] = try store.write { tx in
            try tx.sql.execute("CREATE TEMP TABLE t (a INTEGER, b TEXT)")
            try Store.insertRows(tx.sql, rows, (0..<count).flatMap { [Bound.int($0), .text("row \($0)")] }, count: count)
            try Store.insertRows(tx.sql, rows, [], count: 0)
            return try tx.sql.rows("SELECT a, b FROM t ORDER BY a")
        }
        XCTAssertEqual(written, (0..<count).map { [.integer(Int64($0)), .text("row \($0)")] })
    }
}
