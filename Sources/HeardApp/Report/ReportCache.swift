import Foundation
import HeardCore
import HeardStore

/// Each period's report figures, built on background threads and kept while the record is
/// unchanged. Opening the report builds its period and the previous one side by side (two
/// cores); once it is shown, the periods `[` and `]` would need next are built before they are
/// asked for, so moving a year back or forth only puts kept figures together.
///
/// Sendable by hand: `jobs`, `stamp`, `uses` and `running` are only touched under `lock`, and the
/// rest is set once in `init`.
final class ReportCache: @unchecked Sendable {
    struct Key: Hashable {
        var period: Period
        var areas: [String]
        var today: LocalDate
    }

    /// One period's figures, being built or built. Sendable by hand: `result` is written once by
    /// the building thread before `done.leave()` and read only after `done.wait()`, which orders
    /// the two; `lastUsed` is touched only under the cache's lock.
    final class Job: @unchecked Sendable {
        let done = DispatchGroup()
        var result: Result<ReportGroup, Error>?
        var lastUsed = 0
        /// Under the cache's lock: the request the job was started after (`ReportCache.requests`),
        /// and whether a request asked for it (built ahead, then wanted: never stopped).
        var startedAfter = 0
        var wanted = false
    }

    private let store: Store
    private let lock = NSLock()
    private var stamp: Int?
    private var jobs: [Key: Job] = [:]
    private var uses = 0
    /// Requests made (`report`): figures being built ahead that no request since has asked for
    /// stop, so that a range the user asks for has both cores (a typed range took twice as long
    /// while the year before the last one was still being built ahead).
    private var requests = 0
    /// Figures asked for are built side by side; those built ahead, one at a time in the order
    /// given (so the likeliest next one has a core to itself and the screen keeps the other).
    private let queue = DispatchQueue(label: "heard.report-figures", qos: .userInitiated, attributes: .concurrent)
    private let aheadQueue = DispatchQueue(label: "heard.report-figures-ahead", qos: .userInitiated)
    /// Jobs running now: memory is handed back when the last one ends, not while others allocate.
    private var running = 0
    /// Periods kept at most (each is a few megabytes of references at 100,000 contacts).
    let capacity = 6

    init(store: Store) { self.store = store }

    /// The report for `period` beside the previous period, as `heard report` builds it.
    func report(_ period: Period, areas: [String], today: LocalDate) throws -> ReportGroup {
        // The stamp before anything is read, so what is read is at least as new as the stamp.
        let stamp = try store.changeCounter()
        let options = try self.options(period, areas, today)
        let wanted = [period, period.comparison]
        let started = start(wanted, areas: areas, today: today, options: options, stamp: stamp, ahead: false)
        var halves: [ReportGroup] = []
        for (job, period) in zip(started, wanted) {
            job.done.wait()
            var result = job.result
            if case .failure(let e)? = result, e is CancellationError {
                // Stopped as unwanted just before this request asked for it: built now.
                forget(job)
                let again = start([period], areas: areas, today: today, options: options, stamp: stamp, ahead: false)[0]
                again.done.wait()
                result = again.result
            }
            switch result {
            case .success(let g)?: halves.append(g)
            case .failure(let e)?: forget(job); throw e
            case nil: throw StoreError.refused("The report could not be built.")
            }
        }
        return AnnualReport.assemble(current: halves[0], previous: halves[1])
    }

    /// Starts building the figures of `periods` in the background, unless kept already.
    func prefetch(_ periods: [Period], areas: [String], today: LocalDate) {
        guard let first = periods.first, let stamp = try? store.changeCounter(), let options = try? self.options(first, areas, today) else { return }
        _ = start(periods, areas: areas, today: today, options: options, stamp: stamp, ahead: true)
    }

    private func options(_ period: Period, _ areas: [String], _ today: LocalDate) throws -> ReportOptions {
        ReportOptions(period: period, serviceAreas: areas, today: today, rules: store.rules, calendar: try store.calendar(),
                      reference: store.reference)
    }

    /// The jobs for `periods`, starting those not kept. Everything kept is dropped first when the
    /// record changed since (any change writes an audit row, so its newest id says).
    private func start(_ periods: [Period], areas: [String], today: LocalDate, options: ReportOptions, stamp now: Int, ahead: Bool) -> [Job] {
        lock.lock()
        defer { lock.unlock() }
        if stamp != now { jobs.removeAll(); stamp = now }
        if !ahead { requests += 1 }
        var out: [Job] = []
        // A period built alone reads with two readers (two cores); two built side by side have a
        // core each, and one built ahead keeps to one, so the screen's own reads find a connection.
        let building = periods.filter { jobs[Key(period: $0, areas: areas, today: today)] == nil }.count
        let parallel = !ahead && building == 1
        for p in periods {
            uses += 1
            let key = Key(period: p, areas: areas, today: today)
            if let job = jobs[key] {
                job.lastUsed = uses
                if !ahead { job.wanted = true }
                out.append(job)
                continue
            }
            let job = Job()
            job.lastUsed = uses
            job.startedAfter = requests
            job.wanted = !ahead
            jobs[key] = job
            job.done.enter()
            var forPeriod = options
            forPeriod.period = p
            let o = forPeriod
            let store = self.store
            running += 1
            // Built ahead: stopped once a later request has not asked for it.
            var stop: (@Sendable () -> Bool)?
            if ahead { stop = { @Sendable in self.unwanted(job) } }
            let stopping = stop
            (ahead ? aheadQueue : queue).async {
                // Handed over as soon as they are made; the facts worked out are kept after.
                var handed = false
                let result = Result {
                    try store.reportFigures(o, period: p, parallel: parallel, stop: stopping) { figures in
                        job.result = .success(figures)
                        handed = true
                        job.done.leave()
                    }
                }
                if !handed {
                    job.result = result
                    job.done.leave()
                }
                self.lock.lock()
                // A failure (the file busy, say) is not kept: the next request builds again.
                if case .failure = result, self.jobs[key] === job { self.jobs[key] = nil }
                self.running -= 1
                let last = self.running == 0
                self.lock.unlock()
                // The periods' contacts are gone now; their pages go back to the system.
                if last { Memory.releaseFree() }
            }
            out.append(job)
        }
        while jobs.count > capacity, let oldest = jobs.min(by: { $0.value.lastUsed < $1.value.lastUsed }) {
            jobs[oldest.key] = nil
        }
        return out
    }

    /// Whether `job`, built ahead, was passed over: a request came after it, and none asked for it.
    private func unwanted(_ job: Job) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return !job.wanted && requests != job.startedAfter
    }

    private func forget(_ job: Job) {
        lock.lock()
        defer { lock.unlock() }
        if let key = jobs.first(where: { $0.value === job })?.key { jobs[key] = nil }
    }
}
