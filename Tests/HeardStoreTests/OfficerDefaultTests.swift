import HeardCore
import HeardStore
import XCTest

/// A new contact's officer: the one config.toml names, else none (never the audit trail's
/// "unknown" or login name, which was saved as a real officer).
final class OfficerDefaultTests: XCTestCase {
    func testNoOfficerNamedMeansNoDefaultOfficer() {
        let none = HeardConfiguration.parse("[ui]\ndate_format = \"uk\"\n", file: "config.toml")
        XCTAssertEqual(none.defaultOfficerOfNewContacts, "")
        XCTAssertEqual(HeardConfiguration(officer: "unknown").defaultOfficerOfNewContacts, "", "no config.toml at all")
        let named = HeardConfiguration.parse("officer = \" Helen Ward \"\n", file: "config.toml")
        XCTAssertEqual(named.defaultOfficerOfNewContacts, "Helen Ward")
        XCTAssertEqual(named.officer, "Helen Ward")
    }
}
