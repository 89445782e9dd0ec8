import Foundation
import HeardFiles
import HeardTestSupport
import XCTest

/// Reading a file the user names to attach: only a regular file within the limit, refused with
/// its path otherwise, and a FIFO refused without waiting for a writer.
final class InputFileTests: XCTestCase {
    func tooLarge(_ n: Int) -> String { "too large: \(n) bytes" }

    func testARegularFileIsReadWhole() throws {
        let dir = TemporaryDirectory("heard-input")
        let path = dir.path + "/letter.txt"
        try Data("Dear team".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(try InputFile.read(path, limit: 100, tooLarge: tooLarge), Array("Dear team".utf8))
    }

    func testFoldersPipesMissingAndTooLargeAreRefusedByPath() throws {
        let dir = TemporaryDirectory("heard-input")
        let big = dir.path + "/big.bin"
        try Data(repeating: 7, count: 101).write(to: URL(fileURLWithPath: big))
        let fifo = dir.path + "/pipe"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let cases: [(String, String)] = [(dir.path, "is a folder"), (fifo, "is a pipe"), (dir.path + "/none", "no such file"),
                                         ("/dev/null", "not a regular file"), (big, "too large: 101 bytes")]
        for (path, words) in cases {
            XCTAssertThrowsError(try InputFile.read(path, limit: 100, tooLarge: tooLarge), path) { e in
                XCTAssertTrue("\(e)".contains(words), "\(path): \(e)")
            }
        }
        XCTAssertThrowsError(try InputFile.read("", limit: 100, tooLarge: tooLarge))
    }

    func testTildeIsTheHomeFolderAndNothingElseChanges() {
        XCTAssertEqual(InputFile.expandingTilde("~/letters/a.pdf", home: "/home/me"), "/home/me/letters/a.pdf")
        XCTAssertEqual(InputFile.expandingTilde("~", home: "/home/me"), "/home/me")
        XCTAssertEqual(InputFile.expandingTilde("~other/a.pdf", home: "/home/me"), "~other/a.pdf")
        XCTAssertEqual(InputFile.expandingTilde("./~/a", home: "/home/me"), "./~/a")
        XCTAssertEqual(InputFile.expandingTilde("~/a", home: nil), "~/a")
    }
}
