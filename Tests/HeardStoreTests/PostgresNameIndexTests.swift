import Foundation
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// The name index on a shared PostgreSQL schema (`PostgresNameIndex`), with the roles of `heard
/// init --postgres`: an officer keeps it as a file's user does, a manager's search answers the
/// same without writing, nobody but the tables' owner can turn its triggers off, and a schema
/// made by an older Heard gains it when its owner opens it. Skipped without a server.
final class PostgresNameIndexTests: PostgresLoginsTestCase {
    private func login(_ group: String, into url: String) throws -> (name: String, url: String) {
        try makeLogin("\(schema?.name ?? "t")_\(group.dropFirst("heard_".count))", in: group, url: url)
    }

    private func count(_ url: String, _ sql: String) throws -> Int {
        Int(try TestSchema.value(url, sql) ?? "") ?? -1
    }

    /// An officer's step takes its case's words; a change an officer makes by hand is noted; a
    /// manager's search finds it by reading the noted case (the manager may not take words), and
    /// the officer's next search takes it. Neither may touch the triggers.
    func testOfficersKeepTheIndexAndAManagerSearchesWithoutWriting() throws {
        let (_, url) = try team()
        let officer = try login("heard_officer", into: url)
        let manager = try login("heard_manager", into: url)
        let o = try open(officer.url)
        let id = try XCTUnwrap(o.add(sampleComplaint(name: "Winifred Ashcombe"), today: fixedToday).id)
        XCTAssertEqual(try count(url, "SELECT count(*) FROM name_words_stale"), 0, "the officer's step took the words")
        XCTAssertEqual(try count(url, "SELECT count(*) FROM name_words WHERE string_to_array(words, ' ') @> ARRAY['ashcombe', 'winifred']"), 1)

        // By hand, as the server's rules allow it: with an audit row in the same transaction.
        try TestSchema.run(officer.url, """
            BEGIN; INSERT INTO audit (entity, entity_id, action) VALUES ('contact', \(id), 'update');
            UPDATE contacts SET summary = 'Met Lysander Quayle' WHERE id = \(id); COMMIT;
            """)
        XCTAssertEqual(try count(url, "SELECT count(*) FROM name_words_stale"), 1, "a change by hand is noted")
        let m = try open(manager.url)
        XCTAssertEqual(try m.subjectAccessSearch(PersonName("Lysander Quayle")).map(\.contact.id), [id])
        XCTAssertEqual(try count(url, "SELECT count(*) FROM name_words_stale"), 1, "the manager wrote nothing")
        XCTAssertEqual(try o.subjectAccessSearch(PersonName("Lysander Quayle")).map(\.contact.id), [id])
        XCTAssertEqual(try count(url, "SELECT count(*) FROM name_words_stale"), 0, "the officer's search took the note")

        XCTAssertTrue(refusal(manager.url, "UPDATE name_words SET words = ''").contains("permission denied"))
        XCTAssertTrue(refusal(officer.url, "DELETE FROM name_words").contains("permission denied"), "a case's row goes with the case")
        XCTAssertTrue(refusal(manager.url, "DELETE FROM name_words_stale").contains("permission denied"))
        for off in ["ALTER TABLE contacts DISABLE TRIGGER name_stale_contact_changed", "DROP TRIGGER name_stale_contact_changed ON contacts",
                    "CREATE OR REPLACE FUNCTION heard_name_row_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$"] {
            let r = refusal(officer.url, off)
            XCTAssertTrue(r.contains("must be owner") || r.contains("permission denied"), r)
        }
    }

