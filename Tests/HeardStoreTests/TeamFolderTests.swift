import Foundation
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// `heard init --team` at the store: the folder and files it makes, the audit's who in a team
/// folder, and what it and a later open refuse.
final class TeamFolderTests: XCTestCase {
    func testInitMakesAGroupFolderAndSharedFileThatStayShared() throws {
        let group = try TeamTestGroup()
        let dir = TemporaryDirectory("heard-team")
        let path = dir.file("team/heard.sqlite")
        let team = try TeamFolder.create(at: path, group: group.name)
        XCTAssertEqual(team.group, group.name)
        XCTAssertEqual(team.gid, group.gid)
        XCTAssertEqual(modeAndGroup(dir.file("team"))?.mode, 0o2770, "setgid, owner and group only")
        XCTAssertEqual(modeAndGroup(dir.file("team"))?.gid, group.gid)
        XCTAssertEqual(modeAndGroup(path)?.mode, 0o660)
        XCTAssertEqual(modeAndGroup(path)?.gid, group.gid)
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.file("team")) {
            XCTAssertTrue(name.hasPrefix("heard.sqlite"), "nothing but the database and its companions: \(name)")
            XCTAssertEqual(modeAndGroup(dir.file("team/" + name))?.mode, 0o660, name)
            XCTAssertEqual(modeAndGroup(dir.file("team/" + name))?.gid, group.gid, name)
        }
        // The file alone holds the whole record (nothing left in the log): a copy of it is whole.
        XCTAssertEqual(((try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? NSNumber)?.intValue ?? 0, 0)

        // The first write, under a umask that would take every bit from the group: SQLite gives
        // its companions the main file's mode, and the setgid folder gives them the group.
        let old = umask(0o077)
        defer { umask(old) }
        let store = try Store(path: path, options: StoreOptions(actor: "Anyone At All"))
        XCTAssertEqual(store.team?.group, group.name)
        _ = try store.add(sampleComplaint(), today: fixedToday)
        for companion in [path + "-wal", path + "-shm"] {
            let found = try XCTUnwrap(modeAndGroup(companion), "\(companion) exists while the store is open")
            XCTAssertEqual(found.mode, 0o660, companion)
            XCTAssertEqual(found.gid, group.gid, companion)
        }
        XCTAssertEqual(modeAndGroup(path)?.mode, 0o660, "opening and writing leave the file shared (not made 0600)")
        XCTAssertEqual(modeAndGroup(path)?.gid, group.gid)
    }

    func testTheAuditNamesTheLoginInATeamFolderAndTheConfiguredNameOutside() throws {
        let group = try TeamTestGroup()
        let dir = TemporaryDirectory("heard-team")
        let path = dir.file("team/heard.sqlite")
        _ = try TeamFolder.create(at: path, group: group.name)
        var options = StoreOptions(actor: "Somebody Else")
        options.displayName = "Jo Smith"
        let named = try Store(path: path, options: options)
        XCTAssertEqual(named.actor, "\(loginName()) (Jo Smith)", "the login decides; the configured name stands beside it")
        let c = try named.add(sampleComplaint(), today: fixedToday)
        let trail = try named.auditTrail(entity: .contact, id: XCTUnwrap(c.id))
        XCTAssertEqual(trail.map(\.who), ["\(loginName()) (Jo Smith)"])

        let unnamed = try Store(path: path, options: StoreOptions(actor: "Somebody Else"))
        XCTAssertEqual(unnamed.actor, loginName(), "with no configured name, the login alone: never $USER or config")

        let personal = try Store(path: dir.file("mine.sqlite"), options: options)
        XCTAssertNil(personal.team)
        XCTAssertEqual(personal.actor, "Somebody Else", "a personal file keeps today's rule")
        XCTAssertEqual(modeAndGroup(dir.file("mine.sqlite"))?.mode, 0o600)
    }

    func testAFolderThatOnlyLooksLikeATeamFolderHoldsAPersonalFile() throws {
        let group = try TeamTestGroup()
        let dir = TemporaryDirectory("heard-team")
        let folder = dir.file("lookalike")
        XCTAssertEqual(mkdir(folder, 0o700), 0)
        XCTAssertEqual(chown(folder, uid_t.max, group.gid), 0)
        XCTAssertEqual(chmod(folder, 0o2770), 0)
        let path = folder + "/heard.sqlite"
        _ = try Store(path: path, options: StoreOptions(actor: "A"))
        chmod(path, 0o660)
        let store = try Store(path: path, options: StoreOptions(actor: "A"))
        XCTAssertNil(store.team, "the file records no team")
        XCTAssertEqual(store.actor, "A")
        XCTAssertEqual(modeAndGroup(path)?.mode, 0o600, "a personal file is made private again, as before")
    }

