import Foundation
import GRDB
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// The immutable open of a file in a folder SQLite cannot write in (`UnwritableFolder`): its URI
/// names the very file whatever its name holds, and it is used only when no -wal holds saves.
/// (The folders themselves are tried on a read-only mount: `DamagedFileTests`.)
final class UnwritableFolderTests: XCTestCase {
    func testTheURINamesTheFileWhateverItsNameHolds() throws {
        try skipOnPostgres("a SQLite file's URI")
        try XCTSkipUnless(UnwritableFolder.supportsURIs, "this SQLite takes no URIs")
        let dir = TemporaryDirectory()
        // A ? or # would end the name in a URI, a % would be decoded, a space and é are bytes.
        for name in ["plain.sqlite", "a?b#c%41d.sqlite", "back up é 100%.sqlite", "%3F.sqlite"] {
            let path = dir.file(name)
            let q = try DatabaseQueue(path: path)
            try q.write { try $0.execute(sql: "CREATE TABLE t(x); INSERT INTO t VALUES (?)", arguments: [name]) }
            try q.close()
            var config = Configuration()
            config.readonly = true
            let uri = UnwritableFolder.uri(path)
            XCTAssertTrue(uri.hasPrefix("file:///") && uri.hasSuffix("?immutable=1"), uri)
            let reader = try DatabaseQueue(path: uri, configuration: config)
            XCTAssertEqual(try reader.read { try String.fetchOne($0, sql: "SELECT x FROM t") }, name)
            try reader.close()
            for suffix in ["-wal", "-shm", "-journal"] {
                XCTAssertFalse(FileManager.default.fileExists(atPath: path + suffix), "\(name)\(suffix): an immutable read makes no file")
            }
        }
        // Not the file in the folder above, nor any file a decoded name would be.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(),
                       ["%3F.sqlite", "a?b#c%41d.sqlite", "back up é 100%.sqlite", "plain.sqlite"])
    }

    func testALogHoldsSavesUnlessAbsentOrNoLongerThanItsHeader() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("r.sqlite")
        XCTAssertFalse(UnwritableFolder.logHoldsSaves(path), "no -wal")
        for (bytes, holds) in [(0, false), (32, false), (33, true), (4_152, true)] {
            XCTAssertTrue(FileManager.default.createFile(atPath: path + "-wal", contents: Data(repeating: 1, count: bytes)))
            XCTAssertEqual(UnwritableFolder.logHoldsSaves(path), holds, "\(bytes) bytes")
        }
        // A -wal that is a link to a log elsewhere is looked at, not followed: it may hold saves.
        try FileManager.default.removeItem(atPath: path + "-wal")
        try FileManager.default.createSymbolicLink(atPath: path + "-wal", withDestinationPath: dir.file("nowhere"))
        XCTAssertTrue(UnwritableFolder.logHoldsSaves(path))
    }

    func testAFileInAWritableFolderIsOpenedByItsPathAsEver() throws {
        let dir = TemporaryDirectory()
        XCTAssertNil(UnwritableFolder.immutableURI(dir.file("r.sqlite"), readOnly: true))
        XCTAssertNil(UnwritableFolder.immutableURI("/proc/r.sqlite", readOnly: false), "only for reading")
    }

    // MARK: - A live folder seen through a read-only bind mount (root only)

    private func run(_ tool: String, _ arguments: [String]) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// A record of one case on a disk of its own (a tmpfs mounted with `options`), its writer
    /// closed: the folder holding the disk's (kept while the test holds it), the disk's folder and
    /// the record's path. Skips where that cannot be done.
    private func recordOnASmallDisk(_ options: String) throws -> (dir: TemporaryDirectory, disk: String, path: String) {
        try skipOnPostgres("a SQLite file read immutable")
        try XCTSkipUnless(UnwritableFolder.supportsURIs, "this SQLite takes no URIs")
        try XCTSkipUnless(geteuid() == 0, "mounting a small disk needs root")
        let dir = TemporaryDirectory()
        let disk = dir.file("disk")
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        try XCTSkipUnless(run("/bin/mount", ["-t", "tmpfs", "-o", options, "tmpfs", disk]) == 0, "cannot mount a small disk here")
        addTeardownBlock { _ = self.run("/bin/umount", [disk]); try? FileManager.default.removeItem(atPath: dir.path) }
        let path = disk + "/r.sqlite"
        let writer = try Store(path: path, options: StoreOptions(actor: "Writer"))
        _ = try writer.add(sampleComplaint(), today: day("2022-01-04"))
        writer.finish()
        return (dir, disk, path)
    }

    /// `live` seen read-only at another path: what a writer changes there is what a reader of
    /// the other path reads without locks (the attack's set-up). The folder is removed once the
    /// view is gone: removed while mounted, the view refuses and the folder stayed in /tmp.
    private func readOnlyView(of live: String, at view: String, in dir: TemporaryDirectory) throws {
        try XCTSkipUnless(geteuid() == 0, "bind mounts need root")
        try FileManager.default.createDirectory(atPath: view, withIntermediateDirectories: true)
        try XCTSkipUnless(run("/bin/mount", ["--bind", live, view]) == 0, "cannot bind mount here")
        addTeardownBlock { _ = self.run("/bin/umount", [view]); try? FileManager.default.removeItem(atPath: dir.path) }
        try XCTSkipUnless(run("/bin/mount", ["-o", "remount,bind,ro", view]) == 0, "cannot make a bind mount read-only here")
    }

    func testAFileChangedWhileReadWithoutLocksFailsTheReadSayingSo() throws {
        try skipOnPostgres("a SQLite file read immutable")
        try XCTSkipUnless(UnwritableFolder.supportsURIs, "this SQLite takes no URIs")
        let dir = TemporaryDirectory()
        let live = dir.file("live"), view = dir.file("view")
        try FileManager.default.createDirectory(atPath: live, withIntermediateDirectories: true)
        let writer = try Store(path: live + "/r.sqlite", options: StoreOptions(actor: "Writer"))
        _ = try writer.add(sampleComplaint(), today: day("2022-01-04"))
        writer.finish()
        try readOnlyView(of: live, at: view, in: dir)

        let reader = try Store(path: view + "/r.sqlite", options: StoreOptions(readOnly: true, create: false, actor: "Reader"))
        XCTAssertTrue(reader.cannotRecordReads, "read immutable: nothing can be written there")
        XCTAssertEqual(try reader.query { try $0.int("SELECT count(*) FROM contacts") }, 1)
        XCTAssertNil(reader.readFileChanged())
        // Another program changes the file (a save, copied into it) while the reader has it.
        let other = try Store(path: live + "/r.sqlite", options: StoreOptions(actor: "Writer"))
        _ = try other.add(sampleComplaint(name: "Second Person"), today: day("2022-01-05"))
        other.finish()
        XCTAssertThrowsError(try reader.query { try $0.int("SELECT count(*) FROM contacts") }) { e in
            XCTAssertTrue("\(e)".contains("was changed by another program while Heard read it"), "\(e)")
        }
        XCTAssertNotNil(reader.readFileChanged())
        // A backup of it now may be torn: none is put in place.
        XCTAssertThrowsError(try reader.backup(to: dir.file("copy.sqlite"))) { e in
            XCTAssertTrue("\(e)".contains("No backup was written"), "\(e)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.file("copy.sqlite")))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".heard-backup") }, [])
        // The report's readers read outside `query`, and are asked too.
        XCTAssertThrowsError(try reader.reportPieces(relevantTo: Period(from: day("2021-04-01"), to: day("2022-03-31"))) { _ in }) { e in
            XCTAssertTrue("\(e)".contains("was changed by another program while Heard read it"), "\(e)")
        }
        reader.finish()
    }

    func testAFileOnAFullDiskIsReadAsItIsAndItsReadsSaidUnrecorded() throws {
        let (dir, disk, path) = try recordOnASmallDisk("size=4m")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-shm"), "the writer's last close removed its -shm")
        // Filled to the last byte, as a disk is when a log or a backup ran away.
        let fill = FileHandle(forWritingAtPath: { FileManager.default.createFile(atPath: disk + "/fill", contents: nil); return disk + "/fill" }())
        let block = Data(count: 64 * 1024)
        while (try? fill?.write(contentsOf: block)) != nil {}
        try? fill?.close()
        XCTAssertTrue(UnwritableFolder.diskFull(path))
        XCTAssertFalse(Store.roomToKeepWorkings(path), "a reading command keeps no workings there")
        XCTAssertTrue(Store.roomToKeepWorkings(dir.file("elsewhere.sqlite")))
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        let reader = try Store(path: path, options: StoreOptions(readOnly: true, create: false, actor: "Reader"))
        XCTAssertTrue(reader.cannotRecordReads, "nothing can be written on a full disk")
        XCTAssertEqual(try reader.query { try $0.int("SELECT count(*) FROM contacts") }, 1)
        XCTAssertEqual(try reader.allContacts().map(\.complainantName), ["Test Person"])
        let id = try XCTUnwrap(try reader.allContacts().first?.id)
        guard case .failed(let why) = reader.recordRead(contactID: id, via: .show) else { return XCTFail("a read recorded on a full disk") }
        XCTAssertTrue(why.contains("the disk holding \(path) is full"), why)
        XCTAssertNil(reader.readFileChanged())
        reader.finish()
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before, "not a byte changed")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-shm"))

        // Opened to write, the full disk is still said as such.
        XCTAssertThrowsError(try Store(path: path, options: StoreOptions(actor: "Writer"))) { e in
            XCTAssertEqual(e as? StoreError, .diskFull(path), "\(e)")
        }
    }

    func testADiskWithNoFileLeftToMakeIsReadAsAFullOne() throws {
        let (dir, disk, path) = try recordOnASmallDisk("size=8m,nr_inodes=8")
        defer { withExtendedLifetime(dir) {} }
        // Every file the disk may hold made (megabytes free, no inode).
        var n = 0
        while FileManager.default.createFile(atPath: disk + "/f\(n)", contents: nil) && n < 100 { n += 1 }
        XCTAssertEqual(FileDiagnosis.room(near: path)?.files, 0)
        XCTAssertGreaterThan(FileDiagnosis.freeBytes(near: path) ?? 0, 1 << 20)
        XCTAssertTrue(UnwritableFolder.diskFull(path))

        let reader = try Store(path: path, options: StoreOptions(readOnly: true, create: false, actor: "Reader"))
        XCTAssertTrue(reader.cannotRecordReads)
        XCTAssertEqual(try reader.allContacts().count, 1)
        reader.finish()
    }

    func testAFileAnotherProgramHasOpenIsNotReadWithoutLocks() throws {
        try skipOnPostgres("a SQLite file read immutable")
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "python3's sqlite3 plays the other program")
        let dir = TemporaryDirectory()
        let live = dir.file("live"), view = dir.file("view")
        try FileManager.default.createDirectory(atPath: live, withIntermediateDirectories: true)
        let writer = try Store(path: live + "/r.sqlite", options: StoreOptions(actor: "Writer"))
        writer.finish()
        try readOnlyView(of: live, at: view, in: dir)
        // Another program with the file open (its connection holds a lock on the -shm), until told.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        holder.arguments = ["-c", "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nc.execute('SELECT count(*) FROM contacts').fetchall()\nprint('open', flush=True)\nsys.stdin.readline()",
                            live + "/r.sqlite"]
        let input = Pipe(), output = Pipe()
        holder.standardInput = input
        holder.standardOutput = output
        try holder.run()
        defer { try? input.fileHandleForWriting.close(); holder.waitUntilExit() }
        XCTAssertTrue(String(decoding: output.fileHandleForReading.availableData, as: UTF8.self).hasPrefix("open"))
        XCTAssertTrue(UnwritableFolder.openElsewhere(UnwritableFolder.resolved(view + "/r.sqlite") ?? ""))
        XCTAssertNil(UnwritableFolder.immutableURI(view + "/r.sqlite", readOnly: true))
        // Read as SQLite reads a file in use: through the -shm the other program keeps, with its locks.
        let reader = try Store(path: view + "/r.sqlite", options: StoreOptions(readOnly: true, create: false, actor: "Reader"))
        XCTAssertNil((reader.backend as? SQLiteBackend)?.immutable, "not read without locks")
        XCTAssertEqual(try reader.query { try $0.int("SELECT count(*) FROM contacts") }, 0)
        reader.finish()
    }
}

