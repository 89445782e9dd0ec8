import Foundation
@testable import HeardFiles
import HeardTestSupport
import XCTest

/// What a stopped export leaves (found by an attack: Ctrl-C left a hidden partial copy of the
/// record beside the target): a temporary file is noted while it is written, forgotten once in
/// place or removed, and the handler's `removeAll` unlinks what is noted. (The signal itself is
/// tried by hand: `heard export --output F` on a large record, then kill -INT; nothing is left.)
final class TemporaryFilesOnSignalTests: XCTestCase {
    private func noted() -> [String] {
        (0..<TemporaryFilesOnSignal.capacity).compactMap { TemporaryFilesOnSignal.slots[$0].map { String(cString: $0) } }
    }

    func testAFileBeingWrittenIsNotedAndForgottenOnceInPlace() throws {
        let dir = TemporaryDirectory("heard-temp-noted")
        let path = dir.file("export.csv")
        var file = try PrivateFileWriter(path: path)
        try file.write("a,b\r\n")
        let temps = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        XCTAssertEqual(temps.count, 1)
        XCTAssertTrue(noted().contains(dir.file(temps[0])), "\(noted())")
        try file.commit()
        XCTAssertFalse(noted().contains { $0.hasPrefix(dir.path) }, "forgotten once in place")
    }

    func testWhatTheHandlerRemovesIsWhatIsNoted() throws {
        let dir = TemporaryDirectory("heard-temp-removed")
        try "old".write(toFile: dir.file("export.json"), atomically: false, encoding: .utf8)
        var file = try PrivateFileWriter(path: dir.file("export.json"))
        try file.write(String(repeating: "x", count: 10_000))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).count, 2)
        TemporaryFilesOnSignal.removeAll()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["export.json"], "only the old file is left")
        XCTAssertEqual(try String(contentsOfFile: dir.file("export.json"), encoding: .utf8), "old")
        _ = consume file
        XCTAssertFalse(noted().contains { $0.hasPrefix(dir.path) }, "forgotten when dropped")
    }
}
