import HeardCore

/// `heard cases` written on a thread of its own: the reader hands each row (`eachCaseListRow`)
/// to `add`, which copies its cells into a batch; a full batch is formatted by `CaseListBytes`
/// on a second thread while the next one is read, and the bytes come back in order, in pieces of
/// about `pieceBytes`. Reading a row (SQLite and the case's clock) and writing it cost about
/// the same, so the list takes about half the time on two cores. The bytes are exactly
/// `CaseListBytes`'s: the same writer sees the same rows in the same order.
/// The second thread is a `FormattingThread`, as the export's is.
public final class CaseListPipe: @unchecked Sendable {
    // `writer` is touched only on the thread (serial), and `finish` reads it through `afterAll`;
    // `batch` only by the caller's thread: that is what makes the class safe to share.
    private let thread = FormattingThread(label: "heard.list.format")
    private var writer: CaseListBytes
    private var batch = Batch()
    private let batchRows: Int
    private let pieceBytes: Int

    public init(format: ListFormat, batchRows: Int = 1000, pieceBytes: Int = 1 << 20) {
        writer = CaseListBytes(format: format)
        self.batchRows = max(1, batchRows)
        self.pieceBytes = max(1, pieceBytes)
    }

    // No wait at the end: a batch being formatted holds the pipe, so the pipe ends after it.

    /// Copies `row` (whose bytes are lent for this call) into the batch; a full batch goes to be
    /// formatted, after a wait while two are in flight.
    public func add(_ row: CaseListRow) {
        batch.add(row)
        if batch.count >= batchRows { send() }
    }

    /// Rows formatted elsewhere (`CaseListBytes(continuing:)`, in this pipe's format), after
    /// every row added so far.
    public func add(formatted part: CaseListBytes) {
        send()
        thread.run { [self] emit in
            if writer.byteCount > 0 { emit(writer.take()) }
            emit(writer.append(continuation: part))
        }
    }

    /// The pieces finished so far, in order (none, when formatting lags behind).
    public func ready() -> [[UInt8]] { thread.ready() }

    /// Every piece still to write, the last one ending the list (`CaseListBytes.finish`).
    public func finish() -> [[UInt8]] {
        send()
        return thread.afterAll {
            var pieces = thread.ready()
            writer.finish()
            pieces.append(writer.take())
            return pieces
        }
    }

    private func send() {
        guard batch.count > 0 else { return }
        let full = batch
        batch = Batch()
        thread.run { [self] emit in
            full.each { row in
                writer.append(row)
                if writer.byteCount >= pieceBytes { emit(writer.take()) }
            }
        }
    }

    /// Rows whose cells are copied end to end into one array, with where each of a row's five
    /// cells ends (a row's own buffers are emptied: they pointed at the reader's bytes).
    struct Batch: @unchecked Sendable {
        private var bytes = ByteBuilder()
        private var rows: [CaseListRow] = []
        private var ends: [Int] = []
        var count: Int { rows.count }

        init() {}

        /// Room for `rows` rows at once (the older part of a whole list, read beside: grown a
        /// row at a time, its arrays were copied over and over and twice their size at the end).
        init(reservingRows rows: Int) {
            bytes = ByteBuilder(capacity: rows * 64)
            self.rows.reserveCapacity(rows)
            ends.reserveCapacity(rows * 5)
        }

        mutating func add(_ r: CaseListRow) {
            if rows.isEmpty && rows.capacity == 0 {
                bytes = ByteBuilder(capacity: 128 * 1024)
                rows.reserveCapacity(1024)
                ends.reserveCapacity(5 * 1024)
            }
            bytes.append(r.reference)
            ends.append(bytes.count)
            bytes.append(r.serviceArea)
            ends.append(bytes.count)
            bytes.append(r.team)
            ends.append(bytes.count)
            bytes.append(r.complainantName)
            ends.append(bytes.count)
            bytes.append(r.officer)
            ends.append(bytes.count)
            var row = r
            let none = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
            row.reference = none
            row.serviceArea = none
            row.team = none
            row.complainantName = none
            row.officer = none
            rows.append(row)
        }

        /// Each row, its cells lent from the batch's bytes for `body`'s call.
        func each(_ body: (CaseListRow) -> Void) {
            bytes.withUnsafeBytes { all in
                var start = 0, e = 0
                func next() -> UnsafeBufferPointer<UInt8> {
                    defer { start = ends[e]; e += 1 }
                    return UnsafeBufferPointer(rebasing: all[start..<ends[e]])
                }
                for stored in rows {
                    var row = stored
                    row.reference = next()
                    row.serviceArea = next()
                    row.team = next()
                    row.complainantName = next()
                    row.officer = next()
                    body(row)
                }
            }
        }
    }
}
