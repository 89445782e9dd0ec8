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
}
