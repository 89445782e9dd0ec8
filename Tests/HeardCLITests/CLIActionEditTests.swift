import Foundation
import HeardTestSupport
import XCTest

/// `heard action edit N`: the action plan's `e` from the command line, the same rules; a bad
/// value exits 1 naming the option and changes nothing.
final class CLIActionEditTests: XCTestCase {
    func testEditChangesTheNamedFieldsOnlyAndRefusesBadValues() throws {
        try requireBinary()
        let dir = TemporaryDirectory("heard-cli-action-edit")
        let db = try makeDemo(in: dir)
        func actions() throws -> [[String: Any]] {
            let r = try heard(["actions", "--format", "json", "--db", db], in: dir)
            XCTAssertEqual(r.status, 0, r.stderr)
            return try jsonArray(r.stdout)
        }
        let first = try XCTUnwrap(try actions().first)
        let id = try XCTUnwrap(first["id"] as? NSNumber).stringValue
        let edited = try heard(["action", "edit", id, "--due", "2030-01-31", "--tags", "#board voice", "--db", db], in: dir)
        XCTAssertEqual(edited.status, 0, edited.stderr)
        XCTAssertTrue(edited.stdout.contains("due 2030-01-31"), edited.stdout)
        let after = try XCTUnwrap(try actions().first { ($0["id"] as? NSNumber)?.stringValue == id })
        XCTAssertEqual(after["due"] as? String, "2030-01-31")
        XCTAssertEqual(after["tags"] as? [String], ["board", "voice"])
        XCTAssertEqual(after["title"] as? String, first["title"] as? String, "what was not given is kept")
        XCTAssertEqual(after["owner"] as? String, first["owner"] as? String)

        for (args, names) in [(["--due", "whenever"], "--due"), (["--service-area", "Narnia"], "--service-area"), (["--title", "  "], "--title"),
                              (["--title", ""], "--title"), (["--owner", ""], "--owner: an action needs an owner"), (["--owner", " \t"], "--owner")] {
            let r = try heard(["action", "edit", id, "--db", db] + args, in: dir)
            XCTAssertEqual(r.status, 1, r.stderr)
            XCTAssertTrue(r.stderr.contains(names), r.stderr)
        }
        XCTAssertEqual(try heard(["action", "edit", id, "--db", db], in: dir).status, 1, "nothing to change")
        XCTAssertEqual(try heard(["action", "edit", "999999", "--title", "x", "--db", db], in: dir).status, 1)
        let unchanged = try XCTUnwrap(try actions().first { ($0["id"] as? NSNumber)?.stringValue == id })
        XCTAssertEqual(unchanged["due"] as? String, "2030-01-31")
        XCTAssertEqual(unchanged["owner"] as? String, first["owner"] as? String, "the refused empty owner changed nothing")

        // Tags that differ only in case are one tag, spelt as first typed.
        XCTAssertEqual(try heard(["action", "edit", id, "--tags", "#Board #board BOARD voice", "--db", db], in: dir).status, 0)
        let tagged = try XCTUnwrap(try actions().first { ($0["id"] as? NSNumber)?.stringValue == id })
        XCTAssertEqual(tagged["tags"] as? [String], ["Board", "voice"])
    }

    /// The number the action commands take is in the table and the CSV (last column), not only
    /// the JSON; a case as a source may be named by its number alone (a trial met neither).
    func testTheActionsNumberIsListedAndACaseSourceTakesItsNumberAlone() throws {
        try requireBinary()
        let dir = TemporaryDirectory("heard-cli-action-number")
        let db = try makeDemo(in: dir)
        let cases = try jsonArray(try heard(["cases", "--format", "json", "--db", db], in: dir).stdout)
        let reference = try XCTUnwrap(cases.first?["reference"] as? String)
        let number = String(Int(reference.split(separator: "-").last ?? "") ?? 0)
        let added = try heard(["action", "add", "Check the rota case:\(number)", "--db", db], in: dir)
        XCTAssertEqual(added.status, 0, added.stderr)
        let id = try XCTUnwrap(added.stdout.split(separator: "#").last?.split(separator: " ").first.map(String.init))
        let csv = try heard(["actions", "--format", "csv", "--db", db], in: dir).stdout
        XCTAssertTrue(csv.hasPrefix("title,owner,service_area,due,status,tags,overdue,source,id\r\n"), csv)
        XCTAssertTrue(csv.contains("Check the rota,,,,open,,no,\(reference),\(id)\r\n"), "the case as it holds its reference, and the number: \(csv)")
        let table = try heard(["actions", "--db", db], in: dir).stdout
        let row = try XCTUnwrap(table.split(separator: "\n").first { $0.hasSuffix("Check the rota") })
        XCTAssertEqual(row.split(separator: " ").first.map(String.init), id, String(row))
        XCTAssertTrue(table.split(separator: "\n").first?.trimmingCharacters(in: .whitespaces).hasPrefix("# DUE") ?? false, table)
        XCTAssertEqual(try heard(["action", "complete", id, "--db", db], in: dir).status, 0, "the listed number is the one the commands take")
    }

