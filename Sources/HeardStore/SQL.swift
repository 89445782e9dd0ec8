import Foundation
import GRDB
import GRDBSQLite
import HeardFiles

// The store's one way to SQL, whichever database holds the record: SQLite through GRDB (the
// embedded default) or PostgreSQL through libpq (a team's server). Store code writes portable SQL
// (docs/PORTABLE_SQL.md) against `SQLConnection`; what differs between the two is said once, in
// `SQLDialect`, never by a string test on the path.

/// Which SQL a connection speaks.
public enum SQLDialect: Sendable, Equatable {
    case sqlite, postgres
}

/// What a cell holds, as the database reports it.
enum SQLKind: Equatable {
    case null, integer, real, text, blob
}

/// A value bound to a statement parameter (`?` in the SQL, in order).
enum Bound: Equatable {
    case text(String)
    case int(Int64)
    case double(Double)
    case blob(Data)
    case null

    static func text(_ s: String?) -> Bound { s.map { .text($0) } ?? .null }
    static func int(_ n: Int?) -> Bound { n.map { .int(Int64($0)) } ?? .null }
    static func bool(_ b: Bool) -> Bound { .int(b ? 1 : 0) }
}

/// A value read from a cell, kept after the row is gone.
enum SQLValue: Equatable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)

    var int64: Int64? { if case .integer(let n) = self { return n }; return nil }
    var int: Int? { int64.map { Int($0) } }
    /// Text, or nil for anything else (a number is not text).
    var text: String? { if case .text(let s) = self { return s }; return nil }
    var blob: Data? { if case .blob(let d) = self { return d }; return nil }
    var isNull: Bool { self == .null }
}

