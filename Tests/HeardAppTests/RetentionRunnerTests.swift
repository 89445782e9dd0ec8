import Foundation
import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

/// `:retention` and `H` through the runner and a real file: the hold is written and shown,
/// disposal anonymises the due cases in one step, and undo refuses it, saying so.
final class RetentionRunnerTests: XCTestCase {
    func testHoldThenDisposeFromTheScreensAndUndoRefusesTheDisposal() throws {
        let dir = TemporaryDirectory("heard-retention-runner")
        let store = try makeStore(in: dir)
        let today = day("2030-01-15")
        var csv = "kind,received,service_area,complainant_name,officer\n"
        for i in 0..<3 { csv += "compliment,2020-01-0\(i + 1),Adoption,Hortensia Person\(i),Officer One\n" }
        _ = try store.importCSV(Array(csv.utf8), source: "old.csv", dryRun: false, today: day("2020-02-01"))
        let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false)
        let backend = TestBackend(size: Size(width: 100, height: 30))
        let runner = AppRunner(state: AppState(size: backend.size, today: today, readOnly: false, databaseLabel: "retention", unicode: true, keymap: keymap),
                               store: store, backend: backend)
        runner.firstFrame()
        runner.loadEverything()
        func keys(_ k: [Key]) { for key in k { runner.dispatch(.key(key)) } }
        func typed(_ t: String) -> [Key] { t.map { Key.char($0) } }

        // A hold on the first case from its detail.
        let held = try XCTUnwrap(try store.cases(today: today).first { $0.complainantName == "Hortensia Person0" })
        runner.dispatch(.openCase(held.id))
        keys([.char("H")] + typed("Public inquiry") + [.enter])
        XCTAssertEqual(runner.state.message?.text, "\(held.reference) is on legal hold: never disposed of while held.")
        XCTAssertEqual(try store.protection(contactID: held.id).holdReason, "Public inquiry")
        XCTAssertTrue(Render.frame(runner.state).rows().joined(separator: "\n").contains("yes: disposal blocked (Public inquiry, since 2030-01-15)"))

        keys([.escape, .char(":")] + typed("retention") + [.enter])
        let screen = Render.frame(runner.state).rows().joined(separator: "\n")
        XCTAssertTrue(screen.contains("Due for disposal (2)"), screen)
        XCTAssertTrue(screen.contains("Kept past their date by a legal hold (1)"), screen)
        keys([.char("x")])
        XCTAssertEqual(runner.state.dialog?.title, "Dispose of 2 cases?")
        keys([.char("y")])
        XCTAssertEqual(runner.state.message?.text, "Disposed of 2 cases by anonymising them; the figures stay. This cannot be undone.")
        let after = try store.cases(today: today)
        XCTAssertEqual(after.filter { $0.complainantName == Anonymisation.placeholder }.count, 2)
        XCTAssertEqual(after.first { $0.id == held.id }?.complainantName, "Hortensia Person0")
        XCTAssertTrue(Render.frame(runner.state).rows().joined(separator: "\n").contains("No case is due for disposal."))

        keys([.char("u")])
        XCTAssertEqual(runner.state.message?.kind, .error)
        XCTAssertTrue(runner.state.message?.text.contains("cannot be undone") ?? false, runner.state.message?.text ?? "")
        XCTAssertEqual(try store.cases(today: today).filter { $0.complainantName == Anonymisation.placeholder }.count, 2)
    }
}
