import Foundation
import HeardApp
import HeardCore
import HeardStore
import TerminalUI

/// The screens in this process, on a 120x40 test terminal: the first frame, keys while the list
/// loads, `/` keystrokes, frames, saves, and the report screen.
struct ScreenBench {
    let suite: Suite
    let store: Store
    /// Rows the case list holds once loaded.
    let expectedRows: Int

    func run() throws {
        let size = suite.size, figures = suite.figures, today = suite.today, db = suite.db
        let options = suite.options
        guard options.runs("screen") || options.runs("keys") || options.runs("report-screen") else { return }
        let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false)
        let backend = TestBackend(size: Size(width: 120, height: 40))
        func runner(_ s: Store) -> AppRunner {
            AppRunner(state: AppState(size: backend.size, today: today, readOnly: false, databaseLabel: db, unicode: true, keymap: keymap),
                      store: s, backend: backend)
        }
        let memBefore = Measure.residentMB()
        var t0 = Measure.now()
        let screenStore = try Store(path: db, options: StoreOptions())
        let app = runner(screenStore)
        app.firstFrame()
        let firstFrame = Measure.now() - t0
        if options.runs("screen") { figures.add(size, "start to first full frame (in process)", firstFrame, budget: 0.100) }

        // Keys while the list loads: a key pressed just after the first frame waits for whatever
        // the load holds the main thread for; later keys (while a background load runs) each wait
        // from their own press. The longest of these waits is the figure.
        t0 = Measure.now()
        // The list loads in the background, as `heard` loads it (`run()` starts it after the
        // first frame); keys are answered meanwhile and the rows arrive at a tick.
        app.startLoadingList()
        app.dispatch(.key(.down))
        app.presentFrame()
        var longest = Measure.now() - t0
        let deadline = Measure.now() + 3
        var keysDuringLoad = 1
        while app.state.list.rows.count < expectedRows && Measure.now() < deadline {
            let t = Measure.now()
            app.dispatch(.tick)
            app.dispatch(.key(keysDuringLoad % 2 == 0 ? .down : .up))
            app.presentFrame()
            longest = max(longest, Measure.now() - t)
            keysDuringLoad += 1
            usleep(2_000)
        }
        app.loadEverything()   // whatever is still to come (none, unless 3 s passed)
        let loadTook = Measure.now() - t0
        if options.runs("keys") {
            figures.add(size, "longest key wait while the list loads (\(keysDuringLoad) keys)", longest, budget: 0.016)
            figures.add(size, "load every row of the case list", loadTook)
            if app.state.list.rows.count < expectedRows {
                figures.note(size, "  the list held \(app.state.list.rows.count) of \(expectedRows) rows after 3 s")
            }
        }
        if options.runs("keys") {
            var keys: [Double] = [], cpu: [Double] = []
            for word in ["officer 1", "zoë", "smith", "cs-2025"] {
                app.dispatch(.key(.char("/")))
                for ch in word {
                    let t = Measure.now(), c = Measure.threadCPU()
                    app.dispatch(.key(.char(ch)))
                    app.presentFrame()
                    keys.append(Measure.now() - t)
                    cpu.append(Measure.threadCPU() - c)
                }
                app.dispatch(.key(.escape))
            }
            figures.add(size, "/ keystroke to finished frame, p95 of \(keys.count)", Measure.percentile(keys, 0.95), budget: 0.005)
            // The same keys' CPU time: on a loaded machine the wall figure mostly measures the others.
            figures.add(size, "  / keystroke CPU, p95", Measure.percentile(cpu, 0.95))
            figures.add(size, "  / keystroke CPU, max", cpu.max() ?? 0)
        }
        if options.runs("screen") {
            var frames: [Double] = []
            for _ in 0..<50 {
                app.dispatch(.key(.down))
                let t = Measure.now()
                app.presentFrame()
                frames.append(Measure.now() - t)
            }
            figures.add(size, "one frame rendered, median", Measure.median(frames), budget: 0.002)
            figures.add(size, "save key to finished frame, p95", try saves(app, screenStore), budget: 0.010)
            figures.add(size, "resident memory of this process, list loaded", Measure.residentMB(), .megabytes)
            figures.add(size, "  of which the list and screen", Measure.residentMB() - memBefore, .megabytes)
        }
        if options.runs("report-screen") { reportScreen(runner: { runner(screenStore) }) }
    }

    /// From the key that saves a workflow move to the finished frame, durable: each open complaint
    /// reached with :goto, then w, p (pause, with its default reason), Enter; p95 of those made.
    func saves(_ app: AppRunner, _ store: Store) throws -> Double {
        let pausable = try store.cases(CaseFilter(), today: suite.today).filter { $0.kind == .complaint && $0.status == .open && !$0.paused }.prefix(40)
        var took: [Double] = []
        for c in pausable {
            app.dispatch(.key(.char(":")))
            for ch in "goto \(c.reference)" { app.dispatch(.key(.char(ch))) }
            app.dispatch(.key(.enter))
            app.dispatch(.key(.char("w")))
            guard case .workflow(let w)? = app.state.stack.last, w.moves.contains(.pause) else {
                while !app.state.stack.isEmpty { app.dispatch(.key(.escape)) }
                continue
            }
            app.dispatch(.key(.char("p")))
            let t = Measure.now()
            app.dispatch(.key(.enter))
            app.presentFrame()
            let elapsed = Measure.now() - t
            // What the loop does after the frame (the name index's words, on a server), untimed:
            // the next save's frame must not carry it.
            app.afterFrame()
            // Only saves that were made: a refusal shows an error and would flatter the figure.
            if app.state.message?.kind != .error, (try? store.contact(id: c.id).events.last?.kind) == .paused { took.append(elapsed) }
            while !app.state.stack.isEmpty { app.dispatch(.key(.escape)) }
        }
        return Measure.percentile(took, 0.95)
    }

    /// The report screen, each time from a runner that has built no report yet: R to the finished
    /// frame; [ at once (the year before: one half kept, the other being built since R); after a
    /// pause as a reader makes, [ again (both halves built ahead); a typed range nobody built.
    func reportScreen(runner: () -> AppRunner) {
        var opens: [Double] = [], atOnce: [Double] = [], afterPause: [Double] = [], typed: [Double] = []
        for _ in 0..<5 {
            let fresh = runner()
            fresh.firstFrame()
            fresh.loadEverything()
            func timed(_ keys: [Key]) -> Double {
                let t = Measure.now()
                for k in keys { fresh.dispatch(.key(k)) }
                fresh.presentFrame()
                return Measure.now() - t
            }
            opens.append(timed([.char("R")]))
            atOnce.append(timed([.char("[")]))
            usleep(400_000)
            afterPause.append(timed([.char("[")]))
            fresh.dispatch(.key(.char(":")))
            for ch in "report 2019-01-01..2019-12-31" { fresh.dispatch(.key(.char(ch))) }
            typed.append(timed([.enter]))
        }
        let size = suite.size, figures = suite.figures
        figures.add(size, "report screen for a year opens, median of 5", Measure.median(opens), budget: 0.050)
        figures.add(size, "report range change [ at once, median of 5", Measure.median(atOnce), budget: 0.050)
        figures.add(size, "report range change [ after 0.4 s, median of 5", Measure.median(afterPause), budget: 0.050)
        figures.add(size, "report range typed (:report, nothing built)", Measure.median(typed), budget: 0.050)
    }
}
