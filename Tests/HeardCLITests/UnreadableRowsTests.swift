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

    /// After an attack: subject access, retention and the digest left a row out without a word:
    /// a subject access bundle missed a case where the person was, and "we hold no records" could
    /// be untrue; retention could not judge the row and said nothing.
    func testSubjectAccessRetentionAndTheDigestNameWhatTheyLeaveOut() throws {
        try skipOnPostgres("sqlite3 writes a BLOB into the file")
        try requireBinary()
        let dir = TemporaryDirectory("heard-unreadable-sar")
        let db = try makeDemo(in: dir)
        // The name of a complainant, and their case's received date made a BLOB by another tool.
        let cases = try jsonArray(try heard(["cases", "--format", "json", "--db", db], in: dir).stdout)
        let victim = try XCTUnwrap(cases.first { ($0["complainant_name"] as? String)?.isEmpty == false })
        let name = try XCTUnwrap(victim["complainant_name"] as? String), ref = try XCTUnwrap(victim["reference"] as? String)
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "python3's sqlite3 plays the other tool")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\n"
                       + "c.execute('UPDATE contacts SET received = CAST(received AS BLOB) WHERE reference = ?', (sys.argv[2],))\nc.commit()", db, ref]
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, "fixture")

        let folder = dir.file("sar-out")
        let sar = try heard(["sar", name, "--yes", "--output", folder, "--db", db], in: dir)
        XCTAssertEqual(sar.status, 1, sar.stdout + sar.stderr)
        XCTAssertTrue(sar.stderr.contains("Heard cannot read"), sar.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder), "no bundle written incomplete")
        XCTAssertTrue(try heard(["sar", "--list", "--db", db], in: dir).stdout.contains("No subject access requests recorded"), "nothing recorded")
        let skipped = try heard(["sar", name, "--yes", "--output", folder, "--skip-unreadable", "--db", db], in: dir)
        XCTAssertEqual(skipped.status, 0, skipped.stderr)
        XCTAssertTrue(skipped.stderr.contains("Heard cannot read"), "still named: \(skipped.stderr)")

        for args in [["retention"], ["retention", "--apply", "--yes"], ["digest", "--officer", "Priya Shah"]] {
            let r = try heard(args + ["--db", db], in: dir)
            XCTAssertEqual(r.status, 1, "\(args): \(r.stdout)")
            XCTAssertTrue(r.stderr.contains("Heard cannot read"), "\(args): \(r.stderr)")
        }
        XCTAssertFalse(try heard(["audit", "--db", db], in: dir).stdout.contains("dispos"), "retention --apply disposed of nothing")

    }
}
