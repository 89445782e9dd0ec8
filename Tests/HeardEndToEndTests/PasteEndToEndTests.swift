import Foundation
import HeardTestSupport
import XCTest

/// Bracketed paste, through tmux's `paste-buffer -p` (bracketed only when the app turned the
/// mode on): a paste is text, never keys. Before, a paste of "Kat\nq" in the filter panel quit
/// the app, and one of "Kate Richardson\nAdoption\n" applied a filter, after which a pasted A
/// and d dropped an action (found by an attack). The mode is off again for the next program.
final class PasteEndToEndTests: XCTestCase {
    func start(_ name: String) throws -> (TmuxSession, TemporaryDirectory) {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux is not installed")
        let dir = TemporaryDirectory("heard-e2e-\(name)")
        let db = try storePath(in: dir, name: "paste.sqlite")
        let env = ["HEARD_TODAY": "2026-11-30", "XDG_CONFIG_HOME": dir.file("config"), "USER": "e2e"]
        XCTAssertEqual(try runHeard(["demo", "--no-open", "--db", db], environment: env).status, 0)
        // After the app, cat -v shows what a paste sends the next program: ^[[200~ if the mode
        // was left on.
        let t = try TmuxSession(arguments: ["--db", db], environment: env, width: 80, height: 24, dir: dir, afterwards: "cat -v")
        return (t, dir)
    }

    /// What the shell's next program reads of a paste once the app has ended.
    func pasteAfterwards(_ t: TmuxSession) throws -> String {
        try t.pasteOnly("after-paste")
        try t.waitForScreen(containing: "after-paste")
        return t.screenText
    }

    func testAPasteIsTextNeverKeysAndTheModeIsOffAfterQuit() throws {
        let (t, dir) = try start("paste")
        defer { withExtendedLifetime(dir) {} }
        try t.press("F", "Down", "Down", "Down")
        try t.paste("Kat\nq")
        XCTAssertTrue(t.screenText.contains("No officer matches “Kat q”"), t.screenText)
        try t.paste("Kate Richardson\nA\nd\n")
        XCTAssertTrue(t.screenText.contains("Filters"), "the panel is still open:\n" + t.screenText)
        try t.press("Escape", "Escape")
        try t.paste("q\nq\n")
        XCTAssertTrue(t.screenText.contains("Paste ignored: no text field here."), t.screenText)
        try t.press("/")
        try t.paste("Adoption\nq")
        XCTAssertTrue(t.screenText.contains("/Adoption q"), t.screenText)
        try t.press("Escape")
        XCTAssertEqual(try t.quit(), 0)
        let after = try pasteAfterwards(t)
        XCTAssertFalse(after.contains("[200~"), "bracketed paste left on after quit:\n" + after)
    }

    func testTheModeIsOffAfterSIGTERM() throws {
        let (t, dir) = try start("paste-term")
        defer { withExtendedLifetime(dir) {} }
        try t.paste("x")
        guard let pid = try t.programPID() else { return XCTFail("no program") }
        kill(pid, SIGTERM)
        XCTAssertEqual(try t.waitForExit(), 128 + Int(SIGTERM))
        let after = try pasteAfterwards(t)
        XCTAssertFalse(after.contains("[200~"), "bracketed paste left on after SIGTERM:\n" + after)
    }
}
