import Foundation
import HeardFiles
import HeardTestSupport
import XCTest

/// The private file written a piece at a time (`heard export --output`): the pieces in order,
/// 0600, in place only once committed; dropped before then, the old file stays and no temporary
/// file is left; a link is refused as `PrivateFile.write` refuses it.
final class PrivateFileWriterTests: XCTestCase {
    func testPiecesArePutInPlaceWholeOnCommit() throws {
        let dir = TemporaryDirectory("heard-private-writer")
        let path = dir.file("export.csv")
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        var file = try PrivateFileWriter(path: path)
        for piece in ["a,b\r\n", "", "李,\"q\"\r\n", String(repeating: "x", count: 100_000)] { try file.write(piece) }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "old", "nothing changes before the commit")
        try file.commit()
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "a,b\r\n李,\"q\"\r\n" + String(repeating: "x", count: 100_000))
        var st = stat()
        XCTAssertEqual(lstat(path, &st), 0)
        XCTAssertEqual(Int(st.st_mode & 0o777), 0o600)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["export.csv"], "no temporary file is left")
    }

    func testAWriterDroppedBeforeItsCommitLeavesTheOldFileAndNoTemporaryOne() throws {
        let dir = TemporaryDirectory("heard-private-writer-drop")
        let path = dir.file("export.json")
        try "keep me".write(toFile: path, atomically: false, encoding: .utf8)
        do {
            var file = try PrivateFileWriter(path: path)
            try file.write("half an export")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).count, 2, "the pieces go to a file beside it")
        }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "keep me")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["export.json"])
    }

    func testASymbolicLinkIsRefusedBeforeAnythingIsWritten() throws {
        let dir = TemporaryDirectory("heard-private-writer-link")
        let victim = dir.file("victim.txt")
        try "keep me".write(toFile: victim, atomically: false, encoding: .utf8)
        let link = dir.file("export.csv")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: victim)
        // (A writer cannot be kept: XCTAssertThrowsError takes copyable results only.)
        do {
            var file = try PrivateFileWriter(path: link)
            try file.write("secret")
            XCTFail("a link was opened")
        } catch {
            XCTAssertEqual((error as? FileWriteError)?.description, "\(link): is a symbolic link; not written (name the file itself)")
        }
        XCTAssertEqual(try String(contentsOfFile: victim, encoding: .utf8), "keep me")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["export.csv", "victim.txt"])
    }
}
