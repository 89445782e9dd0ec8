import ArgumentParser
import CellWidth
import Foundation
import HeardApp
import HeardCore
import HeardFiles
import HeardStore
import Synchronization

/// A domain or input error: printed to stderr, exit status 1.
struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

/// Options every command takes.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file, or a postgresql:// URL (default: $HEARD_DB, else $XDG_DATA_HOME/heard/heard.sqlite).", valueName: "PATH"))
    var db: String?

    var path: String { Store.plainFileName(db ?? Store.defaultPath()) }
}

/// Finds a single-valued option given more than once, for every command alike: ArgumentParser
/// keeps the last and silently drops the first, so `--investigator A --investigator B` would
/// record B alone. What takes one value and what may be repeated (`--remedy`, `--panel`,
/// `--service-area`) is read from the commands' own declarations (ArgumentParser's description
/// of them), so it cannot drift from them.
enum RepeatedOptions {
    struct Described: Decodable { var command: Command }
    struct Command: Decodable {
        var commandName: String
        var subcommands: [Command]?
        var arguments: [Argument]?
    }
    struct Argument: Decodable {
        var kind: String
        var isRepeating: Bool
        var names: [Name]?
    }
    struct Name: Decodable {
        var kind: String
        var name: String
        var spelt: String { kind == "long" ? "--" + name : "-" + name }
    }

    static let commands: Command? = try? JSONDecoder().decode(Described.self, from: Data(Heard._dumpHelp().utf8)).command

    /// Says the first repeated option as the other usage errors are said; true when there was one.
    static func refused(_ arguments: [String]) -> Bool {
        // Reading the commands' description costs about 10 ms (ArgumentParser writes it as JSON
        // for it to be read back): only when the words alone cannot rule a repeat out.
        if cannotRepeat(arguments) { return false }
        guard let option = repeated(in: arguments) else { return false }
        warn("\(option) was given more than once; give it once")
        return true
    }

    /// True when the words alone prove no option is given twice: every word that looks like an
    /// option is a long one (`--name` or `--name=value`) and no two say the same name. Sound
    /// because no option of Heard's has a second long name (CLIRepeatedOptionTests checks it
    /// from the dumped description): a repeat needs two words spelling one name, or a short or
    /// single-dash one, and either sends the words to the full check (`repeated(in:)`). Words it
    /// would skip (a value, those after `--`) are counted too, which can only send more there.
    static func cannotRepeat(_ arguments: [String]) -> Bool {
        var seen: Set<Substring> = []
        for word in arguments where word.hasPrefix("-") && word.count > 1 {
            guard word.hasPrefix("--") else { return false }
            let spelt = word.split(separator: "=", maxSplits: 1).first ?? Substring(word)
            if !seen.insert(spelt).inserted { return false }
        }
        return true
    }

    /// The first single-valued option `arguments` give twice, spelt as in `--help`; nil when none.
    static func repeated(in arguments: [String], root: Command? = commands) -> String? {
        guard var command = root else { return nil }
        var seen: Set<String> = []
        var i = 0
        while i < arguments.count {
            let word = arguments[i]
            i += 1
            if word == "--" { return nil }
            if word.hasPrefix("-"), word.count > 1 {
                let spelt = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
                guard let argument = command.arguments?.first(where: { $0.names?.contains { $0.spelt == spelt } ?? false }),
                      argument.kind == "option", let name = argument.names?.first?.spelt else { continue }
                // The next word is this option's value, whatever it looks like (a date like -2wd).
                if !word.contains("=") { i += 1 }
                if argument.isRepeating { continue }
                if !seen.insert(name).inserted { return name }
            } else if let sub = command.subcommands?.first(where: { $0.commandName == word }) {
                // What was seen before the subcommand still counts: `heard --db A cases --db B`
                // names two records, and ArgumentParser would silently take B (found by an attack).
                command = sub
            }
        }
        return nil
    }
}

enum Environment {
    static var values: [String: String] { ProcessInfo.processInfo.environment }

    /// Today: `HEARD_TODAY` when set (for tests and demonstrations), else the local date.
    static func today() throws -> LocalDate {
        if let t = values["HEARD_TODAY"], !t.isEmpty {
            guard let d = LocalDate(parsing: t) else { throw Failure("HEARD_TODAY: '\(t)' is not a date (use YYYY-MM-DD)") }
            return d
        }
        return LocalClock.today()
    }
}

