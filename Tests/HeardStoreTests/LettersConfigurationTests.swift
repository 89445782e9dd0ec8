import HeardCore
import HeardStore
import XCTest

/// `[letters]` in config.toml: the letterhead, signatory, addresses and the Ombudsman.
final class LettersConfigurationTests: XCTestCase {
    func testWithoutTheSectionTheOmbudsmanIsTheLGSCO() {
        let c = HeardConfiguration.parse("officer = \"Helen\"\n", file: "config.toml")
        XCTAssertEqual(c.letters, LetterSettings())
        XCTAssertEqual(c.letters.ombudsmanName, "Local Government and Social Care Ombudsman")
        XCTAssertEqual(c.letters.ombudsmanAddress, ["PO Box 4771", "Coventry", "CV4 0EH"])
        XCTAssertEqual(c.letters.ombudsmanPhone, "0300 061 0614")
        XCTAssertEqual(c.letters.ombudsmanWebsite, "www.lgo.org.uk")
    }

    func testTheCouncilsOwnDetails() {
        let toml = """
            [letters]
            council_name = "Northam City Council"
            letterhead_lines = ["Children and Families", "Customer Feedback"]
            team_name = "Customer Feedback Team"
            address_lines = ["Civic Centre", "Northam NM1 1AA"]
            phone = "01632 960000"
            email = "feedback@northam.gov.uk"
            signatory_name = "Helen Sanderson"
            signatory_title = "Complaints Manager"
            ombudsman_phone = "0300 061 0614 (Mon-Fri)"
            """
        let c = HeardConfiguration.parse(toml, file: "config.toml")
        XCTAssertEqual(c.warnings, [])
        XCTAssertEqual(c.letters.councilName, "Northam City Council")
        XCTAssertEqual(c.letters.letterhead, ["Children and Families", "Customer Feedback"])
        XCTAssertEqual(c.letters.teamName, "Customer Feedback Team")
        XCTAssertEqual(c.letters.address, ["Civic Centre", "Northam NM1 1AA"])
        XCTAssertEqual(c.letters.phone, "01632 960000")
        XCTAssertEqual(c.letters.email, "feedback@northam.gov.uk")
        XCTAssertEqual(c.letters.signatoryName, "Helen Sanderson")
        XCTAssertEqual(c.letters.ombudsmanPhone, "0300 061 0614 (Mon-Fri)")
        XCTAssertEqual(c.letters.ombudsmanWebsite, "www.lgo.org.uk", "what is not given keeps its default")
    }

    func testBadValuesAndUnknownKeysAreNamedAndTheDefaultsKept() {
        let c = HeardConfiguration.parse("[letters]\ncouncil_name = 3\naddress_lines = \"Civic Centre\"\nsignature = \"x\"\n", file: "/h/config.toml")
        XCTAssertEqual(c.letters, LetterSettings())
        XCTAssertEqual(c.warnings.count, 3, "\(c.warnings)")
        XCTAssertTrue(c.warnings.contains { $0.hasPrefix("/h/config.toml: letters.council_name = 3") }, "\(c.warnings)")
        XCTAssertTrue(c.warnings.contains { $0.contains("letters.address_lines") && $0.contains("list of lines") }, "\(c.warnings)")
        XCTAssertTrue(c.warnings.contains { $0.contains("letters.signature") && $0.contains("unknown setting") }, "\(c.warnings)")
    }
}
