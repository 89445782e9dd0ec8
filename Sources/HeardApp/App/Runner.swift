import Foundation
import HeardCore
import HeardStore
import TerminalUI

/// Runs the app: reads keys, feeds the update function, executes its effects against the store,
/// draws frames. Everything that touches the outside world is here; the rest is values.
public final class AppRunner {
    public internal(set) var state: AppState
    let store: Store
    let backend: TerminalBackend
    /// Written after each frame once every pending key is handled, so tests wait for it.
    let idleFile: String?
    private var lastChange = 0
    private var lastPoll = 0.0
    public private(set) var framesPresented = 0
    /// Finds a theme by name for `:theme` (set by the executable, which knows where themes live).
    public var themeLoader: ((String) -> ThemeLoadResult)?
    /// Keys handled so far: the idle signal carries it so tests know their keys were seen.
    public private(set) var keysHandled = 0
    /// The report's figures per period, kept between range changes.
    lazy var reportCache = ReportCache(store: store)
    /// The case list's rows being read on a thread of their own (`Runner+ListLoad.swift`).
    let listLoader = ListLoader()
    /// Why the access log refused the read of the case just opened (said once it is shown).
    var readRefused: String?
    /// The rows Heard cannot read last said, so that each reload does not say them again.
    var unreadableSaid: UnreadableRows?
    /// The completion lists read on a thread of their own at start (`Runner+SourcesLoad.swift`).
    let sourcesLoader = SourcesLoader()
    /// True in `run`: `.loadCases` then reads in the background while keys are answered.
    var loadsListInBackground = false
    /// Set when work said how far it had got (`.progress`): it ran long enough for keys to be typed meanwhile.
    var workedLong = false
    /// Keys typed during long work, without Esc, handled before any read afterwards (`keepTypedAhead`).
    var typedAhead: [Key] = []
    /// Set when long work has just ended, for `handle` to treat the rest of its batch as typed meanwhile.
    var workEnded = false
    /// What day it is, asked on every tick: when it changes (midnight), every screen follows.
    let today: TodayProvider
    /// The letters library for `L` (set by the executable from `[letters]` and the council's folder).
    public var letters: LetterServices?
    /// The largest document `D` attaches (`[documents] max_size_mb`).
    public var documentLimit = Store.defaultDocumentLimit
    /// `[retention]` in config.toml: when a closed case is due for disposal (`:retention`).
    public var retention = RetentionRules()

    /// A runner on `state`; `today` is asked on each tick (nil: the state's day, fixed).
    public init(state: AppState, store: Store, backend: TerminalBackend, idleFile: String? = nil, today: TodayProvider? = nil) {
        self.state = state
        self.store = store
        self.backend = backend
        self.idleFile = idleFile
        let fixed = state.today
        self.today = today ?? { fixed }
        // On a server the name index's upkeep after a save waits for the frame (`afterFrame`).
        store.deferNameWordsUntilAsked()
        // Reads the file refuses are kept and said at the end (`heard` names their cases).
        store.keepReadsThatFail()
    }

    /// Work that waits until the frame is drawn: the name index's words of the cases just saved,
    /// on a server (two round trips the save key's frame no longer waits for). A search before
    /// it reads those cases aside, as it reads any case noted as changed.
    public func afterFrame() { store.takeDeferredNameWords() }

