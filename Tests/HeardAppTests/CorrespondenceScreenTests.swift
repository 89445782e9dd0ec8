import Foundation
@testable import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

/// `l`, `D` and `L` on a case: the keys, what each screen asks the runner for, and how the
/// runner's answers come back to them.
final class CorrespondenceScreenTests: XCTestCase {
    let cal = WorkingDayCalendar.englandAndWales

    /// A stage 1 complaint received on Friday 2022-03-11, not acknowledged (today is 2022-03-15).
    func unacknowledged(documents: [DocumentInfo] = []) -> CaseDetailData {
        var c = sampleComplaint(received: "2022-03-11", name: "Mrs Patel")
        c.id = 1
        c.version = 3
        c.reference = "CS-2022-0042"
        return CaseDetailData(contact: c, clock: c.clock(calendar: cal, today: day("2022-03-15")), history: [], learning: [], actions: [],
                              calendar: cal, correspondence: Correspondence(documents: documents))
    }

    func onDetail(_ data: CaseDetailData, readOnly: Bool = false, size: Size = Size(width: 80, height: 24)) -> AppState {
        var s = makeState(rows: sampleRows(3), size: size, readOnly: readOnly)
        s.stack.append(.detail(CaseDetailState(id: 1)))
        _ = Update.update(&s, .caseLoaded(data))
        return s
    }

    func typed(_ text: String) -> [Key] { text.map { Key.char($0) } }

    func form(_ s: AppState) -> FormScreen? { if case .form(let f)? = s.stack.last { return f }; return nil }

    // MARK: - l

    func testLogAContactInOneLineWithThePreviewAndTheProblemWhereItIs() {
        var s = onDetail(unacknowledged())
        XCTAssertEqual(send(&s, [.char("l")]), [])
        guard let empty = form(s) else { return XCTFail("no form") }
        XCTAssertEqual(empty.purpose, .logContact(unacknowledged().contact))
        XCTAssertTrue(empty.form.preview.joined().contains("[in|out]"), "an empty line shows how to write one")
        send(&s, typed("out call \"Mrs Patel\" yesterday 25:30 chased"))
        guard let bad = form(s) else { return XCTFail() }
        XCTAssertEqual(bad.form.previewProblemAt, 31, "the problem is at the time")
        XCTAssertTrue(bad.form.preview.first?.contains("25:30") == true, bad.form.preview.joined())
        XCTAssertTrue(Render.frame(s).rows().joined(separator: "\n").contains("'25:30' is not a time of day"))
        XCTAssertEqual(send(&s, [.enter]), [], "a line with a problem saves nothing")
        XCTAssertEqual(form(s)?.form.fields.first?.error, "'25:30' is not a time of day (like 14:30 or 2:30pm)")
        // Put it right: the preview reads as the log will.
        send(&s, [.ctrl("a")] + Array(repeating: Key.right, count: 31) + [.delete, .delete, .delete, .delete, .delete] + typed("14:30"))
        XCTAssertEqual(form(s)?.form.preview, ["Reads: 2022-03-14 14:30  call out to Mrs Patel: chased"])
        XCTAssertNil(form(s)?.form.previewProblemAt)
        let effects = send(&s, [.enter])
        let entry = LogEntry(direction: .outgoing, kind: .call, with: "Mrs Patel", at: LogTime(date: day("2022-03-14"), minutes: 14 * 60 + 30), note: "chased")
        XCTAssertEqual(effects, [.addLogEntry(entry, contactID: 1, timeGiven: true)])
        XCTAssertEqual(form(s)?.saving, true, "the form waits for the store")
        // The store's answer closes it and the detail shows the case again.
        _ = Update.update(&s, .caseChanged(unacknowledged(), said: "Logged."))
        guard case .detail? = s.stack.last else { return XCTFail("\(s.stack)") }
    }

    func testNoTimeTypedMeansNowAndTheRunnerStampsIt() {
        var s = onDetail(unacknowledged())
        send(&s, [.char("l")] + typed("in email @school: asked for the report"))
        XCTAssertEqual(form(s)?.form.preview, ["Reads: now  email in from school: asked for the report"])
        let effects = send(&s, [.enter])
        guard case .addLogEntry(let e, 1, false)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(e.with, "school")
        XCTAssertEqual(e.note, "asked for the report")
    }

