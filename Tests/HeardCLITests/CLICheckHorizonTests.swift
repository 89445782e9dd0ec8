import Foundation
import HeardTestSupport
import XCTest

/// `heard check` on a case due after the last year of bank holidays Heard knows.
final class CLICheckHorizonTests: XCTestCase {
    override func setUpWithError() throws { try requireBinary() }

    func testCheckCountsOneContactInTheSingular() throws {
        let dir = TemporaryDirectory()
        let db = dir.file("heard.sqlite")
        try write("reference,kind,received,service_area,complainant_name\nS-1,compliment,2022-01-10,Adoption,One Fixture\n", to: dir.file("c.csv"))
        XCTAssertEqual(try heard(["import", dir.file("c.csv"), "--db", db], in: dir).status, 0)
        let r = try heard(["check", "--db", db], in: dir)
        XCTAssertTrue(r.stdout.contains(": ok (1 contact)\n"), r.stdout)
    }

    func testCheckWarnsOfADeadlinePastTheKnownHolidaysAndNamesTheImport() throws {
        let dir = TemporaryDirectory()
        let db = dir.file("heard.sqlite")
        let today = ["HEARD_TODAY": "2028-12-20"]
        try write("reference,kind,received,service_area,complainant_name\nH-9,complaint,2028-12-18,Adoption,Horizon Fixture\nH-1,complaint,2028-06-01,Adoption,Within Fixture\n",
                  to: dir.file("c.csv"))
        let imported = try heard(["import", dir.file("c.csv"), "--db", db], in: dir, environment: today)
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let r = try heard(["check", "--db", db], in: dir, environment: today)
        XCTAssertEqual(r.status, 0, "a deadline Heard is unsure of is a warning, not a broken file: \(r.stderr)")
        let warnings = r.stdout.split(separator: "\n").filter { $0.hasPrefix("warning:") }
        XCTAssertEqual(warnings.count, 1, r.stdout)
        XCTAssertTrue(warnings.first?.contains("case H-9: Due 2029-") ?? false, r.stdout)
        XCTAssertTrue(r.stdout.contains("after 2028, the last year of bank holidays Heard knows"), r.stdout)
        XCTAssertTrue(r.stdout.contains("heard holidays import"), r.stdout)
        XCTAssertTrue(r.stdout.contains(": ok (2 contacts)"), r.stdout)

        // With 2029's bank holidays imported, the deadline is sound and nothing is said.
        try write("""
        {"england-and-wales": {"division": "england-and-wales", "events": [
          {"title": "New Year’s Day", "date": "2029-01-01", "notes": "", "bunting": true}]}}
        """, to: dir.file("bank-holidays.json"))
        let added = try heard(["holidays", "import", dir.file("bank-holidays.json"), "--db", db], in: dir, environment: today)
        XCTAssertEqual(added.status, 0, added.stderr)
        let after = try heard(["check", "--db", db], in: dir, environment: today)
        XCTAssertEqual(after.status, 0, after.stderr)
        XCTAssertFalse(after.stdout.contains("warning:"), after.stdout)
    }
}

/// `heard show` and `heard cases` say what the detail screen and the case list say of a
/// deadline past the bank holidays Heard knows, in the same words (CaseRecord.warnings).
final class CLIShowHorizonTests: XCTestCase {
    override func setUpWithError() throws { try requireBinary() }

    func testShowAndCasesWarnOfADeadlinePastTheKnownHolidays() throws {
        let dir = TemporaryDirectory()
        let db = dir.file("heard.sqlite")
        let today = ["HEARD_TODAY": "2028-12-20"]
        try write("reference,kind,received,service_area\nH-9,complaint,2028-12-15,Adoption\nH-1,complaint,2028-06-01,Adoption\n", to: dir.file("c.csv"))
        XCTAssertEqual(try heard(["import", dir.file("c.csv"), "--db", db], in: dir, environment: today).status, 0)

        let text = try heard(["show", "H-9", "--db", db], in: dir, environment: today)
        XCTAssertEqual(text.status, 0, text.stderr)
        let lines = text.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(lines.count > 2 && lines[2].hasPrefix("warning: Due 2029-01-02 is after 2028, the last year of bank holidays Heard knows"), text.stdout)
        XCTAssertTrue(text.stdout.contains("heard holidays import"), text.stdout)

        let json = try jsonObject(try heard(["show", "H-9", "--db", db, "--format", "json"], in: dir, environment: today).stdout)
        let warnings = try XCTUnwrap(json["warnings"] as? [String])
        XCTAssertEqual(warnings.count, 1)
        XCTAssertEqual("warning: " + warnings[0], String(lines[2]), "one wording for text and JSON")

        let within = try jsonObject(try heard(["show", "H-1", "--db", db, "--format", "json"], in: dir, environment: today).stdout)
        XCTAssertEqual(within["warnings"] as? [String], [], "a case closed or due within the known years has none")

        let cases = try heard(["cases", "--db", db], in: dir, environment: today)
        XCTAssertEqual(cases.status, 0, cases.stderr)
        XCTAssertTrue(cases.stderr.contains("1 case due after 2028") && cases.stderr.contains("heard holidays import"), cases.stderr)
        XCTAssertFalse(cases.stdout.contains("holidays"), "the table itself stays a table")

        // With 2029's bank holidays imported, the deadline is sound and nothing is said.
        try write("""
        {"england-and-wales": {"division": "england-and-wales", "events": [
          {"title": "New Year’s Day", "date": "2029-01-01", "notes": "", "bunting": true}]}}
        """, to: dir.file("bank-holidays.json"))
        XCTAssertEqual(try heard(["holidays", "import", dir.file("bank-holidays.json"), "--db", db], in: dir, environment: today).status, 0)
        let after = try heard(["cases", "--db", db], in: dir, environment: today)
        XCTAssertFalse(after.stderr.contains("bank holidays"), after.stderr)
        let shown = try jsonObject(try heard(["show", "H-9", "--db", db, "--format", "json"], in: dir, environment: today).stdout)
        XCTAssertEqual(shown["warnings"] as? [String], [])
    }
}
