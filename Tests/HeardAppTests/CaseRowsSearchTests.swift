@testable import HeardApp
import HeardCore
import XCTest

/// `/` over many rows at once (`CaseRows.matching`, 16 bytes at a time) answers exactly as
/// `CaseSearch` does row by row, on rows and words made to find the edges: capitals, accents
/// composed and decomposed, other scripts, digits, words as long as or longer than a field, words
/// at a row's very end, rows shorter and longer than 16 bytes.
final class CaseRowsSearchTests: XCTestCase {
    /// A small seeded generator: the same rows and words on every run.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D1_049B_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pieces = ["a", "A", "b", "Z", "z", "o", "O", "ë", "e\u{301}", "Zoë", "ZOE", "李", "小龍", "0", "1", "2", "9", "-", " ",
                         "CS-2025-", "smith", "SMITH", "Officer", "officer 1", "ß", "İ", "\t", "@", "`", "[", "{", "~", "é",
                         "'", "\u{2019}", "O'Brien", "o\u{2019}brien", "\u{AD}", "\u{200B}", "\u{1B}", "\u{7F}", "\u{1}"]

    func text(_ g: inout Seeded, maxPieces: Int) -> String {
        (0..<Int.random(in: 0...maxPieces, using: &g)).map { _ in Self.pieces.randomElement(using: &g) ?? "" }.joined()
    }

    func testManyRowsAtOnceMatchExactlyAsOneRowAtATime() {
        var g = Seeded(state: 14)
        let summaries = (0..<300).map { i in
            CaseSummary(id: Int64(i + 1), reference: "CS-20\(20 + i % 7)-\(i)", kind: .complaint, received: LocalDate(dayNumber: 19000 + i),
                        serviceArea: "Area", team: "", complainantName: text(&g, maxPieces: 4), isChildOrYoungPerson: false,
                        officer: "Officer \(i % 9)", summary: text(&g, maxPieces: i % 3 == 0 ? 40 : 6), stage: 1, status: .open,
                        due: nil, overdue: false, paused: false, extended: false, daysLeft: nil, version: 1,
                        subjectChild: i % 4 == 0 ? text(&g, maxPieces: 3) : "")
        }
        let rows = CaseRows(summaries.map(CaseRow.init))
        var queries = ["", " ", "a", "o", "zo", "zoë", "ZOE", "zoe", "cs-2025", "smith", "officer 1", "9", "99", "李", "小龍", "ß", "e\u{301}",
                       "A", "`", "@", "[", "{", "~", "-", "0-", "2021-1", "obrien", "o'brien", "O\u{2019}BRIEN", "'", "o'", "'b"]
        for _ in 0..<150 { queries.append(text(&g, maxPieces: 3)) }
        // Words taken from the rows themselves, so most of them match somewhere (at the end too).
        for s in summaries.prefix(80) {
            let all = Array(s.summary.utf8)
            guard !all.isEmpty else { continue }
            let from = Int.random(in: 0..<all.count, using: &g)
            queries.append(String(decoding: all[from...], as: UTF8.self))
        }
        let everyRow = Array(rows.indices)
        var matched = 0
        for q in queries {
            let search = CaseSearch(q)
            let oneByOne = everyRow.filter { search.matches(summaries[$0]) }
            XCTAssertEqual(rows.matching(everyRow, search), oneByOne, "query \(q.debugDescription)")
            XCTAssertEqual(everyRow.filter { rows.matches($0, search) }, oneByOne, "query \(q.debugDescription)")
            // A subset in another order keeps its order.
            let some = everyRow.reversed().filter { $0 % 3 != 1 }
            XCTAssertEqual(rows.matching(some, search), some.filter { search.matches(summaries[$0]) }, "query \(q.debugDescription)")
            matched += oneByOne.count
        }
        XCTAssertGreaterThan(matched, 500, "the words find rows, not only nothing")
    }

    func testAWordWithACapitalMatchesNothingAsCaseSearchSays() {
        // A folded query has no capitals; a word built by hand with one matches nowhere, either way.
        let word = FastWord(Array("Ab".utf8))
        let hay = Array("xxAbxxabxx".utf8)
        XCTAssertFalse(hay.withUnsafeBufferPointer { word.occurs(in: $0) })
        XCTAssertTrue(hay.withUnsafeBufferPointer { FastWord(Array("ab".utf8)).occurs(in: $0) })
    }
}
