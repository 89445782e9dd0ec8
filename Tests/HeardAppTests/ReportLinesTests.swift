import XCTest
import HeardCore
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