    func testInitRefusesAndChangesNothing() throws {
        let group = try TeamTestGroup()
        let dir = TemporaryDirectory("heard-team")

        XCTAssertThrowsError(try TeamFolder.create(at: dir.file("a/heard.sqlite"), group: "heard-no-such-group")) { e in
            XCTAssertTrue("\(e)".contains("no group named heard-no-such-group"), "\(e)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.file("a")), "no folder made")

        let busy = dir.file("busy")
        try FileManager.default.createDirectory(atPath: busy, withIntermediateDirectories: false)
        try Data("notes".utf8).write(to: URL(fileURLWithPath: busy + "/notes.txt"))
        let before = modeAndGroup(busy)
        XCTAssertThrowsError(try TeamFolder.create(at: busy + "/heard.sqlite", group: group.name)) { e in
            XCTAssertTrue("\(e)".contains("\(busy): already holds files"), "\(e)")
        }
        XCTAssertEqual(modeAndGroup(busy)?.mode, before?.mode)
        XCTAssertEqual(modeAndGroup(busy)?.gid, before?.gid)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: busy), ["notes.txt"])

        let empty = dir.file("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: false)
        XCTAssertEqual(symlink(empty, dir.file("link")), 0)
        XCTAssertThrowsError(try TeamFolder.create(at: dir.file("link/heard.sqlite"), group: group.name)) { e in
            XCTAssertTrue("\(e)".contains("is a symbolic link"), "\(e)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: empty), [], "nothing made through the link")

        XCTAssertThrowsError(try TeamFolder.create(at: dir.file("missing/team/heard.sqlite"), group: group.name)) { e in
            XCTAssertTrue("\(e)".contains("\(dir.file("missing")): no such folder"), "\(e)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.file("missing")))

        // An empty folder of the user's own is taken.
        _ = try TeamFolder.create(at: empty + "/heard.sqlite", group: group.name)
        XCTAssertEqual(modeAndGroup(empty)?.mode, 0o2770)
    }

    func testAnOpenRefusesATeamFileWhoseModeOrGroupWasBroken() throws {
        let group = try TeamTestGroup()
        let dir = TemporaryDirectory("heard-team")
        let folder = dir.file("team")
        let path = folder + "/heard.sqlite"
        _ = try TeamFolder.create(at: path, group: group.name)
        let contents = bytes(of: path)

        chmod(path, 0o644)
        XCTAssertThrowsError(try Store(path: path, options: StoreOptions(actor: "A"))) { e in
            XCTAssertEqual("\(e)", "\(path): cannot be opened (\(path): its mode is 0644, not 0660; a team file is shared with group \(group.name): ask its owner (\(loginName())) or an administrator to run: chgrp \(group.name) \(path) && chmod 0660 \(path)).")
        }
        XCTAssertEqual(modeAndGroup(path)?.mode, 0o644, "left as it was: the owner decides")
        chmod(path, 0o660)

        chmod(folder, 0o755)
        XCTAssertThrowsError(try Store(path: path, options: StoreOptions(actor: "A"))) { e in
            XCTAssertTrue("\(e)".contains("but its folder \(folder) is not a team folder: its mode is 0755, not 2770"), "\(e)")
            XCTAssertTrue("\(e)".contains("chgrp \(group.name) \(folder) && chmod 2770 \(folder)"), "\(e)")
        }
        chmod(folder, 0o2770)

        if geteuid() == 0 {
            XCTAssertEqual(chown(path, uid_t.max, 0), 0)
            XCTAssertThrowsError(try Store(path: path, options: StoreOptions(actor: "A"))) { e in
                XCTAssertTrue("\(e)".contains("its group is root, not \(group.name)"), "\(e)")
            }
            XCTAssertEqual(chown(path, uid_t.max, group.gid), 0)
        }
        XCTAssertEqual(bytes(of: path), contents, "no refused open changed the file")
        XCTAssertNotNil(try Store(path: path, options: StoreOptions(actor: "A")).team, "mended, it opens as the team's")
    }

    func testAPrivateCopyOfATeamFileElsewhereIsAPersonalFile() throws {
        let group = try TeamTestGroup()
        let dir = TemporaryDirectory("heard-team")
        let path = dir.file("team/heard.sqlite")
        _ = try TeamFolder.create(at: path, group: group.name)
        let copy = dir.file("copy.sqlite")
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        chmod(copy, 0o600)
        let store = try Store(path: copy, options: StoreOptions(actor: "Backup Reader"))
        XCTAssertNil(store.team, "a backup kept elsewhere is its owner's own file")
        XCTAssertEqual(store.actor, "Backup Reader")

        chmod(copy, 0o660)
        XCTAssertThrowsError(try Store(path: copy, options: StoreOptions(actor: "A"))) { e in
            XCTAssertTrue("\(e)".contains("it is the team file of group \(group.name)"), "a shared team file outside its folder is refused: \(e)")
        }
    }
}
