import Foundation
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// A bulk officer change writes 500 cases to a statement; when the database refuses one row of
/// them (a trigger or constraint another tool added), that case alone is refused, with its
/// reference and the database's reason, and the rest are changed and audited in order, as when
/// each case was its own statement. It cancelled the whole change (found by an attack).
final class BulkRefusedRowTests: XCTestCase {
    func testOneRowTheDatabaseRefusesIsListedAndTheRestAreChanged() throws {
        let dir = TemporaryDirectory()
        let today = day("2022-06-15")
        let store = try makeStore(in: dir)
        _ = try store.importCSV(Array(BulkAtScaleTests.csv(count: 1_200).utf8), source: "refused.csv", dryRun: false, today: today)
        let ids = try store.cases(CaseFilter(), today: today).map(\.id)
        XCTAssertEqual(ids.count, 1_200)
        let victim = ids[777]
        let reference = try XCTUnwrap(store.contact(id: victim).reference)
        try store.write { tx in
            if tx.sql.dialect == .sqlite {
                try tx.sql.execute("""
                    CREATE TRIGGER refuse_one BEFORE UPDATE OF officer ON contacts
                    WHEN NEW.id = \(victim) AND NEW.officer = 'Forbidden Name' BEGIN SELECT RAISE(ABORT, 'refused by the council''s own rule'); END
                    """)
            } else {
                try tx.sql.execute("""
                    CREATE FUNCTION refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
                    IF NEW.id = \(victim) AND NEW.officer = 'Forbidden Name' THEN RAISE EXCEPTION 'refused by the council''s own rule'; END IF;
                    RETURN NEW; END $$
                    """)
                try tx.sql.execute("CREATE TRIGGER refuse_one BEFORE UPDATE ON contacts FOR EACH ROW EXECUTE FUNCTION refuse_one()")
            }
        }
        let auditBefore = try store.query { try $0.int("SELECT coalesce(max(id), 0) FROM audit") } ?? 0
        let result = try store.bulk(.assign(officer: "Forbidden Name"), ids: ids, today: today) { _, _ in }
        XCTAssertEqual(result.done, 1_199)
        XCTAssertEqual(result.refused.map(\.reference), [reference])
        XCTAssertTrue(result.refused.first?.message.contains("refused by the council's own rule") == true, result.refused.first?.message ?? "")
        let officers = try store.query { try $0.rows("SELECT id, officer FROM contacts ORDER BY id") }
        for row in officers {
            guard case .integer(let id) = row[0], case .text(let officer) = row[1] else { return XCTFail("\(row)") }
            XCTAssertEqual(officer == "Forbidden Name", id != victim, "case #\(id)")
        }
        // One audit row per changed case, in the order given (the refused one's place skipped).
        let audited = try store.query { try $0.rows("SELECT entity_id FROM audit WHERE id > ? ORDER BY id", [.int(Int64(auditBefore))]) }
            .compactMap { r -> Int64? in if case .integer(let v) = r[0] { return v }; return nil }
        XCTAssertEqual(audited, ids.filter { $0 != victim })
    }

    /// A chunk is read before the chunk before it is written (a server writes one while the next
    /// is checked): when another tool's trigger, fired by that write, changes a case of the chunk
    /// read, the chunk's write finds the case at another version and the chunk goes case by case,
    /// each read afresh. The audit had recorded the officer from before the trigger's change as
    /// the case's "before", and the undo would have put it back (found by an attack).
    func testACaseAnotherToolsTriggerChangedAfterItWasReadIsAuditedAsItWasChanged() throws {
        let dir = TemporaryDirectory()
        let today = day("2022-06-15")
        let store = try makeStore(in: dir)
        _ = try store.importCSV(Array(BulkAtScaleTests.csv(count: 1_200).utf8), source: "side.csv", dryRun: false, today: today)
        let ids = try store.cases(CaseFilter(), today: today).map(\.id)
        // The last case of the first chunk, when written, changes the first case of the second.
        let trigger = ids[BulkReadAhead.chunk - 1], side = ids[BulkReadAhead.chunk]
        try store.write { tx in
            if tx.sql.dialect == .sqlite {
                try tx.sql.execute("""
                    CREATE TRIGGER side_effect AFTER UPDATE OF officer ON contacts WHEN NEW.id = \(trigger) AND NEW.officer = 'Bulk Officer'
                    BEGIN UPDATE contacts SET officer = 'Side Officer' WHERE id = \(side); END
                    """)
            } else {
                try tx.sql.execute("""
                    CREATE FUNCTION side_effect() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
                    IF NEW.id = \(trigger) AND NEW.officer = 'Bulk Officer' THEN
                        UPDATE contacts SET officer = 'Side Officer' WHERE id = \(side);
                    END IF;
                    RETURN NULL; END $$
                    """)
                try tx.sql.execute("CREATE TRIGGER side_effect AFTER UPDATE ON contacts FOR EACH ROW EXECUTE FUNCTION side_effect()")
            }
        }
        let result = try store.bulk(.assign(officer: "Bulk Officer"), ids: ids, today: today) { _, _ in }
        XCTAssertEqual(result.done, 1_200)
        XCTAssertEqual(result.refused.map(\.reference), [])
        let change = try XCTUnwrap(try store.auditTrail(entity: .contact, id: side).last?.changes.first { $0.field == "officer" })
        XCTAssertEqual(change.before, "Side Officer", "the officer the case had when it was changed")
        XCTAssertEqual(change.after, "Bulk Officer")
        XCTAssertEqual(try store.contact(id: side).officer, "Bulk Officer")

        // The undo, likewise: a case changed behind it after it was read is not overwritten (the
        // undo goes whole, and says so). The trigger moves no version: the officer is compared too.
        // The undo goes from the last case back: the last of its first chunk changes the first of its second.
        let undoTrigger = ids[ids.count - BulkReadAhead.chunk], undoSide = ids[ids.count - BulkReadAhead.chunk - 1]
        try store.write { tx in
            if tx.sql.dialect == .sqlite {
                try tx.sql.execute("DROP TRIGGER side_effect")
                try tx.sql.execute("""
                    CREATE TRIGGER side_effect AFTER UPDATE OF officer ON contacts WHEN NEW.id = \(undoTrigger) AND NEW.officer != 'Bulk Officer'
                    BEGIN UPDATE contacts SET officer = 'Undo Side' WHERE id = \(undoSide); END
                    """)
            } else {
                try tx.sql.execute("""
                    CREATE OR REPLACE FUNCTION side_effect() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
                    IF NEW.id = \(undoTrigger) AND NEW.officer != 'Bulk Officer' THEN UPDATE contacts SET officer = 'Undo Side' WHERE id = \(undoSide); END IF;
                    RETURN NULL; END $$
                    """)
            }
        }
        let before = try store.query { try $0.texts("SELECT officer FROM contacts ORDER BY id") }
        XCTAssertThrowsError(try store.undoLast(today: today))
        let after = try store.query { try $0.texts("SELECT officer FROM contacts ORDER BY id") }
        XCTAssertTrue(after == before, "nothing undone")
    }
}
