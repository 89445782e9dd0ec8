import Foundation
import GRDB
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// Issue 14: the report counts each contact's log entries from the rows in `contact_id` order
/// (`Store.contactLogCounts`) instead of SQLite's `GROUP BY`, which made each contact a group of
/// its own. Both give the same counts, for a range of ids and a list of them, on rows another
/// tool wrote: ids stored as reals (a group apart from the integer), far apart, or repeated.
final class ContactLogCountsTests: XCTestCase {
    /// The counts as the report read them before: one group per value, the later group's count
    /// kept where two values read as the same id.
    private func grouped(_ conn: any SQLConnection, _ scope: (sql: String, arguments: [Bound])) throws -> [Int64: Int] {
        var counts: [Int64: Int] = [:]
        try conn.each("SELECT contact_id, count(*) FROM contact_log\(scope.sql) GROUP BY contact_id", scope.arguments) { r in
            if !r.isNull(0) { counts[r.int64(0)] = r.int(1) }
        }
        return counts
    }

    func testCountsAreWhatGroupingGaveOnAnyRows() throws {
        try XCTSkipIf(TestDatabase.isPostgres, "rows of another tool's kinds are written to the file directly")
        let dir = TemporaryDirectory("heard-log-counts")
        let path = try storePath(in: dir)
        do { _ = try makeStore(in: dir) }
        let queue = try DatabaseQueue(path: path)
        var generator = SeededRandom(seed: 14)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            // Ordinary contacts with none to a dozen entries, and ids another tool wrote.
            var ids: [String] = []
            for id in 1...300 { ids += Array(repeating: "\(id)", count: Int(generator.next() % 13)) }
            ids += ["1185", "1185.25", "1185.25", "1185", "1185.5", "-3", "-3.75", "9007199254740993", "9007199254740992",
                    "4.0", "4", "1e300", "'12'", "x'00'", "'abc'"]
            for (n, id) in ids.shuffled(using: &generator).enumerated() {
                try db.execute(sql: "INSERT INTO contact_log (contact_id, direction, kind, at) VALUES (\(id), 'in', 'call', '2024-01-0\(n % 9 + 1)T10:00')")
            }
        }
        let scopes: [(String, (sql: String, arguments: [Bound]))] = [
            ("a range", (" WHERE contact_id BETWEEN ? AND ?", [.int(1), .int(400)])),
            ("every id", (" WHERE contact_id BETWEEN ? AND ?", [.int(Int64.min), .int(Int64.max)])),
            ("a list", (" WHERE contact_id IN (3,1185,-3,7,4,9007199254740992,12,299)", [])),
            ("none", (" WHERE contact_id BETWEEN ? AND ?", [.int(5_000), .int(6_000)])),
        ]
        try queue.read { db in
            let conn = SQLiteConnection(db)
            for (name, scope) in scopes {
                for cached in [false, true] {
                    XCTAssertEqual(try Store.contactLogCounts(conn, scope, cached: cached), try grouped(conn, scope), "\(name), cached \(cached)")
                }
            }
            // The rows asked about are there: the comparison is not of two empty tables.
            XCTAssertGreaterThan(try grouped(conn, scopes[1].1).count, 250)
            XCTAssertEqual(try Store.contactLogCounts(conn, scopes[1].1, cached: false)[1185], 1, "1185.5 is counted as its own group")
        }
    }
}