/// `--read-only` before a subcommand (main.swift sets it), or HEARD_READ_ONLY=1: nothing the
/// command does may change the record, and the file is never upgraded (the access log still
/// records reads, as README's Data protection says). Read where it is needed
/// (the flag is set before any command runs), in one place. Any value but an empty one, 0, false,
/// no or off means read-only: HEARD_READ_ONLY=true was taken for "not read-only", and an older
/// file was upgraded (a trial). A value not understood errs on the side of changing nothing.
var readOnlyForced: Bool {
    guard let v = ProcessInfo.processInfo.environment["HEARD_READ_ONLY"] else { return false }
    return !["", "0", "false", "no", "off"].contains(v.trimmingCharacters(in: .whitespaces).lowercased())
}

/// Opens the store with the user's configuration.
/// `interactive`: someone waits at the screen, so a busy file is given up on after about two
/// seconds (StoreOptions.waitBriefly) instead of freezing it for fifteen.
func openStore(_ path: String, readOnly: Bool = false, create: Bool = false, interactive: Bool = false,
               toKeepWorkings: Bool = false, sayingUpgrade: Bool = true, undoSession: String? = nil) throws -> Store {
    let config = try HeardConfiguration.load()
    // A broken file can hold thousands of problems: the first few say where to look.
    for w in config.warnings.prefix(10) { warn(w) }
    if config.warnings.count > 10 { warn("… and \(config.warnings.count - 10) more problems in config.toml") }
    let forced = readOnlyForced
    var options = StoreOptions(readOnly: readOnly || forced, create: create && !forced, actor: config.officer, rules: config.rules, reference: config.reference)
    options.recordReads = config.recordReads
    options.leaveFileAsIs = forced
    // Beside the login in a team folder; the login, not this, says who the audit names there.
    options.displayName = config.namesOfficer ? config.officer : nil
    if interactive { options.waitBriefly() }
    options.undoSession = undoSession
    if toKeepWorkings {
        // Opened for writing only to keep what a reading command worked out: no file is made a
        // record, and a file another process is writing is read at once, not waited for.
        options.existingRecordOnly = true
        options.busyTimeout = 0.25
        options.busyRetries = 0
    }
    let store = try Store(path: path, options: options)
    storesOpened.withLock { $0.append(store) }
    if let note = store.othersCanRead { warn(note) }
    // The owner's opening of a server schema an older Heard made upgrades it: said, not done unseen.
    if sayingUpgrade, let note = store.serverUpgradeNote { warn(note) }
    return store
}

/// A store for a command that only reads but may keep what it worked out for the next run (the
/// report's facts, `Store+ReportFacts`): opened for writing where this user may write the file and
/// its folder and nothing is writing to it now, else read-only as any reading command (a file
/// on a read-only mount, another user's, one an import holds, `--read-only`, a server).
func openStoreToRead(_ path: String) throws -> Store {
    let forced = readOnlyForced
    // (Not NSString's deletingLastPathComponent: it traps on a one-letter name, `--db a`; an attack.)
    let folder = PathText.folder(path)
    let fm = FileManager.default
    // Writable for this user, and meant to be written by someone: root may write anything, and a
    // file or folder made read-only (0400, 0555) says it is not to be changed (found by a trial).
    func writable(_ p: String) -> Bool {
        var st = stat()
        return fm.isWritableFile(atPath: p) && stat(p, &st) == 0 && st.st_mode & 0o222 != 0
    }
    guard !forced, !path.hasPrefix("postgresql://"), !path.hasPrefix("postgres://"), writable(path),
          writable(folder), Store.roomToKeepWorkings(path) else { return try openStore(path, readOnly: true) }
    do {
        return try openStore(path, readOnly: false, toKeepWorkings: true)
    } catch let e as StoreError {
        if case .cannotWrite = e { return try openStore(path, readOnly: true) }
        // A full disk: read as it is (`UnwritableFolder.diskFull`), the workings not kept.
        if case .diskFull = e { return try openStore(path, readOnly: true) }
        if e == StoreError.busyAtOpen { return try openStore(path, readOnly: true) }
        throw e
    }
}

/// Every store the command opened: at its end, a file deleted or replaced meanwhile has the log
/// it left beside the path emptied into it and removed (`Store.removeOrphanedLogIfReplaced`; a
/// re-check deleted a file during `heard bulk`, and the 14 MB log left was replayed into the
/// backup put back at the path).
let storesOpened = Mutex<[Store]>([])

/// `Store.finish` for every store the command opened, at its very end: the log emptied by
/// commands that only read too (a log left by a screen ended by a signal stayed, and a copy of the
/// file alone lacked its saves; an attack), but not under `--read-only`, which changes no byte.
/// Once: a store finished is taken off the list.
func finishStores() {
    let forced = readOnlyForced
    let stores = storesOpened.withLock { list in
        defer { list.removeAll() }
        return list
    }
    for store in stores { if let why = store.finish(emptyingTheLog: !forced) { warn(why) } }
}

