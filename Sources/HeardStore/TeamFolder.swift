import CellWidth
import Foundation
import GRDB

/// A team folder on one host: a folder owned by a group, setgid, 0770, holding a database that
/// records that group (`heard init --team GROUP`). Every officer opens the one file under their
/// own login; the group, not one account, owns the record. Both halves must hold: a folder that
/// only looks like one (setgid, 0770) around a file that records no team is a personal file's
/// folder, and a file that records a team is a team file only where its folder still is one.
public struct TeamFolder: Equatable, Sendable {
    /// The group's name, as `init --team` recorded it.
    public let group: String
    /// The group's id on this host now.
    public let gid: gid_t

    /// The table `init --team` writes: one row, the group's name. Not a migration: only a team
    /// file has it, and SQLite alone (PostgreSQL has roles instead).
    static let table = "team_folder"

    /// The folder's mode: setgid (new files take the group), read, write and enter for owner and group.
    public static let folderMode: mode_t = 0o2770
    /// The database's mode and its companions' (`-wal`, `-shm`): the group reads and writes.
    public static let fileMode: mode_t = 0o660

    /// The group the database at `path` records, or nil when it records none (a personal file,
    /// or one Heard cannot read: the open that follows says why). Read through a read-only
    /// connection before the file is opened for writing, as the preflight is.
    static func recordedGroup(_ path: String) -> String? {
        var config = Configuration()
        config.readonly = true
        guard let q = try? DatabaseQueue(path: path, configuration: config) else { return nil }
        defer { try? q.close() }
        return try? q.read { recordedGroup($0) }
    }

    /// `recordedGroup(_:)` on a connection open already (nil too when it cannot be read).
    static func recordedGroup(_ db: Database) -> String? {
        guard (try? Schema.hasTable(db, table)) == true else { return nil }
        return (try? String.fetchOne(db, sql: "SELECT name FROM \(table) LIMIT 1")) ?? nil
    }

    /// What is wrong with `folder` as the team folder of `group`, in words for the user; nil when
    /// it is one (a real folder, not a link, group-owned by `group`, mode 2770).
    static func folderProblem(_ folder: String, group: String, gid: gid_t) -> String? {
        var st = stat()
        guard lstat(folder, &st) == 0 else { return "\(folder) cannot be examined (\(String(cString: strerror(errno))))" }
        if st.st_mode & S_IFMT == S_IFLNK { return "\(folder) is a symbolic link, not the team folder itself" }
        if st.st_mode & S_IFMT != S_IFDIR { return "\(folder) is not a folder" }
        var problems: [String] = []
        if st.st_gid != gid { problems.append("its group is \(groupName(st.st_gid)), not \(group)") }
        if st.st_mode & 0o7777 != folderMode { problems.append("its mode is \(octal(st.st_mode)), not 2770") }
        return problems.isEmpty ? nil : "its folder \(folder) is not a team folder: " + problems.joined(separator: " and ")
    }

    /// What is wrong with the shared file `file` (mode 0660, group `gid`, a regular file); nil when nothing.
    static func fileProblem(_ file: String, group: String, gid: gid_t, st: stat) -> String? {
        if st.st_mode & S_IFMT != S_IFREG { return "\(file) is not a regular file" }
        var problems: [String] = []
        if st.st_gid != gid { problems.append("its group is \(groupName(st.st_gid)), not \(group)") }
        if st.st_mode & 0o7777 != fileMode { problems.append("its mode is \(octal(st.st_mode)), not 0660") }
        return problems.isEmpty ? nil : "\(file): " + problems.joined(separator: " and ")
    }

    /// The name of group `gid`, or its number when the host has no name for it.
    static func groupName(_ gid: gid_t) -> String {
        guard let g = getgrgid(gid), let name = g.pointee.gr_name else { return String(gid) }
        return String(cString: name)
    }

    /// The id of the group named `name`, or nil when the host has no such group.
    static func groupID(_ name: String) -> gid_t? {
        guard !name.isEmpty, let g = getgrnam(name) else { return nil }
        return g.pointee.gr_gid
    }

    /// A mode as `ls` users write it: 0644, 2770.
    static func octal(_ mode: mode_t) -> String {
        let s = String(mode & 0o7777, radix: 8)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    /// The folder a path names its file in ("." for a bare name).
    static func folder(of path: String) -> String {
        PathText.folder(path)
    }
}
