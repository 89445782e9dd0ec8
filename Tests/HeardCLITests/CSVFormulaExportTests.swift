import Foundation
import HeardTestSupport
import XCTest

/// A name typed as a spreadsheet formula reaches no spreadsheet as one: `heard export` and
/// `heard cases --format csv` neutralise it, and importing the export gives the name back exactly.
final class CSVFormulaExportTests: XCTestCase {
    func testAFormulaNameIsNeutralisedInEveryCSVAndRoundTrips() throws {
        try requireBinary()
        let dir = TemporaryDirectory("heard-csv-formula")
        let db = dir.file("a.sqlite")
        let name = "=HYPERLINK(\"http://x\",\"y\")"
        let csv = dir.file("in.csv")
        try write("reference,kind,received,service_area,complainant_name,summary\r\nF-1,comment,2022-05-03,Adoption,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-5 days late\r\n", to: csv)
        XCTAssertEqual(try heard(["import", csv, "--db", db], in: dir).status, 0)

        let export = try heard(["export", "--db", db], in: dir)
        XCTAssertEqual(export.status, 0, export.stderr)
        XCTAssertTrue(export.stdout.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""), export.stdout)
        XCTAssertTrue(export.stdout.contains(",'-5 days late,"), export.stdout)
        let cases = try heard(["cases", "--format", "csv", "--db", db], in: dir)
        XCTAssertTrue(cases.stdout.contains("\"'=HYPERLINK("), cases.stdout)

        let again = dir.file("again.csv")
        try write(export.stdout, to: again)
        let db2 = dir.file("b.sqlite")
        let imported = try heard(["import", again, "--db", db2], in: dir)
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let rows = try jsonArray(try heard(["cases", "--format", "json", "--db", db2], in: dir).stdout)
        XCTAssertEqual(rows.first?["complainant_name"] as? String, name, "the name comes back exactly")
        XCTAssertEqual(try heard(["export", "--db", db2], in: dir).stdout, export.stdout, "export → import → export is the same file")
    }
}
