import Foundation
import GRDB
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// A case's actions are found by index on both databases (SQLite's v20, the server's indexes
/// without version), and on a server the contacts' order (received, then id) has an index of
/// its own, as SQLite's rowid gives `contacts_received`.
final class CaseReadIndexTests: PostgresSchemaTestCase {
    func testACasesActionsAreFoundByTheirSourcesIndexes() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("heard.sqlite"), options: StoreOptions(actor: "Test Officer"))
        try store.writeDemo(today: fixedToday)
        let read = Store.actionsRead(forCase: 1)
        try store.query { conn in
            var plan = ""
            try conn.each("EXPLAIN QUERY PLAN " + read.sql, read.arguments) { plan += $0.text(3) + "\n" }
            XCTAssertTrue(plan.contains("actions_source_contact"), plan)
            XCTAssertTrue(plan.contains("actions_source_learning"), plan)
            XCTAssertFalse(plan.contains("SCAN a\n") || plan.contains("SCAN actions\n"), plan)
        }
        // The same actions as the one OR asked before, for every case of the demo.
        for c in try store.allContacts() {
            let id = try XCTUnwrap(c.id)
            let before = try store.query { conn in
                try conn.ints("""
                    SELECT a.id FROM actions a WHERE a.source_contact_id = ? OR a.source_learning_id IN
                      (SELECT id FROM learning_points WHERE contact_id = ?) ORDER BY a.id
                    """, [.int(id), .int(id)])
            }
            XCTAssertEqual(try store.caseParts(id: id).actions.map(\.id), before, c.reference)
        }
    }

    /// A file from before v20 that nobody here may write (made immutable: root too is refused)
    /// still opens read-only: v20 only adds indexes, and a reader does without them (an attack
    /// found "needs upgrading by a writable Heard" for it).
    func testAnOlderFileNoOneMayWriteOpensReadOnlyWithoutTheIndexes() throws {
        try skipOnPostgres("a file's upgrade")
        let dir = TemporaryDirectory()
        let path = try olderFile(in: dir, undoing: "v20", with: "DROP INDEX actions_source_contact; DROP INDEX actions_source_learning")
        let chattr = { (flag: String) -> Int32 in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
            p.arguments = [flag, path]
            p.standardError = FileHandle.nullDevice
            do { try p.run() } catch { return -1 }
            p.waitUntilExit()
            return p.terminationStatus
        }
        guard chattr("+i") == 0 else { throw XCTSkip("chattr +i is not allowed here") }
        defer { _ = chattr("-i") }
        let reader = try Store(path: path, options: StoreOptions(readOnly: true, actor: "Reader"))
        XCTAssertEqual(try reader.allContacts().count, 1)
        XCTAssertEqual(try reader.caseParts(id: 1).actions, [])
        try reader.closeFile()
        // A migration that adds tables or columns is still refused so.
        _ = chattr("-i")
        try DatabaseQueue(path: path).writeWithoutTransaction { try $0.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v19'") }
        guard chattr("+i") == 0 else { throw XCTSkip("chattr +i is not allowed here") }
        XCTAssertThrowsError(try Store(path: path, options: StoreOptions(readOnly: true, actor: "Reader"))) { e in
            XCTAssertTrue("\(e)".contains("needs upgrading by a writable Heard"), "\(e)")
        }
    }

    func testOnPostgresAnOlderSchemasIndexesAreReplacedByTheirOwner() throws {
        let s = try schema()
        let store = try Store(path: s.url, options: StoreOptions(actor: "Test Officer"))
        func indexes() throws -> [String] {
            try TestSchema.rows(s.url, """
                SELECT indexname FROM pg_catalog.pg_indexes WHERE schemaname = current_schema()
                  AND (indexname LIKE 'contacts_received%' OR indexname LIKE 'actions_source%' OR indexname = 'events_report') ORDER BY 1
                """).compactMap { $0.first ?? nil }
        }
        let made = ["actions_source_contact", "actions_source_learning", "contacts_received_id", "events_report"]
        XCTAssertEqual(try indexes(), made, "a new schema has them")
        // As an older Heard made it: the order's index on received alone, no sources' indexes.
        try TestSchema.run(s.url, """
            DROP INDEX contacts_received_id; DROP INDEX actions_source_contact; DROP INDEX actions_source_learning;
            DROP INDEX events_report;
            CREATE INDEX contacts_received ON contacts(received)
            """)
        XCTAssertEqual(Set(try store.addMissingServerIndexes()), Set(made))
        XCTAssertEqual(try indexes(), made, "the older index is gone")
        let def = try TestSchema.value(s.url, "SELECT indexdef FROM pg_catalog.pg_indexes WHERE schemaname = current_schema() AND indexname = 'contacts_received_id'")
        XCTAssertTrue(def?.contains("(received, id)") == true, def ?? "")
    }
}

