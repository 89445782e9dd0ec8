import Foundation
import HeardTestSupport
import XCTest

/// A public report is built only from controlled vocabularies: a team typed as a child's name
/// and age never reaches it, in any format, while the full report still counts by team.
final class PublicFreeTextTests: XCTestCase {
    func testATypedTeamIsLeftOutOfEveryPublicFormat() throws {
        try requireBinary()
        let dir = TemporaryDirectory("heard-public-free-text")
        let db = dir.file("a.sqlite")
        let csv = dir.file("in.csv")
        var rows = "kind,received,service_area,team,procedure,complainant_name,categories\r\n"
        for n in 0..<6 { rows += "complaint,2021-05-0\(n + 1),Adoption,Adoption Team,statutory,Parent \(n),placement\r\n" }
        rows += "complaint,2021-06-01,Adoption,Zoe Hughes aged 9,statutory,Parent X,placement\r\n"
        try write(rows, to: csv)
        XCTAssertEqual(try heard(["import", csv, "--db", db], in: dir).status, 0)
        let range = ["report", "--from", "2021-04-01", "--to", "2022-03-31", "--db", db]
        let full = try heard(range + ["--format", "json"], in: dir)
        XCTAssertTrue(full.stdout.contains("Zoe Hughes aged 9"), "the full report counts every team")
        for format in ["text", "markdown", "csv", "json", "html"] {
            let r = try heard(range + ["--format", format, "--public"], in: dir)
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertFalse(r.stdout.contains("Zoe Hughes"), "\(format): a typed team is not in the public report")
            XCTAssertFalse(r.stdout.contains("Adoption Team"), "\(format): no team is")
        }
        let json = try jsonObject(try heard(range + ["--format", "json", "--public"], in: dir).stdout)
        XCTAssertNil((json["complaints"] as? [String: Any])?["by_team"], "by_team is left out of the public version")
        XCTAssertNotNil((json["complaints"] as? [String: Any])?["by_service_area"], "controlled vocabularies stay")
    }
}
