import Foundation
@testable import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

/// A bulk change on thousands of cases through the runner and a real file: one transaction,
/// progress on screen while it works, one undo step.
final class BulkRunnerTests: XCTestCase {
    func testAssigningThousandsShowsProgressAndUndoesInOneStep() throws {
        let dir = TemporaryDirectory("heard-bulk")
        let store = try makeStore(in: dir)
        let today = day("2022-03-15")
        var csv = "kind,received,service_area,complainant_name,officer\n"
        for i in 0..<2500 { csv += "compliment,2022-01-\(String(format: "%02d", i % 28 + 1)),Adoption,Person \(i),Officer One\n" }
        _ = try store.importCSV(Array(csv.utf8), source: "bulk.csv", dryRun: false, today: today)
        let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false)
        let backend = TestBackend(size: Size(width: 100, height: 30))
        let runner = AppRunner(state: AppState(size: backend.size, today: today, readOnly: false, databaseLabel: "bulk", unicode: true, keymap: keymap),
                               store: store, backend: backend)
        runner.firstFrame()
        runner.loadEverything()
        for k in [Key.char("*"), .char("b"), .char("a")] + "Kate Richardson".map({ Key.char($0) }) + [.enter, .char("y")] { runner.dispatch(.key(k)) }
        let screens = backend.frames.map { $0.rows().joined(separator: "\n") }
        XCTAssertTrue(screens.contains { $0.contains("Assigning to Kate Richardson: 2,000 of 2,500 cases") }, "progress was shown while it worked")
        XCTAssertEqual(runner.state.message?.text, "2,500 cases assigned to Kate Richardson; u undoes them in one step.")
        XCTAssertEqual(try store.cases(today: today).filter { $0.officer == "Kate Richardson" }.count, 2500)
        XCTAssertEqual(runner.state.list.visibleSummaries.filter { $0.officer == "Kate Richardson" }.count, 2500)
        let framesBeforeUndo = backend.frames.count
        runner.dispatch(.key(.char("u")))
        let undoScreens = backend.frames.dropFirst(framesBeforeUndo).map { $0.rows().joined(separator: "\n") }
        XCTAssertTrue(undoScreens.contains { $0.contains("Undoing: 2,000 of 2,500 changes") }, "progress was shown while it undid")
        XCTAssertEqual(try store.cases(today: today).filter { $0.officer == "Officer One" }.count, 2500)
        XCTAssertEqual(runner.state.list.visibleSummaries.filter { $0.officer == "Officer One" }.count, 2500)
        XCTAssertTrue(runner.state.message?.text.contains("and 2,498 more") == true, runner.state.message?.text ?? "")
    }

    /// Esc pressed while a bulk change works (the key line says it cannot stop it) is dropped;
    /// it acted afterwards and cleared the message saying what was done (found by a trial).
    /// Other keys typed meanwhile still act after it, in order.
    func testEscTypedDuringABulkChangeDoesNotClearWhatItSays() throws {
        let dir = TemporaryDirectory("heard-bulk-esc")
        let (runner, backend, _) = try runner(2500, size: Size(width: 100, height: 30), in: dir)
        for k in [Key.char("*"), .char("b"), .char("a")] + "Kate Richardson".map({ Key.char($0) }) + [.enter] { runner.dispatch(.key(k)) }
        // Typed while it works: read by the runner only once the change is done.
        backend.pendingKeys = [.escape, .char("j"), .escape, .char("j")]
        let row = runner.state.list.selection.selected
        runner.dispatch(.key(.char("y")))
        XCTAssertEqual(runner.state.message?.text, "2,500 cases assigned to Kate Richardson; u undoes them in one step.")
        XCTAssertTrue(backend.pendingKeys.isEmpty, "the keys typed meanwhile were taken")
        XCTAssertEqual(runner.typedAhead, [.char("j"), .char("j")], "without the Escs")
        for k in runner.typedAhead { runner.dispatch(.key(k)) }
        XCTAssertEqual(runner.state.list.selection.selected, row + 2)
        XCTAssertEqual(runner.state.message?.text, "2,500 cases assigned to Kate Richardson; u undoes them in one step.")
    }

    /// The same for a change too small to say how far it has got.
    func testEscTypedDuringASmallBulkChangeIsDroppedToo() throws {
        let dir = TemporaryDirectory("heard-bulk-esc-small")
        let (runner, backend, _) = try runner(30, size: Size(width: 100, height: 30), in: dir)
        for k in [Key.char("*"), .char("b"), .char("a")] + "Kate Richardson".map({ Key.char($0) }) + [.enter] { runner.dispatch(.key(k)) }
        backend.pendingKeys = [.escape, .escape]
        runner.dispatch(.key(.char("y")))
        XCTAssertEqual(runner.state.message?.text, "30 cases assigned to Kate Richardson; u undoes them in one step.")
        XCTAssertTrue(backend.pendingKeys.isEmpty)
        XCTAssertEqual(runner.typedAhead, [])
    }

    /// Esc read in the same batch as the key that started the change (typed at once after it)
    /// is dropped too; the keys after it act after the change, in order.
    func testEscReadWithTheKeyThatStartedTheChangeIsDropped() throws {
        let dir = TemporaryDirectory("heard-bulk-esc-batch")
        let (runner, _, _) = try runner(30, size: Size(width: 100, height: 30), in: dir)
        for k in [Key.char("*"), .char("b"), .char("a")] + "Kate Richardson".map({ Key.char($0) }) + [.enter] { runner.dispatch(.key(k)) }
        runner.handle([.key(.char("y")), .key(.escape), .key(.char("j")), .key(.escape)])
        XCTAssertEqual(runner.state.message?.text, "30 cases assigned to Kate Richardson; u undoes them in one step.")
        XCTAssertEqual(runner.typedAhead, [.char("j")])
    }

    /// A runner on a real file holding `count` compliments by Officer One, every row loaded.
    func runner(_ count: Int, size: Size, in dir: TemporaryDirectory) throws -> (AppRunner, TestBackend, Store) {
        let store = try makeStore(in: dir)
        let today = day("2022-03-15")
        var csv = "kind,received,service_area,complainant_name,officer\n"
        for i in 0..<count { csv += "compliment,2022-01-\(String(format: "%02d", i % 28 + 1)),Adoption,Person \(i),Officer One\n" }
        _ = try store.importCSV(Array(csv.utf8), source: "bulk.csv", dryRun: false, today: today)
        let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false)
        let backend = TestBackend(size: size)
        let runner = AppRunner(state: AppState(size: backend.size, today: today, readOnly: false, databaseLabel: "bulk", unicode: true, keymap: keymap),
                               store: store, backend: backend)
        runner.firstFrame()
        runner.loadEverything()
        return (runner, backend, store)
    }

    /// While a bulk change (or its undo) works, the key line said "tab next (takes the
    /// suggestion)  S-tab previous  enter save  esc cancel" of the form under it, though no key
    /// acts until it is done (found by a trial): it says so instead.
    func testTheKeyLineSaysWhatKeysDoWhileABulkChangeWorks() throws {
        let dir = TemporaryDirectory("heard-bulk-keys")
        let (runner, backend, _) = try runner(2500, size: Size(width: 100, height: 30), in: dir)
        for k in [Key.char("*"), .char("b"), .char("a")] + "Kate Richardson".map({ Key.char($0) }) + [.enter, .char("y")] { runner.dispatch(.key(k)) }
        let working = backend.frames.filter { $0.rows().joined().contains("Assigning to Kate Richardson: 2,000 of 2,500 cases") }
        XCTAssertFalse(working.isEmpty, "progress was shown")
        for f in working {
            let keyLine = f.rows().last ?? ""
            XCTAssertFalse(keyLine.contains("save") || keyLine.contains("tab"), "the form's keys while it works: \(keyLine)")
            XCTAssertTrue(keyLine.contains("esc cannot stop it"), keyLine)
        }
        XCTAssertFalse(runner.state.working)
        XCTAssertTrue(Render.frame(runner.state).rows().last?.contains("enter open") == true, "the list's keys once done: \(Render.frame(runner.state).rows().last ?? "")")
        let before = backend.frames.count
        runner.dispatch(.key(.char("u")))
        let undoing = backend.frames.dropFirst(before).filter { $0.rows().joined().contains("Undoing: 2,000 of 2,500 changes") }
        XCTAssertFalse(undoing.isEmpty)
        for f in undoing { XCTAssertTrue(f.rows().last?.contains("esc cannot stop it") == true, f.rows().last ?? "") }
        XCTAssertFalse(Render.frame(runner.state).rows().last?.contains("esc cannot stop it") == true, "not once done")
    }

    /// The undo's line read "change of officer on CS-2022-0001; change of officer on
    /// CS-2022-0002; change of officer on CS-2022-0003; and 2497 more": the same change is
    /// said once, with the cases it was made on, and the number grouped as everywhere else;
    /// it fits the status line at 80 columns.
    func testTheUndoOfABulkChangeSaysTheChangeOnceWithItsCases() throws {
        let dir = TemporaryDirectory("heard-bulk-undo-line")
        let (runner, _, _) = try runner(2500, size: Size(width: 200, height: 30), in: dir)
        let list = runner.state.list
        let firstTwo = list.shown.prefix(2).map { list.rows.reference($0) }
        for k in [Key.char("*"), .char("b"), .char("a")] + "Kate Richardson".map({ Key.char($0) }) + [.enter, .char("y"), .char("u")] { runner.dispatch(.key(k)) }
        let said = runner.state.message?.text ?? ""
        let pattern = #"^Undid: change of officer on CS-\d{4}-\d{4}, CS-\d{4}-\d{4} and 2,498 more$"#
        XCTAssertNotNil(said.range(of: pattern, options: .regularExpression), said)
        // The cases named are the first the change was made on, as the list showed them (the
        // undo, newest first, had named the last two).
        XCTAssertEqual(firstTwo.count, 2)
        XCTAssertTrue(said.contains("on \(firstTwo.joined(separator: ", ")) and"), "\(said) / \(firstTwo)")
        XCTAssertLessThan(said.count, 80)
    }

    /// The Officer column kept the width of the officers known when the list opened ("Officer 1"
    /// to "Officer 40"): a bulk assignment to a longer name was cut to 10 characters at 200
    /// columns (found by a trial). The column is as wide as the longest officer the rows hold.
    func testTheOfficerColumnWidensForANameABulkChangeBrought() throws {
        let dir = TemporaryDirectory("heard-bulk-officer-width")
        let (runner, _, _) = try runner(30, size: Size(width: 200, height: 40), in: dir)
        // The officers known when the list opened, as the runner reads them.
        runner.dispatch(.sourcesLoaded(["officer": ["Officer One"]]))
        let name = "Alexandra Featherstonehaugh"
        for k in [Key.char("*"), .char("b"), .char("a")] + name.map({ Key.char($0) }) + [.enter, .char("y")] { runner.dispatch(.key(k)) }
        XCTAssertTrue(runner.state.message?.text.contains("30 cases assigned") == true, runner.state.message?.text ?? "")
        // The table's rows (the status line under them says the name too).
        let rows = Render.frame(runner.state).rows().dropFirst(2).prefix(30)
        XCTAssertEqual(rows.filter { $0.contains(name) }.count, 30, rows.prefix(3).joined(separator: "\n"))
    }

    /// After a bulk assignment to a new officer, the forms know the name (a quick entry asked
    /// "New officer?" of it again), and after its undo they know the officers as they are.
    func testABulkChangeAndItsUndoReadTheKnownNamesAgain() throws {
        let dir = TemporaryDirectory("heard-bulk-sources")
        let (runner, _, _) = try runner(30, size: Size(width: 120, height: 40), in: dir)
        runner.dispatch(.sourcesLoaded(["officer": ["Officer One"]]))
        for k in [Key.char("*"), .char("b"), .char("a")] + "Zed New".map({ Key.char($0) }) + [.enter, .char("y")] { runner.dispatch(.key(k)) }
        XCTAssertEqual(runner.state.sources["officer"], ["Zed New"])
        runner.dispatch(.key(.char("u")))
        XCTAssertEqual(runner.state.sources["officer"], ["Officer One"])
    }
}
