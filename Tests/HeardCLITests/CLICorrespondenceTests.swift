import Foundation
import HeardCore
import HeardTestSupport
import XCTest

/// `heard log` and `heard document add|get|list` on a real database, with exit codes per
/// DESIGN.md (1 a domain or input error, 2 bad usage), and documents surviving `heard backup`.
final class CLICorrespondenceTests: XCTestCase {
    private var dir = TemporaryDirectory()
    private var db = ""

    override func setUpWithError() throws {
        try requireBinary()
        dir = TemporaryDirectory("heard-cli-corr")
        db = try cliDatabase(dir.file("c.sqlite"), in: dir)
        try write("reference,kind,received,service_area,complainant_name\nCS-2022-0001,complaint,2022-06-13,Care Leavers,Test Person\n", to: dir.file("one.csv"))
        XCTAssertEqual(try heard(["import", dir.file("one.csv"), "--db", db], in: dir).status, 0)
    }

    private func showJSON() throws -> [String: Any] {
        let r = try heard(["show", "CS-2022-0001", "--format", "json", "--db", db], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        return try jsonObject(r.stdout)
    }

    func testLogAddsALineWithDefaultsAndOptionsAndReadsANoteFromStandardInput() throws {
        let r = try heard(["log", "CS-2022-0001", "Asked for an update", "--with", "Mrs Patel", "--at", "yesterday 14:30"], in: dir)
        XCTAssertEqual(r.status, 1, "no --db: the default database does not exist")
        let ok = try heard(["log", "CS-2022-0001", "Asked for an update", "--with", "Mrs Patel", "--at", "yesterday 14:30", "--db", db], in: dir)
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertEqual(ok.stdout, "CS-2022-0001: 2022-06-14 14:30 call in from Mrs Patel: Asked for an update\n")
        let out = try heard(["log", "0001", "Sent the leaflet", "--out", "--kind", "email", "--db", db], in: dir)
        XCTAssertEqual(out.status, 0, out.stderr)
        XCTAssertTrue(out.stdout.hasPrefix("CS-2022-0001: 2022-06-15 "), "today from HEARD_TODAY, the time from the clock: \(out.stdout)")
        XCTAssertTrue(out.stdout.hasSuffix(" email out: Sent the leaflet\n"), out.stdout)
        let piped = try runHeard(["log", "CS-2022-0001", "-", "--kind", "meeting", "--at", "2022-06-14", "--db", db],
                                 environment: ["HEARD_TODAY": cliToday, "XDG_CONFIG_HOME": dir.file("config"), "HOME": dir.path],
                                 input: "First paragraph.\n\nSecond paragraph.\n")
        XCTAssertEqual(piped.status, 0, piped.stderr)
        let contacts = try XCTUnwrap(try showJSON()["contacts"] as? [[String: Any]])
        XCTAssertEqual(contacts.count, 3)
        let text = try heard(["show", "CS-2022-0001", "--db", db], in: dir).stdout
        XCTAssertTrue(text.contains("  2022-06-14  meeting in\n      First paragraph.\n      \n      Second paragraph.\n")
                      || text.contains("  2022-06-14  meeting in\n      First paragraph.\n      Second paragraph.\n"), text)
    }

    func testLogReadsTheScreensOneLineFormUnlessAnOptionIsGiven() throws {
        let line = try heard(["log", "CS-2022-0001", "out call \"Mrs Patel\" yesterday 14:30 left a message", "--db", db], in: dir)
        XCTAssertEqual(line.status, 0, line.stderr)
        XCTAssertEqual(line.stdout, "CS-2022-0001: 2022-06-14 14:30 call out to Mrs Patel: left a message\n")
        // Any other text is the note as written (DESIGN.md's `heard log REF TEXT`), whatever word it starts with.
        let note = try heard(["log", "CS-2022-0001", "Visit booked for Tuesday", "--db", db], in: dir)
        XCTAssertEqual(note.status, 0, note.stderr)
        XCTAssertTrue(note.stdout.hasSuffix(" call in: Visit booked for Tuesday\n"), note.stdout)
        // An option wins: the text is the note as written.
        let literal = try heard(["log", "CS-2022-0001", "out call in the rain", "--with", "@school", "--db", db], in: dir)
        XCTAssertEqual(literal.status, 0, literal.stderr)
        XCTAssertTrue(literal.stdout.hasSuffix(" call in from school: out call in the rain\n"), "@ stripped as the screen does: \(literal.stdout)")
        let bad = try heard(["log", "CS-2022-0001", "out call \"\" x", "--db", db], in: dir)
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("the quotes hold no name"), bad.stderr)
        XCTAssertEqual((try showJSON()["contacts"] as? [Any])?.count, 3)
        let help = try heard(["log", "--help"], in: dir)
        XCTAssertTrue(help.stdout.contains("starts with in or out"), help.stdout)
    }

