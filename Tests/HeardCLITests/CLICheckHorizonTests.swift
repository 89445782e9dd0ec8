import Foundation
import HeardTestSupport
import XCTest

/// `heard check` on a case due after the last year of bank holidays Heard knows.
final class CLICheckHorizonTests: XCTestCase {
    override func setUpWithError() throws { try requireBinary() }

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
