import GRDB
@testable import HeardStore
import XCTest

/// `Schema.expectedShape` is written out (building it from the migrations cost every opening
/// some 13 ms); this is what keeps it equal to what the migrations build, table for table and
/// column for column, in order.
final class ExpectedShapeTests: XCTestCase {
    func testTheWrittenShapeIsWhatTheMigrationsBuild() throws {
        let built = try Schema.shapeFromMigrations()
        let written = Schema.migratedShape
        guard built != written else { return }
        var lines = ""
        for t in built.keys.sorted() {
            lines += "        \"\(t)\": [" + (built[t] ?? []).map { "\"\($0)\"" }.joined(separator: ", ") + "],\n"
        }
        XCTFail("Schema.migratedShape differs from what the migrations build: tables only written "
                + "\(Set(written.keys).subtracting(built.keys).sorted()), only built \(Set(built.keys).subtracting(written.keys).sorted()), "
                + "columns differ in \(built.keys.filter { built[$0] != written[$0] && written[$0] != nil }.sorted()). Put this in Schema.swift:\n" + lines)
    }

    /// A table dropped by another tool is still named at the opening, now from the written list.
    func testAMissingTableIsStillFound() throws {
        let q = try DatabaseQueue()
        try Schema.migrator.migrate(q)
        try q.write { try $0.execute(sql: "DROP TABLE stage_people") }
        let missing = try q.read { try Schema.missing(in: $0) }
        XCTAssertEqual(missing, ["table stage_people"])
    }
}
