import Foundation
import GRDB
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
        XCTAssertEqual(e?.description.contains("the file was moved, deleted or replaced since Heard opened it, so nothing was written"), true, e?.description ?? "no error")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "nothing made in its place")
    }

    /// Deleted while a long write ran (a bulk change of 52,500 cases said them all changed, into
    /// the deleted file: an attack): the write is refused at its end, before COMMIT.
    func testAWriteWhoseFileIsDeletedWhileItRunsIsRefused() throws {
        if TestDatabase.isPostgres { throw XCTSkip("a file's") }
        let dir = TemporaryDirectory("heard-file-gone-meanwhile")
        let path = try storePath(in: dir)
        let store = try makeStore(in: dir)
        _ = try store.add(sampleComplaint(), today: fixedToday)
        let e = storeError {
            try store.write { tx in
                try tx.sql.execute("INSERT INTO holidays (date, title) VALUES ('2030-01-02', 'Written as the file went')", [])
                self.gone(path)
            }
        }
        XCTAssertTrue(e?.description.contains("moved, deleted or replaced") == true, e?.description ?? "said saved")
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

    /// A file put back in place of the one open (a backup): this session's log, still named
    /// beside the path, must not be replayed into it (a re-check found the put-back file
    /// corrupted after quitting). Removed when it is the very log the session opened.
    func testTheLogOfAReplacedFileIsNotLeftForTheFileNowThere() throws {
        if TestDatabase.isPostgres { throw XCTSkip("a file's") }
        let dir = TemporaryDirectory("heard-file-put-back")
        let path = try storePath(in: dir)
        let backup = try makeStore(in: dir, name: "backup.sqlite")
        _ = try backup.add(sampleComplaint(name: "Kept Person"), today: fixedToday)
        try backup.closeFile()
        // A backup is a whole file: its log copied in.
        let q = try DatabaseQueue(path: dir.path + "/backup.sqlite")
        try q.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try q.close()
        XCTAssertEqual(copyfile(dir.path + "/backup.sqlite", path), true)
        let store = try Store(path: path, options: StoreOptions(actor: "Test Officer"))
        for i in 0..<40 { _ = try store.add(sampleComplaint(name: "Later Person \(i)"), today: fixedToday) }
        store.removeOrphanedLogIfReplaced()
        XCTAssertTrue(FileManager.default.fileExists(atPath: path + "-wal"), "its own file still there: nothing removed")
        XCTAssertEqual(rename(dir.path + "/backup.sqlite", path), 0)
        store.removeOrphanedLogIfReplaced()
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-wal"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-shm"))
        let putBack = try Store(path: path, options: StoreOptions(actor: "Test Officer"))
        XCTAssertEqual(try putBack.contactCount(), 1, "the backup as it was")
        XCTAssertEqual(try putBack.check(today: fixedToday).filter { $0.contains("integrity") }, [])
    }

    /// The file moved away under the screens: what the log held when it moved is copied into the
    /// moved file before the log is removed (a trial: the saves made before the move were lost).
    func testTheLogOfAFileMovedAwayGoesIntoItBeforeItIsRemoved() throws {
        if TestDatabase.isPostgres { throw XCTSkip("a file's") }
        let dir = TemporaryDirectory("heard-file-moved")
        let path = try storePath(in: dir)
        let store = try makeStore(in: dir)
        _ = try store.add(sampleComplaint(), today: fixedToday)
        // Written past the store's own copier, so that the log still holds it when the file moves.
        let pool = try XCTUnwrap(store.backend as? SQLiteBackend).pool
        try pool.write { try $0.execute(sql: "INSERT INTO holidays (date, title) VALUES ('2030-01-02', 'Only in the log')") }
        XCTAssertGreaterThan(try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int), 0)
        let moved = dir.path + "/moved.sqlite"
        XCTAssertEqual(rename(path, moved), 0)
        store.removeOrphanedLogIfReplaced()
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-wal"), "its log, emptied, is gone")
        let reopened = try Store(path: moved, options: StoreOptions(actor: "Test Officer"))
        XCTAssertEqual(try reopened.query { try $0.texts("SELECT title FROM holidays WHERE date = '2030-01-02'") }, ["Only in the log"])
        XCTAssertEqual(try reopened.contactCount(), 1)
        XCTAssertEqual(try reopened.check(today: fixedToday).filter { $0.contains("integrity") }, [])
    }

    private func copyfile(_ from: String, _ to: String) -> Bool {
        (try? FileManager.default.copyItem(atPath: from, toPath: to)) != nil
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
        XCTAssertTrue(why.contains("moved, deleted or replaced"), why)
        XCTAssertEqual(store.referencesOfReadsWaiting, [c.reference], "kept, to be named at the end")
    }
}
