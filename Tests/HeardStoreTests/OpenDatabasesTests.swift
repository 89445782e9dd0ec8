import Foundation
import HeardCore
import HeardFiles
@testable import HeardStore
import HeardTestSupport
import XCTest

/// SQLite's locks are POSIX record locks, the process's, not a descriptor's: a second store on a
/// file this process had open read the file's header through a descriptor of its own and closed
/// it, and every lock of the first store went with it (`heard demo` then had its log removed under
/// it by another Heard ending; its next save was "disk I/O error"; found by a trial).
final class OpenDatabasesTests: XCTestCase {
    /// The POSIX locks this process holds on the file at `path`, as the kernel lists them.
    private func locksHeld(on path: String) throws -> Int {
        var st = stat()
        guard stat(path, &st) == 0 else { return 0 }
        let text = try String(contentsOfFile: "/proc/locks", encoding: .utf8)
        let pid = String(getpid()), inode = ":\(st.st_ino)"
        return text.split(separator: "\n").filter { line in
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            return f.contains("POSIX") && f.contains(Substring(pid)) && f.contains { $0.hasSuffix(inode) }
        }.count
    }

    func testASecondStoreOnTheFileKeepsTheFirstStoresLocks() throws {
        try skipOnPostgres("the locks are SQLite's")
        let dir = TemporaryDirectory("heard-open-twice")
        let first = try makeStore(in: dir)
        let path = first.path
        _ = try first.add(sampleComplaint(received: "2022-03-01"), today: day("2022-03-15"))
        XCTAssertGreaterThan(try locksHeld(on: path), 0, "an open record holds SQLite's shared lock")
        XCTAssertTrue(OpenDatabases.contains(path))

        let second = try makeStore(in: dir)
        XCTAssertEqual(try second.contactCount(), 1)
        XCTAssertGreaterThan(try locksHeld(on: path), 0, "the second opening did not drop the first's locks")

        // Nor does a look at the file for a document or an export over it.
        XCTAssertThrowsError(try RegularFile.read(path, limit: 1 << 30)) { e in
            XCTAssertTrue("\(e)".contains("is the record Heard has open"), "\(e)")
        }
        XCTAssertNotNil(PrivateFile.refusal(path), "a database is not replaced")
        XCTAssertGreaterThan(try locksHeld(on: path), 0)
        // Nor its log or its index, by their names or a link to one: closing a descriptor of the
        // index dropped SQLite's lock on it (an attack attached -shm as a document).
        let shmLocks = try locksHeld(on: path + "-shm")
        XCTAssertGreaterThan(shmLocks, 0, "an open record holds its lock on the index")
        let link = dir.file("index-link")
        XCTAssertEqual(Foundation.link(path + "-shm", link), 0)
        for companion in [path + "-wal", path + "-shm", link] {
            XCTAssertThrowsError(try RegularFile.read(companion, limit: 1 << 30), companion)
        }
        XCTAssertEqual(try locksHeld(on: path + "-shm"), shmLocks)

        // Closed, it is noted closed; the first store still has it open.
        try second.closeFile()
        XCTAssertTrue(OpenDatabases.contains(path))
        try first.closeFile()
        XCTAssertFalse(OpenDatabases.contains(path))
    }
}