/// `Store.removeOrphanedLogIfReplaced` for every store the command opened.
func removeOrphanedLogs() {
    for store in storesOpened.withLock({ $0 }) { store.removeOrphanedLogIfReplaced() }
}

/// Runs `body` on the store at `path`, created when absent. When this command created the file
/// and then failed (a bad import file: nothing imported), or `keep` says nothing worth keeping
/// was written (a dry run), the file and the companions it created (-wal, -shm) are removed
/// again, so no empty database is left behind. A file that existed before is never removed.
/// On a PostgreSQL server (`path` a URL) nothing is looked for or removed on disk: the server's
/// database was there before, and a failed command's transaction wrote nothing into it.
func withCreatedStore<T>(_ path: String, keep: (T) -> Bool = { _ in true }, _ body: (Store) throws -> T) throws -> T {
    if Store.isServerURL(path) { return try body(try openStore(path, create: true)) }
    let files = [path, path + "-wal", path + "-shm"]
    let existed = files.map { FileManager.default.fileExists(atPath: $0) }
    let store = try openStore(path, create: true)
    func removeCreated() {
        // Closed first, so SQLite does not write the log again after it is removed.
        try? store.closeFile()
        for (file, was) in zip(files, existed) where !was { unlink(file) }
    }
    let result: T
    do {
        result = try body(store)
    } catch {
        if !existed[0] { removeCreated() }
        throw error
    }
    if !existed[0] && !keep(result) { removeCreated() }
    return result
}

/// Writes `text` to `path` through the one private-file writer (0600, all or nothing, never
/// through a link), or to standard output when nil; a failed write is an error, never a trap.
func emit(_ text: String, to path: String?) throws {
    do {
        if let path { try PrivateFile.write(text, to: path) } else { try StandardOutput.write(text) }
    } catch let e as FileWriteError {
        throw Failure(e.description)
    }
}

/// A line on standard output (what a command says it did).
func say(_ line: String) throws { try emit(line + "\n", to: nil) }

/// A line on standard error, prefixed "heard: ".
func warn(_ message: String) { StandardError.write("heard: \(message)\n") }

func readFile(_ path: String) throws -> Data {
    try checkReadable(path)
    guard let d = FileManager.default.contents(atPath: path) else { throw Failure("\(path): cannot be read") }
    return d
}

/// Refuses what is not a regular file before opening it: a folder, a device, or a FIFO (whose
/// read would wait for a writer for ever).
func checkReadable(_ path: String) throws {
    var st = stat()
    guard stat(path, &st) == 0 else { throw Failure("\(path): \(errno == ENOENT ? "no such file" : String(cString: strerror(errno)))") }
    switch st.st_mode & S_IFMT {
    case S_IFREG:
        // Reading the record this command has open, and closing it, would drop SQLite's locks on it.
        if OpenDatabases.contains(path) { throw Failure("\(path): is the record Heard has open; name another file") }
        return
    case S_IFDIR: throw Failure("\(path): is a folder, not a file")
    case S_IFIFO: throw Failure("\(path): is a pipe, not a file; save what it gives to a file first")
    default: throw Failure("\(path): is not a regular file")
    }
}

/// A file's bytes, read once into the array the CSV reader walks (no intermediate Data copy).
func readBytes(_ path: String) throws -> [UInt8] {
    try checkReadable(path)
    guard let f = fopen(path, "rb") else { throw Failure("\(path): cannot be read") }
    defer { fclose(f) }
    fseek(f, 0, SEEK_END)
    let size = ftell(f)
    fseek(f, 0, SEEK_SET)
    guard size >= 0 else { throw Failure("\(path): cannot be read") }
    var bytes = [UInt8](repeating: 0, count: size)
    let n = bytes.withUnsafeMutableBytes { fread($0.baseAddress, 1, size, f) }
    guard n == size else { throw Failure("\(path): cannot be read") }
    return bytes
}

func parseDate(_ text: String, option: String) throws -> LocalDate {
    guard let d = LocalDate(parsing: text) else { throw ValidationError("\(option): '\(text)' is not a date (use YYYY-MM-DD or DD/MM/YYYY)") }
    // The range every other date Heard takes is in (DateInput.years): a report of 1899 is a typo.
    guard DateInput.years.contains(d.year) else {
        throw ValidationError("\(option): \(d.iso) is outside the years Heard takes (\(DateInput.years.lowerBound) to \(DateInput.years.upperBound))")
    }
    return d
}

