import CellWidth
import Foundation
import GRDB
import HeardCore
import HeardFiles
import Synchronization

/// Options for opening the file.
public struct StoreOptions: Sendable {
    public var readOnly: Bool
    /// Create the file (and its folder) when it does not exist.
    public var create: Bool
    /// Who the audit trail names: the configured officer name, else `$USER`.
    public var actor: String
    public var rules: Rules
    public var reference: ReferenceData
    /// Open, even for writing, only a file that already holds a Heard record: an empty file or
    /// one without Heard's tables is refused as a read-only open refuses it, not made a record
    /// (a reading command that opens for writing only to keep what it worked out: `heard report`).
    public var existingRecordOnly = false
    /// The file is never upgraded (`heard --read-only`): a file from an older Heard is read as it
    /// is when it lacks only indexes, else refused, where a reading command otherwise upgrades it.
    /// A council opening an old backup to look inside it had it upgraded, and the backup no longer
    /// opened in the Heard it came from. (Reads are still logged where the access log is kept:
    /// `Store+Reads`.)
    public var leaveFileAsIs = false
    /// How long a write waits for another process's transaction to end before it gives up once.
    public var busyTimeout: Double = 5
    /// How many more times a write refused as busy is tried (another process held the file
    /// past the timeout, or SQLite refused at once, as it does when a snapshot went stale).
    public var busyRetries = 2
    /// Record who opens a case's record in the access log (`[audit] reads`, on by default).
    public var recordReads = true
    /// The name config.toml gives the officer (nil when it gives none). In a team folder the
    /// audit names the login with this beside it; `actor` alone is never trusted there.
    public var displayName: String?
    /// How many cases a file must hold before `heard cases` reads the older part of the whole
    /// list on a second reader (`eachCaseListRow`); the tests lower it to read small files so.
    public var listSplitFrom = 20_000
    /// The earlier session whose steps undo takes back, for `heard undo` (the session of this
    /// person's newest change); nil: this store's own. The undo's rows are written in this
    /// store's own session all the same, so a screen whose step was taken back sees another's
    /// change and reloads (found by a trial: it kept showing the step).
    public var undoSession: String?
    /// How much of that list the first reader reads (nil: as suits the list's format,
    /// `Store.listSplitShare`); the tests set it to cut small files anywhere.
    var listSplitShare: Double?

    /// Waits for someone at the screen: about two seconds in all (1 s, a pause, 1 s) before
    /// the form says the file is busy and keeps what was typed. The defaults (three tries of
    /// 5 s) froze the screen for 15 s with no sign; a command run from a script keeps them.
    public mutating func waitBriefly() {
        busyTimeout = 1
        busyRetries = 1
    }

    public init(readOnly: Bool = false, create: Bool = true, actor: String = StoreOptions.defaultActor,
                rules: Rules = .default, reference: ReferenceData = .default) {
        self.readOnly = readOnly; self.create = create; self.actor = actor; self.rules = rules; self.reference = reference
    }

    /// Who the audit names outside a team folder when config.toml names nobody: `$USER`, else
    /// (unset or blank, as under cron or a service) the login this process runs under, from the
    /// system's user database; "unknown" was written for every change made so.
    public static var defaultActor: String { actor(environment: ProcessInfo.processInfo.environment) }

    static func actor(environment: [String: String]) -> String {
        if let user = environment["USER"]?.trimmingCharacters(in: .whitespaces), !user.isEmpty { return user }
        return TeamFolder.userName(geteuid())
    }
}

