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
}
