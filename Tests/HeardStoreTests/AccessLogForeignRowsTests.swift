import Foundation
import GRDB
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// Access log and legal hold rows another tool wrote with values of the wrong kind: read by kind
/// (what is not the kind Heard writes reads as none), never stopping the program. GRDB's typed
/// reads stopped it on such a cell; the reads on `SQLConnection` look at the kind first.
final class AccessLogForeignRowsTests: XCTestCase {
    func testAReadsRowOfTheWrongKindsIsListedWithItsKnownParts() throws {
        try skipOnPostgres("a cell of another kind than its column's: PostgreSQL's typed columns refuse one")
        let dir = TemporaryDirectory("heard-reads-foreign")
        let store = try makeStore(in: dir)
        let id = try XCTUnwrap(try store.add(sampleComplaint(), today: fixedToday).id)
        XCTAssertEqual(store.recordRead(contactID: id, via: .screen), .written)
        let q = try DatabaseQueue(path: dir.file("heard.sqlite"))
        try q.write { db in
            try db.execute(sql: """
                INSERT INTO reads (at, who, session, contact_id, reference, via, after_audit) VALUES (x'37', x'ff00', x'00', ?, 'C-1', 'show', 'late')
                """, arguments: [id])
        }
        try q.close()

        let reads = try store.reads(contactID: id)
        XCTAssertEqual(reads.count, 2)
        let foreign = try XCTUnwrap(reads.last)
        XCTAssertEqual(foreign.at, "", "bytes where the time belongs are no time")
        XCTAssertEqual(foreign.who, "", "nor are bytes a name")
        XCTAssertEqual(foreign.session, "")
        XCTAssertEqual(foreign.contactID, id)
        XCTAssertEqual(foreign.reference, "C-1")
        XCTAssertEqual(foreign.via, .show)
        XCTAssertEqual(reads.first?.via, .screen, "Heard's own read comes first (SQLite sorts a number before text)")
        XCTAssertEqual(try store.readCount(), 2)
    }

    func testALegalHoldWrittenAsTextIsAHoldAsTheRetentionListReadsIt() throws {
        try skipOnPostgres("text in an integer column: PostgreSQL's typed columns refuse it")
        let dir = TemporaryDirectory("heard-hold-foreign")
        let store = try makeStore(in: dir)
        let id = try XCTUnwrap(try store.add(sampleComplaint(), today: fixedToday).id)
        let q = try DatabaseQueue(path: dir.file("heard.sqlite"))
        try q.write { db in
            try db.execute(sql: "UPDATE contacts SET legal_hold = 'yes', legal_hold_on = 20240101 WHERE id = ?", arguments: [id])
        }
        try q.close()

        let p = try store.protection(contactID: id)
        XCTAssertTrue(p.isHeld, "'yes' is held, as the retention list reads it (legal_hold != 0)")
        XCTAssertNil(p.holdOn, "a number is no date")
        XCTAssertFalse(p.isAnonymised)
        let refusal = storeError { try store.anonymise(contactID: id, reason: "asked", today: fixedToday) }
        XCTAssertTrue("\(refusal.map { "\($0)" } ?? "")".contains("on legal hold"), "never anonymised while held: \(String(describing: refusal))")
        XCTAssertEqual(storeError { try store.hold(contactID: id, reason: "again", today: fixedToday) }.map { "\($0)".contains("already on legal hold") }, true)
    }
}
