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
        // The same name spelt with and without '=' (the words' cheap look must see both as --db).
        // Before and after the subcommand: two records named, one would be taken without a word.
        let spelt: [([String], String)] = [(["cases", "--db=" + copy], "--db"), (["--db", copy, "cases"], "--db")]
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: db, toPath: copy)
        let before = bytes(of: copy)
        for (args, option) in cases + spelt {
            let r = try heard(args + ["--db", copy], in: dir)
            let said = args.joined(separator: " ")
            XCTAssertEqual(r.status, 2, "\(said): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("\(option) was given more than once"), "\(said): \(r.stderr)")
            XCTAssertEqual(r.stdout, "", said)
        }
        XCTAssertEqual(bytes(of: copy), before, "nothing was recorded")
    }

    /// `RepeatedOptions.cannotRepeat` skips the full check when every option word is a long
    /// name and none is said twice: sound only while no option has two long names (one name
    /// given two ways would pass it). Read from the commands' own description, every command.
    func testNoOptionHasTwoLongNamesSoTheWordsAloneCanRuleOutARepeat() throws {
        let r = try heard(["--experimental-dump-help"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        var commands: [[String: Any]] = [try XCTUnwrap(root["command"] as? [String: Any])]
        var arguments = 0
        while let command = commands.popLast() {
            commands += command["subcommands"] as? [[String: Any]] ?? []
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                arguments += 1
                let names = argument["names"] as? [[String: Any]] ?? []
                let long = names.filter { $0["kind"] as? String == "long" }
                XCTAssertLessThanOrEqual(long.count, 1, "\(command["commandName"] ?? "?"): \(long)")
            }
        }
        XCTAssertGreaterThan(arguments, 100, "the description lists every command's arguments")
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
