import Foundation
import GRDB
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// The index undo finds undone rows by holds the undo rows only (v16 on SQLite; `audit_undone`
/// on PostgreSQL), and undo still reads through it: a bulk change no longer pays an index entry
/// per case for a NULL.
final class AuditUndoIndexTests: PostgresSchemaTestCase {
    private let undoneQuery = "SELECT 1 FROM audit u WHERE u.undoes = ?"

    func testOnlyUndoRowsAreInTheIndexAndUndoReadsThroughIt() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("heard.sqlite"), options: StoreOptions(actor: "Test Officer"))
        let a = try store.add(sampleComplaint(received: "2022-06-01"), today: fixedToday)
        _ = try store.add(sampleComplaint(received: "2022-06-02"), today: fixedToday)
        _ = try store.bulk(.assign(officer: "Sam Khan"), ids: [try XCTUnwrap(a.id)], today: fixedToday) { _, _ in }
        XCTAssertNotNil(try store.undoLast(today: fixedToday))
        try store.query { conn in
            let rows = try XCTUnwrap(try conn.int("SELECT count(*) FROM audit"))
            let undone = try XCTUnwrap(try conn.int("SELECT count(*) FROM audit WHERE undoes IS NOT NULL"))
            XCTAssertGreaterThan(rows, undone)
            XCTAssertEqual(undone, 1)
            XCTAssertEqual(try conn.int("SELECT count(*) FROM audit INDEXED BY audit_undoes WHERE undoes IS NOT NULL"), undone)
            let sql = try conn.texts("SELECT sql FROM sqlite_master WHERE name = 'audit_undoes'")
            XCTAssertEqual(sql, ["CREATE INDEX audit_undoes ON audit(undoes) WHERE undoes IS NOT NULL"])
            var plan = ""
            try conn.each("EXPLAIN QUERY PLAN " + undoneQuery, [.int(1)]) { plan += $0.text(3) + "\n" }
            XCTAssertTrue(plan.contains("audit_undoes"), plan)
        }
        // Undoing twice undoes the case's addition next, not the officer again.
        XCTAssertEqual(try store.undoLast(today: fixedToday)?.summary.contains("Sam Khan"), false)
    }

    func testAnOlderFileIsUpgradedToThePartialIndex() throws {
        let dir = TemporaryDirectory()
        let path = try olderFile(in: dir, undoing: "v16", with: "DROP INDEX audit_undoes; CREATE INDEX audit_undoes ON audit(undoes)")
        let reopened = try Store(path: path, options: StoreOptions(actor: "Test Officer"))
        XCTAssertEqual(try reopened.query { try $0.texts("SELECT sql FROM sqlite_master WHERE name = 'audit_undoes'") },
                       ["CREATE INDEX audit_undoes ON audit(undoes) WHERE undoes IS NOT NULL"])
        XCTAssertEqual(try reopened.allContacts().count, 1)
    }

    func testOnPostgresAnOlderSchemasIndexIsReplacedByItsOwner() throws {
        let s = try schema()
        let store = try Store(path: s.url, options: StoreOptions(actor: "Test Officer"))
        func indexes() throws -> [String] {
            try TestSchema.rows(s.url, "SELECT indexname FROM pg_catalog.pg_indexes WHERE schemaname = current_schema() AND indexname LIKE 'audit_undo%' ORDER BY 1")
                .compactMap { $0.first ?? nil }
        }
        XCTAssertEqual(try indexes(), ["audit_undone"], "a new schema has the partial one only")
        XCTAssertEqual(try store.addMissingServerIndexes(), [])
        // As an older Heard made it: every audit row in the index.
        try TestSchema.run(s.url, "DROP INDEX audit_undone; CREATE INDEX audit_undoes ON audit(undoes)")
        XCTAssertEqual(try store.addMissingServerIndexes(), ["audit_undone"])
        XCTAssertEqual(try indexes(), ["audit_undone"])
        let def = try TestSchema.value(s.url, "SELECT indexdef FROM pg_catalog.pg_indexes WHERE schemaname = current_schema() AND indexname = 'audit_undone'")
        XCTAssertTrue(def?.contains("WHERE (undoes IS NOT NULL)") == true, def ?? "")
        let a = try store.add(sampleComplaint(), today: fixedToday)
        _ = try store.bulk(.assign(officer: "Sam Khan"), ids: [try XCTUnwrap(a.id)], today: fixedToday) { _, _ in }
        XCTAssertNotNil(try store.undoLast(today: fixedToday))
        XCTAssertEqual(try TestSchema.value(s.url, "SELECT count(*) FROM audit WHERE undoes IS NOT NULL"), "1")
    }
}

/// Who the audit names when config.toml names nobody and `$USER` is unset (cron, a service).
final class DefaultActorTests: XCTestCase {
    func testTheLoginNameStandsInForAnUnsetOrBlankUSER() {
        XCTAssertEqual(StoreOptions.actor(environment: ["USER": "jsmith"]), "jsmith")
        let login = TeamFolder.userName(geteuid())
        XCTAssertFalse(login.isEmpty)
        XCTAssertNotEqual(login, "unknown")
        XCTAssertEqual(StoreOptions.actor(environment: [:]), login)
        XCTAssertEqual(StoreOptions.actor(environment: ["USER": "  "]), login)
    }
}
