import Foundation
import GRDB
import HeardCore
import HeardStore
import HeardTestSupport
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
func rawQueue(_ path: String) throws -> DatabaseQueue {
    try skipOnPostgres("reads the SQLite file")
    return try DatabaseQueue(path: path)
}

/// Number of audit rows in the file.
func auditCount(_ path: String) throws -> Int {
    try rawQueue(path).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM audit") ?? 0 }
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
