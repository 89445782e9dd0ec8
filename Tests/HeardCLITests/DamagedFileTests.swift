import Foundation
import HeardTestSupport
import XCTest

/// Files hurt in ways a user meets: a damaged page, values of the wrong type written by another
/// tool, an event Heard does not know, a full disk under a backup, a read-only mount. Each gets
/// a message that says what happened and what to do, and changes nothing.
final class DamagedFileTests: XCTestCase {
    /// Runs python3's sqlite3 (another tool) on `db`.
    func otherTool(_ db: String, _ sql: String) throws {
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

        // The same file where SQLite cannot make its -shm (a backup on a read-only share): the
        // check reads it without locks and says where it is damaged, as it does above (it had
        // said only "the check itself could not read the file").
        let ro = try readOnlyMount(in: dir) { ro in try FileManager.default.copyItem(atPath: db, toPath: ro + "/demo.sqlite") }
        let shared = try heard(["check", "--db", ro + "/demo.sqlite"], in: dir)
        XCTAssertEqual(shared.status, 1)
        XCTAssertTrue(shared.stderr.contains("damaged"), shared.stderr)
        XCTAssertFalse(shared.stderr.contains("could not read the file"), shared.stderr)
        XCTAssertEqual(shared.stderr.components(separatedBy: "\n").filter { $0.hasPrefix("integrity:") }.count,
                       check.stderr.components(separatedBy: "\n").filter { $0.hasPrefix("integrity:") }.count, shared.stderr)
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

    /// A folder of its own on a small file system, filled by `fill`, then made read-only
    /// (skips where this user may not mount or remount one).
    private func readOnlyMount(in dir: TemporaryDirectory, _ fill: (String) throws -> Void) throws -> String {
        let ro = dir.path + "/ro"
        try FileManager.default.createDirectory(atPath: ro, withIntermediateDirectories: true)
        try mount("size=16m", at: ro)
        // The folder goes after the mount: removed while mounted, it stayed in /tmp.
        addTeardownBlock { self.unmount(ro); try? FileManager.default.removeItem(atPath: dir.path) }
        try fill(ro)
        let remount = Process()
        remount.executableURL = URL(fileURLWithPath: "/bin/mount")
        remount.arguments = ["-o", "remount,ro", ro]
        try remount.run()
        remount.waitUntilExit()
        try XCTSkipUnless(remount.terminationStatus == 0, "cannot remount read-only here")
        return ro
    }

    /// A backup on a read-only mount (a share, a disc) is read, by every reading command, as it
    /// is: SQLite cannot make its -wal and -shm there, and it was refused even to `--read-only`,
    /// whose advice the message gave. A change is refused naming the mount and the way to look.
    func testAFileOnAReadOnlyMountIsReadAsItIsAndAChangeIsRefusedNamingTheMount() throws {
        try skipOnPostgres("a file on a read-only mount")
        try requireBinary()
        let dir = TemporaryDirectory("heard-ro")
        let db = try makeDemo(in: dir)
        try otherTool(db, "PRAGMA wal_checkpoint(TRUNCATE);")
        let list = try heard(["cases", "--format", "csv", "--db", db], in: dir)
        let ref = try XCTUnwrap(list.stdout.split(whereSeparator: \.isNewline).dropFirst().first?.split(separator: ",").first).description
        let reportArgs = ["report", "--from", "2021-04-01", "--to", "2022-03-31", "--format", "json"]
        let report = try heard(reportArgs + ["--db", db], in: dir)
        XCTAssertEqual(report.status, 0, report.stderr)
        let ro = try readOnlyMount(in: dir) { try FileManager.default.copyItem(atPath: db, toPath: $0 + "/demo.sqlite") }
        let copy = ro + "/demo.sqlite"

        let cases = try heard(["cases", "--format", "csv", "--db", copy], in: dir)
        XCTAssertEqual(cases.status, 0, cases.stderr)
        XCTAssertEqual(cases.stdout, list.stdout)
        XCTAssertEqual(cases.stderr, "", "nothing to say about a log never written")
        let copied = try heard(reportArgs + ["--db", copy], in: dir)
        XCTAssertEqual(copied.status, 0, copied.stderr)
        XCTAssertEqual(copied.stdout, report.stdout, "the same report, byte for byte")
        let show = try heard(["--read-only", "show", ref, "--db", copy], in: dir)
        XCTAssertEqual(show.status, 0, show.stderr)
        XCTAssertTrue(show.stdout.contains(ref), show.stdout)
        XCTAssertTrue(show.stderr.contains("this read is not in the access log"), show.stderr)
        XCTAssertTrue(show.stderr.contains("read-only file system"), show.stderr)

        for args in [["move", ref, "acknowledge"], ["log", ref, "in call rang about the case"]] {
            let r = try heard(args + ["--db", copy], in: dir)
            XCTAssertEqual(r.status, 1, "\(args)")
            XCTAssertTrue(r.stderr.contains("read-only file system"), "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("--read-only to look"), "\(args): \(r.stderr)")
            XCTAssertFalse(r.stderr.contains("Heard is open read-only"), r.stderr)
        }
        // Subject access: the matches listed; the request, recorded in the record it is made
        // from, refused before any search (it ended in "nothing can be changed" after the list).
        let name = try XCTUnwrap(try heard(["export", "--format", "json", "--db", db], in: dir).stdout
            .components(separatedBy: "\"complainant_name\":\"").dropFirst().first?.components(separatedBy: "\"").first)
        let listed = try heard(["sar", name, "--db", copy], in: dir)
        XCTAssertEqual(listed.status, 1, listed.stderr)
        XCTAssertTrue(listed.stdout.contains("appears in"), listed.stdout)
        XCTAssertTrue(listed.stderr.contains("listed only") && listed.stderr.contains("read-only file system"), listed.stderr)
        for args in [["sar", name, "--yes"], ["--read-only", "sar", name, "--yes"]] {
            let r = try heard(args + ["--output", dir.file("bundle"), "--db", copy], in: dir)
            XCTAssertEqual(r.status, 1, "\(args)")
            XCTAssertTrue(r.stdout.isEmpty, r.stdout)
            XCTAssertTrue(r.stderr.contains("run it on the live record"), r.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: dir.file("bundle")))
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: ro), ["demo.sqlite"])
    }

