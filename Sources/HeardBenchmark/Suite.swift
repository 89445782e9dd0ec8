import Foundation
import GRDB
import HeardApp
import HeardCore
import HeardStore
import TerminalUI

/// The measures of one size on one database (an SQLite file or a server URL): whole processes of
/// the real `heard`, then the store and the screens in this process. Figures go to `figures`.
final class Suite {
    let size: Int
    /// The record: a file path or a postgresql:// URL.
    let db: String
    let heard: String
    let env: [String: String]
    let work: String
    let today: LocalDate
    let options: Options
    let figures: Figures
    /// A fresh empty record to import into, and how to remove it afterwards.
    let scratch: () throws -> (target: String, remove: () -> Void)
    /// How many times `heard import` runs (an import into a server takes minutes at 100k).
    var importRuns = 3
    /// The other build `--against` names, with its own copy of the record (each build keeps
    /// report facts under its own key: on one file they would undo each other's).
    var against: (heard: String, db: String)?

    init(size: Int, db: String, heard: String, env: [String: String], work: String, today: LocalDate, options: Options, figures: Figures,
         scratch: @escaping () throws -> (target: String, remove: () -> Void)) {
        self.size = size; self.db = db; self.heard = heard; self.env = env; self.work = work
        self.today = today; self.options = options; self.figures = figures; self.scratch = scratch
    }

    /// Runs `heard ARGS --db DB` `runs` times; records the fastest wall time (with that run's CPU)
    /// against `budget`, and the largest peak memory as `memory` when named. A run that fails is
    /// recorded as FAIL: a refusal is quick and would flatter the figure. `succeeded`: the exit
    /// statuses that mean the command did its work (`heard sar` without --yes ends with 1).
    /// With `--against`, the other build runs it too, in turn, on its own copy of the record, and
    /// a note gives its time and the ratio; `compared: false` leaves a run out of that (one that
    /// writes a file the other would find there and refuse to replace).
    @discardableResult
    func whole(_ name: String, _ args: [String], runs: Int = 3, budget: Double? = nil, memory: String? = nil, memoryBudget: Double? = nil,
               succeeded: Set<Int32> = [0], compared: Bool = true) -> ProcessRun? {
        var all: [ProcessRun] = [], other: [ProcessRun] = []
        for _ in 0..<runs {
            all.append(Measure.run(heard, args + ["--db", db], env: env))
            // In turn, so that both meet the machine as it is in the same seconds.
            if compared, let against { other.append(Measure.run(against.heard, args + ["--db", against.db], env: env)) }
        }
        guard let best = all.min(by: { $0.seconds < $1.seconds }) else { return nil }
        let failed = all.contains { !succeeded.contains($0.status) }
        figures.add(size, name + (runs > 1 ? " (min of \(runs))" : ""), best.seconds, budget: budget, cpu: best.cpu, failed: failed)
        if let memory { figures.add(size, memory, all.map(\.peakMB).max() ?? 0, .megabytes, budget: memoryBudget, failed: failed) }
        if let theirs = other.min(by: { $0.seconds < $1.seconds }) {
            let failedThere = other.contains { !succeeded.contains($0.status) }
            figures.note(size, "  against the other build: \(Self.ms(theirs.seconds)) ms" + (failedThere ? " (it FAILED)" : "")
                         + String(format: "; this build takes %.2f of its time", best.seconds / max(theirs.seconds, 1e-9)))
        }
        return best
    }

    static func ms(_ seconds: Double) -> String { String(format: "%.1f", seconds * 1000) }

    /// Deletes the report facts the record keeps (`Store+ReportFacts`, `PostgresReportFacts`);
    /// false where it has none (the report then has none to read anyway).
    func forgetReportFacts() -> Bool {
        let forgot = Self.forgetReportFacts(db)
        if let against { _ = Self.forgetReportFacts(against.db) }
        return forgot
    }