/// The SQLite file, through GRDB. Every write is a domain command validated by HeardCore,
/// applied in one transaction, with its audit row.
public final class Store: Sendable {
    public let path: String
    public let options: StoreOptions
    /// The database: the SQLite file (the default) or a PostgreSQL server.
    let backend: any SQLBackend
    /// Which SQL the database speaks.
    var dialect: SQLDialect { backend.dialect }
    /// Whether the record is on a PostgreSQL server rather than in a file (screens word "busy" by it).
    public var isOnServer: Bool { dialect == .postgres }
    /// The SQLite file's pool, for what only SQLite has (backup, check, secure delete).
    /// Code that runs on both databases goes through `backend`, `query` and `Transaction.sql`.
    var pool: DatabasePool {
        guard let sqlite = backend as? SQLiteBackend else { preconditionFailure("SQLite only: \(#function)") }
        return sqlite.pool
    }
    /// The imported holidays last read and the calendar built from them.
    private let lastCalendar = Mutex<([BankHoliday], WorkingDayCalendar)?>(nil)
    /// On a server, whether the words of the cases a step noted wait for `takeDeferredNameWords`
    /// (a screen, after its frame), and the cases noted meanwhile (`Store+NameIndex`).
    let wordsAfterFrame = Mutex<(deferring: Bool, noted: [Int64])>((false, []))
    /// How many transactions this session has begun (names their audit groups).
    private let groups = Mutex<Int>(0)
    /// How many of the writer's changes (`total_changes()`) were report facts kept
    /// (`keepReportFacts`): changes since a report's mark that are all these are no change to the record.
    let reportFactsChanges = Mutex<Int>(0)
    /// The version of the server schema this store's opening upgraded (its owner's opening of a
    /// schema an older Heard made), else nil: said by `heard init --postgres`, which would
    /// otherwise find all set up and say nothing was changed.
    let serverUpgrade = Mutex<Int?>(nil)
    /// What the last `setUpRoles` of this store found departing from the kept set-up and could
    /// not make as Heard makes it, named (`PostgresRoles.remaking`): said by `heard init --postgres`.
    /// `afresh`: no set-up had been kept before, and this one kept it as it now is.
    let setUpLeft = Mutex<(left: [String], afresh: Bool)>(([], false))
    public var setUpLeftAsItWas: [String] { setUpLeft.withLock { $0.left } }
    public var setUpKeptAfresh: Bool { setUpLeft.withLock { $0.afresh } }
    public var upgradedServerSchemaFrom: Int? { serverUpgrade.withLock { $0 } }
    /// What a command says when its opening upgraded the server's schema, else nil.
    public var serverUpgradeNote: String? {
        upgradedServerSchemaFrom.map { "\(path) was made by an older Heard (schema v\($0)) and is now upgraded for this one (v\(PostgresSchema.version))" }
    }
    /// Identifies this process's changes in the audit trail (for undo).
    public let session: String
    /// The team folder the file is in (`heard init --team`), nil for a personal file.
    public let team: TeamFolder?
    /// The file noted open in this process (`OpenDatabases`) while the store has it open (SQLite).
    let openMark: OpenDatabaseMark?
    /// Why nothing can be written into the file, not even the access log or the log's copy: it is
    /// on a read-only file system, or read immutable in a folder Heard cannot write in
    /// (`UnwritableFolder`); nil for any other.
    let unwritable: String?
    /// Opened read-only: why the file (or its -wal or -shm) is read though others can read it,
    /// being another user's, which Heard cannot make private (nil otherwise). A backup a
    /// council's IT restored as root with 0644 was refused even to `--read-only`, with advice
    /// ("ask them to make it 0600") that left its reader locked out: refusing protected nothing.
    /// Said beside what is shown (`heard`'s commands on stderr, the screens as a warning).
    public let othersCanRead: String?
    /// Whether nothing can be written into the file (`unwritable`): its reads are never recorded.
    public var cannotRecordReads: Bool { unwritable != nil }

    /// What to say when a file read immutable (`UnwritableFolder`) changed while it was read;
    /// nil when it did not, or was not read so. A command asks once it has read all it reads.
    public func readFileChanged() -> String? {
        guard let sqlite = backend as? SQLiteBackend, (try? sqlite.checkUnchanged()) == nil else { return nil }
        return Store.changedUnderImmutableRead(path)
    }

    /// Why this user can write nothing into the SQLite file at `path`, in a few words (a
    /// read-only file system, the folder, the file: `FileDiagnosis.writeBlocker`); nil when they
    /// can, or when there is no such file (a server's URL).
    public static func whyUnwritable(_ path: String) -> String? {
        guard PostgresURL(path) == nil, FileManager.default.fileExists(atPath: path) else { return nil }
        return FileDiagnosis.writeBlocker(path)?.briefly
    }

    /// Whether the disk holding the SQLite file at `path` has room for what a reading command
    /// keeps for the next (the report's facts: a log of changed pages, copied back beside it):
    /// 16 MB and a tenth of the file. Why: `heard report` on a disk with 200 KB free wrote its
    /// facts into the log, then could not copy them back, and left the disk full for every writer
    /// (found by an attack). Unknown (no statvfs): room.
    public static func roomToKeepWorkings(_ path: String) -> Bool {
        guard let free = FileDiagnosis.freeBytes(near: path) else { return true }
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        return free >= (16 << 20) + size / 10
    }

    static func changedUnderImmutableRead(_ path: String) -> String {
        "\(path) was changed by another program while Heard read it (read as it is, without locks, as Heard cannot write beside it): what was read may mix two states of it. Nothing more is read from it until Heard opens it again: do so when nothing is writing it, or copy it first."
    }
    /// Reads not yet in the access log (the file was busy), and its writer under `--read-only`.
    let readLog = ReadLog()
    public var actor: String { options.actor }
    public var rules: Rules { options.rules }
    public var reference: ReferenceData { options.reference }

    /// The default location: `$XDG_DATA_HOME/heard/heard.sqlite`, else `~/.local/share/heard/`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let p = environment["HEARD_DB"], !p.isEmpty { return p }
        let base: String
        if let x = environment["XDG_DATA_HOME"], !x.isEmpty { base = x }
        else { base = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share" }
        return base + "/heard/heard.sqlite"
    }

    /// A file's name as SQLite must be given it: one that begins `file:` is taken by SQLite for a
    /// URI (`file:f.sqlite?…` opened f.sqlite while Heard had checked the file named so; an
    /// attack), so it is given as `./file:…`. Anything else as it is.
    public static func plainFileName(_ path: String) -> String {
        path.hasPrefix("file:") ? "./" + path : path
    }

