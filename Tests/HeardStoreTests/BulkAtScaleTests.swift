import Foundation
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// A bulk change over a few thousand cases, read a chunk at a time, against the reference path
/// (each case changed by `update`, one by one, in one transaction): the same rows, the same audit;
/// and its undo puts every table back as it was.
final class BulkAtScaleTests: XCTestCase {
    /// Cases beyond two read-ahead chunks, with stages, officers and areas varied.
    static let count = 2_300

    /// A deterministic import file of `count` contacts (a third already with the bulk's officer).
    static func csv(count: Int) -> String {
        let areas = ReferenceData.defaultServiceAreas
        var out = "reference,kind,received,channel,service_area,team,procedure,complainant_name,complainant_role,child_or_young_person,advocate,categories,summary,officer,acknowledged,stage1_response,stage1_outcome\n"
        let start = LocalDate(iso: "2021-01-04") ?? LocalDate(dayNumber: 0)
        for i in 0..<count {
            let received = start.adding(days: i % 400)
            let complaint = i % 3 != 2
            let officer = i % 3 == 0 ? "Kate Richardson" : "Officer \(i % 7)"
            let answered = complaint && i % 2 == 0
            let row = ["", complaint ? "complaint" : "enquiry", received.iso, "email", areas[i % areas.count], "Team \(i % 4)",
                       complaint ? "statutory" : "", "Person \(i)", complaint ? "parent" : "", i % 5 == 0 ? "yes" : "no", "",
                       complaint ? ReferenceData.defaultCategories[i % ReferenceData.defaultCategories.count] : "", "Summary \(i)", officer,
                       complaint ? received.adding(days: 2).iso : "", answered ? received.adding(days: 10).iso : "", answered ? "upheld" : ""]
            out += row.map(CSVField.escape).joined(separator: ",") + "\n"
        }
        return out
    }

    /// Every row of the tables a bulk change and its undo touch, the versions left out (each
    /// change bumps them), in key order.
    static func snapshot(_ store: Store) throws -> [String: [[SQLValue]]] {
        try store.query { conn in
            let names: [String]
            if conn.dialect == .sqlite {
                names = try conn.rows("PRAGMA table_info(contacts)").compactMap { $0[1].text }
            } else {
                names = try conn.texts("SELECT column_name FROM information_schema.columns WHERE table_name = 'contacts' AND table_schema = current_schema() ORDER BY ordinal_position")
            }
            let columns = names.filter { $0 != "version" }.joined(separator: ", ")
            var out: [String: [[SQLValue]]] = [:]
            out["contacts"] = try conn.rows("SELECT \(columns) FROM contacts ORDER BY id")
            out["issues"] = try conn.rows("SELECT * FROM issues ORDER BY id")
            out["events"] = try conn.rows("SELECT * FROM events ORDER BY id")
            if conn.dialect == .sqlite {
                out["fts"] = try conn.rows("SELECT rowid, reference, complainant_name, subject_child, summary FROM contacts_fts ORDER BY rowid")
            }
            return out
        }
    }

    /// The audit rows after `id`, without what differs from run to run (time, session, group).
    static func auditAfter(_ id: Int64, _ store: Store) throws -> [[SQLValue]] {
        try store.query { try $0.rows("SELECT who, entity, entity_id, reference, action, changes, parent_id FROM audit WHERE id > ? ORDER BY id", [.int(id)]) }
    }

    /// Progress as a bulk change and its undo report it: from 0, never backwards, at least once
    /// a read-ahead chunk, ending with the total.
    static func assertProgress(_ calls: [Int], total: Int, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(calls.first, 0, file: file, line: line)
        XCTAssertEqual(calls.last, total, file: file, line: line)
        XCTAssertEqual(calls, calls.sorted(), file: file, line: line)
        XCTAssertGreaterThanOrEqual(calls.count, total / BulkReadAhead.chunk + 1, file: file, line: line)
        XCTAssertTrue(zip(calls, calls.dropFirst()).allSatisfy { $1 - $0 <= BulkReadAhead.chunk }, file: file, line: line)
    }

