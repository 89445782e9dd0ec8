import TerminalUI
import XCTest

/// TOML that TOMLKit's parser aborts on instead of reporting is found first and reported as a
/// syntax error with its line, like any other, by the one parse every file goes through.
final class ConfigSyntaxTests: XCTestCase {
    func testHeadersTheParserWouldAbortOnAreSyntaxErrorsWithTheirLine() {
        let cases: [(String, Int)] = [("[[[", 1), ("[.]", 1), ("[[ [", 1), ("[#]", 1), ("[=]", 1), ("a = 1\n\n  [ [1] ]", 3)]
        for (text, line) in cases {
            switch parseConfig(text) {
            case .success: XCTFail("\(text) parsed")
            case .failure(let e):
                XCTAssertEqual(e.line, line, text)
                XCTAssertTrue(e.reason.contains("must start with a name"), e.reason)
            }
        }
    }

    func testOrdinaryHeadersStillParse() throws {
        guard case .success(let v) = parseConfig("[report]\nsuppress_up_to = 9\n[[x]]\n[\"quoted name\"]\n['single']\n[ spaced ]\n") else {
            return XCTFail("valid TOML refused")
        }
        guard case .table(let t) = v else { return XCTFail("\(v)") }
        XCTAssertEqual(t.map(\.key).sorted(), ["quoted name", "report", "single", "spaced", "x"])
    }
}
