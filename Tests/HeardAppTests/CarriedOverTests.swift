import HeardApp
import HeardCore
import HeardTestSupport
import TerminalUI
import XCTest

/// The new-contact form starts with the previous entry's choices, and says so beside each;
/// a prefilled value that the next key replaces says that too.
final class CarriedOverTests: XCTestCase {
    func typed(_ text: String) -> [Key] { text.map { Key.char($0) } }

    func testChoicesFromThePreviousEntryAreMarkedUntilChanged() throws {
        var s = makeState(rows: sampleRows(2), size: Size(width: 100, height: 30))
        send(&s, [.char("n")])
        let first = Render.frame(s).rows().joined(separator: "\n")
        XCTAssertFalse(first.contains("carried over"), "nothing is carried into the first form")
        send(&s, [.tab, .tab] + typed("Jordan Ellis") + [.tab] + typed("care l") + [.tab, .tab, .tab] + typed("em"))
        guard case .addContact? = send(&s, [.enter]).first else { return XCTFail("saved") }
        _ = Update.update(&s, .contactSaved(id: 9, reference: "CS-2022-0009", created: true))
        send(&s, [.char("n")])
        guard case .form(let fs)? = s.stack.last else { return XCTFail() }
        let carried = fs.form.fields.filter(\.showsCarriedValue).map(\.key)
        XCTAssertEqual(Set(carried), ["kind", "received", "service_area", "channel", "procedure"])
        let rows = Render.frame(s).rows()
        let areaRow = try XCTUnwrap(rows.first { $0.contains("Service area") })
        XCTAssertTrue(areaRow.contains("Care Leavers") && areaRow.contains("↺ carried over"), areaRow)
        XCTAssertFalse(rows.first { $0.contains("Complainant") }?.contains("carried over") ?? true, "typed names are not carried")
        // Changing the value takes the mark away.
        guard case .form(var edited)? = s.stack.last else { return XCTFail() }
        edited.form["service_area"] = "Adoption"
        s.stack[s.stack.count - 1] = .form(edited)
        XCTAssertFalse(Render.frame(s).rows().first { $0.contains("Service area") }?.contains("carried over") ?? true)
    }

    func testAPrefilledFocusedValueSaysTypingReplacesIt() throws {
        var s = makeState(rows: sampleRows(2), size: Size(width: 100, height: 30))
        send(&s, [.char("n"), .tab])
        let received = try XCTUnwrap(Render.frame(s).rows().first { $0.contains("Received") })
        XCTAssertTrue(received.contains("today") && received.contains("typing replaces"), received)
        send(&s, typed("4/3"))
        guard case .form(let fs)? = s.stack.last else { return XCTFail() }
        XCTAssertEqual(fs.form["received"], "4/3", "the first key replaced the prefilled value")
        XCTAssertFalse(Render.frame(s).rows().first { $0.contains("Received") }?.contains("typing replaces") ?? true)
        // An arrow key edits instead: the value stays and the cursor moves.
        send(&s, [.tab, .backTab, .end] + typed("/2022"))
        guard case .form(let after)? = s.stack.last else { return XCTFail() }
        XCTAssertEqual(after.form["received"], "4/3/2022")
    }
}
