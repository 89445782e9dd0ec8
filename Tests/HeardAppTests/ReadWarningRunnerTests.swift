import Foundation
@testable import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

/// A case that could not be read left its access-log failure behind, said over the next case
/// opened ("This opening is not in the access log yet"), whose read was logged (found by an attack).
final class ReadWarningRunnerTests: XCTestCase {
    func testAFailedOpeningLeavesNoWarningForTheNextCase() throws {
        let dir = TemporaryDirectory("heard-read-warning")
        let store = try makeStore(in: dir)
        let id = try XCTUnwrap(store.add(sampleComplaint(received: "2022-03-01"), today: day("2022-03-15")).id)
        let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false)
        let backend = TestBackend(size: Size(width: 100, height: 30))
        let app = AppRunner(state: AppState(size: backend.size, today: day("2022-03-15"), readOnly: false, databaseLabel: "reads", unicode: true, keymap: keymap),
                            store: store, backend: backend)
        // A case that is not there: its read cannot be logged, and it cannot be read.
        app.readRefused = "the record was busy"
        XCTAssertThrowsError(try app.loadCase(id + 1000))
        XCTAssertNil(app.readRefused, "nothing was opened: nothing to say of its read")
        // The next case opens and its read is logged: nothing is said of the access log.
        app.perform([.loadCase(id)])
        XCTAssertFalse(app.state.message?.text.contains("access log") ?? false, app.state.message?.text ?? "")
        XCTAssertEqual(try store.reads(contactID: id).count, 1)
    }
}
