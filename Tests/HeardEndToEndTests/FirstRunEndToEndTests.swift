import Foundation
import HeardTestSupport
import XCTest

/// The real binary on an empty record named with --db (a file, or on PostgreSQL a schema's URL):
/// the first-run screen's import commands name that record, so typing one imports into it and
/// not into the default record.
final class FirstRunEndToEndTests: XCTestCase {
    func testTheImportHintNamesTheRecordGivenWithDb() throws {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux is not installed")
        let dir = TemporaryDirectory("heard-e2e-first")
        let db = try storePath(in: dir, name: "empty.sqlite")
        let t = try TmuxSession(arguments: ["--db", db], environment: ["HEARD_TODAY": "2022-06-15", "XDG_CONFIG_HOME": dir.file("config"),
                                                                       "XDG_DATA_HOME": dir.file("data"), "HEARD_DB": ""],
                                width: 80, height: 24, dir: dir)
        try t.waitForScreen(containing: "This database has no contacts yet")
        let screen = t.screenText
        // Too wide for one line at 80 columns: the command goes on after a `\` with --db on its own line.
        XCTAssertTrue(screen.contains("heard import complaints.csv --dry-run \\\n"), screen)
        XCTAssertTrue(screen.contains("heard import complaints.csv \\\n"), screen)
        let named = TestDatabase.isPostgres ? "--db '" + db.prefix(40) : "--db " + db
        XCTAssertEqual(screen.components(separatedBy: named).count - 1, 2, "both commands name the record:\n\(screen)")
        XCTAssertEqual(try t.quit(), 0)
    }
}
