import HeardCore
import XCTest

final class NumberTextTests: XCTestCase {
    func testThousandsAreGroupedWithCommas() {
        XCTAssertEqual([0, 7, 999, 1000, 99_997, 1_234_567, -1234].map(groupedNumber), ["0", "7", "999", "1,000", "99,997", "1,234,567", "-1,234"])
        XCTAssertEqual(groupedNumber(Int.min), "-9,223,372,036,854,775,808")
    }
}
