import Dispatch
import Synchronization

/// The second thread of a whole-record path (`heard export`, `heard cases`): batches are
/// formatted on it in the order they are given while the caller reads the next, and the pieces
/// of bytes they make come back in that order. At most two batches wait or are being formatted,
/// so memory stays a few batches' worth.
final class FormattingThread: @unchecked Sendable {
    // The queue is serial, `done` is behind a lock, and `room` is a semaphore: safe to share.
    private let queue: DispatchQueue
    /// Pieces formatted and not yet collected, in order.
    private let done = Mutex<[[UInt8]]>([])
    /// Room for batches in flight.
    private let room = DispatchSemaphore(value: 2)

    init(label: String) { queue = DispatchQueue(label: label) }

    /// Runs `work` after the batches given before it, once fewer than two are in flight (waiting
    /// till then); `work` hands each piece it finishes to its argument.
    func run(_ work: @escaping @Sendable (_ emit: ([UInt8]) -> Void) -> Void) {
        room.wait()
        queue.async { [self] in
            work { piece in done.withLock { $0.append(piece) } }
            room.signal()
        }
    }

    /// The pieces finished so far, in order (none, when formatting lags behind).
    func ready() -> [[UInt8]] {
        done.withLock { pieces in
            var out: [[UInt8]] = []
            swap(&out, &pieces)
            return out
        }
    }

    /// `body` on the thread once every batch given is formatted.
    func afterAll<T>(_ body: () -> T) -> T { queue.sync(execute: body) }
}
