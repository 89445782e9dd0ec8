import Foundation
import GRDB
@testable import HeardStore
import HeardTestSupport
import XCTest

/// The log (`-wal`) is copied into the file after a large commit on a connection of its own
/// (`LogCheckpointer`), not inside the commit the officer waits for; closing the file and
/// emptying the log still wait for it.
final class LogCheckpointTests: XCTestCase {
    private func checkpointer(_ store: Store) throws -> LogCheckpointer {
        try XCTUnwrap((store.backend as? SQLiteBackend)?.checkpointer)
    }

    /// A fresh file-backed store (the log is SQLite's: skipped on PostgreSQL).
    private func fileStore() throws -> (TemporaryDirectory, Store) {
        try skipOnPostgres("the log is SQLite's")
        let dir = TemporaryDirectory("heard-ckpt")
        return (dir, try makeStore(in: dir))
    }

    /// Writes about `megabytes` of rows in one transaction.
    private func fill(_ store: Store, megabytes: Int) throws {
        try store.write { tx in try fillRows(tx.sql, megabytes: megabytes) }
    }

    private func fillRows(_ conn: any SQLConnection, megabytes: Int) throws {
        try conn.execute("CREATE TABLE IF NOT EXISTS filler (x TEXT)")
        let row = String(repeating: "x", count: 1000)
        for _ in 0..<(megabytes * 1000) { try conn.executeCached("INSERT INTO filler VALUES (?)", [.text(row)]) }
    }

    /// `fill` on the pool itself, past the store's check that the path still names the file it
    /// opened (`SQLiteBackend.checkStillThere`, which refuses the store's own writes then): what
    /// the checkpointer does with the writes that still reach the open file.
    private func fillPastTheCheck(_ store: Store, megabytes: Int) throws {
        let sqlite = try XCTUnwrap(store.backend as? SQLiteBackend)
        try sqlite.pool.write { db in try fillRows(SQLiteConnection(db), megabytes: megabytes) }
    }

    /// The store's own write, refused since the path no longer names the file it opened.
    private func assertRefusedAsGone(_ store: Store, file: StaticString = #filePath, line: UInt = #line) {
        let e = storeError { try fill(store, megabytes: 1) }
        XCTAssertEqual(e?.description.contains("was moved, deleted or replaced since Heard opened it"), true, e?.description ?? "not refused", file: file, line: line)
    }

    /// The filler rows a copy of the file has without its log.
    private func rowsInTheFileAlone(_ dir: TemporaryDirectory) throws -> Int? {
        let copy = dir.file("copy-\(UUID().uuidString).sqlite")
        try FileManager.default.copyItem(atPath: dir.file("heard.sqlite"), toPath: copy)
        return try DatabaseQueue(path: copy).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM filler") }
    }

    func testALargeCommitIsCopiedIntoTheFileBesideTheWork() throws {
        let (dir, store) = try fileStore()
        let ckpt = try checkpointer(store)
        ckpt.wait()
        let before = ckpt.completed
        // 6 MB: past SQLite's 1,000 pages of 4 KB.
        try fill(store, megabytes: 6)
        ckpt.wait()
        XCTAssertGreaterThan(ckpt.completed, before, "a commit past 1,000 pages starts a checkpoint")
        // Every page the commit wrote is in the file now: a copy of the file alone, without
        // its log, has the rows.
        XCTAssertEqual(try rowsInTheFileAlone(dir), 6000)
    }

