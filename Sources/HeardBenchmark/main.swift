import Foundation
import HeardApp
import HeardCore
import HeardStore
import TerminalUI

/// heard-bench [SIZES...]: builds deterministic data at each size (default 1000 10000 100000) and
/// prints the figures the issues budget. Run it from a release build:
///   swift build -c release && .build/release/heard-bench
let args = Array(CommandLine.arguments.dropFirst())
let sizes = args.compactMap(Int.init).isEmpty ? [1_000, 10_000, 100_000] : args.compactMap(Int.init)
let today = day("2026-03-16")
let heard = (CommandLine.arguments[0] as NSString).deletingLastPathComponent + "/heard"
guard FileManager.default.isExecutableFile(atPath: heard) else {
    print("heard-bench: build the heard binary first (swift build -c release)")
    exit(1)
}
let work = NSTemporaryDirectory() + "heard-bench-\(getpid())"
try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
let env = ["HEARD_TODAY": today.iso, "HEARD_DB": ""]

func day(_ s: String) -> LocalDate { LocalDate(iso: s) ?? LocalDate(dayNumber: 0) }
func ms(_ s: Double) -> String { String(format: "%8.1f ms", s * 1000) }
func mb(_ m: Double) -> String { String(format: "%6.1f MB", m) }

func report(_ size: Int, _ what: String, _ value: String, _ budget: String) {
    let label = what.count >= 48 ? what : what + String(repeating: " ", count: 48 - what.count)
    print(String(format: "%7d  ", size) + label + " " + value + "   " + budget)
    fflush(nil)   // every stream: the figures show as they come, even through a pipe
}

