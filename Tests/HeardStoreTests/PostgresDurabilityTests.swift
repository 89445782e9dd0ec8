import Foundation
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// A write's COMMIT on PostgreSQL has the file store's durability (SQLite's WAL with synchronous =
/// NORMAL: no wait for the disk at commit) unless the server, database, role or URL chose
/// `synchronous_commit` itself, which is then left as chosen. Skipped without a server.
final class PostgresDurabilityTests: XCTestCase {
    private var schema: TestSchema?

    override func tearDown() {
        schema?.drop()
        schema = nil
        super.tearDown()
    }

    private func setting(in store: Store) throws -> (write: String?, read: String?, log: String?) {
        let write = try store.backend.write { try $0.text("SHOW synchronous_commit") }
        let read = try store.backend.read { try $0.text("SHOW synchronous_commit") }
        let server = try XCTUnwrap(store.backend as? PostgresBackend)
        let log = try server.writeWithoutWritersLock { try $0.text("SHOW synchronous_commit") }
        return (write, read, log)
    }

    func testOnlyASettingNobodyChoseIsTurnedOff() {
        XCTAssertTrue(PostgresBackend.commitsAsynchronously(source: "default"))
        for chosen in ["configuration file", "command line", "database", "user", "client", "session"] {
            XCTAssertFalse(PostgresBackend.commitsAsynchronously(source: chosen), chosen)
        }
        XCTAssertFalse(PostgresBackend.commitsAsynchronously(source: nil), "not known: left as it is")
    }

    func testAWriteCommitsAsTheFileStoreDoesUnlessTheSettingWasChosen() throws {
        let server = try TestDatabase.requirePostgres()
        let s = try TestSchema(server: server)
        schema = s
        let store = try Store(path: s.url, options: StoreOptions(actor: "Test Officer"))
        defer { try? store.closeFile() }
        let source = try TestSchema.value(s.url, "SELECT source FROM pg_settings WHERE name = 'synchronous_commit'")
        let serverSetting = try TestSchema.value(s.url, "SHOW synchronous_commit")
        let plain = try setting(in: store)
        if source == "default" {
            XCTAssertEqual(plain.write, "off", "a write commits as the file store does")
            XCTAssertEqual(plain.log, "off", "so does the access log's")
        } else {
            XCTAssertEqual(plain.write, serverSetting, "the server's chosen setting (\(source ?? "?")) is kept")
            XCTAssertEqual(plain.log, serverSetting)
        }
        XCTAssertEqual(plain.read, serverSetting, "a read is left as the server has it")
        // The record's commands still commit and are seen by another connection.
        let other = try Store(path: s.url, options: StoreOptions(actor: "Test Officer"))
        defer { try? other.closeFile() }
        try store.add(sampleComplaint(), today: fixedToday)
        XCTAssertEqual(try other.contactCount(), 1)

        // Chosen for this login (here by the URL's options; ALTER ROLE … SET is the same): kept.
        let chosen = try Store(path: s.url + "%20-csynchronous_commit%3Don", options: StoreOptions(actor: "Test Officer"))
        defer { try? chosen.closeFile() }
        let kept = try setting(in: chosen)
        XCTAssertEqual(kept.write, "on", "an administrator's choice is kept")
        XCTAssertEqual(kept.log, "on")
    }
}