/// The current row of a query, valid only inside the closure it was given to. Columns count from 0.
protocol SQLRow {
    var columnCount: Int32 { get }
    func kind(_ i: Int32) -> SQLKind
    func isNull(_ i: Int32) -> Bool
    /// The integer in column `i` (0 for NULL or a value that is not a number).
    func int64(_ i: Int32) -> Int64
    func double(_ i: Int32) -> Double
    /// The text of column `i` ("" for NULL).
    func text(_ i: Int32) -> String
    func blob(_ i: Int32) -> Data
    /// The UTF-8 bytes `text(i)` is made from, lent for `body`'s call (lists of 100,000 rows
    /// copy them to their output without a String per cell).
    func withTextBytes<R>(_ i: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R
    /// The bytes of the blob in column `i`, lent for `body`'s call.
    func withBlobBytes<R>(_ i: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R
    /// The text of column `i`, nil for NULL (a row that can ask both at once says so, as for
    /// the three below).
    func optionalText(_ i: Int32) -> String?
    /// The integer in column `i` (as `int64`), nil for NULL.
    func optionalInt64(_ i: Int32) -> Int64?
    /// `withTextBytes(i, body)`, nil without calling `body` for NULL.
    func withNonNullTextBytes<R>(_ i: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R?
    /// Column `i`'s kind, with its text when it is text ("" otherwise).
    func kindAndText(_ i: Int32) -> (kind: SQLKind, text: String)
    /// Column `i` when it holds a whole number, else nil: text another tool wrote into an
    /// integer column ('99999abc') is empty, as `heard check` says Heard reads it, where SQLite's
    /// own conversion read its leading digits (a payment of £999.99 that no one recorded).
    func storedInt(_ i: Int32) -> Int?
}

extension SQLRow {
    /// Through `blob`: a row that can lend its own bytes says so.
    func withBlobBytes<R>(_ i: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        blob(i).withUnsafeBytes { body($0.bindMemory(to: UInt8.self)) }
    }

    /// Through `text`: a row that can lend its own bytes says so.
    func withTextBytes<R>(_ i: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var s = text(i)
        return s.withUTF8(body)
    }

    func int(_ i: Int32) -> Int { Int(int64(i)) }
    func optionalInt(_ i: Int32) -> Int? { optionalInt64(i).map { Int($0) } }
    func optionalInt64(_ i: Int32) -> Int64? { isNull(i) ? nil : int64(i) }
    func optionalText(_ i: Int32) -> String? { isNull(i) ? nil : text(i) }
    func withNonNullTextBytes<R>(_ i: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        isNull(i) ? nil : withTextBytes(i, body)
    }
    func kindAndText(_ i: Int32) -> (kind: SQLKind, text: String) {
        let k = kind(i)
        return (k, k == .text ? text(i) : "")
    }
    func storedInt(_ i: Int32) -> Int? { kind(i) == .integer ? int(i) : nil }

    /// Column `i` as a kept value, of the kind the database holds.
    func value(_ i: Int32) -> SQLValue {
        switch kind(i) {
        case .null: return .null
        case .integer: return .integer(int64(i))
        case .real: return .real(double(i))
        case .text: return .text(text(i))
        case .blob: return .blob(blob(i))
        }
    }

    /// Every column as kept values.
    var values: [SQLValue] { (0..<columnCount).map { value($0) } }
}

/// One connection, inside a read or a write transaction given by the store.
protocol SQLConnection: AnyObject {
    var dialect: SQLDialect { get }
    /// Runs one statement (or, without arguments, several separated by `;`).
    func execute(_ sql: String, _ arguments: [Bound]) throws
    /// Runs a query and calls `body` for each row. `cached` keeps the prepared statement for the
    /// next call (SQL that is always the same text); `body` must not then run the same SQL.
    func each(_ sql: String, _ arguments: [Bound], cached: Bool, _ body: (any SQLRow) throws -> Void) throws
    /// Runs a statement whose result is not read, kept prepared (SQL that is always the same
    /// text). SQLite: `each(sql, arguments, cached: true)`; PostgreSQL may send it later, with
    /// the next statement that returns rows (one round trip), and says its error then.
    func executeCached(_ sql: String, _ arguments: [Bound]) throws
    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int { get }
    /// False when the database itself ended the transaction this connection was in (SQLite rolls
    /// a transaction back whole on a full disk or an I/O error): nothing of it stands, and no
    /// savepoint's refusal is then a refusal of one case. A server keeps its transaction, failed
    /// or not, until the client ends it.
    var transactionLost: Bool { get }
    /// Runs a statement whose result is not read, kept prepared, that must change `count` rows:
    /// when it changes another number, `otherwise` is thrown. SQLite: at once. PostgreSQL sends
    /// it with the next statement that returns rows, a savepoint's end or COMMIT, where the server
    /// refuses it, and `otherwise` is thrown from there (nothing after it in its savepoint or
    /// transaction stands): an optimistic version's check that costs no round trip of its own.
    func executeExpecting(_ sql: String, _ arguments: [Bound], changes count: Int, otherwise: Error) throws
    /// Runs `body` in a savepoint: what it wrote is rolled back when it throws.
    func savepoint<T>(_ body: () throws -> T) throws -> T
    /// Asks for the answers of queries the caller is about to read with `each`, all at once: on
    /// a server, one round trip instead of one each, kept until asked for (or until the next
    /// write, which could change them). SQLite: nothing to do (a read is a call, not a trip), so
    /// the queries are not even made: a bulk change reads a case by id thousands of times.
    func readAhead(_ reads: @autoclosure () throws -> [SQLRead]) throws
    /// Runs `body` (writes only) and then asks for `reads`, without waiting for the answers: the
    /// caller goes on with work of its own while a server writes, and asks the result of `settle`
    /// before it writes anything else. `inSavepoint`: a refused write rolls back what `body`
    /// wrote, and is said by `settle`; otherwise the refusal is the whole transaction's (the
    /// caller throws it). The reads' answers are kept as `readAhead` keeps them; they must not
    /// depend on what `body` writes. Throws only a failure of the transaction itself. SQLite:
    /// `body` runs now, the reads are not made (a savepoint there copies each page it changes
    /// aside: a third of the undo of a bulk change, which needs none).
    func writeAhead(_ body: () throws -> Void, inSavepoint: Bool, thenReading reads: [SQLRead]) throws -> WritesAhead
}

/// Writes sent with `writeAhead`: `settle` waits for them and says the refusal, if any.
final class WritesAhead {
    private var land: (() -> Error?)?
    private var said: Error?

    init(_ land: @escaping () -> Error?) { self.land = land }
    init(refusal: Error?) { said = refusal }

    /// Nil when the writes stand; else why the database refused them (they were rolled back).
    func settle() -> Error? {
        if let land {
            said = land()
            self.land = nil
        }
        return said
    }
}

/// A query and its values, as `each` will be asked for it (`SQLConnection.readAhead`).
struct SQLRead: Equatable {
    let sql: String
    let arguments: [Bound]
    var cached = false
}

extension SQLConnection {
    func execute(_ sql: String) throws { try execute(sql, []) }

    func readAhead(_ reads: @autoclosure () throws -> [SQLRead]) throws {}

    func writeAhead(_ body: () throws -> Void, inSavepoint: Bool, thenReading reads: [SQLRead]) throws -> WritesAhead {
        do {
            if inSavepoint { try savepoint(body) } else { try body() }
            return WritesAhead(refusal: nil)
        } catch {
            return WritesAhead(refusal: error)
        }
    }

    /// `each` of a query read ahead (or not: then as any other).
    func each(_ read: SQLRead, _ body: (any SQLRow) throws -> Void) throws {
        try each(read.sql, read.arguments, cached: read.cached, body)
    }

    func each(_ sql: String, _ arguments: [Bound] = [], _ body: (any SQLRow) throws -> Void) throws {
        try each(sql, arguments, cached: false, body)
    }

    /// `each(read)` with the row as a file's own `SQLiteRow` on a file (`file`), as a server's own
    /// `PostgresRow` on a server (`server`). Given one reader generic over `SQLRow` twice, each
    /// is compiled for its own row: column reads are called directly, not through the protocol's
    /// witnesses (a tenth of reading an export's hundreds of thousands of rows), and what the
    /// reader calls that is generic too is made for the row's type. Through `any SQLRow` a
    /// server's report looked up type metadata for every word of every row it read (a fifth of
    /// each reader's instructions).
    func each(_ read: SQLRead, file: (SQLiteRow) throws -> Void, server: (PostgresRow) throws -> Void) throws {
        if let sqlite = self as? SQLiteConnection {
            try sqlite.eachRow(read.sql, read.arguments, cached: read.cached, file)
        } else if let postgres = self as? PostgresConnection {
            try postgres.eachRow(read.sql, read.arguments, cached: read.cached, server)
        } else {
            throw StoreError.database("a connection of neither kind Heard knows")
        }
    }

    /// Every row of a query read ahead (or not), as kept values.
    func rows(_ read: SQLRead) throws -> [[SQLValue]] {
        try rows(read.sql, read.arguments, cached: read.cached)
    }

    /// Every row, as kept values.
    func rows(_ sql: String, _ arguments: [Bound] = [], cached: Bool = false) throws -> [[SQLValue]] {
        var out: [[SQLValue]] = []
        try each(sql, arguments, cached: cached) { out.append($0.values) }
        return out
    }

    /// The first row, or nil when there is none.
    func row(_ sql: String, _ arguments: [Bound] = []) throws -> [SQLValue]? {
        var out: [SQLValue]?
        try each(sql, arguments, cached: false) { r in if out == nil { out = r.values } }
        return out
    }

    /// The first column of the first row as an integer (nil for no row, NULL or not a number).
    func int(_ sql: String, _ arguments: [Bound] = []) throws -> Int? {
        var out: Int?
        var first = true
        try each(sql, arguments, cached: false) { r in
            if first, !r.isNull(0), r.kind(0) == .integer || r.kind(0) == .real { out = r.int(0) }
            first = false
        }
        return out
    }

    /// The first column of the first row as text (nil for no row or NULL).
    func text(_ sql: String, _ arguments: [Bound] = []) throws -> String? {
        var out: String?
        var first = true
        try each(sql, arguments, cached: false) { r in
            if first, !r.isNull(0) { out = r.text(0) }
            first = false
        }
        return out
    }

    /// The first column of every row as text (NULLs left out).
    func texts(_ sql: String, _ arguments: [Bound] = []) throws -> [String] {
        var out: [String] = []
        try each(sql, arguments, cached: false) { r in if !r.isNull(0) { out.append(r.text(0)) } }
        return out
    }

    /// The first column of every row as integers (NULLs left out).
    func ints(_ sql: String, _ arguments: [Bound] = []) throws -> [Int64] {
        var out: [Int64] = []
        try each(sql, arguments, cached: false) { r in if !r.isNull(0) { out.append(r.int64(0)) } }
        return out
    }

    /// Runs an INSERT and returns the new row's `id` (the SQL is given without RETURNING).
    func insert(_ sql: String, _ arguments: [Bound]) throws -> Int64 {
        var id: Int64?
        try each(sql + " RETURNING id", arguments, cached: false) { r in id = r.int64(0) }
        guard let id else { throw StoreError.database("the new row has no id") }
        return id
    }
}

// MARK: - SQLite

/// A GRDB connection, inside the transaction GRDB gave.
final class SQLiteConnection: SQLConnection {
    let db: Database
    init(_ db: Database) { self.db = db }

    var dialect: SQLDialect { .sqlite }

    /// SQLite copies the text before the call returns (SQLITE_TRANSIENT).
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    func execute(_ sql: String, _ arguments: [Bound]) throws {
        if arguments.isEmpty {
            try db.execute(sql: sql)
            return
        }
        try each(sql, arguments, cached: false) { _ in }
    }

    func each(_ sql: String, _ arguments: [Bound], cached: Bool, _ body: (any SQLRow) throws -> Void) throws {
        try eachRow(sql, arguments, cached: cached) { try body($0) }
    }

    /// `each`, the row given as its own type: a reader of many rows that is generic over
    /// `SQLRow` (`CaseListRead`) has each column read called directly, not through the protocol.
    func eachRow(_ sql: String, _ arguments: [Bound], cached: Bool, _ body: (SQLiteRow) throws -> Void) throws {
        let statement = cached ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
        let h = statement.sqliteStatement
        sqlite3_reset(h)
        sqlite3_clear_bindings(h)
        // A cached statement should not keep copies of names and summaries once done.
        defer { sqlite3_reset(h); sqlite3_clear_bindings(h) }
        let expected = Int(sqlite3_bind_parameter_count(h))
        guard expected == arguments.count else {
            throw StoreError.database("\(arguments.count) values given for \(expected) parameters")
        }
        for (i, v) in arguments.enumerated() {
            let rc = Self.bind(h, Int32(i + 1), v)
            if rc != SQLITE_OK { throw Self.error(h, rc) }
        }
        let row = SQLiteRow(handle: h)
        while true {
            let rc = sqlite3_step(h)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else { throw Self.error(h, rc) }
            try body(row)
        }
    }

    static func bind(_ h: OpaquePointer, _ index: Int32, _ v: Bound) -> Int32 {
        switch v {
        case .null: return sqlite3_bind_null(h, index)
        case .int(let n): return sqlite3_bind_int64(h, index, n)
        case .double(let d): return sqlite3_bind_double(h, index, d)
        case .text(var s):
            return s.withUTF8 { p in
                sqlite3_bind_text(h, index, UnsafeRawPointer(p.baseAddress ?? UnsafePointer(bitPattern: 1)!).assumingMemoryBound(to: CChar.self),
                                  Int32(p.count), transient)
            }
        case .blob(let d):
            return d.withUnsafeBytes { p in
                sqlite3_bind_blob(h, index, p.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, Int32(p.count), transient)
            }
        }
    }

    static func error(_ h: OpaquePointer, _ rc: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(h))))
    }

