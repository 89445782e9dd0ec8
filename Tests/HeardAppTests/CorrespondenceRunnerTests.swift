import Foundation
@testable import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

/// The runner's side of `l`, `D` and `L` on a real file: each change one store command that `u`
/// takes back, files refused with the reason and nothing changed, a letter recorded with its
/// acknowledgement as one step.
final class CorrespondenceRunnerTests: XCTestCase {
    let today = day("2022-03-15")

    func setUp(_ dir: TemporaryDirectory) throws -> (AppRunner, Store, Int64) {
        let store = try makeStore(in: dir)
        let c = try store.add(sampleComplaint(received: "2022-03-11", name: "Mrs Patel"), today: today)
        let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false)
        let backend = TestBackend(size: Size(width: 80, height: 24))
        let runner = AppRunner(state: AppState(size: backend.size, today: today, readOnly: false, databaseLabel: "corr", unicode: true, keymap: keymap),
                               store: store, backend: backend)
        runner.firstFrame()
        runner.loadEverything()
        let id = try XCTUnwrap(c.id)
        runner.dispatch(.openCase(id))
        return (runner, store, id)
    }

    func keys(_ runner: AppRunner, _ text: String) { for ch in text { runner.dispatch(.key(.char(ch))) } }

    func testALoggedContactIsOneStepThatUUndoes() throws {
        let dir = TemporaryDirectory("heard-corr-runner")
        let (runner, store, id) = try setUp(dir)
        runner.dispatch(.key(.char("l")))
        keys(runner, "out call \"Mrs Patel\" yesterday 14:30 chased the response")
        runner.dispatch(.key(.enter))
        let log = try store.correspondence(contactID: id).log
        XCTAssertEqual(log.map(\.words), ["call out to Mrs Patel: chased the response"])
        XCTAssertEqual(log.first?.at.text, "2022-03-14 14:30")
        guard case .detail(let d)? = runner.state.stack.last else { return XCTFail("\(runner.state.stack)") }
        XCTAssertEqual(d.data?.correspondence.log.count, 1, "the detail shows it at once")
        XCTAssertTrue(Render.frame(runner.state).rows().joined().contains("Logged on"))
        runner.dispatch(.key(.char("u")))
        XCTAssertEqual(try store.correspondence(contactID: id).log, [], "u takes it back")
    }

    func testAttachRefusesAFolderChangingNothingThenKeepsAFileAndSavesItOut() throws {
        let dir = TemporaryDirectory("heard-corr-runner")
        let (runner, store, id) = try setUp(dir)
        runner.dispatch(.key(.char("D")))
        runner.dispatch(.key(.char("a")))
        keys(runner, dir.path)
        runner.dispatch(.key(.enter))
        guard case .form(let refused)? = runner.state.stack.last else { return XCTFail("the form closed on a refusal") }
        XCTAssertTrue(refused.form.problem?.contains("is a folder") == true, refused.form.problem ?? "")
        XCTAssertEqual(try store.correspondence(contactID: id).documents, [])
        let file = dir.file("complaint.txt")
        try Data("I wish to complain.".utf8).write(to: URL(fileURLWithPath: file))
        // Tab completes the name from the folder, as a shell does.
        runner.dispatch(.key(.ctrl("u")))
        keys(runner, dir.path + "/compl")
        runner.dispatch(.key(.tab))
        guard case .form(let completed)? = runner.state.stack.last else { return XCTFail() }
        XCTAssertEqual(completed.form["file"], file)
        runner.dispatch(.key(.enter))
        let docs = try store.correspondence(contactID: id).documents
        XCTAssertEqual(docs.map(\.name), ["complaint.txt"])
        guard case .documents(let d)? = runner.state.stack.last else { return XCTFail("\(runner.state.stack)") }
        XCTAssertEqual(d.documents.count, 1)
        // Saved out: 0600, and asked before replacing.
        let out = dir.file("copy.txt")
        runner.dispatch(.key(.char("s")))
        runner.dispatch(.key(.ctrl("u")))
        keys(runner, out)
        runner.dispatch(.key(.enter))
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), "I wish to complain.")
        var st = stat()
        XCTAssertEqual(stat(out, &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o600)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: out))
        runner.dispatch(.key(.char("s")))
        runner.dispatch(.key(.ctrl("u")))
        keys(runner, out)
        runner.dispatch(.key(.enter))
        guard case .form(let asking)? = runner.state.stack.last else { return XCTFail("\(runner.state.stack)") }
        XCTAssertEqual(asking.confirmText, "\(out) exists. Replace it?")
        runner.dispatch(.key(.char("n")))
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), "mine", "not replaced without y")
        runner.dispatch(.key(.escape))
        runner.dispatch(.key(.char("y")))
        runner.dispatch(.key(.char("u")))
        XCTAssertEqual(try store.correspondence(contactID: id).documents, [], "u takes the document back")
    }

    func testALetterRecordedWithItsAcknowledgementIsOneStep() throws {
        let dir = TemporaryDirectory("heard-corr-runner")
        let (runner, store, id) = try setUp(dir)
        runner.letters = .book(directory: nil, settings: LetterSettings())
        runner.dispatch(.key(.char("L")))
        runner.dispatch(.key(.enter))
        guard case .letters(let l)? = runner.state.stack.last, let p = l.preview else { return XCTFail("\(runner.state.stack)") }
        XCTAssertTrue(p.markdown.contains("Mrs Patel"), p.markdown)
        runner.dispatch(.key(.char("r")))
        runner.dispatch(.key(.char("a")))
        let letters = try store.correspondence(contactID: id).letters
        XCTAssertEqual(letters.map(\.template), ["acknowledgement"])
        XCTAssertEqual(letters.first?.body, p.markdown, "the text as shown is what is recorded")
        XCTAssertEqual(try store.contact(id: id).clock(calendar: try store.calendar(), today: today).current?.acknowledged, today)
        runner.dispatch(.key(.char("u")))
        XCTAssertEqual(try store.correspondence(contactID: id).letters, [])
        XCTAssertNil(try store.contact(id: id).clock(calendar: try store.calendar(), today: today).current?.acknowledged, "one undo takes both back")
    }
}
