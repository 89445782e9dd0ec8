import CellWidth
import Foundation
import XCTest

/// `PathText.parent` stands in for `NSString.deletingLastPathComponent`, which traps on a
/// one-character relative path ("a", ".", "./") in this Foundation.
final class PathTextTests: XCTestCase {
    func testTheFolderOfAPath() {
        let cases: [(String, String)] = [
            ("", ""), ("/", "/"), ("a", ""), (".", ""), ("./", ""), ("..", ""), ("ab", ""),
            ("a/b", "a"), ("/a", "/"), ("/a/b", "/a"), ("a/b/", "a"), ("a//b", "a"), ("./x", "."),
            ("x/..", "x"), ("/usr/bin/heard", "/usr/bin"), ("//", "/"),
        ]
        for (path, parent) in cases { XCTAssertEqual(PathText.parent(path), parent, path) }
    }

    /// Where Foundation does not trap, the two agree (so callers keep their meaning).
    func testItAgreesWithFoundationWhereFoundationAnswers() {
        for path in ["", "/", "..", "ab", "a/b", "/a", "/a/b", "a/b/", "./x", "x/..", "/usr/bin/heard", "a/./b", "../../c"] {
            XCTAssertEqual(PathText.parent(path), (path as NSString).deletingLastPathComponent, path)
        }
    }

    func testAFolderIsNeverEmpty() {
        XCTAssertEqual(PathText.folder("b"), ".")
        XCTAssertEqual(PathText.folder("."), ".")
        XCTAssertEqual(PathText.folder("dir/b"), "dir")
    }
}
