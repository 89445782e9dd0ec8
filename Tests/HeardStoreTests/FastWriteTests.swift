import Foundation
import GRDB
import HeardCore
import HeardTestSupport
@testable import HeardStore
import XCTest

/// The direct SQLite writes of the hot paths: what they bind, and what a failure leaves behind.
final class FastWriteTests: XCTestCase {
    func testAFailedInsertLeavesTheCachedStatementUsableAndBindsNothingStale() throws {
        try skipOnPostgres("FastWrite is the SQLite connection's own writer (CachedInsertTests checks the same on both)")
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let sql = "INSERT INTO holidays (date, title) VALUES (?, ?)"
        try store.write { tx in
            let db = tx.db
            try FastWrite.execute(db, sql, [.text("2030-01-02"), .text("Zoë's day 李")])
            // The date is unique: refused, with SQLite's message and none of the values.
            XCTAssertThrowsError(try FastWrite.execute(db, sql, [.text("2030-01-02"), .text("Private Name")])) { e in
                XCTAssertFalse("\(e)".contains("Private Name"), "\(e)")
            }
            try FastWrite.execute(db, sql, [.text("2030-01-03"), .text("")])
        }
        let rows = try DatabaseQueue(path: dir.file("heard.sqlite")).read { db in
            try Row.fetchAll(db, sql: "SELECT date, title, title IS NULL FROM holidays WHERE date LIKE '2030-%' ORDER BY date")
        }
        XCTAssertEqual(rows.map { $0[0] as String }, ["2030-01-02", "2030-01-03"])
        XCTAssertEqual(rows.map { $0[1] as String }, ["Zoë's day 李", ""])
        XCTAssertEqual(rows.map { $0[2] as Int }, [0, 0])
    }
}
