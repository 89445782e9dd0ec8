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

        // Run twice by mistake: refused, nothing recorded; --again records it (alone: the stage
        // is acknowledged already).
        let twice = try heard(["letter", "CS-2022-0900", "acknowledgement", "--sent", "--date", "2022-06-15", "--db", db], in: dir)
        XCTAssertEqual(twice.status, 1, twice.stderr)
        XCTAssertTrue(twice.stderr.contains("Acknowledgement (stage 1) was recorded as sent on 2022-06-15 already; --again records it again"), twice.stderr)
        let again = try heard(["letter", "CS-2022-0900", "acknowledgement", "--sent", "--again", "--date", "2022-06-15", "--db", db], in: dir)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertFalse(again.stderr.contains("Acknowledged"), again.stderr)
        let after = try jsonObject(try heard(["show", "CS-2022-0900", "--format", "json", "--db", db], in: dir).stdout)
        XCTAssertEqual((after["letters"] as? [Any])?.count, 2, "the refused run recorded nothing; --again one more")
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

    /// A database with the complaint, an enquiry and a member enquiry received long before
    /// today (2022-06-15), and a compliment.
    func severalKinds(in dir: TemporaryDirectory) throws -> String {
        let csv = dir.file("kinds.csv")
        try write("""
            reference,kind,received,service_area,procedure,complainant_name,categories,summary,officer
            CS-2022-0900,complaint,2022-06-13,Care Leavers,statutory,Mrs Alice Patel,communication and information,Calls not returned,Kate Richardson
            EN-2022-0901,enquiry,2022-05-03,Care Leavers,,Mr Bo Lee,,How to arrange contact visits,Kate Richardson
            ME-2022-0902,member_enquiry,2022-06-13,Care Leavers,,Cllr Ann Ward,,Placement numbers,Kate Richardson
            CP-2022-0903,compliment,2022-06-13,Care Leavers,,Mrs Cara Bell,,Thanks to the team,Kate Richardson

            """, to: csv)
        let db = dir.file("kinds.sqlite")
        let r = try heard(["import", csv, "--db", db], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        return db
    }

    func letterCount(_ ref: String, _ db: String, _ dir: TemporaryDirectory) throws -> Int? {
        let show = try jsonObject(try heard(["show", ref, "--format", "json", "--db", db], in: dir).stdout)
        return (show["letters"] as? [Any])?.count
    }

    func testAFileThatCannotBeWrittenRecordsNothing() throws {
        let dir = TemporaryDirectory()
        let db = try oneComplaint(in: dir)
        let r = try heard(["letter", "CS-2022-0900", "acknowledgement", "--sent", "--output", dir.file("nonexistent/dir/x.docx"), "--db", db], in: dir)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("cannot write"), r.stderr)
        XCTAssertEqual(try letterCount("CS-2022-0900", db, dir), 0, "no letter recorded")
        let show = try jsonObject(try heard(["show", "CS-2022-0900", "--format", "json", "--db", db], in: dir).stdout)
        XCTAssertNil((show["stages"] as? [[String: Any]])?.first?["acknowledged"] as? String, "nor the acknowledgement")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(left, [], "no temporary file left behind")
    }

    func testOutputRefusesAnExistingFileAndAnEndingItDoesNotWrite() throws {
        let dir = TemporaryDirectory()
        let db = try oneComplaint(in: dir)
        let out = dir.file("ack.md")
        try write("mine\n", to: out)
        let r = try heard(["letter", "CS-2022-0900", "acknowledgement", "--output", out, "--db", db], in: dir)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("ack.md: already exists; not written (--force to replace it)"), r.stderr)
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), "mine\n")
        let forced = try heard(["letter", "CS-2022-0900", "acknowledgement", "--output", out, "--force", "--db", db], in: dir)
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertTrue(try String(contentsOfFile: out, encoding: .utf8).contains("Dear Mrs Alice Patel"))

        let pdf = try heard(["letter", "CS-2022-0900", "acknowledgement", "--output", dir.file("x.pdf"), "--db", db], in: dir)
        XCTAssertNotEqual(pdf.status, 0)
        XCTAssertTrue(pdf.stderr.contains("does not end in .md, .html or .docx"), pdf.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.file("x.pdf")))
        let asked = try heard(["letter", "CS-2022-0900", "acknowledgement", "--output", dir.file("x.txt"), "--format", "md", "--db", db], in: dir)
        XCTAssertEqual(asked.status, 0, asked.stderr)
    }

    func testLettersThatDoNotFitTheCaseAreRefused() throws {
        let dir = TemporaryDirectory()
        let db = try severalKinds(in: dir)
        let cases: [(String, String, String)] = [
            ("EN-2022-0901", "stage3-outcome", "stage3-outcome is a letter for a complaint, and EN-2022-0901 is an enquiry"),
            ("CS-2022-0900", "stage3-outcome", "stage3-outcome is a stage 3 letter, and CS-2022-0900 has not reached stage 3"),
            ("CS-2022-0900", "extension", "extension: stage 1 of CS-2022-0900 has no extension"),
            ("CS-2022-0900", "not-accepted", "not-accepted: CS-2022-0900 is not recorded as not accepted"),
            ("CS-2022-0900", "compliment-thanks", "compliment-thanks is a letter for a compliment, and CS-2022-0900 is a complaint"),
            ("CS-2022-0900", "stage1-response", "issue 1 (communication and information) has no stage 1 finding"),
            ("CP-2022-0903", "acknowledgement", "acknowledgement is a letter for a complaint, enquiry or member enquiry, and CP-2022-0903 is a compliment"),
        ]
        for (ref, name, message) in cases {
            let r = try heard(["letter", ref, name, "--sent", "--db", db], in: dir)
            XCTAssertEqual(r.status, 1, "\(ref) \(name): \(r.stdout)")
            XCTAssertTrue(r.stderr.contains(message), "\(ref) \(name): \(r.stderr)")
            XCTAssertEqual(r.stdout, "", "no letter printed")
            XCTAssertEqual(try letterCount(ref, db, dir), 0, "\(ref) \(name) recorded nothing")
        }
    }

    func testEnquiryLettersSayEnquiryAndWarnOfAPastDateAndNoReply() throws {
        let dir = TemporaryDirectory()
        let db = try severalKinds(in: dir)
        let ack = try heard(["letter", "EN-2022-0901", "acknowledgement", "--db", db], in: dir)
        XCTAssertEqual(ack.status, 0, ack.stderr)
        XCTAssertTrue(ack.stdout.contains("**Your enquiry: acknowledgement**"), ack.stdout)
        XCTAssertFalse(ack.stdout.contains("your complaint") || ack.stdout.contains("complaints procedure"), ack.stdout)
        XCTAssertFalse(ack.stdout.contains("stage 1"), ack.stdout)
        XCTAssertTrue(ack.stdout.contains("I am sorry that we have not yet done so"), "no promise of a past date: \(ack.stdout)")
        XCTAssertTrue(ack.stderr.contains("before the letter's date 2022-06-15"), ack.stderr)

        let member = try heard(["letter", "ME-2022-0902", "acknowledgement", "--db", db], in: dir)
        XCTAssertEqual(member.status, 0, member.stderr)
        XCTAssertFalse(member.stdout.contains("advocate"), "no children's advocacy paragraph for a councillor: \(member.stdout)")
        XCTAssertFalse(member.stderr.contains("before the letter's date"), member.stderr)

        let reply = try heard(["letter", "EN-2022-0901", "enquiry-reply", "--field", "replly=Yes", "--db", db], in: dir)
        XCTAssertEqual(reply.status, 0, reply.stderr)
        XCTAssertTrue(reply.stderr.contains("enquiry-reply: no answer given"), reply.stderr)
        XCTAssertTrue(reply.stderr.contains("--field replly: not a field"), reply.stderr)
        let given = try heard(["letter", "EN-2022-0901", "enquiry-reply", "--field", "reply=Yes, on Saturdays.", "--db", db], in: dir)
        XCTAssertEqual(given.stderr, "", given.stderr)
    }

    func testACouncilTemplatesUnknownFieldIsWarnedOf() throws {
        let dir = TemporaryDirectory()
        let db = try oneComplaint(in: dir)
        let folder = dir.file("config/heard/letters")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try write("Dear {{complainant_name}}, about {{childs_name}}.{{#issues}} {{category}}{{/issues}}\n", to: folder + "/note.mustache")
        let r = try heard(["letter", "CS-2022-0900", "note", "--db", db], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("note.mustache: {{childs_name}} is not a field Heard fills"), r.stderr)
        XCTAssertFalse(r.stderr.contains("category"), r.stderr)
    }
}
