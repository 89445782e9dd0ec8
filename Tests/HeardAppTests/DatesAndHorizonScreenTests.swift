@testable import HeardApp
import HeardCore
import HeardTestSupport
import TerminalUI
import XCTest

/// One date format per screen, the horizon of known bank holidays, and messages that go with
/// the screen they spoke of.
final class DatesAndHorizonScreenTests: XCTestCase {
    /// Every ISO-looking date on a frame.
    func isoDates(_ f: Frame) -> [String] {
        let text = f.rows().joined(separator: "\n")
        return text.matches(of: /\d{4}-\d{2}-\d{2}/).map { String($0.output) }
    }

    func ukDates(_ f: Frame) -> [String] {
        f.rows().joined(separator: "\n").matches(of: /\d{2}\/\d{2}\/\d{4}/).map { String($0.output) }
    }

    func testTheListWritesEveryDateOneWayAtEveryWidth() {
        for width in [80, 120, 200] {
            var s = makeState(rows: sampleRows(10), size: Size(width: width, height: 24))
            let iso = Render.frame(s)
            // Received and due in the same format, whole: no 01/03/22 beside 2022-03-15.
            XCTAssertTrue(iso.rows().joined().contains("2022-03-01"), "\(width)")
            XCTAssertEqual(ukDates(iso), [], "\(width)")
            XCTAssertFalse(iso.rows().joined().contains("01/03/22"), "\(width)")
            s.dateStyle = .uk
            let uk = Render.frame(s)
            XCTAssertEqual(isoDates(uk), [], "\(width): \(uk.rows().joined(separator: "\n"))")
            XCTAssertTrue(uk.rows()[2].contains("01/03/2022"), uk.rows()[2])
            XCTAssertTrue(uk.rows()[0].hasSuffix("15/03/2022 "), "the title's today too: \(uk.rows()[0])")
        }
    }

    func testTheDetailWritesTheRecordsDatesInTheScreensFormat() {
        var s = makeState(rows: sampleRows(3), size: Size(width: 120, height: 60))
        s.dateStyle = .uk
        send(&s, [.enter])
        _ = Update.update(&s, .caseLoaded(detailData()))
        let f = Render.frame(s)
        XCTAssertEqual(isoDates(f), [], f.rows().joined(separator: "\n"))
        XCTAssertTrue(f.rows().joined().contains("11/01/2022"), "acknowledged, as 11/01/2022")
    }

    func testTheActionPlanAndTheReportFollowTheFormat() {
        var s = makeState(rows: sampleRows(3), size: Size(width: 120, height: 30))
        s.dateStyle = .uk
        send(&s, [.char("A")])
        _ = Update.update(&s, .actionsLoaded([ActionItem(id: 1, title: "Brief the team", owner: "Head of Service", created: day("2022-01-01"), due: day("2022-06-30"))]))
        let plan = Render.frame(s)
        XCTAssertTrue(plan.rows().joined().contains("30/06/2022"), plan.rows().joined(separator: "\n"))
        XCTAssertEqual(isoDates(plan), [])
        var r = makeState(rows: sampleRows(3), size: Size(width: 120, height: 30))
        r.dateStyle = .uk
        r.stack.append(.report(ReportState(period: Period(from: day("2021-01-01"), to: day("2021-06-30")), suppressUpTo: 4)))
        let report = Render.frame(r)
        XCTAssertTrue(report.rows()[0].contains("01/01/2021 to 30/06/2021"), report.rows()[0])
        XCTAssertEqual(isoDates(report), [])
    }

    /// A complaint received late in the last year of known bank holidays: its deadline is in the next.
    func pastTheHorizon() -> (CaseDetailData, [CaseRow]) {
        var c = sampleComplaint(received: "2028-12-18", name: "Alex Smith", categories: ["delay"])
        c.id = 1
        c.reference = "CS-2028-0001"
        let cal = WorkingDayCalendar.englandAndWales
        let today = day("2028-12-20")
        let clock = c.clock(calendar: cal, today: today)
        let data = CaseDetailData(contact: c, clock: clock, history: [], learning: [], actions: [], calendar: cal)
        var row = sampleRows(1)[0].summary
        row.reference = c.reference
        row.due = clock.due
        return (data, [CaseRow(row)] + sampleRows(3).dropFirst().map { $0 })
    }

    func testADeadlinePastTheKnownBankHolidaysIsSaidOnTheDetail() throws {
        let (data, rows) = pastTheHorizon()
        let due = try XCTUnwrap(data.clock.due)
        XCTAssertGreaterThan(due, day("2028-12-31"))
        var s = makeState(rows: rows)
        send(&s, [.enter])
        _ = Update.update(&s, .caseLoaded(data))
        let text = Render.frame(s).rows().joined(separator: "\n")
        XCTAssertTrue(text.contains("after 2028"), text)
        XCTAssertTrue(text.contains("heard holidays import"), text)
        // A case due within the known years says nothing of it.
        var within = makeState(rows: sampleRows(3))
        send(&within, [.enter])
        _ = Update.update(&within, .caseLoaded(detailData()))
        XCTAssertFalse(Render.frame(within).rows().joined().contains("holidays import"))
    }

    func testTheListSaysSoOnLoadAndOnTheSelectedRow() {
        let (_, rows) = pastTheHorizon()
        let s = makeState(rows: rows)
        XCTAssertEqual(s.message?.text, "1 case due after 2028 (bank holidays unknown): run heard holidays import")
        var quiet = s
        quiet.message = nil
        let status = Render.frame(quiet).rows()[quiet.size.height - 2]
        XCTAssertTrue(status.contains("CS-2028-0001 due after 2028") && status.contains("heard holidays import"), status)
        XCTAssertNil(makeState(rows: sampleRows(5)).message, "no case past the horizon, nothing said")
    }

    /// A case opened after the key that asked for it (a learning point's, from the action plan)
    /// leaves the message of the screen the key was pressed on behind.
    func testACaseOpenedLaterLeavesTheMessageOfTheScreenItWasAskedFrom() {
        var s = makeState(rows: sampleRows(5))
        s.say("c is not offered while this session is read-only. Press ? for the keys.")
        _ = Update.update(&s, .openCase(1))
        XCTAssertNil(s.message)
        guard case .detail(let d)? = s.stack.last else { return XCTFail("the case is open") }
        XCTAssertEqual(d.id, 1)
    }

    func testAMessageDoesNotFollowTheUserToAnotherScreen() {
        var s = makeState(rows: sampleRows(5))
        s.say("Saved CS-2022-0001.")
        send(&s, [.enter])
        XCTAssertNil(s.message, "opening a case leaves the list's message behind")
        s.say("Nothing to undo.")
        send(&s, [.escape])
        XCTAssertNil(s.message, "back on the list, the detail's message is gone")
        // Moving within a screen keeps it.
        s.say("Filtered.")
        send(&s, [.char("j")])
        XCTAssertEqual(s.message?.text, "Filtered.")
        // A message a key says as it changes screen stays: it is about the new one.
        var c = makeState(rows: sampleRows(5))
        var compliment = sampleComplaint(received: "2022-03-01", categories: ["delay"])
        compliment.kind = .compliment
        compliment.id = 1
        send(&c, [.enter])
        _ = Update.update(&c, .caseLoaded(CaseDetailData(contact: compliment, clock: compliment.clock(calendar: .englandAndWales, today: c.today),
                                                         history: [], learning: [], actions: [], calendar: .englandAndWales)))
        send(&c, [.char("w")])
        XCTAssertEqual(c.message?.text.contains("no workflow"), true)
    }
}
