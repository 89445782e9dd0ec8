import Foundation
import HeardTestSupport
import XCTest

/// keys.toml reaches the workflow in the real binary: a move letter rebound is shown beside its
/// move, listed by `?`, and does the move; the old letter does nothing.
final class KeysEndToEndTests: XCTestCase {
    func testAReboundMoveLetterIsShownListedAndWorks() throws {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux is not installed")
        let dir = TemporaryDirectory("heard-e2e-keys")
        let db = try storePath(in: dir, name: "keys.sqlite")
        let today = "2022-03-15"
        XCTAssertEqual(try runHeard(["demo", "--no-open", "--db", db], environment: ["HEARD_TODAY": today]).status, 0)
        try FileManager.default.createDirectory(atPath: dir.file("config/heard"), withIntermediateDirectories: true)
        XCTAssertTrue(FileManager.default.createFile(atPath: dir.file("config/heard/keys.toml"),
                                                    contents: Data("[workflow]\nacknowledge = \"K\"\n".utf8)))
        let t = try TmuxSession(arguments: ["--db", db], environment: ["HEARD_TODAY": today, "XDG_CONFIG_HOME": dir.file("config"), "USER": "e2e"],
                                width: 100, height: 32, dir: dir)
        try t.press("n", "Tab", "Tab")
        try t.type("Robin Keys")
        try t.press("Tab")
        try t.type("care l")
        try t.press("Enter")
        XCTAssertTrue(t.screenText.contains("Logged CS-2022-"), t.screenText)
        try t.press("w")
        XCTAssertTrue(t.screenText.contains("K  Acknowledge"), t.screenText)
        try t.press("?")
        XCTAssertTrue(t.screenText.contains("Acknowledge"), t.screenText)
        XCTAssertFalse(t.screenText.contains("Quick entry of a new contact"), "the workflow's help, not the case list's")
        try t.press("Escape", "a")
        XCTAssertTrue(t.screenText.contains("a: no action here"), t.screenText)
        try t.press("K", "Enter")
        XCTAssertTrue(t.screenText.contains("recorded on CS-2022-"), t.screenText)
    }
}