    /// A schema made by an older Heard (v13): an officer's search reads every text; the owner's
    /// opening brings it to v14 with the officer's rights on the new tables, and the officer's
    /// first search fills the index.
    func testAnOlderSchemaGainsTheIndexAndTheOfficersRightsOnIt() throws {
        let (owner, url) = try team()
        try owner.writeDemo(today: fixedToday)
        let person = PersonName(try XCTUnwrap(owner.knownPeopleNames().first))
        let expected = try owner.subjectAccessSearch(person).map(\.contact.reference)
        XCTAssertFalse(expected.isEmpty)
        try owner.closeFile()
        try TestSchema.run(url, """
            DROP TABLE name_words_stale; DROP TABLE name_words;
            DROP FUNCTION heard_name_rows_noted() CASCADE; DROP FUNCTION heard_name_row_changed() CASCADE;
            UPDATE heard_schema SET version = 13;
            """)
        let officer = try login("heard_officer", into: url)
        let manager = try login("heard_manager", into: url)
        // A manager's opening asks before it tries to upgrade (it may not take the writers' row).
        XCTAssertEqual(try open(manager.url).subjectAccessSearch(person).map(\.contact.reference), expected, "a manager on v13")
        let before = try open(officer.url)
        XCTAssertFalse(before.hasNameIndex, "an officer may not upgrade the schema")
        XCTAssertEqual(try before.subjectAccessSearch(person).map(\.contact.reference), expected, "by reading every text")
        XCTAssertEqual(try TestSchema.value(url, "SELECT max(version) FROM heard_schema"), "13")

        _ = try open(url, actor: "Owner")
        XCTAssertEqual(try TestSchema.value(url, "SELECT max(version) FROM heard_schema"), String(PostgresSchema.version))
        let cases = try count(url, "SELECT count(*) FROM contacts")
        let after = try open(officer.url)
        XCTAssertTrue(after.hasNameIndex)
        XCTAssertEqual(try after.query { try $0.int("SELECT count(*) FROM name_words_stale") }, cases)
        XCTAssertEqual(try after.subjectAccessSearch(person).map(\.contact.reference), expected)
        XCTAssertEqual(try count(url, "SELECT count(*) FROM name_words"), cases, "the officer's search filled the index")
        XCTAssertEqual(try count(url, "SELECT count(*) FROM name_words_stale"), 0)
    }

    /// A part added by hand to a case whose words are not taken yet is noted all the same: a
    /// search taking them meanwhile read the text without it (an attack lost a log line so).
    func testAPartAddedToACaseNotYetTakenIsNoted() throws {
        let (owner, url) = try team()
        let id = try XCTUnwrap(owner.add(sampleComplaint(name: "Pat Parent"), today: fixedToday).id)
        try TestSchema.run(url, "UPDATE name_words SET words = NULL WHERE contact_id = \(id); DELETE FROM name_words_stale")
        try TestSchema.run(url, """
            BEGIN; INSERT INTO audit (entity, entity_id, action) VALUES ('contact', \(id), 'update');
            INSERT INTO contact_log (contact_id, direction, kind, with_whom, at, note) VALUES (\(id), 'in', 'call', 'Yolanda Fitzwilliam', '2022-01-02 10:00', 'rang');
            COMMIT;
            """)
        XCTAssertEqual(try count(url, "SELECT count(*) FROM name_words_stale WHERE contact_id = \(id)"), 1)
    }

    /// The owner redefines a trigger (other columns, WHEN false) or points its function at another
    /// search path: not trusted, named by heard check, and made again by the owner's search.
    func testATriggerRedefinedByTheOwnerIsFoundAndMadeAgain() throws {
        let (owner, url) = try team()
        let id = try XCTUnwrap(owner.add(sampleComplaint(name: "Pat Parent"), today: fixedToday).id)
        // (A search path without the record's schema makes the function fail, and with it every
        // change of a case: loud, not silent; it is found and made again all the same.)
        for (n, change) in [
            """
            DROP TRIGGER name_stale_contact_changed ON contacts;
            CREATE TRIGGER name_stale_contact_changed AFTER UPDATE OF legal_hold_reason ON contacts FOR EACH ROW WHEN (false)
                EXECUTE FUNCTION heard_name_row_changed();
            """,
            "ALTER FUNCTION heard_name_row_changed() SET search_path = public",
            "ALTER FUNCTION heard_name_rows_noted() SECURITY DEFINER",
        ].enumerated() {
            try TestSchema.run(url, change)
            XCTAssertTrue(try owner.check(today: fixedToday).contains { $0.contains("not as Heard made") }, change)
            if n != 1 {
                try TestSchema.run(url, """
                    BEGIN; INSERT INTO audit (entity, entity_id, action) VALUES ('contact', \(id), 'update');
                    UPDATE contacts SET summary = 'Met Lysander Quayle\(n)' WHERE id = \(id); COMMIT;
                    """)
                XCTAssertEqual(try owner.subjectAccessSearch(PersonName("Lysander Quayle\(n)")).map(\.contact.id), [id], change)
            } else {
                _ = try owner.subjectAccessSearch(PersonName("Anyone"))
            }
            XCTAssertFalse(try owner.check(today: fixedToday).contains { $0.hasPrefix("name index") }, "made again after \(change)")
        }
    }
}
