import Dispatch
import HeardCore
import Synchronization

/// The formatting half of an export, on a thread of its own: batches of contacts go in, in order,
/// and pieces of UTF-8 come out in the same order, while the caller reads the next batch.
/// At most two batches wait or are being formatted (so memory stays a few batches' worth).
final class ExportFormatter: @unchecked Sendable {
    // `writer` is touched only on `queue` (serial), and `finish` reads it through `queue.sync`:
    // that is what makes the class safe to share.
    private let queue = DispatchQueue(label: "heard.export.format")
    private var writer: ContactExportWriter
    private let pieceBytes: Int
    /// Pieces formatted and not yet collected, in order.
    private let done = Mutex<[[UInt8]]>([])
    /// Room for batches in flight.
    private let room = DispatchSemaphore(value: 2)

    init(_ writer: ContactExportWriter, pieceBytes: Int) {
        self.writer = writer
        self.pieceBytes = pieceBytes
    }

    /// Queues `batch` (with each contact's correspondence, by id) to be formatted after those
    /// before it; waits while two are in flight.
    func add(_ batch: [Contact], correspondence: [Int64: Correspondence]) {
        room.wait()
        queue.async { [self] in
            for i in batch.indices {
                writer.append(batch[i], correspondence: batch[i].id.flatMap { correspondence[$0] } ?? Correspondence())
                if writer.pendingBytes >= pieceBytes {
                    let piece = writer.takeBytes()
                    done.withLock { $0.append(piece) }
                }
            }
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

    /// Every piece still to write, the last one ending the text, and how many contacts were written.
    func finish() -> (pieces: [[UInt8]], count: Int) {
        queue.sync {
            var pieces = ready()
            pieces.append(writer.finishBytes())
            return (pieces, writer.count)
        }
    }

    /// Waits until nothing is being formatted.
    func drain() { queue.sync {} }
}
