import HeardCore
import HeardTestSupport
import XCTest

/// What a report compares with (one rule for `heard report` and the screen) and how its text,
/// markdown and CSV say values and previous values.
final class ReportComparisonTests: XCTestCase {
    func testAYearToDateComparesWithTheWholePreviousFinancialYear() {
        let ytd = Period(from: day("2026-04-01"), to: day("2026-11-30"))
        XCTAssertEqual(ytd.comparison, Period.financialYear(starting: 2025), "as the screen's part year does")
        XCTAssertEqual(Period.financialYear(starting: 2026).comparison, Period.financialYear(starting: 2025))
        XCTAssertEqual(Period(from: day("2026-05-01"), to: day("2026-06-30")).comparison,
                       Period(from: day("2026-03-01"), to: day("2026-04-30")), "other ranges: the same length just before")
        XCTAssertTrue(ytd.comparisonWords(through: nil).hasPrefix("the whole previous financial year, 2025-26"))
        XCTAssertTrue(Period.financialYear(starting: 2026).comparisonWords(through: day("2026-11-30")).contains("run to 2026-11-30 only"))
    }

    func report() -> ReportGroup {
        var paid = sampleComplaint(received: "2026-05-04", area: "Early Help")
        paid.reference = "P"
        paid.events = [.responded(day("2026-05-20"), stage: 1),
                       .remedy(day("2026-05-20"), stage: 1, .payment, amountPence: 86_250, note: "")]
        var before = sampleComplaint(received: "2025-06-02", area: "Adoption")
        before.reference = "B"
        return AnnualReport.build(ReportInput(contacts: [paid, before]),
                                  ReportOptions(period: Period(from: day("2026-04-01"), to: day("2026-11-30")), today: day("2026-11-30")))
    }

    func testTextSaysMissingPreviousCountsAsNoneMoneyAsPoundsAndWhichComparison() {
        let r = report()
        XCTAssertEqual(r.value(at: "previous.period.from"), .text("2025-04-01"))
        let text = ReportRenderer.render(r, as: .text)
        XCTAssertTrue(text.contains("Early Help: 1  (previous: 0)"), text)
        XCTAssertFalse(text.contains("(previous: )"), text)
        XCTAssertTrue(text.contains("Payments: £862.50  (previous: £0.00)"), text)
        XCTAssertTrue(text.contains("Compared with: the whole previous financial year, 2025-26"), text)
        let md = ReportRenderer.render(r, as: .markdown)
        XCTAssertTrue(md.contains("| Payments | £862.50 | £0.00 |"), md)
        XCTAssertTrue(md.contains("| Early Help | 1 | 0 |"), md)
        let csv = ReportRenderer.render(r, as: .csv)
        XCTAssertTrue(csv.contains("complaints.remedies,payments,862.50,0.00\r\n"), csv)
        XCTAssertTrue(csv.contains("contacts.by_service_area,Early Help,1,0\r\n"), csv)
        let publicCSV = ReportRenderer.render(r.publicVersion(threshold: 4), as: .csv)
        XCTAssertTrue(publicCSV.contains("contacts.by_service_area,Early Help,c,0\r\n"), publicCSV)
        XCTAssertTrue(ReportRenderer.json(r).contains("\"payments\": 862.5"), "the JSON keeps its number")
    }

    func testARowThePreviousPeriodHadIsShownAsNoneBesideItsPreviousFigure() {
        // Adoption had a complaint last year and none this: its row stays, 0 beside 1, in
        // every format (it vanished with its previous figure).
        let r = report()
        XCTAssertEqual(r.value(at: "complaints.by_service_area.Adoption"), .count(0, refs: []))
        XCTAssertEqual(r.value(at: "previous.complaints.by_service_area.Adoption")?.count, 1)
        XCTAssertEqual(r.value(at: "complaints.by_service_area")?.groupValue?.entries.map(\.key), ["Early Help", "Adoption"],
                       "after this period's own rows")
        XCTAssertTrue(ReportRenderer.render(r, as: .text).contains("Adoption: 0  (previous: 1)"))
        XCTAssertTrue(ReportRenderer.render(r, as: .markdown).contains("| Adoption | 0 | 1 |"))
        XCTAssertTrue(ReportRenderer.render(r, as: .csv).contains("complaints.by_service_area,Adoption,0,1\r\n"),
                      ReportRenderer.render(r, as: .csv))
        XCTAssertTrue(ReportRenderer.render(r, as: .json).contains("\"Adoption\": 0"))
        XCTAssertEqual(r.publicVersion(threshold: 4).value(at: "complaints.by_service_area.Adoption"), .count(0, refs: []))
    }

    func testAPartYearsLastDayHasNoPreviousBesideIt() {
        let r = AnnualReport.build(ReportInput(contacts: []),
                                   ReportOptions(period: Period.financialYear(starting: 2026), today: day("2026-11-30")))
        let text = ReportRenderer.render(r, as: .text)
        XCTAssertTrue(text.contains("    Through: 2026-11-30\n"), text)
    }
}
