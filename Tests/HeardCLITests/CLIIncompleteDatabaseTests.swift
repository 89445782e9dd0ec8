import Foundation
import HeardTestSupport
import XCTest

/// A copy another tool damaged (a table dropped, a table rebuilt without a column): every
/// command, `heard check` first, says what is missing and how to recover, not a raw SQL error.
final class CLIIncompleteDatabaseTests: XCTestCase {
    func testEveryCommandNamesWhatIsMissing() throws {
        try requireBinary()
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "python3's sqlite3 plays the other tool")
        let dir = TemporaryDirectory("heard-incomplete")
        try write("kind,received,service_area\ncomplaint,2022-06-01,Adoption\n", to: dir.file("one.csv"))
        for (sql, missing) in [("DROP TABLE stage_people", "table stage_people is missing"),
                               ("ALTER TABLE contacts DROP COLUMN equality_religion", "column contacts.equality_religion is missing")] {
            let db = dir.file("db-\(UUID().uuidString.prefix(6)).sqlite")
            XCTAssertEqual(try heard(["import", dir.file("one.csv"), "--db", db], in: dir).status, 0)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            p.arguments = ["-c", "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nc.execute(sys.argv[2])\nc.commit()\n", db, sql]
            try p.run()
            p.waitUntilExit()
            try XCTSkipIf(p.terminationStatus != 0, "this sqlite3 cannot run the fixture: \(sql)")
            for args in [["check"], ["cases"], ["show", "1"], ["demo", "--no-open"], ["import", dir.file("one.csv")]] {
                let r = try heard(args + ["--db", db], in: dir)
                XCTAssertEqual(r.status, 1, "\(args): \(r.stderr)")
                XCTAssertTrue(r.stderr.contains("this database is incomplete: \(missing)"), "\(args): \(r.stderr)")
                XCTAssertTrue(r.stderr.contains("restore it from a backup"), r.stderr)
                XCTAssertFalse(r.stderr.contains("no such"), r.stderr)
            }
            XCTAssertTrue(FileManager.default.fileExists(atPath: db), "a damaged file is left where it is")
        }
    }
}
