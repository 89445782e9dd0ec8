import HeardLetters
import XCTest

/// Placeholder-free: the letters target's first test checks the source type is distinct.
final class LetterSourceTests: XCTestCase {
    func testACouncilsFileIsNotAShippedLetter() {
        XCTAssertNotEqual(LetterSource.shipped, LetterSource.council(path: "/x/acknowledgement.mustache"))
    }
}
