import Foundation
import HeardTestSupport
import XCTest

/// `heard holidays import`, `heard check` and `heard backup`.
final class CLIMaintenanceTests: XCTestCase {
    override func setUpWithError() throws { try requireBinary() }

    func testImportedHolidayRedatesAnOpenCase() throws {
        let dir = TemporaryDirectory()
        let db = dir.file("heard.sqlite")
        try write(oneOpenComplaint, to: dir.file("c.csv"))
        XCTAssertEqual(try heard(["import", dir.file("c.csv"), "--db", db], in: dir).status, 0)
        func due() throws -> String? {
            let rows = try jsonArray(try heard(["cases", "--format", "json", "--db", db], in: dir).stdout)
            return rows.first?["due"] as? String
        }
        XCTAssertEqual(try due(), "2022-06-27")
        try write(holidaysJSON, to: dir.file("bank-holidays.json"))
        let r = try heard(["holidays", "import", dir.file("bank-holidays.json"), "--db", db], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("imported 2 England and Wales bank holidays (1 not already known)"), r.stdout)
        XCTAssertEqual(try due(), "2022-06-28")
        let list = try heard(["holidays", "list", "--year", "2022", "--db", db], in: dir)
        XCTAssertTrue(list.stdout.contains("2022-06-20  A proclaimed holiday"), list.stdout)
    }

    func testBadHolidayFileNamesFileAndPath() throws {
        let dir = TemporaryDirectory()
        let db = dir.file("heard.sqlite")
        let file = dir.file("broken.json")
        try write(brokenHolidaysJSON, to: file)
        let r = try heard(["holidays", "import", file, "--db", db], in: dir)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains(file), r.stderr)
        XCTAssertTrue(r.stderr.contains("england-and-wales.events[1].date"), r.stderr)
        let missing = try heard(["holidays", "import", dir.file("none.json"), "--db", db], in: dir)
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains(dir.file("none.json")), missing.stderr)
    }

    func testCheckAndBackupOfTheDemo() throws {
        try skipOnPostgres("heard backup copies a SQLite file")
        let dir = TemporaryDirectory()
        let db = try makeDemo(in: dir)
        let check = try heard(["check", "--db", db], in: dir)
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertTrue(check.stdout.contains(": ok ("), check.stdout)
        let backup = dir.file("backup.sqlite")
        let r = try heard(["backup", backup, "--db", db], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("backed up "), r.stdout)
        XCTAssertEqual(permissions(of: backup), 0o600)
        XCTAssertEqual(try heard(["check", "--db", backup], in: dir).status, 0)
        XCTAssertEqual(try heard(["export", "--db", backup], in: dir).stdout, try heard(["export", "--db", db], in: dir).stdout)
        let again = try heard(["backup", backup, "--db", db], in: dir)
        XCTAssertEqual(again.status, 1, "a backup never overwrites a file")
        XCTAssertTrue(again.stderr.contains("already exists"), again.stderr)
    }

    /// `heard check --rebuild-search-index` builds the search index from every case (what
    /// `heard check` names a gap in points to it), says how many, and the record checks as before.
    func testCheckRebuildsTheSearchIndexWhenAsked() throws {
        let dir = TemporaryDirectory()
        let db = try makeDemo(in: dir)
        let before = try heard(["check", "--db", db], in: dir)
        XCTAssertEqual(before.status, 0, before.stderr)
        let count = try XCTUnwrap(before.stdout.split(separator: "(").last?.split(separator: " ").first.flatMap { Int($0) }, before.stdout)
        let exported = try heard(["export", "--db", db], in: dir).stdout
        let r = try heard(["check", "--rebuild-search-index", "--db", db], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let grouped = count.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_GB")))
        XCTAssertEqual(r.stdout, "search index built again: \(grouped) contacts\n")
        let after = try heard(["check", "--db", db], in: dir)
        XCTAssertEqual(after.status, 0, after.stderr)
        XCTAssertEqual(after.stdout, before.stdout)
        XCTAssertEqual(try heard(["export", "--db", db], in: dir).stdout, exported, "the record is as it was")
    }

    func testDemoIsNotWrittenTwice() throws {
        let dir = TemporaryDirectory()
        let db = try makeDemo(in: dir)
        let before = try heard(["export", "--db", db], in: dir).stdout
        let r = try heard(["demo", "--no-open", "--db", db], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("already holds contacts"), r.stderr)
        XCTAssertEqual(try heard(["export", "--db", db], in: dir).stdout, before)
    }
}

// MARK: - Fixtures

/// A statutory complaint received Monday 13 June 2022: due 10 working days later, Monday 27 June.
private let oneOpenComplaint = """
reference,kind,received,service_area,complainant_name
H-1,complaint,2022-06-13,Adoption,Holiday Fixture

"""

private let holidaysJSON = """
{"england-and-wales": {"division": "england-and-wales", "events": [
  {"title": "Platinum Jubilee bank holiday", "date": "2022-06-03", "notes": "", "bunting": true},
  {"title": "A proclaimed holiday", "date": "2022-06-20", "notes": "", "bunting": false}]}}
"""

private let brokenHolidaysJSON = """
{"england-and-wales": {"events": [{"title": "Fine", "date": "2022-06-02"}, {"title": "Broken", "date": "20/06/2022"}]}}
"""