    /// The rest of the action plan's keys from the command line: a (add in one line, with a case
    /// as its source), p (a progress note starts an open action), c (complete) and d (drop).
    func testAddNoteCompleteAndDropAsThePlansKeysDo() throws {
        try requireBinary()
        let dir = TemporaryDirectory("heard-cli-action-add")
        let db = try makeDemo(in: dir)
        func action(_ id: String) throws -> [String: Any]? {
            let r = try heard(["actions", "--format", "json", "--db", db], in: dir)
            return try jsonArray(r.stdout).first { ($0["id"] as? NSNumber)?.stringValue == id }
        }
        let cases = try heard(["cases", "--format", "csv", "--db", db], in: dir).stdout.split(separator: "\r\n")
        let reference = try XCTUnwrap(cases.dropFirst().first?.split(separator: ",").first).description
        let added = try heard(["action", "add", "Review the rota @\"Head of Service\" due:2030-02-28 #staffing case:\(reference.lowercased())", "--db", db], in: dir)
        XCTAssertEqual(added.status, 0, added.stderr)
        XCTAssertTrue(added.stdout.hasPrefix("Action #") && added.stdout.contains("added: Review the rota, due 2030-02-28"), added.stdout)
        let id = String(try XCTUnwrap(added.stdout.split(separator: " ")[1].dropFirst()))
        var a = try XCTUnwrap(try action(id))
        XCTAssertEqual(a["owner"] as? String, "Head of Service")
        XCTAssertEqual(a["source"] as? String, reference, "the case's reference as stored")
        XCTAssertEqual(a["status"] as? String, "open")

        let noted = try heard(["action", "note", id, "Rota drafted with the team", "--db", db], in: dir)
        XCTAssertEqual(noted.status, 0, noted.stderr)
        a = try XCTUnwrap(try action(id))
        XCTAssertEqual(a["status"] as? String, "in progress", "a note starts an open action")
        XCTAssertEqual(try heard(["action", "complete", id, "--date", "today", "--db", db], in: dir).status, 0)
        a = try XCTUnwrap(try action(id))
        XCTAssertEqual(a["status"] as? String, "done")
        let again = try heard(["action", "drop", id, "--reason", "no longer needed", "--db", db], in: dir)
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("is done already; nothing was changed"), again.stderr)

        let other = try heard(["action", "add", "Brief the panel @\"Head of Service\"", "--db", db], in: dir)
        let otherID = String(try XCTUnwrap(other.stdout.split(separator: " ")[1].dropFirst()))
        XCTAssertTrue(other.stdout.contains("(at the appropriate time)"), other.stdout)
        XCTAssertEqual(try heard(["action", "drop", otherID, "--reason", "the panel was stood down", "--db", db], in: dir).status, 0)
        XCTAssertEqual(try action(otherID)?["status"] as? String, "dropped")

        // Refused, naming where: a bad line, an unknown case, an empty note.
        let bad = try heard(["action", "add", "Call them due:whenever", "--db", db], in: dir)
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("the line, column"), bad.stderr)
        XCTAssertEqual(try heard(["action", "add", "Call them case:CS-1999-9999", "--db", db], in: dir).status, 1)
        XCTAssertNotEqual(try heard(["action", "note", id, "  ", "--db", db], in: dir).status, 0)
        // Dated on or before today, not before the action was made; -3wd is a date, not a missing value.
        let future = try heard(["action", "note", id, "later", "--date", "2099-01-01", "--db", db], in: dir)
        XCTAssertEqual(future.status, 1)
        XCTAssertTrue(future.stderr.contains("--date: 2099-01-01 is in the future"), future.stderr)
        XCTAssertTrue(try heard(["action", "note", id, "earlier", "--date", "1990-01-01", "--db", db], in: dir).stderr.contains("before the action was made"))
        let relative = try heard(["action", "note", id, "Rota agreed", "--date", "-0wd", "--db", db], in: dir)
        XCTAssertEqual(relative.status, 0, relative.stderr)
        // Control characters are not kept, and a title is a row of the plan, not a document.
        let escaped = try heard(["action", "add", "Evil \u{1B}]0;pwned\u{07} title", "--db", db], in: dir)
        XCTAssertEqual(escaped.status, 0, escaped.stderr)
        let escapedID = String(try XCTUnwrap(escaped.stdout.split(separator: " ")[1].dropFirst()))
        XCTAssertEqual(try action(escapedID)?["title"] as? String, "Evil ]0;pwned title")
        let huge = try heard(["action", "add", String(repeating: "x", count: 600), "--db", db], in: dir)
        XCTAssertEqual(huge.status, 1)
        XCTAssertTrue(huge.stderr.contains("at most 500 characters"), huge.stderr)
    }
}