    /// The log's length in frames as a new connection finds it (a PASSIVE checkpoint's count).
    private func framesInTheLog(_ dir: TemporaryDirectory) throws -> Int {
        try DatabaseQueue(path: dir.file("heard.sqlite")).writeWithoutTransaction { db in
            try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)")?[1] as Int? ?? -1
        }
    }

    /// A command's end left its log whole: copied into the file but not emptied, so every later
    /// reader looked through it (after `heard bulk` of 100,000 cases, 108 MB: `heard report`
    /// took 400 ms rather than 120 ms until someone next wrote). `finish` empties and removes it.
    func testFinishingEmptiesTheLogAndRemovesIt() throws {
        let (dir, store) = try fileStore()
        try fill(store, megabytes: 6)
        store.finish()
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.file("heard.sqlite") + "-wal"), "the log is removed")
        XCTAssertEqual(try rowsInTheFileAlone(dir), 6000, "and everything is in the file")
    }

    /// Another connection to the file (another Heard reading it) keeps the log: it is its to
    /// copy and remove; nothing is waited for, and what it reads is whole.
    func testFinishingLeavesTheLogOfAFileOthersHaveOpen() throws {
        let (dir, store) = try fileStore()
        try fill(store, megabytes: 6)
        let other = try DatabasePool(path: dir.file("heard.sqlite"))
        try other.read { db in
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM filler"), 6000)
            store.finish()
            XCTAssertTrue(FileManager.default.fileExists(atPath: dir.file("heard.sqlite") + "-wal"), "the log stays while another reads")
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM filler"), 6000)
        }
        try other.close()
    }

    /// A store opened to read only leaves the file as it found it.
    func testFinishingAStoreThatOnlyReadsWritesNothing() throws {
        let (dir, store) = try fileStore()
        try fill(store, megabytes: 6)
        try checkpointer(store).wait()
        let frames = try framesInTheLog(dir)
        XCTAssertGreaterThan(frames, 1000)
        let reader = try Store(path: dir.file("heard.sqlite"), options: StoreOptions(readOnly: true))
        try store.closeFile()
        _ = try reader.undoableCount()
        reader.finish()
        XCTAssertEqual(try framesInTheLog(dir), frames, "the log as it was")
        // Asked to (a command that read, not one under --read-only), it empties the log too.
        let again = try Store(path: dir.file("heard.sqlite"), options: StoreOptions(readOnly: true))
        _ = try again.undoableCount()
        again.finish(emptyingTheLog: true)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.file("heard.sqlite") + "-wal"))
        XCTAssertEqual(try rowsInTheFileAlone(dir), 6000)
    }

    func testASmallCommitStartsNoCheckpoint() throws {
        let (dir, store) = try fileStore()
        defer { withExtendedLifetime(dir) {} }  // the folder holds the file until the end
        let ckpt = try checkpointer(store)
        ckpt.wait()
        let before = ckpt.completed
        _ = try store.add(sampleComplaint(), today: day("2022-01-10"))
        ckpt.wait()
        XCTAssertEqual(ckpt.completed, before)
    }

    func testClosingTheFileWaitsForTheCheckpoint() throws {
        let (dir, store) = try fileStore()
        try fill(store, megabytes: 6)
        try store.closeFile()
        // Closed: the copy started by the commit has finished, so the file alone has the rows.
        XCTAssertEqual(try rowsInTheFileAlone(dir), 6000)
    }

    /// The file gone from its folder (the store still holds it open): the store's writes are
    /// refused; writes that reach the open file all the same are not lost to the checkpoint,
    /// which cannot open its connection: the writer checkpoints in its commit again.
    func testWhenTheCheckpointCannotOpenTheFileTheWriterDoesItAsBefore() throws {
        let (dir, store) = try fileStore()
        let ckpt = try checkpointer(store)
        XCTAssertTrue(ckpt.opens)
        XCTAssertEqual(unlink(dir.file("heard.sqlite")), 0)
        assertRefusedAsGone(store)
        try fillPastTheCheck(store, megabytes: 6)
        ckpt.wait()
        XCTAssertFalse(ckpt.opens, "the checkpoint found no file to open")
        try fillPastTheCheck(store, megabytes: 6)
        XCTAssertEqual(try store.query { try $0.int("SELECT count(*) FROM filler") }, 12000)
    }

    /// Another file moved into the store's path (a backup put back) is not checkpointed: its
    /// bytes stay as they were, and the writer goes on checkpointing its own file in its commit.
    func testAFileMovedIntoThePathIsLeftAlone() throws {
        let (dir, store) = try fileStore()
        let other = try makeStore(in: dir, name: "other.sqlite")
        try fill(other, megabytes: 1)
        try other.closeFile()
        let before = try Data(contentsOf: URL(fileURLWithPath: dir.file("other.sqlite")))
        XCTAssertEqual(rename(dir.file("other.sqlite"), dir.file("heard.sqlite")), 0)
        assertRefusedAsGone(store)
        try fillPastTheCheck(store, megabytes: 6)
        let ckpt = try checkpointer(store)
        ckpt.wait()
        XCTAssertFalse(ckpt.opens, "the path names another file now")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir.file("heard.sqlite"))), before, "the other file is untouched")
        try fillPastTheCheck(store, megabytes: 6)
        XCTAssertEqual(try store.query { try $0.int("SELECT count(*) FROM filler") }, 12000)
    }

    /// A link pointed at another file while the store is open: the same.
    func testALinkPointedElsewhereIsNotFollowedByTheCheckpoint() throws {
        try skipOnPostgres("the log is SQLite's")
        let dir = TemporaryDirectory("heard-ckpt")
        _ = try makeStore(in: dir, name: "real.sqlite")
        let other = try makeStore(in: dir, name: "other.sqlite")
        try other.closeFile()
        XCTAssertEqual(symlink("real.sqlite", dir.file("link.sqlite")), 0)
        let store = try Store(path: dir.file("link.sqlite"), options: StoreOptions(actor: "Test Officer"))
        try fill(store, megabytes: 6)
        let ckpt = try checkpointer(store)
        ckpt.wait()
        XCTAssertTrue(ckpt.opens, "through the link it is the same file")
        let files = ["other.sqlite", "other.sqlite-wal", "other.sqlite-shm"].map(dir.file)
        let before = files.map { FileManager.default.contents(atPath: $0) }
        XCTAssertEqual(unlink(dir.file("link.sqlite")), 0)
        XCTAssertEqual(symlink("other.sqlite", dir.file("link.sqlite")), 0)
        assertRefusedAsGone(store)
        try fillPastTheCheck(store, megabytes: 6)
        ckpt.wait()
        XCTAssertFalse(ckpt.opens)
        XCTAssertEqual(files.map { FileManager.default.contents(atPath: $0) }, before, "the other file and its companions are untouched")
    }

    /// A command's process waits for its checkpoints before it exits.
    func testWaitingForEveryCheckpointLeavesTheFileWhole() throws {
        let (dir, store) = try fileStore()
        try fill(store, megabytes: 6)
        Store.waitForLogCopies()
        XCTAssertEqual(try rowsInTheFileAlone(dir), 6000)
    }
}
