import Foundation
import HeardCore
import HeardTestSupport
@testable import HeardStore
import XCTest

/// `heard check` says when the triggers that keep the audit and the access log unchanged are
/// gone or not as Heard made them (an attack dropped `audit_no_update` and check said ok).
final class GuardTriggersTests: XCTestCase {
    override func setUpWithError() throws {
        if TestDatabase.isPostgres { throw XCTSkip("a SQLite file's triggers; PostgreSQL guards by grants and rules") }
    }

    func testANewRecordsGuardsAreAsListed() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        for (name, sql) in Store.guardTriggers {
            XCTAssertEqual(try rawTexts(store.path, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = '\(name)'"), [sql], name)
        }
        XCTAssertEqual(try store.check(today: fixedToday).filter { $0.contains("trigger") }, [])
    }

    func testADroppedOrReplacedGuardIsNamed() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        try rawExecute(store.path, "DROP TRIGGER audit_no_update")
        let dropped = try store.check(today: fixedToday)
        XCTAssertEqual(dropped.filter { $0.hasPrefix("trigger audit_no_update gone or not as Heard made it") }.count, 1, "\(dropped)")
        try rawExecute(store.path, """
            CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit WHEN 0 BEGIN SELECT RAISE(ABORT, 'never'); END;
            DROP TRIGGER reads_no_delete;
            """)
        let replaced = try store.check(today: fixedToday)
        XCTAssertEqual(replaced.filter { $0.hasPrefix("triggers audit_no_update, reads_no_delete gone or not as Heard made them") }.count, 1,
                       "\(replaced)")
    }
}