    var changes: Int { db.changesCount }

    var transactionLost: Bool { !db.isInsideTransaction }

    func executeExpecting(_ sql: String, _ arguments: [Bound], changes count: Int, otherwise: Error) throws {
        try each(sql, arguments, cached: true) { _ in }
        if changes != count { throw otherwise }
    }

    func savepoint<T>(_ body: () throws -> T) throws -> T {
        var out: T?
        try db.inSavepoint {
            out = try body()
            return .commit
        }
        guard let out else { throw StoreError.refused("nothing was written") }
        return out
    }
}

/// A row of a SQLite statement, read in place. A cell's text or blob is read through its value
/// (`sqlite3_column_value`, then `sqlite3_value_*`): each `sqlite3_column_*` call checks the
/// column and the connection's state again (`columnMem`, `sqlite3ApiExit`), and a text cell took
/// two or three of them, a fifth of the instructions of reading 300,000 issues. The value is the
/// statement's own, read on the connection's one thread before the next step, which is all
/// SQLite asks of an unprotected value (its rules: "not threadsafe", else as `sqlite3_column_*`).
struct SQLiteRow: SQLRow {
    let handle: OpaquePointer

    var columnCount: Int32 { sqlite3_column_count(handle) }

    static func kind(_ type: Int32) -> SQLKind {
        switch type {
        case SQLITE_INTEGER: return .integer
        case SQLITE_FLOAT: return .real
        case SQLITE_TEXT: return .text
        case SQLITE_BLOB: return .blob
        default: return .null
        }
    }