    func testLogRefusesBadInputWithTheRightStatusAndChangesNothing() throws {
        // A time understood but not yet come is an input error (1), and the message offers no future word.
        let future = try heard(["log", "CS-2022-0001", "x", "--at", "tomorrow", "--db", db], in: dir)
        XCTAssertEqual(future.status, 1)
        XCTAssertTrue(future.stderr.contains("--at: 'tomorrow'"), future.stderr)
        XCTAssertTrue(future.stderr.contains("has not happened yet"), future.stderr)
        XCTAssertFalse(future.stderr.contains("tomorrow,") || future.stderr.contains("+10wd"), future.stderr)
        let garbage = try heard(["log", "CS-2022-0001", "x", "--at", "soonish", "--db", db], in: dir)
        XCTAssertEqual(garbage.status, 2, "not understood: usage")
        XCTAssertFalse(garbage.stderr.contains("tomorrow"), garbage.stderr)
        let early = try heard(["log", "CS-2022-0001", "x", "--at", "2019-01-01", "--db", db], in: dir)
        XCTAssertEqual(early.status, 1)
        XCTAssertTrue(early.stderr.contains("2019-01-01 is before the case was received on 2022-06-13"), early.stderr)
        let earlyLine = try heard(["log", "CS-2022-0001", "out call 2019-01-01 rang", "--db", db], in: dir)
        XCTAssertEqual(earlyLine.status, 1)
        XCTAssertTrue(earlyLine.stderr.contains("is before the case was received"), earlyLine.stderr)
        XCTAssertEqual(try heard(["log", "CS-2022-0001", "x", "--kind", "fax", "--db", db], in: dir).status, 2)
        XCTAssertEqual(try heard(["log", "CS-2022-0001", "x", "--in", "--out", "--db", db], in: dir).status, 2)
        let empty = try heard(["log", "CS-2022-0001", " ", "--db", db], in: dir)
        XCTAssertEqual(empty.status, 1)
        XCTAssertTrue(empty.stderr.contains("needs a note"), empty.stderr)
        let nocase = try heard(["log", "CS-2022-0999", "x", "--db", db], in: dir)
        XCTAssertEqual(nocase.status, 1)
        XCTAssertEqual((try showJSON()["contacts"] as? [Any])?.count, 0)
    }

