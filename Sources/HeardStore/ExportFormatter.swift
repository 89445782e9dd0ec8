import HeardCore

/// The formatting half of an export, on a thread of its own: batches of contacts go in, in order,
/// and pieces of UTF-8 come out in the same order, while the caller reads the next batch.
/// At most two batches wait or are being formatted (so memory stays a few batches' worth).
final class ExportFormatter: @unchecked Sendable {
    // `writer` is touched only on the thread (serial), and `finish` reads it through
    // `afterAll`: that is what makes the class safe to share.
    private let thread = FormattingThread(label: "heard.export.format")
    private var writer: ContactExportWriter
    private let pieceBytes: Int

    init(_ writer: ContactExportWriter, pieceBytes: Int) {
        self.writer = writer
        self.pieceBytes = pieceBytes
    }

    /// Queues `batch` (with each contact's correspondence, by id) to be formatted after those
    /// before it; waits while two are in flight.
    func add(_ batch: [Contact], correspondence: [Int64: Correspondence]) {
        thread.run { [self] emit in
            for i in batch.indices {
                writer.append(batch[i], correspondence: batch[i].id.flatMap { correspondence[$0] } ?? Correspondence())
                if writer.pendingBytes >= pieceBytes { emit(writer.takeBytes()) }
            }
        }
    }

    /// The pieces finished so far, in order (none, when formatting lags behind).
    func ready() -> [[UInt8]] { thread.ready() }

    /// Every piece still to write, the last one ending the text, and how many contacts were written.
    func finish() -> (pieces: [[UInt8]], count: Int) {
        thread.afterAll {
            var pieces = thread.ready()
            pieces.append(writer.finishBytes())
            return (pieces, writer.count)
        }
    }

    /// Waits until nothing is being formatted.
    func drain() { thread.afterAll {} }
}
