import TerminalUI
import XCTest

/// `fit`: the plain-text tables' column, measured by the same display width as the screens.
final class CellFitTests: XCTestCase {
    func testFitCutsWithoutAnEllipsisAndPadsToExactCells() {
        XCTAssertEqual(fit("Smith", toWidth: 8), "Smith   ")
        XCTAssertEqual(fit("Alexandra", toWidth: 4), "Alex")
        // A wide character that would straddle the edge is left out and the cell padded.
        XCTAssertEqual(fit("日本語", toWidth: 5), "日本 ")
        XCTAssertEqual(displayWidth(fit("日本語", toWidth: 5)), 5)
        // Decomposed accents take no cell of their own.
        XCTAssertEqual(fit("Zoe\u{308}", toWidth: 4), "Zoe\u{308} ")
        XCTAssertEqual(fit("anything", toWidth: 0), "")
    }
}
