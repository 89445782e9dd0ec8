import Foundation
import HeardTestSupport
import XCTest

/// Two refusals around a team folder that said something beside the point: `init --team` given a
/// PostgreSQL URL (it looked for a folder called "postgresql:"), and a team file whose `-wal` or
/// `-shm` another member left at 0600 (SQLite said only "cannot open the file").
final class CLITeamLeftoversTests: XCTestCase {
    override func setUpWithError() throws { try requireBinary() }

    /// A team folder is for a file; a server is shared through its roles: said as a usage error,
    /// the URL (which may hold a password) not repeated, nothing made.
    func testInitTeamWithAURLSaysAServerIsSharedThroughItsRoles() throws {
        let dir = TemporaryDirectory("heard-cli-team-url")
        let url = "postgresql://jo:Secret-1@db.example/heard"
        for (arguments, env) in [(["init", "--team", "staff", "--db", url], [String: String]()), (["init", "--team", "staff"], ["HEARD_DB": url])] {
            let r = try runHeard(arguments, environment: ["HOME": dir.path, "XDG_CONFIG_HOME": dir.file("config"), "XDG_DATA_HOME": dir.file("data")].merging(env) { _, b in b })
            XCTAssertEqual(r.status, 2, "a usage error: " + r.stderr)
            XCTAssertTrue(r.stderr.contains("--team makes a team folder on this host for a database file, and --db (or HEARD_DB) names a PostgreSQL server; a server is shared through its roles: its administrator runs heard init --postgres URL once"), r.stderr)
            XCTAssertFalse(r.stderr.contains("no such folder"), r.stderr)
            XCTAssertFalse(r.stderr.contains("Secret-1"), r.stderr)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), [], "nothing made")
        }
    }

    /// Another member's empty `-wal` (and then `-shm`) at 0600 in the team folder: the second
    /// officer is told which file, whose, and the command that mends it; once mended, she opens it.
    func testAnotherMembersPrivateCompanionIsRefusedInWords() throws {
        try skipOnPostgres("a team folder holds a SQLite file")
        try XCTSkipUnless(geteuid() == 0, "needs root to create a group and two users (CI runs as root)")
        let group = try TeamTestGroup()
        let one = try group.addUser("hrdo")
        let two = try group.addUser("hrdt")
        let shared = "/tmp/heard-team-wal-\(UUID().uuidString.prefix(8))"
        XCTAssertEqual(mkdir(shared, 0o755), 0)
        XCTAssertEqual(chmod(shared, 0o755), 0)
        defer { try? FileManager.default.removeItem(atPath: shared) }
        _ = runTool("/bin/chown", [one, shared])
        let db = shared + "/team/heard.sqlite"

        let made = try heardAs(one, ["init", "--team", group.name, "--db", db], home: shared)
        XCTAssertEqual(made.status, 0, made.stderr)
        for suffix in ["-wal", "-shm"] {
            let companion = db + suffix
            for f in [db + "-wal", db + "-shm"] { unlink(f) }
            // Made by the first officer under umask 077, as a Heard stopped at the wrong moment leaves it.
            XCTAssertEqual(runTool("/usr/sbin/runuser", ["-u", one, "--", "/bin/sh", "-c", "umask 077; : > \"$0\"", companion]), 0)
            XCTAssertEqual(modeAndGroup(companion)?.mode, 0o600)
            let refused = try heardAs(two, ["cases", "--db", db], home: shared)
            XCTAssertEqual(refused.status, 1, refused.stdout)
            XCTAssertEqual(refused.stderr, "heard: \(db): cannot be opened (\(companion): its mode is 0600, not 0660, and every member of group \(group.name) must read and write it; ask its owner (\(one)) or an administrator to run: chgrp \(group.name) \(companion) && chmod 0660 \(companion)).\n")
            XCTAssertEqual(modeAndGroup(companion)?.mode, 0o600, "nothing changed")
            // The command it gives mends it.
            XCTAssertEqual(runTool("/bin/sh", ["-c", "chgrp \(group.name) \(companion) && chmod 0660 \(companion)"]), 0)
            let opened = try heardAs(two, ["cases", "--db", db], home: shared)
            XCTAssertEqual(opened.status, 0, opened.stderr)
        }
    }

    /// `heard` as `user`, with a home folder of theirs under `home`.
    func heardAs(_ user: String, _ arguments: [String], home base: String) throws -> (status: Int32, stdout: String, stderr: String) {
        let home = base + "/home-" + user
        if !FileManager.default.fileExists(atPath: home) {
            XCTAssertEqual(mkdir(home, 0o700), 0)
            _ = runTool("/bin/chown", [user, home])
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
        p.arguments = ["-u", user, "--", "/usr/bin/env", "HOME=\(home)", "XDG_CONFIG_HOME=\(home)/config", "HEARD_TODAY=\(cliToday)", "NO_COLOR=1",
                       heardBinary()] + arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
}
