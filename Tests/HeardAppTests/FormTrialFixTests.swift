@testable import HeardApp
import HeardCore
import HeardTestSupport
import TerminalUI
import XCTest

/// The form's re-trial: the focused field stays on screen with error lines showing, a mark stays
/// until its value changes, and only a value the form opened with is replaced by typing.
final class FormTrialFixTests: XCTestCase {
    func typed(_ text: String) -> [Key] { text.map { Key.char($0) } }

    func longForm() -> FormState {
        let labels = ["Reference", "Received", "Name", "Child's name", "Child date of birth", "Address", "Email", "Phone",
                      "Service area", "Officer", "Team", "Categories", "Summary", "Outcome wanted", "Advocate", "Preferred contact",
                      "Language", "Interpreter", "Ethnicity", "Disability",
                      "Religion or belief", "Sexual orientation"]
        return FormState(title: "Edit · CS-2026-0307", fields: labels.enumerated().map { FormField("f\($0.offset)", $0.element, .text) })
    }

    func testTheFocusedFieldStaysOnScreenWhileErrorLinesShowAt80x24() throws {
        var form = longForm()
        form.setError("f4", "not a date: 2030-13-45")
        form.setError("f6", "not an email address")
        form.setError("f7", "not a phone number")
        form.focus = 4
        _ = form.handle(.pageDown)
        XCTAssertEqual(form.focused?.label, "Sexual orientation")
        var frame = Frame(width: 80, height: 24)
        FormRender.render(form, into: &frame, rect: Rect(x: 0, y: 0, width: 80, height: 24), glyphs: .fancy)
        let rows = frame.rows()
        let at = try XCTUnwrap(rows.firstIndex { $0.contains("Sexual orientation") }, rows.joined(separator: "\n"))
        XCTAssertLessThan(at, 22, "above the bottom problem lines")
        // The cursor cell of the focused input is drawn on that row.
        _ = form.handle(.char("x"))
        var after = Frame(width: 80, height: 24)
        FormRender.render(form, into: &after, rect: Rect(x: 0, y: 0, width: 80, height: 24), glyphs: .fancy)
        XCTAssertTrue(after.rows().contains { $0.contains("Sexual orientation") && $0.contains("x") }, after.rows().joined(separator: "\n"))
    }

    func testAMarkStaysWhenTheUserLeavesTheFieldUntilTheValueChanges() {
        var form = longForm()
        form.focus = 6
        send(&form, typed("bad"))
        form.setError("f6", "not an email address")
        _ = form.handle(.tab)
        XCTAssertEqual(form.fields[6].error, "not an email address", "Tab keeps the mark: the value is still wrong")
        _ = form.handle(.backTab)
        _ = form.handle(.down)
        XCTAssertEqual(form.fields[6].error, "not an email address")
        form.focus = 6
        send(&form, typed("x"))
        XCTAssertNil(form.fields[6].error, "an edit clears it")
        // The editor's text, when it changes the value, clears it too.
        form.setError("f6", "still wrong")
        form["f6"] = "someone@example.org"
        XCTAssertNil(form.fields[6].error)
    }

    func send(_ form: inout FormState, _ keys: [Key]) { for k in keys { _ = form.handle(k) } }

    func testOnlyAValueTheFormOpenedWithIsReplacedByTyping() {
        var form = FormState(title: "T", fields: [FormField("a", "Kind", .text, value: "complaint"), FormField("b", "Note", .text)])
        send(&form, typed("Praise"))
        XCTAssertEqual(form["a"], "Praise", "the prefilled value is replaced")
        _ = form.handle(.tab); _ = form.handle(.backTab)
        send(&form, typed("!"))
        XCTAssertEqual(form["a"], "Praise!", "text the user typed is never selected")
        // A field with a problem is never selected either.
        var bad = FormState(title: "T", fields: [FormField("a", "Email", .text, value: "bad")])
        bad.setError("a", "not an email address")
        bad.focus(on: "a")
        send(&bad, typed("x"))
        XCTAssertEqual(bad["a"], "badx")
    }