    func testCtrlOWritesTheNoteInTheEditorAndItComesBackAfterTheHead() {
        var s = onDetail(unacknowledged())
        send(&s, [.char("l")] + typed("out email @school: short"))
        XCTAssertEqual(send(&s, [.ctrl("o")]), [.openEditor(field: ContactLogForm.noteField, text: "short")])
        _ = Update.update(&s, .textEdited(field: ContactLogForm.noteField, text: "first line\nsecond line"))
        XCTAssertEqual(form(s)?.form["line"], "out email @school: first line\nsecond line")
        XCTAssertEqual(form(s)?.form.preview, ["Reads: now  email out to school: first line  (+1 more line)"])
        guard case .addLogEntry(let e, _, _)? = send(&s, [.enter]).first else { return XCTFail() }
        XCTAssertEqual(e.note, "first line\nsecond line")
    }

    /// Read-only shows the letters and documents and saves them out (reading, as `heard letter`
    /// and `heard document` do read-only); it offers nothing that changes the record.
    func testReadOnlyShowsLettersAndDocumentsButChangesNothing() {
        var s = onDetail(unacknowledged(), readOnly: true)
        XCTAssertEqual(send(&s, [.char("l")]), [])
        guard case .detail? = s.stack.last else { return XCTFail("l opened something in read-only mode") }
        let hints = Render.hints(s).map(\.label)
        XCTAssertFalse(hints.contains("log"))
        XCTAssertTrue(hints.contains("letters"), "\(hints)")
        XCTAssertTrue(hints.contains("docs"), "\(hints)")

        XCTAssertEqual(send(&s, [.char("L")]), [.loadLetters(contactID: 1)])
        _ = Update.update(&s, .lettersLoaded(contactID: 1, templates, problems: []))
        guard case .letters? = s.stack.last else { return XCTFail("L shows the letters") }
        for k in ["r", "e"] {
            XCTAssertEqual(send(&s, [.char(Character(k))]), [])
            XCTAssertEqual(s.message?.text, "\(k) is not offered while this session is read-only. Press ? for the keys.")
        }
        XCTAssertFalse(Render.hints(s).map(\.label).contains("record sent"))
        // What to do names only the keys offered.
        _ = send(&s, [.char("s")])
        XCTAssertEqual(s.message?.text, "Enter shows the letter first; then s saves it.")
        // The letter shown arrives after the key: the list's message stays behind, and Enter
        // (which shows nothing more) leaves the hints.
        _ = send(&s, [.char("r"), .enter])
        _ = Update.update(&s, .letterRendered(contactID: 1, template: "acknowledgement", .success("Dear Mrs Patel,")))
        XCTAssertNotNil(letters(s)?.preview)
        XCTAssertNil(s.message)
        XCTAssertEqual(Render.hints(s).map(\.label).filter { ["show", "save"].contains($0) }, ["save"])
        XCTAssertEqual(send(&s, [.char("s")]).count, 0)
        guard case .form? = s.stack.last else { return XCTFail("s saves the letter shown out") }

        var d = onDetail(unacknowledged(), readOnly: true)
        _ = send(&d, [.char("D")])
        guard case .documents? = d.stack.last else { return XCTFail("D shows the documents") }
        XCTAssertEqual(send(&d, [.char("a")]), [])
        guard case .documents? = d.stack.last else { return XCTFail("a opened something in read-only mode") }
        XCTAssertTrue(Render.hints(d).map(\.label).contains("save out"))
        _ = send(&d, [.char("s")])
        XCTAssertEqual(d.message?.text, "No document to save.")
        XCTAssertFalse(Render.frame(d).rows().joined().contains("attaches"))
    }

    func testTheDetailHintBarKeepsHelpAndBackAt80Columns() {
        let s = onDetail(unacknowledged())
        let bar = Render.frame(s).rows().last ?? ""
        XCTAssertTrue(bar.contains("? help"), bar)
        XCTAssertTrue(bar.contains("q back"), bar)
        XCTAssertTrue(bar.contains("l log"), bar)
        XCTAssertTrue(bar.contains("u undo"), bar)
        XCTAssertTrue(bar.contains("L letters"), bar)
        XCTAssertTrue(bar.contains("D docs"), bar)
    }

