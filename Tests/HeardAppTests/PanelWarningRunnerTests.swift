import Foundation
@testable import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

/// The app saves a late panel date with the same warning `heard move appoint` prints.
final class PanelWarningRunnerTests: XCTestCase {
    func testALatePanelDateIsSavedWithTheWarning() throws {
        let dir = TemporaryDirectory("heard-panel-warning")
        let store = try makeStore(in: dir)
        let today = day("2022-05-23")
        var c = try store.add(sampleComplaint(received: "2022-04-01"), today: today)
        let id = try XCTUnwrap(c.id)
        for e in [CaseEvent.acknowledged(day("2022-04-04")), .responded(day("2022-04-08"), stage: 1, outcome: .notUpheld),
                  .nextStageRequested(day("2022-04-11"), stage: 2), .responded(day("2022-05-16"), stage: 2, outcome: .notUpheld),
                  .nextStageRequested(day("2022-05-20"), stage: 3)] {
            c = try store.record(e, on: id, version: c.version, today: today)
        }
        let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false)
        let backend = TestBackend(size: Size(width: 100, height: 30))
        let runner = AppRunner(state: AppState(size: backend.size, today: today, readOnly: false, databaseLabel: "panel", unicode: true, keymap: keymap),
                               store: store, backend: backend)
        runner.firstFrame()
        runner.loadEverything()
        let late = day("2022-09-01")
        let cal = try store.calendar()
        let warning = try XCTUnwrap(c.panelDateWarning(late, clock: c.clock(rules: store.rules, calendar: cal, today: today), calendar: cal))
        runner.perform([.apply(CaseStep(appointment: Appointment(panelDate: late)), contactID: id, version: c.version)])
        XCTAssertEqual(try store.contact(id: id).stagePeople.panelDate, late, "saved: a late panel is allowed")
        let said = runner.state.message?.text ?? ""
        XCTAssertTrue(said.contains("Warning: \(warning)."), said)
        // A panel in time says no warning.
        let fresh = try store.contact(id: id)
        runner.perform([.apply(CaseStep(appointment: Appointment(panelDate: day("2022-06-01"))), contactID: id, version: fresh.version)])
        XCTAssertFalse((runner.state.message?.text ?? "").contains("Warning"), runner.state.message?.text ?? "")
    }
}
