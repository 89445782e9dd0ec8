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

    /// TERM=dumb cannot place the cursor: the screens drew a hint bar and fragments and the list
    /// could not be used (an attack). Heard says so, with what to do, and ends with status 1.
    func testATerminalThatCannotPlaceTheCursorIsRefusedWithWhatToDo() throws {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux is not installed")
        let dir = TemporaryDirectory("heard-e2e-dumb")
        let db = try storePath(in: dir, name: "dumb.sqlite")
        let env = ["HEARD_TODAY": "2026-11-30", "XDG_CONFIG_HOME": dir.file("config"), "USER": "e2e"]
        XCTAssertEqual(try runHeard(["demo", "--no-open", "--db", db], environment: env).status, 0)
        let server = "heard-e2e-dumb-\(getpid())"
        let status = dir.file("status"), said = dir.file("said")
        func tmux(_ args: [String]) throws {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/tmux")
            p.arguments = ["-L", server, "-f", "/dev/null"] + args
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
        }
        defer { try? tmux(["kill-server"]) }
        let q = { (s: String) in "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let command = "env -u LINES -u COLUMNS TERM=dumb LANG=C.UTF-8 XDG_CONFIG_HOME=\(q(dir.file("config"))) HEARD_TODAY=2026-11-30 "
            + "\(q(heardBinary())) --db \(q(db)) 2> \(q(said)); echo $? > \(q(status))"
        try tmux(["new-session", "-d", "-s", "main", "-x", "80", "-y", "24", command])
        var code: String?
        for _ in 0..<200 {
            if let d = FileManager.default.contents(atPath: status), !d.isEmpty { code = String(decoding: d, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines); break }
            usleep(50_000)
        }
        XCTAssertEqual(code, "1")
        let text = (try? String(contentsOfFile: said, encoding: .utf8)) ?? ""
        XCTAssertTrue(text.contains("TERM=dumb cannot place the cursor"), text)
        XCTAssertTrue(text.contains("xterm-256color"), text)
    }
}