    func testADocumentGoesInComesOutIdenticalPrivateAndSurvivesABackup() throws {
        try skipOnPostgres("heard backup copies a SQLite file")
        let content = Data((0..<70_000).map { UInt8(($0 * 7) % 256) })
        try content.write(to: URL(fileURLWithPath: dir.file("complaint.pdf")))
        let add = try heard(["document", "add", "CS-2022-0001", dir.file("complaint.pdf"), "--db", db], in: dir)
        XCTAssertEqual(add.status, 0, add.stderr)
        XCTAssertTrue(add.stdout.contains("document 1. complaint.pdf (application/pdf, 68 KB), SHA-256 \(SHA256.hex(content))"), add.stdout)
        let list = try heard(["document", "list", "CS-2022-0001", "--db", db], in: dir)
        XCTAssertEqual(list.stdout.split(separator: "\n").count, 2, list.stdout)
        XCTAssertTrue(list.stdout.contains("complaint.pdf"), list.stdout)

        let out = dir.file("out.pdf")
        let get = try heard(["document", "get", "CS-2022-0001", "1", "--output", out, "--db", db], in: dir)
        XCTAssertEqual(get.status, 0, get.stderr)
        XCTAssertEqual(bytes(of: out), content)
        XCTAssertEqual(permissions(of: out), 0o600)
        let again = try heard(["document", "get", "CS-2022-0001", "1", "--output", out, "--db", db], in: dir)
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("already exists"), again.stderr)
        XCTAssertEqual(try heard(["document", "get", "CS-2022-0001", "1", "--output", out, "--force", "--db", db], in: dir).status, 0)
        let missing = try heard(["document", "get", "CS-2022-0001", "2", "--output", dir.file("x"), "--db", db], in: dir)
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("There is no document 2: the case has documents 1 to 1."), missing.stderr)

        // - is standard output (a pipe here), not a file named -.
        let piped = try heard(["document", "get", "CS-2022-0001", "1", "--output", "-", "--db", db], in: dir)
        XCTAssertEqual(piped.status, 0, piped.stderr)
        XCTAssertGreaterThan(piped.stdout.utf8.count, 60_000, "the bytes on standard output, not a file named -")
        XCTAssertFalse(piped.stdout.contains("written to"), "nothing but the bytes")
        // The same bytes again: refused, unless --again.
        let twice = try heard(["document", "add", "CS-2022-0001", dir.file("complaint.pdf"), "--db", db], in: dir)
        XCTAssertEqual(twice.status, 1)
        XCTAssertTrue(twice.stderr.contains("The same file is already document 1 (complaint.pdf)"), twice.stderr)
        XCTAssertTrue(twice.stderr.contains("--again"), twice.stderr)
        XCTAssertEqual((try showJSON()["documents"] as? [Any])?.count, 1)

        let backup = dir.file("backup.sqlite")
        let b = try heard(["backup", backup, "--db", db], in: dir)
        XCTAssertEqual(b.status, 0, b.stderr)
        XCTAssertTrue(b.stdout.contains("1 contacts and 1 document"), b.stdout)
        let back = dir.file("back.pdf")
        XCTAssertEqual(try heard(["document", "get", "CS-2022-0001", "1", "--output", back, "--db", backup], in: dir).status, 0)
        XCTAssertEqual(bytes(of: back), content)
    }

    func testADocumentThatIsNotARegularFileOrTooLargeIsRefusedWithoutWaiting() throws {
        let fifo = dir.file("pipe")
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let p = try heard(["document", "add", "CS-2022-0001", fifo, "--db", db], in: dir)
        XCTAssertEqual(p.status, 1)
        XCTAssertTrue(p.stderr.contains("is a pipe, not a file"), p.stderr)
        let d = try heard(["document", "add", "CS-2022-0001", dir.path, "--db", db], in: dir)
        XCTAssertTrue(d.stderr.contains("is a folder"), d.stderr)
        try FileManager.default.createDirectory(atPath: dir.file("config/heard"), withIntermediateDirectories: true)
        try write("[documents]\nmax_size_mb = 1\n", to: dir.file("config/heard/config.toml"))
        try Data(count: 1_048_577).write(to: URL(fileURLWithPath: dir.file("big.bin")))
        let big = try heard(["document", "add", "CS-2022-0001", dir.file("big.bin"), "--db", db], in: dir)
        XCTAssertEqual(big.status, 1)
        XCTAssertTrue(big.stderr.contains("over the limit of 1 MB"), big.stderr)
        XCTAssertEqual(try heard(["document", "add", "CS-2022-0001", dir.file("big.bin"), "--type", "not a type", "--db", db], in: dir).status, 2)
        XCTAssertEqual((try showJSON()["documents"] as? [Any])?.count, 0)
    }

    func testCheckNamesADroppedCorrespondenceTable() throws {
        try skipOnPostgres("the table is dropped from the file with sqlite3")
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "python3's sqlite3 plays the other tool")
        for table in ["documents", "contact_log", "letters"] {
            let copy = dir.file("\(table).sqlite")
            XCTAssertEqual(try heard(["backup", copy, "--db", db], in: dir).status, 0)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            p.arguments = ["-c", "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nc.execute('DROP TABLE ' + sys.argv[2])\nc.commit()\n", copy, table]
            try p.run()
            p.waitUntilExit()
            try XCTSkipIf(p.terminationStatus != 0, "this sqlite3 cannot drop \(table)")
            for args in [["check"], ["log", "CS-2022-0001", "x"], ["document", "list", "CS-2022-0001"]] {
                let r = try heard(args + ["--db", copy], in: dir)
                XCTAssertEqual(r.status, 1, "\(args): \(r.stderr)")
                XCTAssertTrue(r.stderr.contains("this database is incomplete: table \(table) is missing"), "\(args): \(r.stderr)")
            }
        }
    }

    func testCheckFindsADocumentWhoseBytesChangedAndGetRefusesIt() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "python3's sqlite3 plays the other tool")
        try write("the complainant's letter\n", to: dir.file("letter.txt"))
        XCTAssertEqual(try heard(["document", "add", "CS-2022-0001", dir.file("letter.txt"), "--db", db], in: dir).status, 0)
        XCTAssertEqual(try heard(["check", "--db", db], in: dir).status, 0)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nc.execute(\"UPDATE documents SET data = X'00'\")\nc.commit()\n", db]
        try p.run()
        p.waitUntilExit()
        try XCTSkipIf(p.terminationStatus != 0, "this sqlite3 cannot change the fixture")
        let check = try heard(["check", "--db", db], in: dir)
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.stderr.contains("case CS-2022-0001: document 1: its bytes no longer match the SHA-256"), check.stderr)
        let get = try heard(["document", "get", "CS-2022-0001", "1", "--output", dir.file("out.txt"), "--db", db], in: dir)
        XCTAssertEqual(get.status, 1)
        XCTAssertTrue(get.stderr.contains("no longer match"), get.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.file("out.txt")))
    }
}
