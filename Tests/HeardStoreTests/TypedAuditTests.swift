import Foundation
import GRDB
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// The audit trail read back as written: typed entity and action, keys, and each field's values
/// in the order recorded; rows of the earlier form still read, and undo refuses them clearly.
final class TypedAuditTests: XCTestCase {
    func testAnUpdateReadsBackExactlyInTheOrderRecorded() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        var c = try store.add(sampleComplaint(), today: fixedToday)
        let awkward = "Line one\n\"quoted\" \\ back\tslash — Zoë 李 🙂 \u{1}"
        c.summary = awkward
        c.officer = "Officer Two"
        c.team = ""
        c = try store.update(c, today: fixedToday)
        let row = try XCTUnwrap(store.auditTrail(entity: .contact, id: c.id!).last)
        XCTAssertEqual(row.entity, .contact)
        XCTAssertEqual(row.action, .update)
        XCTAssertEqual(row.entityID, c.id)
        XCTAssertEqual(row.reference, c.reference)
        XCTAssertNil(row.parentID)
        XCTAssertTrue(row.changesReadable)
        // The order of the case's fields (team before summary before officer), values exact.
        XCTAssertEqual(row.changes, [FieldChange("team", before: "Team A", after: ""),
                                     FieldChange("summary", before: "Summary of the complaint", after: awkward),
                                     FieldChange("officer", before: "Officer One", after: "Officer Two")])
        XCTAssertEqual(row.change("officer")?.before, "Officer One")
        // Undo restores the exact text.
        _ = try store.undoLast(today: fixedToday)
        XCTAssertEqual(try store.contact(id: c.id!).summary, "Summary of the complaint")
        let undoRow = try XCTUnwrap(store.recentAudit(limit: 1).first)
        XCTAssertEqual(undoRow.action, .undo)
        XCTAssertEqual(undoRow.changes, row.changes.map(\.reversed))
    }

    func testRowsOfTheEarlierFormStillReadAndUndoRefusesThemClearly() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let a = try store.addAction(ActionItem(title: "Chase", created: fixedToday))
        // A note as Heard recorded it before notes had keys: on the action's row, by its text.
        try rawExecute(store.path, """
            INSERT INTO audit (at, who, session, entity, entity_id, reference, action, changes, batch) VALUES
            ('2022-06-15T10:00:00Z', 'Test Officer', '\(store.session)', 'action', \(a.id!), '', 'note', '{"note":[null,"2022-06-15 asked"]}', '')
            """)
        let row = try XCTUnwrap(store.recentAudit(limit: 1).first)
        XCTAssertEqual(row.entity, .action)
        XCTAssertEqual(row.action, .legacyNote)
        XCTAssertEqual(row.changes, [FieldChange("note", before: nil, after: "2022-06-15 asked")])
        XCTAssertEqual(try store.undoableCount(), 0, "undo stops at it")
        guard case .refused(let why)? = storeError({ try store.undoLast(today: fixedToday) }) else { return XCTFail("not refused") }
        XCTAssertEqual(why, "The progress note on action #\(a.id!) was recorded by an earlier Heard without its key, so it cannot be undone; nothing was undone (undo goes no further back).")
    }

    func testARowWhoseChangesCannotBeReadSaysSoAndIsNotUndone() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let c = try store.add(sampleComplaint(), today: fixedToday)
        try rawExecute(store.path, """
            INSERT INTO audit (at, who, session, entity, entity_id, reference, action, changes) VALUES
            ('2022-06-15T10:00:00Z', 'Other Tool', '\(store.session)', 'contact', \(c.id!), '\(c.reference)', 'update', 'officer -> Someone')
            """)
        let row = try XCTUnwrap(store.recentAudit(limit: 1).first)
        XCTAssertFalse(row.changesReadable)
        XCTAssertEqual(row.changes, [])
        XCTAssertEqual(row.changeSummary, "(changes cannot be read)")
        guard case .refused? = storeError({ try store.undoLast(today: fixedToday) }) else { return XCTFail("not refused") }
        XCTAssertEqual(try store.contact(id: c.id!), c)
    }

    func testAVersion4FileGainsTheKeyColumnAndKeepsItsRows() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("v4.sqlite")
        do {
            let q = try DatabaseQueue(path: path)
            try q.write { try $0.execute(sql: "PRAGMA application_id = \(Schema.applicationID)") }
            try Schema.migrator.migrate(q, upTo: "v4")
            try q.write { db in
                try db.execute(sql: """
                    INSERT INTO audit (at, who, session, entity, entity_id, reference, action, changes) VALUES
                    ('2022-01-01T00:00:00Z', 'Old Officer', 'old', 'contact', 1, 'CS-2021-0001', 'update', '{"officer":["A","B"],"team":[null,"T"]}')
                    """)
            }
            try q.close()
        }
        let store = try Store(path: path)
        let columns = try rawQueue(path).read { try Row.fetchAll($0, sql: "PRAGMA table_info(audit)").map { $0["name"] as String } }
        XCTAssertTrue(columns.contains("parent_id"))
        let old = try XCTUnwrap(store.recentAudit(limit: 1).first)
        XCTAssertEqual(old.changes, [FieldChange("officer", before: "A", after: "B"), FieldChange("team", before: nil, after: "T")])
        XCTAssertEqual(old.changeSummary, "officer: A → B; team: T")
        XCTAssertNil(old.parentID)
    }
}
