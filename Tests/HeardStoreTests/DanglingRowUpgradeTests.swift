import Foundation
import GRDB
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// A file made by an older Heard in which another tool left a row pointing at nothing (a log line
/// of a case deleted by hand): upgrading it checked every foreign key of the whole file after the
/// migration and refused, so no command could open it, not `heard check` to find the row, and
/// the message quoted the row's personal data (found by an attack).
final class DanglingRowUpgradeTests: XCTestCase {
    override func setUpWithError() throws {
        try XCTSkipIf(TestDatabase.isPostgres, "the migrations and their foreign key checks are SQLite's")
    }

    /// A file as a v14 Heard left it (or, `undoing` v20, a v19 Heard), with a log line of a case
    /// that is not there.
    private func olderFileWithADanglingRow(_ dir: TemporaryDirectory, undoing migration: String = "v15") throws -> String {
        let path = dir.file("older.sqlite")
        let store = try Store(path: path, options: StoreOptions(actor: "Test Officer"))
        _ = try store.add(sampleComplaint(), today: day("2022-06-15"))
        try store.closeFile()
        let q = try DatabaseQueue(path: path)
        try q.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: """
                INSERT INTO contact_log (contact_id, direction, kind, with_whom, at, note, recorded_by)
                VALUES (999999, 'in', 'call', 'Jane Secret-Person', '2022-01-01 10:00', 'something private', 'x')
                """)
            if migration == "v20" {
                try db.execute(sql: "DROP INDEX actions_source_contact; DROP INDEX actions_source_learning")
            } else {
                try db.execute(sql: "DROP INDEX contacts_officer_live")
            }
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [migration])
        }
        try q.close()
        return path
    }

    func testTheFileIsUpgradedAndCheckNamesTheRowByIdOnly() throws {
        let dir = TemporaryDirectory()
        let path = try olderFileWithADanglingRow(dir)
        let store = try Store(path: path, options: StoreOptions(actor: "Test Officer"))
        let problems = try store.check(today: day("2022-06-15"))
        XCTAssertTrue(problems.contains { $0.hasPrefix("foreign key: table contact_log row") }, "\(problems)")
        XCTAssertFalse(problems.joined().contains("Secret-Person"), "\(problems)")
        XCTAssertEqual(try store.query { try $0.int("SELECT count(*) FROM sqlite_master WHERE name = 'contacts_officer_live'") }, 1)
    }

    /// v20 (the actions' indexes) too: it checked the whole file at its end (an attack).
    func testAV19FileWithADanglingRowIsUpgradedAndChecked() throws {
        let dir = TemporaryDirectory()
        let path = try olderFileWithADanglingRow(dir, undoing: "v20")
        for readOnly in [true, false] {
            let store = try Store(path: path, options: StoreOptions(readOnly: readOnly, create: false, actor: "Test Officer"))
            XCTAssertEqual(try store.cases(CaseFilter(), today: day("2022-06-15")).count, 1)
            let problems = try store.check(today: day("2022-06-15"))
            XCTAssertTrue(problems.contains { $0.hasPrefix("foreign key: table contact_log row") }, "\(problems)")
            XCTAssertEqual(try store.query { try $0.int("SELECT count(*) FROM sqlite_master WHERE name = 'actions_source_contact'") }, 1)
            try store.closeFile()
        }
    }

    func testReadOnlyOpeningUpgradesItToo() throws {
        let dir = TemporaryDirectory()
        let path = try olderFileWithADanglingRow(dir)
        let store = try Store(path: path, options: StoreOptions(readOnly: true, create: false))
        XCTAssertEqual(try store.cases(CaseFilter(), today: day("2022-06-15")).count, 1)
    }

    /// GRDB quotes the violating row in its message; Heard's message never does.
    func testADatabaseMessageNeverCarriesTheRowItQuotes() {
        let said = "FOREIGN KEY constraint violation - from contact_log(contact_id) to contacts(id), in [id:1394 contact_id:999999 with_whom:\"Jane Secret-Person\"]"
        XCTAssertEqual(Store.withoutRowValues(said), "FOREIGN KEY constraint violation - from contact_log(contact_id) to contacts(id)")
        XCTAssertEqual(Store.withoutRowValues("disk I/O error"), "disk I/O error")
    }
}