    /// Opens the record at `path`: an SQLite file, or a PostgreSQL server when `path` is a
    /// `postgresql://` (or `postgres://`) URL, whose password never appears in `self.path`.
    public init(path: String, options: StoreOptions = StoreOptions()) throws {
        if let why = Store.notAPathOrURL(path) { throw StoreError.refused(why) }
        let path = PostgresURL(path) == nil ? Store.plainFileName(path) : path
        self.session = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt64(Date().timeIntervalSince1970 * 1000))-\(UUID().uuidString.prefix(8))"
        if let url = PostgresURL(path) {
            self.path = url.display
            self.team = nil
            unwritable = nil
            othersCanRead = nil
            openMark = nil
            let server = try PostgresBackend(url: url, busyTimeout: options.busyTimeout)
            backend = server
            // Where the audit's "who" is the database user (`heard init --postgres`), the store says the same.
            self.options = try PostgresRoles.options(options, on: server)
            try prepare()
            return
        }
        self.path = path
        let fm = FileManager.default
        var isDir: ObjCBool = false
        let exists = fm.fileExists(atPath: path, isDirectory: &isDir)
        // A file made here and never made a record (a full disk, say) is taken away again: an
        // empty file left behind was then "not a Heard database" at the next try.
        var created = false
        // The team the file records, as the preflight read it (nil: not read, as of an empty file).
        var recorded: String?? = nil
        if isDir.boolValue { throw StoreError.unreadable(path, "it is a folder") }
        if let why = Store.notAFile(path) { throw StoreError.unreadable(path, why) }
        // Where SQLite cannot make its -wal and -shm, a file is read immutable (`UnwritableFolder`),
        // by the look before opening and by the store: looked at once, for both. The file is noted
        // first: a change made while it was looked at is a change since (a writer killed in
        // between left a half change read as whole; an attack).
        let marked = exists ? FileMark.of(path) : nil
        let readableImmutable = exists ? UnwritableFolder.immutableURI(path, readOnly: true) : nil
        if !exists {
            // A file behind a folder this user may not enter (a team folder of a group they are not in) is no missing file.
            if let why = TeamFolder.whyHidden(path) { throw StoreError.unreadable(path, why) }
            if options.readOnly || !options.create { throw StoreError.missingFile(path) }
            try Store.createPrivateFile(path)
            created = true
        } else if let size = (try? fm.attributesOfItem(atPath: path))?[.size] as? NSNumber, size.intValue > 0 {
            // (Not through a descriptor of its own when this process has the file open already:
            // closing it drops SQLite's locks, `OpenDatabases`; its header was read at that opening.)
            if !OpenDatabases.contains(path) {
                let application = try Store.checkHeader(path)
                // Not under --read-only, which changes no byte; a reading command opens read-only
                // by its own choice, and is no reason to leave the record unreadable.
                if !options.leaveFileAsIs && readableImmutable == nil && application == Schema.applicationID {
                    UnfinishedLogSwitch.undo(path)
                }
            }
            // Look before opening for writing: a writable open alone changes the file (WAL mode).
            let look: (group: String?, isRecord: Bool)
            do {
                look = try Store.preflight(path, location: readableImmutable, busyTimeout: options.busyTimeout)
            } catch {
                throw Store.changedUnderImmutableRead(marked, readableImmutable, path: path) ?? error
            }
            recorded = .some(look.group)
            // Refused before the writable open, which alone would change the file (WAL mode).
            if options.existingRecordOnly && !look.isRecord { throw StoreError.notHeard(path) }
        } else if exists && (options.existingRecordOnly || options.readOnly) {
            // An empty file is no other program's SQLite file (as it was said): nothing is in it.
            throw StoreError.unreadable(path, "it is empty: no record is in it yet")
        }
        // Nothing on a read-only file system can be written (or made private): said as that,
        // with the way to look (`--read-only`), not as the first thing found that cannot be done.
        if exists && !options.readOnly && FileDiagnosis.onReadOnlyMount(path) {
            throw StoreError.cannotWrite(path, FileDiagnosis.whyNotWritable(path))
        }
        let immutable = options.readOnly ? readableImmutable : nil
        // A file on a read-only file system cannot be made private by anyone: read as it is.
        let unchangeable = exists && options.readOnly && FileDiagnosis.onReadOnlyMount(path)
        let made: (team: TeamFolder?, othersCanRead: String?) = exists && !unchangeable
            ? try Store.makePrivate(path, recordedGroup: recorded, readOnly: options.readOnly) : (nil, nil)
        let team = made.team
        self.team = team
        othersCanRead = made.othersCanRead
        unwritable = unchangeable ? "\(path) is on a read-only file system"
            : immutable == nil ? nil
            : UnwritableFolder.diskFull(path) ? "the disk holding \(path) is full" : "you cannot write in the folder of \(path)"
        var options = options
        // In a team folder the login decides who the audit names; config.toml only adds a name beside it.
        if team != nil { options.actor = TeamFolder.who(displayName: options.displayName) }
        self.options = options
        var config = Configuration()
        config.readonly = options.readOnly
        config.busyMode = .timeout(options.busyTimeout)
        config.foreignKeysEnabled = true
        config.label = "heard"
        // The writer's log is copied back into the file beside the work (`LogCheckpointer`).
        let checkpointer = LogCheckpointer(path: path)
        config.prepareDatabase { db in
            guard !db.configuration.readonly else { return }
            checkpointer.install(on: db)
            // A savepoint's journal (the pages a case or chunk of a bulk change, undo or import
            // touched, as they were) in memory, not in a file under /var/tmp: a bulk change of
            // 100,000 cases wrote 160,000 pages of the record there and read them back, the
            // people's data on a disk outside the record's folder. It is emptied as each
            // savepoint ends. Set before any transaction, where SQLite allows it.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        do {
            do {
                let pool = try DatabasePool(path: immutable ?? path, configuration: config)
                // A save is on the disk when it returns: the log is synced at each commit, as a
                // server's COMMIT waits for its disk (about 0.2 ms a save here). NORMAL, which
                // can lose the last saves to a power cut or a crash of the machine, is what GRDB
                // sets on the writer as it turns the log on, after prepareDatabase: so here.
                if !options.readOnly { try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") } }
                backend = SQLiteBackend(pool: pool, path: path, checkpointer: checkpointer, immutable: immutable == nil ? nil : marked)
                openMark = OpenDatabaseMark(path: path)
            } catch let e as DatabaseError where Store.isBusy(e) && !options.readOnly {
                // Opening for writing writes when the log is empty (GRDB makes it, for its readers),
                // so another program's open write stops it: said with the way to look meanwhile
                // (a trial found only "try again").
                throw StoreError.busyAtOpen
            } catch let e as DatabaseError {
                throw Store.translate(e, path: path)
            }
            try prepare()
        } catch {
            if created { for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) } }
            throw Store.changedUnderImmutableRead(marked, immutable, path: path) ?? error
        }
    }

    /// Read without locks (`immutable`), a file another program writes meanwhile can read as
    /// damaged or as no database: the error said as what it is when the file's mark moved (an
    /// attack: one opening in fifty said "damaged: restore the file from a backup" while a
    /// writer saved). Nil when it was not read so, or did not change.
    static func changedUnderImmutableRead(_ marked: (file: String, mark: FileMark)?, _ immutable: String?, path: String) -> StoreError? {
        guard immutable != nil, let marked, FileMark(marked.file) != marked.mark else { return nil }
        return .changedWhileRead(path)
    }

    /// After the file was deleted or replaced under this store (`SQLiteBackend.checkStillThere`):
    /// the log and shared memory still named beside the path are this store's, not the new
    /// file's, and left there SQLite replays them into whatever file next has the name (a
    /// re-check put a backup back and found it corrupted). Closes the file and removes them, if
    /// they are the very ones it opened (their inodes). Nothing while the path names its file.
    /// The log is first copied into the file opened, through the descriptors SQLite holds, so
    /// the saves it holds reach that file wherever it now is (a trial moved the file away under
    /// the screens: the saves made before the move went with the log); a log that cannot be
    /// emptied (another process reading it) is left, as SQLite would leave it.
    public func removeOrphanedLogIfReplaced() {
        guard let sqlite = backend as? SQLiteBackend, (try? sqlite.checkStillThere()) == nil else { return }
        waitForCheckpoint()
        let emptied = (try? sqlite.pool.writeWithoutTransaction { db -> Bool in
            // busy, frames in the log, frames copied: (0, 0, 0) once TRUNCATE has emptied it.
            guard let r = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)") else { return false }
            return (r[0] as Int64?) == 0 && (r[1] as Int64?) == 0
        }) ?? false
        try? sqlite.pool.close()
        openMark?.release()
        guard emptied else { return }
        for (suffix, id) in sqlite.companionsOpened {
            if let now = OpenDatabases.identity(path + suffix), now == id { unlink(path + suffix) }
        }
    }

    /// Closes the file now (the log copied into it first); the store cannot be used after.
    /// For a command that must remove a file it created once it is done with it.
    public func closeFile() throws {
        if let server = backend as? PostgresBackend { server.close(); return }
        waitForCheckpoint()
        do { try pool.close() } catch let e as DatabaseError { throw Store.translate(e, path: path) }
        openMark?.release()
    }

    /// The process's last word on its record: on SQLite the log's copy under way is waited for
    /// and the file closed, so that SQLite, when this was the last connection to it anywhere,
    /// copies what is left of the log and removes it; on a server the connection is closed.
    /// Quietly: the process is ending. A log left whole by a command (`heard bulk` of 100,000
    /// cases: 26,270 pages, 108 MB, copied but not emptied) made every later reader look through
    /// it: `heard report` for a year took 400 ms rather than 120 ms until someone next wrote.
    ///
    /// Returns what to tell the user when the log could not be copied into the file (a full disk):
    /// every save is in the file and its log together, but a copy of the file alone is not whole
    /// until a later command copies the log (an attack copied it after "1,750 cases assigned").
    ///
    /// `emptyingTheLog`: by default only a store that may write; a command that read may too (the
    /// copy changes no record, only where its pages lie), never one opened under `--read-only`.
    @discardableResult
    public func finish(emptyingTheLog: Bool? = nil) -> String? {
        if let server = backend as? PostgresBackend { server.close(); return nil }
        waitForCheckpoint()
        try? pool.close()
        openMark?.release()
        // (Closing the pool is not enough: its last connection to close is a reader's, which
        // may not touch the log.)
        // (Not tried on a file this user may not write: a read-only copy of another's, 0400.)
        guard emptyingTheLog ?? !options.readOnly, unwritable == nil, access(path, W_OK) == 0, let sqlite = backend as? SQLiteBackend, let why = sqlite.checkpointer.empty() else { return nil }
        return "the log beside \(path) could not be copied into it (\(why)): keep \(path)-wal with it; a copy of the file alone is not whole until Heard next copies the log"
    }

    /// Returns once every copy of a log into its file this process started has run (SQLite):
    /// before the process exits.
    public static func waitForLogCopies() { LogCheckpointer.waitForAll() }

    /// Returns once the log's copy into the file started after a commit has finished (SQLite;
    /// nothing on a server): before the store empties the log itself or closes the file.
    func waitForCheckpoint() {
        (backend as? SQLiteBackend)?.checkpointer.wait()
    }

    /// Creates the folder 0700 and an empty file 0600, so that only the team's account reads it.
    static func createPrivateFile(_ path: String) throws {
        let dir = PathText.parent(path)
        if !dir.isEmpty && !FileManager.default.fileExists(atPath: dir) {
            do {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw StoreError.unreadable(path, "cannot create its folder")
            }
        }
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        if fd < 0 { throw StoreError.unreadable(path, String(cString: strerror(errno))) }
        close(fd)
        chmod(path, 0o600)
    }

    /// Brings the file and its companions (`-wal`, `-shm`) to 0600 when others could read them
    /// (a copy made with a loose umask); a file of someone else's that is open to others, which
    /// only its owner can close, is refused with the reason, or, `readOnly`, read as it is with
    /// the reason returned (`Store.othersCanRead`). A team file in its team
    /// folder is shared with the group instead (0660, `TeamFolder.examine`): returned, untouched.
    static func makePrivate(_ path: String, recordedGroup: String?? = nil,
                            readOnly: Bool = false) throws -> (team: TeamFolder?, othersCanRead: String?) {
        if let team = try TeamFolder.examine(path, recordedGroup: recordedGroup) { return (team, nil) }
        var othersCanRead: String?
        for file in [path, path + "-wal", path + "-shm"] {
            var st = stat()
            guard lstat(file, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_mode & 0o077 != 0 else { continue }
            let mode = String(st.st_mode & 0o777, radix: 8)
            guard st.st_uid == geteuid() else {
                // Read-only, it is read as it is and said; to write, refused as before.
                let why = "\(file) can be read by others (mode 0\(mode)) and belongs to another user"
                if readOnly {
                    othersCanRead = othersCanRead ?? "\(why): read as it is, as it is open read-only; ask them to make it 0600"
                    continue
                }
                throw StoreError.unreadable(path, "\(why): ask them to make it 0600")
            }
            // Only the others' bits go: the owner's own are kept, so a file its owner made
            // read-only (0444) stays so (0400) and is not made writable again (an attack).
            if chmod(file, st.st_mode & 0o700) != 0 {
                throw StoreError.unreadable(path, "\(file) can be read by others (mode 0\(mode)) and cannot be made private (\(String(cString: strerror(errno))))")
            }
        }
        return (nil, othersCanRead)
    }

    /// Why `path` names nothing a record can be kept in, looked at before anything opens it: a
    /// pipe (whose opening waited for a writer for ever; an attack), a device (/dev/null read as
    /// "an SQLite file Heard did not create"), a socket, links that lead round in a loop (read
    /// as "no such database file"), or a link to nothing (a record is never made through a
    /// link: "File exists"). Nil for a regular file, a folder (said by the caller) or nothing.
    static func notAFile(_ path: String) -> String? {
        var st = stat()
        if stat(path, &st) != 0 {
            let err = errno
            if err == ELOOP { return "its links lead round in a loop" }
            var link = stat()
            if err == ENOENT, lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
                return "it is a link to a file that does not exist; Heard makes a record only as a file of its own"
            }
            return nil
        }
        if st.st_mode & S_IFMT == S_IFDIR { return nil }
        if let kind = kind(st.st_mode) { return "it is \(kind), not a file" }
        // Where SQLite keeps its journal, log and shared memory (beside the file a link names):
        // a folder there was "database error: disk I/O error" (an attack).
        let real = UnwritableFolder.resolved(path) ?? path
        for suffix in ["-journal", "-wal", "-shm"] {
            var cs = stat()
            if stat(real + suffix, &cs) == 0, let kind = kind(cs.st_mode) ?? (cs.st_mode & S_IFMT == S_IFDIR ? "a folder" : nil) {
                return "beside it, \(real + suffix) is \(kind), where SQLite keeps a file of its own; move it away"
            }
        }
        return nil
    }

    /// What a file's mode says it is, when it is neither a regular file nor a folder.
    private static func kind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG, S_IFDIR: return nil
        case S_IFIFO: return "a pipe"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }

    /// Refuses a file that is not SQLite before SQLite sees it; returns the application id its header holds (0
    /// where the header is too short to hold one).
    @discardableResult
    static func checkHeader(_ path: String) throws -> Int32 {
        guard let h = FileHandle(forReadingAtPath: path) else { throw StoreError.unreadable(path, "permission denied") }
        defer { try? h.close() }
        let head = [UInt8]((try? h.read(upToCount: 72)) ?? Data())
        if head.count < 16 || String(decoding: head.prefix(15), as: UTF8.self) != "SQLite format 3" {
            throw StoreError.notADatabase(path)
        }
        guard head.count >= 72 else { return 0 }
        return Int32(bitPattern: head[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
    }

    /// Refuses, through a read-only connection, a file Heard did not write or one from a newer
    /// Heard. Returns the team the file records (`TeamFolder.recordedGroup`, read on the same
    /// connection: each connection reads the whole schema first, a millisecond of every command),
    /// and whether it holds a Heard record already.
    @discardableResult
    static func preflight(_ path: String, location: String? = nil, busyTimeout: Double) throws -> (group: String?, isRecord: Bool) {
        var config = Configuration()
        config.readonly = true
        // As patient as the store itself: a file in rollback-journal mode (another tool set it) is
        // unreadable while its writer commits, and the look was refused at once as "locked".
        config.busyMode = .timeout(busyTimeout)
        do {
            let q = try DatabaseQueue(path: location ?? path, configuration: config)
            defer { try? q.close() }
            return try q.read { db -> (group: String?, isRecord: Bool) in
                let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type='table'") ?? 0
                let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                if tables > 0 && appID != Schema.applicationID { throw StoreError.notHeard(path) }
                // (Looked up once: each look reads the whole of sqlite_master.)
                let hasMigrations = try Schema.hasTable(db, "grdb_migrations")
                // Heard marks a file before it makes any table, and makes its list of migrations
                // before any other: a file with tables of its own beside Heard's mark alone is
                // another program's (an attack marked one, and `heard demo` wrote into it).
                if tables > (hasMigrations ? 1 : 0),
                   try !hasMigrations || (Int.fetchOne(db, sql: "SELECT count(*) FROM grdb_migrations") ?? 0) == 0 {
                    throw StoreError.notHeard(path)
                }
                if hasMigrations, try Schema.migrator.hasBeenSuperseded(db) { throw StoreError.newerVersion(path) }
                // A Heard record: its migrations have begun (what a read-only open asks too).
                let isRecord = try hasMigrations && (Int.fetchOne(db, sql: "SELECT count(*) FROM grdb_migrations") ?? 0) > 0
                return (TeamFolder.recordedGroup(db), isRecord)
            }
        } catch let e as DatabaseError {
            throw translate(e, path: path)
        }
    }

    /// SQLite's or GRDB's words without the row they quote: GRDB says a foreign key's violation
    /// as "FOREIGN KEY constraint violation - from contact_log(contact_id) to contacts(id), in
    /// [id:1394 … with_whom:\"a name\" note:\"…\"]", which put a person's data in the message.
    static func withoutRowValues(_ message: String) -> String {
        guard let cut = message.range(of: ", in [") ?? message.range(of: " in [") else { return message }
        return String(message[..<cut.lowerBound])
    }

    static func translate(_ e: DatabaseError, path: String, freeBytes: (String) -> Int? = FileDiagnosis.freeBytes(near:)) -> StoreError {
        switch e.extendedResultCode {
        case .SQLITE_READONLY_ROLLBACK, .SQLITE_READONLY_RECOVERY, .SQLITE_READONLY_CANTINIT, .SQLITE_READONLY_CANTLOCK:
            // SQLite must write to read: undo a change a -journal holds, rebuild or make the -shm.
            return .unreadable(path, FileDiagnosis.whyNotOpened(path))
        default: break
        }
        switch e.resultCode {
        case .SQLITE_NOTADB: return .notADatabase(path)
        case .SQLITE_CORRUPT: return .damaged(path)
        case .SQLITE_FULL: return .diskFull(path)
        // A full disk met before SQLite's -shm file has its pages (mapping it fails) is said by
        // SQLite as a bare "disk I/O error", read or write alike.
        case .SQLITE_IOERR where freeBytes(path).map { $0 < 64 * 1024 } ?? false: return .diskFull(path)
        case .SQLITE_CANTOPEN: return .unreadable(path, FileDiagnosis.whyNotOpened(path))
        // A store opened read-only refuses writes before SQLite sees them: this is the file's
        // own refusal (a read-only mount, a file or folder without write permission).
        case .SQLITE_READONLY: return .cannotWrite(path, FileDiagnosis.whyNotWritable(path))
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy
        default: return .database(withoutRowValues(e.message ?? "\(e.resultCode)"))
        }
    }

    private func prepare() throws {
        if dialect == .postgres { return try preparePostgres() }
        let migrator = Schema.migrator
        do {
            // What the open decides on, read at once: a file already Heard's and up to date (every
            // open but the first of a new version) needs no other read, where five reads were made
            // one after another before every command.
            let state: (tables: Int, appID: Int32, superseded: Bool, applied: Bool, settled: SettledLook?) = try pool.read { db in
                let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type='table'") ?? 0
                let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let hasMigrations = try Schema.hasTable(db, "grdb_migrations")
                let superseded = hasMigrations ? try migrator.hasBeenSuperseded(db) : false
                let applied = hasMigrations ? try !migrator.appliedIdentifiers(db).isEmpty : false
                var settled: SettledLook?
                if !options.readOnly && !superseded && appID == Schema.applicationID && applied, try migrator.hasCompletedMigrations(db) {
                    settled = try SettledLook(db)
                }
                return (tables, appID, superseded, applied, settled)
            }
            if state.tables > 0 && state.appID != Schema.applicationID { throw StoreError.notHeard(path) }
            if state.superseded { throw StoreError.newerVersion(path) }
            if options.readOnly {
                if !state.applied { throw StoreError.notHeard(path) }
                let complete = try pool.read { try migrator.hasCompletedMigrations($0) }
                // Whether what the file lacks is only indexes, which a reader does without.
                let readableAsIs = { try self.pool.read { try Set(migrator.migrations).subtracting(migrator.appliedIdentifiers($0)) }.isSubset(of: Schema.readableWithout) }
                if !complete && options.leaveFileAsIs {
                    guard try readableAsIs() else {
                        throw StoreError.refused("\(path) was written by an older Heard and must be upgraded before this version can read it. Opened read-only (--read-only or HEARD_READ_ONLY), it was left as it is: open it without read-only to upgrade it, or copy it with its -wal file and open the copy without read-only, so this file stays as it was.")
                    }
                } else if !complete {
                    // Upgrading is the one write a reading command makes, when the file allows it. As
                    // patient as the store: officers starting a new Heard together upgrade the file
                    // once, and the others waited for none (a refusal said "needs upgrading").
                    var upgrading = Configuration()
                    upgrading.busyMode = .timeout(options.busyTimeout)
                    do {
                        let q = try DatabaseQueue(path: path, configuration: upgrading)
                        try migrator.migrate(q)
                        try q.close()
                    } catch let e as DatabaseError where ![.SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH, .SQLITE_BUSY].contains(e.resultCode.primaryResultCode) {
                        // The file could be written, and the upgrade itself failed: say why, not "writable".
                        throw StoreError.refused("\(path) could not be upgraded to this Heard's version, so nothing in it was changed: \(Store.translate(e, path: path))")
                    } catch {
                        // Only indexes to add: read it as it is.
                        guard try readableAsIs() else {
                            throw StoreError.refused("\(path) needs upgrading by a writable Heard before it can be opened read-only.")
                        }
                    }
                }
                try verifyShape()
                return
            }
            if options.existingRecordOnly && !state.applied { throw StoreError.notHeard(path) }
            // A file already Heard's and up to date is opened without writing: the write took the
            // file's lock, and while another process held it (an import, a long bulk change, a
            // tool with a transaction open) Heard could not even start (found by a trial).
            if let settled = state.settled {
                if !settled.missing.isEmpty { throw StoreError.incomplete(path, settled.missing) }
                addUnversionedIndexes(present: settled.indexes)
                if !settled.reportFactsIntact { ensureReportFacts() }
                return
            }
            try pool.write { db in
                if try Int32.fetchOne(db, sql: "PRAGMA application_id") != Schema.applicationID {
                    try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)")
                }
            }
            try migrator.migrate(pool)
            try verifyShape()
            addUnversionedIndexes()
            ensureReportFacts()
        } catch let e as DatabaseError {
            throw Store.translate(e, path: path)
        }
    }

    /// Makes the indexes of `Schema.unversionedIndexes` a writable file lacks, once, if it can
    /// at once: while another connection holds the file's lock it waits for nothing (the next
    /// open makes them), and a file that cannot take them is read without them.
    private func addUnversionedIndexes(present known: Set<String>? = nil) {
        guard let present = known ?? (try? pool.read({ try SettledLook.indexes($0) })) else { return }
        let missing = Schema.unversionedIndexes.filter { !present.contains($0.name) }
        guard !missing.isEmpty else { return }
        try? pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA busy_timeout = 0")
            defer { try? db.execute(sql: "PRAGMA busy_timeout = \(Int(options.busyTimeout * 1000))") }
            for index in missing { try db.execute(sql: index.sql) }
        }
    }

    /// What the open of a file already Heard's and up to date looks at after its migrations,
    /// read in the transaction that found them done.
    struct SettledLook {
        /// What `Schema.missing` names.
        let missing: [String]
        /// The names of the file's indexes.
        let indexes: Set<String>
        /// Whether the report's facts are as made (`reportFactsIntact`).
        let reportFactsIntact: Bool

        init(_ db: Database) throws {
            missing = try Schema.missing(in: db)
            indexes = try SettledLook.indexes(db)
            reportFactsIntact = try Store.reportFactsIntact(db)
        }

        static func indexes(_ db: Database) throws -> Set<String> {
            try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index'"))
        }
    }

    /// Refuses a file whose migrations are recorded as done but whose tables or columns are not
    /// all there (dropped or rebuilt by another tool), naming what is missing, rather than let
    /// every command fail later on a raw "no such table".
    private func verifyShape() throws {
        let missing = try pool.read { try Schema.missing(in: $0) }
        if !missing.isEmpty { throw StoreError.incomplete(path, missing) }
    }

    /// Runs `body` in one write transaction and commits it when `body` returns (rolls it back
    /// when it throws). Pass `tx` to the store's commands to have several of them commit together
    /// as one user step: one audit group, one undo step. Each command runs in a savepoint of its
    /// own, so one that is refused (and caught) changes nothing while the others stand.
    /// Inside `body`, use the `in: tx` forms only: a command that opens its own transaction
    /// there would wait on this one (GRDB stops the process on such a nested write).
    public func write<T>(_ body: (Transaction) throws -> T) throws -> T {
        try write(single: false, body)
    }

    /// `write`; `single` when `body` is one command and nothing else (`Transaction.single`).
    func write<T>(single: Bool, _ body: (Transaction) throws -> T) throws -> T {
        if options.readOnly { throw StoreError.readOnly }
        let group = newAuditGroup()
        var attempt = 0
        while true {
            do {
                // Reads waiting for the access log (the file was busy, or they were recorded
                // inside `body`) go in with this change (`Store+Reads`).
                var kept = 0
                readLog.writing(true)
                defer { readLog.writing(false) }
                func step(_ conn: any SQLConnection, takingWords: Bool) throws -> T {
                    let tx = Transaction(conn, group: group)
                    tx.single = single
                    let result = try body(tx)
                    // The words of the cases this step changed, into the name index with it
                    // (a step of many leaves them to the next search: `Store+NameIndex`).
                    // A take that fails leaves the notes (a search reads those cases aside): a derived
                    // index must never stop the record's writes.
                    if takingWords { _ = try? tx.sql.savepoint { try Store.takeNameWords(tx.sql, limit: Store.nameWordsTakenInStep) } }
                    kept = keepReads(readLog.waiting, in: tx.sql)
                    return result
                }
                if hasNameIndex, let server = backend as? PostgresBackend {
                    // On a server the take cost two round trips of every step (the writes sent
                    // before its savepoint, then the take), most often to find no note. Which
                    // cases are noted is asked with COMMIT instead, and their words are taken
                    // after, only then, in a write of their own that waits for no one (`takeNameWordsAfter`).
                    let (result, noted) = try server.write(asking: Store.notesRead) { try step($0, takingWords: false) }
                    readLog.written(kept)
                    if !noted.isEmpty && !deferredNameWords(noted) { takeNameWordsAfter(server, noted: noted) }
                    return result
                }
                let result = try backend.write { try step($0, takingWords: hasNameIndex) }
                readLog.written(kept)
                return result
            } catch let e as StoreError where e.isBusy && attempt < options.busyRetries {
                // The transaction was rolled back whole: running it again is the same user step.
                attempt += 1
                usleep(useconds_t(100_000 * attempt))
            } catch let moved as VersionMoved {
                // Found as a single command's writes were answered with COMMIT (rolled back).
                throw try query { try moved.explained($0) }
            }
        }
    }

    /// Whether SQLite refused because another connection holds the file.
    static func isBusy(_ e: DatabaseError) -> Bool { e.resultCode == .SQLITE_BUSY || e.resultCode == .SQLITE_LOCKED }

    /// Whether another process holds the file for writing now: a write would wait for it. Asked
    /// without waiting (one `BEGIN IMMEDIATE` and its rollback, microseconds), so a screen can
    /// say "Saving… (the file is busy)" before a write that may block.
    public func fileIsBusy() -> Bool {
        guard !options.readOnly else { return false }
        if dialect == .postgres { return postgresWriterIsBusy() }
        let wait = Int(options.busyTimeout * 1000)
        return (try? pool.writeWithoutTransaction { db -> Bool in
            try db.execute(sql: "PRAGMA busy_timeout = 0")
            defer { try? db.execute(sql: "PRAGMA busy_timeout = \(wait)") }
            do {
                try db.beginTransaction(.immediate)
                try db.rollback()
                return false
            } catch let e as DatabaseError where Store.isBusy(e) {
                return true
            }
        }) ?? false
    }

    /// Runs `body` in a read transaction, on whichever database holds the record.
    func query<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try backend.read(body)
    }

    /// Runs `body` on the SQLite file (code not yet written for both databases).
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch let e as DatabaseError { throw Store.translate(e, path: path) }
    }

    /// A new audit group id: unique to this session and this transaction.
    private func newAuditGroup() -> String {
        let n = groups.withLock { n -> Int in n += 1; return n }
        return "\(session)-\(n)"
    }

    /// Changes whenever any process commits to the file (`PRAGMA data_version`): poll it to
    /// notice another process's changes.
    /// On PostgreSQL the change counter stands in, which asks the server only when another
    /// session announced a change (LISTEN/NOTIFY, `PostgresNotify`).
    public func dataVersion() throws -> Int {
        switch dialect {
        case .sqlite: return try query { try $0.int("PRAGMA data_version") ?? 0 }
        case .postgres: return try changeCounter()
        }
    }

    /// A monotonic counter of committed changes, the same in every process (data_version is
    /// per connection): the number of audit rows. On PostgreSQL it is read again only after a
    /// change was announced, so a screen may poll it twice a second at no cost.
    public func changeCounter() throws -> Int {
        let count = { try self.query { try $0.int("SELECT coalesce(max(id), 0) FROM audit") ?? 0 } }
        if let server = backend as? PostgresBackend { return try server.changeCounter(count) }
        return try count()
    }

    /// The calendar: England and Wales built in plus any imported holidays.
    public func calendar() throws -> WorkingDayCalendar {
        try query { try calendar($0) }
    }

    /// The query of `calendar(_:)`.
    static let holidaysRead = SQLRead(sql: "SELECT date, title FROM holidays ORDER BY date", arguments: [], cached: true)

    /// The calendar as `conn` sees it (inside a transaction: with its own writes).
    func calendar(_ conn: any SQLConnection) throws -> WorkingDayCalendar {
        var extra: [BankHoliday] = []
        try conn.each(Store.holidaysRead) { r in
            // A row another tool wrote without a date (or with a bad one, or not as text) is no holiday.
            guard r.kind(0) == .text, let d = LocalDate(iso: r.text(0)) else { return }
            extra.append(BankHoliday(date: d, title: r.kind(1) == .text ? r.text(1) : ""))
        }
        // Every command asks; the holidays seldom change: the calendar is built again only then.
        return lastCalendar.withLock { last in
            if let (holidays, calendar) = last, holidays == extra { return calendar }
            let calendar = WorkingDayCalendar.englandAndWales.adding(extra)
            last = (extra, calendar)
            return calendar
        }
    }
}

extension StoreError {
    /// Another process held the file for writing past the wait: nothing was written.
    public static let busy = StoreError.database("the file is locked by another process; try again")
    /// Said when the file cannot be opened for writing because another program is writing to it.
    public static let busyAtOpen = StoreError.database("the file is locked by another process that is writing to it; try again in a moment, or add --read-only to look without changing anything")

    /// Whether this is `busy` or `serverBusy` (the same step may succeed when tried again).
    public var isBusy: Bool { self == .busy || self == .serverBusy || self == .serverLocked }
}