/// The report's later contacts (received outside its period, escalated, referred, decided or
/// remedied in it) are found by v21's index of only those events, with the case's id in it:
/// the same contacts as a scan of every event finds.
final class ReportEventIndexTests: XCTestCase {
    func testTheLaterContactsAreReadByTheReportsEventIndex() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("heard.sqlite")
        let store = try Store(path: path, options: StoreOptions(actor: "Test Officer"))
        try store.writeDemo(today: fixedToday)
        let years = (2015...2024).map { Period.financialYear(starting: $0) }
        let arguments = { (p: Period) -> [Bound] in [.text(p.from.iso), .text(p.to.iso), .text(p.from.iso), .text(p.to.iso)] }
        var found = 0
        try store.query { conn in
            var plan = ""
            try conn.each("EXPLAIN QUERY PLAN " + Store.reportLaterSQL, arguments(years[0])) { plan += $0.text(3) + "\n" }
            XCTAssertTrue(plan.contains("COVERING INDEX events_report"), plan)
            for p in years {
                let byIndex = try conn.ints("SELECT id FROM (\(Store.reportLaterSQL))", arguments(p))
                let byScan = try conn.ints(Store.reportLaterSQL.replacingOccurrences(of: "FROM events", with: "FROM events NOT INDEXED")
                    .replacingOccurrences(of: "SELECT \(Store.reportContactColumns)", with: "SELECT id"), arguments(p))
                XCTAssertEqual(byIndex, byScan, p.from.iso)
                found += byIndex.count
            }
        }
        XCTAssertGreaterThan(found, 0, "the demo has cases escalated in a later year than they came in")
    }

    /// A file without the index (an older Heard's) gains it when a writable Heard opens it, and
    /// no migration is recorded for it, so that the older Heard still opens the file; read-only,
    /// or while another connection holds the file's lock, it is read without it at once.
    func testAFileWithoutTheIndexGainsItWithoutAVersion() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("older.sqlite")
        let made = try Store(path: path, options: StoreOptions(actor: "Test Officer"))
        try made.writeDemo(today: fixedToday)
        let period = Period.financialYear(starting: 2021)
        let expected = try made.report(ReportOptions(period: period, today: fixedToday))
        try made.closeFile()
        let q = try DatabaseQueue(path: path)
        let count = { () throws -> Int in
            try q.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master WHERE name = 'events_report'") ?? -1 }
        }
        let migrations = { () throws -> [String] in try q.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") } }
        XCTAssertEqual(try count(), 1, "a new file has it")
        XCTAssertFalse(try migrations().contains { !Schema.migrator.migrations.contains($0) }, "no version of its own")
        try q.writeWithoutTransaction { try $0.execute(sql: "DROP INDEX events_report") }

        let reader = try Store(path: path, options: StoreOptions(readOnly: true, actor: "Reader"))
        XCTAssertEqual(try reader.report(ReportOptions(period: period, today: fixedToday)), expected)
        try reader.closeFile()
        XCTAssertEqual(try count(), 0, "a reader writes nothing")

        // Another connection holds the lock: the open waits for nothing and reads without it.
        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), released = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? q.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                holding.signal()
                release.wait()
                try db.execute(sql: "ROLLBACK")
            }
            released.signal()
        }
        holding.wait()
        let started = Date()
        let busy = try Store(path: path, options: StoreOptions(actor: "Test Officer"))
        XCTAssertLessThan(Date().timeIntervalSince(started), 3, "the open did not wait out the busy timeout")
        XCTAssertEqual(try busy.report(ReportOptions(period: period, today: fixedToday)), expected)
        try busy.closeFile()
        release.signal()
        released.wait()
        XCTAssertEqual(try count(), 0)

        let writer = try Store(path: path, options: StoreOptions(actor: "Test Officer"))
        XCTAssertEqual(try writer.report(ReportOptions(period: period, today: fixedToday)), expected)
        try writer.closeFile()
        XCTAssertEqual(try count(), 1)
        try q.close()
    }

    /// The report's actions are read from an index that holds every column the report counts
    /// (`Schema.actionsReportIndex`), not from the table's rows; a file without it (an older
    /// Heard's) gains it at a writable open with no version of its own, and reads the same.
    func testTheReportsActionsAreReadFromTheirOwnIndex() throws {
        try skipOnPostgres("SQLite's query plan and a file's indexes")
        let dir = TemporaryDirectory()
        let path = dir.file("heard.sqlite")
        let made = try Store(path: path, options: StoreOptions(actor: "Test Officer"))
        try made.writeDemo(today: fixedToday)
        let years = (2018...2022).map { Period.financialYear(starting: $0) }
        let expected = try years.map { try made.reportActions(createdIn: $0) }
        XCTAssertGreaterThan(expected.joined().count, 10, "the demo has actions")
        for (p, lean) in zip(years, expected) {
            XCTAssertEqual(lean.map(\.id), lean.map(\.id).sorted { ($0 ?? .min) < ($1 ?? .min) }, "in id order: \(p.label)")
        }
        try made.query { conn in
            var plan = ""
            try conn.each("EXPLAIN QUERY PLAN " + Store.reportActionsSQL, [.text("2019-04-01"), .text("2020-03-31")]) { plan += $0.text(3) + "\n" }
            XCTAssertTrue(plan.contains("COVERING INDEX actions_report"), plan)
        }
        try made.closeFile()
        let q = try DatabaseQueue(path: path)
        let count = { () throws -> Int in
            try q.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master WHERE name = 'actions_report'") ?? -1 }
        }
        XCTAssertEqual(try count(), 1, "a new file has it")
        try q.writeWithoutTransaction { try $0.execute(sql: "DROP INDEX actions_report") }
        try q.close()

        let reader = try Store(path: path, options: StoreOptions(readOnly: true, actor: "Reader"))
        XCTAssertEqual(try years.map { try reader.reportActions(createdIn: $0) }, expected, "read the same without it")
        try reader.closeFile()
        let writer = try Store(path: path, options: StoreOptions(actor: "Test Officer"))
        XCTAssertEqual(try years.map { try writer.reportActions(createdIn: $0) }, expected)
        try writer.closeFile()
        let again = try DatabaseQueue(path: path)
        XCTAssertEqual(try again.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master WHERE name = 'actions_report'") }, 1,
                       "a writable open made it again")
        XCTAssertFalse(try again.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
            .contains { !Schema.migrator.migrations.contains($0) }, "no version of its own")
        try again.close()
    }
}

