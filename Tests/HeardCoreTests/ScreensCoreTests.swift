import HeardCore
import HeardTestSupport
import XCTest

/// The rules below the screens of issue 10: date styles, the bank-holiday horizon, a partial
/// report period and the HTML chart's legend.
final class ScreensCoreTests: XCTestCase {
    func testDateStylesWriteTenCharactersEachWay() {
        XCTAssertEqual(DateStyle.iso.text(day("2022-03-31")), "2022-03-31")
        XCTAssertEqual(DateStyle.uk.text(day("2022-03-31")), "31/03/2022")
        XCTAssertEqual(DateStyle.uk.text(day("0999-01-02")), "02/01/999", "years are not padded beyond what they are")
        XCTAssertEqual(DateStyle.named("UK"), .uk)
        XCTAssertEqual(DateStyle.named("dd/mm/yyyy"), .uk)
        XCTAssertEqual(DateStyle.named("iso"), .iso)
        XCTAssertNil(DateStyle.named("us"))
    }

    func testRewritingLeavesWhatIsNotADateAlone() {
        let uk = DateStyle.uk
        XCTAssertEqual(uk.rewritingISODates(in: "Extended on 2022-01-20 to 2022-02-04 — Manager away"), "Extended on 20/01/2022 to 04/02/2022 — Manager away")
        XCTAssertEqual(uk.rewritingISODates(in: "ref 12022-01-201 and 2022-13-01 and 2022-02-30"), "ref 12022-01-201 and 2022-13-01 and 2022-02-30")
        XCTAssertEqual(uk.rewritingISODates(in: "2022-04-14"), "14/04/2022")
        XCTAssertEqual(DateStyle.iso.rewritingISODates(in: "2022-04-14"), "2022-04-14")
    }

    func testTheHorizonIsTheEndOfTheLastYearWithABankHoliday() throws {
        let cal = WorkingDayCalendar.englandAndWales
        let end = try XCTUnwrap(cal.knownThrough)
        XCTAssertEqual(end.parts.month, 12)
        XCTAssertEqual(end.parts.day, 31)
        XCTAssertFalse(cal.isBeyondHorizon(end))
        XCTAssertTrue(cal.isBeyondHorizon(end.adding(days: 1)))
        XCTAssertNil(cal.horizonWarning(due: end))
        let warning = try XCTUnwrap(cal.horizonWarning(due: end.adding(days: 10)))
        XCTAssertTrue(warning.contains("heard holidays import"), warning)
        XCTAssertTrue(warning.contains("after \(end.year)"), warning)
        // An import moves the horizon on.
        let later = cal.adding([BankHoliday(date: LocalDate(year: end.year + 1, month: 1, day: 1) ?? end, title: "New Year's Day")])
        XCTAssertFalse(later.isBeyondHorizon(end.adding(days: 10)))
        XCTAssertTrue(WorkingDayCalendar(holidays: []).isBeyondHorizon(day("2000-01-01")), "no holidays known: nothing is sure")
    }

    func testAPeriodNotYetOverIsMarkedPartialThroughToday() {
        let fy = Period.financialYear(starting: 2026)
        let partial = AnnualReport.build(ReportInput(contacts: []), ReportOptions(period: fy, today: day("2026-11-30")))
        XCTAssertEqual(partial.partialThrough, day("2026-11-30"))
        XCTAssertEqual(partial.partialNote, "partial: 2026-04-01 to 2026-11-30 only")
        XCTAssertNil(partial["previous"]?.groupValue?.partialThrough, "the year before is whole")
        let whole = AnnualReport.build(ReportInput(contacts: []), ReportOptions(period: fy, today: day("2027-04-01")))
        XCTAssertNil(whole.partialThrough)
        XCTAssertNil(whole.value(at: "period.through"))
        // The last day of the period is a whole period.
        XCTAssertNil(AnnualReport.build(ReportInput(contacts: []), ReportOptions(period: fy, today: fy.to)).partialThrough)
    }

    func testTheHTMLChartSaysWhichBarIsWhichAndThatThePeriodIsPartial() {
        var c = sampleComplaint(received: "2026-05-04", categories: ["delay"])
        c.id = 1
        var e = sampleComplaint(received: "2026-06-04", categories: ["delay"])
        e.id = 2
        e.kind = .enquiry
        var old = sampleComplaint(received: "2025-06-04", categories: ["delay"])
        old.id = 3
        let g = AnnualReport.build(ReportInput(contacts: [c, e, old]), ReportOptions(period: Period.financialYear(starting: 2026), today: day("2026-11-30")))
        let html = ReportRenderer.html(g)
        XCTAssertTrue(html.contains("Partial period: the figures run to 2026-11-30 only; the period runs to 2027-03-31."), html)
        XCTAssertTrue(html.contains("<g class=\"legend\">"), html)
        XCTAssertTrue(html.contains("This period: 2026-04-01 to 2026-11-30 (partial)"), html)
        XCTAssertTrue(html.contains("Previous: 2025-04-01 to 2026-03-31"), html)
        let whole = ReportRenderer.html(AnnualReport.build(ReportInput(contacts: [c, e, old]),
                                                           ReportOptions(period: Period.financialYear(starting: 2026), today: day("2027-06-01"))))
        XCTAssertFalse(whole.contains("Partial period"))
        XCTAssertTrue(ReportRenderer.markdown(g).contains("**partial: 2026-04-01 to 2026-11-30 only**"), ReportRenderer.markdown(g))
        XCTAssertTrue(whole.contains("This period: 2026-04-01 to 2027-03-31"), whole)
    }
}
