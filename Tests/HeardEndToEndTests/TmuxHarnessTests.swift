import Foundation
import HeardTestSupport
import XCTest

/// The harness the end-to-end tests stand on: a program that has died is reported as such at
/// once, instead of a wait that passes on a dead pane or times out saying nothing.
final class TmuxHarnessTests: XCTestCase {
    func testAProgramThatExitsAtStartIsReportedWithItsStatusAndScreen() throws {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux is not installed")
        let dir = TemporaryDirectory("heard-harness")
        let notADatabase = dir.file("notes.sqlite")
        try Data("these are not SQLite pages\n".utf8).write(to: URL(fileURLWithPath: notADatabase))
        XCTAssertThrowsError(try TmuxSession(arguments: ["--db", notADatabase], environment: ["XDG_CONFIG_HOME": dir.file("config")], dir: dir)) { error in
            guard case TmuxError.exited(let status, let screen) = error else { return XCTFail("expected .exited, got \(error)") }
            XCTAssertEqual(status, 1)
            XCTAssertTrue(screen.contains("untouched"), "the message the program left is reported:\n\(screen)")
        }
    }

    func testAKeyThatKillsTheProgramFailsThePressNotTheTimeout() throws {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux is not installed")
        let dir = TemporaryDirectory("heard-harness")
        let db = try storePath(in: dir, name: "demo.sqlite")
        let r = try runHeard(["demo", "--no-open", "--db", db], environment: ["HEARD_TODAY": "2022-06-15"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let t = try TmuxSession(arguments: ["--db", db], environment: ["HEARD_TODAY": "2022-06-15", "XDG_CONFIG_HOME": dir.file("config")], dir: dir)
        // q on the case list quits: a press() that expected the program to go on must say so.
        XCTAssertThrowsError(try t.press("q")) { error in
            guard case TmuxError.exited(let status, _) = error else { return XCTFail("expected .exited, got \(error)") }
            XCTAssertEqual(status, 0)
        }
    }
}
