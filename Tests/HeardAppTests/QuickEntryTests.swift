import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

final class QuickEntryTests: XCTestCase {
    func typed(_ text: String) -> [Key] { text.map { Key.char($0) } }

    func testLoggingTheDemosKindOfComplaintTakesFewKeys() throws {
        var s = makeState(rows: sampleRows(3))
        var extra = 0
        func press(_ keys: [Key]) { extra += keys.count; send(&s, keys) }
        func type(_ text: String) { send(&s, typed(text)) }
        press([.char("n")])
        guard case .form(let fs)? = s.stack.last else { return XCTFail("form opened") }
        XCTAssertEqual(fs.form.fields[fs.form.focus].key, "kind")
        press([.tab, .tab])                  // kind: complaint (default), received: today (default)
        type("Jordan Ellis")
        press([.tab])
        type("care l")                       // completes to Care Leavers
        press([.tab])
        type("comm")                         // completes to communication and information
        press([.tab])
        type("Not told about changes to the pathway plan")
        press([.tab])
        type("em")                           // channel: email
        press([.tab])
        type("care le")                      // role: care leaver
        press([.tab])
        type("y")                            // child or young person: yes
        press([.tab])
        type("Children's Rights Team")
        let effects = send(&s, [.enter])
        extra += 1
        guard case .addContact(let c)? = effects.first else { return XCTFail("saved: \(effects) \(String(describing: s.stack.last))") }
        XCTAssertEqual(c.kind, .complaint)
        XCTAssertEqual(c.received, s.today)
        XCTAssertEqual(c.complainantName, "Jordan Ellis")
        XCTAssertEqual(c.serviceArea, "Care Leavers")
        XCTAssertEqual(c.categories, ["communication and information"])
        XCTAssertEqual(c.channel, .email)
        XCTAssertEqual(c.complainantRole, .careLeaver)
        XCTAssertTrue(c.isChildOrYoungPerson)
        XCTAssertEqual(c.advocate, "Children's Rights Team")
        XCTAssertEqual(c.procedure, .statutory)
        XCTAssertLessThanOrEqual(extra, 15, "keys beyond the typed text")
        print("quick entry: \(extra) keys beyond the typed text")
        guard case .form(let waiting)? = s.stack.last, waiting.saving else { return XCTFail("the form waits for the store") }
        _ = Update.update(&s, .contactSaved(id: 9, reference: "CS-2022-0009", created: true))
        if case .form? = s.stack.last { XCTFail("saved: the form closes") }
        // The next form starts with this one's choices, not its names.
        send(&s, [.char("n")])
        guard case .form(let next)? = s.stack.last else { return XCTFail() }
        XCTAssertEqual(next.form["service_area"], "Care Leavers")
        XCTAssertEqual(next.form["channel"], "email")
        XCTAssertEqual(next.form["complainant_name"], "")
    }

    func testInlineValidationNamesTheField() {
        var s = makeState(rows: [])
        send(&s, [.char("n"), .tab, .tab, .tab] + typed("Housing"))
        let effects = send(&s, [.enter])
        XCTAssertEqual(effects, [])
        guard case .form(let fs)? = s.stack.last else { return XCTFail() }
        let area = fs.form.fields.first { $0.key == "service_area" }
        XCTAssertNotNil(area?.error)
        XCTAssertTrue(area?.error?.contains("Housing") == true, area?.error ?? "")
        XCTAssertEqual(fs.form.fields[fs.form.focus].key, "service_area", "focus moves to the field at fault")
    }

    func testDatesInEveryForm() {
        var s = makeState(rows: [])
        send(&s, [.char("n"), .tab])
        for (text, expected) in [("4/3", "2022-03-04"), ("04/03/2022", "2022-03-04"), ("yesterday", "2022-03-14"), ("2022-03-01", "2022-03-01")] {
            guard case .form(var fs)? = s.stack.last else { return XCTFail() }
            fs.form["received"] = text
            fs.form["service_area"] = "Adoption"
            s.stack[s.stack.count - 1] = .form(fs)
            let effects = send(&s, [.enter])
            guard case .addContact(let c)? = effects.first else { return XCTFail("\(text): \(effects)") }
            XCTAssertEqual(c.received.iso, expected, text)
            send(&s, [.char("n")])
        }
        guard case .form(var fs)? = s.stack.last else { return XCTFail() }
        fs.form["received"] = "31/02/2022"
        fs.form["service_area"] = "Adoption"
        s.stack[s.stack.count - 1] = .form(fs)
        XCTAssertEqual(send(&s, [.enter]), [])
        guard case .form(let after)? = s.stack.last else { return XCTFail() }
        XCTAssertNotNil(after.form.fields.first { $0.key == "received" }?.error)
    }

    func testEscAsksOnlyWhenSomethingWasTyped() {
        var s = makeState(rows: [])
        send(&s, [.char("n"), .escape])
        XCTAssertTrue(s.stack.isEmpty, "nothing typed: Esc just leaves")
        send(&s, [.char("n"), .tab, .tab, .char("A"), .escape])
        guard case .form(let fs)? = s.stack.last else { return XCTFail("still open, asking") }
        XCTAssertTrue(fs.form.confirmingDiscard)
        send(&s, [.char("n")])
        guard case .form(let kept)? = s.stack.last else { return XCTFail("any other key keeps editing") }
        XCTAssertEqual(kept.form["complainant_name"], "A")
        send(&s, [.escape, .char("y")])
        XCTAssertTrue(s.stack.isEmpty)
    }

