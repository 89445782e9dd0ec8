@testable import HeardApp
import HeardCore
import HeardTestSupport
import TerminalUI
import XCTest

/// The `L` screen makes and records only the letters `heard letter` would: the same refusal
/// (from the letters library), the format actually saved, and a second record asked about.
final class LetterFitScreenTests: XCTestCase {
    let cal = WorkingDayCalendar.englandAndWales

    /// An enquiry received 2022-03-11, acknowledged, not yet answered (today 2022-03-15).
    func enquiry() -> CaseDetailData {
        var c = sampleComplaint(received: "2022-03-11", name: "Mr Lee")
        c.kind = .enquiry
        c.procedure = nil
        c.issues = []
        c.id = 1
        c.version = 2
        c.reference = "EN-2022-0042"
        c.events = [.acknowledged(day("2022-03-14"))]
        return CaseDetailData(contact: c, clock: c.clock(calendar: cal, today: day("2022-03-15")), history: [], learning: [], actions: [], calendar: cal)
    }

    func lettersScreen(_ data: CaseDetailData, _ templates: [LetterChoice]) -> AppState {
        var s = makeState(rows: sampleRows(3), size: Size(width: 80, height: 24))
        s.stack.append(.detail(CaseDetailState(id: 1)))
        _ = Update.update(&s, .caseLoaded(data))
        XCTAssertEqual(send(&s, [.char("L")]), [.loadLetters(contactID: 1)])
        _ = Update.update(&s, .lettersLoaded(contactID: 1, templates, problems: []))
        return s
    }

    func letters(_ s: AppState) -> LettersState? { if case .letters(let l)? = s.stack.last { return l }; return nil }

    func testAStage3LetterOnAnEnquiryIsRefusedAsTheCommandLineRefusesIt() {
        var s = lettersScreen(enquiry(), [LetterChoice(template: "enquiry-reply", title: "Enquiry reply"),
                                          LetterChoice(template: "stage3-outcome", title: "Stage 3 outcome")])
        guard let l = letters(s), let i = l.choices.firstIndex(where: { $0.template == "stage3-outcome" }) else { return XCTFail() }
        XCTAssertEqual(l.choices[i].refusal, "stage3-outcome is a letter for a complaint, and EN-2022-0042 is an enquiry")
        XCTAssertNil(l.choices.first { $0.template == "enquiry-reply" }?.refusal)
        XCTAssertTrue(Render.frame(s).rows().joined(separator: "\n").contains("Stage 3 outcome · does not fit this case"))
        var l2 = l
        l2.selection = i
        s.stack[s.stack.count - 1] = .letters(l2)
        XCTAssertEqual(send(&s, [.enter]), [], "no letter is written")
        XCTAssertEqual(s.message?.text, "stage3-outcome is a letter for a complaint, and EN-2022-0042 is an enquiry")
        XCTAssertEqual(send(&s, [.char("r")]), [])
        XCTAssertNil(s.dialog, "nothing to record")
        // A letter that fits but needs a look: shown, with the warning said.
        let reply = l.choices.firstIndex { $0.template == "enquiry-reply" }!
        l2.selection = reply
        s.stack[s.stack.count - 1] = .letters(l2)
        XCTAssertEqual(send(&s, [.enter]), [.renderLetter(contactID: 1, template: "enquiry-reply")])
        _ = Update.update(&s, .letterRendered(contactID: 1, template: "enquiry-reply", .success("Dear Mr Lee")))
        XCTAssertTrue(s.message?.text.hasPrefix("Check: enquiry-reply: no answer given") ?? false, s.message?.text ?? "")
        XCTAssertNotNil(letters(s)?.preview)
        send(&s, [.escape])
        // Even a letter reaching the record question some other way is refused there.
        let file = LetterFile(contactID: 1, reference: "EN-2022-0042", template: "stage3-outcome", stage: 3, markdown: "x", format: "md")
        let d = LettersUpdate.recordDialog(file, enquiry(), s.context())
        XCTAssertEqual(d.choices.map(\.key), [])
        XCTAssertEqual(d.lines, ["stage3-outcome is a letter for a complaint, and EN-2022-0042 is an enquiry"])
    }