    /// The loop: first a screenful, then keys until quit while every row loads in the background.
    public func run() {
        lastChange = (try? store.changeCounter()) ?? 0
        loadsListInBackground = true
        firstFrame()
        startLoadingList()
        if state.list.loaded { state.list.stillLoading = true }
        sourcesLoader.start { [store] in try AppRunner.readSources(store) }
        present()
        signalIdleUnlessLoading()
        // A tick is a quarter of a second without a key (messages last so many ticks).
        var quiet = 0
        while !state.quit {
            // Asked to end (kill, a closed terminal): as q ends it, so what waits is written.
            if backend.endSignal != 0 { break }
            var events: [AppEvent] = []
            let messageBefore = state.message
            let dayBefore = state.today
            // While rows load, look often: they are shown within a frame of being read.
            let wait = listLoader.isPending || sourcesLoader.isPending ? 15 : 250
            if !typedAhead.isEmpty {
                events = typedAhead.map { $0 == .resize ? .resize(backend.size) : .key($0) }
                typedAhead = []
            } else if let key = backend.readKey(timeoutMilliseconds: wait) {
                quiet = 0
                events.append(key == .resize ? .resize(backend.size) : .key(key))
                // Handle typed-ahead keys before drawing, so fast typing never lags behind.
                while events.count < 64, let more = backend.readKey(timeoutMilliseconds: 0) {
                    events.append(more == .resize ? .resize(backend.size) : .key(more))
                }
            } else {
                quiet += wait
                if quiet >= 250 {
                    quiet = 0
                    events.append(.tick)
                }
            }
            let listArrived = deliverListIfRead()
            let arrived = deliverSourcesIfRead() || listArrived
            if let changed = pollExternalChange() { events.append(.externalChange(contacts: changed)) }
            handle(events)
            if state.quit { break }
            ContactLogForm.settle(&state)
            // A quiet tick changes nothing on screen unless a message expired, the day changed or rows arrived.
            if events.isEmpty && !arrived { continue }
            if events.count == 1, case .tick = events[0], state.message == messageBefore, state.today == dayBefore, !arrived { continue }
            present()
            afterFrame()
            signalIdleUnlessLoading()
        }
        afterFrame()
    }

    /// The idle signal says every key was handled and the list is whole: tests reading the
    /// screen after it never see a list half loaded.
    func signalIdleUnlessLoading() {
        if !listLoader.isPending && !sourcesLoader.isPending { signalIdle() }
    }

    /// The first screenful, drawn (what the user sees first); `loadEverything` follows.
    public func firstFrame() {
        loadFirstPage()
        if let note = store.othersCanRead { dispatchResult(.warning(note)) }
        present()
    }

    /// Loads every row of the case list: returns when the list is complete (a load already
    /// started in the background is waited for).
    public func loadEverything() {
        if !listLoader.isPending { startLoadingList() }
        waitForList()
    }

    /// Draws the current state.
    public func presentFrame() { present() }

    /// Sends one event through update and executes the effects it returns. A tick first
    /// looks at the clock: a new day goes through update before it.
    public func dispatch(_ event: AppEvent) {
        // Rows read in the background meanwhile reach the list before the event acts on it.
        deliverListIfRead()
        if case .tick = event {
            let now = today()
            if now != state.today { perform(Update.update(&state, .dayChanged(now))) }
        }
        let effects = Update.update(&state, event)
        perform(effects)
        if workedLong { keepTypedAhead() }
    }

    /// Handles events read together, in order. Keys read in the same batch as the one that
    /// started long work were typed while it ran too: after it they go where the keys typed
    /// meanwhile go (`typedAhead`), without Esc.
    func handle(_ events: [AppEvent]) {
        var i = 0
        while i < events.count && !state.quit {
            let e = events[i]
            i += 1
            if case .key = e { keysHandled += 1 }
            dispatch(e)
            if workEnded {
                workEnded = false
                let rest: [Key] = events[i...].compactMap { e in
                    switch e {
                    case .key(.escape): return nil
                    case .key(let k): return k
                    case .resize: return .resize
                    default: return nil
                    }
                }
                typedAhead = rest + typedAhead
                return
            }
        }
    }

    /// After long work (a bulk change, its undo): the keys typed meanwhile are kept to act after
    /// it, as the key line promised, but not Esc. The line says Esc cannot stop the work, yet
    /// people press it; acting afterwards, it cleared the message saying what the work had done
    /// ("100,000 cases assigned…; u undoes them" was never seen; found by a trial).
    func keepTypedAhead() {
        workedLong = false
        workEnded = true
        while typedAhead.count < 256, let key = backend.readKey(timeoutMilliseconds: 0) {
            if key != .escape { typedAhead.append(key) }
        }
    }

