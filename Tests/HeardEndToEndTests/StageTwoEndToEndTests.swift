import Foundation
import HeardTestSupport
import XCTest

/// A foster carer's complaint from the first call to stage 2 in the real binary at 80x24: quick
/// entry, acknowledgement, stage 1 findings and response, escalation, the stage 2 acknowledgement
/// and its people, two findings written out and a response with two remedies; then `heard show`.
final class StageTwoEndToEndTests: XCTestCase {
    var dir: TemporaryDirectory!
    var db: String!
    let today = "2022-03-15"

    override func setUpWithError() throws {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux is not installed")
        dir = TemporaryDirectory("heard-e2e-stage2")
        db = try storePath(in: dir, name: "demo.sqlite")
        XCTAssertEqual(try runHeard(["demo", "--no-open", "--db", db], environment: ["HEARD_TODAY": today]).status, 0)
    }

    func json(_ args: [String]) throws -> Any {
        let r = try runHeard(args + ["--db", db], environment: ["HEARD_TODAY": today])
        XCTAssertEqual(r.status, 0, r.stderr)
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
    }

    func testAFosterCarersComplaintFromTheFirstCallThroughStage2() throws {
        let t = try TmuxSession(arguments: ["--db", db], environment: ["HEARD_TODAY": today, "XDG_CONFIG_HOME": dir.file("config"), "USER": "e2e"],
                                width: 80, height: 24, dir: dir)
        // The first call: quick entry.
        try t.press("n", "Tab", "Tab")
        try t.type("Fran Carer")
        try t.press("Tab")
        try t.type("fost")
        try t.press("Tab")
        try t.type("comm;pla")
        try t.press("Tab")
        try t.type("Not told about the placement change")
        try t.press("Enter")
        XCTAssertTrue(t.screenText.contains("Logged CS-2022-"), t.screenText)
        let logged = try XCTUnwrap((try json(["cases", "--search", "Fran Carer", "--format", "json"]) as? [[String: Any]])?.first)
        let ref = try XCTUnwrap(logged["reference"] as? String)

        // Stage 1: acknowledge, find, answer; the carer asks for stage 2.
        try t.press("w")
        XCTAssertTrue(t.screenText.contains("Workflow · \(ref)"), t.screenText)
        try t.press("a", "Enter")
        try t.press("f", "u", "n", "Escape")
        try t.press("r", "Enter", "y")
        XCTAssertTrue(t.screenText.contains("Responded recorded on \(ref)"), t.screenText)
        try t.press("e", "Enter", "y")
        XCTAssertTrue(t.screenText.contains("stage 2"), t.screenText)

        // Stage 2: acknowledged (as stage 2), its people appointed.
        try t.press("a", "Enter")
        XCTAssertTrue(t.screenText.contains("Acknowledged recorded on \(ref)"), t.screenText)
        try t.press("i")
        XCTAssertTrue(t.screenText.contains("Stage 2 Investigating Officer and Independent Person"), t.screenText)
        try t.type("Sam Khan")
        try t.press("Tab")
        try t.type("Jo Reed")
        try t.press("Enter")
        // Names Heard does not know yet are asked about, each once: y takes it as new.
        for _ in 0..<2 where t.screenText.contains("New person?") { try t.press("y") }
        XCTAssertTrue(t.screenText.contains("Stage people recorded on \(ref)"), t.screenText)

        // Two findings written out beside their verdicts.
        try t.press("f")
        XCTAssertTrue(t.screenText.contains("Findings at stage 2"), t.screenText)
        try t.press("t")
        try t.type("up")
        try t.press("Tab")
        try t.type("Nobody told the carer about the move until the day before")
        try t.press("Enter")
        try t.press("j", "t")
        try t.type("part")
        try t.press("Tab")
        try t.type("The plan was followed but not explained")
        try t.press("Enter")
        let findings = t.screenText
        XCTAssertTrue(findings.contains("Nobody told the carer about the move"), findings)
        XCTAssertTrue(findings.contains("The plan was followed but not explained"), findings)
        XCTAssertTrue(findings.contains("Stage outcome from these findings: partially upheld"), findings)

        // The stage 2 response with two remedies: an apology and a payment.
        try t.press("Escape", "r", "Tab", "Tab")
        try t.type("no")
        try t.press("Tab")
        try t.type("apol")
        try t.press("Tab", "Tab")
        try t.type("Letter from the service manager")
        try t.press("Tab")
        try t.type("pay")
        try t.press("Tab")
        try t.type("150")
        try t.press("Tab")
        try t.type("for the disruption")
        try t.press("Enter")
        XCTAssertTrue(t.screenText.contains("Record the stage 2 response on \(ref)?"), t.screenText)
        try t.press("y")
        XCTAssertTrue(t.screenText.contains("Responded and 2 remedies recorded on \(ref)"), t.screenText)
        // The detail screen shows when the window for stage 3 ends.
        try t.press("Escape", "Enter")
        try t.waitForScreen(containing: "Heard · \(ref)")
        for _ in 0..<24 { try t.press("j") }
        XCTAssertTrue(t.screenText.contains("Escalation window ends"), t.screenText)
        try t.press("Escape")
        XCTAssertEqual(try t.quit(with: "q"), 0)

        let show = try XCTUnwrap(try json(["show", ref, "--format", "json"]) as? [String: Any])
        XCTAssertEqual(show["status"] as? String, "responded")
        XCTAssertEqual(show["stage"] as? Int, 2)
        let stages = try XCTUnwrap(show["stages"] as? [[String: Any]])
        XCTAssertEqual(stages.map { $0["acknowledged"] as? String }, [today, today], "both stages acknowledged")
        XCTAssertEqual(stages.last?["investigating_officer"] as? String, "Sam Khan")
        XCTAssertEqual(stages.last?["independent_person"] as? String, "Jo Reed")
        XCTAssertEqual(stages.last?["outcome"] as? String, "partially_upheld")
        XCTAssertNotNil(stages.last?["window_ends"] as? String)
        let issues = try XCTUnwrap(show["issues"] as? [[String: Any]])
        XCTAssertEqual(issues.map { $0["verdict"] as? String }, ["upheld", "partially_upheld"])
        XCTAssertEqual(issues.map { $0["finding"] as? String }, ["Nobody told the carer about the move until the day before",
                                                                 "The plan was followed but not explained"])
        let remedies = try XCTUnwrap(show["remedies"] as? [[String: Any]])
        XCTAssertEqual(remedies.map { $0["kind"] as? String }, ["apology", "payment"])
        XCTAssertEqual(remedies.map { $0["stage"] as? Int }, [2, 2])
        XCTAssertEqual(remedies.last?["amount_pence"] as? Int, 15_000)
        XCTAssertEqual(remedies.first?["text"] as? String, "Letter from the service manager")
        let kinds = (show["timeline"] as? [[String: Any]] ?? []).map { $0["kind"] as? String ?? "" }
        XCTAssertEqual(kinds, ["received", "acknowledged", "responded", "next_stage_requested", "acknowledged", "responded", "remedy", "remedy"])
        let text = try runHeard(["show", ref, "--db", db], environment: ["HEARD_TODAY": today]).stdout
        XCTAssertTrue(text.contains("Investigator      Sam Khan"), text)
        XCTAssertTrue(text.contains("Stage 2 found: The plan was followed but not explained"), text)
    }
}
