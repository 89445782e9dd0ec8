import Foundation
import GRDB
import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

/// A form never loses what was typed: a refusal (by the procedure, by the store, by a file busy
/// in another process) keeps it open with the text and the reason beside the field.
final class FormKeepsInputTests: XCTestCase {
    let cal = WorkingDayCalendar.englandAndWales

    func typed(_ text: String) -> [Key] { text.map { Key.char($0) } }

    func openExtend(today: String = "2022-01-20") -> AppState {
        var contact = sampleComplaint(received: "2022-01-10")
        contact.id = 1
        contact.version = 3
        var s = makeState(rows: sampleRows(2))
        s.today = day(today)
        send(&s, [.char("w")])
        _ = Update.update(&s, .caseLoaded(CaseDetailData(contact: contact, clock: contact.clock(calendar: cal, today: s.today),
                                                         history: [], learning: [], actions: [], calendar: cal)))
        send(&s, [.char("x")])
        return s
    }

    func form(_ s: AppState) -> FormScreen? {
        if case .form(let fs)? = s.stack.last { return fs }
        return nil
    }

    func testAnExtensionPastTheMaximumKeepsTheReasonAndSaysSoAtTheNewDeadline() throws {
        var s = openExtend()
        send(&s, [.tab] + typed("2022-06-30") + [.tab] + typed("Waiting for the foster carer's records"))
        XCTAssertEqual(send(&s, [.enter]), [], "nothing is recorded")
        let fs = try XCTUnwrap(form(s), "the form stays open")
        XCTAssertEqual(fs.form["reason"], "Waiting for the foster carer's records")
        XCTAssertEqual(fs.form["new_due"], "2022-06-30")
        let due = try XCTUnwrap(fs.form.fields.first { $0.key == "new_due" })
        XCTAssertTrue(due.error?.contains("maximum") ?? false, due.error ?? "no error beside the new deadline")
        XCTAssertEqual(fs.form.fields[fs.form.focus].key, "new_due")
        let screen = Render.frame(s).rows().joined(separator: "\n")
        XCTAssertTrue(screen.contains("Waiting for the foster carer's records"), screen)
        XCTAssertTrue(screen.contains("maximum"), screen)
        // Correcting the date (ctrl-u clears it, the reason stays) records the extension.
        send(&s, [.ctrl("u")] + typed("2022-02-04"))
        XCTAssertEqual(send(&s, [.enter]), [.record(CaseEvent(kind: .extended, date: day("2022-01-20"), newDue: day("2022-02-04"),
                                                               reason: "Waiting for the foster carer's records"), contactID: 1, version: 3)])
    }

    func testARefusalFromTheStoreComesBackToTheFormWithTheTextKept() throws {
        var s = openExtend()
        send(&s, [.tab] + typed("2022-02-04") + [.tab] + typed("Manager on leave"))
        XCTAssertEqual(send(&s, [.enter]).count, 1)
        XCTAssertEqual(form(s)?.saving, true, "the form waits for the store")
        _ = Update.update(&s, .failed("reason: a reason must say why the deadline moves"))
        let fs = try XCTUnwrap(form(s), "refused: the form is still open")
        XCTAssertFalse(fs.saving)
        XCTAssertEqual(fs.form["reason"], "Manager on leave")
        XCTAssertEqual(fs.form.fields.first { $0.key == "reason" }?.error, "a reason must say why the deadline moves")
        XCTAssertEqual(fs.form.fields[fs.form.focus].key, "reason")
        XCTAssertEqual(fs.form.problem, "Not saved: a reason must say why the deadline moves. What you typed is kept: correct it and press Enter, or Enter to try again.",
                       "the message ends as a sentence before the next begins")
        XCTAssertNil(s.message, "the reason is on the form, not only in the status line")
        // Typing goes on at the end of the text; nothing is replaced.
        send(&s, typed(" until Monday"))
        XCTAssertEqual(form(s)?.form["reason"], "Manager on leave until Monday")
    }

