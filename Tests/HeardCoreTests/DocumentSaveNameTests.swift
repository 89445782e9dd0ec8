import Foundation
import HeardCore
import HeardTestSupport
import XCTest

/// A document's default save name is its base name only: a row another tool wrote with a path
/// for a name cannot steer a save into another folder.
final class DocumentSaveNameTests: XCTestCase {
    func testTheDefaultNameIsTheBaseNameOnly() {
        func name(_ n: String) -> String { DocumentInfo(number: 3, name: n, size: 1, type: "text/plain", added: day("2022-06-13"), sha256: "").saveName }
        XCTAssertEqual(name("../../../../tmp/x"), "x")
        XCTAssertEqual(name("/etc/passwd"), "passwd")
        XCTAssertEqual(name("letter.pdf"), "letter.pdf")
        XCTAssertEqual(name(".."), "document-3")
        XCTAssertEqual(name("a/"), "a")
        XCTAssertEqual(name("\u{1B}[2J"), "[2J")
        XCTAssertEqual(name(""), "document-3")
    }
}
