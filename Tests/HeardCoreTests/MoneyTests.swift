import HeardCore
import HeardTestSupport
import XCTest

/// Pence written as pounds by integer arithmetic everywhere (screens, every report format,
/// letters), and sums that say when they do not fit rather than trap or print a wrong number.
final class MoneyTests: XCTestCase {
    /// A complaint answered in April 2021 with a payment remedy of each amount.
    func report(payments: [Int]) -> ReportGroup {
        var c = sampleComplaint(received: "2021-05-04")
        c.reference = "P"
        c.events = [.responded(day("2021-05-20"), stage: 1)]
            + payments.map { .remedy(day("2021-05-20"), stage: 1, .payment, amountPence: $0, note: "") }
        return AnnualReport.build(ReportInput(contacts: [c]),
                                  ReportOptions(period: Period.financialYear(starting: 2021), today: day("2022-06-01")))
    }

    func testPoundsAreWrittenFromWholePence() {
        XCTAssertEqual(Money.pounds(25_000), "250.00")
        XCTAssertEqual(Money.pounds(-5), "-0.05")
        XCTAssertEqual(Money.pounds(Int.max), "92233720368547758.07")
        XCTAssertEqual(Money.pounds(Int.min), "-92233720368547758.08")
        XCTAssertEqual(Money.groupedPounds(123_450), "1,234.50")
        XCTAssertEqual(Money.groupedPounds(Int.max), "92,233,720,368,547,758.07")
        // The report's JSON has always written 250 pounds as 250.0 and 862.50 as 862.5.
        XCTAssertEqual(Money.jsonNumber(25_000), "250.0")
        XCTAssertEqual(Money.jsonNumber(86_250), "862.5")
        XCTAssertEqual(Money.jsonNumber(86_205), "862.05")
        XCTAssertEqual(Money.jsonNumber(10), "0.1")
        XCTAssertEqual(Money.jsonNumber(0), "0.0")
        XCTAssertEqual(Money.jsonNumber(-86_250), "-862.5")
        XCTAssertEqual(Money.jsonNumber(9_000_000_000_000_000_000), "90000000000000000.0")
        XCTAssertEqual(CaseRecord.pounds(9_000_000_000_000_000_000), "90000000000000000.00")
    }

    func testAHugePaymentIsWrittenInFullInEveryFormatNeverInENotation() {
        let r = report(payments: [9_000_000_000_000_000_000])
        XCTAssertEqual(r.value(at: "complaints.remedies.payments"), .money(pence: 9_000_000_000_000_000_000))
        XCTAssertEqual(ReportRenderer.display(r.value(at: "complaints.remedies.payments"), key: "payments"), "£90,000,000,000,000,000.00")
        let text = ReportRenderer.render(r, as: .text)
        XCTAssertTrue(text.contains("Payments: £90,000,000,000,000,000.00"), text)
        XCTAssertTrue(ReportRenderer.render(r, as: .markdown).contains("| Payments | £90,000,000,000,000,000.00 |"))
        XCTAssertTrue(ReportRenderer.render(r, as: .csv).contains("complaints.remedies,payments,90000000000000000.00,"))
        XCTAssertTrue(ReportRenderer.render(r, as: .json).contains("\"payments\": 90000000000000000.0"))
        XCTAssertTrue(ReportRenderer.render(r, as: .html).contains("£90,000,000,000,000,000.00"))
        for format in ReportFormat.allCases {
            XCTAssertFalse(ReportRenderer.render(r, as: format).contains("e+"), "\(format)")
        }
    }

    func testASumTooLargeToAddUpSaysSoInsteadOfAWrongNumber() {
        // Two payments of 9×10^18 pence: more than an Int holds (it was held at Int.max and
        // printed as £9.223372036854776e+16).
        let r = report(payments: [9_000_000_000_000_000_000, 9_000_000_000_000_000_000])
        XCTAssertEqual(r.value(at: "complaints.remedies.payments"), .money(pence: nil))
        let text = ReportRenderer.render(r, as: .text)
        XCTAssertTrue(text.contains("Payments: too large to add up"), text)
        XCTAssertFalse(text.contains("e+"), text)
        XCTAssertFalse(text.contains("92,233,720,368,547,758.07"), "not the clamped number as if it were the sum")
        XCTAssertTrue(ReportRenderer.render(r, as: .csv).contains("complaints.remedies,payments,too large to add up,"))
        XCTAssertTrue(ReportRenderer.render(r, as: .json).contains("\"payments\": null"))
        XCTAssertTrue(ReportRenderer.render(r, as: .markdown).contains("| Payments | too large to add up |"))
        // And a negative sum that does not fit, from amounts another tool wrote below zero.
        XCTAssertEqual(Money.adding(-9_000_000_000_000_000_000, to: -9_000_000_000_000_000_000), nil)
        XCTAssertEqual(Money.adding(5, to: nil), nil, "once too large, always too large")
        XCTAssertEqual(Money.adding(5, to: 7), 12)
    }

    func testPaymentsGivenAsPoundsAreWrittenThroughPence() {
        XCTAssertEqual(ReportRenderer.display(.number(1000), key: "payments"), "£1,000.00")
        XCTAssertEqual(ReportRenderer.display(.number(9.2e16), key: "payments"), "£92,000,000,000,000,000.00")
        XCTAssertEqual(ReportRenderer.display(.number(1e300), key: "payments"), "too large to add up")
    }

    func testPublicReportHidesASumOfMoneyBesideAHiddenCount() {
        let g = ReportGroup([("payment", .count(2, refs: [])), ("apology", .count(9, refs: [])), ("payments", .money(pence: 50_000))], title: "Remedies")
        XCTAssertEqual(g.publicVersion(threshold: 4)["payments"], .suppressed, "one person's payment is not given away beside a c")
        XCTAssertEqual(g.publicVersion(threshold: 0)["payments"], .money(pence: 50_000))
    }
}
