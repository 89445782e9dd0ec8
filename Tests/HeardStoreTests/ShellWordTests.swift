@testable import HeardStore
import XCTest

/// A command `heard check` suggests is written so that it runs as written: the record's `--db`
/// one word for a shell whatever it holds.
final class ShellWordTests: XCTestCase {
    func testAPlainPathIsAsItIsAndAnythingElseIsQuoted() {
        XCTAssertEqual(Store.shellWord("/srv/heard/team-1/heard.sqlite"), "/srv/heard/team-1/heard.sqlite")
        XCTAssertEqual(Store.shellWord("./file:heard.sqlite"), "./file:heard.sqlite")
        XCTAssertEqual(Store.shellWord("postgresql://kim@db.example/heard?options=-csearch_path%3Dteam"),
                       "'postgresql://kim@db.example/heard?options=-csearch_path%3Dteam'", "a ? is a shell's pattern")
        XCTAssertEqual(Store.shellWord("/home/kim/Complaints 2026/heard.sqlite"), "'/home/kim/Complaints 2026/heard.sqlite'")
        XCTAssertEqual(Store.shellWord("/tmp/it's/h.sqlite"), #"'/tmp/it'\''s/h.sqlite'"#)
        XCTAssertEqual(Store.shellWord("/tmp/$(rm -rf ~)`x`;&|"), "'/tmp/$(rm -rf ~)`x`;&|'")
        XCTAssertEqual(Store.shellWord(""), "''")
        // A control character would be dropped from the line printed, a line break would break it:
        // each is written as the shell's $'…' reads it back.
        XCTAssertEqual(Store.shellWord("/tmp/x\u{1B}[31mRED $(touch pwn)\n'q.db"), #"$'/tmp/x\x1b[31mRED $(touch pwn)\x0a\'q.db'"#)
        XCTAssertEqual(Store.shellWord("/tmp/a\\b\tc"), #"$'/tmp/a\\b\x09c'"#)
    }
}
