import Foundation
import GRDB
import HeardCore
import Synchronization

/// A read waiting for the access log: taken when the case was opened, written when the file allows.
struct PendingRead: Sendable {
    var at: String
    var who: String
    var session: String
    /// Nil for a read of the whole record (`recordWholeRead`).
    var contactID: Int64?
    var reference: String
    var via: ReadVia
    /// The newest audit row the reader saw: places the read among the changes.
    var afterAudit: Int64
}

/// What became of a read given to the access log.
public enum ReadRecording: Equatable, Sendable {
    /// In the log now.
    case written
    /// The file was busy: kept in memory, written with the next write or read this store makes.
    case kept
    /// `[audit] reads = false`: nothing recorded.
    case off
    /// It cannot be written (a read-only mount, a file without write permission, no such case):
    /// dropped, and why.
    case failed(String)
}

/// The reads a store holds until the file takes them, and, under `--read-only`, the one
/// connection that may write them.
final class ReadLog: Sendable {
    /// Past this many reads waiting (a file busy for hours), the oldest are dropped.
    static let limit = 10_000
    private let state = Mutex<(pending: [PendingRead], writer: DatabaseQueue?, writes: Int, keepsFailed: Bool)>(([], nil, 0, false))

    /// The reads waiting, oldest first.
    var waiting: [PendingRead] { state.withLock { $0.pending } }

    func add(_ read: PendingRead) {
        state.withLock { s in
            s.pending.append(read)
            if s.pending.count > Self.limit { s.pending.removeFirst(s.pending.count - Self.limit) }
        }
    }

    /// The first `count` reads are in the file now.
    func written(_ count: Int) {
        guard count > 0 else { return }
        state.withLock { s in s.pending.removeFirst(min(count, s.pending.count)) }
    }

    /// A `Store.write` begins (true) or ends (false): a read recorded meanwhile waits for its
    /// commit, since the writer is taken (a second write from inside the first would trap).
    func writing(_ begins: Bool) { state.withLock { $0.writes += begins ? 1 : -1 } }

    /// Whether a `Store.write` is running.
    var inWrite: Bool { state.withLock { $0.writes > 0 } }

    /// Forgets every read waiting (the file will never take them), unless `keepsFailed`.
    func drop() { state.withLock { if !$0.keepsFailed { $0.pending.removeAll() } } }

    /// Whether reads the file refused are kept to be tried again (a screen's session, which says
    /// at its end which are not in the log) rather than dropped (a command, which says at once).
    var keepsFailed: Bool {
        get { state.withLock { $0.keepsFailed } }
        set { state.withLock { $0.keepsFailed = newValue } }
    }

    /// The writer of a read-only store, opened on first use (`open`) and kept.
    func writer(_ open: () throws -> DatabaseQueue) throws -> DatabaseQueue {
        try state.withLock { s in
            if let w = s.writer { return w }
            let w = try open()
            s.writer = w
            return w
        }
    }
}

/// The access log: who opened which case's record, when, and how (`reads`, migration v12).
/// Not the audit trail: a read is no change, so it never bumps a version, never becomes an undo
/// step, and never looks like another process's change (`changeCounter`, `contactsChanged`
/// read the audit alone). It never waits for the file and never fails the command that read.
extension Store {
    /// Records that every case was read at once through `via` (`heard export`, `heard migrate`
    /// from this record, `heard backup`): one row with no case, its reference saying how many
    /// ("every case (1,750)"), as the access log's other rows are written (never failing the
    /// command). A copy of everyone's details left no trace where opening one case did (found
    /// by a trial on a team's server).
    @discardableResult
    /// `whole: false` for some of the cases at once (the screens' export of the cases shown or
    /// marked): "1,200 cases".
    public func recordWholeRead(via: ReadVia, cases: Int, whole: Bool = true) -> ReadRecording {
        guard options.recordReads else { return .off }
        let afterAudit: Int64
        do {
            afterAudit = try query { conn in try conn.int("SELECT coalesce(max(id), 0) FROM audit").map(Int64.init) ?? 0 }
        } catch {
            return .failed(readLogProblem(error))
        }
        readLog.add(PendingRead(at: Store.timestamp(), who: actor, session: session, contactID: nil,
                                reference: whole ? Store.wholeRecordReference(cases) : "\(cases) case\(cases == 1 ? "" : "s")", via: via, afterAudit: afterAudit))
        if readLog.inWrite { return .kept }
        return flushReads()
    }

    /// The access log's reference for a read of the whole record.
    public static func wholeRecordReference(_ cases: Int) -> String { "every case (\(cases))" }

