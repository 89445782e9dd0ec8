import Foundation
import HeardStore

/// The completion lists (officers, teams, people, advocates, owners, appointees) read at start on
/// a thread of their own: at 100,000 cases they are a few GROUP BY scans of the whole record, and
/// read before the loop they held every key of the first second (found by a trial). They reach
/// the state at the loop's next turn as `.sourcesLoaded`; a later synchronous `.loadSources`
/// (after a save) supersedes a background read still in flight.
final class SourcesLoader: @unchecked Sendable {
    private let lock = NSLock()
    private var pending = false
    private var result: Result<[String: [String]], Error>?
    /// Bumped by `start` and `supersede`: a read whose number is no longer current is dropped.
    private var current = 0

    /// Whether a read was started and its lists not yet handed over.
    var isPending: Bool { lock.withLock { pending } }

    /// Starts reading the lists with `read` on another thread.
    func start(_ read: @escaping @Sendable () throws -> [String: [String]]) {
        let number = lock.withLock { () -> Int in
            current += 1
            pending = true
            result = nil
            return current
        }
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let read = Result { try read() }
            lock.withLock { if number == current { result = read } }
        }
    }

    /// The lists once read (the read counts as handed over), else nil.
    func take() -> Result<[String: [String]], Error>? {
        lock.withLock {
            guard pending, let r = result else { return nil }
            pending = false
            result = nil
            return r
        }
    }

    /// The lists were read again on the runner's thread: what is in flight is older, and dropped.
    func supersede() {
        lock.withLock {
            current += 1
            pending = false
            result = nil
        }
    }
}

extension AppRunner {
    /// Hands over the lists read in the background, if they are in; true when they were.
    @discardableResult
    func deliverSourcesIfRead() -> Bool {
        guard let read = sourcesLoader.take() else { return false }
        switch read {
        case .success(let lists): dispatchResult(.sourcesLoaded(lists))
        case .failure(let error): dispatchResult(.failed(describe(error)))
        }
        return true
    }

    /// Known values for completion: officers, teams, people, advocates, action owners.
    static func readSources(_ store: Store) throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        out["officer"] = try store.knownValues("officer")
        out["team"] = try store.knownValues("team")
        out["person"] = try store.knownValues("complainant_name", limit: 2000)
        out["advocate"] = try store.knownValues("advocate")
        out["owner"] = try store.knownActionOwners()
        // Who may be appointed at stages 2 and 3: officers and the people appointed before.
        var appointees: [String] = []
        for name in (out["officer"] ?? []) + (try store.knownStagePeople()) where !appointees.contains(name) { appointees.append(name) }
        out["appointee"] = appointees
        return out
    }
}
