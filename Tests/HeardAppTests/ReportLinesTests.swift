import XCTest
import HeardCore
import HeardTestSupport
import TerminalUI
@testable import HeardApp

/// How the report screen writes its figures.
final class ReportLinesTests: XCTestCase {
    func testRatesAveragesAndPaymentsReadAsWhatTheyAre() {
        XCTAssertEqual(ReportLines.cell(.number(0.183), key: "escalation_rate"), "18.3%")
        XCTAssertEqual(ReportLines.cell(.number(0.1), key: "escalation_rate"), "10.0%")
        XCTAssertEqual(ReportLines.cell(.number(10), key: "average_working_days"), "10.0")
        XCTAssertEqual(ReportLines.cell(.number(8.94), key: "average_working_days"), "8.9")
        XCTAssertEqual(ReportLines.cell(.number(250), key: "payments"), "£250.00")
        XCTAssertEqual(ReportLines.cell(.number(0.5), key: "payments"), "£0.50")
        XCTAssertEqual(ReportLines.cell(.count(7, refs: []), key: "total"), "7")
        XCTAssertEqual(ReportLines.cell(.suppressed, key: "escalation_rate"), "c")
        // A payment another tool stored out of all proportion is shown, not trapped on.
        XCTAssertFalse(ReportLines.cell(.number(9.2e16), key: "payments").isEmpty)
    }

    func testACountThePreviousPeriodLacksReadsNoughtAndNoPreviousPeriodReadsBlank() {
        var current = ReportGroup([("total", .count(3, refs: [])), ("new_area", .count(2, refs: []))], title: "Contacts")
        current["escalation_rate"] = .number(0.5)
        let before = ReportGroup([("total", .count(1, refs: []))], title: "Contacts")
        var withPrevious = ReportGroup([("contacts", .group(current))], title: "Report")
        withPrevious["previous"] = .group(ReportGroup([("contacts", .group(before))]))
        let lines = ReportLines.build(withPrevious).filter { $0.kind == .figure }
        XCTAssertEqual(lines.map(\.previous), ["1", "0", ""])
        let alone = ReportLines.build(ReportGroup([("contacts", .group(current))])).filter { $0.kind == .figure }
        XCTAssertEqual(alone.map(\.previous), ["", "", ""])
    }

    func testThePublicNoticeIsNotShownAsAFigure() {
        let contacts = ReportGroup([("total", .count(3, refs: ["CS-1", "CS-2", "CS-3"])), ("comment", .count(12, refs: []))], title: "Contacts")
        let report = ReportGroup([("contacts", .group(contacts))], title: "Report").publicVersion(threshold: 9)
        XCTAssertNotNil(report.publicNote, "fixture: the public version carries its notice")
        let lines = ReportLines.build(report)
        XCTAssertEqual(lines.filter { $0.kind == .figure }.map(\.path), ["contacts.total", "contacts.comment"])
        XCTAssertEqual(lines.filter { $0.kind == .figure }.map(\.value), ["c", "12"])
        XCTAssertFalse(lines.contains { $0.label.localizedCaseInsensitiveContains("note") || $0.path.hasPrefix("public") })
    }
}

/// The report screen's columns after a trial: money wider than a count kept its digits, and a
/// custom range says which dates "before" covers.
final class ReportColumnsTests: XCTestCase {
    func frame(_ period: Period, width: Int) -> [String] {
        let remedies = ReportGroup([("payment", .count(9, refs: [])), ("payments", .number(1_350))], title: "Remedies")
        let before = ReportGroup([("payment", .count(6, refs: [])), ("payments", .number(950))], title: "Remedies")
        var g = ReportGroup([("remedies", .group(remedies))], title: "Report")
        g["previous"] = .group(ReportGroup([("period", .group(ReportGroup([("from", .text(period.comparison.from.iso))]))), ("remedies", .group(before))]))
        var s = makeState(rows: [], size: Size(width: width, height: 24))
        var r = ReportState(period: period, suppressUpTo: 5)
        r.report = g
        r.loading = false
        s.stack.append(.report(r))
        return Render.frame(s).rows()
    }

    func testMoneyBesideMoneyKeepsEveryDigitAndASpace() throws {
        for width in [80, 200] {
            let rows = frame(Period.financialYear(starting: 2021), width: width)
            let row = try XCTUnwrap(rows.first { $0.contains("Payments") }, rows.joined(separator: "\n"))
            XCTAssertTrue(row.contains("£1,350.00 "), "\(width): \(row)")
            XCTAssertTrue(row.contains(" £950.00"), "\(width): \(row)")
            let counts = try XCTUnwrap(rows.first { $0.contains("Payment ") })
            // The counts stand in the same columns as the money, right-aligned.
            XCTAssertEqual(counts.range(of: "9 ")?.upperBound.utf16Offset(in: counts), row.range(of: "£1,350.00 ")?.upperBound.utf16Offset(in: row), "\(width)\n\(counts)\n\(row)")
        }
    }

    func testACustomRangeSaysWhichDatesBeforeCovers() {
        let period = Period(from: day("2021-07-01"), to: day("2021-09-30"))
        let rows = frame(period, width: 200)
        XCTAssertTrue(rows.joined().contains("before: \(period.comparison.label)"), rows.prefix(4).joined(separator: "\n"))
        let year = frame(Period.financialYear(starting: 2021), width: 200)
        XCTAssertFalse(year.joined().contains("before:"), "a year's column names its year")
    }
}

final class FigureCasesWidthTests: XCTestCase {
    func testAFiveDigitReferenceIsShownWholeAt80Columns() {
        var s = makeState(rows: [], size: Size(width: 80, height: 24))
        s.stack.append(.figureCases(FigureCasesState(title: "Total (contacts.total)", references: ["CS-2026-10000", "CS-2026-9"])))
        let rows = Render.frame(s).rows()
        XCTAssertTrue(rows.contains { $0.contains("CS-2026-10000 ") }, rows.joined(separator: "\n"))
    }
}

final class EmptyPeriodHeadingTests: XCTestCase {
    func testAPeriodWithNoContactsSaysSo() {
        func heading(total: Int) -> String {
            var s = makeState(rows: [], size: Size(width: 120, height: 24))
            var r = ReportState(period: Period.financialYear(starting: 2005), suppressUpTo: 5)
            r.report = ReportGroup([("contacts", .group(ReportGroup([("total", .count(total, refs: []))], title: "Contacts")))], title: "Report")
            r.loading = false
            s.stack.append(.report(r))
            return Render.frame(s).rows()[1]
        }
        XCTAssertTrue(heading(total: 0).contains("no contacts in this period"), heading(total: 0))
        XCTAssertFalse(heading(total: 3).contains("no contacts"), heading(total: 3))
    }
}
