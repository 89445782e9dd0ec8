import Foundation
@testable import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

/// An issue added, or a finding recorded, on a case another session changed meanwhile: the change
/// made is shown and ours offered again on the newer version (a trial: the form kept the old
/// version, so every Enter was refused again, for ever).
final class StaleIssueStepTests: XCTestCase {
    let today = day("2022-06-15")

    func runner(_ store: Store) -> AppRunner {
        let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false)
        let backend = TestBackend(size: Size(width: 100, height: 30))
        let r = AppRunner(state: AppState(size: backend.size, today: today, readOnly: false, databaseLabel: "stale", unicode: true, keymap: keymap),
                          store: store, backend: backend)
        r.firstFrame()
        r.loadEverything()
        return r
    }

    func testAStaleIssueIsOfferedAgainOnTheNewerVersionAndAddedWithR() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("heard.sqlite"), options: StoreOptions(actor: "Test Officer"))
        let added = try store.add(sampleComplaint(received: "2022-06-01"), today: today)
        let id = try XCTUnwrap(added.id)
        var other = added
        other.officer = "Another Officer"
        let changed = try store.update(other, today: today)
        let r = runner(store)
        r.performChange(.addIssue(category: "Communication", contactID: id, version: added.version))
        XCTAssertEqual(r.state.dialog?.title, "Changed by someone else")
        let reapply = r.state.dialog?.choices.first?.effects ?? []
        XCTAssertEqual(reapply, [.addIssue(category: "Communication", contactID: id, version: changed.version)])
        XCTAssertEqual(try store.contact(id: id).issues.count, added.issues.count, "not added on the stale version")
        r.dispatch(.key(.char("r")))
        XCTAssertEqual(try store.contact(id: id).issues.count, added.issues.count + 1, "added on the newer version")
    }

    func testAStaleFindingIsOfferedAgainOnTheNewerVersion() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("heard.sqlite"), options: StoreOptions(actor: "Test Officer"))
        let added = try store.add(sampleComplaint(received: "2022-06-01"), today: today)
        let id = try XCTUnwrap(added.id)
        let issueID = try XCTUnwrap(added.issues.first?.id)
        var other = added
        other.officer = "Another Officer"
        let changed = try store.update(other, today: today)
        let r = runner(store)
        r.performChange(.setFinding(.upheld, issueID: issueID, stage: 1, contactID: id, version: added.version))
        XCTAssertEqual(r.state.dialog?.choices.first?.effects, [.setFinding(.upheld, issueID: issueID, stage: 1, contactID: id, version: changed.version)])
    }
}