    /// A backup copied with saves still in its -wal: read with them when its -shm came too
    /// (SQLite reads both as they are); refused, naming the -wal, when it did not (read without
    /// them, the last saves would be missing without a word).
    func testAReadOnlyMountedFileWhoseLogHoldsSavesIsReadWithThemOrRefused() throws {
        try skipOnPostgres("a file on a read-only mount")
        try requireBinary()
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "python3's sqlite3 plays the other tool")
        let dir = TemporaryDirectory("heard-ro-log")
        let db = try makeDemo(in: dir)
        try otherTool(db, "PRAGMA wal_checkpoint(TRUNCATE);")
        let ref = try XCTUnwrap(try heard(["cases", "--format", "csv", "--db", db], in: dir).stdout
            .split(whereSeparator: \.isNewline).dropFirst().first?.split(separator: ",").first).description
        // Another tool's save left in the log, the three files copied while it holds it.
        let staged = dir.path + "/staged"
        try FileManager.default.createDirectory(atPath: staged, withIntermediateDirectories: true)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", """
            import sqlite3, shutil, sys
            c = sqlite3.connect(sys.argv[1])
            c.execute('PRAGMA wal_autocheckpoint = 0')
            c.execute("UPDATE contacts SET summary = 'Saved only in the log' WHERE reference = ?", (sys.argv[3],))
            c.commit()
            for s in ['', '-wal', '-shm']: shutil.copy(sys.argv[1] + s, sys.argv[2] + '/demo.sqlite' + s)
            """, db, staged, ref]
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, "fixture")
        let ro = try readOnlyMount(in: dir) { ro in
            let fm = FileManager.default
            try fm.createDirectory(atPath: ro + "/whole", withIntermediateDirectories: true)
            try fm.createDirectory(atPath: ro + "/noshm", withIntermediateDirectories: true)
            for s in ["", "-wal", "-shm"] { try fm.copyItem(atPath: staged + "/demo.sqlite" + s, toPath: ro + "/whole/demo.sqlite" + s) }
            for s in ["", "-wal"] { try fm.copyItem(atPath: staged + "/demo.sqlite" + s, toPath: ro + "/noshm/demo.sqlite" + s) }
            // A link to it: SQLite keeps the log beside the file the link names, and so must the look.
            try fm.createSymbolicLink(atPath: ro + "/link.sqlite", withDestinationPath: "noshm/demo.sqlite")
        }
        let whole = try heard(["--read-only", "show", ref, "--db", ro + "/whole/demo.sqlite"], in: dir)
        XCTAssertEqual(whole.status, 0, whole.stderr)
        XCTAssertTrue(whole.stdout.contains("Saved only in the log"), whole.stdout)
        for (args, file) in [(["--read-only", "show", ref], "/noshm/demo.sqlite"), (["cases"], "/noshm/demo.sqlite"), (["show", ref], "/link.sqlite")] {
            let r = try heard(args + ["--db", ro + file], in: dir)
            XCTAssertEqual(r.status, 1, "\(args)")
            XCTAssertTrue(r.stdout.isEmpty, r.stdout)
            XCTAssertTrue(r.stderr.contains("copy the file with its -wal"), r.stderr)
        }
    }

    /// A file copied with the -journal of a change never finished (another tool's, in rollback
    /// mode, stopped mid-way): read as it is, the change would be half there; it is refused, naming
    /// the -journal (the file read without it listed 1,092 names upper-cased; an attack).
    func testAReadOnlyMountedFileWithAnUnfinishedChangeInItsJournalIsRefused() throws {
        try skipOnPostgres("a file on a read-only mount")
        try requireBinary()
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "python3's sqlite3 plays the other tool")
        let dir = TemporaryDirectory("heard-ro-journal")
        let staged = try stageUnfinishedChange(try makeDemo(in: dir), in: dir)
        // And Heard's own unfinished switch to a log, which a folder that can be written mends.
        let switched = try makeDemo(in: dir, name: "switched.sqlite")
        try otherTool(switched, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;")
        try stageUnfinishedLogSwitch(switched)
        let ro = try readOnlyMount(in: dir) { ro in
            for s in ["", "-journal"] {
                try FileManager.default.copyItem(atPath: staged + "/demo.sqlite" + s, toPath: ro + "/demo.sqlite" + s)
                try FileManager.default.copyItem(atPath: switched + s, toPath: ro + "/switched.sqlite" + s)
            }
        }
        for args in [["cases"], ["--read-only", "export"]] {
            let r = try heard(args + ["--db", ro + "/demo.sqlite"], in: dir)
            XCTAssertEqual(r.status, 1, "\(args): \(r.stdout.prefix(300))")
            XCTAssertTrue(r.stdout.isEmpty)
            XCTAssertTrue(r.stderr.contains("keep a copy of the file with its -journal"), r.stderr)
            let s = try heard(args + ["--db", ro + "/switched.sqlite"], in: dir)
            XCTAssertEqual(s.status, 1)
            XCTAssertTrue(s.stderr.contains("copy the file with its -journal to a folder you can write in"), s.stderr)
        }
    }
}

extension DamagedFileTests {
    /// A copy of `db` (in `dir`/staged) taken while python3's sqlite3 had a change spilled into
    /// it: its -journal holds the change unfinished, as a writer killed mid-save leaves it.
    func stageUnfinishedChange(_ db: String, in dir: TemporaryDirectory) throws -> String {
        try otherTool(db, "PRAGMA wal_checkpoint(TRUNCATE);")
        let staged = dir.path + "/staged"
        try FileManager.default.createDirectory(atPath: staged, withIntermediateDirectories: true)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", """
            import os, shutil, sqlite3, sys
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute('PRAGMA journal_mode = DELETE').fetchall()
            c.execute('PRAGMA cache_size = 5')
            c.execute('BEGIN')
            c.execute('UPDATE contacts SET complainant_name = upper(complainant_name), summary = summary || summary')
            for s in ['', '-journal']: shutil.copy(sys.argv[1] + s, sys.argv[2] + '/demo.sqlite' + s)
            os._exit(0)
            """, db, staged]
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, "fixture")
        try XCTSkipUnless((try? FileManager.default.attributesOfItem(atPath: staged + "/demo.sqlite-journal")[.size] as? Int) ?? 0 > 0,
                          "the change did not spill into the file")
        return staged
    }

    /// What SQLite writes as it turns a file's journal into a log, left unfinished beside
    /// `db` (which must be in rollback-journal mode): page 1 as it was in the -journal, the
    /// file's header saying WAL. A Heard killed in that moment left this (the same bytes as
    /// the sqlite3 tool killed there with strace, but for the journal's nonce).
    func stageUnfinishedLogSwitch(_ db: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", """
            import struct, sys
            path = sys.argv[1]
            data = bytearray(open(path, 'rb').read())
            assert data[18] == 1 and data[19] == 1, 'the file is in rollback-journal mode'
            ps = struct.unpack('>H', data[16:18])[0]
            ps = 65536 if ps == 1 else ps
            page1 = bytes(data[:ps])
            nonce = 0x1234
            cksum = nonce
            i = ps - 200
            while i > 0:
                cksum = (cksum + page1[i]) & 0xffffffff
                i -= 200
            head = bytes([0xD9, 0xD5, 0x05, 0xF9, 0x20, 0xA1, 0x63, 0xD7]) + struct.pack('>IIIII', 1, nonce, len(data) // ps, 512, ps)
            open(path + '-journal', 'wb').write(head.ljust(512, b'\\0') + struct.pack('>I', 1) + page1 + struct.pack('>I', cksum))
            data[18] = data[19] = 2
            count = struct.unpack('>I', bytes(data[24:28]))[0] + 1
            data[24:28] = struct.pack('>I', count)
            data[92:96] = struct.pack('>I', count)
            with open(path, 'r+b') as f:
                f.write(bytes(data[:100]))
            """, db]
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, "fixture")
    }

    /// A Heard killed while it turned a record's journal into a log left the change unfinished
    /// in its -journal; every command, with or without --read-only, then said "open it once
    /// without --read-only" until an outside sqlite3 opened it (an attack). The next opening
    /// that may write undoes it, as SQLite would; --read-only still refuses, with that advice.
    func testAnUnfinishedSwitchToALogIsUndoneByTheNextWritableOpening() throws {
        try skipOnPostgres("a file's rollback journal")
        try requireBinary()
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "python3 writes the journal")
        let dir = TemporaryDirectory("heard-log-switch")
        let db = try makeDemo(in: dir)
        try otherTool(db, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;")
        let before = try heard(["export", "--db", db], in: dir)
        XCTAssertEqual(before.status, 0, before.stderr)
        try stageUnfinishedLogSwitch(db)

        let look = try heard(["--read-only", "export", "--db", db], in: dir)
        XCTAssertEqual(look.status, 1)
        XCTAssertTrue(look.stderr.contains("open it once without --read-only"), look.stderr)

        let mended = try heard(["export", "--db", db], in: dir)
        XCTAssertEqual(mended.status, 0, mended.stderr)
        XCTAssertEqual(mended.stdout, before.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: db + "-journal"))
        let check = try heard(["check", "--db", db], in: dir)
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
    }

    /// Any other change left in a -journal is not Heard's to undo: another program's half-done
    /// save, or a journal not this file's at all (an attack put another record's beside a good
    /// one, and undoing it cut the file to a fifth; one of random bytes let a half-done change
    /// through unsaid). Refused with and without --read-only, saying so, with nothing changed.
    func testAnyOtherUnfinishedChangeIsLeftAsItIsAndSaid() throws {
        try skipOnPostgres("a file's rollback journal")
        try requireBinary()
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "python3's sqlite3 plays the other tool")
        let dir = TemporaryDirectory("heard-hot-journal")
        let db = try makeDemo(in: dir)
        let staged = try stageUnfinishedChange(db, in: dir) + "/demo.sqlite"
        // A good record with a log holding saves, and beside it a switch's journal of a copy of
        // itself: undone, the header put back would have SQLite pass over the log's saves.
        let logged = dir.path + "/logged"
        try FileManager.default.createDirectory(atPath: logged, withIntermediateDirectories: true)
        // (Another demo: staging the half-done save left `db` with it.)
        let good = try makeDemo(in: dir, name: "good.sqlite")
        let switched = dir.path + "/switched.sqlite"
        try FileManager.default.copyItem(atPath: good, toPath: switched)
        try otherTool(switched, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;")
        try stageUnfinishedLogSwitch(switched)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", """
            import shutil, sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            c.execute('PRAGMA wal_autocheckpoint = 0')
            c.execute("UPDATE contacts SET summary = 'Saved only in the log' WHERE id = 1")
            c.commit()
            for s in ['', '-wal']: shutil.copy(sys.argv[1] + s, sys.argv[2] + '/demo.sqlite' + s)
            """, good, logged]
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, "fixture")
        try FileManager.default.copyItem(atPath: switched + "-journal", toPath: logged + "/demo.sqlite-journal")

        for file in [staged, logged + "/demo.sqlite"] {
            let bytes = FileManager.default.contents(atPath: file)
            for args in [["export"], ["--read-only", "export"], ["cases"]] {
                let r = try heard(args + ["--db", file], in: dir)
                XCTAssertEqual(r.status, 1, "\(args) \(file)")
                XCTAssertTrue(r.stderr.contains("Heard does not undo a change it did not make"), r.stderr)
                XCTAssertFalse(r.stderr.contains("without --read-only"), r.stderr)
            }
            XCTAssertEqual(FileManager.default.contents(atPath: file), bytes, "left as it is")
            XCTAssertTrue(FileManager.default.fileExists(atPath: file + "-journal"))
        }

        // Another program's file, in the same state: not Heard's to mend.
        let foreign = dir.path + "/foreign.sqlite"
        try otherTool(foreign, "CREATE TABLE contacts(complainant_name TEXT, summary TEXT); " +
                      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) " +
                      "INSERT INTO contacts SELECT printf('name %d', i), printf('summary %d', i) FROM n;")
        let foreignDir = TemporaryDirectory("heard-hot-foreign")
        let foreignStaged = try stageUnfinishedChange(foreign, in: foreignDir) + "/demo.sqlite"
        let bytes = FileManager.default.contents(atPath: foreignStaged)
        let r = try heard(["cases", "--db", foreignStaged], in: dir)
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(FileManager.default.contents(atPath: foreignStaged), bytes, "left untouched")
        XCTAssertTrue(FileManager.default.fileExists(atPath: foreignStaged + "-journal"))
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

/// Names of files that are read as something else: a one-letter relative name (Foundation's
/// folder of it trapped), and one beginning `file:` (SQLite took it for a URI, and opened another
/// file than the one Heard had looked at). Both found by an attack.
final class OddFileNameTests: XCTestCase {
    func testAOneLetterNameAndAFileColonNameAreTheFilesTheyName() throws {
        try skipOnPostgres("names of SQLite files")
        try requireBinary()
        let dir = TemporaryDirectory("heard-names")
        let db = try makeDemo(in: dir)
        let env = ["HEARD_TODAY": cliToday, "XDG_CONFIG_HOME": dir.file("config"), "XDG_DATA_HOME": dir.file("data"),
                   "HOME": dir.path, "USER": "cli-test", "NO_COLOR": "1"]
        let expected = try heard(["cases", "--format", "csv", "--db", db], in: dir)
        XCTAssertEqual(expected.status, 0, expected.stderr)
        try FileManager.default.copyItem(atPath: db, toPath: dir.file("a"))
        try FileManager.default.copyItem(atPath: db, toPath: dir.file("file:f.sqlite"))
        // A decoy where SQLite's reading of the name as a URI would lead.
        try Data("not this one".utf8).write(to: URL(fileURLWithPath: dir.file("f.sqlite")))
        for name in ["a", "file:f.sqlite"] {
            for args in [["cases", "--format", "csv"], ["report", "--from", "2021-04-01", "--to", "2022-03-31"], ["--read-only", "cases", "--format", "csv"]] {
                let r = try runHeard(args + ["--db", name], environment: env, in: dir.path)
                XCTAssertEqual(r.status, 0, "\(name) \(args): \(r.stderr)")
                if args.contains("csv") { XCTAssertEqual(r.stdout, expected.stdout, "\(name) \(args)") }
            }
        }
        XCTAssertEqual(try String(contentsOfFile: dir.file("f.sqlite"), encoding: .utf8), "not this one")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.file("f.sqlite-wal")))
    }
}
