import Foundation
import HeardTestSupport
import XCTest

/// The real binary in tmux, an officer's correspondence on one case: a call logged with `l`, an
/// acknowledgement letter saved as .docx and recorded as sent with the acknowledgement it makes
/// (`L`), a file attached (`D`), all found again by `heard show --format json`.
final class CorrespondenceEndToEndTests: XCTestCase {
    var dir: TemporaryDirectory!
    var db: String!
    let today = "2022-06-15"

    override func setUpWithError() throws {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux is not installed")
        dir = TemporaryDirectory("heard-e2e-corr")
        db = try storePath(in: dir, name: "demo.sqlite")
        let r = try runHeard(["demo", "--no-open", "--db", db], environment: ["HEARD_TODAY": today])
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    func json(_ args: [String]) throws -> Any {
        let r = try runHeard(args + ["--db", db, "--format", "json"], environment: ["HEARD_TODAY": today])
        XCTAssertEqual(r.status, 0, r.stderr)
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
    }

    /// A stage 1 complaint whose acknowledgement letter is still to go.
    func unacknowledgedCase() throws -> String {
        let cases = try XCTUnwrap(try json(["cases", "--stage", "1"]) as? [[String: Any]])
        let open = cases.filter { $0["status"] as? String == "open" && $0["kind"] as? String == "complaint" }
            .sorted { ($0["received"] as? String ?? "") > ($1["received"] as? String ?? "") }
        for c in open.prefix(40) {
            guard let ref = c["reference"] as? String, let show = try json(["show", ref]) as? [String: Any],
                  let needs = show["letters_needed"] as? [[String: Any]] else { continue }
            if needs.contains(where: { ($0["template"] as? String ?? "").hasPrefix("acknowledgement") && $0["sent"] is NSNull }) { return ref }
        }
        throw XCTSkip("the demo has no stage 1 complaint waiting for its acknowledgement letter")
    }

    func testLogACallSaveAndRecordTheAcknowledgementAttachAFile() throws {
        let ref = try unacknowledgedCase()
        // The demo's cases carry correspondence of their own: what this test adds is counted from it.
        let before = try XCTUnwrap(try json(["show", ref]) as? [String: Any])
        func count(_ show: [String: Any], _ key: String) -> Int { (show[key] as? [Any])?.count ?? 0 }
        let attachment = dir.file("complaint-letter.txt")
        try Data("Dear Sir or Madam, I wish to complain.".utf8).write(to: URL(fileURLWithPath: attachment))
        let letterFile = dir.file("ack.docx")
        let t = try TmuxSession(arguments: ["--db", db], environment: ["HEARD_TODAY": today, "XDG_CONFIG_HOME": dir.file("config")],
                                width: 80, height: 24, dir: dir)
        try t.press("/")
        try t.type(ref)
        try t.press("Enter", "Enter")
        XCTAssertTrue(t.screenText.contains("Heard · \(ref)"), t.screenText)

        // l: a call in one line, its time typed.
        try t.press("l")
        try t.type("out call \"Mrs Patel\" 9:30 chased the response")
        XCTAssertTrue(t.screenText.contains("Reads: 2022-06-15 09:30  call out to Mrs Patel: chased the response"), t.screenText)
        try t.press("Enter")
        try t.waitForScreen(containing: "Logged on \(ref)")

        // L: the acknowledgement the stage needs is first; Enter shows it, s saves it as docx.
        try t.press("L")
        try t.waitForScreen(containing: "What stage 1 needs")
        XCTAssertTrue(t.screenText.contains("not acknowledged yet"), t.screenText)
        try t.press("Enter")
        try t.waitForScreen(containing: "Heard · Letter · \(ref)")
        try t.press("s")
        XCTAssertTrue(t.screenText.contains("docx"), t.screenText)
        try t.press("Tab")
        try t.type(letterFile)
        try t.press("Enter")
        try t.waitForScreen(containing: "Record")
        XCTAssertTrue(t.screenText.contains("[a]"), "the acknowledgement is offered with the letter:\n" + t.screenText)
        try t.press("a")
        try t.waitForScreen(containing: ", and acknowledged")

        // D: attach a file by its path.
        try t.press("Escape", "Escape")
        try t.waitForScreen(containing: "Heard · \(ref)")
        try t.press("D")
        try t.waitForScreen(containing: "Heard · Documents · \(ref)")
        try t.press("a")
        try t.type(attachment)
        try t.press("Enter")
        try t.waitForScreen(containing: "complaint-letter.txt")
        try t.press("Escape", "Escape")
        XCTAssertEqual(try t.quit(with: "q"), 0)

        // The letter: a Word file only its owner can read.
        var st = stat()
        XCTAssertEqual(stat(letterFile, &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o600)
        let docx = try Data(contentsOf: URL(fileURLWithPath: letterFile))
        XCTAssertEqual(Array(docx.prefix(2)), Array("PK".utf8), "a .docx is a zip")

        // Everything is on the record.
        let show = try XCTUnwrap(try json(["show", ref]) as? [String: Any])
        let contacts = try XCTUnwrap(show["contacts"] as? [[String: Any]])
        XCTAssertEqual(contacts.count, count(before, "contacts") + 1, "\(contacts)")
        let call = try XCTUnwrap(contacts.first { $0["note"] as? String == "chased the response" }, "\(contacts)")
        XCTAssertEqual(call["at"] as? String, "2022-06-15 09:30")
        XCTAssertEqual(call["direction"] as? String, "out")
        XCTAssertEqual(call["kind"] as? String, "call")
        XCTAssertEqual(call["with"] as? String, "Mrs Patel")
        let letters = try XCTUnwrap(show["letters"] as? [[String: Any]])
        XCTAssertEqual(letters.count, count(before, "letters") + 1, "\(letters)")
        XCTAssertTrue((letters.last?["template"] as? String ?? "").hasPrefix("acknowledgement"), "\(letters)")
        XCTAssertEqual(letters.last?["sent"] as? String, today)
        let stages = try XCTUnwrap(show["stages"] as? [[String: Any]])
        XCTAssertEqual(stages.first?["acknowledged"] as? String, today, "\(stages)")
        let documents = try XCTUnwrap(show["documents"] as? [[String: Any]])
        XCTAssertEqual(documents.count, count(before, "documents") + 1, "\(documents)")
        XCTAssertEqual(documents.last?["name"] as? String, "complaint-letter.txt")
        XCTAssertEqual(documents.last?["size"] as? Int, 38)
        let needs = try XCTUnwrap(show["letters_needed"] as? [[String: Any]])
        XCTAssertFalse(needs.contains { ($0["template"] as? String ?? "").hasPrefix("acknowledgement") && $0["sent"] is NSNull },
                       "the acknowledgement is no longer owed: \(needs)")
    }
}
