import Foundation
import HeardTestSupport
import XCTest

/// The terminal is raw while the app runs: ctrl-s no longer freezes the screen while keys act
/// unseen, and ctrl-c is a key the app answers (asking before it throws typed text away).
final class TerminalModesEndToEndTests: XCTestCase {
    func testCtrlSReachesTheAppAndCtrlCAsksBeforeDiscardingThenQuits() throws {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux is not installed")
        let dir = TemporaryDirectory("heard-e2e-modes")
        let db = try storePath(in: dir, name: "modes.sqlite")
        let env = ["HEARD_TODAY": "2026-11-30", "XDG_CONFIG_HOME": dir.file("config"), "USER": "e2e"]
        XCTAssertEqual(try runHeard(["demo", "--no-open", "--db", db], environment: env).status, 0)
        let t = try TmuxSession(arguments: ["--db", db], environment: env, width: 80, height: 24, dir: dir)
        let modes = try t.terminalModes()
        XCTAssertTrue(modes.contains("-ixon"), "flow control is off:\n\(modes)")
        XCTAssertTrue(modes.contains("-isig"), "ctrl-c is a key, not a signal:\n\(modes)")
        try t.press("n", "Tab", "Tab")
        // With flow control on, ctrl-s stops the terminal's output: the app would never get
        // the key (press waits for it to be handled) and the name would never show.
        try t.press("C-s")
        try t.type("Robin Flow")
        XCTAssertTrue(t.screenText.contains("Robin Flow"), t.screenText)
        try t.press("C-c")
        XCTAssertTrue(t.screenText.contains("Throw away what you typed?"), t.screenText)
        try t.press("Escape")
        XCTAssertTrue(t.screenText.contains("Robin Flow"), "the text is kept:\n" + t.screenText)
        try t.press("C-c", "y")
        XCTAssertFalse(t.screenText.contains("Robin Flow"), t.screenText)
        XCTAssertEqual(try t.quit(with: "C-c"), 0, "ctrl-c on the case list quits as q does")
    }
}