    func kind(_ i: Int32) -> SQLKind { Self.kind(sqlite3_column_type(handle, i)) }

    func isNull(_ i: Int32) -> Bool { sqlite3_column_type(handle, i) == SQLITE_NULL }
    func int64(_ i: Int32) -> Int64 { sqlite3_column_int64(handle, i) }
    func double(_ i: Int32) -> Double { sqlite3_column_double(handle, i) }

    /// The UTF-8 bytes of `value` as text, as `sqlite3_column_text` and `sqlite3_column_bytes`
    /// give them (nil for NULL).
    @inline(__always)
    static func textBytes(_ value: OpaquePointer?) -> UnsafeBufferPointer<UInt8>? {
        sqlite3_value_text(value).map { UnsafeBufferPointer(start: $0, count: Int(sqlite3_value_bytes(value))) }
    }

    /// The text of `value` ("" for NULL).
    @inline(__always)
    static func text(_ value: OpaquePointer?) -> String {
        textBytes(value).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    func text(_ i: Int32) -> String { Self.text(sqlite3_column_value(handle, i)) }

    func optionalText(_ i: Int32) -> String? {
        let v = sqlite3_column_value(handle, i)
        return sqlite3_value_type(v) == SQLITE_NULL ? nil : Self.text(v)
    }

    func storedInt(_ i: Int32) -> Int? {
        let v = sqlite3_column_value(handle, i)
        return sqlite3_value_type(v) == SQLITE_INTEGER ? Int(sqlite3_value_int64(v)) : nil
    }

    func optionalInt64(_ i: Int32) -> Int64? {
        let v = sqlite3_column_value(handle, i)
        return sqlite3_value_type(v) == SQLITE_NULL ? nil : sqlite3_value_int64(v)
    }

    func withNonNullTextBytes<R>(_ i: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        let v = sqlite3_column_value(handle, i)
        guard sqlite3_value_type(v) != SQLITE_NULL else { return nil }
        return body(Self.textBytes(v) ?? UnsafeBufferPointer(start: nil, count: 0))
    }

    func kindAndText(_ i: Int32) -> (kind: SQLKind, text: String) {
        let v = sqlite3_column_value(handle, i)
        let k = Self.kind(sqlite3_value_type(v))
        return (k, k == .text ? Self.text(v) : "")
    }

    func withTextBytes<R>(_ i: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        body(Self.textBytes(sqlite3_column_value(handle, i)) ?? UnsafeBufferPointer(start: nil, count: 0))
    }

    func blob(_ i: Int32) -> Data {
        let v = sqlite3_column_value(handle, i)
        guard let p = sqlite3_value_blob(v) else { return Data() }
        return Data(bytes: p, count: Int(sqlite3_value_bytes(v)))
    }

    func withBlobBytes<R>(_ i: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let v = sqlite3_column_value(handle, i)
        guard let p = sqlite3_value_blob(v) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return body(UnsafeBufferPointer(start: p.assumingMemoryBound(to: UInt8.self), count: Int(sqlite3_value_bytes(v))))
    }
}

// MARK: - Where connections come from

/// The database behind a store: the SQLite file's pool, or a PostgreSQL server.
protocol SQLBackend: Sendable {
    var dialect: SQLDialect { get }
    /// Runs `body` in a read transaction: one consistent view of the record.
    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T
    /// Runs `body` in one write transaction, committed when it returns and rolled back when it
    /// throws. The database's own errors come out as `StoreError` (another writer: `.busy`).
    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T
}

/// The SQLite file, through GRDB's pool: one writer, readers beside it (WAL).
struct SQLiteBackend: SQLBackend {
    let pool: DatabasePool
    let path: String
    /// Copies the log into the file after commits, beside the work (`LogCheckpointer`).
    let checkpointer: LogCheckpointer
    /// The file `path` named when it was opened (device and inode), and its log and shared memory.
    let opened: OpenDatabases.FileID?
    let companionsOpened: [String: OpenDatabases.FileID]
    /// The file as it was when it was opened immutable, and where it is (`UnwritableFolder`):
    /// a read is failed if the file changed since (nil for any other file).
    let immutable: (file: String, mark: FileMark)?

