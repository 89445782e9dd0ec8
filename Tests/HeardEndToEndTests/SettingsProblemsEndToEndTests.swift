import Foundation
import HeardTestSupport
import XCTest

/// Problems in the settings open the application as a dialog listing each one on its own lines
/// (they were joined on the status line, cut off at the screen's edge); any key closes it.
final class SettingsProblemsEndToEndTests: XCTestCase {
    func testEachProblemIsReadableAt80ColumnsAndAKeyCloses() throws {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux is not installed")
        let dir = TemporaryDirectory("heard-e2e-settings")
        let db = try storePath(in: dir, name: "s.sqlite")
        let env = ["HEARD_TODAY": "2022-06-15", "XDG_CONFIG_HOME": dir.file("config"), "USER": "e2e"]
        XCTAssertEqual(try runHeard(["demo", "--no-open", "--db", db], environment: env).status, 0)
        try FileManager.default.createDirectory(atPath: dir.file("config/heard"), withIntermediateDirectories: true)
        try "colour = \"blue\"\n[retention]\nyears = 500\n".write(toFile: dir.file("config/heard/config.toml"), atomically: true, encoding: .utf8)
        try "[caseList]\nquickEntry = \"ctrl-banana\"\n".write(toFile: dir.file("config/heard/keys.toml"), atomically: true, encoding: .utf8)
        let t = try TmuxSession(arguments: ["--db", db], environment: env, width: 80, height: 24, dir: dir)
        let text = t.screenText
        XCTAssertTrue(text.contains("3 problems in your settings"), text)
        XCTAssertTrue(text.contains("colour"), text)
        XCTAssertTrue(text.contains("retention.years"), text)
        XCTAssertTrue(text.contains("ctrl-banana"), text)
        try t.press("Escape")
        XCTAssertFalse(t.screenText.contains("problems in your settings"), t.screenText)
        // The misspelt key kept n: quick entry still opens.
        try t.press("n")
        XCTAssertTrue(t.screenText.contains("Kind"), t.screenText)
    }
}
