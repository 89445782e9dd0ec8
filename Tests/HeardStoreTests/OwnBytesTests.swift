import Foundation
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// Texts Swift holds equal in different bytes ("Café" with é as one character, or as e and an
/// accent) stay each in its own bytes wherever a case is read to be shown or changed: a case is
/// written back whole, so a text given another's form would be changed without anyone changing it.
final class OwnBytesTests: XCTestCase {
    private let composed = "Caf\u{E9}", decomposed = "Cafe\u{301}"
    private let composedHex = "436166C3A9", decomposedHex = "43616665CC81"

    /// Two complaints answered at stage 1; the first's team and officer hold the same word in the two forms, and the
    /// second's team is in the first's officer's form.
    private func twoCases(_ dir: TemporaryDirectory, today: LocalDate) throws -> (Store, [Int64]) {
        let store = try makeStore(in: dir)
        var ids: [Int64] = []
        for i in 0..<2 {
            let id = try store.add(sampleComplaint(received: "2022-02-0\(i + 1)"), today: today).id!
            try store.record(.responded(day("2022-03-01"), stage: 1, outcome: .notUpheld), on: id, version: try store.contact(id: id).version, today: today)
            ids.append(id)
        }
        try rawExecute(store.path, """
            UPDATE contacts SET team = 'Cafe' || X'CC81', officer = 'Caf' || X'C3A9' WHERE id = \(ids[0]);
            UPDATE contacts SET team = 'Caf' || X'C3A9' WHERE id = \(ids[1]);
            """)
        return (store, ids)
    }

    private func stored(_ store: Store, _ column: String, _ id: Int64) throws -> String? {
        try rawTexts(store.path, "SELECT hex(\(column)) FROM contacts WHERE id = \(id)").first ?? nil
    }

    func testACaseReadKeepsEachTextsBytes() throws {
        try skipOnPostgres("writes bytes of its own choosing straight into the SQLite file")
        let dir = TemporaryDirectory()
        let today = day("2022-03-15")
        let (store, ids) = try twoCases(dir, today: today)
        XCTAssertEqual(composed, decomposed, "Swift holds them equal")
        let c = try store.contact(id: ids[0])
        XCTAssertEqual(Array(c.team.utf8), Array(decomposed.utf8))
        XCTAssertEqual(Array(c.officer.utf8), Array(composed.utf8))
        let both = try store.allContacts()
        XCTAssertEqual(both.map { Array($0.team.utf8) }, [Array(decomposed.utf8), Array(composed.utf8)])
        let listed = try store.cases(today: today).sorted { $0.id < $1.id }
        XCTAssertEqual(listed.map { Array($0.team.utf8) }, [Array(decomposed.utf8), Array(composed.utf8)], "the list shows each as stored")
        XCTAssertEqual(Array(listed[0].officer.utf8), Array(composed.utf8))
    }

    func testAnEditLeavesTheTextsItDidNotTouchAsStored() throws {
        try skipOnPostgres("writes bytes of its own choosing straight into the SQLite file")
        let dir = TemporaryDirectory()
        let today = day("2022-03-15")
        let (store, ids) = try twoCases(dir, today: today)
        var c = try store.contact(id: ids[0])
        c.summary = "Edited summary"
        _ = try store.update(c, today: today)
        XCTAssertEqual(try rawTexts(store.path, "SELECT summary FROM contacts WHERE id = \(ids[0])"), ["Edited summary"])
        XCTAssertEqual(try stored(store, "team", ids[0]), decomposedHex)
        XCTAssertEqual(try stored(store, "officer", ids[0]), composedHex)
    }

    func testABulkChangeWrittenCaseByCaseLeavesOtherTextsAsStored() throws {
        try skipOnPostgres("writes bytes of its own choosing straight into the SQLite file")
        let dir = TemporaryDirectory()
        let today = day("2022-03-15")
        let (store, ids) = try twoCases(dir, today: today)
        let result = try store.bulk(.close, ids: ids, today: today) { _, _ in }
        XCTAssertEqual(result.done, 2, "\(result.refused.map(\.line))")
        XCTAssertEqual(try rawTexts(store.path, "SELECT status FROM contacts ORDER BY id"), ["closed", "closed"])
        XCTAssertEqual(try stored(store, "team", ids[0]), decomposedHex)
        XCTAssertEqual(try stored(store, "officer", ids[0]), composedHex)
        XCTAssertEqual(try stored(store, "team", ids[1]), composedHex)
        // And its undo puts back what was there, in the same bytes.
        _ = try store.undoLast(today: today)
        XCTAssertEqual(try rawTexts(store.path, "SELECT status FROM contacts ORDER BY id"), ["responded", "responded"])
        XCTAssertEqual(try stored(store, "team", ids[0]), decomposedHex)
        XCTAssertEqual(try stored(store, "team", ids[1]), composedHex)
    }
}