    init(pool: DatabasePool, path: String, checkpointer: LogCheckpointer, immutable: (file: String, mark: FileMark)? = nil) {
        self.pool = pool
        self.path = path
        self.checkpointer = checkpointer
        self.immutable = immutable
        opened = OpenDatabases.identity(path)
        var companions: [String: OpenDatabases.FileID] = [:]
        for suffix in ["-wal", "-shm"] { companions[suffix] = OpenDatabases.identity(path + suffix) }
        companionsOpened = companions
    }

    var dialect: SQLDialect { .sqlite }

    /// Refuses a write when `path` no longer names the file opened: deleted, or replaced by
    /// another file. SQLite goes on writing into the open file, which is gone with the process:
    /// an attack deleted the file under the screens and every save after said "Saved".
    func checkStillThere() throws {
        guard let opened else { return }
        guard let now = OpenDatabases.identity(path), now == opened else {
            throw StoreError.refused("the file was moved, deleted or replaced since Heard opened it, so nothing was written; open it where it is now, or a backup (\(path) no longer names it)")
        }
    }

    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        do {
            let out = try pool.read { db in try body(SQLiteConnection(db)) }
            try checkUnchanged()
            return out
        } catch {
            // A file changed under an immutable read can read as damaged: said as what it is.
            try checkUnchanged()
            if let e = error as? DatabaseError { throw Store.translate(e, path: path) }
            throw error
        }
    }

