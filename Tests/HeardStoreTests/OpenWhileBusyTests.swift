import Foundation
import GRDB
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// Opening a file while another program is writing to it (an import, a long bulk change, a tool
/// with a transaction open): a file that is up to date opens without writing; when the library
/// must write to open it (its log empty), the refusal says how to look meanwhile (a trial found
/// the screens would not start, saying only "try again"). SQLite only: a server has no file lock.
final class OpenWhileBusyTests: XCTestCase {
    private func briefly() -> StoreOptions {
        var o = StoreOptions(actor: "Officer Two")
        o.waitBriefly()
        return o
    }

    func testAnUpToDateFileOpensWhileAnotherProgramWrites() throws {
        if TestDatabase.isPostgres { throw XCTSkip("SQLite's file lock") }
        let dir = TemporaryDirectory("heard-open-busy")
        let path = try storePath(in: dir)
        let first = try makeStore(in: dir)
        _ = try first.add(sampleComplaint(), today: fixedToday)
        // Frames in the log, as a writer's work leaves them.
        let other = try DatabaseQueue(path: path)
        try other.write { try $0.execute(sql: "UPDATE holidays SET title = title || '' WHERE 0 = 1; UPDATE contacts SET officer = officer") }
        let lock = try HeldWriteLock(path: path)
        defer { lock.release() }
        let second = try Store(path: path, options: briefly())
        XCTAssertEqual(try second.contactCount(), 1)
        try other.close()
    }

    func testAFileThatMustBeWrittenToOpenSaysHowToLookMeanwhile() throws {
        if TestDatabase.isPostgres { throw XCTSkip("SQLite's file lock") }
        let dir = TemporaryDirectory("heard-open-busy-empty-log")
        let path = try storePath(in: dir)
        let first = try makeStore(in: dir)
        _ = try first.add(sampleComplaint(), today: fixedToday)
        try first.closeFile()
        let other = try DatabaseQueue(path: path)
        try other.writeWithoutTransaction { _ = try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let lock = try HeldWriteLock(path: path)
        defer { lock.release() }
        XCTAssertThrowsError(try Store(path: path, options: briefly())) { e in
            XCTAssertEqual(e as? StoreError, StoreError.busyAtOpen, "\(e)")
            XCTAssertTrue("\(e)".contains("--read-only"), "\(e)")
        }
        var looking = briefly()
        looking.readOnly = true
        XCTAssertEqual(try Store(path: path, options: looking).contactCount(), 1, "--read-only opens")
        try other.close()
    }
}
