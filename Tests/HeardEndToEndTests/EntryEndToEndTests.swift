import Foundation
import HeardTestSupport
import XCTest

/// Entry that never loses a keystroke, in the real binary inside tmux (whose Home and End are
/// `ESC[1~` and `ESC[4~` while TERM says xterm-256color): a refused form keeps what was typed,
/// a half-typed officer asks before anything changes, and Home/End edit a text field.
final class EntryEndToEndTests: XCTestCase {
    var dir: TemporaryDirectory!
    var db: String!
    let today = "2022-03-15"

    override func setUpWithError() throws {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux is not installed")
        dir = TemporaryDirectory("heard-e2e-entry")
        db = try storePath(in: dir, name: "demo.sqlite")
        XCTAssertEqual(try runHeard(["demo", "--no-open", "--db", db], environment: ["HEARD_TODAY": today]).status, 0)
    }

    func session(width: Int = 80, height: Int = 24) throws -> TmuxSession {
        try TmuxSession(arguments: ["--db", db], environment: ["HEARD_TODAY": today, "XDG_CONFIG_HOME": dir.file("config"), "USER": "e2e"],
                        width: width, height: height, dir: dir)
    }

    func casesJSON(_ extra: [String]) throws -> [[String: Any]] {
        let r = try runHeard(["cases", "--format", "json", "--db", db] + extra, environment: ["HEARD_TODAY": today])
        XCTAssertEqual(r.status, 0, r.stderr)
        return (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]]) ?? []
    }

    func testAnExtensionPastTheMaximumKeepsTheFormAndTheReasonTyped() throws {
        let t = try session()
        try t.press("n", "Tab", "Tab")
        try t.type("Robin Carer")
        try t.press("Tab")
        try t.type("fost")
        try t.press("Enter")
        XCTAssertTrue(t.screenText.contains("Logged CS-2022-"), t.screenText)
        try t.press("w", "x", "Tab")
        try t.type("2022-12-30")
        try t.press("Tab")
        try t.type("Waiting for the carer's records")
        try t.press("Enter")
        let refused = t.screenText
        XCTAssertTrue(refused.contains("Extend"), "the form is still open:\n" + refused)
        XCTAssertTrue(refused.contains("Waiting for the carer's records"), refused)
        XCTAssertTrue(refused.contains("2022-12-30"), refused)
        XCTAssertTrue(refused.contains("maximum"), refused)
        // Correct the date only: the reason typed is still there and is recorded.
        try t.press("C-u")
        try t.type("+15wd")
        try t.press("Enter")
        XCTAssertTrue(t.screenText.contains("recorded on CS-2022-"), t.screenText)
        let shown = try runHeard(["show", "--db", db, "--format", "json", try XCTUnwrap(try casesJSON(["--search", "Robin Carer"]).first?["reference"] as? String)],
                                 environment: ["HEARD_TODAY": today])
        XCTAssertTrue(shown.stdout.contains("Waiting for the carer's records"), shown.stdout)
    }

    func testBulkAssignWithAHalfTypedOfficerAsksAndChangesNothingUntilAnswered() throws {
        let before = try casesJSON(["--officer", "Ya"]).count
        let t = try session()
        try t.press("Space", "Space", "Space", "b", "a")
        try t.type("Ya")
        try t.press("Enter")
        let asked = t.screenText
        XCTAssertTrue(asked.contains("New officer?"), asked)
        XCTAssertTrue(asked.contains("'Ya' is not an officer Heard knows"), asked)
        XCTAssertTrue(asked.contains("Yasmin Mughal"), "the suggestion is offered:\n" + asked)
        XCTAssertEqual(try casesJSON(["--officer", "Ya"]).count, before, "nothing assigned while it asks")
        XCTAssertEqual(before, 0)
        // Any other key goes back to the field with the text kept; Enter asks again, and Enter
        // in the question takes the suggestion.
        try t.press("Escape")
        XCTAssertFalse(t.screenText.contains("New officer?"), t.screenText)
        try t.press("Enter", "Enter")
        XCTAssertTrue(t.screenText.contains("3 cases assigned to Yasmin Mughal"), t.screenText)
        XCTAssertEqual(try casesJSON(["--officer", "Ya"]).count, 0, "no officer called Ya")
    }

    func testHomeAndEndFromTmuxEditATextField() throws {
        let t = try session()
        try t.press("n", "Tab", "Tab")
        try t.type("Yasmin")
        try t.press("Home")
        try t.type("Dr ")
        try t.press("End")
        try t.type(" Begum")
        try t.press("C-a", "DC", "C-e", "BSpace")
        try t.type("m!")
        let row = try XCTUnwrap(try t.screen().first { $0.contains("Complainant") })
        XCTAssertTrue(row.contains("r Yasmin Begum!"), row)
        XCTAssertFalse(row.contains("1~") || row.contains("4~"), row)
        // Word moves: ctrl-left twice lands on "Yasmin"; alt-d deletes it.
        try t.press("C-Left", "C-Left", "M-d")
        let edited = try XCTUnwrap(try t.screen().first { $0.contains("Complainant") })
        XCTAssertTrue(edited.contains("r  Begum!"), edited)
    }
}
