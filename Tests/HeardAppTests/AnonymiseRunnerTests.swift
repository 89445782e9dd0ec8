import Foundation
import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

/// `X` on a case anonymises it on request, as `heard anonymise` does: a reason, then y (not the
/// key that began it), one store command; the figures stay and the name goes.
final class AnonymiseRunnerTests: XCTestCase {
    let today = day("2023-01-15")

    /// A record of one compliment from Hortensia Erasable.
    func oneCase(in dir: TemporaryDirectory) throws -> Store {
        let store = try makeStore(in: dir)
        let csv = "kind,received,service_area,complainant_name,officer\ncompliment,2022-01-03,Adoption,Hortensia Erasable,Officer One\n"
        _ = try store.importCSV(Array(csv.utf8), source: "one.csv", dryRun: false, today: day("2022-02-01"))
        return store
    }

    /// The screens on `store`, loaded.
    func screens(_ store: Store) -> AppRunner {
        let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false)
        let backend = TestBackend(size: Size(width: 100, height: 30))
        let runner = AppRunner(state: AppState(size: backend.size, today: today, readOnly: false, databaseLabel: "anon", unicode: true, keymap: keymap),
                               store: store, backend: backend)
        runner.firstFrame()
        runner.loadEverything()
        return runner
    }

    func testXAsksAReasonThenYAndAnonymisesTheCase() throws {
        let dir = TemporaryDirectory("heard-anonymise-runner")
        let store = try oneCase(in: dir)
        let runner = screens(store)
        func keys(_ k: [Key]) { for key in k { runner.dispatch(.key(key)) } }
        let c = try XCTUnwrap(try store.cases(today: today).first)
        runner.dispatch(.openCase(c.id))
        keys([.char("X")] + "erasure request by letter".map { Key.char($0) } + [.enter])
        XCTAssertEqual(try store.cases(today: today).first?.complainantName, "Hortensia Erasable", "nothing before y")
        XCTAssertTrue(Render.frame(runner.state).rows().joined(separator: "\n").contains("cannot be undone"))
        keys([.char("y")])
        XCTAssertEqual(runner.state.message?.text, "\(c.reference) anonymised; the figures stay. This cannot be undone.")
        XCTAssertEqual(try store.cases(today: today).first?.complainantName, Anonymisation.placeholder)
        keys([.char("X")])
        XCTAssertEqual(runner.state.message?.text, "\(c.reference) is already anonymised.")
    }

    /// Anonymised while an open subject access request covers it, the case's message says so:
    /// its answer will not hold what the case held (a trial anonymised one unwarned).
    func testAnonymisingACaseAnOpenRequestCoversSaysSo() throws {
        let dir = TemporaryDirectory("heard-anonymise-asked")
        let store = try oneCase(in: dir)
        let c = try XCTUnwrap(try store.cases(today: today).first)
        let r = try store.recordSubjectAccess(forWhom: "Hortensia Erasable", cases: [c.reference], requested: day("2023-01-10"))
        let runner = screens(store)
        runner.dispatch(.openCase(c.id))
        for key in [.char("X")] + "erasure request by letter".map({ Key.char($0) }) + [.enter, .char("y")] { runner.dispatch(.key(key)) }
        let said = try XCTUnwrap(runner.state.message?.text)
        XCTAssertTrue(said.hasPrefix("\(c.reference) anonymised; the figures stay."), said)
        XCTAssertTrue(said.contains("Note: \(c.reference) is in open subject access request #\(r.id ?? 0) (due 2023-02-10)"), said)
        XCTAssertFalse(said.contains("Hortensia"), said)
    }

    func testReadOnlyOffersNoX() {
        let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: true)
        XCTAssertTrue(keymap.keys(for: "anonymise", scope: "caseDetail").isEmpty)
    }
}
