import CellWidth
import Foundation
import GRDBSQLite
#if canImport(Glibc)
import Glibc
#endif

/// A record kept where SQLite cannot make its `-wal` and `-shm` files beside it: a backup on a
/// read-only mount or share, a folder made 0555, another user's folder. SQLite makes them even to
/// read a file in WAL mode (every Heard record), so such a file could not be opened at all, not
/// even with `--read-only` (found by a trial: a council opening last year's backup from a
/// read-only share). Read-only, it is opened *immutable* instead: SQLite reads the file alone,
/// with no lock and no companion file. Only when that loses nothing, as far as can be known:
/// - no `-wal` holds saves and no `-journal` an unfinished change (absent, or empty as a
///   read-only open leaves them): an immutable open ignores both, and would read the file without
///   its last saves, or with a change never committed (found by an attack). With its `-shm`
///   beside it SQLite reads a file with saves in its log as it is; otherwise the open is refused
///   and the message says to copy the file with them;
/// - no other program has the file open (it would hold a lock on the file or its `-shm`);
/// - all of it looked at where SQLite looks: at the file a link names, and that file's folder.
/// Nothing stops a program that can write the file (the superuser, or one writing it through
/// another mount) from starting to once it was looked at: so the store notes the file as it was
/// (`FileMark`) and a command that read it is failed if it changed meanwhile (`Store.readFileChanged`).
enum UnwritableFolder {
    /// The URI that opens `path` immutable, when it is read-only, in a folder this user cannot
    /// write in, with nothing beside it that would be left out, and open nowhere else; nil
    /// otherwise (opened by its path, as ever).
    static func immutableURI(_ path: String, readOnly: Bool) -> String? {
        guard readOnly, supportsURIs, let real = resolved(path), !folderWritable(real) || diskFull(real), !holdsChanges(real), !openElsewhere(real)
        else { return nil }
        return uri(real)
    }

    /// Whether the disk holding `path` has no room for the `-shm` SQLite makes to read a file in
    /// WAL mode (32 KB): read immutable then, as in a folder that cannot be written. Why: on a full
    /// disk every reading command said "the disk is full; nothing was written", and nobody could
    /// look at a case until space was freed (the same 64 KB as `Store.translate` takes for full).
    /// A disk with no file left to make (its inodes all used) is as full: the `-shm` is a file.
    static func diskFull(_ path: String) -> Bool {
        guard let room = FileDiagnosis.room(near: path) else { return false }
        return room.bytes < 64 * 1024 || room.files == 0
    }

    /// The file `path` names, links followed (SQLite keeps the log and shared memory of the file
    /// a link names beside that file); nil when it cannot be found.
    static func resolved(_ path: String) -> String? {
        guard let r = realpath(path, nil) else { return nil }
        defer { free(r) }
        return String(cString: r)
    }

    /// Whether this user may make files in the folder holding `path`, and its file system takes writes.
    static func folderWritable(_ path: String) -> Bool {
        let dir = PathText.folder(path)
        return access(dir, W_OK) == 0 && !FileDiagnosis.onReadOnlyMount(dir)
    }

    /// Whether the `-wal` or `-journal` beside `path` may hold what the file alone lacks.
    static func holdsChanges(_ path: String) -> Bool {
        logHoldsSaves(path) || notEmpty(path + "-journal")
    }

    /// Whether `path`'s `-wal` may hold saves: it is longer than a log's header (32 bytes), or
    /// it is no plain file (a link), or cannot be looked at. Absent or empty, it holds none.
    static func logHoldsSaves(_ path: String) -> Bool {
        var st = stat()
        if lstat(path + "-wal", &st) != 0 { return errno != ENOENT }
        return (st.st_mode & S_IFMT) != S_IFREG || st.st_size > 32
    }

    /// Whether `file` exists and is anything but an empty plain file (or cannot be looked at).
    static func notEmpty(_ file: String) -> Bool {
        var st = stat()
        if lstat(file, &st) != 0 { return errno != ENOENT }
        return (st.st_mode & S_IFMT) != S_IFREG || st.st_size > 0
    }

    /// Whether another process holds a lock on the file or its `-shm` (every SQLite connection to
    /// a file in WAL mode holds one on the `-shm` while it is open; a writer of any mode, on the
    /// file). Asked, not taken (`F_GETLK` on a descriptor opened to read).
    static func openElsewhere(_ path: String) -> Bool {
        for file in [path, path + "-shm"] {
            let fd = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
            if fd < 0 {
                if errno == ENOENT && file != path { continue }
                return true
            }
            defer { close(fd) }
            var lock = flock.write(from: 0, length: 0)
            if fcntl(fd, F_GETLK, &lock) != 0 || lock.l_type != Int16(F_UNLCK) { return true }
        }
        return false
    }

    /// SQLite takes `file:` names as URIs only when built so (Debian's is); without, the URI would
    /// be taken as a file's name, and the file is opened by its path as before.
    static let supportsURIs = sqlite3_compileoption_used("USE_URI") == 1

    /// `file://` and the absolute path, every byte but letters, digits and `/._-~` escaped as
    /// `%HH` (a `?`, `#` or `%` in a name would otherwise end it or be decoded), `?immutable=1`.
    static func uri(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var out = "file://"
        for b in absolute.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(b)))
            default:
                out += "%" + (b < 16 ? "0" : "") + String(b, radix: 16, uppercase: true)
            }
        }
        return out + "?immutable=1"
    }
}

extension flock {
    /// A write lock on `length` bytes from `from` (0: to the file's end), to ask of or take on a file.
    static func write(from start: off_t, length: off_t) -> flock {
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = start
        lock.l_len = length
        return lock
    }
}

/// A file as it was when it was opened immutable: its identity, size and times. Any write to it
/// (a checkpoint copying a log in, a rollback-journal commit) changes its modification time.
struct FileMark: Sendable, Equatable {
    let device: UInt64, inode: UInt64, size: Int64
    let modified: timespec.Parts, changed: timespec.Parts

    /// The file `path` names (links followed) with its mark, as an immutable read keeps them to
    /// ask after each read whether the file changed; nil when it cannot be found.
    static func of(_ path: String) -> (file: String, mark: FileMark)? {
        UnwritableFolder.resolved(path).flatMap { file in FileMark(file).map { (file: file, mark: $0) } }
    }

    init?(_ path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        device = UInt64(st.st_dev); inode = UInt64(st.st_ino); size = Int64(st.st_size)
        modified = st.st_mtim.parts; changed = st.st_ctim.parts
    }
}

extension timespec {
    /// Seconds and nanoseconds, comparable.
    struct Parts: Sendable, Equatable { let seconds: Int, nanoseconds: Int }
    var parts: Parts { Parts(seconds: Int(tv_sec), nanoseconds: Int(tv_nsec)) }
}
