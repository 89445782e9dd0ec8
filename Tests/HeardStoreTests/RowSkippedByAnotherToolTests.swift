import Foundation
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// Another tool's trigger that skips a row (returns NULL, or SQLite's RAISE(IGNORE)): a legal
/// hold, an anonymisation, an undo and a subject access request marked answered each said done
/// and wrote their audit row while the row was unchanged; a hold not set let retention dispose
/// of the case (found by an attack). Each is now refused, nothing written. Both databases.
final class RowSkippedByAnotherToolTests: XCTestCase {
    private func auditCount(_ store: Store) throws -> Int {
        try store.query { try $0.int("SELECT count(*) FROM audit") } ?? -1
    }

    private func assertRefused(_ e: StoreError?, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(e?.description.contains("the database did not change") == true, "\(what): \(e?.description ?? "no error")", file: file, line: line)
    }

    func testAHoldAnAnonymisationAndAnUndoOfASkippedRowAreRefused() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        // Ended (anonymisation takes ended cases only), then its summary changed (for the undo).
        let added = try store.add(sampleComplaint(received: "2015-01-05", name: "Pat Parent"), today: day("2015-01-05"))
        let id = try XCTUnwrap(added.id)
        var edited = try store.record(.withdrawn(day("2015-01-08"), reason: "Moved away"), on: id, version: added.version, today: day("2015-01-08"))
        edited.summary = "Changed later"
        _ = try store.update(edited, today: fixedToday)
        try skipUpdates(store, table: "contacts", when: "OLD.id = \(id)")
        let before = try store.contact(id: id)
        let audits = try auditCount(store)

        assertRefused(storeError { try store.hold(contactID: id, reason: "Litigation pending", today: fixedToday) }, "hold")
        assertRefused(storeError { _ = try store.anonymise(contactID: id, reason: "Asked", today: fixedToday) }, "anonymise")
        assertRefused(storeError { _ = try store.undoLast(today: fixedToday) }, "undo")

        let after = try store.contact(id: id)
        XCTAssertEqual(after, before)
        XCTAssertEqual(try store.query { try $0.int("SELECT legal_hold FROM contacts WHERE id = ?", [.int(id)]) }, 0)
        XCTAssertEqual(try auditCount(store), audits, "no audit row for what was not done")
    }

    func testMarkingASkippedRequestAnsweredIsRefused() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let r = try store.recordSubjectAccess(forWhom: "Zoe Example", cases: [], requested: fixedToday)
        let id = try XCTUnwrap(r.id)
        try skipUpdates(store, table: "subject_access_requests", when: "OLD.id = \(id)")
        let audits = try auditCount(store)
        let e = storeError { _ = try store.completeSubjectAccess(id: id, on: fixedToday) }
        XCTAssertTrue(e?.description.contains("was not marked answered") == true, e?.description ?? "no error")
        XCTAssertNil(try store.subjectAccessRequests().first?.completed)
        XCTAssertEqual(try auditCount(store), audits)
    }
}

/// (Also `VersionMovedTests`.) Another tool's trigger on `table` that skips an UPDATE (returns NULL; SQLite's RAISE(IGNORE))
/// when `condition`, SQL over OLD and NEW that both databases read the same, holds.
func skipUpdates(_ store: Store, table: String, when condition: String) throws {
    try store.write { tx in
        if tx.sql.dialect == .sqlite {
            try tx.sql.execute("CREATE TRIGGER skip_it BEFORE UPDATE ON \(table) WHEN \(condition) BEGIN SELECT RAISE(IGNORE); END")
        } else {
            try tx.sql.execute("""
                CREATE FUNCTION skip_it() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
                IF \(condition) THEN RETURN NULL; END IF; RETURN NEW; END $$
                """)
            try tx.sql.execute("CREATE TRIGGER skip_it BEFORE UPDATE ON \(table) FOR EACH ROW EXECUTE FUNCTION skip_it()")
        }
    }
}