    /// The "NN%" of a case longer than the screen stands after the last row's text, never over
    /// it (a trial read "communication and informatio 100%").
    func testTheScrollPercentageDoesNotCoverTheLastRowsText() {
        var data = unacknowledged()
        data.contact.summary = (1...300).map { "word\($0)" }.joined(separator: " ")
        let rows = Render.frame(onDetail(data)).rows()
        guard let last = rows.last(where: { $0.range(of: #" \d+% $"#, options: .regularExpression) != nil }),
              let pct = last.range(of: #" \d+% $"#, options: .regularExpression) else {
            return XCTFail("no percentage: \(rows)")
        }
        // The same line on a screen tall enough for all of it: what the last row shows of it
        // is its beginning, cut with "…" where the tag begins, not written over.
        let tall = Render.frame(onDetail(data, size: Size(width: 80, height: 200))).rows()
        var shown = String(last[..<pct.lowerBound])
        let cut = shown.hasSuffix("…")
        if cut { shown.removeLast() }
        let whole = try? XCTUnwrap(tall.first { $0.hasPrefix(shown) && $0.count > 0 })
        XCTAssertNotNil(whole, "\(last) is not the beginning of a line of the case")
        if let whole { XCTAssertTrue(cut || whole.trimmingCharacters(in: .whitespaces) == shown.trimmingCharacters(in: .whitespaces), "\(last) | \(whole)") }
    }

    func testTheDocumentsFooterSaysWhoAddedItWholeAt80Columns() {
        let doc = DocumentInfo(id: 1, number: 1, name: "complaint.pdf", size: 2048, type: "application/pdf", added: day("2022-03-11"),
                               sha256: String(repeating: "ab", count: 32), addedBy: "Helen Sanderson")
        var s = onDetail(unacknowledged(documents: [doc]))
        send(&s, [.char("D")])
        let rows = Render.frame(s).rows()
        let footer = rows[rows.count - 3]
        XCTAssertTrue(footer.contains("added by Helen Sanderson · SHA-256 abab"), footer)
        s.size = Size(width: 200, height: 60)
        let wide = Render.frame(s).rows()
        XCTAssertTrue(wide[wide.count - 3].contains("SHA-256 \(doc.sha256) · added by Helen Sanderson"), wide[wide.count - 3])
    }

    func testTheSaveLetterFormShowsItsDefaultFileInTheFieldForTheFormatChosen() {
        let file = LetterFile(contactID: 1, reference: "CS-2022-0042", template: "acknowledgement", stage: 1, markdown: "x", format: "docx")
        var fs = CorrespondenceForms.saveLetter(file, onDetail(unacknowledged()).context(withRows: false))
        XCTAssertEqual(fs.form.fields.first { $0.key == "file" }?.label, "File")
        XCTAssertEqual(fs.form.fields.first { $0.key == "file" }?.hint, "blank: CS-2022-0042-acknowledgement.docx")
        fs.form["format"] = "md"
        CorrespondenceForms.refreshSaveLetter(&fs.form, file)
        XCTAssertEqual(fs.form.fields.first { $0.key == "file" }?.hint, "blank: CS-2022-0042-acknowledgement.md")
        fs.form["file"] = "mine.md"
        CorrespondenceForms.refreshSaveLetter(&fs.form, file)
        XCTAssertNil(fs.form.fields.first { $0.key == "file" }?.hint, "a typed name is what is written")
    }

    func testTheEditorGetsAFileEndingInALineBreakAndItsLinesComeBack() {
        XCTAssertEqual(AppRunner.textForEditor("first line"), "first line\n", "an appended line starts on its own")
        XCTAssertEqual(AppRunner.textForEditor(""), "")
        XCTAssertEqual(AppRunner.textFromEditor(Data("first line\nEdited by me\n\n".utf8)), "first line\nEdited by me")
        XCTAssertEqual(AppRunner.textFromEditor(Data("a\r\nb\r\n".utf8)), "a\nb")
    }

    func testALogLineBeforeTheCaseWasReceivedIsSaidInThePreviewAndNotSaved() {
        var s = onDetail(unacknowledged())
        send(&s, [.char("l")] + typed("out call 2019-01-01 rang"))
        XCTAssertEqual(form(s)?.form.preview, ["2019-01-01 is before the case was received on 2022-03-11"])
        XCTAssertEqual(send(&s, [.enter]), [])
    }

    // MARK: - D

    func testDocumentsAttachRefusedKeepsTheFormThenSaveOutAsksBeforeReplacing() {
        var s = onDetail(unacknowledged())
        XCTAssertEqual(send(&s, [.char("D")]), [])
        guard case .documents(let d)? = s.stack.last else { return XCTFail("\(s.stack)") }
        XCTAssertTrue(d.documents.isEmpty)
        XCTAssertTrue(Render.frame(s).rows().joined().contains("No documents kept with this case"))
        XCTAssertEqual(send(&s, [.char("a")] + typed("~/letters/")), [])
        XCTAssertEqual(send(&s, [.enter]), [.attachDocument(path: "~/letters/", contactID: 1)])
        // The runner refuses a folder: the form stays with the path as typed and the reason.
        _ = Update.update(&s, .failed("/home/me/letters/: is a folder, not a file"))
        XCTAssertEqual(form(s)?.form["file"], "~/letters/")
        XCTAssertTrue(form(s)?.form.problem?.contains("is a folder") == true, form(s)?.form.problem ?? "")
        send(&s, [.backspace] + typed("/complaint.pdf"))
        XCTAssertEqual(send(&s, [.enter]), [.attachDocument(path: "~/letters/complaint.pdf", contactID: 1)])
        let doc = DocumentInfo(id: 9, number: 1, name: "complaint.pdf", size: 48_000, type: "application/pdf", added: day("2022-03-15"), sha256: "ab12")
        _ = Update.update(&s, .caseChanged(unacknowledged(documents: [doc]), said: "Attached."))
        guard case .documents(let after)? = s.stack.last else { return XCTFail("\(s.stack)") }
        XCTAssertEqual(after.documents, [doc])
        XCTAssertTrue(Render.frame(s).rows().joined().contains("complaint.pdf"))
        // Enter saves it out, to ./NAME unless changed.
        send(&s, [.enter])
        XCTAssertEqual(form(s)?.form["file"], "./complaint.pdf")
        let save = Effect.saveDocument(contactID: 1, number: 1, path: "./complaint.pdf", replace: false)
        XCTAssertEqual(send(&s, [.enter]), [save])
        let replace = Effect.saveDocument(contactID: 1, number: 1, path: "./complaint.pdf", replace: true)
        _ = Update.update(&s, .askReplace(path: "./complaint.pdf", replace: replace))
        XCTAssertEqual(form(s)?.confirmText, "./complaint.pdf exists. Replace it?")
        XCTAssertEqual(send(&s, [.char("n")]), [], "anything but y keeps the file")
        XCTAssertEqual(form(s)?.saving, false)
        send(&s, [.enter])
        _ = Update.update(&s, .askReplace(path: "./complaint.pdf", replace: replace))
        XCTAssertEqual(send(&s, [.char("y")]), [replace])
    }

    // MARK: - L

    let templates = [LetterChoice(template: "acknowledgement", title: "Acknowledgement"), LetterChoice(template: "extension", title: "Extension notice"),
                     LetterChoice(template: "panel-invite", title: "Panel invitation", council: true)]

    func lettersScreen(size: Size = Size(width: 80, height: 24)) -> AppState {
        var s = onDetail(unacknowledged(), size: size)
        XCTAssertEqual(send(&s, [.char("L")]), [.loadLetters(contactID: 1)])
        _ = Update.update(&s, .lettersLoaded(contactID: 1, templates, problems: []))
        return s
    }

    func letters(_ s: AppState) -> LettersState? { if case .letters(let l)? = s.stack.last { return l }; return nil }

    func testLettersListWhatTheStageNeedsFirstThenEveryTemplate() {
        let s = lettersScreen()
        guard let l = letters(s) else { return XCTFail() }
        XCTAssertEqual(l.choices.map(\.template), ["acknowledgement", "acknowledgement", "extension", "panel-invite"])
        XCTAssertEqual(l.choices.first?.need?.due, day("2022-03-16"))
        XCTAssertNil(l.choices.first?.need?.sent)
        XCTAssertEqual(l.needCount, 1)
    }

    func testPreviewEditSaveAndRecordWithTheAcknowledgementInOneStep() {
        var s = lettersScreen()
        XCTAssertEqual(send(&s, [.enter]), [.renderLetter(contactID: 1, template: "acknowledgement")])
        _ = Update.update(&s, .letterRendered(contactID: 1, template: "acknowledgement", .success("# Acknowledgement\n\nDear Mrs Patel,")))
        XCTAssertEqual(letters(s)?.preview?.markdown, "# Acknowledgement\n\nDear Mrs Patel,")
        XCTAssertEqual(letters(s)?.preview?.stage, 1)
        XCTAssertTrue(Render.frame(s).rows().joined().contains("Dear Mrs Patel,"))
        // e: the editor's text is the letter now.
        XCTAssertEqual(send(&s, [.char("e")]), [.editLetter(contactID: 1, template: "acknowledgement", text: "# Acknowledgement\n\nDear Mrs Patel,")])
        _ = Update.update(&s, .letterRendered(contactID: 1, template: "acknowledgement", .success("# Acknowledgement\n\nDear Mrs Patel, thank you.")))
        XCTAssertEqual(letters(s)?.preview?.edited, true)
        // s: format and file, default REF-NAME.ext here.
        send(&s, [.char("s")])
        XCTAssertEqual(form(s)?.form["format"], "docx")
        let file = LetterFile(contactID: 1, reference: "CS-2022-0042", template: "acknowledgement", stage: 1,
                              markdown: "# Acknowledgement\n\nDear Mrs Patel, thank you.", format: "docx", path: "CS-2022-0042-acknowledgement.docx")
        XCTAssertEqual(send(&s, [.enter]), [.saveLetter(file, replace: false)])
        _ = Update.update(&s, .letterSaved(file, said: "Saved Acknowledgement to CS-2022-0042-acknowledgement.docx."))
        guard let d = s.dialog else { return XCTFail("no question after saving") }
        XCTAssertEqual(d.choices.map(\.key), ["y", "a"])
        XCTAssertTrue(d.lines.joined().contains("as sent on 2022-03-15"), d.lines.joined())
        let sent = LetterSent(template: "acknowledgement", stage: 1, sent: day("2022-03-15"), format: "docx", body: file.markdown)
        let ack = CaseStep(events: [CaseEvent(kind: .acknowledged, date: day("2022-03-15"))])
        XCTAssertEqual(send(&s, [.char("a")]), [.recordLetter(sent, contactID: 1, version: 3, step: ack)])
        // Esc on the letter goes back to the list; again leaves the screen.
        send(&s, [.escape])
        XCTAssertNil(letters(s)?.preview)
        XCTAssertNotNil(letters(s))
        send(&s, [.escape])
        guard case .detail? = s.stack.last else { return XCTFail("\(s.stack)") }
    }

    func testARecordedLetterShowsAsSentAndNoLongerOffersTheAcknowledgement() {
        var s = lettersScreen()
        var data = unacknowledged()
        let sent = LetterSent(id: 1, template: "acknowledgement", stage: 1, sent: day("2022-03-15"), body: "text")
        data.contact.events = [.acknowledged(day("2022-03-15"))]
        data.clock = data.contact.clock(calendar: cal, today: day("2022-03-15"))
        data.correspondence.letters = [sent]
        _ = Update.update(&s, .caseChanged(data, said: "Recorded."))
        XCTAssertEqual(letters(s)?.choices.first?.need?.sent, sent)
        XCTAssertTrue(Render.frame(s).rows().joined().contains("sent 2022-03-15"))
        send(&s, [.char("r")])
        XCTAssertTrue(s.message?.text.contains("Enter shows the letter first") == true)
        send(&s, [.enter])
        _ = Update.update(&s, .letterRendered(contactID: 1, template: "acknowledgement", .success("text")))
        send(&s, [.char("r")])
        XCTAssertEqual(s.dialog?.choices.map(\.key), ["y"], "an acknowledged stage is not acknowledged again")
    }

    func testLettersScreenAt80x24() {
        var s = lettersScreen()
        _ = Update.update(&s, .lettersLoaded(contactID: 1, templates, problems: ["panel.mustache: line 3: a tag is not finished; using Heard's own"]))
        assertFrame(Render.frame(s), named: "letters-80x24")
    }
}
