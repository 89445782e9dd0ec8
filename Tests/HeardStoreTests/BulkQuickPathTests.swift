import Foundation
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// The officer or service-area change of a bulk step on SQLite runs without a savepoint per case,
/// with each case's stored status read with its chunk: against the reference path (each case
/// changed by `update` in turn) on cases that take every branch of it: a stored status out of
/// date, an anonymised case (the general way, which refuses it), a case the rules refuse.
final class BulkQuickPathTests: XCTestCase {
    static let count = 1_200

    /// The same awkward cases made in `store`: every 7th case's status columns out of date, the
    /// 10th anonymised by hand, the 20th received in the future (its validation refuses it).
    static func spoil(_ store: Store, _ ids: [Int64]) throws {
        try store.write { tx in
            for (n, id) in ids.enumerated() where n % 7 == 3 {
                try tx.sql.execute("UPDATE contacts SET status = 'open', stage = NULL, closed_on = NULL, last_response = NULL WHERE id = ?", [.int(id)])
            }
            try tx.sql.execute("UPDATE contacts SET anonymised = 1 WHERE id = ?", [.int(ids[10])])
            try tx.sql.execute("UPDATE contacts SET received = '2030-01-01' WHERE id = ?", [.int(ids[20])])
        }
    }

    func testQuickPathWritesWhatTheReferencePathWritesAndRefusesAlike() throws {
        let dir = TemporaryDirectory()
        let today = day("2022-06-15")
        let fast = try makeStore(in: dir, name: "a.sqlite")
        let reference = try makeStore(in: dir, name: "b.sqlite")
        let bytes = Array(BulkAtScaleTests.csv(count: Self.count).utf8)
        for s in [fast, reference] { _ = try s.importCSV(bytes, source: "quick.csv", dryRun: false, today: today) }
        let ids = try fast.cases(CaseFilter(), today: today).map(\.id)
        XCTAssertEqual(ids, try reference.cases(CaseFilter(), today: today).map(\.id))
        for s in [fast, reference] { try Self.spoil(s, ids) }
        let fromA = try BulkAtScaleTests.lastAuditID(fast), fromB = try BulkAtScaleTests.lastAuditID(reference)

        let result = try fast.bulk(.serviceArea("Adoption"), ids: ids, today: today) { _, _ in }

        var done = 0, unchanged = 0
        var refused: [(Int64, String)] = []
        try reference.write { tx in
            for id in ids {
                do {
                    try tx.command {
                        let c = try reference.contact(id: id, in: tx)
                        var edited = c
                        edited.serviceArea = "Adoption"
                        if c.serviceArea == edited.serviceArea { unchanged += 1; return }
                        _ = try reference.update(edited, today: today, in: tx)
                        done += 1
                    }
                } catch { refused.append((id, Store.message(error, path: reference.path))) }
            }
        }
        XCTAssertEqual(result.done, done)
        XCTAssertEqual(result.unchanged, unchanged)
        XCTAssertEqual(result.refused.map(\.contactID), refused.map(\.0))
        XCTAssertEqual(result.refused.map(\.message), refused.map(\.1))
        XCTAssertEqual(result.refused.map(\.contactID), [ids[10], ids[20]])
        XCTAssertEqual(try BulkAtScaleTests.snapshot(fast), try BulkAtScaleTests.snapshot(reference))
        XCTAssertEqual(try BulkAtScaleTests.auditAfter(fromA, fast), try BulkAtScaleTests.auditAfter(fromB, reference))
        XCTAssertEqual(try fast.query { try $0.rows("SELECT version FROM contacts ORDER BY id") },
                       try reference.query { try $0.rows("SELECT version FROM contacts ORDER BY id") })
    }

