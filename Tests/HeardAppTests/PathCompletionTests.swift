import HeardApp
import XCTest

/// Tab in a file's path completes as a shell does.
final class PathCompletionTests: XCTestCase {
    let entries: [(name: String, isFolder: Bool)] = [("complaint-letter.pdf", false), ("complaint-email.eml", false), ("reports", true), (".hidden", false)]

    func testSplitIntoFolderAndName() {
        XCTAssertEqual(PathCompletion.split("/home/me/comp").folder, "/home/me/")
        XCTAssertEqual(PathCompletion.split("/home/me/comp").prefix, "comp")
        XCTAssertEqual(PathCompletion.split("comp").folder, ".")
        XCTAssertEqual(PathCompletion.split("/").prefix, "")
    }

    func testCompletesAsFarAsTheNamesAgreeAndAFolderGainsItsSlash() {
        let several = PathCompletion.complete(prefix: "c", entries: entries)
        XCTAssertEqual(several.add, "omplaint-")
        XCTAssertEqual(several.matches, ["complaint-email.eml", "complaint-letter.pdf"])
        XCTAssertEqual(PathCompletion.complete(prefix: "complaint-l", entries: entries).add, "etter.pdf")
        XCTAssertEqual(PathCompletion.complete(prefix: "r", entries: entries).add, "eports/")
        XCTAssertEqual(PathCompletion.complete(prefix: "x", entries: entries).matches, [])
        XCTAssertEqual(PathCompletion.complete(prefix: "", entries: entries).matches.count, 3, "hidden files only when a dot is typed")
        XCTAssertEqual(PathCompletion.complete(prefix: ".", entries: entries).add, "hidden")
    }
}
