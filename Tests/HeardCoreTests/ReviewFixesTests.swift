import HeardCore
import HeardTestSupport
import XCTest

/// Defects a review found, each pinned by a test.
final class ReviewFixesTests: XCTestCase {
    let cal = WorkingDayCalendar.englandAndWales

    func testRatesAndSumsBesideAHiddenCountAreHiddenToo() {
        let g = ReportGroup([
            ("received", .count(10, refs: [])), ("escalated", .count(2, refs: [])), ("escalation_rate", .number(0.2)),
        ], isPartition: false)
        let p = g.publicVersion(threshold: 4)
        XCTAssertEqual(p["escalated"], .suppressed)
        XCTAssertEqual(p["escalation_rate"], .suppressed, "0.2 × 10 would give the hidden 2 back")
        let open = ReportGroup([("received", .count(10, refs: [])), ("escalation_rate", .number(0.5)), ("escalated", .count(5, refs: []))]).publicVersion(threshold: 4)
        XCTAssertEqual(open["escalation_rate"], .number(0.5), "nothing hidden: the rate stays")
    }

    func testChristmasBoxingDayAndGoodFridayBeyondTheTable() {
        XCTAssertFalse(cal.isWorkingDay(day("2030-12-25")))
        XCTAssertFalse(cal.isWorkingDay(day("2030-12-26")))
        XCTAssertFalse(cal.isWorkingDay(day("2030-04-19")), "Good Friday 2030")
        XCTAssertTrue(cal.isWorkingDay(day("2030-04-18")))
        XCTAssertFalse(cal.isWorkingDay(day("2016-03-25")), "Good Friday 2016")
    }

    func testClosingAnUnansweredStageStopsItsClock() {
        var c = sampleComplaint(received: "2021-11-01")
        c.events = [.closed(day("2021-11-05"))]   // as imported history may hold
        let k = c.clock(calendar: cal, today: day("2022-06-01"))
        XCTAssertEqual(k.status, .closed)
        XCTAssertNil(k.stages[0].timeliness, "neither open nor timely: it ended without a response")
        XCTAssertFalse(k.stages[0].isRunning)
        XCTAssertEqual(k.stages[0].daysUsed, 4)
    }

    func testWithdrawalAfterAResponseKeepsTheStagesOutcome() throws {
        var c = sampleComplaint(received: "2021-11-01")
        c.issues[0].findings[1] = .upheld
        c = try c.applying(.responded(day("2021-11-10"), stage: 1), calendar: cal, today: day("2021-12-01"))
        c = try c.applying(.withdrawn(day("2021-11-12"), reason: "No longer wanted"), calendar: cal, today: day("2021-12-01"))
        let k = c.clock(calendar: cal, today: day("2021-12-01"))
        XCTAssertEqual(k.status, .withdrawn)
        XCTAssertEqual(k.stages[0].outcome(issues: c.issues), .upheld)
    }
}
