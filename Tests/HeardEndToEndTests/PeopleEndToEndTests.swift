import Foundation
import HeardTestSupport
import XCTest

/// The real binary in tmux: find a case by the child's social care ID, edit the complainant's
/// email on the detail screen (a bad one first), and see it saved.
final class PeopleEndToEndTests: XCTestCase {
    func testFindByChildIDThenEditTheEmailOnTheDetailScreen() throws {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux is not installed")
        let dir = TemporaryDirectory("heard-e2e-people")
        let db = try storePath(in: dir, name: "demo.sqlite")
        let env = ["HEARD_TODAY": "2022-06-15", "XDG_CONFIG_HOME": dir.file("config")]
        XCTAssertEqual(try runHeard(["demo", "--no-open", "--db", db], environment: env).status, 0)
        // A complaint of the demo and its child's social care ID, as `heard show` gives them.
        let list = try runHeard(["cases", "--format", "json", "--db", db], environment: env)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let ref = try XCTUnwrap(rows.first { $0["kind"] as? String == "complaint" }?["reference"] as? String)
        func show() throws -> [String: Any] {
            let r = try runHeard(["show", ref, "--format", "json", "--db", db], environment: env)
            XCTAssertEqual(r.status, 0, r.stderr)
            return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        }
        let childID = try XCTUnwrap((try show()["subject_child_details"] as? [String: Any])?["social_care_id"] as? String)
        XCTAssertFalse(childID.isEmpty)

        let t = try TmuxSession(arguments: ["--db", db], environment: env, width: 80, height: 24, dir: dir)
        try t.press("/")
        try t.type(childID)
        XCTAssertTrue(try t.screen()[0].contains("1 of"), t.screenText)
        try t.press("Enter", "Enter")
        XCTAssertTrue(t.screenText.contains("Heard · \(ref)"), t.screenText)
        try t.press("Tab")  // to the People section
        XCTAssertTrue(t.screenText.contains("Child social care ID  \(childID)"), t.screenText)
        try t.press("e")
        XCTAssertTrue(t.screenText.contains("Edit \(ref)"), t.screenText)
        try t.press("Tab", "Tab")  // address, phone, email
        try t.press("C-u")
        try t.type("kim.example.org")
        try t.press("Enter")
        XCTAssertTrue(t.screenText.contains("Email: is not an email address"), t.screenText)
        XCTAssertTrue(t.screenText.contains("kim.example.org"), "the typed text stays: \(t.screenText)")
        try t.press("C-u")
        try t.type("kim.new@example.org")
        try t.press("Enter")
        XCTAssertTrue(t.screenText.contains("Saved \(ref)"), t.screenText)
        XCTAssertTrue(t.screenText.contains("Email                 kim.new@example.org"), t.screenText)
        try t.press("q")  // back to the list
        XCTAssertEqual(try t.quit(with: "q"), 0)
        XCTAssertEqual((try show()["complainant"] as? [String: Any])?["email"] as? String, "kim.new@example.org")
    }
}
