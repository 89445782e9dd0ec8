import Foundation
import Synchronization

/// Work on a thread of its own while the caller goes on (a check that reads every row, beside
/// a search that reads them all as well; the report's actions and learning, beside its count);
/// `wait` gives its answer, as often as it is asked.
public final class BackgroundWork<T: Sendable>: Sendable {
    private let answer = WorkAnswer<T>()

    public init(_ work: @escaping @Sendable () throws -> T) {
        let answer = self.answer
        Store.onThreadOfItsOwn { answer.give(Result { try work() }) }
    }

    /// The work's answer, or its error, once it has ended.
    public func wait() throws -> T { try answer.wait() }
}

/// What work done on another thread came to, given once and waited for by anyone, as often as
/// they ask (`BackgroundWork`, `SideReader`, `ReadBeside`).
final class WorkAnswer<T: Sendable>: Sendable {
    private let given = DispatchSemaphore(value: 0)
    private let result = Mutex<Result<T, Error>?>(nil)

    func give(_ r: Result<T, Error>) {
        result.withLock { $0 = r }
        given.signal()
    }

    /// The answer if it has been given (nil if not), without waiting.
    func ifGiven() throws -> T? { try result.withLock { $0 }?.get() }

    func wait() throws -> T {
        if let r = result.withLock({ $0 }) { return try r.get() }
        given.wait()
        given.signal()  // (for any other wait: the answer is there now)
        guard let r = result.withLock({ $0 }) else { throw CancellationError() }
        return try r.get()
    }
}