    func perform(_ effects: [Effect]) {
        for e in effects {
            switch e {
            case .quit:
                state.quit = true
            case .redraw:
                backend.invalidate()
            case .suspend:
                backend.suspend()
                raise(SIGTSTP)
                backend.resume()
            case .loadCases:
                loadCases()
            case .refreshRows(let ids):
                listLoader.noteRefreshed(ids)
                do { dispatchResult(.rowsRefreshed(try store.cases(today: state.today, ids: ids).map(CaseRow.init), requested: ids)) }
                catch { dispatchResult(.failed(describe(error))) }
            case .loadCase(let id):
                do {
                    dispatchResult(.caseLoaded(try loadCase(id)))
                    if let why = readRefused {
                        readRefused = nil
                        // Never to be, where nothing can be written into the file; else tried again.
                        dispatchResult(.warning(store.cannotRecordReads ? "This opening is not recorded in the access log: \(why)."
                                                : "This opening is not in the access log yet: \(why)."))
                    }
                } catch { dispatchResult(.loadFailed(describe(error))) }
            case .loadSources:
                sourcesLoader.supersede()
                do { dispatchResult(.sourcesLoaded(try loadSources())) } catch { dispatchResult(.failed(describe(error))) }
            case .loadActions:
                do { dispatchResult(.actionsLoaded(try store.actions(today: state.today))) } catch { dispatchResult(.loadFailed(describe(error))) }
            case .loadMyWork:
                do { dispatchResult(.myWorkLoaded(try store.myWork(officer: state.officer, today: state.today))) } catch { dispatchResult(.loadFailed(describe(error))) }
            case .loadRetention:
                loadRetention()
            case .openBulkForm, .confirmBulk:
                break
            default:
                performChange(e)
            }
        }
    }

    /// Known values for completion: officers, teams, people, advocates, action owners.
    func loadSources() throws -> [String: [String]] { try AppRunner.readSources(store) }

    func dispatchResult(_ event: AppEvent) {
        if case .progress = event { workedLong = true }
        perform(Update.update(&state, event))
    }

    func loadFirstPage() {
        if let rows = try? store.cases(today: state.today, limit: max(1, state.size.height)) {
            state.list.replaceRows(CaseRows(rows.map(CaseRow.init)))
            state.list.loaded = !rows.isEmpty
            state.emptyDatabase = false
        }
    }

    func loadDetail(_ id: Int64) throws -> CaseDetailData {
        let p = try store.caseParts(id: id)
        var data = CaseDetailData(contact: p.contact, clock: p.contact.clock(rules: store.rules, calendar: p.calendar, today: state.today),
                                  history: p.history, learning: p.learning, actions: p.actions, calendar: p.calendar,
                                  correspondence: p.correspondence)
        data.protection = p.protection
        data.reads = p.reads
        return data
    }

    /// About twice a second: when another process has committed since we last looked, the
    /// contacts it touched (nil: reload everything).
    func pollExternalChange() -> [Int64]?? {
        let now = Date().timeIntervalSince1970
        guard now - lastPoll >= 0.5 else { return nil }
        lastPoll = now
        guard let c = try? store.changeCounter(), c != lastChange else { return nil }
        guard let changed = try? store.contactsChanged(afterAudit: lastChange) else { lastChange = c; return .some(nil) }
        lastChange = changed.latest
        if !changed.othersWrote { return nil }   // only our own changes
        return .some(changed.contacts)
    }

    func present() {
        let frame = Render.frame(state)
        backend.present(frame)
        // After every draw, the cursor goes to the focus (the selected row, the field).
        backend.placeCursor(at: frame.cursor, visible: state.cursorVisible)
        framesPresented += 1
    }

    func signalIdle() {
        guard let idleFile else { return }
        let text = "idle keys=\(keysHandled) frames=\(framesPresented) size=\(state.size.width)x\(state.size.height)\n"
        let tmp = idleFile + ".tmp"
        if FileManager.default.createFile(atPath: tmp, contents: Data(text.utf8)) {
            _ = rename(tmp, idleFile)
        }
    }

    func describe(_ error: Error) -> String {
        // Short enough, with what to do, for one line at 80 columns (the store's own words are
        // for the command line).
        if let e = error as? StoreError, e == .serverBusy { return Update.serverBusyText }
        // A server's lock held by another session (psql's LOCK TABLE): no file, and no Heard (a trial).
        if let e = error as? StoreError, e == .serverLocked { return Update.serverLockedText }
        if let e = error as? StoreError, e.isBusy { return Update.busyText }
        if let e = error as? StoreError, case .changedWhileRead = e { return Update.changedWhileReadText }
        if let e = error as? StoreError { return e.description }
        return "Something went wrong: \(type(of: error))"
    }
}
