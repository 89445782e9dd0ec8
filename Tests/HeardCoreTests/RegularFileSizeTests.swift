import Foundation
import HeardFiles
import XCTest

/// `RegularFile.read` reads to the end of the file whatever its st_size says: a file in /proc
/// says 0 bytes and used to be kept as 1 byte of it, silently.
final class RegularFileSizeTests: XCTestCase {
    func testAFileWhoseSizeIsWrongIsReadWholeAndStillLimited() throws {
        let path = "/proc/self/status"
        try XCTSkipUnless(FileManager.default.fileExists(atPath: path), "needs Linux's /proc")
        let bytes = try RegularFile.read(path, limit: 1024 * 1024)
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertGreaterThan(bytes.count, 100, "read to the end, not st_size + 1")
        XCTAssertTrue(text.hasPrefix("Name:"), text)
        XCTAssertTrue(text.contains("\nPid:"), "the middle of the file is there too")
        XCTAssertThrowsError(try RegularFile.read(path, limit: 10)) { e in
            XCTAssertEqual((e as? FileReadError)?.tooLarge, 11, "refused past the limit, having read one byte more")
        }
    }
}