    static func lastAuditID(_ store: Store) throws -> Int64 {
        Int64(try store.query { try $0.int("SELECT coalesce(max(id), 0) FROM audit") } ?? 0)
    }

    /// Two stores holding the same imported cases, every id in list order.
    private func twoStores(_ dir: TemporaryDirectory, today: LocalDate) throws -> (Store, Store, [Int64]) {
        let a = try makeStore(in: dir, name: "a.sqlite")
        let b = try makeStore(in: dir, name: "b.sqlite")
        let bytes = Array(Self.csv(count: Self.count).utf8)
        for s in [a, b] { _ = try s.importCSV(bytes, source: "scale.csv", dryRun: false, today: today) }
        let ids = try a.cases(CaseFilter(), today: today).map(\.id)
        XCTAssertEqual(ids, try b.cases(CaseFilter(), today: today).map(\.id))
        return (a, b, ids)
    }

    func testBulkAssignWritesWhatChangingEachCaseInTurnWrites() throws {
        let dir = TemporaryDirectory()
        let today = day("2022-06-15")
        let (fast, reference, ids) = try twoStores(dir, today: today)
        XCTAssertEqual(ids.count, Self.count)
        // An id named twice and one not on file, as a caller could pass them.
        let asked = ids + [ids[5], 999_999]
        let fromA = try Self.lastAuditID(fast), fromB = try Self.lastAuditID(reference)

        var calls: [Int] = []
        let result = try fast.bulk(.assign(officer: "Kate Richardson"), ids: asked, today: today) { n, total in
            XCTAssertEqual(total, asked.count); calls.append(n)
        }
        Self.assertProgress(calls, total: asked.count)

        // The reference: each case read and changed by `update`, one after another, one transaction.
        var done = 0, unchanged = 0
        var refused: [Int64] = []
        try reference.write { tx in
            for id in asked {
                do {
                    let c = try reference.contact(id: id, in: tx)
                    var edited = c
                    edited.officer = "Kate Richardson"
                    if c.officer == edited.officer { unchanged += 1; continue }
                    _ = try reference.update(edited, today: today, in: tx)
                    done += 1
                } catch { refused.append(id) }
            }
        }
        XCTAssertEqual(result.done, done)
        XCTAssertEqual(result.unchanged, unchanged)
        XCTAssertEqual(result.refused.map(\.contactID), refused)
        XCTAssertEqual(result.refused.map(\.reference), ["#999999"])
        XCTAssertGreaterThan(result.done, Self.count / 2)
        XCTAssertEqual(try Self.snapshot(fast), try Self.snapshot(reference))
        XCTAssertEqual(try Self.auditAfter(fromA, fast), try Self.auditAfter(fromB, reference))
        XCTAssertEqual(try fast.query { try $0.rows("SELECT version FROM contacts ORDER BY id") },
                       try reference.query { try $0.rows("SELECT version FROM contacts ORDER BY id") })
    }

