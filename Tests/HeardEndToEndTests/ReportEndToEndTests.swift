import Foundation
import HeardTestSupport
import XCTest

/// The report in the real binary, with today in March 2022 as the board paper is written.
final class ReportEndToEndTests: XCTestCase {
    func testReportRangeFilterExportsAndGoto() throws {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux is not installed")
        let dir = TemporaryDirectory("heard-e2e-report")
        let db = try storePath(in: dir, name: "demo.sqlite")
        let env = ["HEARD_TODAY": "2022-03-15"]
        XCTAssertEqual(try runHeard(["demo", "--no-open", "--db", db], environment: env).status, 0)
        let t = try TmuxSession(arguments: ["--db", db], environment: env.merging(["XDG_CONFIG_HOME": dir.file("config")]) { a, _ in a },
                                width: 100, height: 30, dir: dir)
        try t.press("R")
        try t.waitForScreen(containing: "261")
        XCTAssertTrue(t.screenText.contains("2021-22"), t.screenText)
        XCTAssertTrue(t.screenText.contains("█"), "bar charts are drawn")
        try t.press("a")
        try t.type("care l;children l;fost")
        try t.press("Enter")
        try t.waitForScreen(containing: "Care Leavers, Children Looked After, Fostering Service")
        XCTAssertTrue(t.screenText.contains("  Total                             60") || t.screenText.contains(" 60 "), t.screenText)
        for (format, file) in [("markdown", "r.md"), ("csv", "r.csv"), ("json", "r.json"), ("html", "r.html")] {
            try t.press("x", "C-u")
            try t.type(format)
            try t.press("Tab", "C-u")
            try t.type(dir.file(file))
            try t.press("Tab", "C-u")
            try t.type("yes")
            try t.press("Enter")
            try t.waitForScreen(containing: "Report written to")
            let text = try String(contentsOfFile: dir.file(file), encoding: .utf8)
            XCTAssertFalse(text.contains("Jayden") || text.contains("李小龍") || text.contains("Zoë"), "the public \(format) names nobody")
        }
        try t.press("Escape", ":")
        try t.type("goto CS-2021-0001")
        try t.press("Enter")
        try t.waitForScreen(containing: "Heard · CS-2021-0001")
    }
}
