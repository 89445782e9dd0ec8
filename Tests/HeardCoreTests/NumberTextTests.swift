import HeardCore
import XCTest

final class NumberTextTests: XCTestCase {
    func testThousandsAreGroupedWithCommas() {
        XCTAssertEqual([0, 7, 999, 1000, 99_997, 1_234_567, -1234].map(groupedNumber), ["0", "7", "999", "1,000", "99,997", "1,234,567", "-1,234"])
        XCTAssertEqual(groupedNumber(Int.min), "-9,223,372,036,854,775,808")
    }

    func testALongListOfNamesSaysTheFirstAndHowManyMore() {
        XCTAssertEqual(namesWithMore([]), "")
        XCTAssertEqual(namesWithMore(["a", "b"]), "a, b")
        XCTAssertEqual(namesWithMore((1...8).map(String.init)), "1, 2, 3, 4, 5, 6, 7, 8")
        XCTAssertEqual(namesWithMore((1...1010).map(String.init), first: 2), "1, 2 and 1,008 more")
    }
}
