import HeardFiles
import XCTest

/// A path typed into a screen's form: `~` is the home folder, nothing else changes.
final class UserPathTests: XCTestCase {
    func testTildeIsTheHomeFolderAndNothingElseChanges() {
        XCTAssertEqual(UserPath.expandingTilde("~/letters/a.pdf", home: "/home/me"), "/home/me/letters/a.pdf")
        XCTAssertEqual(UserPath.expandingTilde("~", home: "/home/me"), "/home/me")
        XCTAssertEqual(UserPath.expandingTilde("~other/a.pdf", home: "/home/me"), "~other/a.pdf")
        XCTAssertEqual(UserPath.expandingTilde("./~/a", home: "/home/me"), "./~/a")
        XCTAssertEqual(UserPath.expandingTilde("~/a", home: nil), "~/a")
    }

    func testExistsSeesALinkItselfNotWhereItPoints() throws {
        let dir = NSTemporaryDirectory() + "heard-userpath-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        XCTAssertFalse(UserPath.exists(dir + "/none"))
        XCTAssertEqual(symlink(dir + "/nowhere", dir + "/dangling"), 0)
        XCTAssertTrue(UserPath.exists(dir + "/dangling"), "a dangling link is something there: saving over it must ask")
    }
}
