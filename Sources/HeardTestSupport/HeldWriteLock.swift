import Foundation
import GRDB

/// Another process's open write transaction on a database file, held on a thread of its own
/// until `release()`: what a second Heard saving at the same moment looks like to this one.
public final class HeldWriteLock: Sendable {
    private let releasing = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// Takes the write lock on `path` and returns once it is held (throws if it cannot be taken).
    public init(path: String) throws {
        let other = try DatabaseQueue(path: path)
        let holding = DispatchSemaphore(value: 0)
        let releasing = releasing, finished = finished
        let failed = LockBox()
        Thread.detachNewThread {
            do {
                try other.inTransaction(.immediate) { _ in
                    holding.signal()
                    releasing.wait()
                    return .commit
                }
            } catch {
                failed.set()
                holding.signal()
            }
            finished.signal()
        }
        holding.wait()
        if failed.isSet { throw DatabaseError(resultCode: .SQLITE_BUSY, message: "the test could not take the write lock") }
    }

    /// Lets the other transaction commit, and waits until it has.
    public func release() {
        releasing.signal()
        finished.wait()
    }
}

/// A flag set on one thread and read on another.
private final class LockBox: @unchecked Sendable {
    // Safe: every access holds `lock`.
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
