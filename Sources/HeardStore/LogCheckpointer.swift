import Dispatch
import Foundation
import GRDB
import GRDBSQLite
import HeardFiles

/// Copies the write-ahead log (`-wal`) back into the SQLite file beside the work, not in it.
///
/// SQLite's own automatic checkpoint runs inside the commit that takes the log past 1,000 pages,
/// on the connection that wrote: the officer waits for it. After a bulk change of 100,000 cases
/// (60 MB of log) that was half a second of the two the change took, and an ordinary save paid
/// it now and then. Here the writer's automatic checkpoint is replaced by a hook
/// (`sqlite3_wal_hook`, which SQLite calls after each commit with the log's length): when the
/// log is past `threshold` pages, a checkpoint of the same kind (PASSIVE: it copies what no
/// reader still needs and never waits or blocks a writer) runs on a connection of its own, on a
/// queue of its own. What is committed is in the log either way; only when it is copied changes.
///
/// The store waits for a running checkpoint before it closes the file or empties the log itself
/// (`wait`), so those keep their meaning.
final class LogCheckpointer: @unchecked Sendable {
    /// The log's length in pages past which a checkpoint is started (SQLite's default).
    static let threshold: Int32 = 1000

    private let path: String
    /// The file the writer opened (device and inode), found when the hook is installed: a
    /// checkpoint opens the path again, and only goes on when it still names that file.
    private var identity: OpenDatabases.FileID?
    private let queue = DispatchQueue(label: "heard.checkpoint")
    /// Every checkpoint queued in this process and not yet run (`waitForAll`).
    private static let inFlight = DispatchGroup()
    private let lock = NSLock()
    private var pending = false
    /// How many checkpoints have run to their end (for tests).
    private(set) var completed = 0

    /// Set once a checkpoint could not open its connection: the writer then checkpoints in its
    /// commit again, as SQLite would, rather than let the log grow for the whole session.
    private var cannotOpen = false

    /// `path` as the pool opens it; a relative one is taken from the folder it is relative to
    /// now, so a later change of folder does not point the checkpoint elsewhere.
    init(path: String) {
        self.path = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// The device and inode the path names now (following a link, as opening it does).
    private func fileIdentity() -> OpenDatabases.FileID? { OpenDatabases.identity(path) }

    /// Installs the hook on the writer's connection (a reader never commits).
    func install(on db: Database) {
        lock.lock()
        identity = fileIdentity()
        if identity == nil { cannotOpen = true }
        lock.unlock()
        let hook: @convention(c) (UnsafeMutableRawPointer?, OpaquePointer?, UnsafePointer<CChar>?, Int32) -> Int32 = { context, db, name, pages in
            guard let context, pages >= LogCheckpointer.threshold else { return SQLITE_OK }
            let checkpointer = Unmanaged<LogCheckpointer>.fromOpaque(context).takeUnretainedValue()
            if checkpointer.opens {
                checkpointer.request()
            } else {
                // What SQLite's own hook does (sqlite3WalDefaultHook).
                sqlite3_wal_checkpoint(db, name)
            }
            return SQLITE_OK
        }
        // Unretained: the store holds this as long as its pool, and nothing commits once both go.
        sqlite3_wal_hook(db.sqliteConnection, hook, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Whether the checkpoint's own connection could be opened (true until it once could not).
    var opens: Bool {
        lock.lock()
        defer { lock.unlock() }
        return !cannotOpen
    }

    /// Starts a checkpoint unless one is already waiting to run.
    func request() {
        lock.lock()
        let start = !pending
        pending = true
        lock.unlock()
        guard start else { return }
        LogCheckpointer.inFlight.enter()
        queue.async { [self] in
            lock.lock(); pending = false; lock.unlock()
            run()
            LogCheckpointer.inFlight.leave()
        }
    }

    /// Returns once every checkpoint of this process has run: before the process exits, so that
    /// a command leaves the file as whole as SQLite's own checkpoint in the commit left it (a
    /// copy of the file alone, without its log, had none of a new import; found by an attack).
    static func waitForAll() { inFlight.wait() }

    /// Returns once no checkpoint is running or waiting. (A queued checkpoint holds this object
    /// until it has run, so nothing needs waiting for when the store goes.)
    func wait() { queue.sync {} }

    /// At the process's end, with the store's own connections closed: the whole log copied and
    /// emptied (TRUNCATE), without waiting for anyone; then, when this connection was the last to
    /// the file anywhere, SQLite removes the log as it closes it. Another process reading or
    /// writing keeps the log as it is: it is theirs to copy.
    /// (The file at the path now, whatever the store had open: with its connections closed, this
    /// is any new connection to it, as the next command's would be.)
    /// Returns why the log could not be copied into the file (a full disk), nil when it was, or
    /// when someone else's use of it (busy, locked) is why it was left.
    func empty() -> String? {
        queue.sync {
            lock.lock()
            identity = fileIdentity()
            lock.unlock()
            return run(SQLITE_CHECKPOINT_TRUNCATE, waiting: 0)
        }
    }

    /// One checkpoint of `mode` (PASSIVE after a commit) on a connection opened for it and
    /// closed after, waiting up to `waiting` ms for a lock. A failure (a full disk, the file
    /// gone, another checkpoint running) leaves the log as it is: every commit is in it, and the
    /// next commit past the threshold tries again.
    /// Returns SQLite's words for a checkpoint that failed for any reason but another's use of
    /// the file (the caller after a commit ignores it: the next commit tries again).
    @discardableResult
    private func run(_ mode: Int32 = SQLITE_CHECKPOINT_PASSIVE, waiting: Int32 = 1000) -> String? {
        // Only the file the writer has open, before and after opening it: another file moved or
        // linked into its place (a backup restored, a link pointed elsewhere) is not ours to
        // checkpoint, and reading it here would have taken it for a file nobody had open and
        // reset the -shm the writer shares (a crash, and the old log copied into the new file;
        // found by an attack). The writer then checkpoints in its commit, on its own file.
        func lost() { lock.lock(); cannotOpen = true; lock.unlock() }
        lock.lock()
        let mine = identity
        lock.unlock()
        guard let mine, let before = fileIdentity(), before == mine else { lost(); return nil }
        var db: OpaquePointer?
        defer { sqlite3_close_v2(db) }
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK else { lost(); return nil }
        // Opening reads nothing yet: the file is looked at again before the first read.
        guard let after = fileIdentity(), after == mine else { lost(); return nil }
        sqlite3_busy_timeout(db, waiting)
        // A connection learns that the file keeps a log when it first reads: before that, a
        // checkpoint finds "no log" and copies nothing. The header's schema version is such a
        // read, without parsing the schema (reading `sqlite_schema` parsed its 99 objects, about
        // a millisecond at the end of every command).
        guard sqlite3_exec(db, "PRAGMA schema_version", nil, nil, nil) == SQLITE_OK else { return nil }
        var log: Int32 = 0, copied: Int32 = 0
        let rc = sqlite3_wal_checkpoint_v2(db, "main", mode, &log, &copied)
        if rc == SQLITE_OK && log >= 0 {
            lock.lock(); completed += 1; lock.unlock()
        }
        let primary = rc & 0xff
        guard rc != SQLITE_OK, primary != SQLITE_BUSY, primary != SQLITE_LOCKED else { return nil }
        return String(cString: sqlite3_errstr(rc))
    }
}
