import HeardCore
import XCTest

/// Every format of a public report says it is the public version and what c marks.
final class PublicReportNoticeTests: XCTestCase {
    let report = ReportGroup([
        ("period", .group(ReportGroup([("from", .text("2021-04-01")), ("to", .text("2022-03-31"))]))),
        ("contacts", .group(ReportGroup([("total", .count(40, refs: [])), ("complaints", .count(7, refs: [])),
                                         ("enquiries", .count(9, refs: [])), ("comments", .count(24, refs: []))], isPartition: true))),
        ("officer", .personal("Ann Officer")),
    ], title: "Complaints report")

    func testThresholdNineHidesNineAndKeepsTen() {
        let p = report.publicVersion(threshold: 9)
        XCTAssertEqual(p.value(at: "contacts.complaints"), .suppressed)
        XCTAssertEqual(p.value(at: "contacts.enquiries"), .suppressed)
        XCTAssertEqual(p.value(at: "contacts.total")?.count, 40)
        XCTAssertNil(p["officer"], "names are dropped")
        XCTAssertEqual(report.publicVersion(threshold: 4).value(at: "contacts.enquiries")?.count, 9)
    }

    func testEveryFormatCarriesTheNotice() {
        let note = "This is the public version: names and free text are left out, and c marks a count from 1 to 9, or a count that would let a hidden one be worked out from a total."
        let p = report.publicVersion(threshold: 9)
        XCTAssertEqual(p.publicNote, note)
        for format in ReportFormat.allCases {
            let out = ReportRenderer.render(p, as: format)
            XCTAssertTrue(out.contains(note), "\(format) lacks the notice:\n\(out)")
            XCTAssertEqual(out.components(separatedBy: note).count - 1, 1, "\(format) says it once")
            XCTAssertFalse(ReportRenderer.render(report, as: format).contains("public version"), "\(format): the full report says nothing")
        }
        let json = ReportRenderer.render(p, as: .json)
        XCTAssertTrue(json.contains("\"public\": {\n    \"counts_shown_as_c\": \"1-9\","), json)
        XCTAssertEqual(ReportRenderer.render(p, as: .text).split(separator: "\n").dropFirst().first.map(String.init), note,
                       "the text says it under the title")
    }

    func testThresholdZeroSaysNothingIsHidden() {
        let p = report.publicVersion(threshold: 0)
        XCTAssertEqual(p.value(at: "contacts.complaints")?.count, 7)
        XCTAssertEqual(p.publicNote, "This is the public version: names and free text are left out, and no count is hidden.")
    }

    /// People read money with thousands separated; a spreadsheet or a program gets the plain number.
    func testMoneyHasAThousandsSeparatorForPeopleOnly() {
        let g = ReportGroup([("remedies", .group(ReportGroup([("payments", .number(1234567.5))])))], title: "Complaints report")
        XCTAssertEqual(ReportRenderer.display(.number(1000), key: "payments"), "£1,000.00")
        XCTAssertEqual(ReportRenderer.display(.number(862.5), key: "payments"), "£862.50")
        for format in [ReportFormat.text, .markdown, .html] {
            XCTAssertTrue(ReportRenderer.render(g, as: format).contains("£1,234,567.50"), "\(format)")
        }
        XCTAssertTrue(ReportRenderer.render(g, as: .csv).contains("remedies,payments,1234567.50,"), ReportRenderer.render(g, as: .csv))
        XCTAssertFalse(ReportRenderer.render(g, as: .json).contains("1,234"), ReportRenderer.render(g, as: .json))
    }
}

/// After a trial: the public report showed the Ombudsman's payments (£500.00) while the upheld
/// decisions they were paid on were c, one family's payment for anyone who knows the case.
final class PublicPaymentsTests: XCTestCase {
    func ombudsman(upheld: Int) -> ReportGroup {
        let decisions = ReportGroup([("upheld", .count(upheld, refs: [])), ("not_upheld", .count(6, refs: []))], isPartition: true, title: "Decisions")
        let o = ReportGroup([("referred", .count(upheld + 6, refs: [])), ("decisions", .group(decisions)), ("payments", .number(500))], title: "Ombudsman")
        return ReportGroup([("ombudsman", .group(o))], title: "Report")
    }

    func testAPaymentBesideAHiddenDecisionIsHidden() {
        let shown = ombudsman(upheld: 1).publicVersion(threshold: 4)
        XCTAssertEqual(shown.value(at: "ombudsman.decisions.upheld"), .suppressed, "fixture: one upheld decision is hidden")
        XCTAssertEqual(shown.value(at: "ombudsman.referred")?.count, 7, "fixture: the group's own count is shown")
        XCTAssertEqual(shown.value(at: "ombudsman.payments"), .suppressed)
        XCTAssertFalse(ReportRenderer.json(shown).contains("500"), ReportRenderer.json(shown))
    }

    func testAPaymentOverCountsAllShownIsShown() {
        let shown = ombudsman(upheld: 8).publicVersion(threshold: 4)
        XCTAssertEqual(shown.value(at: "ombudsman.payments"), .number(500))
        XCTAssertEqual(ombudsman(upheld: 1).publicVersion(threshold: 0).value(at: "ombudsman.payments"), .number(500), "no threshold, nothing hidden")
    }
}

/// After an attack: a service area another tool named `<script>…` or with a line break went
/// into the markdown raw (HTML for whatever renders it; a table row split) and split a line of
/// the text report.
final class HostileNamesInReportsTests: XCTestCase {
    let report = ReportGroup([
        ("contacts", .group(ReportGroup([
            ("<script>alert(1)</script>", .count(7, refs: [])),
            ("Line one\nLine two | *bold* [link](x)", .count(3, refs: [])),
        ], title: "By service area"))),
    ], title: "Complaints report")

    func testMarkdownAndTextKeepEachFigureOnItsRowAsText() {
        let md = ReportRenderer.markdown(report)
        XCTAssertFalse(md.contains("<script"), md)
        XCTAssertTrue(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), md)
        let rows = md.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| Figure") }
        XCTAssertEqual(rows.count, 2, md)
        XCTAssertTrue(rows[1].contains("Line one Line two \\| \\*bold\\* \\[link\\](x)"), String(rows[1]))
        XCTAssertTrue(rows[1].hasSuffix("| 3 |"), String(rows[1]))
        let text = ReportRenderer.text(report)
        XCTAssertEqual(text.split(separator: "\n").count, 4, text)
        XCTAssertTrue(text.contains("Line one Line two | *bold* [link](x): 3"), text)
    }
}
