import Foundation
import HeardTestSupport
import XCTest

/// The exit status contract: 0 success, 1 a domain or input error, 2 bad usage; errors on
/// stderr; a file that is not a Heard database is refused and left as it was.
final class CLIUsageTests: XCTestCase {
    override func setUpWithError() throws { try requireBinary() }

    func testBadUsageExitsWithTwo() throws {
        let dir = TemporaryDirectory()
        let db = dir.file("heard.sqlite")
        for args in badUsage {
            let r = try heard(args + ["--db", db], in: dir)
            XCTAssertEqual(r.status, 2, "\(args.joined(separator: " ")): \(r.stderr)")
            XCTAssertFalse(r.stderr.isEmpty, "\(args.joined(separator: " ")) says what is wrong")
            XCTAssertEqual(r.stdout, "", "\(args.joined(separator: " "))")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: db), "bad usage creates no database")
    }

    func testToBeforeFromIsBadUsageNamingBothDates() throws {
        let dir = TemporaryDirectory()
        let r = try heard(["report", "--from", "2022-03-31", "--to", "2021-04-01", "--db", dir.file("x.sqlite")], in: dir)
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("2021-04-01") && r.stderr.contains("2022-03-31"), r.stderr)
    }

    func testHelpExitsWithZero() throws {
        let dir = TemporaryDirectory()
        let r = try heard(["--help"], in: dir)
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.contains("report"), r.stdout)
        XCTAssertEqual(try heard(["report", "--help"], in: dir).status, 0)
    }

    func testBadTodayIsAnInputError() throws {
        let dir = TemporaryDirectory()
        let r = try heard(["demo", "--no-open", "--db", dir.file("heard.sqlite")], in: dir, environment: ["HEARD_TODAY": "yesterday"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("HEARD_TODAY"), r.stderr)
    }

    func testMissingDatabaseIsAnInputError() throws {
        try skipOnPostgres("a missing file")
        let dir = TemporaryDirectory()
        let db = dir.file("absent.sqlite")
        for args in [["cases"], ["report", "--from", "2021-04-01", "--to", "2022-03-31"], ["export"], ["check"], ["actions"]] {
            let r = try heard(args + ["--db", db], in: dir)
            XCTAssertEqual(r.status, 1, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("no such database file"), r.stderr)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: db), "reading commands never create the file")
    }

    func testTextFileAsDatabaseIsRefusedAndLeftUnchanged() throws {
        try skipOnPostgres("a text file given as the database")
        let dir = TemporaryDirectory()
        let db = dir.file("notes.sqlite")
        try write(notesText, to: db)
        try write("kind,received,service_area\ncompliment,2022-01-10,Adoption\n", to: dir.file("one.csv"))
        for args in [["cases"], ["check"], ["import", dir.file("one.csv")], ["demo", "--no-open"], ["holidays", "import", dir.file("h.json")]] {
            if args.first == "holidays" { try write(#"{"england-and-wales": {"events": []}}"#, to: dir.file("h.json")) }
            let r = try heard(args + ["--db", db], in: dir)
            XCTAssertEqual(r.status, 1, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("not an SQLite database"), "\(args): \(r.stderr)")
            XCTAssertFalse(r.stderr.contains("Zoë Example"), "the file's contents are not echoed")
            XCTAssertEqual(String(decoding: bytes(of: db), as: UTF8.self), notesText, "\(args) changed the file")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("notes.sqlite-") }
        XCTAssertEqual(leftovers, [])
    }

    func testForeignSQLiteFileIsRefusedByReadingCommands() throws {
        try skipOnPostgres("a foreign SQLite file")
        let dir = TemporaryDirectory()
        let db = dir.file("other.sqlite")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"), "no sqlite3")
        p.arguments = [db, "CREATE TABLE foo (x); INSERT INTO foo VALUES (1);"]
        try p.run()
        p.waitUntilExit()
        let before = bytes(of: db)
        for args in [["cases"], ["check"], ["report", "--from", "2021-04-01", "--to", "2022-03-31"]] {
            let r = try heard(args + ["--db", db], in: dir)
            XCTAssertEqual(r.status, 1, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("did not create"), r.stderr)
            XCTAssertEqual(bytes(of: db), before, "\(args) changed the file")
        }
    }

    func testDefaultDatabaseIsUnderXDGDataHome() throws {
        try skipOnPostgres("the default database is a file")
        let dir = TemporaryDirectory()
        try write("kind,received,service_area\ncompliment,2022-01-10,Adoption\n", to: dir.file("one.csv"))
        let r = try heard(["import", dir.file("one.csv")], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let path = dir.file("data/heard/heard.sqlite")
        XCTAssertTrue(FileManager.default.fileExists(atPath: path))
        XCTAssertEqual(permissions(of: dir.file("data/heard")), 0o700)
        XCTAssertEqual(permissions(of: path), 0o600)
    }
}

// MARK: - Fixtures

private let notesText = "These are a social worker's notes, not a database.\nZoë Example, 12 Any Street\n"

private let badUsage: [[String]] = [
    ["cases", "--no-such-option"],
    ["cases", "--format", "yaml"],
    ["report", "--from", "2021-04-01", "--to", "2022-03-31", "--format", "pdf"],
    ["report", "--from", "2021-04-01"],
    ["report", "--from", "not-a-date", "--to", "2022-03-31"],
    ["cases", "--stage", "4"],
    ["cases", "--due-within", "-1"],
    ["cases", "--due-within", "soon"],
    ["export", "--format", "xml"],
    ["import"],
    ["frobnicate"],
]