    private static func forgetReportFacts(_ db: String) -> Bool {
        // On a server each case's row holds its stamp too: only the facts go.
        if db.hasPrefix("postgres") {
            return (try? PostgresBench.execute(db, "UPDATE report_facts SET key = NULL, settled = NULL, facts_stamp = NULL, facts = NULL")) != nil
        }
        guard let q = try? DatabaseQueue(path: db) else { return false }
        defer { try? q.close() }
        return (try? q.write { db -> Bool in
            guard try db.tableExists("report_facts") else { return false }
            try db.execute(sql: "DELETE FROM report_facts")
            return true
        }) ?? false
    }

    /// Every part the options ask for, in an order that leaves the record as it found it as far as
    /// the lists go (the bulk change last, undone).
    /// `built`: the import that made the data, when it was just made: it counts as one run.
    func run(csv: String, subject: (name: String, cases: Int), built: ProcessRun? = nil) throws {
        if options.runs("import") { try imports(csv: csv, built: built) }
        var t0 = Measure.now()
        let store = try Store(path: db, options: StoreOptions(create: false))
        // Closed as `heard` closes its own: the bulk change's log is not left for the next run's readers.
        defer { store.finish() }
        figures.add(size, "open the record (in process)", Measure.now() - t0)
        let all = try store.cases(CaseFilter(), today: today)
        let busiest = Self.busiestOfficer(all)
        if options.runs("list") {
            for format in ["table", "csv", "json"] {
                whole("heard cases --format \(format), every case", ["cases", "--format", format], budget: 0.250,
                      memory: "heard cases --format \(format) peak memory")
            }
            whole("heard cases --overdue", ["cases", "--overdue", "--format", "json"], budget: 0.150, memory: "heard cases --overdue peak memory", memoryBudget: 100)
            if let busiest { whole("heard cases --overdue --officer (a filtered query)", ["cases", "--overdue", "--officer", busiest.name]) }
        }
        if options.runs("export") {
            for format in ["csv", "json"] {
                whole("heard export --format \(format), every contact", ["export", "--format", format], budget: 0.400,
                      memory: "heard export --format \(format) peak memory")
            }
        }
        if options.runs("report") {
            let fy = Period.financialYear(starting: 2024)
            let first = Period.financialYear(starting: 2015)
            let oneYear = ["report", "--from", fy.from.iso, "--to", fy.to.iso, "--format", "json"]
            let tenYears = ["report", "--from", first.from.iso, "--to", fy.to.iso, "--format", "json"]
            // Each first with no report facts kept (as after a new build, or a change to every
            // case): that run works them out and keeps them, and the runs after read them.
            if forgetReportFacts() { whole("heard report, one year, no facts kept (first run)", oneYear, runs: 1) }
            whole("heard report, one year", oneYear, budget: 0.060, memory: "heard report, one year peak memory", memoryBudget: 100)
            if forgetReportFacts() { whole("heard report, ten years, no facts kept (first run)", tenYears, runs: 1) }
            whole("heard report, ten years", tenYears, budget: 0.300, memory: "heard report, ten years peak memory", memoryBudget: 100)
        }
        if options.runs("commands") {
            if let c = all.first(where: { $0.kind == .complaint && $0.status == .open }) ?? all.last {
                whole("heard show REF", ["show", c.reference], budget: 0.050)
                whole("heard letter REF acknowledgement to a file", ["letter", c.reference, "acknowledgement", "--output", "\(work)/letter-\(size).md", "--force"],
                      budget: 0.050)
            }
            if let busiest {
                t0 = Measure.now()
                let mine = try store.myWork(officer: busiest.name, today: today)
                figures.add(size, "my work, \(busiest.open) open cases (in process)", Measure.now() - t0)
                whole("heard digest, \(mine.items.count) items", ["digest", "--officer", busiest.name], budget: 0.050)
            }
        }
        if options.runs("sar") { SubjectAccessBench.run(size: size, subject: subject, suite: self) }
        if options.runs("audit") {
            // The whole history, changes and reads merged, written out as it is read: every row
            // passes through the process; none is kept.
            for format in ["table", "json"] {
                whole("heard audit --format \(format), whole history", ["audit", "--format", format], runs: 1,
                      memory: "heard audit --format \(format) peak memory", memoryBudget: 100)
            }
        }
        if options.runs("save") { try durableChanges(store, all) }
        try ScreenBench(suite: self, store: store, expectedRows: all.count).run()
        if options.runs("rss") {
            if let rss = Measure.realProcessMB(heard, db: db, today: today) {
                figures.add(size, "resident memory of heard, list loaded (tmux)", rss.list, .megabytes, budget: 40)
                figures.add(size, "resident memory of heard, report open (tmux)", rss.report, .megabytes)
            } else {
                figures.note(size, "resident memory of heard: no tmux, not measured")
            }
        }
        if options.runs("bulk") {
            // Every case assigned to one officer by one store command (one transaction), then
            // taken back by one undo step.
            let ids = all.map(\.id)
            var reported = 0
            t0 = Measure.now()
            var c0 = Measure.cpuNow()
            let bulk = try store.bulk(.assign(officer: "Bench Bulk Officer"), ids: ids, today: today) { done, _ in reported = done }
            figures.add(size, "bulk assign of \(bulk.done) cases (one command)", Measure.now() - t0, budget: 2, cpu: Measure.cpuNow() - c0,
                        failed: bulk.done == 0 && !ids.isEmpty)
            if reported == 0 && !ids.isEmpty { figures.note(size, "  (the bulk change reported no progress)") }
            t0 = Measure.now()
            c0 = Measure.cpuNow()
            let undone = try store.undoLast(today: today)
            figures.add(size, "undo of that bulk change (one step)", Measure.now() - t0, budget: 2, cpu: Measure.cpuNow() - c0, failed: undone == nil)
        }
    }