    /// Someone else saved first: the form waits under the question, so that a reapply the store
    /// refuses shows why with what was typed (it had lost it all); d, or any other key, drops it.
    func testAFormWhoseSaveMetAConflictWaitsUnderItAndARefusedReapplyKeepsWhatWasTyped() {
        var s = makeState(rows: sampleRows(3))
        send(&s, [.enter])
        _ = Update.update(&s, .caseLoaded(detailData()))
        let depth = s.stack.count
        send(&s, [.char("e"), .ctrl("u")] + typed("Ana Lima"))
        guard case .updateContact(let mine, let original)? = send(&s, [.enter]).first else { return XCTFail("saved") }
        let reapply = Effect.updateContact(mine, original: original)
        _ = Update.update(&s, .conflict(Conflict(reference: "CS-2022-0001", changes: ["summary: a → b"], reapply: [reapply])))
        XCTAssertEqual(s.dialog?.formWaitsUnder, true)
        XCTAssertEqual(send(&s, [.char("r")]), [reapply])
        _ = Update.update(&s, .failed("Received: after today"))
        guard case .form(let fs)? = s.stack.last else { return XCTFail("the form is back: \(s.stack)") }
        XCTAssertEqual(fs.form["complainant_name"], "Ana Lima", "what was typed")
        XCTAssertTrue(fs.form.problem?.contains("after today") == true, fs.form.problem ?? "")
        XCTAssertFalse(fs.saving)
        // Saved again, another conflict: d drops the form, as any key but r does.
        XCTAssertFalse(send(&s, [.enter]).isEmpty)
        _ = Update.update(&s, .conflict(Conflict(reference: "CS-2022-0001", changes: ["x"], reapply: [reapply])))
        XCTAssertEqual(send(&s, [.char("d")]), [])
        XCTAssertEqual(s.stack.count, depth, "back on the case")
        // Esc answers nothing: the form stays, as typed, saved by nothing (a trial: it had gone).
        send(&s, [.char("e"), .ctrl("u")] + typed("Bea Lima") + [.enter])
        _ = Update.update(&s, .conflict(Conflict(reference: "CS-2022-0001", changes: ["x"], reapply: [reapply])))
        XCTAssertEqual(send(&s, [.escape]), [])
        XCTAssertNil(s.dialog)
        guard case .form(let kept)? = s.stack.last else { return XCTFail("the form stays: \(s.stack)") }
        XCTAssertEqual(kept.form["complainant_name"], "Bea Lima")
        XCTAssertFalse(kept.saving)
        XCTAssertTrue(kept.form.problem?.contains("someone else changed it") == true, kept.form.problem ?? "")
    }

    func testEditOpensTheCaseFieldsAndSavesWithItsVersion() {
        var s = makeState(rows: sampleRows(3))
        send(&s, [.enter])
        var data = detailData()
        data.contact.version = 7
        _ = Update.update(&s, .caseLoaded(data))
        send(&s, [.char("e")])
        guard case .form(let fs)? = s.stack.last else { return XCTFail() }
        XCTAssertEqual(fs.form["complainant_name"], "李小龍")
        XCTAssertEqual(fs.form["service_area"], "Care Leavers")
        send(&s, [.ctrl("u")] + typed("Ana Lima"))
        let effects = send(&s, [.enter])
        guard case .updateContact(let c, let original)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(c.complainantName, "Ana Lima")
        XCTAssertEqual(c.version, 7)
        XCTAssertEqual(original.complainantName, "李小龍")
        XCTAssertEqual(c.issues.map(\.category), data.contact.issues.map(\.category), "issues and their findings are kept")
        XCTAssertEqual(c.issues.first?.findings[1], .upheld)
    }

    func testCtrlOAsksForTheEditorOnLongTextAndCtrlEGoesToTheEnd() {
        var s = makeState(rows: [])
        send(&s, [.char("n"), .tab, .tab, .tab, .tab, .tab])
        guard case .form(let fs)? = s.stack.last else { return XCTFail() }
        XCTAssertEqual(fs.form.fields[fs.form.focus].key, "summary")
        XCTAssertEqual(send(&s, [.char("a"), .char("b"), .ctrl("a"), .ctrl("e"), .char("c")]), [])
        guard case .form(let typed)? = s.stack.last else { return XCTFail() }
        XCTAssertEqual(typed.form["summary"], "abc", "ctrl-e moves to the end of the line")
        XCTAssertEqual(send(&s, [.ctrl("u"), .ctrl("o")]), [.openEditor(field: "summary", text: "")])
        _ = Update.update(&s, .textEdited(field: "summary", text: "Line one\nLine two\u{1B}[2J"))
        guard case .form(let after)? = s.stack.last else { return XCTFail() }
        XCTAssertEqual(after.form["summary"], "Line one\nLine two[2J", "control characters from the editor are dropped")
        // Opened again, the editor gets the lines, not the one-line view's ↵ (a trial: the summary
        // was saved with "↵" for each break after the editor was only opened and left).
        XCTAssertEqual(send(&s, [.ctrl("o")]), [.openEditor(field: "summary", text: "Line one\nLine two[2J")])
        // Edited on its one line, the breaks stay breaks.
        send(&s, [.end, .char("!")])
        guard case .form(let edited)? = s.stack.last else { return XCTFail() }
        XCTAssertEqual(edited.form["summary"], "Line one\nLine two[2J!")
        XCTAssertEqual(send(&s, [.ctrl("o")]), [.openEditor(field: "summary", text: "Line one\nLine two[2J!")])
    }
}