    /// A refusal of the step as a whole names no field and asks for no correction.
    func testARefusalOfTheWholeStepAsksForNoCorrection() throws {
        var s = openExtend()
        send(&s, [.tab] + typed("2022-02-04") + [.tab] + typed("Manager on leave"))
        XCTAssertEqual(send(&s, [.enter]).count, 1)
        _ = Update.update(&s, .failed("CS-2022-0001 was anonymised on 2022-07-01: its course is over, so it takes no further move, finding or issue; nothing was changed."))
        let fs = try XCTUnwrap(form(s), "refused: the form is still open")
        XCTAssertEqual(fs.form["reason"], "Manager on leave")
        XCTAssertTrue(fs.form.fields.allSatisfy { $0.error == nil }, "no field is blamed")
        XCTAssertEqual(fs.form.problem, "Not saved: CS-2022-0001 was anonymised on 2022-07-01: its course is over, so it takes no further move, finding or issue; "
                       + "nothing was changed. What you typed is kept: Enter tries again, Esc leaves the form.")
    }

    /// A refusal too long for the form's two problem lines at 80 columns (a full disk, named by
    /// its path) keeps what to do next whole on the last line, the reason cut before it.
    func testALongRefusalKeepsWhatToDoNextWholeAtEightyColumns() throws {
        var s = openExtend()
        send(&s, [.tab] + typed("2022-02-04") + [.tab] + typed("Manager on leave"))
        XCTAssertEqual(send(&s, [.enter]).count, 1)
        let path = "/srv/heard/children-services/complaints/team-record-2022.sqlite"
        _ = Update.update(&s, .failed("\(path): the disk is full; nothing was written. Free some space and try again."))
        s.size = Size(width: 80, height: 24)
        let rows = Render.frame(s).rows()
        XCTAssertTrue(rows.contains { $0.contains("What you typed is kept: Enter tries again, Esc leaves the form.") }, rows.joined(separator: "\n"))
        XCTAssertTrue(rows.contains { $0.contains("Not saved: /srv/heard/children-servi…/team-record-2022.sqlite: the disk is") }, rows.joined(separator: "\n"))
        XCTAssertTrue(rows.contains { $0.contains("Free some space and try again.") }, "the reason whole over two lines")
        // Wide: the reason on a line, what to do next on its own.
        s.size = Size(width: 200, height: 40)
        let wide = Render.frame(s).rows()
        XCTAssertTrue(wide.contains { $0.contains("Not saved: \(path): the disk is full; nothing was written. Free some space and try again.") }, wide.joined(separator: "\n"))
        XCTAssertTrue(wide.contains { $0.trimmingCharacters(in: .whitespaces) == "What you typed is kept: Enter tries again, Esc leaves the form." }, wide.joined(separator: "\n"))
    }

    func testANewContactRefusedKeepsEveryField() throws {
        var s = makeState(rows: sampleRows(2))
        send(&s, [.char("n"), .tab, .tab] + typed("Jordan Ellis") + [.tab] + typed("care l") + [.tab, .tab] + typed("Told nothing"))
        guard case .addContact? = send(&s, [.enter]).first else { return XCTFail("saved") }
        _ = Update.update(&s, .failed("database error: the file is locked by another process; try again"))
        let fs = try XCTUnwrap(form(s))
        XCTAssertEqual(fs.form["complainant_name"], "Jordan Ellis")
        XCTAssertEqual(fs.form["summary"], "Told nothing")
        XCTAssertTrue(fs.form.problem?.contains("locked by another process") ?? false, fs.form.problem ?? "")
        // Enter again tries again.
        guard case .addContact? = send(&s, [.enter]).first else { return XCTFail("tried again") }
    }

