import Foundation
import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

/// The workflow's clock line says where its days are counted from while the case awaits its
/// acknowledgement (the detail screen's "(until acknowledged)"), and stops saying it once acknowledged.
final class WorkflowClockLineTests: XCTestCase {
    func testBeforeAcknowledgementTheDaysAreSaidToCountFromTheTarget() throws {
        let dir = TemporaryDirectory("heard-workflow-clock")
        let store = try makeStore(in: dir)
        // The corporate procedure's first stage counts from the acknowledgement.
        var corporate = sampleComplaint(received: "2022-01-04")
        corporate.procedure = .corporate
        _ = try store.add(corporate, today: day("2022-01-04"))
        let today = day("2022-01-12")
        let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false)
        let backend = TestBackend(size: Size(width: 120, height: 30))
        let runner = AppRunner(state: AppState(size: backend.size, today: today, readOnly: false, databaseLabel: "workflow", unicode: true, keymap: keymap),
                               store: store, backend: backend, today: { today })
        runner.firstFrame()
        runner.loadEverything()
        runner.dispatch(.key(.char("w")))
        guard case .workflow(let w)? = runner.state.stack.last, let clock = w.data?.clock.current else { return XCTFail("the workflow is open") }
        XCTAssertTrue(clock.provisionalStart)
        var screen = Render.frame(runner.state).rows().joined(separator: "\n")
        XCTAssertTrue(screen.contains("Days counted from the acknowledgement target (\(clock.clockFrom.iso)) until acknowledged"), screen)

        runner.dispatch(.key(.char("a")))
        runner.dispatch(.key(.enter))
        screen = Render.frame(runner.state).rows().joined(separator: "\n")
        XCTAssertTrue(screen.contains("acknowledged 2022-01-12"), screen)
        XCTAssertFalse(screen.contains("Days counted from the acknowledgement target"), screen)
    }
}
