import Foundation
import GRDB
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// What the audit and check commands do differently since they run on `SQLConnection`: `heard
/// audit` reads the trail and the access log a page at a time, and PostgreSQL's day test is
/// written in Swift (`Store.isDay`) where SQLite's is SQL (`Store.notADay`).
final class PortableAuditCheckTests: XCTestCase {
    /// More rows than a page of each, written by another tool (one read stored with text where the
    /// change it saw belongs): every row comes out once, in the order of a plain merge.
    func testTheMergedHistoryReadsPageByPageInOrder() throws {
        let dir = TemporaryDirectory("heard-audit-pages")
        let store = try makeStore(in: dir)
        let path = store.path
        let changes = Store.auditLogPage * 2 + 37
        var sql: [String] = []
        for i in 1...changes {
            sql.append("""
                INSERT INTO audit (at, who, session, entity, entity_id, reference, action, changes, batch)
                VALUES ('2026-01-01T00:00:00Z', 'Other Tool', 's', '\(i % 11 == 0 ? "issue" : "contact")', \(i % 5 == 0 ? 2 : 1),
                        '\(i % 3 == 0 ? "CS-2026-0002" : "CS-2026-0001")', 'update', '{}', '')
                """)
        }
        // Reads seen after every third change, two at some, in no id order; then one seen after
        // every change: on SQLite an `after_audit` that is text (SQLite sorts text after every
        // number), on PostgreSQL (typed columns) a number past the last change.
        var n = 0
        for after in stride(from: changes, through: 0, by: -3) {
            for _ in 0..<(after % 2 == 0 ? 2 : 1) {
                n += 1
                sql.append("INSERT INTO reads (at, who, contact_id, reference, via, after_audit) VALUES ('t', 'w', \(after % 5), 'CS-2026-0001', 'r\(n)', \(after))")
            }
        }
        let last = TestDatabase.isPostgres ? "\(changes + 1000)" : "'not a number'"
        sql.append("INSERT INTO reads (at, who, contact_id, reference, via, after_audit) VALUES ('t', 'w', 1, 'CS-2026-0001', 'last', \(last))")
        try rawExecute(path, sql.joined(separator: ";\n"))
        // The merge as the one-statement reading did it: every read after the changes it saw.
        func expected(_ ids: [Int64], _ readScope: String) throws -> [String] {
            let reads = try rawRows(path, "SELECT after_audit, via FROM reads \(readScope) ORDER BY after_audit, id")
            var out: [String] = []
            var r = 0
            func after(_ row: [String?]) -> Int64 { row[0].flatMap { Int64($0) } ?? 0 }
            for id in ids {
                while r < reads.count, after(reads[r]) < id { out.append("read \(reads[r][1] ?? "")"); r += 1 }
                out.append("change \(id)")
            }
            while r < reads.count { out.append("read \(reads[r][1] ?? "")"); r += 1 }
            return out
        }
        func items(contactID: Int64? = nil, reference: String = "") throws -> [String] {
            var out: [String] = []
            try store.eachAuditItem(contactID: contactID, reference: reference) { item in
                switch item {
                case .change(let e): out.append("change \(e.id)")
                case .read(let r): out.append("read \(r.via.stored)")
                }
            }
            return out
        }
        let all = try items()
        XCTAssertEqual(all.count, changes + (try rawInt(path, "SELECT count(*) FROM reads") ?? 0))
        let every = try rawTexts(path, "SELECT id FROM audit ORDER BY id").compactMap { $0.flatMap { Int64($0) } }
        XCTAssertEqual(all, try expected(every, ""))
        XCTAssertEqual(all.last, "read last")
        let one = try items(contactID: 1, reference: "CS-2026-0001")
        // The case's own rows by id; an issue's (no parent: as an earlier Heard wrote them) when
        // its reference is the one the case's own newest row before it recorded; another case's
        // own rows under the same reference are not this case's.
        var held: String?
        var mine: [Int64] = []
        for row in try rawRows(path, "SELECT id, entity, entity_id, reference FROM audit ORDER BY id") {
            guard let id = row[0].flatMap({ Int64($0) }) else { continue }
            if row[1] == "contact" && row[2] == "1" { held = row[3]; mine.append(id) }
            if row[1] == "issue" && row[3] == held { mine.append(id) }
        }
        XCTAssertEqual(one, try expected(mine, "WHERE contact_id = 1"))
        XCTAssertGreaterThan(one.filter { $0.hasPrefix("change") }.count, Store.auditLogPage)
    }