    /// The fast way reads a case as its validation and clock read it, not whole: every field the
    /// rules read beyond the officer must still be read. Cases spoiled in each of them (an issue's
    /// category no longer configured, a complainant's email, a standing decision missing, history
    /// before receipt) are refused with the reference path's words, the rest changed alike.
    func testQuickPathRefusesForEveryFieldTheRulesReadAsTheReferencePathDoes() throws {
        let dir = TemporaryDirectory()
        let today = day("2022-06-15")
        let fast = try makeStore(in: dir, name: "a.sqlite")
        let reference = try makeStore(in: dir, name: "b.sqlite")
        let bytes = Array(BulkAtScaleTests.csv(count: Self.count).utf8)
        for s in [fast, reference] { _ = try s.importCSV(bytes, source: "rules.csv", dryRun: false, today: today) }
        let ids = try fast.cases(CaseFilter(), today: today).map(\.id)
        XCTAssertEqual(ids, try reference.cases(CaseFilter(), today: today).map(\.id))
        // Complaints with an issue and events, in list order, past the first chunk for some.
        let withBoth = Set(try fast.query { try $0.rows("SELECT contact_id FROM issues INTERSECT SELECT contact_id FROM events") }.compactMap { $0[0].int64 })
        let picks = ids.filter { withBoth.contains($0) }
        let spoiled = [picks[3], picks[8], picks[40], picks[700], picks[701]]
        for s in [fast, reference] {
            try s.write { tx in
                try tx.sql.execute("UPDATE issues SET category = 'Nonesuch' WHERE contact_id = ?", [.int(spoiled[0])])
                try tx.sql.execute("UPDATE contacts SET complainant_email = 'not an address' WHERE id = ?", [.int(spoiled[1])])
                try tx.sql.execute("UPDATE contacts SET complainant_role = 'sufficient_interest', acceptance_decision = '' WHERE id = ?", [.int(spoiled[2])])
                try tx.sql.execute("UPDATE events SET date = '2000-01-03' WHERE contact_id = ?", [.int(spoiled[3])])
                // The decision recorded: changed like any other (the decision is read, not taken as empty).
                try tx.sql.execute("UPDATE contacts SET complainant_role = 'sufficient_interest', acceptance_decision = 'Accepted: grandparent' WHERE id = ?",
                                   [.int(picks[41])])
                // Two problems: the first the rules list is the one given.
                try tx.sql.execute("UPDATE contacts SET complainant_email = 'x y', complainant_role = 'sufficient_interest', acceptance_decision = '  ' WHERE id = ?",
                                   [.int(spoiled[4])])
            }
        }
        let fromA = try BulkAtScaleTests.lastAuditID(fast), fromB = try BulkAtScaleTests.lastAuditID(reference)

        let result = try fast.bulk(.assign(officer: "Officer New"), ids: ids, today: today) { _, _ in }

        var refused: [(Int64, String)] = []
        try reference.write { tx in
            for id in ids {
                do {
                    try tx.command {
                        var edited = try reference.contact(id: id, in: tx)
                        if edited.officer == "Officer New" { return }
                        edited.officer = "Officer New"
                        _ = try reference.update(edited, today: today, in: tx)
                    }
                } catch { refused.append((id, Store.message(error, path: reference.path))) }
            }
        }
        XCTAssertEqual(result.refused.map(\.contactID), spoiled)
        XCTAssertEqual(result.refused.map(\.contactID), refused.map(\.0))
        XCTAssertEqual(result.refused.map(\.message), refused.map(\.1))
        XCTAssertEqual(result.done, ids.count - spoiled.count)
        XCTAssertEqual(try BulkAtScaleTests.snapshot(fast), try BulkAtScaleTests.snapshot(reference))
        XCTAssertEqual(try BulkAtScaleTests.auditAfter(fromA, fast), try BulkAtScaleTests.auditAfter(fromB, reference))
    }

    func testUndoOfTheQuickPathPutsBackStatusesOutOfDate() throws {
        let dir = TemporaryDirectory()
        let today = day("2022-06-15")
        let store = try makeStore(in: dir)
        _ = try store.importCSV(Array(BulkAtScaleTests.csv(count: Self.count).utf8), source: "quick.csv", dryRun: false, today: today)
        let ids = try store.cases(CaseFilter(), today: today).map(\.id)
        let statusSQL = "SELECT id, service_area, status, stage, closed_on, last_response FROM contacts ORDER BY id"
        let before = try store.query { try $0.rows(statusSQL) }
        let result = try store.bulk(.assign(officer: "Kate Richardson"), ids: ids, today: today) { _, _ in }
        XCTAssertGreaterThan(result.done, 0)
        // Out of date after the change: the undo's status read ahead must see it and put it right.
        let spoiled = Set(ids.enumerated().filter { $0.offset % 5 == 1 }.map(\.element))
        try store.write { tx in
            for id in spoiled {
                try tx.sql.execute("UPDATE contacts SET status = 'open', stage = NULL, closed_on = NULL, last_response = NULL WHERE id = ?", [.int(id)])
            }
        }
        let undone = try XCTUnwrap(store.undoLast(today: today))
        XCTAssertEqual(undone.undoneAuditIDs.count, result.done)
        // Every case the undo touched is as it was, status included; the others keep what they had.
        let touched = Set(undone.contactIDs)
        XCTAssertFalse(touched.isDisjoint(with: spoiled))
        let after = try store.query { try $0.rows(statusSQL) }
        XCTAssertEqual(after.count, before.count)
        for (x, y) in zip(after, before) {
            guard let id = x[0].int64 else { return XCTFail("a contact without an id") }
            if touched.contains(id) || !spoiled.contains(id) {
                XCTAssertEqual(x, y, "#\(id)")
            } else {
                XCTAssertEqual(x[2], .text("open"), "#\(id)")
            }
        }
    }
}
