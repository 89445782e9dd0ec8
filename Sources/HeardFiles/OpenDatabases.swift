#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The database files this process has open through SQLite, by device and inode.
///
/// SQLite's locks on a file are POSIX record locks, and those belong to the process, not to a
/// descriptor: closing *any* descriptor of the file, anywhere in the process, drops every lock
/// the process holds on it. `heard demo` opened the file to fill it and again for the screens,
/// and the second opening read the file's first bytes through a descriptor of its own and closed
/// it: the screens' shared lock was gone, another Heard ending later found itself the file's last
/// user, emptied and removed the log under the screens, and their next save was "disk I/O error"
/// (their next read "damaged"; found by a trial). So nothing reads a file through a descriptor of
/// its own while this process has it open as a database: the store registers it here while open,
/// and a look at a file asks first.
public enum OpenDatabases {
    public struct FileID: Hashable, Sendable {
        public let device: UInt64
        public let inode: UInt64
    }

    private static let open = Mutex<[FileID: Int]>([:])

    /// The file `path` names now (following a link, as opening it does).
    public static func identity(_ path: String) -> FileID? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileID(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
    }

    /// The names SQLite keeps beside a database: its log, its index of the log, its journal.
    /// A descriptor of the index closed drops SQLite's lock on it as surely (found by an attack,
    /// which attached `-shm` as a document).
    public static let companions = ["-wal", "-shm", "-journal"]

    /// Whether `path` names a file this process has open as a database now, or one of the files
    /// SQLite keeps beside it (by its name beside the database, or as it was when opened).
    public static func contains(_ path: String) -> Bool {
        let ids = open.withLock { $0 }
        if let id = identity(path), ids[id, default: 0] > 0 { return true }
        for suffix in companions where path.hasSuffix(suffix) {
            if let base = identity(String(path.dropLast(suffix.count))), ids[base, default: 0] > 0 { return true }
        }
        return false
    }

    /// Notes `id` open once more; each `opened` is matched by one `closed`.
    public static func opened(_ id: FileID) { open.withLock { $0[id, default: 0] += 1 } }

    public static func closed(_ id: FileID) {
        open.withLock { counts in
            let n = counts[id, default: 0] - 1
            counts[id] = n > 0 ? n : nil
        }
    }
}

/// A store's note that its file is open (`OpenDatabases`), taken back once: at its close, or
/// when the store goes without one.
public final class OpenDatabaseMark: Sendable {
    /// The file and the companions there when it was opened (a link to one under another name).
    private let ids: [OpenDatabases.FileID]
    private let released = Mutex(false)

    public init(path: String) {
        ids = ([path] + OpenDatabases.companions.map { path + $0 }).compactMap(OpenDatabases.identity)
        for id in ids { OpenDatabases.opened(id) }
    }

    /// The file is closed: no longer noted (again: nothing).
    public func release() {
        let first = released.withLock { was in
            defer { was = true }
            return !was
        }
        if first { for id in ids { OpenDatabases.closed(id) } }
    }

    deinit { release() }
}