/// `--skip-unreadable`: rows another tool wrote that Heard cannot read are named on stderr by
/// every command that leaves them out, and make its status 1 (its output is incomplete) unless
/// the user says to go on without them.
struct UnreadableOptions: ParsableArguments {
    @Flag(name: .customLong("skip-unreadable"), help: "Leave out rows Heard cannot read without failing (they are still named on stderr).")
    var skip = false

    /// Whether rows were left out (only with `--skip-unreadable`; without it, they fail).
    @discardableResult
    func check(_ store: Store, contacts: Bool, actions: Bool, correspondence: Bool = false, events: Bool = false) throws -> Bool {
        let rows = try store.unreadableRows(contacts: contacts, actions: actions, correspondence: correspondence, events: events)
        guard !rows.isEmpty else { return false }
        if skip { warn(rows.summary); return true }
        throw Failure(rows.summary + " (--skip-unreadable to go on without them)")
    }
}

/// "Did you mean": a name given for an officer that no case holds, said with the known names it
/// may have meant. A filter by an officer matches the name with ASCII case ignored (SQLite's
/// NOCASE, PostgreSQL's lower() under "C"), so "priya" listed nothing and `heard digest --officer
/// priya` said "Nothing due" for Priya Shah, whose cases were overdue (found by a trial): the
/// list or digest is still what was asked, with this said beside it.
enum OfficerHint {
    /// A name as a reader takes it: case ignored, invisible characters dropped, every run of
    /// spaces of any kind (tabs, line breaks, no-break spaces) one space, trimmed. Compared with
    /// Swift's ==, which holds "é" written as one character or two equal.
    static func key(_ s: String) -> String {
        String(String.UnicodeScalarView(s.lowercased().unicodeScalars.filter { !CaseSearch.isIgnorable($0) }))
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// A name as the terminal is given it: without controls, on one line, cut at 80 characters
    /// (a name of 10,000 was echoed whole).
    static func shown(_ s: String) -> String {
        let c = TextSanitiser.clean(s, allowLineBreaks: false).0.trimmingCharacters(in: .whitespaces)
        return c.count > 80 ? String(c.prefix(79)) + "…" : c
    }

    /// "; did you mean A or B?" (up to three known names one of whose words, or the whole,
    /// starts with what was typed, as `key` reads both; how many more when there are), or "".
    /// Names holding a comma are quoted, or "Head of Service, Resources" ran into the next.
    static func meant(_ typed: String, among known: [String]) -> String {
        let typed = key(typed)
        guard !typed.isEmpty else { return "" }
        // Each once: names another tool wrote with padding or an invisible character looked
        // alike three times over (an attack).
        var seen = Set<String>()
        let like = known.filter { name in
            let k = key(name)
            guard !k.isEmpty, k.hasPrefix(typed) || k.split(separator: " ").contains(where: { $0.hasPrefix(typed) }) else { return false }
            return seen.insert(k).inserted
        }
        guard !like.isEmpty else { return "" }
        let names = like.prefix(3).map(shown)
        let listed = names.contains { $0.contains(",") } ? names.map { "'\($0)'" } : names
        return "; did you mean " + listed.joined(separator: " or ") + (like.count > 3 ? " (or \(like.count - 3) more)" : "") + "?"
    }

    /// The warning for `--officer NAME` when no case's officer (nor, with `owners`, no action's
    /// owner) is NAME to the filter; nil when one is, or no name was given. Asked only when the
    /// list came out empty: a name that listed something is known. A known name that reads the
    /// same (`key`) is said as such: "did you mean Zoé X?" for "Zoé X" typed told the officer to
    /// type what they had typed, when the file held the é as two characters (found by a trial).
    static func unknownFilter(_ name: String?, _ store: Store, owners: Bool = false) throws -> String? {
        guard let name, !name.trimmingSpaces.isEmpty else { return nil }
        if try store.namesOfficer(name, owners: owners) { return nil }
        var known = try store.knownValues("officer", limit: 10_000)
        if owners { known += try store.knownActionOwners(limit: 10_000) }
        let said = "no case" + (owners ? " or action" : "") + " names the officer '\(shown(name))'"
        let typed = key(name)
        if let same = known.first(where: { key($0) == typed }) {
            return said + " as typed: '\(shown(same))' differs from it only in its spaces, an invisible character, the case of an"
                + " accented letter or how an accent is written, and the filter takes the name as it is held (copy it from heard cases)"
        }
        return said + meant(name, among: known)
    }
}
