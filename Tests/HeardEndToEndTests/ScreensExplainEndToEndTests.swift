import Foundation
import HeardTestSupport
import XCTest

/// The real binary in tmux at 80x24: `?` and `q` on the hint bar of each main screen, the
/// glyph legend in help, and the cursor on the selected row (shown with `[ui] cursor`).
final class ScreensExplainEndToEndTests: XCTestCase {
    var dir: TemporaryDirectory!
    var db: String!
    let today = "2022-06-15"

    override func setUpWithError() throws {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux is not installed")
        dir = TemporaryDirectory("heard-e2e-screens")
        db = try storePath(in: dir, name: "demo.sqlite")
        let r = try runHeard(["demo", "--no-open", "--db", db], environment: ["HEARD_TODAY": today])
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    func session(config: String? = nil) throws -> TmuxSession {
        if let config {
            try FileManager.default.createDirectory(atPath: dir.file("config/heard"), withIntermediateDirectories: true)
            try config.write(toFile: dir.file("config/heard/config.toml"), atomically: true, encoding: .utf8)
        }
        return try TmuxSession(arguments: ["--db", db], environment: ["HEARD_TODAY": today, "XDG_CONFIG_HOME": dir.file("config")],
                               width: 80, height: 24, dir: dir)
    }

    func hintBar(_ t: TmuxSession) throws -> String { try t.screen().last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? "" }

    func testHelpAndQuitAreOnTheHintBarOfEveryMainScreenAt80Columns() throws {
        let t = try session()
        func check(_ screen: String, _ way: String) throws {
            let bar = try hintBar(t)
            XCTAssertTrue(bar.contains("? help"), "\(screen): \(bar)")
            XCTAssertTrue(bar.contains(way), "\(screen): \(bar)")
        }
        try check("case list", "q quit")
        try t.press("Enter")
        try t.waitForScreen(containing: "Received")
        try check("case detail", "q back")
        try t.press("q")
        try t.press("A")
        try t.waitForScreen(containing: "Action")
        try check("action plan", "q back")
        try t.press("q")
        try t.press("R")
        try t.waitForScreen(containing: "Heard · Report")
        try check("report", "q back")
        try t.press("q")
        // An open case's workflow (f shows the open ones: complaints and enquiries, which have one).
        try t.press("f")
        try t.press("w")
        try t.waitForScreen(containing: "Heard · Workflow")
        try check("workflow", "q back")
        try t.press("q")
        try t.press("?")
        XCTAssertTrue(t.screenText.contains("more: j, PgDn"), t.screenText)
        try t.press("PageDown")
        let help = t.screenText
        XCTAssertTrue(help.contains("Status glyphs"), help)
        XCTAssertTrue(help.contains("overdue: past its deadline"), help)
        try t.press("Escape")
        XCTAssertEqual(try t.quit(with: "q"), 0)
    }

    func testTheCursorIsOnTheSelectedRowAndShownWhenAsked() throws {
        let t = try session(config: "[ui]\ncursor = \"visible\"\ndate_format = \"uk\"\n")
        var c = try XCTUnwrap(try t.cursor())
        XCTAssertEqual(c.y, 2, "the first row of the list")
        XCTAssertTrue(c.visible)
        try t.press("j")
        try t.press("j")
        c = try XCTUnwrap(try t.cursor())
        XCTAssertEqual(c.y, 4)
        // The dates are in the format asked for, all of them.
        let screen = try t.screen()
        XCTAssertTrue(screen[0].contains("15/06/2022"), screen[0])
        XCTAssertNil(screen.joined(separator: "\n").range(of: #"\d{4}-\d{2}-\d{2}"#, options: .regularExpression), screen.joined(separator: "\n"))
        XCTAssertEqual(try t.quit(with: "q"), 0)
    }

    func testTheCursorIsHiddenByDefault() throws {
        let t = try session()
        let c = try XCTUnwrap(try t.cursor())
        XCTAssertFalse(c.visible)
        XCTAssertEqual(c.y, 2, "placed on the selected row all the same")
        XCTAssertEqual(try t.quit(with: "q"), 0)
    }
}
