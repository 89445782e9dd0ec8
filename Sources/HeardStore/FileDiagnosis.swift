import CellWidth
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why SQLite could not open or write a file, in words a user can act on. SQLite says only
/// "unable to open database file" or "attempt to write a readonly database"; the reason is one of
/// a few things about the file and its folder, which are looked at here.
enum FileDiagnosis {
    /// The folder holding `path` ("." for a bare name).
    static func folder(_ path: String) -> String {
        PathText.folder(path)
    }

    /// Whether the file system holding `path` is mounted read-only.
    static func onReadOnlyMount(_ path: String) -> Bool {
        var s = statvfs()
        return statvfs(path, &s) == 0 && (s.f_flag & UInt(ST_RDONLY)) != 0
    }

    /// Why a file that exists could not be opened.
    static func whyNotOpened(_ path: String) -> String {
        var st = stat()
        if stat(path, &st) != 0 { return String(cString: strerror(errno)) }
        if (st.st_mode & S_IFMT) == S_IFDIR { return "it is a folder" }
        if access(path, R_OK) != 0 { return "permission denied: you cannot read it" }
        // Where SQLite looks: beside the file a link names.
        let real = UnwritableFolder.resolved(path) ?? path
        let dir = folder(real)
        // SQLite keeps its -wal and -shm files beside the database, even to read it; read-only,
        // a file with nothing in its -wal or -journal is read without them (`UnwritableFolder`).
        let place = onReadOnlyMount(dir) ? "its folder \(dir) is on a read-only file system"
            : access(dir, W_OK) != 0 ? "you cannot write in its folder \(dir)" : nil
        if let place {
            // A -wal or -shm this user cannot read (another's, 0600) stops even a read.
            for companion in [real + "-wal", real + "-shm"] {
                var cs = stat()
                guard lstat(companion, &cs) == 0, access(companion, R_OK) != 0 else { continue }
                let owner = TeamFolder.userName(cs.st_uid)
                return "\(place), and you cannot read \(companion) beside it (it belongs to \(owner), mode \(TeamFolder.octal(cs.st_mode))); ask \(owner) for a copy of the file with its -wal and -shm"
            }
            if UnwritableFolder.logHoldsSaves(real) {
                return "\(place), and its -wal file is not empty (it may hold saves, which SQLite can read only by making a -shm file beside it); copy the file with its -wal to a folder you can write in"
            }
            if UnwritableFolder.notEmpty(real + "-journal") {
                return UnfinishedLogSwitch.holdsOnlyTheSwitch(real)
                    ? "\(place), and its -journal file is not empty (it holds a change left unfinished, which SQLite must undo before the file can be read); copy the file with its -journal to a folder you can write in"
                    : "\(place), and \(unfinishedChange)"
            }
            if UnwritableFolder.openElsewhere(real) {
                return "\(place), and another program has it open (Heard reads such a file only while nothing else has it open); try again once it is closed, or copy it to a folder you can write in"
            }
            return "\(place), where SQLite keeps its -wal and -shm files; open it with --read-only to look, or copy the file to a folder you can write in"
        }
        // A -wal or -shm of another user's that this one may not use (another team member's at 0600).
        if let why = TeamFolder.whyCompanionUnusable(path) { return why }
        if UnwritableFolder.notEmpty(real + "-journal") {
            // Only Heard's own unfinished switch to a log is undone by a writable opening.
            return UnfinishedLogSwitch.holdsOnlyTheSwitch(real)
                ? "its -journal file holds a change left unfinished, which SQLite must undo (writing the file) before it can be read; open it once without --read-only"
                : unfinishedChange
        }
        return "cannot open the file"
    }

    /// A -journal beside the file that is not Heard's own unfinished switch to a log: said, and
    /// left (whether opened read-only or not), as undoing it may lose or mix data.
    static let unfinishedChange = "its -journal file holds a change left unfinished by a program stopped while it saved (or is not this file's), which must be undone before the file can be read; Heard does not undo a change it did not make: keep a copy of the file with its -journal, and ask whoever looks after the record"

    /// What keeps this user from writing a file, of the three things about it and its folder
    /// that do; nil when none does.
    enum WriteBlocker {
        case readOnlyMount, file, folder(String)

        /// A few words (`Store.whyUnwritable`).
        var briefly: String {
            switch self {
            case .readOnlyMount: return "it is on a read-only file system"
            case .file: return "you have no permission to write it"
            case .folder: return "you cannot write in its folder"
            }
        }
    }

    static func writeBlocker(_ path: String) -> WriteBlocker? {
        let dir = folder(path)
        if onReadOnlyMount(path) || onReadOnlyMount(dir) { return .readOnlyMount }
        if access(path, W_OK) != 0 { return .file }
        if access(dir, W_OK) != 0 { return .folder(dir) }
        return nil
    }

    /// Why a file cannot be written.
    static func whyNotWritable(_ path: String) -> String {
        switch writeBlocker(path) {
        case .readOnlyMount: return "it is on a read-only file system; copy it to a writable folder, or open it with --read-only to look"
        case .file: return "you have no permission to write it"
        case .folder(let dir):
            return "you cannot write in its folder \(dir), where SQLite keeps its -wal and -shm files; open it with --read-only to look, or copy it to a folder you can write in"
        case nil: break
        }
        // A -wal or -shm left unwritable (made with the mode of a file that was 0400 when a
        // read-only open made them; a trial made the file 0600 again and was refused without a word why).
        let stuck = [path + "-wal", path + "-shm"].filter { companion in
            var cs = stat()
            return lstat(companion, &cs) == 0 && access(companion, W_OK) != 0
        }
        if !stuck.isEmpty {
            return "\(stuck.joined(separator: " and ")) beside it cannot be written; make \(stuck.count == 1 ? "it" : "them") writable as the file is (chmod 0600 \(stuck.joined(separator: " ")))"
        }
        return "SQLite refused to write it"
    }

    /// Bytes free for an unprivileged writer in the folder of `path`, or nil when unknown.
    static func freeBytes(near path: String) -> Int? { room(near: path)?.bytes }

    /// Both, from one look at the disk (`files` nil where the file system counts none).
    static func room(near path: String) -> (bytes: Int, files: Int?)? {
        var s = statvfs()
        guard statvfs(folder(path), &s) == 0 else { return nil }
        return (Int(s.f_bavail) * Int(s.f_frsize), s.f_files > 0 ? Int(s.f_favail) : nil)
    }
}
