import Foundation
import HeardCore
import HeardTestSupport
@testable import HeardStore
import XCTest

/// An import into SQLite turns its connection's triggers off while it writes and does their work
/// for the new contacts at once (Store+ImportTriggers); ImportBatchTests holds the rows it writes
/// to the import a row at a time, which keeps them on.
final class ImportTriggersTests: XCTestCase {
    override func setUpWithError() throws {
        if TestDatabase.isPostgres { throw XCTSkip("the trigger switch is SQLite's, per connection") }
    }

    private let file = """
        reference,kind,received,service_area,summary,categories
        R-1,complaint,2022-01-10,Care Leavers,first,communication and information
        R-2,complaint,2022-01-11,Care Leavers,second,communication and information
        R-3,compliment,2022-01-12,Care Leavers,third,
        """

    private func count(_ store: Store, _ sql: String) throws -> Int { try rawInt(store.path, sql) ?? -1 }

    /// A new record's triggers are the ones the import knows what to do for. A trigger added to
    /// the schema fails this until `Store.importTriggers` names it (and the import does its work).
    func testANewRecordsTriggersAreTheOnesTheImportKnows() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        var made: [String: String] = [:]
        for row in try rawRows(store.path, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'") {
            made[row[0] ?? ""] = row[1] ?? ""
        }
        XCTAssertEqual(Set(made.keys), Set(Store.importTriggers.keys))
        for (name, sql) in made { XCTAssertEqual(sql, Store.importTriggers[name], name) }
        XCTAssertTrue(try store.query { try Store.importTriggersAreKnown($0) })
    }

    /// Every contact either waits in `name_words_stale` or has been taken into the name index.
    private let indexedOrNoted = """
        SELECT count(*) FROM contacts WHERE id IN (SELECT contact_id FROM name_words_stale) OR id IN (SELECT contact_id FROM name_words)
        """

    /// Whether the store's writing connection runs triggers: `audit_no_update` refuses a change to the audit.
    private func auditRefusesChange(_ store: Store) -> Bool {
        (try? store.write { tx in try tx.sql.execute("UPDATE audit SET who = 'someone else'") }) == nil
    }

    /// The import marks each new contact for the name index, as the trigger would; afterwards the
    /// connection's triggers are on again, after an import that fails too.
    func testTheTriggersWorkIsDoneAndTheyAreOnAgainAfterwards() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        XCTAssertEqual(try importText(store, file).imported, 3)
        XCTAssertEqual(try count(store, indexedOrNoted), 3)
        XCTAssertTrue(auditRefusesChange(store), "the triggers are on after the import")
        XCTAssertEqual(try count(store, "SELECT count(*) FROM audit WHERE who = 'someone else'"), 0)
        let problems = importProblems(store, "reference,kind,received,service_area,summary\nR-9,grievance,2022-01-10,Care Leavers,x\n")
        XCTAssertEqual(problems.count, 1)
        XCTAssertTrue(auditRefusesChange(store), "the triggers are on after a failed import")
        XCTAssertEqual(try count(store, "SELECT count(*) FROM contacts"), 3)
    }

    /// A record with a trigger of someone else's imports with every trigger on: theirs runs for
    /// each row, as it did before.
    func testARecordWithATriggerOfItsOwnImportsWithTriggersOn() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        try rawExecute(store.path, """
            CREATE TABLE their_log (issue_id INTEGER);
            CREATE TRIGGER their_issue_log AFTER INSERT ON issues BEGIN INSERT INTO their_log VALUES (new.id); END;
            """)
        XCTAssertFalse(try store.query { try Store.importTriggersAreKnown($0) })
        XCTAssertEqual(try importText(store, file).imported, 3)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM their_log"), try count(store, "SELECT count(*) FROM issues"))
        XCTAssertGreaterThan(try count(store, "SELECT count(*) FROM their_log"), 0)
        XCTAssertEqual(try count(store, indexedOrNoted), 3)
    }

    /// One of Heard's triggers put back by another tool with the same name and a body of its
    /// own (found by an attack): the import runs it for every row, as before.
    func testATriggerOfHeardsNameThatDoesSomethingElseRunsForEveryRow() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        try rawExecute(store.path, """
            CREATE TABLE their_log (contact_id INTEGER);
            DROP TRIGGER name_stale_issue_added;
            CREATE TRIGGER name_stale_issue_added AFTER INSERT ON issues BEGIN INSERT INTO their_log VALUES (new.contact_id); END;
            """)
        XCTAssertFalse(try store.query { try Store.importTriggersAreKnown($0) })
        XCTAssertEqual(try importText(store, file).imported, 3)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM their_log"), try count(store, "SELECT count(*) FROM issues"))
        XCTAssertGreaterThan(try count(store, "SELECT count(*) FROM their_log"), 0)
    }
}