/// A store opened to leave its file as it is (`heard --read-only`) never upgrades it.
final class LeaveFileAsIsTests: XCTestCase {
    private func digest(_ path: String) -> [UInt8] {
        Array(FileManager.default.contents(atPath: path) ?? Data())
    }

    func testAnOlderFileIsReadAsItIsOrRefusedButNeverUpgraded() throws {
        try skipOnPostgres("a file's upgrade")
        let dir = TemporaryDirectory()
        // Lacking only v20's indexes: read as it is, and the indexes are not made.
        let path = try olderFile(in: dir, undoing: "v20", with: "DROP INDEX actions_source_contact; DROP INDEX actions_source_learning")
        let before = digest(path)
        var options = StoreOptions(readOnly: true, create: false, actor: "Reader")
        options.leaveFileAsIs = true
        let reader = try Store(path: path, options: options)
        XCTAssertEqual(try reader.allContacts().count, 1)
        XCTAssertEqual(try reader.query { try $0.int("SELECT count(*) FROM sqlite_master WHERE name = 'actions_source_contact'") }, 0)
        try reader.closeFile()
        XCTAssertEqual(digest(path), before, "no byte changed")
        // Lacking a migration that adds tables or columns: refused, and still no byte changed.
        try DatabaseQueue(path: path).writeWithoutTransaction { try $0.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v19'") }
        let older = digest(path)
        XCTAssertThrowsError(try Store(path: path, options: options)) { e in
            XCTAssertTrue("\(e)".contains("was written by an older Heard") && "\(e)".contains("left as it is"), "\(e)")
        }
        XCTAssertEqual(digest(path), older, "no byte changed")
        // A reading command's open (not told to leave it) upgrades it, as before.
        let upgraded = try Store(path: path, options: StoreOptions(readOnly: true, create: false, actor: "Reader"))
        XCTAssertEqual(try upgraded.allContacts().count, 1)
        XCTAssertEqual(try upgraded.query { try $0.int("SELECT count(*) FROM sqlite_master WHERE name = 'actions_source_contact'") }, 1)
        try upgraded.closeFile()
    }
}
