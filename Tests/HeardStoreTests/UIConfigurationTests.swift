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
}