    /// Through the runner and a real file: another process holds the write lock, the action
    /// typed is kept with the reason; once the lock is gone, Enter saves it.
    func testABusyFileKeepsTheActionTextAndEnterTriesAgain() throws {
        let dir = TemporaryDirectory("heard-busy")
        var options = StoreOptions(actor: "Test Officer")
        options.busyTimeout = 0.05
        options.busyRetries = 1
        let store = try Store(path: try storePath(in: dir, name: "heard.sqlite"), options: options)
        let today = day("2022-03-15")
        let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false)
        let backend = TestBackend(size: Size(width: 100, height: 30))
        let runner = AppRunner(state: AppState(size: backend.size, today: today, readOnly: false, databaseLabel: "busy", unicode: true, keymap: keymap),
                               store: store, backend: backend)
        runner.firstFrame()
        runner.loadEverything()
        let lock = try HeldWriteLock(path: try storePath(in: dir, name: "heard.sqlite"))
        let line = "Review the pathway plan letters @Dana due:2022-04-29"
        // Dana owns no action yet: y says she is a new owner, then the save meets the busy file.
        for k in [Key.char("A"), .char("a")] + typed(line) + [.enter, .char("y")] { runner.dispatch(.key(k)) }
        guard case .form(let fs)? = runner.state.stack.last else { return XCTFail("the form stays open while the file is busy") }
        XCTAssertEqual(fs.form["line"], line)
        // On a server there is no file: another session holds the writers' turn.
        let busy = TestDatabase.isPostgres ? "another session is saving to the database" : "the file is busy (another Heard?)"
        let waiting = TestDatabase.isPostgres ? "Saving… (another session is saving)" : "Saving… (the file is busy)"
        XCTAssertEqual(fs.form.problem, "Not saved: \(busy). What you typed is kept: Enter tries again.",
                       "message: \(runner.state.message?.text ?? "")")
        // Said whole at 100 columns and, wrapped, at 80; the screen said why it waited first.
        XCTAssertTrue(Render.frame(runner.state).rows().joined().contains("What you typed is kept: Enter tries again."))
        var narrow = runner.state
        narrow.size = Size(width: 80, height: 24)
        let rows = Render.frame(narrow).rows()
        XCTAssertTrue(rows.contains { $0.contains("Not saved: \(busy).") }, rows.joined(separator: "\n"))
        XCTAssertTrue(rows.contains { $0.contains("tries again.") }, rows.joined(separator: "\n"))
        XCTAssertFalse(rows.joined().contains("Saving…"), "the wait is over")
        XCTAssertTrue(backend.frames.contains { $0.rows().joined().contains(waiting) }, "the wait was announced")
        XCTAssertEqual(try store.actions(today: today).count, 0, "nothing was written")
        lock.release()
        runner.dispatch(.key(.enter))
        if case .form? = runner.state.stack.last { XCTFail("saved: the form closes") }
        XCTAssertEqual(try store.actions(today: today).map(\.title), ["Review the pathway plan letters"])
    }
}

extension FormKeepsInputTests {
    /// Someone else saves the action being edited: the save is refused and says so, the form
    /// keeps the typed due date and now edits their version; Enter saves ours beside their title.
    func testAnActionEditedElsewhereKeepsTheFormAndEnterSavesOursOverTheirs() throws {
        let dir = TemporaryDirectory("heard-action-conflict")
        let store = try makeStore(in: dir)
        let other = try makeStore(in: dir, actor: "Someone Else")
        let today = day("2022-03-15")
        let a = try store.addAction(ActionItem(title: "Chase the plan", owner: "Team Manager", created: today, due: day("2022-04-01")))
        let (keymap, _) = DefaultKeys.keymap(overrides: nil, file: "keys.toml", readOnly: false)
        let backend = TestBackend(size: Size(width: 100, height: 30))
        let runner = AppRunner(state: AppState(size: backend.size, today: today, readOnly: false, databaseLabel: "conflict", unicode: true, keymap: keymap),
                               store: store, backend: backend)
        runner.firstFrame()
        runner.loadEverything()
        for k in [Key.char("A"), .char("e")] { runner.dispatch(.key(k)) }
        guard case .form? = runner.state.stack.last else { return XCTFail("the edit form") }
        var theirs = try other.action(id: a.id!)
        theirs.title = "Chase the pathway plan"
        _ = try other.updateAction(theirs)
        for k in [Key.tab, .tab, .ctrl("u")] + typed("2022-05-02") + [.enter] { runner.dispatch(.key(k)) }
        guard case .form(let fs)? = runner.state.stack.last else { return XCTFail("refused: the form stays") }
        XCTAssertEqual(fs.form["due"], "2022-05-02")
        XCTAssertTrue(fs.form.problem?.contains("someone else") ?? false, fs.form.problem ?? "")
        runner.dispatch(.key(.enter))
        if case .form? = runner.state.stack.last { XCTFail("saved the second time: \(runner.state.message?.text ?? "")") }
        let saved = try store.action(id: a.id!)
        XCTAssertEqual(saved.due, day("2022-05-02"), "ours")
        XCTAssertEqual(saved.title, "Chase the pathway plan", "theirs, not the title the form opened with")
    }
}
