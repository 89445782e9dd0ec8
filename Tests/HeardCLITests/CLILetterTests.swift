import Foundation
import HeardTestSupport
import XCTest

/// `heard letter` and `heard letters`: a letter made from a case, written privately, and
/// recorded as sent with the acknowledgement it makes, in one step.
final class CLILetterTests: XCTestCase {
    /// A database holding one statutory complaint received 2022-06-13, not yet acknowledged,
    /// with one issue (from its category).
    func oneComplaint(in dir: TemporaryDirectory) throws -> String {
        let csv = dir.file("one.csv")
        try write("""
            reference,kind,received,service_area,procedure,complainant_name,categories,summary,officer
            CS-2022-0900,complaint,2022-06-13,Care Leavers,statutory,Mrs Alice Patel,communication and information,Calls not returned,Kate Richardson

            """, to: csv)
        let db = dir.file("letters.sqlite")
        let r = try heard(["import", csv, "--db", db], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        return db
    }

    override func setUpWithError() throws { try requireBinary() }

    func testALetterPrintsAsMarkdownAndChangesNothing() throws {
        let dir = TemporaryDirectory()
        let db = try oneComplaint(in: dir)
        let r = try heard(["letter", "CS-2022-0900", "acknowledgement", "--db", db], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Dear Mrs Alice Patel"), r.stdout)
        XCTAssertTrue(r.stdout.contains("15 June 2022"), "dated today")
        XCTAssertTrue(r.stdout.contains("Local Government and Social Care Ombudsman") == false, "an acknowledgement needs no Ombudsman")
        let show = try jsonObject(try heard(["show", "CS-2022-0900", "--format", "json", "--db", db], in: dir).stdout)
        XCTAssertEqual((show["letters"] as? [Any])?.count, 0, "printing a letter records nothing")
    }

    func testSentRecordsTheLetterAndTheAcknowledgementInOneStep() throws {
        let dir = TemporaryDirectory()
        let db = try oneComplaint(in: dir)
        let out = dir.file("ack.docx")
        let r = try heard(["letter", "CS-2022-0900", "acknowledgement", "--sent", "--output", out, "--db", db], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("CS-2022-0900: 2022-06-15 Letter sent: Acknowledgement (stage 1); Acknowledged"), r.stderr)
        XCTAssertEqual(permissions(of: out), 0o600)
        XCTAssertEqual(bytes(of: out).prefix(2), Data("PK".utf8), "a zip file")

        let show = try jsonObject(try heard(["show", "CS-2022-0900", "--format", "json", "--db", db], in: dir).stdout)
        let letters = try XCTUnwrap(show["letters"] as? [[String: Any]])
        XCTAssertEqual(letters.count, 1)
        XCTAssertEqual(letters.first?["template"] as? String, "acknowledgement")
        XCTAssertEqual(letters.first?["stage"] as? Int, 1)
        XCTAssertEqual(letters.first?["sent"] as? String, "2022-06-15")
        XCTAssertEqual(letters.first?["format"] as? String, "docx")
        XCTAssertTrue((letters.first?["body"] as? String)?.contains("Dear Mrs Alice Patel") ?? false)
        let stage = try XCTUnwrap((show["stages"] as? [[String: Any]])?.first)
        XCTAssertEqual(stage["acknowledged"] as? String, "2022-06-15", "the acknowledgement is filled in")

        // A second acknowledgement letter is recorded alone: the stage is acknowledged already.
        let again = try heard(["letter", "CS-2022-0900", "acknowledgement", "--sent", "--date", "2022-06-15", "--db", db], in: dir)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertFalse(again.stderr.contains("Acknowledged"), again.stderr)
    }

    func testARefusedStepRecordsNothingAndWritesNoFile() throws {
        let dir = TemporaryDirectory()
        let db = try oneComplaint(in: dir)
        let out = dir.file("r.md")
        let r = try heard(["letter", "CS-2022-0900", "stage1-response", "--sent", "--respond", "--output", out, "--db", db], in: dir)
        XCTAssertEqual(r.status, 1, r.stdout)
        XCTAssertTrue(r.stderr.contains("issue 1 (communication and information) has no stage 1 finding"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        let show = try jsonObject(try heard(["show", "CS-2022-0900", "--format", "json", "--db", db], in: dir).stdout)
        XCTAssertEqual((show["letters"] as? [Any])?.count, 0)
    }

    func testSentWithRespondRecordsTheResponseOnceEveryIssueHasItsFinding() throws {
        let dir = TemporaryDirectory()
        let db = try oneComplaint(in: dir)
        XCTAssertEqual(try heard(["move", "CS-2022-0900", "acknowledge", "--date", "2022-06-14", "--db", db], in: dir).status, 0)
        let f = try heard(["move", "CS-2022-0900", "finding", "--issue", "1", "--verdict", "upheld", "--text", "Calls went unanswered.", "--db", db], in: dir)
        XCTAssertEqual(f.status, 0, f.stderr)
        let r = try heard(["letter", "CS-2022-0900", "stage1-response", "--sent", "--respond", "--format", "html", "--db", db], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(r.stdout.contains("Calls went unanswered."), r.stdout)
        let show = try jsonObject(try heard(["show", "CS-2022-0900", "--format", "json", "--db", db], in: dir).stdout)
        let stage = try XCTUnwrap((show["stages"] as? [[String: Any]])?.first)
        XCTAssertEqual(stage["response"] as? String, "2022-06-15")
        XCTAssertEqual((show["letters"] as? [[String: Any]])?.first?["template"] as? String, "stage1-response")
    }

    func testUnknownLetterDocxToATerminalAndTheList() throws {
        let dir = TemporaryDirectory()
        let db = try oneComplaint(in: dir)
        let r = try heard(["letter", "CS-2022-0900", "nope", "--db", db], in: dir)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("no letter called nope; the letters are acknowledgement, extension, stage1-response"), r.stderr)

        let folder = dir.file("config/heard/letters")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try write("Dear {{complainant_name}}, see you at {{panel_date}}.\n", to: folder + "/visit-invite.mustache")
        try write("{{#issues}}unclosed\n", to: folder + "/extension.mustache")
        let list = try heard(["letters"], in: dir)
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertTrue(list.stdout.contains("acknowledgement         Acknowledgement"), list.stdout)
        XCTAssertTrue(list.stdout.contains("shipped"), list.stdout)
        XCTAssertTrue(list.stdout.contains("visit-invite") && list.stdout.contains(folder + "/visit-invite.mustache"), list.stdout)
        XCTAssertTrue(list.stderr.contains(folder + "/extension.mustache: line"), list.stderr)
        let own = try heard(["letter", "CS-2022-0900", "visit-invite", "--field", "panel_date=*Friday*", "--db", db], in: dir)
        XCTAssertEqual(own.stdout, "Dear Mrs Alice Patel, see you at \\*Friday\\*.\n", own.stderr)
    }
}