    /// Refuses what was read from a file opened immutable when the file changed since it was
    /// opened: read without locks, it may mix two states of the record (found by an attack: a bulk
    /// change half seen, a case missing, "damaged").
    func checkUnchanged() throws {
        guard let immutable, FileMark(immutable.file) != immutable.mark else { return }
        throw StoreError.changedWhileRead(path)
    }

    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try checkStillThere()
        do {
            return try pool.write { db in
                let out = try body(SQLiteConnection(db))
                // Again before COMMIT: a bulk change of 52,500 cases whose file was deleted while it
                // ran said it had changed them all, into the deleted file (found by an attack).
                try checkStillThere()
                return out
            }
        } catch let e as DatabaseError { throw Store.translate(e, path: path) }
    }
}

// MARK: - What differs

extension SQLDialect {
    /// `column` equal to one `?` parameter, ignoring the case of ASCII letters (SQLite's NOCASE;
    /// on PostgreSQL, whose text columns use the C collation, `lower` folds ASCII only there too).
    func equalsIgnoringCase(_ column: String) -> String {
        switch self {
        case .sqlite: return "\(column) = ? COLLATE NOCASE"
        case .postgres: return "lower(\(column)) = lower(CAST(? AS TEXT) COLLATE \"C\")"
        }
    }

    /// `column` is one of a list of ids bound to one `?` parameter as `Store.idArray(ids)`: the
    /// statement's text stays the same whatever the list (SQLite parsed a list of 500 numbers in
    /// every statement that named one: a seventh of a subject access search listing 880 cases).
    func isAnyOf(_ column: String) -> String {
        switch self {
        case .sqlite: return "\(column) IN (SELECT value FROM json_each(?))"
        case .postgres: return "\(column) IN (SELECT CAST(value AS BIGINT) FROM json_array_elements_text(CAST(? AS JSON)))"
        }
    }

    /// An expression true for every row (`WHERE 1` is SQLite's; PostgreSQL wants a boolean).
    static let always = "1 = 1"

    /// The greater of two values (a scalar `max(a, b)` in SQLite, `GREATEST` in PostgreSQL).
    func greatest(_ a: String, _ b: String) -> String {
        switch self {
        case .sqlite: return "max(\(a), \(b))"
        case .postgres: return "GREATEST(\(a), \(b))"
        }
    }

    /// Values of `expression` joined by `separator` (a literal without quotes), in no set order.
    func groupConcat(_ expression: String, separator: String) -> String {
        switch self {
        case .sqlite: return "group_concat(\(expression), '\(separator)')"
        case .postgres: return "string_agg(CAST(\(expression) AS TEXT), '\(separator)')"
        }
    }
}
