import Foundation
import HeardTestSupport
import XCTest

/// Contact log and letters rows another tool (python3's sqlite3) wrote with values Heard cannot
/// read: every command that reads a case's correspondence goes on without trapping (GRDB's typed
/// subscripts used to stop the program, printing the whole row, letter body and names), says how
/// many it could not show, and the export names them and fails unless --skip-unreadable.
final class HostileCorrespondenceRowsTests: XCTestCase {
    private var dir = TemporaryDirectory()
    private var db = ""

    override func setUpWithError() throws {
        try requireBinary()
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "python3's sqlite3 plays the other tool")
        dir = TemporaryDirectory("heard-hostile-corr")
        db = dir.file("c.sqlite")
        try write("""
            reference,kind,received,service_area,procedure,complainant_name,categories,summary
            CS-2022-0001,complaint,2022-06-13,Care Leavers,statutory,Mrs Alice Patel,communication and information,Calls not returned

            """, to: dir.file("one.csv"))
        XCTAssertEqual(try heard(["import", dir.file("one.csv"), "--db", db], in: dir).status, 0)
        XCTAssertEqual(try heard(["log", "CS-2022-0001", "A readable note", "--at", "2022-06-14", "--db", db], in: dir).status, 0)
    }

    private func python(_ statements: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            for s in sys.argv[2:]: c.execute(s)
            c.commit()
            """, db] + statements
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, "fixture")
    }

    private let secretBody = "Dear Mrs Secretname Person"

    private func plantBadRows() throws {
        try python([
            "INSERT INTO letters (contact_id, template, stage, sent, format, body) VALUES (1, 'acknowledgement', 'x', '2022-06-14', 'md', '\(secretBody)')",
            "INSERT INTO letters (contact_id, template, stage, sent, format, body) VALUES (1, 'acknowledgement', 1, 'garbage', 'md', '\(secretBody)')",
            "INSERT INTO contact_log (contact_id, direction, kind, with_whom, at, note) VALUES (1, 'in', 'call', 'Secretname', '2022-06-14', x'00ff41')",
            "INSERT INTO contact_log (contact_id, direction, kind, with_whom, at, note) VALUES (1, 'in', 'call', 'Secretname', 'garbage', 'n')",
            "INSERT INTO contact_log (contact_id, direction, kind, with_whom, at, note) VALUES (1, 'sideways', 'fax', 'Secretname', '2022-06-14', 'n')",
        ])
    }

    func testShowLetterAndDocumentListReadAroundRowsTheyCannotRead() throws {
        try skipOnPostgres("python3's sqlite3 writes the rows into the file")
        try plantBadRows()
        let show = try heard(["show", "CS-2022-0001", "--db", db], in: dir)
        XCTAssertEqual(show.status, 0, show.stderr)
        XCTAssertTrue(show.stdout.contains("5 correspondence rows Heard cannot read are not shown (heard check)"), show.stdout)
        XCTAssertTrue(show.stdout.contains("A readable note"), show.stdout)
        XCTAssertFalse(show.stdout.contains("1970-01-01"), "no invented dates: \(show.stdout)")
        XCTAssertFalse(show.stdout.contains("Secretname"), show.stdout)
        let json = try heard(["show", "CS-2022-0001", "--format", "json", "--db", db], in: dir)
        XCTAssertEqual(json.status, 0, json.stderr)
        let letter = try heard(["letter", "CS-2022-0001", "acknowledgement", "--db", db], in: dir)
        XCTAssertEqual(letter.status, 0, letter.stderr)
        XCTAssertFalse(letter.stderr.contains("Secretname"), letter.stderr)
        let list = try heard(["document", "list", "CS-2022-0001", "--db", db], in: dir)
        XCTAssertEqual(list.status, 0, list.stderr)
        let check = try heard(["check", "--db", db], in: dir)
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.stderr.contains("letter row #1 has a sent date, stage or cell"), check.stderr)
        XCTAssertTrue(check.stderr.contains("contact log row #2 has a time"), check.stderr)
        XCTAssertFalse(check.stderr.contains("Secretname"), check.stderr)
    }

    func testExportNamesTheRowsItLeavesOutAndFailsUnlessTold() throws {
        try skipOnPostgres("python3's sqlite3 writes the rows into the file")
        try plantBadRows()
        let out = dir.file("out.csv")
        let r = try heard(["export", "--output", out, "--db", db], in: dir)
        XCTAssertEqual(r.status, 1, "the export is incomplete")
        XCTAssertTrue(r.stderr.contains("3 contact log rows (#2, #3, #4)"), r.stderr)
        XCTAssertTrue(r.stderr.contains("2 letter rows (#1, #2)"), r.stderr)
        XCTAssertTrue(r.stderr.contains("--skip-unreadable"), r.stderr)
        XCTAssertFalse(r.stderr.contains("Secretname"), r.stderr)
        let csv = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertTrue(csv.contains("A readable note"), csv)
        XCTAssertFalse(csv.contains("sideways") || csv.contains("Secretname"), csv)
        let skipped = try heard(["export", "--output", dir.file("out2.csv"), "--skip-unreadable", "--db", db], in: dir)
        XCTAssertEqual(skipped.status, 0, skipped.stderr)
        XCTAssertTrue(skipped.stderr.contains("3 contact log rows"), skipped.stderr)
        // The JSON carries the correspondence too: the same rows are named, and left out.
        let json = try heard(["export", "--format", "json", "--db", db], in: dir)
        XCTAssertEqual(json.status, 1, "the JSON export is incomplete too")
        XCTAssertTrue(json.stderr.contains("3 contact log rows (#2, #3, #4)"), json.stderr)
        XCTAssertTrue(json.stderr.contains("2 letter rows (#1, #2)"), json.stderr)
        XCTAssertTrue(json.stdout.contains("A readable note"), json.stdout)
        XCTAssertFalse(json.stdout.contains("sideways") || json.stdout.contains("Secretname"), json.stdout)
        XCTAssertEqual(try heard(["export", "--format", "json", "--skip-unreadable", "--db", db], in: dir).status, 0)
    }
}

/// Negative numbers and hostile standard input on the correspondence commands.
final class CorrespondenceInputLimitsTests: XCTestCase {
    func testNegativeNumbersAreValuesRefusedInWords() throws {
        try requireBinary()
        let dir = TemporaryDirectory("heard-negative")
        let db = try makeDemo(in: dir)
        let digest = try heard(["digest", "--within", "-1", "--db", db], in: dir)
        XCTAssertEqual(digest.status, 2)
        XCTAssertTrue(digest.stderr.contains("--within must be 0 or more"), digest.stderr)
        let get = try heard(["document", "get", "320", "-1", "--output", dir.file("x"), "--db", db], in: dir)
        XCTAssertEqual(get.status, 2)
        XCTAssertTrue(get.stderr.contains("documents are numbered from 1"), get.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.file("x")))
        // An action's number the same way, where it goes, and nothing changed.
        let actions = try heard(["actions", "--format", "json", "--db", db], in: dir).stdout
        for args in [["action", "complete", "-1"], ["action", "note", "-2", "called back"], ["action", "drop", "--reason", "no", "-3"],
                     ["action", "edit", "-1", "--title", "x"]] {
            let r = try heard(args + ["--db", db], in: dir)
            XCTAssertEqual(r.status, 2, "\(args)")
            XCTAssertTrue(r.stderr.contains("actions are numbered from 1 (-"), "\(args): \(r.stderr)")
        }
        XCTAssertEqual(try heard(["actions", "--format", "json", "--db", db], in: dir).stdout, actions, "nothing changed")
    }

    func testStandardInputMustBeUTF8AndAtMost64KB() throws {
        try requireBinary()
        let dir = TemporaryDirectory("heard-log-stdin")
        let db = try cliDatabase(dir.file("c.sqlite"), in: dir)
        try write("reference,kind,received,service_area\nCS-2022-0001,complaint,2022-06-13,Care Leavers\n", to: dir.file("one.csv"))
        XCTAssertEqual(try heard(["import", dir.file("one.csv"), "--db", db], in: dir).status, 0)
        let env = ["HEARD_TODAY": cliToday, "XDG_CONFIG_HOME": dir.file("config"), "HOME": dir.path]
        // Through a shell's pipe: heard stops reading past the limit, and the writer then gets
        // SIGPIPE, which must not be this test's own process.
        func piped(_ source: String) throws -> (status: Int32, out: String, err: String) {
            let sh = Process()
            sh.executableURL = URL(fileURLWithPath: "/bin/sh")
            sh.arguments = ["-c", source + " | \"$0\" log CS-2022-0001 - --db \"$1\" >\"$2\" 2>\"$3\"", heardBinary(), db, dir.file("out"), dir.file("err")]
            sh.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
            try sh.run()
            sh.waitUntilExit()
            return (sh.terminationStatus, try String(contentsOfFile: dir.file("out"), encoding: .utf8), try String(contentsOfFile: dir.file("err"), encoding: .utf8))
        }
        let big = try piped("head -c 2600000 /dev/zero | tr '\\000' y")
        XCTAssertEqual(big.status, 1)
        XCTAssertTrue(big.err.contains("longer than 64 KB"), big.err)
        XCTAssertLessThan(big.err.count + big.out.count, 1000, "the note is not echoed")
        let arg = try heard(["log", "CS-2022-0001", String(repeating: "z", count: 70_000), "--db", db], in: dir)
        XCTAssertEqual(arg.status, 1)
        XCTAssertTrue(arg.stderr.contains("at most 64 KB"), arg.stderr)
        let long = try heard(["log", "CS-2022-0001", String(repeating: "w", count: 60_000), "--db", db], in: dir)
        XCTAssertEqual(long.status, 0, long.stderr)
        XCTAssertLessThan(long.stdout.count, 200, "a short first line, not the note again")
        // Bytes that are not UTF-8 are refused, as an import refuses them, not stored as U+FFFD.
        let latin = try piped("printf 'a\\377b'")
        XCTAssertEqual(latin.status, 1)
        XCTAssertTrue(latin.err.contains("standard input: is not UTF-8 text"), latin.err)
        let json = try heard(["show", "CS-2022-0001", "--format", "json", "--db", db], in: dir)
        XCTAssertEqual((try jsonObject(json.stdout)["contacts"] as? [Any])?.count, 1, "only the note that fits was logged")
    }
}
