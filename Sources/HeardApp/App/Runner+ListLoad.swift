import Foundation
import HeardCore
import HeardStore

/// The case list's rows, read on a thread of their own so keys are answered while 100,000 rows
/// load (a few hundred milliseconds): the runner starts a load, goes on dispatching keys against
/// the rows it has (the first screenful), and hands the rows to the update function as
/// `.casesLoaded` at its next event once they are read. Only the newest load's rows are handed
/// over: a load asked for again (the record changed meanwhile) makes the older one's stale.
///
/// Sendable by hand: every variable but `afterReading` is touched only with `condition` locked
/// (`afterReading` only on the runner's thread, and copied for the load in `start`); the store is
/// Sendable and the rows are a value made on the loading thread and handed over under the lock.
final class ListLoader: @unchecked Sendable {
    private let condition = NSCondition()
    /// One load at a time, in the order asked: a newer one waits for the older to finish.
    private let queue = DispatchQueue(label: "heard.case-list", qos: .userInitiated)
    /// Loads asked for, and the newest one finished (its number and rows).
    private var asked = 0
    private var finished: (number: Int, result: Result<CaseRows, Error>)?
    /// Loads handed over (or given up); pending while it is below `asked`.
    private var delivered = 0
    /// Contacts whose rows were refreshed while a load ran: the load may have read them before
    /// the change, so they are refreshed again once its rows are in.
    private var refreshedMeanwhile = Set<Int64>()
    /// Run on the loading thread between reading the rows and handing them over (tests hold a
    /// load there to press keys and change the record while it is in flight). Set before `start`.
    var afterReading: (@Sendable () -> Void)?

    /// Whether a load was asked for and its rows not yet handed over.
    var isPending: Bool { condition.withLock { delivered < asked } }

    /// Starts reading every row of the case list as of `today`, on the loading thread.
    func start(_ store: Store, today: LocalDate) {
        let number = condition.withLock { () -> Int in
            asked += 1
            return asked
        }
        let hold = afterReading
        queue.async { [self] in
            let result = Result { try ListLoader.read(store, today: today) }
            // The reading's temporaries (query rows, the clocks' events) are freed now: their
            // pages go back to the system here, not on the thread that answers keys.
            Memory.releaseFree()
            hold?()
            condition.withLock {
                // An older load's rows are dropped: a newer one is on its way.
                if number == asked { finished = (number, result) }
                condition.broadcast()
            }
        }
    }

    /// The newest load's rows when they are read (nil while they are not, or none is pending),
    /// with the contacts to refresh again; the load counts as handed over.
    func take() -> (result: Result<CaseRows, Error>, refresh: [Int64])? {
        condition.withLock {
            guard delivered < asked, let f = finished, f.number == asked else { return nil }
            finished = nil
            delivered = asked
            let again = refreshedMeanwhile.sorted()
            refreshedMeanwhile.removeAll()
            return (f.result, again)
        }
    }

    /// Waits until the newest load asked for has read its rows (at once when none is pending).
    func wait() {
        condition.withLock {
            while delivered < asked && (finished?.number ?? -1) != asked { condition.wait() }
        }
    }

    /// Hands freed pages back to the system on the loading thread, after what it is doing.
    func releaseFree() {
        queue.async { Memory.releaseFree() }
    }

    /// Notes rows refreshed while a load is pending, to be refreshed again after it.
    func noteRefreshed(_ ids: [Int64]) {
        condition.withLock { if delivered < asked { refreshedMeanwhile.formUnion(ids) } }
    }

    /// Every row of the case list, read as the list stores them (no array of rows first).
    static func read(_ store: Store, today: LocalDate) throws -> CaseRows {
        var rows = CaseRows()
        rows.reserve(try store.contactCount(), textBytes: 0)
        try store.eachCase(today: today) { rows.append($0) }
        // The reader's cache now holds pages of every case: hand them back (the list keeps its rows).
        store.releaseCachedPages()
        return rows
    }
}

extension AppRunner {
    /// Starts loading every row of the case list in the background and returns at once; the rows
    /// reach the list at the first event dispatched after they are read (`loadEverything` waits).
    public func startLoadingList() {
        listLoader.start(store, today: state.today)
    }

    /// Whether the case list's rows are being read in the background.
    public var isLoadingList: Bool { listLoader.isPending }

    /// Hands the background load's rows to the update function when they are read; true when
    /// it did (the screen has changed).
    @discardableResult
    func deliverListIfRead() -> Bool {
        guard let (result, refresh) = listLoader.take() else { return false }
        switch result {
        case .success(let rows):
            dispatchResult(.casesLoaded(rows, emptyDatabase: rows.isEmpty))
            sayUnreadableRows()
            // The rows replaced (a whole list, on a reload) are freed now; their pages go back
            // on the loading thread.
            listLoader.releaseFree()
            if !refresh.isEmpty { perform([.refreshRows(refresh)]) }
        case .failure(let error):
            state.list.stillLoading = false
            dispatchResult(.loadFailed(describe(error)))
        }
        return true
    }

    /// Rows another tool wrote that Heard cannot read are left out of the list, as every command
    /// leaves them out: said once (and again when they change), as the commands name them, so a
    /// list one case short is never taken for the whole record (found by an attack).
    func sayUnreadableRows() {
        guard let rows = try? store.unreadableRows(contacts: true, actions: true, correspondence: false), rows != unreadableSaid else { return }
        unreadableSaid = rows
        if !rows.isEmpty { dispatchResult(.warning(rows.summary)) }
    }

    /// The `.loadCases` effect: in the interactive loop the rows load in the background; driven
    /// event by event (tests, the benchmark) the list is complete when the effect returns.
    func loadCases() {
        startLoadingList()
        if !loadsListInBackground { waitForList() }
    }

    /// Waits for the pending load (if any) and hands its rows over.
    func waitForList() {
        listLoader.wait()
        deliverListIfRead()
    }
}