print("heard-bench: today \(today.iso), data in \(work)")
print("   size  measure                                        value          budget (100k)")
for size in sizes {
    let db = "\(work)/bench-\(size).sqlite"
    let csvPath = "\(work)/bench-\(size).csv"
    try DataGenerator.csv(count: size, today: today).write(toFile: csvPath, atomically: true, encoding: .utf8)

    let imp = Measure.run(heard, ["import", csvPath, "--db", db], env: env)
    if imp.status != 0 {
        let again = Measure.run(heard, ["import", csvPath, "--db", db, "--dry-run"], env: env, keepOutput: true)
        print("import failed with status \(imp.status); the CSV is kept at \(csvPath)\n\(again.output.prefix(2000))")
        exit(1)
    }
    report(size, "import CSV (whole process)", ms(imp.seconds), "≤ 5000 ms")
    report(size, "import peak memory", mb(imp.peakMB), "≤ 100 MB")
    try DataGenerator.topUp(path: db, today: today)

    var t0 = Measure.now()
    let store = try Store(path: db, options: StoreOptions(create: false))
    report(size, "open database (in process)", ms(Measure.now() - t0), "")

    let fy = Period.financialYear(starting: 2024)
    var reportRuns: [ProcessRun] = []
    for _ in 0..<5 { reportRuns.append(Measure.run(heard, ["report", "--from", fy.from.iso, "--to", fy.to.iso, "--format", "json", "--db", db], env: env)) }
    report(size, "heard report, one year (whole process, median)", ms(Measure.median(reportRuns.map(\.seconds))), "≤ 250 ms")
    report(size, "heard report peak memory", mb(reportRuns.map(\.peakMB).max() ?? 0), "≤ 100 MB")

    var overdueRuns: [ProcessRun] = []
    for _ in 0..<5 { overdueRuns.append(Measure.run(heard, ["cases", "--overdue", "--format", "json", "--db", db], env: env)) }
    report(size, "heard cases --overdue (whole process, median)", ms(Measure.median(overdueRuns.map(\.seconds))), "≤ 150 ms")
    report(size, "heard cases --overdue peak memory", mb(overdueRuns.map(\.peakMB).max() ?? 0), "≤ 100 MB")

    // Issue 11: the morning digest of the officer with the most open cases.
    var openByOfficer: [String: Int] = [:]
    var liveFilter = CaseFilter()
    liveFilter.statuses = [.open]
    for c in try store.cases(liveFilter, today: today) where !c.officer.isEmpty { openByOfficer[c.officer, default: 0] += 1 }
    if let (busiest, count) = openByOfficer.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) {
        t0 = Measure.now()
        let mine = try store.myWork(officer: busiest, today: today)
        report(size, "my work, \(count) open cases (in process)", ms(Measure.now() - t0), "")
        var digestRuns: [ProcessRun] = []
        for _ in 0..<5 { digestRuns.append(Measure.run(heard, ["digest", "--officer", busiest, "--db", db], env: env)) }
        report(size, "heard digest, \(mine.items.count) items (whole process, median)", ms(Measure.median(digestRuns.map(\.seconds))), "≤ 50 ms")
    }

    // Issue 12: the whole history, changes and reads merged, written out as it is read
    // (`heard audit | tail -1`: every row passes through the process; none is kept).
    for format in ["table", "json"] {
        let run = Measure.run(heard, ["audit", "--format", format, "--db", db], env: env)
        report(size, "heard audit --format \(format), whole history", ms(run.seconds), "")
        report(size, "heard audit --format \(format) peak memory", mb(run.peakMB), "≤ 100 MB")
    }

    // One durable change: a case's officer changed, with its audit row, committed. Only changes
    // that were made count (a refused one is quicker and would flatter the figure).
    let open = try store.cases(CaseFilter(), today: today).filter { $0.kind == .complaint && $0.status == .open }
    var saves: [Double] = []
    var refusedSaves = 0
    for (i, c) in open.prefix(200).enumerated() {
        var contact = try store.contact(id: c.id)
        contact.officer = "Bench Officer \(i % 7)"
        let t = Measure.now()
        do {
            try store.update(contact, today: today)
            saves.append(Measure.now() - t)
        } catch { refusedSaves += 1 }
    }
    if saves.isEmpty { report(size, "durable change", "none made (\(refusedSaves) refused)", "") }
    else { report(size, "durable change, median of \(saves.count)", ms(Measure.median(saves)), "≤ 5 ms") }

    // The screens, in process: start to first full frame, a full load, / keystrokes, one frame.
    let memBefore = Measure.residentMB()
    t0 = Measure.now()
    let screenStore = try Store(path: db, options: StoreOptions())
    let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false)
    let backend = TestBackend(size: Size(width: 120, height: 40))
    let runner = AppRunner(state: AppState(size: backend.size, today: today, readOnly: false, databaseLabel: db, unicode: true, keymap: keymap),
                           store: screenStore, backend: backend)
    runner.firstFrame()
    report(size, "start to first full frame (in process)", ms(Measure.now() - t0), "≤ 100 ms")
    t0 = Measure.now()
    runner.dispatch(.key(.ctrl("l")))
    runner.loadEverything()
    report(size, "load every row of the case list", ms(Measure.now() - t0), "")
    var keys: [Double] = []
    for word in ["officer 1", "zoë", "smith", "cs-2025"] {
        runner.dispatch(.key(.char("/")))
        for ch in word {
            let t = Measure.now()
            runner.dispatch(.key(.char(ch)))
            runner.presentFrame()
            keys.append(Measure.now() - t)
        }
        runner.dispatch(.key(.escape))
    }
    report(size, "/ keystroke to finished frame, p95 of \(keys.count)", ms(Measure.percentile(keys, 0.95)), "≤ 16 ms")
    var frames: [Double] = []
    for _ in 0..<50 {
        runner.dispatch(.key(.down))
        let t = Measure.now()
        runner.presentFrame()
        frames.append(Measure.now() - t)
    }
    report(size, "one frame rendered, median", ms(Measure.median(frames)), "≤ 2 ms")
    // From the key that saves a workflow move to the finished frame, durable: pause the clock
    // of open complaints one after another, as an officer would.
    // Each open complaint reached with :goto, then w, p (pause, with its default reason), Enter.
    let pausable = try screenStore.cases(CaseFilter(), today: today).filter { $0.kind == .complaint && $0.status == .open && !$0.paused }.prefix(40)
    var saves2: [Double] = []
    for c in pausable {
        runner.dispatch(.key(.char(":")))
        for ch in "goto \(c.reference)" { runner.dispatch(.key(.char(ch))) }
        runner.dispatch(.key(.enter))
        runner.dispatch(.key(.char("w")))
        guard case .workflow(let w)? = runner.state.stack.last, w.moves.contains(.pause) else {
            while !runner.state.stack.isEmpty { runner.dispatch(.key(.escape)) }
            continue
        }
        runner.dispatch(.key(.char("p")))
        let t = Measure.now()
        runner.dispatch(.key(.enter))
        runner.presentFrame()
        let took = Measure.now() - t
        // Only saves that were made: a refusal shows an error and would flatter the figure.
        if runner.state.message?.kind != .error, (try? screenStore.contact(id: c.id).events.last?.kind) == .paused { saves2.append(took) }
        while !runner.state.stack.isEmpty { runner.dispatch(.key(.escape)) }
    }
    report(size, "save key to finished frame, p95 of \(saves2.count)", ms(Measure.percentile(saves2, 0.95)), "≤ 10 ms")
    report(size, "resident memory with the list loaded", mb(Measure.residentMB()), "")
    report(size, "  of which the list and screen", mb(Measure.residentMB() - memBefore), "")

    // The report screen, each time from a runner that has built no report yet: R to the finished
    // frame; [ at once (the year before: one half kept, the other being built since R); after a
    // pause as a reader makes, [ again (both halves built ahead); a typed range nobody built.
    var opens: [Double] = [], atOnce: [Double] = [], afterPause: [Double] = [], typed: [Double] = []
    for _ in 0..<5 {
        let fresh = AppRunner(state: AppState(size: backend.size, today: today, readOnly: false, databaseLabel: db, unicode: true, keymap: keymap),
                              store: screenStore, backend: backend)
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
    report(size, "report screen for a year opens, median of 5", ms(Measure.median(opens)), "≤ 150 ms")
    report(size, "report range change [ at once, median of 5", ms(Measure.median(atOnce)), "≤ 100 ms")
    report(size, "report range change [ after 0.4 s, median of 5", ms(Measure.median(afterPause)), "≤ 100 ms")
    report(size, "report range typed (:report, nothing built)", ms(Measure.median(typed)), "")
    if let rss = Measure.realProcessMB(heard, db: db, today: today) {
        report(size, "resident memory of heard, list loaded (tmux)", mb(rss.list), "≤ 60 MB")
        report(size, "resident memory of heard, report open (tmux)", mb(rss.report), "")
    } else {
        report(size, "resident memory of heard (tmux)", "no tmux", "≤ 60 MB")
    }

    // Bulk triage: every case assigned to one officer by one store command (one transaction),
    // then taken back by one undo step.
    let everyID = try store.cases(CaseFilter(), today: today).map(\.id)
    t0 = Measure.now()
    let bulk = try store.bulk(.assign(officer: "Bench Bulk Officer"), ids: everyID, today: today) { _, _ in }
    report(size, "bulk assign of \(bulk.done) cases (one command)", ms(Measure.now() - t0), "≈ 15 s")
    t0 = Measure.now()
    _ = try store.undoLast(today: today)
    report(size, "undo of that bulk change (one step)", ms(Measure.now() - t0), "")
    try SubjectAccessBench.run(size: size, db: db, heard: heard, env: env, work: work)
}

// HEARD_BENCH_KEEP=1 keeps the generated databases for profiling.
if ProcessInfo.processInfo.environment["HEARD_BENCH_KEEP"] == nil { try? FileManager.default.removeItem(atPath: work) }
else { print("kept \(work)") }
