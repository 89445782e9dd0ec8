import Foundation
import HeardTestSupport
import XCTest

/// The day's work in the real binary: quick entry, the resolution workflow, learning into the
/// action plan, undo, and two terminals editing the same case.
final class WorkflowEndToEndTests: XCTestCase {
    var dir: TemporaryDirectory!
    var db: String!
    let today = "2022-03-15"

    override func setUpWithError() throws {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux is not installed")
        dir = TemporaryDirectory("heard-e2e-work")
        db = try storePath(in: dir, name: "demo.sqlite")
        XCTAssertEqual(try runHeard(["demo", "--no-open", "--db", db], environment: ["HEARD_TODAY": today]).status, 0)
    }

    func session(_ args: [String] = [], width: Int = 100, height: Int = 32) throws -> TmuxSession {
        try TmuxSession(arguments: ["--db", db] + args, environment: ["HEARD_TODAY": today, "XDG_CONFIG_HOME": dir.file("config"), "USER": "e2e"],
                        width: width, height: height, dir: dir)
    }

    func casesJSON(_ extra: [String] = []) throws -> [[String: Any]] {
        let r = try runHeard(["cases", "--format", "json", "--db", db] + extra, environment: ["HEARD_TODAY": today])
        XCTAssertEqual(r.status, 0, r.stderr)
        return (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]]) ?? []
    }

    func testLogResolvePartiallyUpheldWithLearningAndActionThenUndo() throws {
        let t = try session()
        try t.press("n", "Tab", "Tab")
        try t.type("Jordan Ellis")
        try t.press("Tab")
        try t.type("care l")
        try t.press("Tab")
        try t.type("comm;del")
        try t.press("Tab")
        try t.type("Not told about the pathway plan")
        try t.press("Enter")
        XCTAssertTrue(t.screenText.contains("Logged CS-2022-"), t.screenText)
        let logged = try XCTUnwrap(try casesJSON(["--search", "Jordan"]).first)
        let ref = try XCTUnwrap(logged["reference"] as? String)
        XCTAssertEqual(logged["status"] as? String, "open")
        XCTAssertEqual(logged["service_area"] as? String, "Care Leavers")

        // The new contact is selected: take it through local resolution.
        try t.press("w")
        XCTAssertTrue(t.screenText.contains("Workflow · \(ref)"), t.screenText)
        try t.press("a", "Enter")                              // acknowledge today
        try t.press("x", "Tab")
        try t.type("+15wd")
        try t.press("Tab")
        try t.type("Manager on leave")
        try t.press("Enter")
        XCTAssertTrue(t.screenText.contains("extended"), t.screenText)
        try t.press("f", "u", "n", "Escape")                   // findings: upheld, not upheld
        try t.press("r", "Enter")
        XCTAssertTrue(t.screenText.contains("Record the stage 1 response"), t.screenText)
        try t.press("y")
        try t.press("c", "Enter", "y")
        XCTAssertTrue(t.screenText.contains("closed"), t.screenText)
        try t.press("l")
        try t.type("eff")
        try t.press("Tab")
        try t.type("Say who covers leave")
        try t.press("Enter")
        try t.type("Brief the team on cover @\"Team Manager\" due:+10wd #learning")
        try t.press("Enter")
        try t.press("A")
        XCTAssertTrue(t.screenText.contains("Brief the team on cover"), t.screenText)

        let closed = try XCTUnwrap(try casesJSON(["--search", ref]).first)
        XCTAssertEqual(closed["status"] as? String, "closed")
        let export = try runHeard(["export", "--format", "json", "--db", db], environment: ["HEARD_TODAY": today])
        let contacts = (try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [[String: Any]]) ?? []
        let exported = try XCTUnwrap(contacts.first { ($0["reference"] as? String) == ref })
        XCTAssertEqual(exported["stage1_outcome"] as? String, "partially upheld", "partially upheld from the findings")
        let actions = try runHeard(["actions", "--outstanding", "--format", "json", "--db", db], environment: ["HEARD_TODAY": today])
        let list = (try JSONSerialization.jsonObject(with: Data(actions.stdout.utf8)) as? [[String: Any]]) ?? []
        let mine = try XCTUnwrap(list.first { ($0["title"] as? String) == "Brief the team on cover" })
        XCTAssertEqual(mine["owner"] as? String, "Team Manager")
        XCTAssertEqual(mine["tags"] as? [String], ["learning"])
        XCTAssertNotNil(mine["source"] as? String)
        let dated = list.filter { $0["due"] is String }
        let idx = list.firstIndex { ($0["title"] as? String) == "Brief the team on cover" } ?? -1
        XCTAssertLessThan(idx, list.count - list.filter { $0["due"] is NSNull }.count, "dated actions come before undated ones")
        XCTAssertFalse(dated.isEmpty)

        // u takes steps back: the action, the learning point, then the closure.
        try t.press("u")
        XCTAssertTrue(t.screenText.contains("Undid"), t.screenText)
        XCTAssertFalse(t.screenText.contains("Brief the team on cover"), t.screenText)
        try t.press("u", "u")
        let reopened = try XCTUnwrap(try casesJSON(["--search", ref]).first)
        XCTAssertNotEqual(reopened["status"] as? String, "closed", "the closure was undone")
    }

    func testSecondTerminalsEditIsReportedNotLost() throws {
        let ref = try XCTUnwrap(try casesJSON(["--search", "Zoë Hughes"]).first?["reference"] as? String)
        let a = try session()
        let b = try session()
        for t in [a, b] {
            try t.press("/")
            try t.type(ref)
            try t.press("Enter", "Enter")
            XCTAssertTrue(t.screenText.contains("Heard · \(ref)"), t.screenText)
            try t.press("e")
        }
        // b changes the officer and saves first.
        for _ in 0..<11 { try b.press("Tab") }
        XCTAssertTrue(b.screenText.contains("Officer"), b.screenText)
        try b.press("C-u")
        try b.type("Kate Richardson")
        try b.press("Enter")
        XCTAssertTrue(b.screenText.contains("Saved \(ref)"), b.screenText)
        // a, editing the version it opened, changes the summary: the conflict is shown.
        for _ in 0..<3 { try a.press("Tab") }
        try a.press("C-u")
        try a.type("Short breaks cut without an assessment")
        try a.press("Enter")
        try a.waitForScreen(containing: "Changed by someone else")
        XCTAssertTrue(a.screenText.contains("officer"), a.screenText)
        try a.press("r")
        try a.waitForScreen(containing: "Saved \(ref)")
        let export = try runHeard(["export", "--format", "json", "--db", db], environment: ["HEARD_TODAY": today])
        XCTAssertTrue(export.stdout.contains("Short breaks cut without an assessment"), "a's change is saved")
        let row = try XCTUnwrap(try casesJSON(["--search", ref]).first)
        XCTAssertEqual(row["officer"] as? String, "Kate Richardson", "b's change is kept")
    }

    func testReadOnlyOffersNoneOfTheWorkKeys() throws {
        let t = try session(["--read-only"])
        for key in ["n", "w", "u", "b"] {
            try t.press(key)
            XCTAssertTrue(t.screenText.contains("Heard · Cases"), "\(key) opened nothing:\n" + t.screenText)
        }
        try t.press("A")
        XCTAssertTrue(t.screenText.contains("Action plan"))
        try t.press("a")
        XCTAssertFalse(t.screenText.contains("New action"), t.screenText)
    }
}
