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

    /// The value typed whole comes before the longer ones that begin with it.
    func testTheValueTypedWholeComesFirst() {
        let many = ["Officer 29", "Officer 23", "Officer 26", "Officer 2", "Officer 12"]
        XCTAssertEqual(ChoiceMatch.ranked("officer 2", among: many), ["Officer 2", "Officer 29", "Officer 23", "Officer 26"])
        XCTAssertEqual(ChoiceMatch.best("Officer 2", among: many), "Officer 2")
        XCTAssertEqual(ChoiceMatch.best("Officer 2", among: many.filter { $0 != "Officer 2" }), "Officer 29")
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
