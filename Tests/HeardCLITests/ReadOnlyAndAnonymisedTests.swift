import Foundation
@testable import HeardStore
import HeardTestSupport
import XCTest

/// `heard --read-only SUBCOMMAND` changes nothing, and an anonymised case takes no new personal
/// data (the attack disposed of 134 cases under --read-only, and logged a call on an anonymised
/// case that no disposal would ever remove).
final class ReadOnlyAndAnonymisedTests: XCTestCase {
    func testReadOnlyBeforeASubcommandRefusesEveryChange() throws {
        try requireBinary()
        let dir = TemporaryDirectory("heard-ro-sub")
        let db = try makeDemo(in: dir)
        let later = ["HEARD_TODAY": "2028-06-30"]
        let before = try heard(["retention", "--db", db], in: dir, environment: later)
        XCTAssertEqual(before.status, 0, before.stderr)
        XCTAssertTrue(before.stdout.contains("CS-2020-"), "cases are due: \(before.stdout)")
        for args in [["retention", "--apply", "--yes"], ["log", "CS-2020-0001", "a note"], ["hold", "CS-2020-0001", "--reason", "inquiry"]] {
            let r = try heard(["--read-only", "--db", db] + args, in: dir, environment: later)
            XCTAssertEqual(r.status, 1, "\(args): \(r.stdout) \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("read-only"), "\(args): \(r.stderr)")
        }
        XCTAssertEqual(try heard(["retention", "--db", db], in: dir, environment: later).stdout, before.stdout, "nothing was disposed of")
    }

    /// `--read-only` changes no byte of the file, not even to upgrade a file an older Heard wrote
    /// (a reading command upgrades it; a council opening an old backup to look inside had it
    /// upgraded, and it no longer opened in the Heard it came from). Refused, saying why and what
    /// to do; without the flag the same command upgrades it and reads it.
    func testReadOnlyNeverUpgradesAnOlderFile() throws {
        try requireBinary()
        try skipOnPostgres("an older SQLite file's upgrade")
        let dir = TemporaryDirectory("heard-ro-older")
        let db = try makeDemo(in: dir)
        // As an older Heard left it: v19 not yet applied (the row alone: what a migration
        // that adds tables or columns looks like to the opening).
        let store = try Store(path: db, options: StoreOptions(create: false, actor: "another tool"))
        try store.write { tx in try tx.sql.execute("DELETE FROM grdb_migrations WHERE identifier = 'v19'") }
        store.finish()
        let before = bytes(of: db)
        let r = try heard(["--read-only", "cases", "--db", db], in: dir)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertEqual(r.stdout, "")
        XCTAssertTrue(r.stderr.contains("was written by an older Heard") && r.stderr.contains("it was left as it is"), r.stderr)
        XCTAssertTrue(r.stderr.contains("open the copy without read-only"), r.stderr)
        XCTAssertEqual(bytes(of: db), before, "no byte of the file changed")
        // HEARD_READ_ONLY with any value but 0, false, no, off or none is read-only too (a trial
        // set it to true, and the file was upgraded).
        for value in ["1", "true", "YES", "on", "maybe"] {
            let env = try heard(["cases", "--db", db], in: dir, environment: ["HEARD_READ_ONLY": value])
            XCTAssertEqual(env.status, 1, "\(value): \(env.stderr)")
            XCTAssertEqual(bytes(of: db), before, "HEARD_READ_ONLY=\(value) changed no byte")
        }
        // Without the flag, a reading command upgrades it and lists the cases.
        let upgraded = try heard(["cases", "--db", db], in: dir)
        XCTAssertEqual(upgraded.status, 0, upgraded.stderr)
        XCTAssertFalse(upgraded.stdout.isEmpty)
        XCTAssertEqual(try heard(["--read-only", "cases", "--db", db], in: dir).stdout, upgraded.stdout)
    }

    func testAnAnonymisedCaseTakesNoNewLogLineLetterDocumentOrEdit() throws {
        try requireBinary()
        let dir = TemporaryDirectory("heard-anon-closed")
        let db = try makeDemo(in: dir)
        let ref = "CS-2020-0001"
        let anonymised = try heard(["anonymise", ref, "--reason", "erasure request", "--yes", "--db", db], in: dir)
        XCTAssertEqual(anonymised.status, 0, anonymised.stderr)
        let log = try heard(["log", ref, "out call \"Kwame Okafor\" told him", "--db", db], in: dir)
        XCTAssertEqual(log.status, 1, log.stderr)
        XCTAssertTrue(log.stderr.contains("was anonymised"), log.stderr)
        try write("evidence", to: dir.file("e.txt"))
        XCTAssertEqual(try heard(["document", "add", ref, dir.file("e.txt"), "--db", db], in: dir).status, 1)
        let show = try heard(["show", ref, "--format", "json", "--db", db], in: dir)
        XCTAssertFalse(show.stdout.contains("Kwame Okafor"), "no new personal data reached the case")
    }
}

/// A subject access request's name goes once every case it disclosed is disposed of: it was the
/// last trace of the person in the file.
final class SubjectAccessDisposalTests: XCTestCase {
    func testTheRequestsNameLeavesTheFileWithItsLastCase() throws {
        try requireBinary()
        let dir = TemporaryDirectory("heard-sar-dispose")
        let db = try makeDemo(in: dir)
        XCTAssertEqual(try heard(["log", "CS-2020-0001", "out call \"Quillon Zarbuckle\" left a message", "--db", db], in: dir).status, 0)
        let sar = try heard(["sar", "Quillon Zarbuckle", "--yes", "--output", dir.file("bundle"), "--db", db], in: dir)
        XCTAssertEqual(sar.status, 0, sar.stderr)
        let anon = try heard(["anonymise", "CS-2020-0001", "--reason", "erasure request", "--yes", "--db", db], in: dir)
        XCTAssertEqual(anon.status, 0, anon.stderr)
        // Said, as the request is open (a trial anonymised such a case unwarned); no name in it.
        XCTAssertTrue(anon.stderr.contains("warning: CS-2020-0001 is in open subject access request #1 (due 2022-07-15): anonymised now"), anon.stderr)
        XCTAssertFalse(anon.stderr.contains("Zarbuckle"), anon.stderr)
        for file in [db, db + "-wal"] {
            let text = String(decoding: bytes(of: file), as: UTF8.self)
            XCTAssertFalse(text.contains("Zarbuckle"), "\(file) still holds the name")
        }
        let list = try heard(["sar", "--list", "--db", db], in: dir)
        XCTAssertTrue(list.stdout.contains("(anonymised)") || !list.stdout.contains("Zarbuckle"), list.stdout)
    }
}

/// A subject access request reads each case it discloses (the access log says so), and a bundle
/// that cannot be written whole is not left half written.
final class SubjectAccessReadAndFullDiskTests: XCTestCase {
    func testTheRequestIsARecordedReadOfEachCase() throws {
        try requireBinary()
        let dir = TemporaryDirectory("heard-sar-read")
        let db = try makeDemo(in: dir)
        XCTAssertEqual(try heard(["log", "CS-2021-0003", "out call \"Quillon Zarbuckle\" left a message", "--db", db], in: dir).status, 0)
        XCTAssertEqual(try heard(["sar", "Quillon Zarbuckle", "--yes", "--output", dir.file("b"), "--db", db], in: dir).status, 0)
        let audit = try jsonArray(try heard(["audit", "--case", "CS-2021-0003", "--format", "json", "--db", db], in: dir).stdout)
        XCTAssertTrue(audit.contains { $0["action"] as? String == "read" && $0["via"] as? String == "sar" }, "\(audit.suffix(3))")
    }

