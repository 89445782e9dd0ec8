import Foundation
import GRDB
import HeardCore
import HeardStore
import HeardTestSupport
import Synchronization
import XCTest

/// "Today" for every store test: a Wednesday, the week after the 2022 Jubilee bank holidays.
let fixedToday = day("2022-06-15")

/// The bytes of a file, to show that a refused open left it untouched.
func bytes(of path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }

/// Permission bits of a file or folder.
func permissions(of path: String) -> Int {
    var st = stat()
    guard stat(path, &st) == 0 else { return -1 }
    return Int(st.st_mode & 0o777)
}

/// The StoreError `body` throws, failing the test when it throws something else or nothing.
func storeError<T>(_ body: () throws -> T, file: StaticString = #filePath, line: UInt = #line) -> StoreError? {
    do {
        _ = try body()
        XCTFail("expected a StoreError, but nothing was thrown", file: file, line: line)
        return nil
    } catch let e as StoreError {
        return e
    } catch {
        XCTFail("expected a StoreError, got \(error)", file: file, line: line)
        return nil
    }
}

/// A raw connection to the file, bypassing Heard (as another program or a curious user would).
/// Skips the test on PostgreSQL: never inside XCTAssertThrowsError, which would take the skip
/// for the error it expects (rawExecute works on both).
func rawQueue(_ path: String) throws -> DatabaseQueue {
    try skipOnPostgres("reads the SQLite file")
    return try DatabaseQueue(path: path)
}

/// A file with one case as an older Heard left it: `undo` (SQL) takes back what `migration` did,
/// and the migration is no longer recorded, so the next writable open runs it again. Its path.
func olderFile(in dir: TemporaryDirectory, undoing migration: String, with undo: String) throws -> String {
    let path = dir.file("older.sqlite")
    let store = try Store(path: path, options: StoreOptions(actor: "Test Officer"))
    _ = try store.add(sampleComplaint(), today: fixedToday)
    try store.closeFile()
    let q = try DatabaseQueue(path: path)
    try q.writeWithoutTransaction { db in
        try db.execute(sql: undo)
        try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [migration])
        try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
    }
    try q.close()
    return path
}

/// Runs SQL on the record at `path` (a store's `path`) bypassing Heard, as another program would:
/// the SQLite file through a connection of its own, or on PostgreSQL the test's schema through a
/// libpq connection of its own. The SQL must be portable (docs/PORTABLE_SQL.md).
func rawExecute(_ path: String, _ sql: String) throws {
    if path.hasPrefix("postgresql://") { return try TestSchema.run(path, sql) }
    let q = try DatabaseQueue(path: path)
    defer { try? q.close() }
    try q.write { try $0.execute(sql: sql) }
}

/// Every row of `sql` on the record at `path`, bypassing Heard, each cell as text (nil for NULL;
/// a number as its digits, as both databases print it).
func rawRows(_ path: String, _ sql: String) throws -> [[String?]] {
    if path.hasPrefix("postgresql://") { return try TestSchema.rows(path, sql) }
    let q = try DatabaseQueue(path: path)
    defer { try? q.close() }
    return try q.read { db in
        try Row.fetchAll(db, sql: sql).map { row in
            row.databaseValues.map { v -> String? in
                switch v.storage {
                case .null: return nil
                case .int64(let n): return String(n)
                case .double(let d): return String(d)
                case .string(let s): return s
                case .blob(let d): return String(decoding: d, as: UTF8.self)
                }
            }
        }
    }
}

/// The first column of the first row of `sql` as an integer, bypassing Heard (nil for none).
func rawInt(_ path: String, _ sql: String) throws -> Int? {
    try rawRows(path, sql).first?.first.flatMap { $0 }.flatMap { Int($0) }
}

/// The first column of every row of `sql`, bypassing Heard (NULLs as nil).
func rawTexts(_ path: String, _ sql: String) throws -> [String?] {
    try rawRows(path, sql).map { $0.first.flatMap { $0 } }
}

/// Number of audit rows in the record.
func auditCount(_ path: String) throws -> Int {
    try rawInt(path, "SELECT count(*) FROM audit") ?? 0
}

/// Imports CSV text, for tests.
@discardableResult
func importText(_ store: Store, _ csv: String, dryRun: Bool = false, today: LocalDate = fixedToday) throws -> ImportSummary {
    try store.importCSV(Array(csv.utf8), source: "fixture.csv", dryRun: dryRun, today: today)
}

/// The problems of an import refused as invalid, or a test failure.
func importProblems(_ store: Store, _ csv: String, file: StaticString = #filePath, line: UInt = #line) -> [RowProblem] {
    guard let e = storeError({ try importText(store, csv) }, file: file, line: line) else { return [] }
    guard case .invalidImport(let problems) = e else {
        XCTFail("expected invalidImport, got \(e)", file: file, line: line)
        return []
    }
    return problems
}

/// Runs `body` while another program commits to the SQLite file at `path` on a thread of its
/// own: `commit(db, n)` in the n-th transaction, up to `most` of them, until `body` returns.
func whileAnotherProgramCommits(to path: String, most: Int, _ commit: @escaping @Sendable (Database, Int) throws -> Void,
                                _ body: () throws -> Void) rethrows {
    let writing = DispatchGroup()
    let stop = Mutex(false)
    writing.enter()
    Thread.detachNewThread {
        defer { writing.leave() }
        guard let q = try? DatabaseQueue(path: path) else { return }
        defer { try? q.close() }
        var n = 0
        while !stop.withLock({ $0 }) && n < most {
            n += 1
            let k = n
            try? q.write { try commit($0, k) }
        }
    }
    defer {
        stop.withLock { $0 = true }
        writing.wait()
    }
    try body()
}
