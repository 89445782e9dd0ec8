import Foundation
import GRDB
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// The checkpoint after a disposal: the log is emptied, or, while another program reads the
/// file, the disposal still stands and says the log could not be emptied.
final class RetentionLogTests: XCTestCase {
    func testAReaderInAnotherConnectionKeepsTheLogAndTheDisposalSaysSo() throws {
        try skipOnPostgres("SQLite's write-ahead log and its checkpoint; PostgreSQL has no such file")
        let dir = TemporaryDirectory("heard-dispose-log")
        let store = try makeStore(in: dir)
        let c = try store.add(sampleComplaint(received: "2015-01-05", name: "Reader Person"), today: day("2015-01-05"))
        let id = try XCTUnwrap(c.id)
        try withdraw(id, in: store)
        // A read transaction held open in another connection, as another program's screen
        // reading the file would: the disposal happens while it reads.
        let held = try rawQueue(dir.file("heard.sqlite")).read { db -> DisposalResult in
            _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM contacts")
            return try store.anonymise(contactID: id, reason: "erasure request", today: fixedToday)
        }
        XCTAssertEqual(held.anonymised, 1)
        XCTAssertFalse(held.logEmptied)
        XCTAssertEqual(try store.contact(id: id).complainantName, Anonymisation.placeholder)

        let c2 = try store.add(sampleComplaint(received: "2015-01-05", name: "Second Person"), today: day("2015-01-05"))
        try withdraw(try XCTUnwrap(c2.id), in: store)
        let done = try store.anonymise(contactID: try XCTUnwrap(c2.id), reason: "erasure request", today: fixedToday)
        XCTAssertTrue(done.logEmptied)
        XCTAssertEqual(bytes(of: dir.file("heard.sqlite-wal")).count, 0)
    }

    /// Only a case that has ended may be anonymised.
    func withdraw(_ id: Int64, in store: Store) throws {
        _ = try store.record(.withdrawn(day("2015-01-08"), reason: "no longer needed"), on: id, version: try store.contact(id: id).version, today: day("2015-01-08"))
    }
}
