import Foundation
import GRDB
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// A file whose migrations are recorded as done but which another tool damaged: refused on
/// opening, naming what is missing, instead of a raw "no such table" from every command later.
final class IncompleteDatabaseTests: XCTestCase {
    private func damaged(_ sql: String) throws -> (TemporaryDirectory, String) {
        let dir = TemporaryDirectory()
        let path: String
        do {
            let store = try makeStore(in: dir)
            _ = try store.add(sampleComplaint(), today: fixedToday)
            path = store.path
            if TestDatabase.isPostgres { try store.closeFile() }
        }
        try rawExecute(path, sql)
        return (dir, path)
    }

    func testADroppedTableIsNamedWhenOpeningForWritingOrReading() throws {
        let (dir, path) = try damaged("DROP TABLE stage_people")
        for readOnly in [false, true] {
            let e = storeError { try Store(path: path, options: StoreOptions(readOnly: readOnly, create: false, actor: "T")) }
            XCTAssertEqual(e, .incomplete(path, ["table stage_people"]), "read-only: \(readOnly)")
            let text = e?.description ?? ""
            XCTAssertTrue(text.contains("this database is incomplete: table stage_people is missing"), text)
            XCTAssertTrue(text.contains("restore it from a backup"), text)
        }
        let tables = try rawTexts(path, TestDatabase.isPostgres
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'stage_people'"
            : "SELECT name FROM sqlite_master WHERE name = 'stage_people'")
        XCTAssertEqual(tables, [], "the refused open recreated nothing")
        _ = dir
    }

    func testAColumnLostInATableRebuildIsNamed() throws {
        let (dir, path) = try damaged("ALTER TABLE contacts DROP COLUMN equality_religion")
        let e = storeError { try Store(path: path, options: StoreOptions(readOnly: true, create: false, actor: "T")) }
        XCTAssertEqual(e, .incomplete(path, ["column contacts.equality_religion"]))
        _ = dir
    }

    func testASoundFileOpens() throws {
        let dir = TemporaryDirectory()
        do { _ = try makeStore(in: dir) }
        let store = try Store(path: try storePath(in: dir), options: StoreOptions(readOnly: true, create: false, actor: "T"))
        XCTAssertEqual(try store.check(today: fixedToday), [])
    }
}