    /// Cases are read a chunk ahead of the work: an id named again at the start of the next chunk,
    /// or two chunks on, after its case was changed earlier in the step, is found as the step left
    /// it (counted unchanged, no second audit row), and the undo puts every case back.
    func testACaseNamedAgainInALaterChunkIsSeenAsTheStepLeftIt() throws {
        let dir = TemporaryDirectory()
        let today = day("2022-06-15")
        let (fast, reference, ids) = try twoStores(dir, today: today)
        let chunk = BulkReadAhead.chunk
        var asked = ids
        asked.insert(ids[chunk + 100], at: 2 * chunk + 5)
        asked.insert(ids[1], at: chunk + 1)
        asked.insert(ids[chunk - 1], at: chunk)
        let fromA = try Self.lastAuditID(fast), fromB = try Self.lastAuditID(reference)
        let before = try Self.snapshot(fast)
        let result = try fast.bulk(.assign(officer: "Officer New"), ids: asked, today: today) { _, _ in }
        var done = 0, unchanged = 0
        try reference.write { tx in
            for id in asked {
                var edited = try reference.contact(id: id, in: tx)
                if edited.officer == "Officer New" { unchanged += 1; continue }
                edited.officer = "Officer New"
                _ = try reference.update(edited, today: today, in: tx)
                done += 1
            }
        }
        XCTAssertEqual(result.refused.map(\.contactID), [])
        XCTAssertEqual(result.done, ids.count)
        XCTAssertEqual(result.done, done)
        XCTAssertEqual(result.unchanged, unchanged)
        XCTAssertEqual(result.unchanged, 3)
        XCTAssertEqual(try Self.snapshot(fast), try Self.snapshot(reference))
        XCTAssertEqual(try Self.auditAfter(fromA, fast), try Self.auditAfter(fromB, reference))

        // And the undo, its chunks read ahead alike, puts every case back as it was.
        let undone = try XCTUnwrap(fast.undoLast(today: today))
        XCTAssertEqual(undone.undoneAuditIDs.count, ids.count)
        XCTAssertEqual(try Self.snapshot(fast), before)
    }

    func testUndoOfABulkChangePutsEveryTableBackAsItWas() throws {
        let dir = TemporaryDirectory()
        let today = day("2022-06-15")
        let store = try makeStore(in: dir)
        _ = try store.importCSV(Array(Self.csv(count: Self.count).utf8), source: "scale.csv", dryRun: false, today: today)
        let ids = try store.cases(CaseFilter(), today: today).map(\.id)
        let before = try Self.snapshot(store)
        let versions = try store.query { try $0.rows("SELECT id, version FROM contacts ORDER BY id") }

        for change in [BulkChange.assign(officer: "Kate Richardson"), .serviceArea("Adoption")] {
            let result = try store.bulk(change, ids: ids, today: today) { _, _ in }
            XCTAssertGreaterThan(result.done, 0)
            XCTAssertNotEqual(try Self.snapshot(store), before)
            var calls: [Int] = []
            let undone = try XCTUnwrap(store.undoLast(today: today) { n, total in
                XCTAssertEqual(total, result.done); calls.append(n)
            })
            Self.assertProgress(calls, total: result.done)
            XCTAssertEqual(undone.undoneAuditIDs.count, result.done)
            XCTAssertEqual(undone.contactIDs.count, result.done)
            XCTAssertEqual(try Self.snapshot(store), before)
        }
        // Each changed case's version went up by two per change and undo; the rest stayed.
        let after = try store.query { try $0.rows("SELECT id, version FROM contacts ORDER BY id") }
        XCTAssertEqual(after.count, versions.count)
        for (x, y) in zip(after, versions) {
            XCTAssertEqual(x[0], y[0])
            let bump = (x[0 + 1].int ?? 0) - (y[1].int ?? 0)
            XCTAssertTrue([0, 2, 4].contains(bump), "version of #\(x[0]) went up by \(bump)")
        }
        XCTAssertEqual(try store.check(today: today), [])
    }

    func testUndoReadsACaseAgainWhenAnEarlierRowOfTheStepChangedIt() throws {
        // Two edits of one case in one step: the second row's undo must see the first's.
        let dir = TemporaryDirectory()
        let today = day("2022-06-15")
        let store = try makeStore(in: dir)
        _ = try store.importCSV(Array(Self.csv(count: 30).utf8), source: "scale.csv", dryRun: false, today: today)
        let before = try Self.snapshot(store)
        let id = try XCTUnwrap(store.cases(CaseFilter(), today: today).first?.id)
        try store.write { tx in
            var c = try store.contact(id: id, in: tx)
            c.officer = "First Change"
            _ = try store.update(c, today: today, in: tx)
            var d = try store.contact(id: id, in: tx)
            d.serviceArea = "Adoption"
            _ = try store.update(d, today: today, in: tx)
        }
        _ = try XCTUnwrap(store.undoLast(today: today))
        XCTAssertEqual(try Self.snapshot(store), before)
    }
}
