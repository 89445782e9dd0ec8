import Foundation
import GRDB

/// The chunks of a bulk change read (and checked) ahead on a reader of the SQLite file's pool, on
/// a thread of its own, while the writer writes the chunks before: reading and checking a case
/// cost about as much as writing it, and the writer's thread did both, one after the other, with
/// the machine's second core idle.
///
/// What the reader sees: its transaction begins inside the writer's, which holds the file's write
/// lock from its start (`BEGIN IMMEDIATE`), so no commit can come between; the reader sees the
/// record as it was when the change began, never the change's own writes. A chunk's cases are
/// written only after they are read, and a case named twice is read again on the writer (it
/// goes the general way: `BulkReadAhead` hands a case out once), so for every case it hands
/// out the feed reads what the writer would. A trigger that changes one case when another is
/// written would be the exception (the writer would see the change, the reader not, and the
/// writes' check catches only a changed version, officer or area): a record with any trigger but
/// Heard's own, none of which writes what a bulk change reads, gets no feed
/// (`Store.feedSeesWhatTheWriterWould`; found by an attack, where another tool's trigger moved a
/// later case's received date into the future and the feed let the change through where the
/// writer's own reading refused it).
///
/// The feed never decides anything on its own: when it cannot read (no reader could be had, the
/// read failed), `chunk` says nil and the writer reads that chunk itself, as without a feed.
///
/// `@unchecked Sendable`: every field but the constants is touched only under `condition`.
final class BulkChunkFeed<Chunk>: @unchecked Sendable {
    /// Chunks read ahead of the one the writer takes at most (each is a few hundred cases).
    static var mostAhead: Int { 3 }

    private let condition = NSCondition()
    private var ready: [Int: Chunk] = [:]
    /// The chunk the writer asks for next; the reader skips chunks before it.
    private var taken = 0
    /// The reader's transaction has begun; it reads every chunk from `readingFrom` on, in order.
    private var started = false
    private var readingFrom = 0
    /// The reader has stopped: at the end, when asked to, or on an error.
    private var finished = false
    private var stopped = false

    /// Starts reading `chunks` (each chunk's ids) with `read` (given the chunk's number too) on a reader of `pool`.
    init(pool: DatabasePool, chunks: [[Int64]], _ read: @escaping @Sendable (any SQLConnection, Int, [Int64]) throws -> Chunk) {
        let thread = Thread { [self] in
            do {
                try pool.read { db in try self.run(SQLiteConnection(db), chunks, read) }
            } catch {
                // The writer reads whatever is not handed over (`chunk` says nil).
            }
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    private func run(_ conn: any SQLConnection, _ chunks: [[Int64]], _ read: (any SQLConnection, Int, [Int64]) throws -> Chunk) throws {
        condition.lock()
        if stopped { condition.unlock(); return }
        var k = taken
        started = true
        readingFrom = k
        condition.broadcast()
        condition.unlock()
        while k < chunks.count {
            condition.lock()
            while !stopped && k >= taken + BulkChunkFeed.mostAhead { condition.wait() }
            let stop = stopped
            condition.unlock()
            if stop { return }
            let chunk = try read(conn, k, chunks[k])
            condition.lock()
            ready[k] = chunk
            condition.broadcast()
            condition.unlock()
            k += 1
        }
    }

    /// Chunk `k`, once read; nil when the reader will not read it (it began after the writer
    /// passed it, or stopped): the writer reads it itself. Chunks are asked for in order.
    func chunk(_ k: Int) -> Chunk? {
        condition.lock()
        defer { condition.unlock() }
        // A reader not begun yet is not waited for (its pool may have no reader free): the writer
        // reads this chunk, and the reader, when it begins, the ones after.
        guard started else {
            taken = k + 1
            return nil
        }
        taken = k
        condition.broadcast()
        guard k >= readingFrom else { return nil }
        while ready[k] == nil && !finished { condition.wait() }
        return ready.removeValue(forKey: k)
    }

    /// Waits until the reader has begun (or ended), at most `timeout` seconds; whether it began.
    /// For tests, which want chunks the feed read rather than the writer.
    func waitForReader(timeout: TimeInterval) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let end = Date(timeIntervalSinceNow: timeout)
        while !started && !finished && condition.wait(until: end) {}
        return started
    }

    /// Stops the reader and waits for it when it is reading (it ends its read transaction
    /// before the writer's ends); one that has not begun will read nothing.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while started && !finished { condition.wait() }
        ready = [:]
        condition.unlock()
    }
}

extension Store {
    /// The feed of a bulk step of `count` cases or rows (`read` its read-ahead, none handed out
    /// yet), each chunk read and worked out by `work`; nil where there is none: on a server (its
    /// reads come with the writes: `writeAhead`), for a step of one chunk (nothing to overlap), and
    /// for a record with a trigger of another's (`feedSeesWhatTheWriterWould`).
    func bulkFeed<Chunk>(_ count: Int, _ read: BulkReadAhead, _ tx: Transaction,
                         _ work: @escaping @Sendable (any SQLConnection, Int, [Int64]) throws -> Chunk) -> BulkChunkFeed<Chunk>? {
        guard count > BulkReadAhead.chunk, let file = backend as? SQLiteBackend, Store.feedSeesWhatTheWriterWould(tx.sql) else { return nil }
        // Each chunk's ids as its first turn would read them with none handed out before: a case
        // named again is not handed out again (`BulkReadAhead`), so a superset.
        let chunks = stride(from: 0, to: count, by: BulkReadAhead.chunk).map { read.ids(ofChunkAt: $0) }
        return BulkChunkFeed(pool: file.pool, chunks: chunks, work)
    }

    /// Whether a reader of the record as a bulk step began reads, for every case the step has
    /// not written yet, what the step's writer would: the record's triggers are exactly Heard's
    /// own (`importTriggers`), and none of those writes a contact, issue, event or the people of a
    /// case (`BulkChunkFeedTests` holds them to that). Any other trigger can change one case when
    /// another is written.
    static func feedSeesWhatTheWriterWould(_ conn: any SQLConnection) -> Bool {
        (try? importTriggersAreKnown(conn)) == true
    }
}
