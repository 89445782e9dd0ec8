import Foundation
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// The file deleted or replaced while Heard has it open: SQLite goes on writing into the open
/// file, which goes with the process, and every save said "Saved" (an attack). A write is
/// refused, nothing said saved; a screen's reads are kept, to be named at its end.
final class FileGoneTests: XCTestCase {
    private func gone(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
    }

    func testAWriteToAFileDeletedSinceItOpenedIsRefused() throws {
        if TestDatabase.isPostgres { throw XCTSkip("a file's") }
        let dir = TemporaryDirectory("heard-file-gone")
        let path = try storePath(in: dir)
        let store = try makeStore(in: dir)
        var c = try store.add(sampleComplaint(), today: fixedToday)
        gone(path)
        c.officer = "Somebody Else"
        let e = storeError { _ = try store.update(c, today: fixedToday) }
        XCTAssertEqual(e?.description.contains("was deleted or replaced since Heard opened it, so nothing was saved"), true, e?.description ?? "no error")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "nothing made in its place")
    }

    func testAWriteToAFileReplacedSinceItOpenedIsRefused() throws {
        if TestDatabase.isPostgres { throw XCTSkip("a file's") }
        let dir = TemporaryDirectory("heard-file-replaced")
        let path = try storePath(in: dir)
        let store = try makeStore(in: dir)
        _ = try store.add(sampleComplaint(), today: fixedToday)
        let other = try makeStore(in: dir, name: "other.sqlite")
        try other.closeFile()
        gone(path)
        XCTAssertEqual(rename(dir.path + "/other.sqlite", path), 0)
        XCTAssertNotNil(storeError { _ = try store.add(sampleComplaint(name: "Another Person"), today: fixedToday) })
    }

    func testAScreensReadsTheFileRefusesAreKeptToBeNamed() throws {
        if TestDatabase.isPostgres { throw XCTSkip("a file's") }
        let dir = TemporaryDirectory("heard-file-gone-reads")
        let path = try storePath(in: dir)
        let store = try makeStore(in: dir)
        let c = try store.add(sampleComplaint(), today: fixedToday)
        store.keepReadsThatFail()
        gone(path)
        guard case .failed(let why) = store.recordRead(contactID: try XCTUnwrap(c.id), via: .screen) else { return XCTFail("written into a deleted file") }
        XCTAssertTrue(why.contains("deleted or replaced"), why)
        XCTAssertEqual(store.referencesOfReadsWaiting, [c.reference], "kept, to be named at the end")
    }
}
