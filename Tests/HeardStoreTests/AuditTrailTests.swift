import Foundation
import GRDB
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// Every change leaves an audit row (who, what, which fields from what to what), and the
/// audit table cannot be changed.
final class AuditTrailTests: XCTestCase {
    func testAddingAContactWritesAnAuditRowNamingTheActorAndFields() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir, actor: "Kate Auditor")
        let saved = try store.add(sampleComplaint(name: "Audit Fixture Person"), today: fixedToday)
        let id = try XCTUnwrap(saved.id)
        let trail = try store.auditTrail(entity: .contact, id: id)
        XCTAssertEqual(trail.count, 1)
        let row = try XCTUnwrap(trail.first)
        XCTAssertEqual(row.who, "Kate Auditor")
        XCTAssertEqual(row.action, .create)
        XCTAssertEqual(row.reference, saved.reference)
        XCTAssertEqual(row.session, store.session)
        let changes = try changesObject(row.changes)
        XCTAssertEqual(changes["complainant_name"], [nil, "Audit Fixture Person"])
        XCTAssertEqual(changes["service_area"], [nil, "Care Leavers"])
        XCTAssertEqual(changes["kind"], [nil, "complaint"])
        XCTAssertEqual(changes["received"], [nil, "2021-12-24"])
    }

    func testRecordingAnEventWritesOneAuditRow() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir, actor: "Kate Auditor")
        let saved = try store.add(sampleComplaint(received: "2022-06-01"), today: fixedToday)
        let before = try auditCount(store.path)
        let after = try store.record(.acknowledged(day("2022-06-06")), on: saved.id!, version: saved.version, today: fixedToday)
        XCTAssertEqual(try auditCount(store.path), before + 1)
        let history = try store.caseHistory(contactID: saved.id!, reference: saved.reference)
        let last = try XCTUnwrap(history.last)
        XCTAssertEqual(last.entity, .event)
        XCTAssertEqual(last.who, "Kate Auditor")
        XCTAssertEqual(last.reference, saved.reference)
        let changes = try changesObject(last.changes)
        XCTAssertEqual(changes["kind"], [nil, "acknowledged"])
        XCTAssertEqual(changes["date"], [nil, "2022-06-06"])
        XCTAssertEqual(after.version, saved.version + 1)
    }

    func testUpdateRecordsOldAndNewValues() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir, actor: "Kate Auditor")
        var c = try store.add(sampleComplaint(), today: fixedToday)
        c.officer = "Officer Two"
        let saved = try store.update(c, today: fixedToday)
        let trail = try store.auditTrail(entity: .contact, id: saved.id!)
        XCTAssertEqual(trail.map(\.action), [.create, .update])
        let changes = try changesObject(trail[1].changes)
        XCTAssertEqual(changes, ["officer": ["Officer One", "Officer Two"]], "only the changed field is listed")
    }

    func testAuditRowsCannotBeUpdatedOrDeletedThroughSQL() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        try store.add(sampleComplaint(), today: fixedToday)
        XCTAssertThrowsError(try rawExecute(store.path, "UPDATE audit SET who = 'someone else'"))
        XCTAssertThrowsError(try rawExecute(store.path, "DELETE FROM audit"))
        let whos = try rawTexts(store.path, "SELECT who FROM audit")
        XCTAssertEqual(whos, ["Test Officer"])
    }

    func testBulkImportWritesOneRowPerContactNamingTheFile() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir, actor: "Importer")
        _ = try store.importCSV(Array(twoRows.utf8), source: "/some/folder/contacts.csv", dryRun: false, today: fixedToday)
        let rows = try store.recentAudit()
        XCTAssertEqual(rows.count, 2)
        XCTAssertEqual(rows.map(\.action), [.import, .import])
        XCTAssertEqual(rows.map(\.who), ["Importer", "Importer"])
        XCTAssertEqual(rows.map(\.changes), [[FieldChange("source", before: nil, after: "contacts.csv")], [FieldChange("source", before: nil, after: "contacts.csv")]],
                       "the file's name, not its folder")
    }
}

// MARK: - Fixtures

/// The audit row's changes by field: `[before, after]`.
private func changesObject(_ changes: [FieldChange]) throws -> [String: [String?]] {
    Dictionary(changes.map { ($0.field, [$0.before, $0.after]) }, uniquingKeysWith: { a, _ in a })
}

private let twoRows = """
reference,kind,received,service_area
A-1,compliment,2022-01-10,Care Leavers
A-2,enquiry,2022-01-11,Adoption

"""
