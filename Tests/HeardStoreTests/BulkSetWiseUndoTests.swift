import Foundation
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// The undo of a bulk officer or area change writes a chunk of cases at a time: against the
/// general way (each audit row reversed by itself) on a step that takes every branch: a case
/// changed twice in the step (its second row goes the general way, after the rows before it are
/// written), stored statuses out of date, an anonymised case, chunks of 500 and a part chunk.
final class BulkSetWiseUndoTests: XCTestCase {
    /// Two stores with the same cases, spoiled alike (`BulkQuickPathTests.spoil`), each given the
    /// same step: every case assigned, then every third case moved, in one transaction.
    private func twoStepsAlike(_ dir: TemporaryDirectory, today: LocalDate) throws -> (Store, Store, [Int64]) {
        let a = try makeStore(in: dir, name: "a.sqlite")
        let b = try makeStore(in: dir, name: "b.sqlite")
        let bytes = Array(BulkAtScaleTests.csv(count: BulkQuickPathTests.count).utf8)
        for s in [a, b] { _ = try s.importCSV(bytes, source: "undo.csv", dryRun: false, today: today) }
        let ids = try a.cases(CaseFilter(), today: today).map(\.id)
        XCTAssertEqual(ids, try b.cases(CaseFilter(), today: today).map(\.id))
        for s in [a, b] {
            try BulkQuickPathTests.spoil(s, ids)
            try s.write { tx in
                let assigned = try s.bulkOfficerOrArea(.assign(officer: "Kate Richardson"), ids: ids, today: today, tx) { _, _ in }
                XCTAssertGreaterThan(assigned.done, 500)
                let thirds = ids.enumerated().filter { $0.offset % 3 == 1 }.map(\.element)
                let moved = try s.bulkOfficerOrArea(.serviceArea("Adoption"), ids: thirds, today: today, tx) { _, _ in }
                XCTAssertGreaterThan(moved.done, 100)
            }
        }
        return (a, b, ids)
    }

    func testSetWiseUndoWritesWhatReversingEachRowWrites() throws {
        let dir = TemporaryDirectory()
        let today = day("2022-06-15")
        let (setWise, oneByOne, ids) = try twoStepsAlike(dir, today: today)
        XCTAssertEqual(try BulkAtScaleTests.snapshot(setWise), try BulkAtScaleTests.snapshot(oneByOne))
        // Out of date after the change too: the undo must compare with the status stored now.
        for s in [setWise, oneByOne] {
            try s.write { tx in
                for (n, id) in ids.enumerated() where n % 11 == 5 {
                    try tx.sql.execute("UPDATE contacts SET status = 'open', stage = NULL WHERE id = ?", [.int(id)])
                }
            }
        }
        let fromA = try BulkAtScaleTests.lastAuditID(setWise), fromB = try BulkAtScaleTests.lastAuditID(oneByOne)

        var calls: [Int] = []
        let a = try XCTUnwrap(setWise.undoLast(today: today, setWise: true) { _, _ in })
        let b = try XCTUnwrap(oneByOne.undoLast(today: today, setWise: false) { n, _ in calls.append(n) })
        XCTAssertEqual(a.steps, b.steps)
        XCTAssertEqual(a.summary, b.summary)
        XCTAssertEqual(a.contactIDs, b.contactIDs)
        XCTAssertEqual(a.undoneAuditIDs.count, b.undoneAuditIDs.count)
        XCTAssertEqual(try BulkAtScaleTests.snapshot(setWise), try BulkAtScaleTests.snapshot(oneByOne))
        XCTAssertEqual(try BulkAtScaleTests.auditAfter(fromA, setWise), try BulkAtScaleTests.auditAfter(fromB, oneByOne))
        XCTAssertEqual(try setWise.query { try $0.rows("SELECT id, version FROM contacts ORDER BY id") },
                       try oneByOne.query { try $0.rows("SELECT id, version FROM contacts ORDER BY id") })
        // Every officer and area is back as imported; nothing is left to undo of the step.
        XCTAssertEqual(try setWise.query { try $0.int("SELECT count(*) FROM contacts WHERE officer = 'Kate Richardson'") },
                       BulkQuickPathTests.count / 3)
        XCTAssertEqual(try setWise.undoableCount(), 0)
    }

