import HeardCore
import XCTest

/// The one definition of what `/` and `heard cases --search` match.
final class CaseSearchTests: XCTestCase {
    func summary(_ ref: String, name: String = "Ann Example", child: String = "", text: String = "") -> CaseSummary {
        CaseSummary(id: 1, reference: ref, kind: .complaint, received: LocalDate(dayNumber: 19000), serviceArea: "Adoption", team: "T",
                    complainantName: name, isChildOrYoungPerson: false, officer: "O", summary: text, stage: 1, status: .open,
                    due: nil, overdue: false, paused: false, extended: false, daysLeft: nil, version: 1, subjectChild: child)
    }

    func testAccentsAndCaseFoldTheSameComposedOrDecomposed() {
        let composed = summary("CS-1", name: "Zo\u{EB} Br\u{E9}ant")
        let decomposed = summary("CS-2", name: "Zoe\u{308} Bre\u{301}ant")
        let capitals = summary("CS-3", name: "ZO\u{CB} BR\u{C9}ANT")
        for q in ["zoe", "ZOË", "Zoe\u{308}", "breant", "BRÉANT", "zoë bré"] {
            let s = CaseSearch(q)
            XCTAssertTrue(s.matches(composed), q)
            XCTAssertTrue(s.matches(decomposed), q)
            XCTAssertTrue(s.matches(capitals), q)
        }
        XCTAssertFalse(CaseSearch("zoey").matches(composed))
        XCTAssertEqual(CaseSearch.fold("Łukasz Müller-Øberg Ştefan"), "lukasz muller-oberg stefan")
    }

    /// Apostrophes, typed or typographic, are ignored on both sides, as `heard sar` ignores
    /// them: an officer typing "obrien" finds Mary O'Brien (a trial found neither spelling did).
    func testApostrophesAreIgnoredOnBothSides() {
        let typed = summary("CS-1", name: "Mary O'Brien")
        let curly = summary("CS-2", name: "Mary O\u{2019}Brien", text: "spoke to Mrs O\u{2019}Brien\u{2019}s sister")
        let none = summary("CS-3", name: "Mary OBrien")
        for q in ["obrien", "o'brien", "O\u{2019}Brien", "mary o'b", "OBRIEN"] {
            let s = CaseSearch(q)
            XCTAssertTrue(s.matches(typed) && s.matches(curly) && s.matches(none), q)
        }
        XCTAssertTrue(CaseSearch("obriens").matches(curly), "a possessive too")
        XCTAssertFalse(CaseSearch("o brien").matches(summary("CS-4", name: "Mary Brien")))
        XCTAssertTrue(CaseSearch("'").isEmpty, "an apostrophe alone is no word")
        // Invisible characters inside a name (pasted from a word processor, or written by another
        // tool) are read as if they were not there, and never as a field's end.
        for name in ["Mary O'Br\u{AD}ien", "Mary O'Br\u{200B}ien", "Mary O'Br\u{1B}ien", "Mary O\u{2060}'Brien"] {
            XCTAssertTrue(CaseSearch("obrien").matches(summary("CS-5", name: name)), name.debugDescription)
        }
        XCTAssertFalse(CaseSearch("ab").matches(summary("CS-6", name: "a\u{1}", text: "b")), "a byte 1 in a field is no separator")
        // Any space in the query separates its words.
        for q in ["mary\u{A0}obrien", "mary\u{2009}obrien", "mary\u{3000}obrien"] {
            XCTAssertEqual(CaseSearch(q).words.count, 2, q.debugDescription)
            XCTAssertTrue(CaseSearch(q).matches(summary("CS-7", name: "Mary O'Brien")), q.debugDescription)
        }
    }

    func testBareNumbersMatchAnywhereInAFieldTheSameWayEverywhere() {
        XCTAssertTrue(CaseSearch("0002").matches(summary("CS-2026-0002")))
        XCTAssertTrue(CaseSearch("0002").matches(summary("CS-2026-00021")))
        XCTAssertTrue(CaseSearch("0002").matches(summary("CS-2026-9999", text: "see case 10002")))
        XCTAssertFalse(CaseSearch("0002").matches(summary("CS-2026-0020")))
        XCTAssertTrue(CaseSearch("2026 0002").matches(summary("CS-2026-0002")))
        XCTAssertTrue(CaseSearch("cs-2026").matches(summary("CS-2026-0002")), "partial references match")
    }

    func testFieldsAreReferenceNamesSubjectChildAndSummaryAndWordsNeverSpanTwo() {
        let c = summary("CS-9", name: "Pat Carer", child: "Robin Young", text: "Late reply")
        XCTAssertTrue(CaseSearch("robin").matches(c), "the subject child is searched")
        XCTAssertTrue(CaseSearch("carer late").matches(c), "every word, in any field")
        XCTAssertFalse(CaseSearch("carer early").matches(c), "every word must match")
        XCTAssertFalse(CaseSearch("9pat").matches(c), "no match across the reference and the name")
        XCTAssertFalse(CaseSearch("adoption").matches(c), "the service area is not a search field")
        XCTAssertTrue(CaseSearch("   ").isEmpty)
        XCTAssertTrue(CaseSearch("").matches(c))
    }

    func testTheHaystackIsWhatMatchesReads() {
        let hay = CaseSearch.haystack(reference: "CS-1", complainantName: "Zoë", subjectChild: "Kim", summary: "x")
        XCTAssertEqual(hay, Array("cs-1\u{1}zoe\u{1}kim\u{1}x".utf8))
        XCTAssertTrue(hay.withUnsafeBufferPointer { CaseSearch("zoe kim").matches($0) })
        // ASCII text as stored (capitals and all) reads the same as its folded form.
        let raw = Array("CS-1\u{1}ANN\u{1}\u{1}Late".utf8)
        XCTAssertTrue(raw.withUnsafeBufferPointer { CaseSearch("ann late").matches($0) })
    }
}

final class ReferenceLatestTests: XCTestCase {
    func testABareNumberMeansThisYearsCaseElseTheLatest() {
        let found = ["CS-2021-0039", "CS-2023-0039", "CS-2022-0039"]
        XCTAssertEqual(ReferenceQuery.latest(found, year: 2022)?.chosen, "CS-2022-0039")
        XCTAssertEqual(ReferenceQuery.latest(found, year: 2022)?.others, ["CS-2023-0039", "CS-2021-0039"])
        XCTAssertEqual(ReferenceQuery.latest(found, year: 2030)?.chosen, "CS-2023-0039")
        XCTAssertEqual(ReferenceQuery.latest(found, year: 2000)?.chosen, "CS-2023-0039", "none so old: the latest")
        XCTAssertNil(ReferenceQuery.latest([], year: 2022))
    }
}
