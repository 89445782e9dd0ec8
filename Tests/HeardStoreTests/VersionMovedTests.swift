import Foundation
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// A case's version is checked twice: against the version its command read (at once), and by
/// the UPDATE that bumps it (another tool may write between the read and it). On a server that
/// UPDATE's count is read when its answer comes, with what follows it (a save was four round
/// trips, now two): the conflict must still be the conflict, with the version there now, and
/// nothing of the command written. Run on both databases.
final class VersionMovedTests: XCTestCase {
    private func setUp(_ dir: TemporaryDirectory) throws -> (Store, Contact) {
        let store = try makeStore(in: dir)
        let added = try store.add(sampleComplaint(), today: fixedToday)
        return (store, try store.contact(id: try XCTUnwrap(added.id)))
    }

    /// The command's own writes: the version checked, then the officer changed.
    private func mine(_ store: Store, _ c: Contact, _ tx: Transaction) throws {
        let id = try XCTUnwrap(c.id)
        try store.bumpVersion(tx.sql, contactID: id, expected: c.version, stored: c.version, reference: c.reference)
        try tx.sql.execute("UPDATE contacts SET officer = 'Mine' WHERE id = ?", [.int(id)])
    }

    /// Another tool's change of the case's version, written in `tx` before the UPDATE.
    private func moved(_ c: Contact, by n: Int, _ tx: Transaction) throws {
        try tx.sql.execute("UPDATE contacts SET version = version + \(n) WHERE id = ?", [.int(c.id ?? 0)])
    }

    /// The refusal for a version the database did not change, though no one else had.
    private func notChanged(_ error: Error) -> Bool {
        guard case StoreError.refused(let why)? = error as? StoreError else { return false }
        return why.contains("the database did not change its version")
    }

    private func conflict(_ error: Error) -> (expected: Int, found: Int)? {
        guard case StoreError.conflict(_, _, let expected, let found)? = error as? StoreError else { return nil }
        return (expected, found)
    }

    func testAStaleVersionIsTheConflictAtOnceWithTheVersionRead() throws {
        let dir = TemporaryDirectory()
        let (store, c) = try setUp(dir)
        var edited = c
        edited.officer = "First"
        _ = try store.update(edited, today: fixedToday)
        edited.officer = "Second"
        XCTAssertThrowsError(try store.update(edited, today: fixedToday)) { e in
            XCTAssertEqual(self.conflict(e)?.expected, c.version)
            XCTAssertEqual(self.conflict(e)?.found, c.version + 1)
        }
        XCTAssertEqual(try store.contact(id: c.id ?? 0).officer, "First")
    }

    /// A one-command step whose version moved inside it (the other change rolled back with it,
    /// so the version is as expected: no one else changed it, and it is said so): nothing written,
    /// whether the UPDATE's refusal comes with COMMIT or with a read after it in the command.
    private func refusedInOneCommandStep(readingAfter: Bool) throws {
        let dir = TemporaryDirectory()
        let (store, c) = try setUp(dir)
        XCTAssertThrowsError(try store.write(single: true) { tx in
            try tx.command {
                try moved(c, by: 3, tx)
                try mine(store, c, tx)
                // A read after the UPDATE (a command reading the case back) sends it, and is refused with it.
                if readingAfter { _ = try tx.sql.int("SELECT count(*) FROM contacts") }
            }
        }) { e in
            XCTAssertTrue(self.notChanged(e), "\(e)")
        }
        let after = try store.contact(id: c.id ?? 0)
        XCTAssertEqual(after.version, c.version)
        XCTAssertEqual(after.officer, c.officer)
    }

    func testAVersionMovedBeforeTheUpdateInAOneCommandStepWritesNothing() throws {
        try refusedInOneCommandStep(readingAfter: false)
    }

    func testAVersionMovedFoundByAReadInsideAOneCommandStepWritesNothing() throws {
        try refusedInOneCommandStep(readingAfter: true)
    }

    func testAVersionMovedBeforeTheUpdateRollsBackItsCommandAndTheStepGoesOn() throws {
        let dir = TemporaryDirectory()
        let (store, c) = try setUp(dir)
        var found: (expected: Int, found: Int)?
        try store.write { tx in
            try moved(c, by: 3, tx)
            do {
                try tx.command { try mine(store, c, tx) }
                XCTFail("the command went through on a moved version")
            } catch {
                found = conflict(error)
                XCTAssertNotNil(found, "\(error)")
            }
            try tx.command { try tx.sql.execute("UPDATE contacts SET summary = 'After' WHERE id = ?", [.int(c.id ?? 0)]) }
        }
        XCTAssertEqual(found?.expected, c.version)
        XCTAssertEqual(found?.found, c.version + 3, "the version there now")
        let after = try store.contact(id: c.id ?? 0)
        XCTAssertEqual(after.version, c.version + 3)
        XCTAssertEqual(after.officer, c.officer, "the command's write was rolled back")
        XCTAssertEqual(after.summary, "After", "the step went on")
    }