    func testUndoOfABulkChangeIsRefusedWholeWhenACaseIsGone() throws {
        let dir = TemporaryDirectory()
        let today = day("2022-06-15")
        let store = try makeStore(in: dir)
        _ = try store.importCSV(Array(BulkAtScaleTests.csv(count: 1_100).utf8), source: "gone.csv", dryRun: false, today: today)
        let ids = try store.cases(CaseFilter(), today: today).map(\.id)
        let result = try store.bulk(.serviceArea("Adoption"), ids: ids, today: today) { _, _ in }
        XCTAssertGreaterThan(result.done, 900)
        let changed = try store.query { try $0.rows("SELECT id, service_area, version FROM contacts ORDER BY id") }
        // The case of the step's oldest row, the last the undo reaches (after two chunks are
        // written), deleted behind the session's back.
        let oldest = try store.query { try $0.int("SELECT entity_id FROM audit WHERE action = 'update' ORDER BY id LIMIT 1") }
        let victim = Int64(try XCTUnwrap(oldest))
        try store.write { tx in try tx.sql.execute("DELETE FROM contacts WHERE id = ?", [.int(victim)]) }
        let after = try BulkAtScaleTests.lastAuditID(store)
        XCTAssertThrowsError(try store.undoLast(today: today)) { error in
            XCTAssertTrue(Store.message(error, path: store.path).contains("no longer exists"), "\(error)")
        }
        // Nothing written: the cases before it in the step are as the bulk change left them.
        XCTAssertEqual(try store.query { try $0.rows("SELECT id, service_area, version FROM contacts ORDER BY id") },
                       changed.filter { $0[0].int64 != victim })
        XCTAssertEqual(try BulkAtScaleTests.lastAuditID(store), after)
    }

    /// Another session wrote since the step (a case of its own, no case of the step): the undo
    /// still goes set-wise, and writes what the general way writes. It went one row at a time
    /// whenever anyone else had written anything, two round trips a row on a team's server.
    func testAnotherSessionsUnrelatedChangeLeavesTheUndoSetWiseAndTheSame() throws {
        let dir = TemporaryDirectory()
        let today = day("2022-06-15")
        let (setWise, oneByOne, _) = try twoStepsAlike(dir, today: today)
        for name in ["a.sqlite", "b.sqlite"] {
            let other = try makeStore(in: dir, name: name, actor: "Kate Other")
            _ = try other.add(sampleComplaint(received: "2022-06-10", name: "Other Person"), today: today)
        }
        let fromA = try BulkAtScaleTests.lastAuditID(setWise), fromB = try BulkAtScaleTests.lastAuditID(oneByOne)
        let a = try XCTUnwrap(setWise.undoLast(today: today, setWise: true) { _, _ in })
        let b = try XCTUnwrap(oneByOne.undoLast(today: today, setWise: false) { _, _ in })
        XCTAssertEqual(a.steps, b.steps)
        XCTAssertEqual(a.contactIDs, b.contactIDs)
        XCTAssertEqual(try BulkAtScaleTests.snapshot(setWise), try BulkAtScaleTests.snapshot(oneByOne))
        XCTAssertEqual(try BulkAtScaleTests.auditAfter(fromA, setWise), try BulkAtScaleTests.auditAfter(fromB, oneByOne))
        XCTAssertEqual(try setWise.undoableCount(), 0)
    }

    /// Another session changed one case of the step, by its id or by its reference alone: the
    /// undo is refused whole, naming the case and who, the same both ways, before anything is
    /// written (a case early in the step's reverse order, and one at its very end).
    func testAnotherSessionsChangeToACaseOfTheStepRefusesTheUndoTheSameBothWays() throws {
        let today = day("2022-06-15")
        // The case of the step's newest row (the first the undo reaches) and of its oldest (the last).
        for (newest, byReference) in [(true, false), (false, true)] {
            let dir = TemporaryDirectory()
            let (setWise, oneByOne, _) = try twoStepsAlike(dir, today: today)
            var refusals: [String] = []
            for (store, way) in [(setWise, true), (oneByOne, false)] {
                let other = try makeStore(in: dir, name: store === setWise ? "a.sqlite" : "b.sqlite", actor: "Kate Other")
                let picked = try store.query {
                    try $0.int("SELECT entity_id FROM audit WHERE entity = 'contact' AND action = 'update' ORDER BY id \(newest ? "DESC" : "") LIMIT 1")
                }
                let id = Int64(try XCTUnwrap(picked))
                let c = try other.contact(id: id)
                if byReference {
                    // A row another tool wrote, naming the case by its reference in other letters.
                    try other.write { tx in
                        try tx.sql.execute("""
                            INSERT INTO audit (at, who, session, entity, entity_id, reference, action, changes)
                            VALUES ('2022-06-15T10:00:00Z', 'Kate Other', 'elsewhere', 'note', NULL, ?, 'create', '{}')
                            """, [.text(c.reference.lowercased())])
                    }
                } else {
                    var changed = c
                    changed.summary = "Changed by another officer"
                    _ = try other.update(changed, today: today)
                }
                let before = try BulkAtScaleTests.snapshot(store), rows = try BulkAtScaleTests.lastAuditID(store)
                guard case .refused(let why) = storeError({ try store.undoLast(today: today, setWise: way) { _, _ in } }) else {
                    return XCTFail("not refused (\(way ? "set-wise" : "one by one"))")
                }
                refusals.append(why)
                XCTAssertTrue(why.hasPrefix("\(c.reference) was changed by Kate Other since"), why)
                XCTAssertEqual(try BulkAtScaleTests.snapshot(store), before, "nothing undone")
                XCTAssertEqual(try BulkAtScaleTests.lastAuditID(store), rows, "nothing written")
            }
            XCTAssertEqual(refusals.first, refusals.last)
        }
    }
}
