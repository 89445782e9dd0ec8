import HeardCore
import HeardStore
import XCTest

/// `[ui]` in config.toml: the date format and the cursor.
final class UIConfigurationTests: XCTestCase {
    func testDefaultsAreISOAndAHiddenCursor() {
        let c = HeardConfiguration.parse("officer = \"Helen\"\n", file: "config.toml")
        XCTAssertEqual(c.dateStyle, .iso)
        XCTAssertFalse(c.cursorVisible)
        XCTAssertEqual(c.warnings, [])
    }

    func testUKDatesAndAVisibleCursor() {
        let c = HeardConfiguration.parse("[ui]\ndate_format = \"uk\"\ncursor = \"visible\"\n", file: "config.toml")
        XCTAssertEqual(c.dateStyle, .uk)
        XCTAssertTrue(c.cursorVisible)
        XCTAssertEqual(c.warnings, [])
    }

    func testBadValuesAreNamedAndTheDefaultsKept() {
        let c = HeardConfiguration.parse("[ui]\ndate_format = \"mm/dd/yy\"\ncursor = 1\ncolours = \"x\"\n", file: "/home/h/config.toml")
        XCTAssertEqual(c.dateStyle, .iso)
        XCTAssertFalse(c.cursorVisible)
        XCTAssertEqual(c.warnings.count, 3, "\(c.warnings)")
        XCTAssertTrue(c.warnings.contains { $0.contains("/home/h/config.toml: ui.date_format = \"mm/dd/yy\"") && $0.contains("\"uk\"") }, "\(c.warnings)")
        XCTAssertTrue(c.warnings.contains { $0.contains("ui.cursor = 1") }, "\(c.warnings)")
        XCTAssertTrue(c.warnings.contains { $0.contains("ui.colours") && $0.contains("unknown setting") }, "\(c.warnings)")
    }

    func testAHugeValueIsQuotedShortInItsWarning() {
        let huge = String(repeating: "x", count: 200_000)
        let c = HeardConfiguration.parse("[ui]\ndate_format = \"\(huge)\"\n[lists]\nservice_areas = \"\(huge)\"\n", file: "config.toml")
        XCTAssertEqual(c.warnings.count, 2, "\(c.warnings.map { $0.prefix(100) })")
        for w in c.warnings {
            XCTAssertLessThan(w.count, 200, String(w.prefix(100)))
            XCTAssertTrue(w.contains("\"" + String(repeating: "x", count: 59) + "…"), String(w.prefix(100)))
        }
    }

    func testASectionThatIsNotATableIsNamed() {
        let c = HeardConfiguration.parse("ui = 5\nreport = \"x\"\n[timescales]\nstatutory = 3\n", file: "config.toml")
        XCTAssertEqual(c.warnings.count, 3, "\(c.warnings)")
        XCTAssertTrue(c.warnings.contains("config.toml: ui = 5: expected a section ([ui]); ignored"), "\(c.warnings)")
        XCTAssertTrue(c.warnings.contains { $0.contains("report = \"x\"") && $0.contains("expected a section") }, "\(c.warnings)")
        XCTAssertTrue(c.warnings.contains { $0.contains("timescales.statutory = 3") }, "\(c.warnings)")
        XCTAssertEqual(c.dateStyle, .iso)
    }
}
