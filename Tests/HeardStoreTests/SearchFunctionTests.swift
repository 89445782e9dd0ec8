import Foundation
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// PostgreSQL's search functions (`heard_fold`, `heard_words`) are made so that the server
/// inlines them (no search path set on them, every name qualified) and give the words the
/// earlier definitions gave; a schema made with the earlier ones is remade by its owner.
/// Skipped without a server.
final class SearchFunctionTests: PostgresSchemaTestCase {
    /// The definitions of an earlier Heard, which set a search path on each function.
    private let earlier = """
        CREATE OR REPLACE FUNCTION heard_fold(t TEXT) RETURNS TEXT LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
            SELECT lower("public".unaccent(coalesce(t, ''))) $$;
        CREATE OR REPLACE FUNCTION heard_words(t TEXT) RETURNS tsvector LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
            SELECT to_tsvector('simple', regexp_replace(heard_fold(t), '[[:punct:]]+', ' ', 'g')) $$;
        """

    private let texts = ["Zoë O'Neill-Smith", "ÉLODIE  d’Arcy", "CS-2022-0001 Kate Richardson", "", "émigré; naïve—café, façade!", "Łukasz Ørsted Ångström", "123 abc"]

    private func words(_ s: TestSchema) throws -> [String] {
        try texts.map { t in
            try TestSchema.value(s.url, "SELECT CAST(heard_words('\(t.replacingOccurrences(of: "'", with: "''"))') AS TEXT) || ' | ' || heard_fold('\(t.replacingOccurrences(of: "'", with: "''"))')") ?? "NULL"
        }
    }

    private func hasSettings(_ s: TestSchema) throws -> Bool {
        try TestSchema.value(s.url, """
            SELECT count(*) FROM pg_catalog.pg_proc WHERE pronamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema())
              AND proname IN ('heard_fold', 'heard_words') AND proconfig IS NOT NULL
            """) != "0"
    }

    func testTheFunctionsAreInlinedAndGiveTheWordsTheEarlierOnesGave() throws {
        let s = try schema()
        let store = try Store(path: s.url, options: StoreOptions(actor: "Test Officer"))
        XCTAssertFalse(try hasSettings(s))
        let now = try words(s)
        XCTAssertTrue(now[0].contains("'zoe'"), now[0])
        // The server puts the body in place of the call: the plan names what the body calls.
        let plan = try TestSchema.rows(s.url, "EXPLAIN (VERBOSE) SELECT heard_words(reference) FROM contacts").compactMap { $0.first ?? nil }.joined(separator: "\n")
        XCTAssertTrue(plan.contains("to_tsvector"), plan)
        XCTAssertFalse(plan.contains("heard_words"), plan)
        // The earlier definitions give the same words and folding.
        try TestSchema.run(s.url, earlier)
        XCTAssertTrue(try hasSettings(s))
        XCTAssertEqual(try words(s), now)
        // Their owner remakes them (heard init --postgres again); the search still finds by folded words.
        XCTAssertEqual(try store.addMissingServerIndexes(), ["the search functions (heard_fold, heard_words) remade to be inlined"])
        XCTAssertFalse(try hasSettings(s))
        XCTAssertEqual(try words(s), now)
        XCTAssertEqual(try store.addMissingServerIndexes(), [])
        let added = try store.add(sampleComplaint(name: "Zoë O'Neill"), today: day("2022-01-10"))
        XCTAssertEqual(try store.indexSearch("zoe"), [try XCTUnwrap(added.id)])
        XCTAssertEqual(try store.indexSearch("ZOË"), [try XCTUnwrap(added.id)])
    }

    /// A save that leaves the searched text alone does not remake the case's words (the server
    /// kept their row as it was); one that changes it does, and the search finds the new words
    /// only. A schema made with the earlier trigger (run on every save) has it replaced by its owner.
    func testASaveRemakesTheWordsOnlyWhenTheirTextChanged() throws {
        let s = try schema()
        let store = try Store(path: s.url, options: StoreOptions(actor: "Test Officer"))
        let added = try store.add(sampleComplaint(name: "Zoë Marsh"), today: day("2022-01-10"))
        let id = try XCTUnwrap(added.id)
        // The row's version on the server: a new one whenever it is written.
        func written() throws -> String? { try TestSchema.value(s.url, "SELECT CAST(xmin AS TEXT) FROM contacts_search WHERE contact_id = \(id)") }
        let before = try XCTUnwrap(try written())
        var c = try store.contact(id: id)
        c.officer = "Another Officer"
        _ = try store.update(c, today: day("2022-01-11"))
        XCTAssertEqual(try store.contact(id: id).officer, "Another Officer")
        XCTAssertEqual(try written(), before, "the officer is not searched: the words stay as they were")
        c = try store.contact(id: id)
        c.complainantName = "Zoë Fairweather"
        _ = try store.update(c, today: day("2022-01-12"))
        XCTAssertNotEqual(try written(), before)
        XCTAssertEqual(try store.indexSearch("fairweather"), [id])
        XCTAssertEqual(try store.indexSearch("marsh"), [])

        // As an earlier Heard made it: one trigger for adds and saves, on the columns alone.
        try TestSchema.run(s.url, """
            DROP TRIGGER contacts_search_index ON contacts; DROP TRIGGER contacts_search_reindex ON contacts;
            CREATE TRIGGER contacts_search_index AFTER INSERT OR UPDATE OF reference, complainant_name, subject_child, summary
                ON contacts FOR EACH ROW EXECUTE FUNCTION heard_index_contact();
            """)
        let earlier = try XCTUnwrap(try written())
        c = try store.contact(id: id)
        c.officer = "Test Officer"
        _ = try store.update(c, today: day("2022-01-13"))
        XCTAssertNotEqual(try written(), earlier, "the earlier trigger remade the same words")
        XCTAssertEqual(try store.addMissingServerIndexes(), ["the search index's triggers (made again as this Heard makes them)"])
        XCTAssertEqual(try store.addMissingServerIndexes(), [])
        let remade = try XCTUnwrap(try written())
        c = try store.contact(id: id)
        c.officer = "Another Officer"
        _ = try store.update(c, today: day("2022-01-14"))
        XCTAssertEqual(try written(), remade)
        let second = try store.add(sampleComplaint(name: "Ångström Reed"), today: day("2022-01-15"))
        XCTAssertEqual(try store.indexSearch("angstrom"), [try XCTUnwrap(second.id)], "an added case is indexed")
        c = try store.contact(id: id)
        c.summary = "Now about a quillfeather"
        _ = try store.update(c, today: day("2022-01-16"))
        XCTAssertEqual(try store.indexSearch("quillfeather"), [id])

        // The save trigger dropped, or disabled, by another hand: made again by the owner.
        for damage in ["DROP TRIGGER contacts_search_reindex ON contacts", "ALTER TABLE contacts DISABLE TRIGGER contacts_search_reindex"] {
            try TestSchema.run(s.url, damage)
            XCTAssertEqual(try store.addMissingServerIndexes(), ["the search index's triggers (made again as this Heard makes them)"], damage)
            XCTAssertEqual(try store.addMissingServerIndexes(), [], damage)
        }
        c = try store.contact(id: id)
        c.complainantName = "Zoë Quince"
        _ = try store.update(c, today: day("2022-01-17"))
        XCTAssertEqual(try store.indexSearch("quince"), [id])
    }
}
