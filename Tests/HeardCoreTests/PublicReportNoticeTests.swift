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
        let note = "This is the public version: names and free text are left out, and c marks a count from 1 to 9."
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
}
