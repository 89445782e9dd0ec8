import Foundation
@testable import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

/// Opening a case's detail records a read in the access log, on a real file: once per opening,
/// not on the reloads that follow a change, also under `--read-only`, and changing nothing else.
final class ReadsRunnerTests: XCTestCase {
    let today = day("2022-03-15")

    func runner(_ store: Store, readOnly: Bool = false) -> AppRunner {
        let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: readOnly)
        let backend = TestBackend(size: Size(width: 100, height: 30))
        let runner = AppRunner(state: AppState(size: backend.size, today: today, readOnly: readOnly, databaseLabel: "reads", unicode: true, keymap: keymap),
                               store: store, backend: backend)
        runner.firstFrame()
        runner.loadEverything()
        return runner
    }

    /// A signal that asks the program to end (kill, a closed terminal) ends the loop as q does,
    /// after the keys typed before it: the executable then writes what waits for the file.
    func testTheLoopEndsWhenASignalAsksAfterTheKeysBeforeIt() throws {
        let dir = TemporaryDirectory("heard-reads-signal")
        let store = try makeStore(in: dir, actor: "Officer One")
        let id = try XCTUnwrap(try store.add(sampleComplaint(received: "2022-03-11"), today: today).id)
        let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false)
        let backend = TestBackend(size: Size(width: 100, height: 30), keys: [.enter])
        backend.endSignalWhenScriptEnds = SIGTERM
        let app = AppRunner(state: AppState(size: backend.size, today: today, readOnly: false, databaseLabel: "reads", unicode: true, keymap: keymap),
                            store: store, backend: backend)
        app.run()
        XCTAssertFalse(app.state.quit, "ended by the signal, not by a q")
        guard case .detail? = app.state.stack.last else { return XCTFail("the key before the signal was handled: \(app.state.stack)") }
        XCTAssertEqual(try store.reads(contactID: id).map(\.via), [.screen])
    }

    func testOpeningADetailRecordsOneReadAndItsReloadsNone() throws {
        let dir = TemporaryDirectory("heard-reads-runner")
        let store = try makeStore(in: dir, actor: "Officer One")
        let c = try store.add(sampleComplaint(received: "2022-03-11", name: "Mrs Patel"), today: today)
        let id = try XCTUnwrap(c.id)
        let app = runner(store)
        let before = try tableRows(store.path)
        let counter = try store.changeCounter()
        let undo = try store.undoableCount()

        app.dispatch(.key(.enter))   // the list's selected row: the only case
        guard case .detail(let d)? = app.state.stack.last else { return XCTFail("\(app.state.stack)") }
        XCTAssertEqual(try store.reads(contactID: id).map(\.via), [.screen])
        XCTAssertEqual(try store.reads(contactID: id).first?.who, "Officer One")
        XCTAssertEqual(d.data?.reads.count, 1, "the opening is in the history it shows")
        XCTAssertTrue(detailText(app).contains("Officer One  read (screen)"), detailText(app))
        XCTAssertEqual(try tableRows(store.path), before, "no other table changed")
        XCTAssertEqual(try store.changeCounter(), counter, "no change for another process to see")
        XCTAssertEqual(try store.undoableCount(), undo, "nothing to undo")
        XCTAssertEqual(try store.contact(id: id).version, c.version)

        // A change and the reload it brings: no new read.
        app.dispatch(.key(.char("l")))
        for ch in "out call \"Mrs Patel\" yesterday 14:30 chased the response" { app.dispatch(.key(.char(ch))) }
        app.dispatch(.key(.enter))
        XCTAssertEqual(try store.correspondence(contactID: id).log.count, 1, "fixture: the change was saved")
        // Another process's change and the reload it brings: no new read either.
        app.dispatch(.externalChange(contacts: [id]))
        XCTAssertEqual(try store.reads(contactID: id).count, 1)

        // Back to the list and in again: a second opening.
        app.dispatch(.key(.escape))
        XCTAssertEqual(app.state.stack.count, 0, "\(app.state.stack)")
        app.dispatch(.openCase(id))
        XCTAssertEqual(try store.reads(contactID: id).count, 2)
        // The history gives the day's reads by one person as one line.
        XCTAssertTrue(detailText(app).contains("Officer One  read 2 times (screen), the last at"), detailText(app))
    }

    func testAReadOnlyAppRecordsTheOpeningAndChangesNothingElse() throws {
        let dir = TemporaryDirectory("heard-reads-runner-ro")
        let id = try XCTUnwrap(try makeStore(in: dir).add(sampleComplaint(received: "2022-03-11"), today: today).id)
        let path = try storePath(in: dir, name: "heard.sqlite")
        let before = try tableRows(path)
        var options = StoreOptions(readOnly: true, create: false, actor: "Manager")
        options.waitBriefly()
        let store = try Store(path: path, options: options)
        let app = runner(store, readOnly: true)
        app.dispatch(.openCase(id))
        XCTAssertEqual(try store.reads(contactID: id).map(\.who), ["Manager"])
        XCTAssertEqual(try tableRows(path), before)
    }

    func testAReadThatMetABusyFileIsWrittenWithTheNextOpening() throws {
        let dir = TemporaryDirectory("heard-reads-runner-busy")
        let store = try makeStore(in: dir)
        let first = try XCTUnwrap(try store.add(sampleComplaint(received: "2022-03-11"), today: today).id)
        let second = try XCTUnwrap(try store.add(sampleComplaint(received: "2022-03-12", name: "Someone Else"), today: today).id)
        let app = runner(store)
        let lock = try HeldWriteLock(path: store.path)
        let started = Date()
        app.dispatch(.openCase(first))
        XCTAssertLessThan(Date().timeIntervalSince(started), 1, "the screen never waits for the log")
        guard case .detail(let d)? = app.state.stack.last else { return XCTFail("\(app.state.stack)") }
        XCTAssertNotNil(d.data, "the case opened all the same")
        if TestDatabase.isPostgres {
            // The access log takes no writers' lock on PostgreSQL: the read went in at once.
            XCTAssertEqual(try store.reads(contactID: first).count, 1, "written while the writers' lock was held")
            lock.release()
            app.dispatch(.key(.escape))
            app.dispatch(.openCase(second))
            XCTAssertEqual(try store.reads(contactID: first).count, 1, "written once")
            XCTAssertEqual(try store.reads(contactID: second).count, 1)
            return
        }
        lock.release()
        XCTAssertEqual(try store.readCount(), 0)
        app.dispatch(.key(.escape))
        app.dispatch(.openCase(second))
        XCTAssertEqual(try store.reads(contactID: first).count, 1, "kept, and written with the next read")
        XCTAssertEqual(try store.reads(contactID: second).count, 1)
    }

    /// The detail screen's record lines as text.
    func detailText(_ app: AppRunner) -> String {
        guard case .detail(let d)? = app.state.stack.last, let data = d.data else { return "" }
        return data.record.lines().map { line -> String in
            if case .spans(let spans, _) = line { return spans.map(\.text).joined() }
            return ""
        }.joined(separator: "\n")
    }
}