    func testACaseGoneBeforeTheUpdateIsNotFound() throws {
        let dir = TemporaryDirectory()
        let (store, c) = try setUp(dir)
        try store.write { tx in
            try tx.sql.execute("DELETE FROM contacts WHERE id = ?", [.int(c.id ?? 0)])
            XCTAssertThrowsError(try tx.command { try mine(store, c, tx) }) { e in
                guard case StoreError.notFound? = e as? StoreError else { return XCTFail("\(e)") }
            }
        }
    }

    /// Another tool's trigger that skips the case's UPDATE (or refuses it): not "changed by
    /// someone else" with the same version, whose reapply was refused again for ever.
    func testAnUpdateAnotherToolsRuleSkipsIsRefusedNotAConflict() throws {
        let dir = TemporaryDirectory()
        let (store, c) = try setUp(dir)
        let id = try XCTUnwrap(c.id)
        try skipUpdates(store, table: "contacts", when: "NEW.id = \(id) AND NEW.version <> OLD.version")
        var edited = c
        edited.officer = "Somebody Else"
        XCTAssertThrowsError(try store.update(edited, today: fixedToday)) { e in
            XCTAssertTrue(self.notChanged(e), "\(e)")
        }
        XCTAssertEqual(try store.contact(id: id).officer, c.officer)
    }

    /// Another tool's trigger that itself divides by zero is its own error (the server's words),
    /// not "the database did not change its version", which Heard's own check says by the same
    /// SQLSTATE on PostgreSQL. Nothing is written.
    func testAnotherToolsDivisionByZeroIsItsOwnError() throws {
        let dir = TemporaryDirectory()
        let (store, c) = try setUp(dir)
        let id = try XCTUnwrap(c.id)
        try store.write { tx in
            if tx.sql.dialect == .sqlite {
                try tx.sql.execute("CREATE TRIGGER divide BEFORE UPDATE ON contacts WHEN NEW.id = \(id) BEGIN SELECT RAISE(ABORT, 'division by zero'); END")
            } else {
                try tx.sql.execute("""
                    CREATE FUNCTION divide() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN PERFORM 1 / 0; RETURN NEW; END $$;
                    CREATE TRIGGER divide BEFORE UPDATE ON contacts FOR EACH ROW WHEN (NEW.id = \(id)) EXECUTE FUNCTION divide()
                    """)
            }
        }
        var edited = c
        edited.officer = "Somebody Else"
        XCTAssertThrowsError(try store.update(edited, today: fixedToday)) { e in
            XCTAssertFalse(self.notChanged(e), "\(e)")
            XCTAssertTrue("\(e)".contains("division by zero"), "\(e)")
        }
        XCTAssertEqual(try store.contact(id: id).officer, c.officer)
        XCTAssertEqual(try store.contact(id: id).version, c.version)
    }

    /// A refused write of a one-command step found as a later savepoint opens (the access log's,
    /// which catches its own errors) is still the step's error: nothing may be said saved.
    func testAOneCommandStepsRefusalFoundByALaterSavepointIsNotCommitted() throws {
        let dir = TemporaryDirectory()
        let (store, c) = try setUp(dir)
        let auditBefore = try store.query { try $0.int("SELECT count(*) FROM audit") }
        XCTAssertThrowsError(try store.write(single: true) { tx in
            try tx.command {
                try moved(c, by: 3, tx)
                try mine(store, c, tx)
            }
            _ = try? tx.sql.savepoint { try tx.sql.execute("UPDATE contacts SET summary = 'Later' WHERE id = ?", [.int(c.id ?? 0)]) }
        }) { e in
            // The step's own refusal, not what the server said of the statements after it.
            XCTAssertTrue(self.notChanged(e), "\(e)")
        }
        let after = try store.contact(id: c.id ?? 0)
        XCTAssertEqual(after.version, c.version)
        XCTAssertEqual(after.officer, c.officer)
        XCTAssertEqual(after.summary, c.summary)
        XCTAssertEqual(try store.query { try $0.int("SELECT count(*) FROM audit") }, auditBefore)
    }
}
