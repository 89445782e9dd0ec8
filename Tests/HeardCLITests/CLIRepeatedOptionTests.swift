import Foundation
import HeardTestSupport
import XCTest

/// An option that takes one value, given twice, is bad usage naming it (ArgumentParser alone
/// keeps the last and drops the first without a word); options meant to be repeated stay so.
final class CLIRepeatedOptionTests: DemoReadingTestCase {
    func testASingleValuedOptionGivenTwiceIsBadUsageNamingIt() throws {
        try skipOnPostgres("the file's bytes are compared before and after")
        let cases: [([String], String)] = [
            (["move", "CS-2022-0001", "appoint", "--investigator", "A", "--investigator", "B"], "--investigator"),
            (["move", "CS-2022-0001", "finding", "--issue", "1", "--issue=2", "--verdict", "upheld"], "--issue"),
            (["move", "CS-2022-0001", "finding", "--issue", "1", "--verdict", "upheld", "--verdict", "not-upheld"], "--verdict"),
            (["move", "CS-2022-0001", "finding", "--issue", "1", "--text", "a", "--text", "b"], "--text"),
            (["move", "CS-2022-0001", "respond", "--satisfied", "no", "--satisfied", "yes"], "--satisfied"),
            (["move", "CS-2022-0001", "respond", "--outcome", "upheld", "--outcome", "not-upheld"], "--outcome"),
            (["action", "edit", "6", "--title", "a", "--title", "b"], "--title"),
            (["cases", "--format", "csv", "--format", "json"], "--format"),
            (["report", "--from", "2021-04-01", "--to", "2022-03-31", "--to", "2022-03-30"], "--to"),
        ]
        let copy = dir.file("repeated.sqlite")
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: db, toPath: copy)
        let before = bytes(of: copy)
        for (args, option) in cases {
            let r = try heard(args + ["--db", copy], in: dir)
            let said = args.joined(separator: " ")
            XCTAssertEqual(r.status, 2, "\(said): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("\(option) was given more than once"), "\(said): \(r.stderr)")
            XCTAssertEqual(r.stdout, "", said)
        }
        XCTAssertEqual(bytes(of: copy), before, "nothing was recorded")
    }

    func testRepeatableOptionsAndValuesThatLookLikeOptionsAreNotRefused() throws {
        let r = try heard(["report", "--from", "2021-04-01", "--to", "2022-03-31", "--service-area", "Adoption",
                           "--service-area", "Early Help", "--format", "json", "--db", db], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        // "--issue" here is the text of the finding (--text takes the next word whatever it is).
        let moved = try heard(["move", "CS-2022-0001", "finding", "--text", "--issue", "--issue", "1", "--db", dir.file("absent.sqlite")], in: dir)
        XCTAssertFalse(moved.stderr.contains("more than once"), moved.stderr)
    }
}
