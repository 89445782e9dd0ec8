import XCTest
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
@testable import HeardApp

/// The case list's column store: what goes in comes out, and search, sort and edits work on it.
final class CaseRowsTests: XCTestCase {
    func summary(_ id: Int64, ref: String, name: String, text: String, area: String = "Adoption", officer: String = "Kate Richardson",
                 due: LocalDate? = nil, daysLeft: Int? = nil, stage: Int? = 1) -> CaseSummary {
        CaseSummary(id: id, reference: ref, kind: .complaint, received: day("2022-01-10").adding(days: Int(id)), serviceArea: area, team: "Team \(id % 2)",
                    complainantName: name, isChildOrYoungPerson: id % 2 == 0, officer: officer, summary: text, stage: stage,
                    status: due == nil ? .closed : .open, due: due, overdue: (daysLeft ?? 0) < 0, paused: id == 3, extended: id == 2,
                    daysLeft: daysLeft, version: Int(id) + 4)
    }

    func testEveryFieldComesBackAsItWentIn() {
        let originals = [
            summary(1, ref: "CS-2022-0001", name: "Zoë Hughes", text: "Late reply\nabout contact", due: day("2022-02-01"), daysLeft: -3),
            summary(2, ref: "CS-2022-0002", name: "李小龍", text: "", area: "Fostering Service", due: day("2022-03-01"), daysLeft: 12),
            summary(3, ref: "X", name: "", text: "👩‍👧 family time", officer: "", stage: nil),
            summary(4, ref: "CS-2022-0004-LONG-REFERENCE", name: String(repeating: "Ann ", count: 40), text: String(repeating: "é", count: 300)),
        ]
        let rows = CaseRows(originals.map(CaseRow.init))
        XCTAssertEqual(rows.count, 4)
        for (i, s) in originals.enumerated() {
            XCTAssertEqual(rows.summary(i), s)
            XCTAssertEqual(rows[i].summary, s)
            XCTAssertEqual(rows.reference(i), s.reference)
        }
    }

    func testSearchFoldsCaseAndAccentsInPlace() {
        let rows = CaseRows([
            summary(1, ref: "CS-2022-0001", name: "Zoë Hughes", text: "Late reply"),
            summary(2, ref: "CS-2022-0002", name: "Li Wei", text: "Contact with SIBLINGS"),
            summary(3, ref: "CS-2022-0003", name: "李小龍", text: "Placement move"),
        ].map(CaseRow.init))
        func found(_ q: String) -> [Int64] { rows.indices.filter { rows.matches($0, CaseSearch(q)) }.map { rows.id($0) } }
        XCTAssertEqual(found("zoe"), [1])
        XCTAssertEqual(found("ZOË"), [1])
        XCTAssertEqual(found("siblings li"), [2])
        XCTAssertEqual(found("小龍"), [3])
        XCTAssertEqual(found("cs-2022-000"), [1, 2, 3])
        XCTAssertEqual(found("0002 contact"), [2])
        XCTAssertEqual(found("reply placement"), [])
        // The separator between fields never joins them into a false match.
        XCTAssertEqual(found("hugheslate"), [])
    }

    func testReplacingAndRemovingRowsKeepsTheOthersAfterCompaction() {
        var rows = CaseRows((1...50).map { CaseRow(summary(Int64($0), ref: "CS-2022-\($0)", name: "Name \($0)", text: String(repeating: "x", count: 200))) })
        // Enough replacements to pass the compaction threshold several times.
        for round in 0..<20 {
            for i in stride(from: 0, to: rows.count, by: 3) {
                let s = rows.summary(i)
                rows.replace(i, with: summary(s.id, ref: s.reference, name: "Renamed \(round) Zoë", text: "short \(round)"))
            }
        }
        rows.remove(ids: [2, 5, 7])
        XCTAssertEqual(rows.count, 47)
        XCTAssertNil(rows.indices.first { [2, 5, 7].contains(rows.id($0)) })
        for i in rows.indices {
            let s = rows.summary(i)
            XCTAssertEqual(s.reference, "CS-2022-\(s.id)")
            // Every third of the original 50 (ids 1, 4, 7 ...) was renamed each round.
            XCTAssertEqual(s.complainantName, (s.id - 1) % 3 == 0 ? "Renamed 19 Zoë" : "Name \(s.id)")
            XCTAssertEqual(s.summary, (s.id - 1) % 3 == 0 ? "short 19" : String(repeating: "x", count: 200))
        }
        // 17 renamed, less id 7 removed.
        XCTAssertEqual(rows.indices.filter { rows.matches($0, CaseSearch("renamed zoe")) }.count, 16)
        XCTAssertEqual(rows.index(ofReference: "cs-2022-10").map { rows.id($0) }, 10)
        XCTAssertNil(rows.index(ofReference: "CS-2022-1000"))
    }

