import Foundation
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// A write's COMMIT on PostgreSQL waits for the server's disk as the server is set to
/// (`synchronous_commit`, on by default): a council's record survives a crash of the server, not
/// only of Heard. Heard sets nothing of its own; an administrator's choice (the server's
/// configuration, the database, a role, the URL) is the one used. Skipped without a server.
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

    func testAWriteCommitsAsTheServerIsSetAndAChosenSettingIsKept() throws {
        let server = try TestDatabase.requirePostgres()
        let s = try TestSchema(server: server)
        schema = s
        let store = try Store(path: s.url, options: StoreOptions(actor: "Test Officer"))
        defer { try? store.closeFile() }
        let serverSetting = try TestSchema.value(s.url, "SHOW synchronous_commit")
        let plain = try setting(in: store)
        XCTAssertEqual(plain.write, serverSetting, "a write commits as the server is set (on by default: on disk)")
        XCTAssertEqual(plain.log, serverSetting, "so does the access log's")
        XCTAssertEqual(plain.read, serverSetting)
        // The record's commands still commit and are seen by another connection.
        let other = try Store(path: s.url, options: StoreOptions(actor: "Test Officer"))
        defer { try? other.closeFile() }
        try store.add(sampleComplaint(), today: fixedToday)
        XCTAssertEqual(try other.contactCount(), 1)

        // Chosen for this login (here by the URL's options; ALTER ROLE … SET is the same): kept,
        // whichever way it was chosen.
        for choice in ["on", "off"] {
            let chosen = try Store(path: s.url + "%20-csynchronous_commit%3D\(choice)", options: StoreOptions(actor: "Test Officer"))
            defer { try? chosen.closeFile() }
            let kept = try setting(in: chosen)
            XCTAssertEqual(kept.write, choice, "an administrator's choice is kept")
            XCTAssertEqual(kept.log, choice)
        }
    }
}
