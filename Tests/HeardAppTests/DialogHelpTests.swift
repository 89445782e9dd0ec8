@testable import HeardApp
import HeardCore
import HeardTestSupport
import TerminalUI
import XCTest

/// `?` over a question (a dialog: :sar's matches, a bulk confirmation) shows the question's own
/// answers and the way out; the trial read the case list's keys there, none of which reaches it.
final class DialogHelpTests: XCTestCase {
    func testHelpOverAQuestionNamesItsAnswersNotTheScreensKeys() {
        var s = makeState(rows: sampleRows(10), size: Size(width: 80, height: 24))
        s.dialog = DialogUpdate.confirmation(.close, [1, 2])
        send(&s, [.char("?")])
        XCTAssertTrue(s.helpOverDialog)
        let text = Render.frame(s).rows().joined(separator: "\n")
        XCTAssertTrue(text.contains("close them"), text)
        XCTAssertTrue(text.contains("cancel: answer none"), text)
        XCTAssertFalse(text.contains("Quick entry"), "the case list's keys: \(text)")
        // Any other key closes the help; the question still waits for its answer.
        send(&s, [.escape])
        XCTAssertNil(s.overlay)
        XCTAssertNotNil(s.dialog)
        XCTAssertTrue(Render.frame(s).rows().joined(separator: "\n").contains("Close 2 marked cases?"))
    }
}
