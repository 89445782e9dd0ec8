import Foundation
import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

/// The workflow's clock lines while a case awaits its acknowledgement: where its days are counted
/// from (the detail screen's "(until acknowledged)"), and an acknowledgement past its target said
/// as overdue, as the detail screen and `heard show` say it.
final class WorkflowClockLineTests: XCTestCase {
    /// The workflow of a corporate complaint received 2022-01-04 (its first stage counts from
    /// the acknowledgement, due in five working days: 2022-01-11), opened on `today`.
    private func workflow(on today: LocalDate, in dir: TemporaryDirectory) throws -> AppRunner {
        let store = try makeStore(in: dir)
        var corporate = sampleComplaint(received: "2022-01-04")
        corporate.procedure = .corporate
        _ = try store.add(corporate, today: day("2022-01-04"))
        let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false)
        let backend = TestBackend(size: Size(width: 120, height: 30))
        let runner = AppRunner(state: AppState(size: backend.size, today: today, readOnly: false, databaseLabel: "workflow", unicode: true, keymap: keymap),
                               store: store, backend: backend, today: { today })
        runner.firstFrame()
        runner.loadEverything()
        runner.dispatch(.key(.char("w")))
        return runner
    }

    private func screen(_ runner: AppRunner) -> String { Render.frame(runner.state).rows().joined(separator: "\n") }

    func testBeforeAcknowledgementTheDatesAreSaidProvisionalAndALateOneOverdue() throws {
        let dir = TemporaryDirectory("heard-workflow-clock")
        let runner = try workflow(on: day("2022-01-12"), in: dir)
        guard case .workflow(let w)? = runner.state.stack.last, let clock = w.data?.clock.current else { return XCTFail("the workflow is open") }
        XCTAssertTrue(clock.provisionalStart)
        var text = screen(runner)
        XCTAssertTrue(text.contains("Provisional dates: counted from the acknowledgement target, \(clock.clockFrom.iso)"), text)
        XCTAssertTrue(text.contains("Acknowledgement overdue since 2022-01-11"), text)
        XCTAssertFalse(text.contains("acknowledge by"), text)

        runner.dispatch(.key(.char("a")))
        runner.dispatch(.key(.enter))
        text = screen(runner)
        XCTAssertTrue(text.contains("acknowledged 2022-01-12"), text)
        XCTAssertFalse(text.contains("Provisional dates"), text)
        XCTAssertFalse(text.contains("Acknowledgement overdue"), text)
    }

    func testAnAcknowledgementNotYetDueIsSaidAsItsTarget() throws {
        let dir = TemporaryDirectory("heard-workflow-clock")
        let runner = try workflow(on: day("2022-01-05"), in: dir)
        let text = screen(runner)
        XCTAssertTrue(text.contains("acknowledge by 2022-01-11"), text)
        XCTAssertFalse(text.contains("Acknowledgement overdue"), text)
        XCTAssertTrue(text.contains("Provisional dates: counted from the acknowledgement target, 2022-01-11"), text)
    }
}