    func testAFullDiskLeavesNoHalfBundleAndRecordsNoRequest() throws {
        try requireBinary()
        try XCTSkipUnless(geteuid() == 0, "mounting a small file system needs root")
        let dir = TemporaryDirectory("heard-sar-full")
        let db = try makeDemo(in: dir)
        XCTAssertEqual(try heard(["log", "CS-2021-0003", "out call \"Quillon Zarbuckle\" left a message", "--db", db], in: dir).status, 0)
        let small = dir.file("small")
        try FileManager.default.createDirectory(atPath: small, withIntermediateDirectories: true)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=12k", "tmpfs", small]
        try mount.run(); mount.waitUntilExit()
        try XCTSkipUnless(mount.terminationStatus == 0, "cannot mount tmpfs here")
        defer { let u = Process(); u.executableURL = URL(fileURLWithPath: "/bin/umount"); u.arguments = [small]; try? u.run(); u.waitUntilExit() }
        let r = try heard(["sar", "Quillon Zarbuckle", "--yes", "--output", small + "/b", "--db", db], in: dir)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: small + "/b"), "no half bundle: \(r.stderr)")
        XCTAssertFalse(try heard(["sar", "--list", "--db", db], in: dir).stdout.contains("Zarbuckle"), "no request recorded")
    }
}

/// Disposing as of a later day is possible only when said in so many words, and said aloud.
final class RetentionAheadTests: XCTestCase {
    func testALaterAsOfDisposesOnlyWithYesAndSaysHowManyWereNotYetDue() throws {
        try requireBinary()
        let dir = TemporaryDirectory("heard-retention-ahead")
        let db = try makeDemo(in: dir)
        let r = try heard(["retention", "--as-of", "2040-01-01", "--apply", "--yes", "--db", db], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("disposed of"), r.stdout)
        XCTAssertTrue(r.stderr.contains("would not be due until after today (\(cliToday))"), r.stderr)
    }
}