    func testSortsByNameAndAreaAsStringsWould() {
        let names = ["Zoë", "Amy", "zack", "李", "Émile", "Amy B", ""]
        let areas = ["Fostering", "Adoption", "Care Leavers", "Adoption", "Youth", "Fostering", "Adoption"]
        var s = makeState(rows: names.indices.map { CaseRow(summary(Int64($0 + 1), ref: "R\($0)", name: names[$0], text: "", area: areas[$0])) })
        for column in [CaseColumn.complainant, .serviceArea, .reference] {
            for ascending in [true, false] {
                s.list.sortColumn = column
                s.list.sortAscending = ascending
                s.list.refilter()
                let got = s.list.visibleSummaries
                let want = got.sorted { a, b in
                    let (x, y) = column == .complainant ? (a.complainantName, b.complainantName)
                        : column == .serviceArea ? (a.serviceArea, b.serviceArea) : (a.reference, b.reference)
                    if x != y { return ascending ? x < y : x > y }
                    return a.id > b.id
                }
                XCTAssertEqual(got.map(\.id), want.map(\.id), "\(column) \(ascending)")
            }
        }
    }

    func testDecomposedAccentsSortAsStringsDo() {
        // "Émile" typed on one machine (composed) and imported from another (E + combining acute).
        let names = ["E\u{301}mile", "F", "\u{C9}mile", "Eve"]
        var s = makeState(rows: names.indices.map { CaseRow(summary(Int64($0 + 1), ref: "R\($0)", name: names[$0], text: "")) })
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
        }
    }

    func testRemovingARowBeforeTheSelectionKeepsTheSelectedCase() {
        var s = makeState(rows: sampleRows(10))
        send(&s, [.down, .down, .down, .down, .down])
        let selected = s.list.selectedRow?.id
        let first = s.list.rows.id(s.list.shown[0])
        // The first row shown is gone (undone or deleted in another session).
        _ = Update.update(&s, .rowsRefreshed([], requested: [first]))
        XCTAssertEqual(s.list.rows.count, 9)
        XCTAssertEqual(s.list.selectedRow?.id, selected)
    }

    func testUndoingANewSelectedCaseAtTheEndOfTheListDoesNotCrash() {
        var s = makeState(rows: sampleRows(5))
        s.list.sortColumn = .received
        s.list.sortAscending = true
        s.list.refilter()
        // A case logged now: newest received, so last in ascending order, and selected.
        var new = s.list.rows.summary(0)
        new.id = 99; new.reference = "CS-2022-0099"; new.received = day("2022-03-14")
        s.list.pendingSelection = 99
        _ = Update.update(&s, .rowsRefreshed([CaseRow(new)], requested: [99]))
        XCTAssertEqual(s.list.selectedRow?.id, 99)
        XCTAssertEqual(s.list.selection.selected, 5)
        // Undo removes it again.
        _ = Update.update(&s, .rowsRefreshed([], requested: [99]))
        XCTAssertEqual(s.list.rows.count, 5)
        XCTAssertEqual(s.list.shown.count, 5)
        XCTAssertEqual(s.list.selection.selected, 4)
        XCTAssertNotNil(s.list.selectedRow)
    }

    func testReferencesSortByTheirNumbersAndTheColumnFitsTheLongest() {
        let refs = ["CS-2026-10000", "CS-2026-9999", "CS-2025-0002", "CS-2026-0001", "cs-2026-0100", "CS-2026-00100", "X"]
        var s = makeState(rows: refs.indices.map { CaseRow(summary(Int64($0 + 1), ref: refs[$0], name: "N", text: "")) }, size: Size(width: 200, height: 20))
        s.list.sortColumn = .reference
        s.list.sortAscending = true
        s.list.refilter()
        XCTAssertEqual(s.list.visibleSummaries.map(\.reference),
                       ["CS-2025-0002", "CS-2026-0001", "CS-2026-00100", "CS-2026-9999", "CS-2026-10000", "X", "cs-2026-0100"])
        s.list.sortAscending = false
        s.list.refilter()
        XCTAssertEqual(s.list.visibleSummaries.first?.reference, "cs-2026-0100")
        // Every reference is shown whole.
        let screen = Render.frame(s).rows().joined(separator: "\n")
        for r in refs { XCTAssertTrue(screen.contains(r + " "), r) }
    }
}
