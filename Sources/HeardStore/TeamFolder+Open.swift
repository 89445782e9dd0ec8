import Foundation

extension TeamFolder {
    /// The team folder the database at `path` is in, checked before it is opened; nil for a
    /// personal file (one that records no team, or a private copy of a team file made elsewhere:
    /// a backup). Refuses, naming what is wrong and the command that mends it, a team file whose
    /// folder or own mode or group was changed: opening it would lock out the rest of the team or
    /// share the record with people outside it. Companions SQLite left with a narrower mode (a
    /// file of this user's) are brought back to 0660 with the group.
    /// `recordedGroup`: the group as read already (`.some(nil)`: none), or nil to read it here.
    static func examine(_ path: String, recordedGroup recorded: String?? = nil) throws -> TeamFolder? {
        guard let group = recorded ?? recordedGroup(path) else { return nil }
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        // A copy only its owner can read is that person's own file (a backup made elsewhere).
        let privateCopy = st.st_mode & 0o077 == 0
        let folder = folder(of: path)
        guard let gid = groupID(group) else {
            if privateCopy { return nil }
            throw StoreError.unreadable(path, "it is the team file of group \(group), which this host no longer has; ask an administrator to create the group again (groupadd \(group))")
        }
        if let problem = folderProblem(folder, group: group, gid: gid) {
            if privateCopy { return nil }
            throw StoreError.unreadable(path, "it is the team file of group \(group), shared with the group, but \(problem). If this is the team's folder, ask its owner or an administrator to run: chgrp \(group) \(folder) && chmod 2770 \(folder); if the file is a copy, make it yours alone: chmod 0600 \(path)")
        }
        if let problem = fileProblem(path, group: group, gid: gid, st: st) {
            throw StoreError.unreadable(path, "\(problem); a team file is shared with group \(group): ask its owner (\(userName(st.st_uid))) or an administrator to run: chgrp \(group) \(path) && chmod 0660 \(path)")
        }
        for companion in [path + "-wal", path + "-shm"] {
            var cs = stat()
            guard lstat(companion, &cs) == 0, let problem = fileProblem(companion, group: group, gid: gid, st: cs) else { continue }
            let mine = cs.st_uid == geteuid() && cs.st_mode & S_IFMT == S_IFREG
            if mine && chown(companion, uid_t.max, gid) == 0 && chmod(companion, fileMode) == 0 { continue }
            throw StoreError.unreadable(path, "\(problem); ask its owner (\(userName(cs.st_uid))) or an administrator to run: chgrp \(group) \(companion) && chmod 0660 \(companion)")
        }
        return TeamFolder(group: group, gid: gid)
    }

    /// Why `path` cannot even be looked at, when the reason is a folder this user may not enter
    /// (a team folder of a group they are not in); nil when it is absent or can be looked at.
    static func whyHidden(_ path: String) -> String? {
        var st = stat()
        guard lstat(path, &st) != 0, errno == EACCES else { return nil }
        // The nearest folder that can be examined and names its group: the one that keeps others out.
        var folder = folder(of: path)
        while lstat(folder, &st) != 0, folder != "/", folder != "." { folder = TeamFolder.folder(of: folder) }
        let who = userName(geteuid())
        guard st.st_mode & S_IFMT == S_IFDIR, st.st_mode & 0o070 != 0 else {
            return "permission denied: you (\(who)) may not enter the folder \(folder)"
        }
        let group = groupName(st.st_gid)
        return "permission denied: you (\(who)) may not enter the folder \(folder), which belongs to group \(group) (mode \(octal(st.st_mode))); if it is your team's folder, ask an administrator to add you (usermod -aG \(group) \(who)) and log in again"
    }

    /// The login name of user `uid`, or its number when the host has none.
    static func userName(_ uid: uid_t) -> String {
        guard let p = getpwuid(uid), let name = p.pointee.pw_name else { return String(uid) }
        return String(cString: name)
    }

    /// Who the audit names in a team folder: the login this process runs under, from the
    /// system's user database (never `$USER`, which anyone can set), with the display name the
    /// officer's config.toml gives beside it when there is one and it says more: `jsmith (Jo Smith)`.
    public static func who(displayName: String?) -> String {
        let login = userName(geteuid())
        guard let shown = displayName?.trimmingCharacters(in: .whitespaces), !shown.isEmpty, shown != login else { return login }
        return "\(login) (\(shown))"
    }
}

extension TeamFolder {
    /// Why the database at `path` cannot be opened when the reason is a companion (`-wal`,
    /// `-shm`) this user may not both read and write: another member's, left at 0600 (SQLite
    /// gives a new companion the database's mode only when it can, and an empty one may be left
    /// by a Heard that was stopped). SQLite says only "unable to open"; in a team folder (the
    /// database's folder 2770 with setgid) this says which file, whose it is and the command that
    /// mends it, as `examine` does for a companion it can look at; elsewhere, whose the file is.
    /// Nil when every companion is usable or absent.
    static func whyCompanionUnusable(_ path: String) -> String? {
        for companion in [path + "-wal", path + "-shm"] {
            var cs = stat()
            guard lstat(companion, &cs) == 0, access(companion, R_OK | W_OK) != 0 else { continue }
            let owner = userName(cs.st_uid)
            let folder = folder(of: path)
            var fs = stat()
            if lstat(folder, &fs) == 0, folderProblem(folder, group: groupName(fs.st_gid), gid: fs.st_gid) == nil {
                let group = groupName(fs.st_gid)
                let problem = fileProblem(companion, group: group, gid: fs.st_gid, st: cs) ?? "\(companion): you may not read and write it"
                return "\(problem), and every member of group \(group) must read and write it; ask its owner (\(owner)) or an administrator to run: chgrp \(group) \(companion) && chmod 0660 \(companion)"
            }
            let me = userName(geteuid())
            return "\(companion) belongs to \(owner) (mode \(octal(cs.st_mode))) and you (\(me)) may not read and write it, which SQLite needs to open the database; ask \(owner) or an administrator to run: chown \(me) \(companion)"
        }
        return nil
    }
}
