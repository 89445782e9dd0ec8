import Foundation
import HeardTestSupport
import XCTest

/// Files hurt in ways a user meets: a damaged page, values of the wrong type written by another
/// tool, an event Heard does not know, a full disk under a backup, a read-only mount. Each gets
/// a message that says what happened and what to do, and changes nothing.
final class DamagedFileTests: XCTestCase {
    /// Runs python3's sqlite3 (another tool) on `db`.
    private func otherTool(_ db: String, _ sql: String) throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "python3's sqlite3 plays the other tool")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nc.executescript(sys.argv[2])\nc.commit()", db, sql]
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, "fixture")
    }

    func testADamagedPageIsCalledDamagedNotForeignAndCheckSaysSo() throws {
        try skipOnPostgres("a damaged page of the file")
        try requireBinary()
        let dir = TemporaryDirectory("heard-damaged")
        let db = try makeDemo(in: dir)
        try otherTool(db, "PRAGMA wal_checkpoint(TRUNCATE);")
        // The contacts table's root page, overwritten: SQLite reports SQLITE_CORRUPT on reading it.
        let q = Process()
        q.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        q.arguments = ["-c", """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            root = c.execute("SELECT rootpage FROM sqlite_master WHERE name = 'contacts'").fetchone()[0]
            size = c.execute("PRAGMA page_size").fetchone()[0]
            c.close()
            with open(sys.argv[1], 'r+b') as f:
                f.seek((root - 1) * size + 8)
                f.write(b'\\xff' * (size - 8))
            """, db]
        try q.run()
        q.waitUntilExit()
        XCTAssertEqual(q.terminationStatus, 0)
        let before = bytes(of: db)
        for args in [["cases"], ["actions"], ["export"]] {
            let r = try heard(args + ["--db", db], in: dir)
            XCTAssertEqual(r.status, 1, "\(args) must fail on a damaged file: \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("is damaged"), "\(args): \(r.stderr)")
            XCTAssertFalse(r.stderr.contains("not an SQLite database"), r.stderr)
        }
        let check = try heard(["check", "--db", db], in: dir)
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.stderr.contains("damaged"), check.stderr)
        XCTAssertTrue(check.stderr.contains("integrity"), check.stderr)
        XCTAssertEqual(bytes(of: db), before, "nothing was changed")
    }

    func testCheckNamesValuesOfTheWrongTypeAndEventsHeardCannotRead() throws {
        try skipOnPostgres("sqlite3 writes the wrong types into the file")
        try requireBinary()
        let dir = TemporaryDirectory("heard-types")
        let db = try makeDemo(in: dir)
        XCTAssertEqual(try heard(["check", "--db", db], in: dir).status, 0)
        try otherTool(db, """
            UPDATE contacts SET summary = x'00ff' WHERE id = 5;
            UPDATE events SET kind = 'zapped' WHERE id = 7;
            UPDATE actions SET title = x'41' WHERE id = 2;
            """)
        let check = try heard(["check", "--db", db], in: dir)
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.stderr.contains("contacts.summary: 1 row holds blob"), check.stderr)
        XCTAssertTrue(check.stderr.contains("(#5)"), check.stderr)
        XCTAssertTrue(check.stderr.contains("actions.title: 1 row holds blob"), check.stderr)
        XCTAssertTrue(check.stderr.contains("1 event row with a kind or date Heard cannot read"), check.stderr)
        XCTAssertTrue(check.stderr.contains("#7"), check.stderr)
    }

    /// A small file system of its own (tmpfs): only where this user may mount one.
    private func mount(_ options: String, at path: String) throws {
        try XCTSkipUnless(geteuid() == 0, "mounting a small file system needs root")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/mount")
        p.arguments = ["-t", "tmpfs", "-o", options, "tmpfs", path]
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        try XCTSkipUnless(p.terminationStatus == 0, "cannot mount tmpfs here")
    }

    private func unmount(_ path: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/umount")
        p.arguments = [path]
        try? p.run()
        p.waitUntilExit()
    }

    func testAFullDiskUnderABackupSaysTheDiskIsFullAndLeavesNoFile() throws {
        try skipOnPostgres("heard backup copies a SQLite file")
        try requireBinary()
        let dir = TemporaryDirectory("heard-full")
        let db = try makeDemo(in: dir)
        let small = dir.path + "/small"
        try FileManager.default.createDirectory(atPath: small, withIntermediateDirectories: true)
        try mount("size=128k", at: small)
        defer { unmount(small) }
        let r = try heard(["backup", "--db", db, small + "/copy.db"], in: dir)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("the disk is full"), r.stderr)
        XCTAssertFalse(r.stderr.contains("not an error"), r.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: small), [], "no partial backup is left")
    }

    func testAReadOnlyMountIsNamedAsSuch() throws {
        try skipOnPostgres("a file on a read-only mount")
        try requireBinary()
        let dir = TemporaryDirectory("heard-ro")
        let db = try makeDemo(in: dir)
        let ro = dir.path + "/ro"
        try FileManager.default.createDirectory(atPath: ro, withIntermediateDirectories: true)
        try mount("size=4m", at: ro)
        defer { unmount(ro) }
        let copy = ro + "/demo.sqlite"
        try otherTool(db, "PRAGMA wal_checkpoint(TRUNCATE);")
        try FileManager.default.copyItem(atPath: db, toPath: copy)
        let remount = Process()
        remount.executableURL = URL(fileURLWithPath: "/bin/mount")
        remount.arguments = ["-o", "remount,ro", ro]
        try remount.run()
        remount.waitUntilExit()
        try XCTSkipUnless(remount.terminationStatus == 0, "cannot remount read-only here")
        for args in [["cases"], ["move", "1", "acknowledge"]] {
            let r = try heard(args + ["--db", copy], in: dir)
            XCTAssertEqual(r.status, 1, "\(args)")
            XCTAssertTrue(r.stderr.contains("read-only file system"), "\(args): \(r.stderr)")
            XCTAssertFalse(r.stderr.contains("Heard is open read-only"), r.stderr)
        }
    }
}

/// Report dates keep to the years every other date Heard takes is in.
final class ReportYearRangeTests: XCTestCase {
    func testAReportOf1899OrOf2300IsABadUsageNamingTheRange() throws {
        try requireBinary()
        let dir = TemporaryDirectory("heard-years")
        let db = try makeDemo(in: dir)
        for (from, to) in [("1899-01-01", "1899-12-31"), ("2021-04-01", "2300-01-01")] {
            let r = try heard(["report", "--from", from, "--to", to, "--db", db], in: dir)
            XCTAssertEqual(r.status, 2, "\(from)..\(to): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("1900 to 2100"), r.stderr)
            XCTAssertTrue(r.stdout.isEmpty)
        }
        XCTAssertEqual(try heard(["report", "--from", "2021-04-01", "--to", "2022-03-31", "--db", db], in: dir).status, 0)
    }
}