    func testAnUnboundKeyLeavesTheSelection() {
        var form = FormState(title: "T", fields: [FormField("a", "Kind", .text, value: "complaint")])
        XCTAssertEqual(form.handle(.ctrl("s")), .unhandled)
        XCTAssertEqual(form.handle(.ctrl("b")), .unhandled)
        XCTAssertTrue(form.replacesOnType)
        send(&form, typed("Hello there"))
        XCTAssertEqual(form["a"], "Hello there")
    }

    func testALateEscalationIsRefusedAtLateBecause() {
        let form = FormState(title: "Escalate · CS-2026-0307",
                             fields: [FormField("date", "Requested on", .date, value: "today", required: true), FormField("reason", "Late because", .text)])
        let p = FormProblem(field: "date", message: "The request is more than 20 working days after the stage 1 response (the window closed 2026-10-01): record why it was accepted late.")
        let ctx = makeState(rows: []).context()
        XCTAssertEqual(FormUpdate.refusedField(p, .escalate, form, ctx), "reason")
        XCTAssertEqual(FormUpdate.refusedField(FormProblem(field: "date", message: "Stage 2 is requested on 2026-01-01, before the stage 1 response on 2026-02-01."), .escalate, form, ctx), "date")
    }

    func testTheExtendFormSaysTheLatestDateAt80Columns() throws {
        let cal = WorkingDayCalendar.englandAndWales
        var contact = sampleComplaint(received: "2022-01-10")
        contact.id = 1
        contact.version = 3
        var s = makeState(rows: sampleRows(2))
        s.today = day("2022-01-20")
        _ = HeardAppTests.send(&s, [.char("w")])
        _ = Update.update(&s, .caseLoaded(CaseDetailData(contact: contact, clock: contact.clock(calendar: cal, today: s.today),
                                                         history: [], learning: [], actions: [], calendar: cal)))
        _ = HeardAppTests.send(&s, [.char("x")])
        let latest = try XCTUnwrap(contact.clock(calendar: cal, today: s.today).current?.maximumDue)
        let screen = Render.frame(s).rows().joined(separator: "\n")
        XCTAssertTrue(screen.contains("New deadline"), screen)
        XCTAssertTrue(screen.contains("latest \(latest.iso)"), screen)
    }

    func testATitleTooLongCutsItsDescriptionAndKeepsTheReference() {
        let t = FormRender.fitTitle("Heard · Stage 2 Investigating Officer and Independent Person · CS-2026-0307", room: 67)
        XCTAssertTrue(t.hasSuffix(" · CS-2026-0307"), t)
        XCTAssertTrue(t.hasPrefix("Heard · Stage 2"), t)
        XCTAssertLessThanOrEqual(displayWidth(t), 67)
        XCTAssertEqual(FormRender.fitTitle("Heard · Extend · CS-2026-0307", room: 67), "Heard · Extend · CS-2026-0307")
    }
}

/// A list of several choices says how to separate them when a part is not one of them (a trial
/// typed "Care Leavers, Youth Justice" and read "is not a known service areas").
final class MultiChoiceMessageTests: XCTestCase {
    func testAPartNotInTheListSaysHowToSeparateSeveral() {
        var form = FormState(title: "Service areas (empty: all)", fields: [
            FormField("areas", "Service areas", .multiChoice(["Care Leavers", "Youth Justice"]), value: "Care Leavers, Youth Justice"),
        ])
        XCTAssertFalse(form.validateAll())
        XCTAssertEqual(form.fields[0].error, "'Care Leavers, Youth Justice' is not one of the service areas (separate several with ;)")
        var good = FormState(title: "T", fields: [
            FormField("areas", "Service areas", .multiChoice(["Care Leavers", "Youth Justice"]), value: "care leavers; Youth Justice"),
        ])
        XCTAssertTrue(good.validateAll())
    }
}
