import Foundation
import GRDB
import Synchronization

/// A second connection that reads the record in the state a transaction on the first sees, for
/// one piece of work handed to it once that transaction knows what it wants (half of the cases
/// a subject access search loads, say). On a file only.
///
/// How it is known to be the same state: SQLite's `data_version` is read on the first
/// connection outside any transaction; the side connection opens its transaction (a first read
/// fixes what it sees); then the first connection begins its own, whose first read is
/// `data_version` again, as of that beginning. Unchanged, no connection committed between, so
/// both see one state; otherwise the side reader is sent away and the first reads alone.
final class SideReader: @unchecked Sendable {
    private let opened = DispatchSemaphore(value: 0)
    private let handed = DispatchSemaphore(value: 0)
    private let ended = DispatchGroup()
    private let state = Mutex<(open: Bool, job: (@Sendable (any SQLConnection) -> Void)?, sentAway: Bool)>((false, nil, false))

    init(_ store: Store) {
        ended.enter()
        Store.onThreadOfItsOwn { [self] in
            defer { ended.leave() }
            var signalled = false
            _ = try? store.query { conn in
                _ = try Store.reportStamp(conn)
                state.withLock { $0.open = true }
                signalled = true
                opened.signal()
                handed.wait()
                state.withLock { $0.job }?(conn)
            }
            if !signalled { opened.signal() }
        }
    }

    /// Whether its transaction is open, within a tenth of a second (opening takes a millisecond
    /// or two): a pool short of connections (the screens reading beside it), and the first
    /// reads alone rather than wait.
    func waitOpen() -> Bool {
        opened.wait(timeout: .now() + 0.1) == .success && state.withLock { $0.open }
    }

    /// Hands it `work`, run on its connection; `wait` on the answer.
    func run<T: Sendable>(_ work: @escaping @Sendable (any SQLConnection) throws -> T) -> WorkAnswer<T> {
        let answer = WorkAnswer<T>()
        state.withLock { $0.job = { conn in answer.give(Result { try work(conn) }) } }
        handed.signal()
        return answer
    }

    /// Sends it away without work (its transaction ends); returns once it has ended, when it had
    /// opened (one still waiting for a connection ends by itself once it has one).
    func sendAway() {
        let (first, open) = state.withLock { s -> (Bool, Bool) in
            defer { s.sentAway = true }
            return (!s.sentAway && s.job == nil, s.open)
        }
        if first { handed.signal() }
        if open { ended.wait() }
    }
}

extension Store {
    /// SQLite's `data_version` on `db`: changed since the last read on this connection only if
    /// another connection committed (as of its transaction's beginning, read inside one).
    static func dataVersion(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0
    }

    /// `body` in one read transaction, given a side reader of the same state where one is
    /// `wanted`, the record is a file read with locks and one could be opened (nil otherwise:
    /// `body` reads alone).
    func readWithSideReader<R>(if wanted: Bool = true, _ body: (any SQLConnection, SideReader?) throws -> R) throws -> R {
        guard wanted, let file = backend as? SQLiteBackend, file.immutable == nil else { return try query { try body($0, nil) } }
        do {
            return try file.pool.unsafeRead { db -> R in
                let version = { try Store.dataVersion(db) }
                let before = try version()
                let side = SideReader(self)
                let open = side.waitOpen()
                defer { side.sendAway() }
                var out: R?
                try db.inTransaction(.deferred) {
                    let now = try version()
                    out = try body(SQLiteConnection(db), open && now == before ? side : nil)
                    return .commit
                }
                guard let out else { throw CancellationError() }
                return out
            }
        } catch let e as DatabaseError { throw Store.translate(e, path: file.path) }
    }
}