    /// Records that the case `contactID` was read through `via` by this store's actor. Written
    /// at once when the file is free (also under `--read-only`: the record is not changed, only
    /// the log grows), with no wait: when another process holds the file, the read is kept and
    /// written with this store's next write or read record (`flushReads`). Never throws. Called
    /// inside `write { }`, the read is written with that write's commit.
    @discardableResult
    public func recordRead(contactID: Int64, via: ReadVia) -> ReadRecording {
        guard options.recordReads else { return .off }
        let seen: (String, Int64)?
        do {
            seen = try query { conn -> (String, Int64)? in
                // Both asked at once: on a server, one round trip.
                let reference = SQLRead(sql: "SELECT reference FROM contacts WHERE id = ?", arguments: [.int(contactID)])
                let lastAudit = SQLRead(sql: "SELECT coalesce(max(id), 0) FROM audit", arguments: [])
                try conn.readAhead([reference, lastAudit])
                var found: String?, after: Int64 = 0
                try conn.each(reference) { r in if found == nil { found = r.optionalText(0) } }
                try conn.each(lastAudit) { r in after = r.optionalInt64(0) ?? 0 }
                return found.map { ($0, after) }
            }
        } catch {
            return .failed(readLogProblem(error))
        }
        guard let (reference, afterAudit) = seen else { return .failed("no case #\(contactID)") }
        readLog.add(PendingRead(at: Store.timestamp(), who: actor, session: session, contactID: contactID, reference: reference,
                                via: via, afterAudit: afterAudit))
        // Inside `write { }` (a SAR reading cases as it records the request): that write's
        // commit takes it.
        if readLog.inWrite { return .kept }
        return flushReads()
    }

    /// From now on, reads the file refuses (a full disk, the file deleted or made read-only) are
    /// kept and tried again with the next read or write, not dropped: a screen's session says at
    /// its end which are not in the log (`referencesOfReadsWaiting`). An attack filled the disk
    /// once and every read kept before was thrown away without a word.
    public func keepReadsThatFail() { readLog.keepsFailed = true }

    /// Writes the reads waiting for the access log, without waiting for the file: `.written`
    /// when none is left waiting, `.kept` while the file is busy, `.failed` (the reads dropped)
    /// when the file cannot take them at all. A command calls it as it ends.
    /// With `waitingForTheFile`, a busy file is waited for as a save waits (`busyTimeout`): a
    /// session's last chance, as it ends, for reads kept while the file was busy.
    @discardableResult
    public func flushReads(waitingForTheFile: Bool = false) -> ReadRecording {
        let waiting = readLog.waiting
        guard !waiting.isEmpty else { return .written }
        if readLog.inWrite { return .kept }
        do {
            switch dialect {
            case .sqlite:
                // A file deleted or replaced since it was opened takes nothing (`checkStillThere`).
                try (backend as? SQLiteBackend)?.checkStillThere()
                let wait = Int(options.busyTimeout * 1000)
                // Read as it is where nothing can be written: said, not tried (each try failed alike).
                if let why = unwritable { throw StoreError.refused("\(why) (Heard reads it as it is)") }
                if options.readOnly {
                    let writer = try readLog.writer { try openReadWriter() }
                    try writer.inDatabase { db in
                        // Its writer never waits, but for the last flush (an attack: --read-only lost
                        // the read that a screen without it wrote after its wait).
                        if waitingForTheFile { try db.execute(sql: "PRAGMA busy_timeout = \(wait)") }
                        defer { if waitingForTheFile { try? db.execute(sql: "PRAGMA busy_timeout = 0") } }
                        try insertReadsNow(waiting, db)
                    }
                } else {
                    try pool.writeWithoutTransaction { db in
                        if !waitingForTheFile { try db.execute(sql: "PRAGMA busy_timeout = 0") }
                        defer { try? db.execute(sql: "PRAGMA busy_timeout = \(wait)") }
                        try insertReadsNow(waiting, db)
                    }
                }
            case .postgres:
                // PostgreSQL: no file to lock. An insert into `reads` waits for no other writer
                // (only for a lock on that table, which nothing takes), and a read-only store
                // still writes its reads through the store's own connection: only the record is
                // kept from changing, and this is no change to it.
                guard let server = backend as? PostgresBackend else { throw StoreError.database("not a PostgreSQL store") }
                try server.writeWithoutWritersLock { conn in try insertReads(waiting, conn) }
            }
            readLog.written(waiting.count)
            return .written
        } catch let e as DatabaseError where Store.isBusy(e) {
            return .kept
        } catch let e as StoreError where e.isBusy {
            return .kept
        } catch {
            readLog.drop()
            return .failed(readLogProblem(error))
        }
    }

    /// How many reads wait for the file (for tests and a closing note).
    public var readsWaiting: Int { readLog.waiting.count }

