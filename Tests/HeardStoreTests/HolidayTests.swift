import Foundation
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// Bank holidays from gov.uk's bank-holidays.json: parsing, import, and due dates recomputed
/// on read when a new holiday is proclaimed.
final class HolidayTests: XCTestCase {
    func testParsesTheEnglandAndWalesDivisionOfAGovUKFile() throws {
        let holidays = try BankHolidayFile.parse(Data(govUKFile.utf8), file: "bank-holidays.json")
        XCTAssertEqual(holidays.map(\.date), [day("2022-06-02"), day("2022-06-03"), day("2022-06-20")])
        XCTAssertEqual(holidays.map(\.title), ["Spring bank holiday", "Platinum Jubilee bank holiday", "A proclaimed holiday"])
    }

    func testImportingANewHolidayMovesAnOpenCasesDueDateByOneWorkingDay() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let c = try store.add(sampleComplaint(received: "2022-06-13"), today: fixedToday)
        func due() throws -> LocalDate? { try store.cases(today: fixedToday).first { $0.id == c.id }?.due }
        XCTAssertEqual(try due(), day("2022-06-27"))
        let auditBefore = try auditCount(store.path)
        let added = try store.importHolidays(try BankHolidayFile.parse(Data(govUKFile.utf8), file: "bank-holidays.json"))
        XCTAssertEqual(added, 1, "the two Jubilee days are already built in")
        XCTAssertEqual(try due(), day("2022-06-28"))
        XCTAssertTrue(try store.calendar().isHoliday(day("2022-06-20")))
        XCTAssertEqual(try auditCount(store.path), auditBefore + 1)
        // Importing the same file again adds nothing new and changes nothing.
        XCTAssertEqual(try store.importHolidays(try BankHolidayFile.parse(Data(govUKFile.utf8), file: "bank-holidays.json")), 0)
        XCTAssertEqual(try due(), day("2022-06-28"))
    }

    func testImportedHolidaysSurviveReopening() throws {
        let dir = TemporaryDirectory()
        do { try makeStore(in: dir).importHolidays([BankHoliday(date: day("2022-06-20"), title: "Proclaimed")]) }
        XCTAssertEqual(try makeStore(in: dir).calendar().holidays[day("2022-06-20")], "Proclaimed")
    }

    func testBadDateNamesTheFileAndThePath() {
        let e = storeError { try BankHolidayFile.parse(Data(badDateFile.utf8), file: "/tmp/holidays.json") }
        let message = e?.description ?? ""
        XCTAssertTrue(message.contains("/tmp/holidays.json"), message)
        XCTAssertTrue(message.contains("england-and-wales.events[1].date"), message)
        XCTAssertTrue(message.contains("2022-13-01"), message)
    }

    func testBadShapesAreExplained() {
        for (json, expected) in badShapes {
            let message = storeError { try BankHolidayFile.parse(Data(json.utf8), file: "h.json") }?.description ?? ""
            XCTAssertTrue(message.hasPrefix("h.json"), message)
            XCTAssertTrue(message.contains(expected), "\(message) should mention \(expected)")
        }
    }
}

// MARK: - Fixtures

private let govUKFile = """
{"england-and-wales": {"division": "england-and-wales", "events": [
  {"title": "Spring bank holiday", "date": "2022-06-02", "notes": "Moved date", "bunting": true},
  {"title": "Platinum Jubilee bank holiday", "date": "2022-06-03", "notes": "", "bunting": true},
  {"title": "A proclaimed holiday", "date": "2022-06-20", "notes": "", "bunting": false}]},
 "scotland": {"division": "scotland", "events": [{"title": "St Andrew's Day", "date": "2022-11-30", "notes": "", "bunting": true}]}}
"""

private let badDateFile = """
{"england-and-wales": {"events": [
  {"title": "Fine", "date": "2022-06-02"},
  {"title": "Broken", "date": "2022-13-01"}]}}
"""

private let badShapes: [(String, String)] = [
    ("not json at all", "not valid JSON"),
    ("[1, 2]", "england-and-wales"),
    ("{\"scotland\": {\"events\": []}}", "england-and-wales"),
    ("{\"england-and-wales\": {\"events\": [42]}}", "england-and-wales.events[0]"),
    ("{\"england-and-wales\": {\"events\": [{\"title\": \"x\"}]}}", "england-and-wales.events[0].date"),
]
