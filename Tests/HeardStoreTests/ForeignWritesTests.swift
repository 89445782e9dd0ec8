import Foundation
import GRDB
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// Rows another tool wrote, with NULLs and out-of-range numbers where Heard never puts them:
/// read without crashing.
final class ForeignWritesTests: XCTestCase {
    func testNullHolidaysAndHugePaymentsAreReadWithoutCrashing() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let today = day("2022-03-15")
        let c = try store.add(sampleComplaint(received: "2021-06-01"), today: today)
        // A holiday without a date: SQLite keeps NULL in a primary key that is not an integer; PostgreSQL cannot.
        if !TestDatabase.isPostgres { try rawExecute(store.path, "INSERT INTO holidays (date, title) VALUES (NULL, 'no date')") }
        try rawExecute(store.path, "INSERT INTO holidays (date, title) VALUES ('2021-02-30', 'no such day')")
        for _ in 0..<2 {
            try rawExecute(store.path, "INSERT INTO events (contact_id, kind, date, remedy, amount_pence) VALUES (\(c.id!), 'remedy', '2021-07-01', 'payment', \(Int64.max - 1))")
        }
        let calendar = try store.calendar()
        XCTAssertTrue(calendar.isWorkingDay(day("2022-03-15")))
        let options = ReportOptions(period: Period.financialYear(starting: 2021), today: today, calendar: calendar)
        let report = AnnualReport.build(try store.reportInput(for: options.loadRange, today: today), options)
        XCTAssertNotNil(report.value(at: "complaints.remedies.payments"))
        for format in ReportFormat.allCases { XCTAssertFalse(ReportRenderer.render(report, as: format).isEmpty) }
    }

    func testCheckNamesContactRowsHeardCannotRead() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let today = day("2022-03-15")
        let c = try store.add(sampleComplaint(received: "2021-06-01"), today: today)
        try store.add(sampleComplaint(received: "2021-07-01"), today: today)
        XCTAssertEqual(try store.check(today: today), [])
        try rawExecute(store.path, "UPDATE contacts SET received = '2021-02-30' WHERE id = \(c.id!)")
        XCTAssertEqual(try store.cases(today: today).count, 1)
        let problems = try store.check(today: today)
        XCTAssertEqual(problems.count, 1, "\(problems)")
        XCTAssertTrue(problems[0].hasPrefix("1 contact row with a kind or received date Heard cannot read"), problems[0])
        XCTAssertTrue(problems[0].hasSuffix("#\(c.id!)"), problems[0])
    }

    func testCheckNamesPaymentsBeyondBeliefByRowID() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let today = day("2022-03-15")
        let c = try store.add(sampleComplaint(received: "2021-06-01"), today: today)
        XCTAssertEqual(try store.check(today: today), [])
        func payment(_ pence: Int64) throws -> Int64 {
            try rawExecute(store.path, "INSERT INTO events (contact_id, kind, date, remedy, amount_pence) VALUES (\(c.id!), 'remedy', '2021-07-01', 'payment', \(pence))")
            return Int64(try XCTUnwrap(rawInt(store.path, "SELECT max(id) FROM events")))
        }
        _ = try payment(999_999_999)  // £9,999,999.99: the most that can be typed, believed
        let limit = try payment(1_000_000_000)
        let huge = try payment(9_000_000_000_000_000_000)
        let problems = try store.check(today: today)
        XCTAssertEqual(problems, ["2 event rows with an amount of £10,000,000 or more (Heard takes amounts under that), added to the report's payments as stored: #\(limit), #\(huge)"])
        // The report sums them in whole pence and says when the sum does not fit.
        _ = try payment(9_000_000_000_000_000_000)
        let options = ReportOptions(period: Period.financialYear(starting: 2021), today: today, calendar: try store.calendar())
        let report = AnnualReport.build(try store.reportInput(for: options.loadRange, today: today), options)
        XCTAssertEqual(report.value(at: "complaints.remedies.payments"), .money(pence: nil))
    }

    /// A payment below nothing (an Ombudsman's was taken off the report's payments; a remedy's
    /// is refused by its case) is named by row id too (found by an attack).
    func testCheckNamesPaymentsBelowNothingByRowID() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let today = day("2022-03-15")
        let c = try store.add(sampleComplaint(received: "2021-06-01"), today: today)
        try rawExecute(store.path, "INSERT INTO events (contact_id, kind, date, ombudsman_decision, amount_pence) VALUES (\(c.id!), 'ombudsman_decision', '2021-09-01', 'upheld', -100000)")
        let row = Int64(try XCTUnwrap(rawInt(store.path, "SELECT max(id) FROM events")))
        let problems = try store.check(today: today)
        XCTAssertTrue(problems.contains("1 event row with an amount below nothing (Heard takes none): #\(row)"), "\(problems)")
    }
}
