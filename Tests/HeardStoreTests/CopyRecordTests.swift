import Foundation
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// `heard migrate`'s two halves: the copy of a whole record, and the proof that it is the same.
/// File to file here (the same code runs for PostgreSQL, whose tests need a server).
final class CopyRecordTests: XCTestCase {
    func testEveryTableOfTheSchemaIsCopiedOrSetAsideOnPurpose() {
        XCTAssertEqual(Store.tablesMigrateWouldMiss, [])
    }

    func testACopyOfTheDemoHoldsTheSameRecordAndProvesIt() throws {
        let dir = TemporaryDirectory()
        let source = try makeStore(in: dir, name: "a.sqlite")
        try source.writeDemo(today: fixedToday)
        let target = try makeStore(in: dir, name: "b.sqlite", actor: "Someone Copying")
        var told: [TableCount] = []
        try source.copyRecord(to: target) { told.append($0) }
        XCTAssertEqual(told, try source.tableCounts())
        XCTAssertEqual(try target.tableCounts(), try source.tableCounts())
        XCTAssertGreaterThan(told.first { $0.table == "audit" }?.rows ?? 0, 1000)
        XCTAssertGreaterThan(told.first { $0.table == "documents" }?.rows ?? 0, 0)

        let proof = try source.prove(copy: target, today: fixedToday)
        XCTAssertEqual(proof.years.count, 10)
        XCTAssertEqual(proof.years.last, Period.financialYear(containing: fixedToday))

        // The history keeps its own names (not the one copying), and each case reads the same.
        let ref = try XCTUnwrap(try source.cases(today: fixedToday).first?.reference)
        let a = try source.contact(reference: ref)
        let b = try target.contact(reference: ref)
        XCTAssertEqual(a, b)
        XCTAssertEqual(try source.caseHistory(contactID: try XCTUnwrap(a.id), reference: ref).map(\.who),
                       try target.caseHistory(contactID: try XCTUnwrap(b.id), reference: ref).map(\.who))
        XCTAssertEqual(try target.indexSearch(a.reference), [try XCTUnwrap(a.id)])

        // New rows in the copy come after the copied ones.
        let added = try target.add(sampleComplaint(), today: fixedToday)
        XCTAssertGreaterThan(try XCTUnwrap(added.id), try XCTUnwrap(try source.cases(today: fixedToday).compactMap(\.id).max()))
    }

    func testACopyIntoARecordIsRefusedAndChangesNothing() throws {
        let dir = TemporaryDirectory()
        let source = try makeStore(in: dir, name: "a.sqlite")
        try source.writeDemo(today: fixedToday)
        let target = try makeStore(in: dir, name: "b.sqlite")
        _ = try target.add(sampleComplaint(), today: fixedToday)
        let before = try target.tableCounts()
        guard case .refused(let message)? = storeError({ try source.copyRecord(to: target) }) else { return XCTFail("not refused") }
        XCTAssertTrue(message.contains("already holds a record"), message)
        XCTAssertEqual(try target.tableCounts(), before)
    }

    func testACopyThatDiffersIsNotProvedAndSaysWhere() throws {
        let dir = TemporaryDirectory()
        let source = try makeStore(in: dir, name: "a.sqlite")
        try source.writeDemo(today: fixedToday)
        let target = try makeStore(in: dir, name: "b.sqlite")
        try source.copyRecord(to: target)
        try rawExecute(target.path, "DELETE FROM contact_log WHERE id = (SELECT max(id) FROM contact_log)")
        guard case .refused(let message)? = storeError({ try source.prove(copy: target, today: fixedToday) }) else { return XCTFail("proved") }
        XCTAssertTrue(message.contains("contact_log"), message)
    }

    func testAReportThatDiffersIsNotProved() throws {
        let dir = TemporaryDirectory()
        let source = try makeStore(in: dir, name: "a.sqlite")
        try source.writeDemo(today: fixedToday)
        let target = try makeStore(in: dir, name: "b.sqlite")
        try source.copyRecord(to: target)
        // Same counts, one category changed behind Heard's back: only the report can tell.
        try rawExecute(target.path, "UPDATE issues SET category = 'a changed category' WHERE id = (SELECT max(id) FROM issues)")
        guard case .refused(let message)? = storeError({ try source.prove(copy: target, today: fixedToday) }) else { return XCTFail("proved") }
        XCTAssertTrue(message.contains("report"), message)
    }

    func testARecordChangedWhileCopiedIsSaidAsThatNotAsACopyThatDiffers() throws {
        let dir = TemporaryDirectory()
        let source = try makeStore(in: dir, name: "a.sqlite")
        try source.writeDemo(today: fixedToday)
        let target = try makeStore(in: dir, name: "b.sqlite")
        let snapshot = try source.copyRecord(to: target)
        XCTAssertEqual(snapshot.counts, try source.tableCounts())
        XCTAssertEqual(try source.prove(copy: target, today: fixedToday, snapshot: snapshot).years.count, 10, "nothing changed: proved")

        // An officer saves after the copy read the record: a case added.
        _ = try source.add(sampleComplaint(), today: fixedToday)
        guard case .refused(let message)? = storeError({ try source.prove(copy: target, today: fixedToday, snapshot: snapshot) }) else {
            return XCTFail("proved against a record that moved on")
        }
        XCTAssertTrue(message.contains("the record changed while it was copied"), message)
        XCTAssertTrue(message.contains("1 contacts"), message)
        XCTAssertFalse(message.contains("the copy differs"), message)

        // A copy that lost a row of what it read still says so, whatever changed since.
        try rawExecute(target.path, "DELETE FROM contact_log WHERE id = (SELECT max(id) FROM contact_log)")
        guard case .refused(let lost)? = storeError({ try source.prove(copy: target, today: fixedToday, snapshot: snapshot) }) else {
            return XCTFail("proved")
        }
        XCTAssertTrue(lost.contains("the copy differs: contact_log"), lost)
    }
}
