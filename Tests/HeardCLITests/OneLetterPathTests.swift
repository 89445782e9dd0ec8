import Foundation
import HeardTestSupport
import XCTest

/// A path of one character, relative ("b", "c"), was given to Foundation's
/// `deletingLastPathComponent`, which traps on it: `heard backup b` and `heard init --team G
/// --db c` died with SIGILL instead of writing beside the working directory.
final class OneLetterPathTests: XCTestCase {
    override func setUpWithError() throws {
        try requireBinary()
        try XCTSkipIf(TestDatabase.isPostgres, "a backup copies a SQLite file")
    }

    private func env(_ dir: TemporaryDirectory) -> [String: String] {
        ["HEARD_TODAY": cliToday, "XDG_CONFIG_HOME": dir.file("config"), "XDG_DATA_HOME": dir.file("data"),
         "HOME": dir.path, "USER": "cli-test", "NO_COLOR": "1"]
    }

    func testABackupNamedByOneLetterIsWrittenInTheWorkingFolder() throws {
        let dir = TemporaryDirectory()
        let db = try makeDemo(in: dir)
        let r = try runHeard(["backup", "--db", db, "b"], environment: env(dir), in: dir.path)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.stderr.contains("crashed"), r.stderr)
        let copied = try runHeard(["cases", "--format", "csv", "--db", dir.file("b")], environment: env(dir))
        XCTAssertEqual(copied.status, 0, copied.stderr)
        let original = try runHeard(["cases", "--format", "csv", "--db", db], environment: env(dir))
        XCTAssertEqual(copied.stdout, original.stdout)
    }

    func testATeamFileNamedByOneLetterIsMadeOrRefusedInWords() throws {
        let dir = TemporaryDirectory()
        let group = String(cString: getgrgid(getgid()).pointee.gr_name)
        let r = try runHeard(["init", "--team", group, "--db", "c"], environment: env(dir), in: dir.path)
        // Made (the folder is the working folder), or refused with a reason: never a trap.
        XCTAssertTrue(r.status == 0 || r.status == 1, "status \(r.status): \(r.stderr)")
        XCTAssertFalse(r.stderr.contains("crashed") || r.stderr.contains("Illegal instruction"), r.stderr)
        XCTAssertFalse(r.stderr.isEmpty && r.status != 0)
    }

    func testTheScreensStartWhenHeardIsRunAsDotSlash() throws {
        let dir = TemporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: dir.file("heard"), withDestinationPath: heardBinary())
        // A shell starts it as "./heard" (argv[0]), from which the themes' folders were found and
        // the trap came. Without a terminal the screens then refuse in words.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "./heard --db none.sqlite"]
        p.currentDirectoryURL = URL(fileURLWithPath: dir.path)
        p.environment = env(dir)
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let said = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationReason, .exit, said)
        XCTAssertFalse(said.contains("crashed") || said.contains("Illegal instruction"), said)
        XCTAssertTrue(said.contains("terminal") || said.contains("none.sqlite"), said)
    }
}
