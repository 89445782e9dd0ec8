@testable import HeardApp
import HeardCore
import TerminalUI
import XCTest

/// The list keeps a field with accents or other scripts twice (folded in the row's haystack, as
/// shown after it) and an ASCII field once: whichever fields of a row are which, the row comes
/// back as it went in, `/` answers as `CaseSearch`, references are found and sized as shown, and
/// compaction keeps it all.
final class CaseRowsFoldedFieldsTests: XCTestCase {
    static let plain = ["CS-2026-0001", "Alex SMITH", "", "Late reply", "X"]
    static let other = ["ZOË-1", "Zoë Hughes", "李小龍 1990-01-01", "Émile's e\u{301}xtra ß İ", "\u{1}é"]

    /// A row for each of the 16 ways four fields can be ASCII or not.
    func everyMix() -> [CaseSummary] {
        (0..<16).map { mask in
            func field(_ f: Int) -> String {
                let pool = mask & (1 << f) != 0 ? Self.other : Self.plain
                return pool[(mask + f) % pool.count] + (f == 0 ? "-\(mask)" : "")
            }
            return CaseSummary(id: Int64(mask + 1), reference: field(0), kind: .complaint, received: LocalDate(dayNumber: 20000 + mask),
                               serviceArea: "Area", team: "T", complainantName: field(1), isChildOrYoungPerson: mask % 2 == 0,
                               officer: "O", summary: field(3), stage: 1, status: .open, due: nil, overdue: false, paused: false,
                               extended: false, daysLeft: nil, version: 1, subjectChild: field(2))
        }
    }

    func testEveryMixOfFoldedFieldsComesBackAsItWentIn() {
        let originals = everyMix()
        let rows = CaseRows(originals.map(CaseRow.init))
        for (i, s) in originals.enumerated() {
            XCTAssertEqual(rows.summary(i), s, "mask \(i)")
            XCTAssertEqual(rows.reference(i), s.reference)
            XCTAssertEqual(rows.index(ofReference: s.reference), i, s.reference)
            if s.reference.utf8.allSatisfy({ $0 < 128 }) { XCTAssertEqual(rows.index(ofReference: s.reference.lowercased()), i) }
        }
        XCTAssertEqual(rows.widestReference, originals.map { $0.reference.utf8.count }.max())
        XCTAssertEqual(rows.widest(), rows.widestReference)
    }

    func testSearchOverMixedRowsAnswersAsCaseSearch() {
        let originals = everyMix()
        let rows = CaseRows(originals.map(CaseRow.init))
        let every = Array(rows.indices)
        var found = 0
        for q in ["zoe", "ZOË", "zoë-1", "alex", "smith", "李", "1990", "emile", "extra", "ß", "i", "é", "late reply", "cs-2026", "-3", "x", "\u{1}"] {
            let search = CaseSearch(q)
            let want = every.filter { search.matches(originals[$0]) }
            XCTAssertEqual(rows.matching(every, search), want, q)
            XCTAssertEqual(every.filter { rows.matches($0, search) }, want, q)
            found += want.count
        }
        XCTAssertGreaterThan(found, 40)
    }

    func testReplacingFoldedFieldsWithPlainOnesAndBackSurvivesCompaction() {
        let originals = everyMix()
        var rows = CaseRows(originals.map(CaseRow.init))
        for round in 0..<30 {
            for i in rows.indices {
                var s = originals[(i + round) % originals.count]
                s.id = originals[i].id
                rows.replace(i, with: s)
            }
        }
        for i in rows.indices {
            var want = originals[(i + 29) % originals.count]
            want.id = originals[i].id
            XCTAssertEqual(rows.summary(i), want)
            XCTAssertTrue(rows.matches(i, CaseSearch(CaseSearch.fold(want.complainantName))) || want.complainantName.isEmpty)
        }
        XCTAssertEqual(rows.widestReference, rows.widest())
        // Rows removed take their byte masks with them: `/` still answers as `CaseSearch`.
        rows.remove(ids: [2, 3, 9])
        let left = rows.indices.map { rows.summary($0) }
        XCTAssertEqual(left.count, 13)
        for q in ["zoe", "a", "z", "1", "li", "ß", "-1", "e"] {
            let search = CaseSearch(q)
            XCTAssertEqual(rows.matching(Array(rows.indices), search), rows.indices.filter { search.matches(left[$0]) }, q)
        }
    }

    func testSortingByNameOverMixedRowsIsAsStringsOrderThem() {
        // Rows with any folded field compare names as Strings, ASCII rows byte by byte: one order.
        var s = makeState(rows: everyMix().map(CaseRow.init))
        s.list.sortColumn = .complainant
        for ascending in [true, false] {
            s.list.sortAscending = ascending
            s.list.refilter()
            let got = s.list.visibleSummaries
            let want = got.sorted { a, b in
                if a.complainantName != b.complainantName { return ascending ? a.complainantName < b.complainantName : a.complainantName > b.complainantName }
                return a.id > b.id
            }
            XCTAssertEqual(got.map(\.id), want.map(\.id))
            XCTAssertEqual(got.count, 16)
        }
    }
}