    /// The Swift day test PostgreSQL uses says what SQLite's SQL says, value by value.
    func testTheSwiftDayTestAgreesWithSQLite() throws {
        var texts = ["2021-02-28", "2021-02-29", "2020-02-29", "1900-02-29", "2000-02-29", "0000-02-29", "9999-12-31",
                     "2021-04-30", "2021-04-31", "2021-01-31", "2021-01-32", "2021-01-39", "2021-00-10", "2021-13-01",
                     "2021-12-00", "2021-1-01", "2021-01-1", "2021/01/01", "20210101", "2021-01-01 ", " 2021-01-01",
                     "2021-01-01T00:00", "２０２１-01-01", "2021-0a-01", "", "2021-06-15", "1999-11-30", "2021-02-3x",
                     "2021-19-01", "2021-11-31", "2021-12-31", "2024-02-29", "2100-02-29", "2400-02-29"]
        for m in 1...12 { for d in [28, 29, 30, 31] { texts.append(String(format: "2023-%02d-%02d", m, d)) } }
        let q = try DatabaseQueue()
        try q.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, v)")
            for s in texts { try db.execute(sql: "INSERT INTO t (v) VALUES (?)", arguments: [s]) }
            try db.execute(sql: "INSERT INTO t (v) VALUES (NULL), (20210101), (2021.5), (x'323032312d30312d3031')")
        }
        try q.read { db in
            let conn = SQLiteConnection(db)
            var checked = 0
            try conn.each("SELECT v, CASE WHEN \(Store.notADay("v")) THEN 0 ELSE 1 END FROM t ORDER BY id") { r in
                let sqlite = r.int(1) == 1
                XCTAssertEqual(Store.isDay(r.value(0)), sqlite, "\(r.value(0))")
                checked += 1
            }
            XCTAssertEqual(checked, texts.count + 4)
        }
    }

    /// The unreadable rows found in Swift (PostgreSQL's way) are those SQLite's SQL finds.
    func testUnreadableIDsInSwiftMatchSQL() throws {
        let dir = TemporaryDirectory("heard-unreadable-swift")
        let path = try storePath(in: dir)
        let store = try makeStore(in: dir)
        let good = try XCTUnwrap(store.add(sampleComplaint(), today: fixedToday).id)
        try rawExecute(path, "UPDATE contacts SET received = '2021-02-30' WHERE id = \(good)")
        for (n, (kind, received)) in [("complaint", "2021-03-01"), ("nonsense", "2021-03-01"), ("compliment", "2021-3-01")].enumerated() {
            try rawExecute(path, """
                INSERT INTO contacts (reference, kind, received, service_area, complainant_name, subject_child, status, version)
                VALUES ('X-\(n)', '\(kind)', '\(received)', '', '', '', 'open', 1)
                """)
        }
        try rawExecute(path, "INSERT INTO actions (title, created) VALUES ('bad', '2022-06-31'), ('fine', '2022-06-30')")
        let kinds = ContactKind.allCases.map(\.rawValue)
        try store.query { conn in
            let contacts = try Store.unreadableIDs(conn, table: "contacts", date: "received", kinds: kinds)
            XCTAssertEqual(contacts.count, 3, "\(contacts)")
            XCTAssertTrue(contacts.contains(good))
            XCTAssertEqual(try Store.unreadableIDsInSwift(conn, table: "contacts", date: "received", kinds: kinds), contacts)
            let actions = try Store.unreadableIDs(conn, table: "actions", date: "created")
            XCTAssertEqual(actions.count, 1)
            XCTAssertEqual(try Store.unreadableIDsInSwift(conn, table: "actions", date: "created"), actions)
        }
    }

    /// A holiday imported again with another title takes the new one, in one row (ON CONFLICT
    /// DO UPDATE, which both databases take, where SQLite's INSERT OR REPLACE was).
    func testAHolidayImportedAgainTakesItsNewTitle() throws {
        let dir = TemporaryDirectory("heard-holiday-again")
        let store = try makeStore(in: dir)
        XCTAssertEqual(try store.importHolidays([BankHoliday(date: day("2022-06-20"), title: "Proclaimed")]), 1)
        XCTAssertEqual(try store.importHolidays([BankHoliday(date: day("2022-06-20"), title: "Proclaimed again")]), 0)
        XCTAssertEqual(try store.calendar().holidays[day("2022-06-20")], "Proclaimed again")
        XCTAssertEqual(try rawInt(store.path, "SELECT count(*) FROM holidays"), 1)
    }
}