    /// A response letter recorded after the stage was answered: no word that the response
    /// "cannot be recorded yet" (a trial read it as something missing); one still to be answered
    /// is offered `p`.
    func testAResponseLetterOfAnAnsweredStageSaysNothingOfRecordingTheResponse() {
        var c = sampleComplaint(received: "2022-03-01")
        c.id = 1; c.version = 3; c.reference = "CS-2022-0001"
        for i in c.issues.indices { c.issues[i].findings[1] = .upheld }
        c.events = [.acknowledged(day("2022-03-02"))]
        let open = CaseDetailData(contact: c, clock: c.clock(calendar: cal, today: day("2022-03-15")), history: [], learning: [], actions: [], calendar: cal)
        let s = makeState(rows: sampleRows(3))
        let file = LetterFile(contactID: 1, reference: "CS-2022-0001", template: "stage1-response", stage: 1, markdown: "x", format: "md")
        XCTAssertEqual(LettersUpdate.recordDialog(file, open, s.context()).choices.map(\.key), ["y", "p"])
        c.events.append(.responded(day("2022-03-14"), stage: 1))
        let answered = CaseDetailData(contact: c, clock: c.clock(calendar: cal, today: day("2022-03-15")), history: [], learning: [], actions: [], calendar: cal)
        let d = LettersUpdate.recordDialog(file, answered, s.context())
        XCTAssertEqual(d.choices.map(\.key), ["y"])
        XCTAssertFalse(d.lines.joined(separator: " ").contains("cannot be recorded"), "\(d.lines)")
    }

    /// The default file name keeps a reference another tool wrote to one name in the current folder.
    func testTheDefaultFileNameIsOneNameHereWhateverTheReference() {
        func name(_ reference: String) -> String {
            LetterFile(contactID: 1, reference: reference, template: "acknowledgement", stage: 1, markdown: "", format: "docx").defaultPath
        }
        XCTAssertEqual(name("CS-2022-0001"), "CS-2022-0001-acknowledgement.docx")
        XCTAssertEqual(name("../../EVIL2"), "EVIL2-acknowledgement.docx")
        XCTAssertEqual(name("A/B"), "A-B-acknowledgement.docx")
        XCTAssertEqual(name("/etc/x\u{1B}[2J"), "etc-x-2J-acknowledgement.docx")
        XCTAssertEqual(name(".."), "letter-acknowledgement.docx")
        XCTAssertFalse(name("Zoë/..").contains("/"))
    }

    func testRecordWithoutSavingRecordsMarkdownAndASecondRecordIsAskedAbout() {
        var data = enquiry()
        var s = lettersScreen(data, [LetterChoice(template: "acknowledgement", title: "Acknowledgement")])
        guard let i = letters(s)?.choices.firstIndex(where: { $0.template == "acknowledgement" && $0.need == nil }) else { return XCTFail() }
        var l = letters(s)!
        l.selection = i
        s.stack[s.stack.count - 1] = .letters(l)
        XCTAssertEqual(send(&s, [.enter]), [.renderLetter(contactID: 1, template: "acknowledgement")])
        _ = Update.update(&s, .letterRendered(contactID: 1, template: "acknowledgement", .success("Dear Mr Lee")))
        send(&s, [.char("r")])
        let sent = LetterSent(template: "acknowledgement", stage: 1, sent: day("2022-03-15"), format: "md", body: "Dear Mr Lee")
        XCTAssertEqual(s.dialog?.choices.first?.effects, [.recordLetter(sent, contactID: 1, version: 2, step: nil)], "not saved: the Markdown shown")
        XCTAssertEqual(s.dialog?.lines.first, "Record Acknowledgement (stage 1) as sent on 2022-03-15?")
        s.dialog = nil

        // Saved as HTML, then r: recorded as html.
        let file = LetterFile(contactID: 1, reference: "EN-2022-0042", template: "acknowledgement", stage: 1, markdown: "Dear Mr Lee", format: "html", path: "x.html")
        _ = Update.update(&s, .letterSaved(file, said: "Saved."))
        s.dialog = nil
        send(&s, [.char("r")])
        var html = sent
        html.format = "html"
        XCTAssertEqual(s.dialog?.choices.first?.effects, [.recordLetter(html, contactID: 1, version: 2, step: nil)])
        s.dialog = nil

        // Sent already: the question says when, and asks again.
        data.correspondence.letters = [LetterSent(id: 9, template: "acknowledgement", stage: 1, sent: day("2022-03-14"), body: "x")]
        _ = Update.update(&s, .caseChanged(data, said: "Recorded."))
        send(&s, [.char("r")])
        XCTAssertEqual(s.dialog?.lines.prefix(2), ["Acknowledgement (stage 1) was already sent on 2022-03-14.", "Record it again, as sent on 2022-03-15?"])
        XCTAssertTrue(s.dialog?.lines.allSatisfy { $0.count <= 76 } ?? false, "each line fits the dialog at 80 columns")
    }
}
