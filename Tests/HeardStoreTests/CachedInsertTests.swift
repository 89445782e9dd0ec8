import Foundation
import GRDB
import HeardCore
import HeardTestSupport
@testable import HeardStore
import XCTest

/// The import's inserts: one kept statement each, run through `SQLConnection.each` with
/// `RETURNING id` (where FastWrite read SQLite's last rowid).
final class CachedInsertTests: XCTestCase {
    func testACachedInsertReturnsEachNewIdAndSurvivesARefusal() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let sql = "INSERT INTO holidays (date, title) VALUES (?, ?) RETURNING date"
        var returned: [String] = []
        try store.write { tx in
            let conn = tx.sql
            try conn.each(sql, [.text("2030-01-02"), .text("Zoë's day 李")], cached: true) { returned.append($0.text(0)) }
            // The date is unique: refused, with the database's message and none of the values
            // (in a savepoint, as a command is: a refusal ends PostgreSQL's transaction otherwise).
            XCTAssertThrowsError(try conn.savepoint { try conn.each(sql, [.text("2030-01-02"), .text("Private Name")], cached: true) { _ in } }) { e in
                XCTAssertFalse("\(e)".contains("Private Name"), "\(e)")
            }
            try conn.each(sql, [.text("2030-01-03"), .text("")], cached: true) { returned.append($0.text(0)) }
        }
        XCTAssertEqual(returned, ["2030-01-02", "2030-01-03"], "one row back per insert, the refused one giving none")
        let rows = try rawRows(store.path, "SELECT date, title FROM holidays WHERE date LIKE '2030-%' ORDER BY date")
        XCTAssertEqual(rows.map { $0[0] }, ["2030-01-02", "2030-01-03"])
        XCTAssertEqual(rows.map { $0[1] }, ["Zoë's day 李", ""], "nothing stale bound after the refusal, and no NULL")
    }

    func testAnImportAttachesEachRowsIssuesAndEventsToItsOwnCase() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        try importText(store, """
            reference,kind,received,service_area,procedure,categories,acknowledged
            R-1,complaint,2022-03-01,Fostering Service,Corporate,Communication,2022-03-02
            R-2,compliment,2022-03-02,Adoption,,,
            R-3,complaint,2022-03-03,Fostering Service,Corporate,Delay;Communication,2022-03-04

            """)
        let cases = try ["R-1", "R-2", "R-3"].map { try store.contact(reference: $0) }
        XCTAssertEqual(cases.map(\.categories), [["communication and information"], [], ["delay or timeliness", "communication and information"]])
        XCTAssertEqual(cases.map { $0.events.map(\.date) }, [[day("2022-03-02")], [], [day("2022-03-04")]])
        let issueIDs = cases.flatMap { $0.issues.compactMap(\.id) }
        XCTAssertEqual(Set(issueIDs).count, 3, "every issue has an id of its own")
    }

    /// The reference column ignores case (SQLite's NOCASE): so do the next number and the order
    /// of a lookup by number, on either database.
    func testReferencesIgnoreCaseInTheNextNumberAndInALookupsOrder() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        try importText(store, """
            reference,kind,received,service_area
            cs-2021-0007,compliment,2021-05-01,Adoption
            b-39,compliment,2021-05-02,Adoption
            A-39,compliment,2021-05-03,Adoption
            C-0039,compliment,2021-05-04,Adoption

            """)
        let added = try store.add(Contact(kind: .compliment, received: day("2021-06-01"), serviceArea: "Adoption"), today: fixedToday)
        XCTAssertEqual(added.reference, "CS-2021-0008", "a reference typed in lower case still counts")
        XCTAssertEqual(try store.references(matching: .number(39)).map(\.reference), ["A-39", "b-39", "C-0039"])
        XCTAssertEqual(try store.references(matching: .exact("CS-2021-0007")).map(\.reference), ["cs-2021-0007"])
    }
}
