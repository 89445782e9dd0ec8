import CellWidth
import CursesBackend
import ConfigFile
import Foundation
import HeardApp
import HeardCore
import HeardStore
import TerminalUI

/// Opens the screens on a database.
enum App {
    static func open(path: String, theme themeName: String?, readOnly: Bool, demo: Bool) throws {
        // Before any thread starts (the store's, the list's): one malloc arena for the day.
        Memory.useOneArena()
        let env = ProcessInfo.processInfo.environment
        guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else {
            throw Failure("the screens need a terminal; for scripts use the commands (heard --help)")
        }
        let today = try Environment.today()
        let store: Store
        do {
            store = try openStore(path, readOnly: readOnly, create: !readOnly, interactive: true)
        } catch StoreError.diskFull(let p) where !readOnly {
            // The screens open to write; reading needs no room (`UnwritableFolder.diskFull`).
            throw Failure("\(p): the disk is full, and the screens cannot open it to change anything. Free some space and try again; to look at it meanwhile, open it with --read-only")
        }
        // A database role that may not change the record (heard_manager) sees the screens as
        // --read-only shows them: no key offers a change the server would refuse.
        let screensReadOnly = readOnly || !store.mayChangeRecord()
        var notes: [String] = []
        let config = try HeardConfiguration.load()
        notes += config.warnings
        let configDir = HeardConfiguration.directory(environment: env)
        let keysFile = configDir + "/keys.toml"
        var keysText: String?
        switch SettingsFile.read(keysFile) {
        case .absent: break
        case .text(let t): keysText = t
        case .refused(let why): notes.append("\(keysFile) \(why); using the default keys")
        }
        let disposalRefusal = screensReadOnly ? nil : store.disposalRefusal()
        let (keymap, keyErrors) = DefaultKeys.keymap(overrides: keysText, file: keysFile, readOnly: screensReadOnly, mayDispose: disposalRefusal == nil)
        notes += keyErrors
        let exe = CommandLine.arguments.first.flatMap { resolveExecutable($0) }
        let loader = ThemeLoader(directories: ThemeLoader.standardDirectories(executablePath: exe, environment: env) + projectThemeDirectories(),
                                 shipped: ShippedThemes.all)
        let loaded = loader.load(name: themeName)
        notes += loaded.messages
        let backend: CursesBackend
        do {
            backend = try CursesBackend(options: CursesBackendOptions(theme: loaded.theme, themeExplicitlyChosen: themeName != nil, environment: env))
        } catch let e as CursesBackendError {
            throw Failure(e.description)
        }
        var state = AppState(size: backend.size, today: today, readOnly: screensReadOnly, databaseLabel: store.path, unicode: backend.supportsUnicode,
                             keymap: keymap, rules: store.rules, reference: store.reference, calendar: try store.calendar())
        // Each problem on lines of its own: joined on the status line they were cut off.
        state.dialog = SettingsProblems.dialog(notes, width: backend.size.width)
        state.officer = config.defaultOfficerOfNewContacts
        // "nothing was changed" is the CLI's ending; a key pressed changed nothing to begin with.
        state.disposalWithheld = disposalRefusal.map { $0.replacingOccurrences(of: "; nothing was changed.", with: ".") }
        // A record other than the default one is named in the commands the screens suggest.
        if path != Store.defaultPath() { state.databaseOption = AppState.databaseOption(store.path) }
        state.configPath = configDir + "/config.toml"
        state.dateStyle = config.dateStyle
        state.cursorVisible = config.cursorVisible
        // HEARD_TODAY fixes the day; otherwise the screens follow the computer's clock past midnight.
        let fixedDay = !(env["HEARD_TODAY"] ?? "").isEmpty
        let runner = AppRunner(state: state, store: store, backend: backend, idleFile: env["HEARD_IDLE_FILE"],
                               today: fixedDay ? { today } : LocalClock.today)
        runner.themeLoader = { name in loader.load(name: name) }
        // L: Heard's letters and the council's own beside config.toml, as `heard letter` reads them.
        runner.letters = .book(directory: LettersList.directory(), settings: config.letters)
        runner.documentLimit = config.documentLimit
        runner.retention = config.retention
        runner.run()
        backend.shutdown()
        for n in notes { warn(n) }
        // Cases opened while the file was busy are kept for the access log until the next write;
        // at quit there is none, and they were lost without a word (found by an attack).
        let kept = store.referencesOfReadsWaiting
        if !kept.isEmpty {
            // Named, so that someone can add them to the log by hand (references, never names).
            let cases = TextSanitiser.clean(kept.prefix(20).joined(separator: ", ") + (kept.count > 20 ? " and \(kept.count - 20) more" : ""), allowLineBreaks: false).0
            let these = kept.count == 1 ? "the read of \(cases) is" : "the reads of \(cases) are"
            switch store.flushReads(waitingForTheFile: true) {
            case .written, .off: break
            case .kept: warn("\(store.isOnServer ? "the database" : "the file") is still busy: \(these) not in the access log")
            case .failed(let why): warn("\(these) not in the access log: \(why)")
            }
        }
        // The file deleted or replaced meanwhile: this session's log must not be replayed into
        // the file now at its path (a backup put back, say).
        store.removeOrphanedLogIfReplaced()
        // Ended by a signal: its exit status, as if it had killed the process.
        let signal = backend.endSignal
        // (The log is emptied first, as at `q`: exit() skips main's own ending, and a screen ended by
        // SIGTERM or a closed terminal left its last saves in the log alone; found by an attack.)
        if signal != 0 {
            finishStores()
            exit(128 + signal)
        }
    }

    static func resolveExecutable(_ arg0: String) -> String? {
        // Absolute, so that the folders beside it are found from any working directory.
        if arg0.contains("/") {
            let full = arg0.hasPrefix("/") ? arg0 : FileManager.default.currentDirectoryPath + "/" + arg0
            return (full as NSString).resolvingSymlinksInPath
        }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let p = "\(dir)/\(arg0)"
            if FileManager.default.isExecutableFile(atPath: p) { return (p as NSString).resolvingSymlinksInPath }
        }
        return nil
    }

    /// The project's own `themes/` when run from a checkout (`swift run` puts the binary in .build/).
    static func projectThemeDirectories() -> [String] {
        var out: [String] = []
        if let exe = CommandLine.arguments.first.flatMap(resolveExecutable) {
            var dir = PathText.parent(exe)
            for _ in 0..<5 {
                dir = PathText.parent(dir)
                let candidate = dir + "/themes"
                if FileManager.default.fileExists(atPath: candidate + "/default.toml") { out.append(candidate); break }
            }
        }
        out.append(FileManager.default.currentDirectoryPath + "/themes")
        return out
    }
}
