import HeardCore
import XCTest

/// Cells a spreadsheet would run are neutralised in every CSV Heard writes, and the import takes
/// exactly that neutralisation off again.
final class CSVFormulaTests: XCTestCase {
    let values = ["=HYPERLINK(\"http://x\",\"y\")", "+1", "-5 days late", "@SUM(A1)", "\tTabbed", "'=already quoted", "''+two",
                  "'plain apostrophe", "O'Brien", "plain", "", "3-2", "a=b", "'", "''"]

    func testFormulaCellsStartWithAnApostropheAndComeBackExactly() {
        for v in values {
            let cell = CSVField.neutralise(v)
            if let f = v.drop(while: { $0 == "'" }).first, "=+-@\t".contains(f) {
                XCTAssertEqual(cell, "'" + v, v)
            } else {
                XCTAssertEqual(cell, v, "left alone: \(v)")
            }
            XCTAssertEqual(CSVField.unneutralise(cell), v, "round trip: \(v)")
        }
    }

    func testTheWrittenRowReadsBackAsTheValues() throws {
        let line = values.map(CSVField.escape).joined(separator: ",") + "\r\n"
        XCTAssertFalse(line.hasPrefix("="), "the first cell is not a formula")
        for cell in line.split(separator: ",") { XCTAssertFalse(cell.hasPrefix("=") || cell.hasPrefix("\"="), String(cell)) }
        let record = try XCTUnwrap(try CSVReader.parse(Array(line.utf8)).first)
        XCTAssertEqual(record.fields.map(CSVField.unneutralise), values)
    }
}
