@testable import HeardStore
import XCTest

/// How the undo's line lists what it undid (`Store.listed`).
final class UndoSummaryWordsTests: XCTestCase {
    func refs(_ n: Int) -> [String] { (1...n).map { "change of officer on CS-2022-\(String(format: "%04d", $0))" } }

    /// A bulk step read "…; change of officer on CS-2022-0003; and 99997 more".
    func testTheSameChangeOnManyCasesIsSaidOnceWithItsCases() {
        XCTAssertEqual(Store.listed(refs(100_000)), "change of officer on CS-2022-0001, CS-2022-0002 and 99,998 more")
        XCTAssertEqual(Store.listed(refs(4)), "change of officer on CS-2022-0001, CS-2022-0002 and 2 more")
        // With the references of a hundred thousand cases, the line fits 80 columns.
        let big = (1...100_000).map { "change of officer on CS-2026-\(String(format: "%05d", $0))" }
        XCTAssertLessThanOrEqual(("Undid: " + Store.listed(big)).count, 80, Store.listed(big))
        XCTAssertEqual(Store.listed(refs(3)), "change of officer on CS-2022-0001, CS-2022-0002 and CS-2022-0003")
        XCTAssertEqual(Store.listed(refs(2)), "change of officer on CS-2022-0001 and CS-2022-0002")
        XCTAssertEqual(Store.listed(refs(1)), "change of officer on CS-2022-0001")
    }

    func testDifferentChangesFollowEachOtherThenHowManyMore() {
        let lines = ["change of summary on CS-1", "change of team on CS-1", "stage 2 request on CS-1", "stage 2 request on CS-2",
                     "new action #4", "change of officer on CS-9", "change of officer on CS-10"]
        XCTAssertEqual(Store.listed(lines), "change of summary on CS-1; change of team on CS-1; stage 2 request on CS-1 and CS-2; and 3 more")
        XCTAssertEqual(Store.listed(["new action #4", "progress note on action #4"]), "new action #4; progress note on action #4")
        // A change named twice on one case is one case.
        XCTAssertEqual(Store.listed(["change of officer on CS-1", "change of officer on CS-1"]), "change of officer on CS-1")
    }

    /// The case is after the last " on ", whatever comes before it; the words before it are
    /// kept whole, accents and all.
    func testALineIsSplitAtItsLastOn() {
        XCTAssertEqual(Store.splitAtLastOn("change of officer on Zoë on CS-1")?.what, "change of officer on Zoë")
        XCTAssertEqual(Store.splitAtLastOn("change of officer on Zoë on CS-1")?.reference, "CS-1")
        XCTAssertEqual(Store.splitAtLastOn("note on ") .map { [$0.what, $0.reference] }, ["note", ""])
        XCTAssertNil(Store.splitAtLastOn("new action #4"))
        XCTAssertNil(Store.splitAtLastOn(" on"))
        XCTAssertNil(Store.splitAtLastOn(""))
        XCTAssertEqual(Store.listed(["change of team on Zoë’s team on CS-é", "change of team on Zoë’s team on CS-2"]),
                       "change of team on Zoë’s team on CS-é and CS-2")
    }
}
