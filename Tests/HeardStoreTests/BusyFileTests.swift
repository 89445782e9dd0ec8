import Foundation
import GRDB
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// Another process holding the file: a write waits, tries again, and when the file stays busy
/// is refused whole with a message that says so; once it is free the same write succeeds.
final class BusyFileTests: XCTestCase {
    func testAWriteRefusedAsBusyChangesNothingAndSucceedsOnceTheFileIsFree() throws {
        let dir = TemporaryDirectory("heard-busy-store")
        var options = StoreOptions(actor: "Test Officer")
        options.busyTimeout = 0.05
        options.busyRetries = 2
        let store = try Store(path: try storePath(in: dir), options: options)
        let before = try auditCount(store.path)
        let lock = try HeldWriteLock(path: store.path)
        let started = Date()
        let e = storeError { try store.addAction(ActionItem(title: "Write to the carer", created: fixedToday)) }
        // Three attempts of 50 ms each, and the pauses between them.
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.15, "it waited and tried again")
        // On a server there is no file to name: another session is saving (PostgresError.storeError).
        XCTAssertEqual(e, TestDatabase.isPostgres ? .serverBusy : .database("the file is locked by another process; try again"))
        lock.release()
        XCTAssertEqual(try store.actions(today: fixedToday).count, 0)
        XCTAssertEqual(try auditCount(store.path), before)
        let saved = try store.addAction(ActionItem(title: "Write to the carer", created: fixedToday))
        XCTAssertEqual(saved.title, "Write to the carer")
    }

    /// The screens' store gives up on a busy file after about two seconds (it froze the screen
    /// for fifteen), and says beforehand, without waiting, that the file is busy.
    func testTheScreensWaitAboutTwoSecondsAndCanAskWithoutWaiting() throws {
        let dir = TemporaryDirectory("heard-busy-brief")
        var options = StoreOptions(actor: "Test Officer")
        options.waitBriefly()
        let store = try Store(path: try storePath(in: dir), options: options)
        XCTAssertFalse(store.fileIsBusy())
        let lock = try HeldWriteLock(path: store.path)
        var started = Date()
        XCTAssertTrue(store.fileIsBusy())
        XCTAssertLessThan(Date().timeIntervalSince(started), 1.0, "asked without waiting (the wait would be a second or more)")
        started = Date()
        let e = storeError { try store.addAction(ActionItem(title: "Write to the carer", created: fixedToday)) }
        let waited = Date().timeIntervalSince(started)
        XCTAssertEqual(e?.isBusy, true)
        XCTAssertGreaterThanOrEqual(waited, 1.5, "it waited and tried again")
        // How long at most is the configuration's to say (a clock's upper bound flakes on a loaded machine).
        XCTAssertLessThanOrEqual(options.busyTimeout * Double(options.busyRetries + 1), 3)
        lock.release()
        XCTAssertFalse(store.fileIsBusy())
        XCTAssertEqual(try store.addAction(ActionItem(title: "Write to the carer", created: fixedToday)).title, "Write to the carer")
    }
}

/// A file another tool put in rollback-journal mode cannot be read while that tool commits
/// (SQLite's EXCLUSIVE lock): opening it waits as a write does, where the first look at the file
/// was refused at once as "locked" (found by an attack).
final class RollbackJournalOpenTests: XCTestCase {
    func testOpeningWaitsForAnotherToolsCommit() throws {
        try skipOnPostgres("a file's locks")
        let dir = TemporaryDirectory("heard-rollback-open")
        let path = try storePath(in: dir)
        try Store(path: path, options: StoreOptions(actor: "Test Officer")).closeFile()
        let other = try DatabaseQueue(path: path)
        try other.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = DELETE") }
        let holding = DispatchSemaphore(value: 0), released = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            try? other.inTransaction(.exclusive) { db in
                try db.execute(sql: "UPDATE holidays SET title = title")
                holding.signal()
                Thread.sleep(forTimeInterval: 0.3)
                return .commit
            }
            released.signal()
        }
        holding.wait()
        var options = StoreOptions(readOnly: true, actor: "Test Officer")
        options.busyTimeout = 5
        let started = Date()
        let store = try Store(path: path, options: options)
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.2, "it waited for the commit")
        XCTAssertEqual(try store.allContacts().count, 0)
        released.wait()
        try other.close()
        XCTAssertEqual(try DatabaseQueue(path: path).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }, "delete", "fixture: the other tool's mode")
    }
}

/// A full disk met before SQLite's -shm has its pages comes back from SQLite as "disk I/O
/// error": said as the full disk it is when the file's folder has (almost) no room left, and as
/// SQLite's words otherwise (found by an attack on a full tmpfs).
final class FullDiskWordsTests: XCTestCase {
    func testAnIOErrorOnAFullDiskSaysTheDiskIsFull() {
        let e = DatabaseError(resultCode: .SQLITE_IOERR_SHMSIZE, message: "disk I/O error")
        XCTAssertEqual(Store.translate(e, path: "/srv/heard.sqlite", freeBytes: { _ in 0 }), .diskFull("/srv/heard.sqlite"))
        XCTAssertEqual(Store.translate(e, path: "/srv/heard.sqlite", freeBytes: { _ in 1 << 30 }), .database("disk I/O error"))
        XCTAssertEqual(Store.translate(e, path: "/srv/heard.sqlite", freeBytes: { _ in nil }), .database("disk I/O error"), "unknown room: SQLite's words")
        XCTAssertTrue(StoreError.diskFull("/srv/heard.sqlite").description.contains("the disk is full"))
    }
}

/// A new file that never became a record (a full disk, a log SQLite cannot make) is taken
/// away again: an empty file was left, and the next try said it was no Heard database (found
/// by an attack on a full disk).
final class NewFileTakenBackTests: XCTestCase {
    func testANewFileThatCouldNotBeMadeARecordIsRemoved() throws {
        try skipOnPostgres("a file's companions")
        let dir = TemporaryDirectory("heard-new-file-back")
        let path = dir.file("new.sqlite")
        // SQLite cannot make its log where a folder has its name.
        try FileManager.default.createDirectory(atPath: path + "-wal", withIntermediateDirectories: true)
        XCTAssertThrowsError(try Store(path: path, options: StoreOptions(actor: "Test Officer")))
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "no empty file left behind")
        XCTAssertTrue(FileManager.default.fileExists(atPath: path + "-wal"), "what was there before stays")
        // An existing file is never removed, whatever fails.
        try FileManager.default.removeItem(atPath: path + "-wal")
        try Store(path: path, options: StoreOptions(actor: "Test Officer")).closeFile()
        try? FileManager.default.removeItem(atPath: path + "-wal")
        try FileManager.default.createDirectory(atPath: path + "-wal", withIntermediateDirectories: true)
        XCTAssertThrowsError(try Store(path: path, options: StoreOptions(actor: "Test Officer")))
        XCTAssertTrue(FileManager.default.fileExists(atPath: path))
    }
}
