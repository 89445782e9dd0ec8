import Foundation
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// An import into a record the server had analysed while it held a case or two (a trial, a first
/// week): each issue's and event's reference to its case was checked by reading `contacts` whole,
/// a plan made once from those statistics (20,000 rows: 54 s instead of 2.4). Measured in rows
/// the server read, not in time: the checks read the table once per row, so the reads grow with
/// the square of the rows. Skipped without a server.
final class PostgresBulkLoadPlanTests: PostgresSchemaTestCase {
    /// Rows of `contacts` read by sequential scans, and rows inserted into it, as the server's
    /// statistics say once they include at least `inserted` inserts (a backend sends its figures
    /// when it is idle a moment, or as it ends); nil when they never arrive.
    private func contactReads(_ s: TestSchema, once inserted: Int) throws -> Int? {
        let sql = """
            SELECT seq_tup_read, n_tup_ins FROM pg_stat_user_tables WHERE schemaname = '\(s.name)' AND relname = 'contacts'
            """
        for _ in 0..<300 {
            if let row = try TestSchema.rows(s.url, sql).first, let reads = row[0].flatMap({ Int($0) }),
               let ins = row[1].flatMap({ Int($0) }), ins >= inserted {
                return reads
            }
            usleep(100_000)
        }
        return nil
    }

    func testAnImportIntoASmallAnalysedRecordChecksEachRowsCaseByKey() throws {
        let s = try schema()
        let today = day("2022-06-15")
        do {
            let first = try Store(path: s.url, options: StoreOptions(actor: "Test Officer"))
            _ = try first.importCSV(Array(BulkAtScaleTests.csv(count: 2).utf8), source: "first.csv", dryRun: false, today: today)
        }
        // The statistics of a record of two cases (the import analyses as it ends; said again here).
        try TestSchema.run(s.url, "ANALYZE contacts, issues, events")
        let before = try XCTUnwrap(try contactReads(s, once: 2), "the server's statistics never arrived")
        let count = 1_500
        do {
            // A session of its own: the server plans the checks afresh for it.
            let store = try Store(path: s.url, options: StoreOptions(actor: "Test Officer"))
            let summary = try store.importCSV(Array(BulkAtScaleTests.csv(count: count).utf8), source: "second.csv", dryRun: false, today: today)
            XCTAssertEqual(summary.imported, count)
            XCTAssertEqual(try store.cases(CaseFilter(), today: today).count, count + 2)
            let children = try XCTUnwrap(try store.query { try $0.int("SELECT (SELECT count(*) FROM issues) + (SELECT count(*) FROM events)") })
            XCTAssertGreaterThan(children, count, "the file's rows have issues and events to check")
        }
        let after = try XCTUnwrap(try contactReads(s, once: count + 2), "the server's statistics never arrived")
        // Read whole once per issue and event, the table would have given up some 2,000,000
        // rows; read by key, the import's own reads of it (its references) are a few.
        XCTAssertLessThan(after - before, 20 * count, "the import read contacts whole for its rows' checks")
    }
}
