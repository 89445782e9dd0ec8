import Foundation
import GRDB

extension TeamFolder {
    /// `heard init --team GROUP --db PATH`: makes PATH's folder a team folder of `group` (owned
    /// by the group, setgid, 2770) holding a new database at PATH, 0660 with the group, that
    /// records the group. Refuses, changing nothing, a group the host does not have or the user
    /// is not in (root may make one for any group), a folder that is a link, is not a folder,
    /// holds anything already or is someone else's, a missing parent folder, and a file system
    /// that will not take the group or the mode. Whatever it made is removed when a later step fails.
    public static func create(at path: String, group: String, options: StoreOptions = StoreOptions()) throws -> TeamFolder {
        guard let gid = groupID(group) else {
            throw StoreError.refused("there is no group named \(group) on this host; nothing was made. An administrator creates it (groupadd \(group)) and adds each officer (usermod -aG \(group) LOGIN).")
        }
        guard geteuid() == 0 || isMember(gid) else {
            throw StoreError.refused("you (\(userName(geteuid()))) are not in group \(group); nothing was made. An administrator adds you (usermod -aG \(group) \(userName(geteuid()))); log in again for it to take effect.")
        }
        let file = (path as NSString).lastPathComponent
        guard !path.hasSuffix("/"), !file.isEmpty, file != ".", file != ".." else {
            throw StoreError.refused("\(path): name the database file inside the team folder (e.g. /srv/heard/team/heard.sqlite); nothing was made.")
        }
        let folder = folder(of: path)
        let before = try examineFolder(folder)
        var made = Made(folder: folder, path: path, before: before)
        do {
            if before == nil {
                guard mkdir(folder, 0o700) == 0 else { throw StoreError.refused("\(folder): cannot create it (\(String(cString: strerror(errno)))); nothing was made.") }
                made.createdFolder = true
            }
            try share(folder, gid: gid, mode: folderMode, group: group)
            // Made by the store as a personal file (0600) and shared only once it holds the group's name.
            var opening = options
            opening.create = true
            opening.readOnly = false
            let store = try Store(path: path, options: opening)
            try store.recordTeam(group)
            // Everything into the main file before it is shared: a copy of it alone is then whole.
            try store.checkpoint()
            try store.closeFile()
            for f in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: f) {
                try share(f, gid: gid, mode: fileMode, group: group)
            }
            guard let team = try examine(path) else { throw StoreError.refused("\(path): the team folder could not be checked after it was made; nothing was kept.") }
            return team
        } catch {
            made.undo()
            throw error
        }
    }

    /// The state of an existing folder to take (nil when absent), or the reason it cannot be one.
    private static func examineFolder(_ folder: String) throws -> stat? {
        var st = stat()
        if lstat(folder, &st) != 0 {
            guard errno == ENOENT else { throw StoreError.refused("\(folder): cannot be examined (\(String(cString: strerror(errno)))); nothing was made.") }
            let parent = TeamFolder.folder(of: folder)
            var ps = stat()
            guard stat(parent, &ps) == 0, ps.st_mode & S_IFMT == S_IFDIR else {
                throw StoreError.refused("\(parent): no such folder; make it first (the team folder is made inside it); nothing was made.")
            }
            return nil
        }
        switch st.st_mode & S_IFMT {
        case S_IFLNK: throw StoreError.refused("\(folder): is a symbolic link; name the folder itself; nothing was made.")
        case S_IFDIR: break
        default: throw StoreError.refused("\(folder): is not a folder; nothing was made.")
        }
        if st.st_uid != geteuid() && geteuid() != 0 {
            throw StoreError.refused("\(folder): belongs to another user (\(userName(st.st_uid))); name a new folder; nothing was made.")
        }
        if !isEmptyFolder(folder) {
            throw StoreError.refused("\(folder): already holds files; a team folder holds only the team's database: name a new or empty folder; nothing was made.")
        }
        return st
    }

    /// Gives `file` to the group with `mode`, then reads both back: a file system that ignores
    /// them (a FAT stick, some network shares) must not leave a file that only looks shared.
    private static func share(_ file: String, gid: gid_t, mode: mode_t, group: String) throws {
        if chown(file, uid_t.max, gid) != 0 || chmod(file, mode) != 0 {
            throw StoreError.refused("\(file): cannot give it to group \(group) with mode \(octal(mode)) (\(String(cString: strerror(errno)))); nothing was made.")
        }
        var st = stat()
        guard lstat(file, &st) == 0, st.st_gid == gid, st.st_mode & 0o7777 == mode else {
            throw StoreError.refused("\(file): the file system did not keep group \(group) and mode \(octal(mode)); a team folder needs a file system with Unix permissions; nothing was made.")
        }
    }

    /// Whether this process is in group `gid` (its primary group or one of the others).
    static func isMember(_ gid: gid_t) -> Bool {
        if getegid() == gid { return true }
        let n = getgroups(0, nil)
        guard n > 0 else { return false }
        var groups = [gid_t](repeating: 0, count: Int(n))
        let got = getgroups(n, &groups)
        return got > 0 && groups.prefix(Int(got)).contains(gid)
    }

    /// Whether the folder holds nothing at all.
    static func isEmptyFolder(_ folder: String) -> Bool {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return false }
        return names.isEmpty
    }

    /// What `create` made, to take back when a later step fails.
    private struct Made {
        let folder: String
        let path: String
        /// The folder as it was, when it existed (empty) before.
        let before: stat?
        var createdFolder = false

        func undo() {
            for f in [path, path + "-wal", path + "-shm", path + "-journal"] { unlink(f) }
            if createdFolder {
                rmdir(folder)
            } else if let before {
                _ = chown(folder, uid_t.max, before.st_gid)
                _ = chmod(folder, before.st_mode & 0o7777)
            }
        }
    }
}

extension Store {
    /// Moves every committed change from the log (`-wal`) into the main file and empties the log.
    func checkpoint() throws {
        waitForCheckpoint()
        do {
            try pool.writeWithoutTransaction { db in _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        } catch let e as DatabaseError { throw Store.translate(e, path: path) }
    }

    /// Records in the file that it is the team file of `group` (`TeamFolder.table`): the half of
    /// a team folder that a folder's mode alone cannot fake.
    func recordTeam(_ group: String) throws {
        try write { tx in
            try tx.sql.execute("CREATE TABLE \(TeamFolder.table) (name TEXT NOT NULL)")
            try tx.sql.execute("INSERT INTO \(TeamFolder.table) (name) VALUES (?)", [.text(group)])
        }
    }
}
