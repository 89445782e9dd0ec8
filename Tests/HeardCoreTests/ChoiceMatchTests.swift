import HeardCore
import XCTest

/// The one rule for picking among a closed list by typing (forms, the filter panel, `@owner`).
final class ChoiceMatchTests: XCTestCase {
    let officers = ["Helen Sanderson", "Kate Richardson", "Officer 12", "Tom O'Neill", "Priya Shah", "Kate Ash"]

    func testValuesBeginningWithTheTextComeFirstThenThoseHoldingIt() {
        XCTAssertEqual(ChoiceMatch.ranked("ka", among: officers), ["Kate Richardson", "Kate Ash"])
        XCTAssertEqual(ChoiceMatch.ranked("sha", among: officers), ["Priya Shah"])
        XCTAssertEqual(ChoiceMatch.ranked("ri", among: officers), ["Kate Richardson", "Priya Shah"])
        XCTAssertEqual(ChoiceMatch.ranked("a", among: ["Bea", "Ann", "Cal"]), ["Ann", "Bea", "Cal"])
        XCTAssertEqual(ChoiceMatch.best("z", among: officers), nil)
    }

    func testCaseDashesAndSpacesAreFoldedAsNormaliseWordFoldsThem() {
        XCTAssertEqual(ChoiceMatch.best("KATE  a", among: officers), "Kate Ash")
        XCTAssertEqual(ChoiceMatch.best("officer-1", among: officers), "Officer 12")
        XCTAssertEqual(ChoiceMatch.rankedIndices("", among: officers), Array(officers.indices))
        XCTAssertEqual(ChoiceMatch.rankedIndices("  ", among: officers), Array(officers.indices))
    }

    func testAFoldOfItsOwn() {
        XCTAssertEqual(ChoiceMatch.ranked("o'n", among: officers, fold: { $0.lowercased() }), ["Tom O'Neill"])
        XCTAssertEqual(ChoiceMatch.ranked("a-b", among: ["a b", "A-B"], fold: { $0.lowercased() }), ["A-B"])
    }
}
