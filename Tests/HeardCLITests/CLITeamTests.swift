import Foundation
import HeardTestSupport
import XCTest

/// `heard init --team GROUP`: what it says when it makes a team folder and when it refuses, and
/// (as root) two officers under their own logins sharing one team file, the audit naming each.
final class CLITeamTests: XCTestCase {
    override func setUpWithError() throws { try requireBinary() }

    func testInitSaysWhatItMadeAndEachRefusalChangesNothing() throws {
        try skipOnPostgres("a team folder holds a SQLite file")
        let group = try TeamTestGroup()
        let dir = TemporaryDirectory("heard-cli-team")
        let db = dir.file("team/heard.sqlite")
        let made = try heard(["init", "--team", group.name, "--db", db], in: dir)
        XCTAssertEqual(made.status, 0, made.stderr)
        XCTAssertEqual(made.stdout, """
            team folder \(dir.file("team")) made for group \(group.name): the folder 2770 (setgid), heard.sqlite 0660, both group \(group.name)
            each officer in \(group.name) opens it under their own login: heard --db \(db)
            the audit names each by their login, with the officer name from their config.toml beside it

            """)
        XCTAssertEqual(modeAndGroup(dir.file("team"))?.mode, 0o2770)
        XCTAssertEqual(modeAndGroup(db)?.mode, 0o660)
        XCTAssertEqual(modeAndGroup(db)?.gid, group.gid)

        let again = try heard(["init", "--team", group.name, "--db", db], in: dir)
        XCTAssertEqual(again.status, 1)
        XCTAssertEqual(again.stderr, "heard: \(dir.file("team")): already holds files; a team folder holds only the team's database: name a new or empty folder; nothing was made.\n")
        XCTAssertEqual(modeAndGroup(db)?.mode, 0o660)

        let unknown = try heard(["init", "--team", "heard-no-such-group", "--db", dir.file("other/heard.sqlite")], in: dir)
        XCTAssertEqual(unknown.status, 1)
        XCTAssertEqual(unknown.stderr, "heard: there is no group named heard-no-such-group on this host; nothing was made. An administrator creates it (groupadd heard-no-such-group) and adds each officer (usermod -aG heard-no-such-group LOGIN).\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.file("other")))

        let none = try heard(["init", "--db", dir.file("other/heard.sqlite")], in: dir)
        XCTAssertEqual(none.status, 2, "a usage error")
        XCTAssertTrue(none.stderr.contains("give --team GROUP"), none.stderr)
    }

    func testTwoOfficersUnderTheirOwnLoginsShareOneTeamFileAndTheAuditNamesEach() throws {
        try XCTSkipUnless(geteuid() == 0, "needs root to create a group and two users (CI runs as root)")
        let group = try TeamTestGroup()
        let one = try group.addUser("hrdo")
        let two = try group.addUser("hrdt")
        let outsider = try group.addUser("hrdx", member: false)
        // Under /tmp itself, not a private temporary folder, so the officers can reach it.
        let shared = "/tmp/heard-team-e2e-\(UUID().uuidString.prefix(8))"
        XCTAssertEqual(mkdir(shared, 0o755), 0)
        XCTAssertEqual(chmod(shared, 0o755), 0)
        defer { try? FileManager.default.removeItem(atPath: shared) }
        let db = shared + "/team/heard.sqlite"
        try write("reference,kind,received,service_area,complainant_name\nT-1,complaint,2022-06-01,Adoption,First Fixture\n", to: shared + "/one.csv")
        try write("reference,kind,received,service_area,complainant_name\nT-2,complaint,2022-06-02,Adoption,Second Fixture\n", to: shared + "/two.csv")
        // The first officer names herself in config.toml; the second names nobody.
        for (user, config) in [(one, "officer = \"Jo Smith\"\n"), (two, ""), (outsider, "")] {
            let home = shared + "/home-" + user
            XCTAssertEqual(mkdir(home, 0o700), 0)
            try FileManager.default.createDirectory(atPath: home + "/config/heard", withIntermediateDirectories: true)
            try write(config, to: home + "/config/heard/config.toml")
            _ = runTool("/bin/chown", ["-R", user, home])
        }
        // The first officer makes the team folder in a folder of her own that others may enter.
        _ = runTool("/bin/chown", [one, shared])
        chmod(shared + "/one.csv", 0o644)
        chmod(shared + "/two.csv", 0o644)

        /// `heard` as `user`, with a narrow umask and a $USER that lies: neither may matter.
        func heardAs(_ user: String, _ arguments: [String], umask mask: String = "077") throws -> (status: Int32, stdout: String, stderr: String) {
            let home = shared + "/home-" + user
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
            p.arguments = ["-u", user, "--", "/bin/sh", "-c", "umask \(mask); exec \"$@\"", "sh",
                           "/usr/bin/env", "HOME=\(home)", "XDG_CONFIG_HOME=\(home)/config", "USER=someone-else",
                           "HEARD_TODAY=\(cliToday)", "NO_COLOR=1", heardBinary()] + arguments
            let out = Pipe(), err = Pipe()
            p.standardOutput = out
            p.standardError = err
            try p.run()
            let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
        }

        let made = try heardAs(one, ["init", "--team", group.name, "--db", db])
        XCTAssertEqual(made.status, 0, made.stderr)
        let first = try heardAs(one, ["import", "--db", db, shared + "/one.csv"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let second = try heardAs(two, ["import", "--db", db, shared + "/two.csv"])
        XCTAssertEqual(second.status, 0, second.stderr)

        let audit = try heardAs(two, ["audit", "--db", db, "--format", "json"])
        XCTAssertEqual(audit.status, 0, audit.stderr)
        let rows = try jsonArray(audit.stdout)
        let who = Set(rows.compactMap { $0["who"] as? String })
        XCTAssertEqual(who, ["\(one) (Jo Smith)", two], "each officer by login; config adds a name beside it; $USER never counts")
        let table = try heardAs(one, ["audit", "--db", db])
        XCTAssertEqual(table.status, 0, table.stderr)
        print("heard audit as \(one):\n" + table.stdout)

        // Every file in the folder is the group's, 0660, whoever made it and whatever their umask.
        for name in try FileManager.default.contentsOfDirectory(atPath: shared + "/team") {
            XCTAssertEqual(modeAndGroup(shared + "/team/" + name)?.mode, 0o660, name)
            XCTAssertEqual(modeAndGroup(shared + "/team/" + name)?.gid, group.gid, name)
        }

        // What an officer writes out stays theirs alone, whatever their umask; a backup kept in
        // their own folder is their own file, opened with today's rules.
        let home = shared + "/home-" + two
        let export = try heardAs(two, ["export", "--db", db, "--output", home + "/export.csv"], umask: "000")
        XCTAssertEqual(export.status, 0, export.stderr)
        XCTAssertEqual(modeAndGroup(home + "/export.csv")?.mode, 0o600)
        let backup = try heardAs(two, ["backup", "--db", db, home + "/copy.sqlite"], umask: "000")
        XCTAssertEqual(backup.status, 0, backup.stderr)
        XCTAssertEqual(modeAndGroup(home + "/copy.sqlite")?.mode, 0o600)
        let fromCopy = try heardAs(two, ["audit", "--db", home + "/copy.sqlite", "--format", "json"])
        XCTAssertEqual(fromCopy.status, 0, fromCopy.stderr)
        // Every row of the record as it was backed up, the export's read and the backup's own too.
        let source = try jsonArray(try heardAs(two, ["audit", "--db", db, "--format", "json"]).stdout)
        XCTAssertEqual(source.last?["via"] as? String, "backup")
        XCTAssertEqual(try jsonArray(fromCopy.stdout).count, source.count, "the copy is whole")

        let refused = try heardAs(outsider, ["init", "--team", group.name, "--db", shared + "/mine/heard.sqlite"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.stderr, "heard: you (\(outsider)) are not in group \(group.name); nothing was made. An administrator adds you (usermod -aG \(group.name) \(outsider)); log in again for it to take effect.\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: shared + "/mine"))
        let locked = try heardAs(outsider, ["audit", "--db", db])
        XCTAssertEqual(locked.status, 1, "someone outside the group cannot read the team's record")
        XCTAssertEqual(locked.stderr, "heard: \(db): cannot be opened (permission denied: you (\(outsider)) may not enter the folder \(shared)/team, which belongs to group \(group.name) (mode 2770); if it is your team's folder, ask an administrator to add you (usermod -aG \(group.name) \(outsider)) and log in again).\n")
    }
}
