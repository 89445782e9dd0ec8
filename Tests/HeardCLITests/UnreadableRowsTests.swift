import Foundation
import HeardTestSupport
import XCTest

/// Rows another tool wrote that Heard cannot read are named by every command that leaves them
/// out, which then exits 1 (its output is incomplete) unless --skip-unreadable is given.
final class UnreadableRowsTests: XCTestCase {
    func testEveryCommandThatLeavesARowOutSaysSo() throws {
        try skipOnPostgres("python3's sqlite3 writes the rows into the file")
        try requireBinary()
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "python3's sqlite3 plays the other tool")
        let dir = TemporaryDirectory("heard-unreadable")
        let db = try makeDemo(in: dir)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            c.execute("UPDATE contacts SET received = 'garbage' WHERE id = 5")
            c.execute("UPDATE contacts SET kind = 'gripe' WHERE id = 9")
            c.execute("UPDATE actions SET created = '2021-02-30' WHERE id = 2")
            c.commit()
            """, db]
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, "fixture")

        let contactsGone = "2 contact rows (#5, #9)"
        let actionGone = "1 action row (#2)"
        let cases: [([String], [String])] = [
            (["export"], [contactsGone]), (["cases", "--format", "csv"], [contactsGone]), (["actions"], [actionGone]),
            (["report", "--from", "2021-04-01", "--to", "2022-03-31", "--format", "json"], [contactsGone, actionGone]),
        ]
        for (args, said) in cases {
            let r = try heard(args + ["--db", db], in: dir)
            XCTAssertEqual(r.status, 1, "\(args): the output is incomplete")
            XCTAssertFalse(r.stdout.isEmpty, "\(args): what could be read is still written")
            for s in said { XCTAssertTrue(r.stderr.contains(s), "\(args): \(r.stderr)") }
            XCTAssertTrue(r.stderr.contains("Heard cannot read"), r.stderr)
            XCTAssertTrue(r.stderr.contains("--skip-unreadable"), r.stderr)
            let skipped = try heard(args + ["--db", db, "--skip-unreadable"], in: dir)
            XCTAssertEqual(skipped.status, 0, "\(args) --skip-unreadable: \(skipped.stderr)")
            for s in said { XCTAssertTrue(skipped.stderr.contains(s), "still named: \(skipped.stderr)") }
        }
        let check = try heard(["check", "--db", db], in: dir)
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.stderr.contains("1 action row with a created date Heard cannot read"), check.stderr)
        XCTAssertTrue(check.stderr.contains("2 contact rows"), check.stderr)
    }
}