    /// The cases whose reads wait for the file, each once, in the order they were read: what a
    /// closing note names, so that someone can add them to the log by hand.
    public var referencesOfReadsWaiting: [String] {
        var seen = Set<String>()
        return readLog.waiting.map(\.reference).filter { seen.insert($0).inserted }
    }

    /// The access log of one case, oldest first (in the order of the changes they saw).
    public func reads(contactID: Int64) throws -> [ReadEntry] {
        try query { conn in try reads(conn, contactID: contactID) }
    }

    func reads(_ conn: any SQLConnection, contactID: Int64) throws -> [ReadEntry] {
        try conn.rows(Store.readsRead(contactID)).map { Store.readEntry($0) }
    }

    /// The query of `reads(_:contactID:)`.
    static func readsRead(_ contactID: Int64) -> SQLRead {
        SQLRead(sql: "SELECT \(Store.readColumns) FROM reads WHERE contact_id = ? ORDER BY after_audit, id", arguments: [.int(contactID)])
    }

    /// How many reads the access log holds.
    public func readCount() throws -> Int {
        try query { conn in try conn.int("SELECT count(*) FROM reads") ?? 0 }
    }

    /// The access log's columns in the order `readEntry(_:)` reads them (its own, then `after_audit`).
    static let readColumns = "id, at, who, session, contact_id, reference, via, after_audit"
    private static let readColumnNames = readColumns.components(separatedBy: ", ")

    /// A `reads` row (columns `readColumns` from `first`). Read by kind throughout: a row another
    /// tool wrote may hold NULLs, or a value of the wrong kind, which reads as none.
    static func readEntry(_ v: [SQLValue], from first: Int = 0) -> ReadEntry {
        func cell(_ i: Int) -> SQLValue { first + i < v.count ? v[first + i] : .null }
        return ReadEntry(id: cell(0).int64 ?? 0, at: cell(1).text ?? "", who: cell(2).text ?? "", session: cell(3).text ?? "",
                         contactID: cell(4).int64, reference: cell(5).text ?? "", via: ReadVia(stored: cell(6).text ?? ""))
    }

    /// `readEntry` of a GRDB row, by column name.
    // transitional: remove when every caller is converted
    static func readEntry(_ r: Row) -> ReadEntry { readEntry(readColumnNames.map { CellReader.value((r[$0] as DatabaseValue?) ?? .null) }) }

    /// The reads waiting, written inside a write of this store's own (`Store.write`): in a
    /// savepoint, so that a log that cannot take them never costs the change its commit.
    /// How many were written (the first `n` waiting), 0 when the log could not take them.
    func keepReads(_ reads: [PendingRead], in conn: any SQLConnection) -> Int {
        guard !reads.isEmpty else { return 0 }
        do {
            try conn.savepoint { try insertReads(reads, conn) }
            return reads.count
        } catch {
            return 0
        }
    }

    /// SQLite: one short transaction that takes the file at once or not at all (busy: thrown).
    private func insertReadsNow(_ reads: [PendingRead], _ db: Database) throws {
        try db.inTransaction(.immediate) {
            try insertReads(reads, SQLiteConnection(db))
            return .commit
        }
    }

    private func insertReads(_ reads: [PendingRead], _ conn: any SQLConnection) throws {
        // A team's server gives each row its time and login (`serverStamps`), and refuses them from anyone else.
        let stamped = serverStamps
        for r in reads {
            let row: [Bound] = [.text(r.session), r.contactID.map { .int($0) } ?? .null, .text(r.reference), .text(r.via.stored), .int(r.afterAudit)]
            if stamped {
                try conn.executeCached("INSERT INTO reads (session, contact_id, reference, via, after_audit) VALUES (?, ?, ?, ?, ?)", row)
            } else {
                try conn.executeCached("""
                    INSERT INTO reads (at, who, session, contact_id, reference, via, after_audit) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, [.text(r.at), .text(r.who)] + row)
            }
        }
    }

    /// The one writable connection of a read-only store: it writes the access log and nothing
    /// else, and never waits for the file.
    private func openReadWriter() throws -> DatabaseQueue {
        var config = Configuration()
        config.busyMode = .immediateError
        config.label = "heard-reads"
        return try DatabaseQueue(path: path, configuration: config)
    }

    /// Why the access log could not be written, in words without the data.
    func readLogProblem(_ error: Error) -> String {
        if let e = error as? StoreError { return e.description }
        if let e = error as? DatabaseError {
            switch e.resultCode {
            case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM: return "\(path) cannot be written (\(FileDiagnosis.whyNotWritable(path)))"
            case .SQLITE_FULL: return "the disk is full"
            default: return "\(e.resultCode)"
            }
        }
        return "\(type(of: error))"
    }
}
