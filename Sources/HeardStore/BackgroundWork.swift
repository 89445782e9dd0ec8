import Foundation
import Synchronization

/// Work on a thread of its own while the caller goes on (a check that reads every row, beside
/// a search that reads them all as well; the report's actions and learning, beside its count);
/// `wait` gives its answer, as often as it is asked.
public final class BackgroundWork<T: Sendable>: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let result = Mutex<Result<T, Error>?>(nil)

    public init(_ work: @escaping @Sendable () throws -> T) {
        Store.onThreadOfItsOwn { [self] in
            let answer = Result { try work() }
            result.withLock { $0 = answer }
            done.signal()
        }
    }

    /// The work's answer, or its error, once it has ended.
    public func wait() throws -> T {
        if let r = result.withLock({ $0 }) { return try r.get() }
        done.wait()
        done.signal()  // (for any other wait: the answer is there now)
        guard let r = result.withLock({ $0 }) else { throw CancellationError() }
        return try r.get()
    }
}
