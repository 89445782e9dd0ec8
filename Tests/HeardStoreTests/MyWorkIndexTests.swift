import Foundation
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// Issue 14: `heard digest` finds the officer's live cases through the partial index of
/// migration v15, not a scan of every contact; the query must say the index's WHERE word for
/// word, or SQLite cannot use it and this fails.
final class MyWorkIndexTests: XCTestCase {
    func testTheOfficersLiveCasesAreReadThroughTheOfficerIndex() throws {
        try skipOnPostgres("SQLite's query plan")
        let dir = TemporaryDirectory("heard-mywork-plan")
        let store = try makeStore(in: dir)
        let plan = try store.query { conn in
            try conn.rows("EXPLAIN QUERY PLAN SELECT id FROM contacts WHERE " + Store.myWorkLiveWhere(conn.dialect),
                          [.text("Officer 1"), .text("2026-01-01"), .text("2026-01-01")]).map { $0.last?.text ?? "" }
        }
        XCTAssertEqual(plan, ["SEARCH contacts USING INDEX contacts_officer_live (officer=?)"])
    }

    /// On a server too (`PostgresSchema.serverIndexes`): the planner, kept off a scan of the table,
    /// takes the partial index of live cases, not the one of every case's officer, which shows
    /// that the query's condition holds the index's WHERE.
    func testOnAServerTheOfficersLiveCasesAreReadThroughTheLiveIndex() throws {
        let dir = TemporaryDirectory("heard-mywork-plan-server")
        let store = try makeStore(in: dir)
        guard store.isOnServer else { throw XCTSkip("PostgreSQL's query plan: run with HEARD_TEST_BACKEND=postgres") }
        let plan = try store.query { conn -> String in
            try conn.execute("SET LOCAL enable_seqscan = off")
            return try conn.rows("EXPLAIN SELECT id FROM contacts WHERE " + Store.myWorkLiveWhere(conn.dialect),
                                 [.text("Officer 1"), .text("2026-01-01"), .text("2026-01-01")]).map { $0.first?.text ?? "" }.joined(separator: "\n")
        }
        XCTAssertTrue(plan.contains("contacts_officer_live"), plan)
    }

    /// The index's WHERE, added to the live condition, lets in every row the condition keeps: on
    /// the demo, over days years apart, each officer's cases are those the condition without it
    /// (as it was before v15) finds.
    func testTheIndexHoldsEveryRowTheConditionKeeps() throws {
        try skipOnPostgres("SQLite's index")
        let dir = TemporaryDirectory("heard-mywork-rows")
        let store = try makeStore(in: dir)
        try store.writeDemo(today: fixedToday)
        let officers = try store.knownValues("officer")
        XCTAssertGreaterThan(officers.count, 1)
        var found = 0
        for officer in officers {
            for today in [fixedToday, fixedToday.adding(days: -400), fixedToday.adding(days: 300)] {
                let recent = today.adding(days: -store.windowHorizonDays).iso
                let args: [Bound] = [.text(officer.uppercased()), .text(recent), .text(recent)]
                let (indexed, scanned) = try store.query { conn in
                    (try conn.ints("SELECT id FROM contacts WHERE " + Store.myWorkLiveWhere(conn.dialect) + " ORDER BY id", args),
                     try conn.ints("SELECT id FROM contacts WHERE " + Self.before + " ORDER BY id", args))
                }
                XCTAssertEqual(indexed, scanned, "\(officer) on \(today.iso)")
                found += indexed.count
            }
        }
        XCTAssertGreaterThan(found, 0)
    }

    /// The condition as it was before v15.
    static let before = """
        officer = ? COLLATE NOCASE AND (
          (status IN ('open', 'responded') AND (status = 'open' OR last_response IS NULL OR last_response >= ?))
          OR ((kind = 'compliment' OR status = 'not_accepted') AND coalesce(closed_on, received) >= ?))
        """
}
