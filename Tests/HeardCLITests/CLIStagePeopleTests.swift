import Foundation
import HeardTestSupport
import XCTest

/// `heard move REF appoint`: stage 2's Investigating Officer and Independent Person, stage 3's
/// panel and its date, shown by `heard show` (text and JSON); remedies carry their stage.
final class CLIStagePeopleTests: XCTestCase {
    var dir: TemporaryDirectory!
    var db = ""

    override func setUpWithError() throws {
        try requireBinary()
        dir = TemporaryDirectory("heard-cli-people")
        db = try makeDemo(in: dir)
    }

    func run(_ args: [String]) throws -> RunResult { try heard(args + ["--db", db], in: dir) }

    func show(_ ref: String) throws -> [String: Any] {
        let r = try run(["show", ref, "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        return try jsonObject(r.stdout)
    }

    func stage(_ obj: [String: Any], _ n: Int) -> [String: Any] { (obj["stages"] as? [[String: Any]])?.first { $0["number"] as? Int == n } ?? [:] }

    func testAppointingStage2sPeopleAndStage3sPanel() throws {
        let csv = dir.file("one.csv")
        try write("""
            kind,received,channel,service_area,team,procedure,complainant_name,complainant_role,child_or_young_person,categories,summary,officer
            complaint,2022-05-03,email,Care Leavers,Team A,statutory,Pat Panel,parent,no,communication and information,Panel journey,Officer One

            """, to: csv)
        XCTAssertEqual(try run(["import", csv]).status, 0)
        let found = try run(["cases", "--search", "Panel journey", "--format", "json"])
        let ref = try XCTUnwrap(try jsonArray(found.stdout).first?["reference"] as? String)
        for args in [["acknowledge", "--date", "2022-05-04"], ["respond", "--date", "2022-05-25", "--outcome", "not-upheld", "--remedy", "apology"]] {
            let r = try run(["move", ref] + args)
            XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
        }
        // Before stage 2 there is no one to appoint: refused, nothing changed.
        let early = try run(["move", ref, "appoint", "--investigator", "Sam Khan"])
        XCTAssertEqual(early.status, 1)
        XCTAssertTrue(early.stderr.contains("appoint is not possible"), early.stderr)
        XCTAssertEqual(stage(try show(ref), 1)["number"] as? Int, 1)
        XCTAssertEqual((try show(ref)["remedies"] as? [[String: Any]])?.first?["stage"] as? Int, 1, "a remedy is never stage null")

        XCTAssertEqual(try run(["move", ref, "escalate", "--date", "2022-05-26"]).status, 0)
        let appointed = try run(["move", ref, "appoint", "--investigator", "Sam Khan", "--independent-person", "Jo Reed"])
        XCTAssertEqual(appointed.status, 0, appointed.stderr)
        XCTAssertEqual(appointed.stdout, "\(ref): Investigating Officer: Sam Khan, Independent Person: Jo Reed\n")
        var obj = try show(ref)
        XCTAssertEqual(stage(obj, 2)["investigating_officer"] as? String, "Sam Khan")
        XCTAssertEqual(stage(obj, 2)["independent_person"] as? String, "Jo Reed")
        let text = try run(["show", ref]).stdout
        XCTAssertTrue(text.contains("Investigator") && text.contains("Sam Khan"), text)
        XCTAssertTrue(text.contains("Indep. person") && text.contains("Jo Reed"), text)

        // A panel belongs to stage 3: refused at stage 2, and a bad option is bad usage.
        XCTAssertEqual(try run(["move", ref, "appoint", "--panel", "Ann Lee"]).status, 1)
        XCTAssertEqual(try run(["move", ref, "respond", "--panel", "Ann Lee"]).status, 2)

        for args in [["acknowledge", "--date", "2022-05-27"], ["respond", "--date", "2022-06-08", "--outcome", "partially-upheld"],
                     ["escalate", "--date", "2022-06-10"]] {
            let r = try run(["move", ref] + args)
            XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
        }
        let four = try run(["move", ref, "appoint", "--panel", "A", "--panel", "B", "--panel", "C", "--panel", "D"])
        XCTAssertEqual(four.status, 1)
        XCTAssertTrue(four.stderr.contains("A review panel is at most 3 people"), four.stderr)
        let panel = try run(["move", ref, "appoint", "--panel", "Ann Lee", "--panel", "Bo Park", "--panel", "Cy Dunn", "--panel-date", "2022-06-30"])
        XCTAssertEqual(panel.status, 0, panel.stderr)
        obj = try show(ref)
        XCTAssertEqual(stage(obj, 3)["panel"] as? [String], ["Ann Lee", "Bo Park", "Cy Dunn"])
        XCTAssertEqual(stage(obj, 3)["panel_date"] as? String, "2022-06-30")
        XCTAssertEqual(stage(obj, 2)["investigating_officer"] as? String, "Sam Khan", "stage 2's people stay")
        XCTAssertEqual((obj["stage_people"] as? [String: Any])?["panel_member_2"] as? String, "Bo Park")
        // One audit row for the appointment, undoable like any step.
        let history = obj["history"] as? [[String: Any]] ?? []
        XCTAssertEqual(history.last?["entity"] as? String, "stage_people")
    }
}