    /// `heard import` of the CSV into fresh empty records, `importRuns` times (the import that
    /// built the data, when given, being one of them).
    func imports(csv: String, built: ProcessRun?) throws {
        var runs: [ProcessRun] = built.map { [$0] } ?? []
        while runs.count < importRuns {
            let (target, remove) = try scratch()
            defer { remove() }
            runs.append(Measure.run(heard, ["import", csv, "--db", target], env: env))
        }
        guard let best = runs.min(by: { $0.seconds < $1.seconds }) else { return }
        let failed = runs.contains { $0.status != 0 }
        figures.add(size, "heard import of \(size) rows" + (runs.count > 1 ? " (min of \(runs.count))" : ""), best.seconds, budget: 1.5, cpu: best.cpu, failed: failed)
        figures.add(size, "heard import peak memory", runs.map(\.peakMB).max() ?? 0, .megabytes, budget: 100, failed: failed)
    }

    /// One durable change: a case's officer changed, with its audit row, committed. Only changes
    /// that were made count (a refused one is quicker and would flatter the figure). The officer
    /// is always one the case does not have: data kept from an earlier run already had the
    /// officer that run gave, the save changed nothing and wrote nothing, and "0.0 ms" was
    /// measured for a save that never reached the disk.
    func durableChanges(_ store: Store, _ all: [CaseSummary]) throws {
        var saves: [Double] = []
        var refused = 0, unchanged = 0
        for (i, c) in all.filter({ $0.kind == .complaint && $0.status == .open }).prefix(200).enumerated() {
            var contact = try store.contact(id: c.id)
            let officers = ["Bench Officer \(i % 7)", "Bench Officer \(i % 7 + 7)"]
            contact.officer = contact.officer == officers[0] ? officers[1] : officers[0]
            let before = try store.contact(id: c.id).version
            let t = Measure.now()
            do {
                try store.update(contact, today: today)
                let took = Measure.now() - t
                if try store.contact(id: c.id).version == before { unchanged += 1 } else { saves.append(took) }
            } catch { refused += 1 }
        }
        if unchanged > 0 { figures.note(size, "durable change: \(unchanged) saves changed nothing and are not counted") }
        if saves.isEmpty { figures.note(size, "durable change: none made (\(refused) refused)") }
        else { figures.add(size, "durable change, median of \(saves.count)", Measure.median(saves), budget: 0.005) }
    }

    /// The officer with the most open cases (ties: the first by name), and that count.
    static func busiestOfficer(_ all: [CaseSummary]) -> (name: String, open: Int)? {
        var open: [String: Int] = [:]
        for c in all where c.status == .open && !c.officer.isEmpty { open[c.officer, default: 0] += 1 }
        return open.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }.map { ($0.key, $0.value) }
    }
}
