import Foundation
import HeardCore

/// Reads and checks an import file on a thread of its own while the importing thread writes the
/// rows already read: reading and checking a row cost about as much as writing it, and a machine
/// with two cores then does both at once. The rows, their problems and every message are those of
/// reading on the importing thread (the same `ContactCSV.Importer`, row by row, in file order).
///
/// `@unchecked Sendable`: the queue and its flags are only touched under `condition`; the results
/// (`importer`, `imported`, `byKind`, `syntaxError`) are written by the reading thread alone and
/// read by the importing thread only once `next()` has returned nil, which it does only after the
/// reading thread has finished with them (under the same lock, so the writes are seen).
final class ImportReader: @unchecked Sendable {
    /// A row to write, with its correspondence.
    struct Row: Sendable {
        var contact: Contact
        var correspondence: Correspondence
    }
    /// Rows handed over at a time (a lock and a wake-up a chunk, not a row).
    static let chunkSize = 256
    /// Chunks read ahead at most: the file is held once, its rows not all twice.
    static let mostChunks = 8

    private let condition = NSCondition()
    private var chunks: [[Row]] = []
    private var finished = false
    private var stopped = false

    /// The file's importer once its header is read (nil for an empty file).
    private(set) var importer: ContactCSV.Importer?
    /// Rows read without a problem, and by kind.
    private(set) var imported = 0
    private(set) var byKind: [ContactKind: Int] = [:]
    /// The syntax error that stopped the file, if one did.
    private(set) var syntaxError: CSVSyntaxError?

    /// Thrown inside the reading to stop it when the importing thread has stopped.
    private struct Stop: Error {}

    /// Starts reading `bytes`: `existing` are the upper-cased references already in the record;
    /// rows are handed over only while the file has no problem (a file with one writes nothing).
    init(bytes: [UInt8], existing: Set<String>, reference: ReferenceData, rules: Rules,
         calendar: WorkingDayCalendar, today: LocalDate) {
        let thread = Thread { [self] in
            self.read(bytes, existing: existing, reference: reference, rules: rules, calendar: calendar, today: today)
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The reading thread's work: `Store.importCSV`'s loop, handing rows over in chunks.
    private func read(_ bytes: [UInt8], existing: Set<String>, reference: ReferenceData, rules: Rules,
                      calendar: WorkingDayCalendar, today: LocalDate) {
        var chunk: [Row] = []
        chunk.reserveCapacity(ImportReader.chunkSize)
        do {
            try CSVReader.forEach(bytes) { rec in
                guard importer != nil else {
                    importer = ContactCSV.Importer(header: rec, reference: reference, rules: rules, calendar: calendar, today: today)
                    return
                }
                guard let c = importer?.row(rec) else { return }
                if !c.reference.isEmpty && existing.contains(ContactCSV.referenceKey(c.reference)) {
                    importer?.add(.alreadyStored(line: rec.line, reference: c.reference))
                    return
                }
                imported += 1
                byKind[c.kind, default: 0] += 1
                guard importer?.problems.isEmpty == true else { chunk.removeAll(); return }
                chunk.append(Row(contact: c, correspondence: importer?.correspondence ?? Correspondence()))
                if chunk.count >= ImportReader.chunkSize {
                    guard hand(chunk) else { throw Stop() }
                    chunk.removeAll(keepingCapacity: true)
                }
            }
        } catch let e as CSVSyntaxError {
            syntaxError = e
        } catch {
            // Stop: the importing thread no longer wants rows.
        }
        if syntaxError == nil && importer?.problems.isEmpty == true && !chunk.isEmpty { _ = hand(chunk) }
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Hands `chunk` over once there is room; false when the importing thread has stopped.
    private func hand(_ chunk: [Row]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= ImportReader.mostChunks && !stopped { condition.wait() }
        if stopped { return false }
        chunks.append(chunk)
        condition.broadcast()
        return true
    }

    /// The next rows to write, or nil once the file is read (the results are then final).
    func next() -> [Row]? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !finished { condition.wait() }
        if chunks.isEmpty { return nil }
        let out = chunks.removeFirst()
        condition.broadcast()
        return out
    }

    /// Stops the reading (the importing thread failed) and waits until the thread is done.
    func stop() {
        condition.lock()
        defer { condition.unlock() }
        stopped = true
        chunks.removeAll()
        condition.broadcast()
        while !finished { condition.wait() }
    }
}
