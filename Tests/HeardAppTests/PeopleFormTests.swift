@testable import HeardApp
import HeardCore
import HeardStore
import HeardTestSupport
import TerminalUI
import XCTest

/// The people fields of the contact form: typed in quick entry, refused with the message at the
/// field, and carried into the contact the form saves.
final class PeopleFormTests: XCTestCase {
    func typed(_ text: String) -> [Key] { text.map { Key.char($0) } }

    /// Opens quick entry, fills the required fields, and moves focus to `key`.
    func openAt(_ key: String, _ s: inout AppState) -> FormState? {
        send(&s, [.char("n"), .tab, .tab])
        send(&s, typed("Jo Hart"))
        send(&s, [.tab] + typed("care l") + [.tab])
        guard case .form(var fs)? = s.stack.last else { return nil }
        fs.form.focus(on: key)
        s.stack[s.stack.count - 1] = .form(fs)
        return fs.form
    }

    func testQuickEntrySavesTheComplainantsDetailsAndTheChildsRecord() throws {
        var s = makeState(rows: [])
        let form = try XCTUnwrap(openAt(PeopleField.phone, &s))
        XCTAssertNil(form.fields.first { $0.key == "equality_gender" }, "equality monitoring is asked later, on the edit form")
        send(&s, typed("07700 900123") + [.tab] + typed("jo@example.org") + [.tab] + typed("em") + [.tab] + typed("mother") + [.tab])
        send(&s, typed("y") + [.tab] + typed("2022-03-14") + [.tab] + typed("LCS1234") + [.tab] + typed("2/5/2014"))
        let effects = send(&s, [.enter])
        guard case .addContact(let c)? = effects.first else { return XCTFail("saved: \(effects) \(String(describing: s.stack.last))") }
        XCTAssertEqual(c.people.complainant.phone, "07700 900123")
        XCTAssertEqual(c.people.complainant.email, "jo@example.org")
        XCTAssertEqual(c.people.complainant.preferredContact, .email)
        XCTAssertEqual(c.people.complainant.relationship, "mother")
        XCTAssertEqual(c.people.complainant.authorityChecked, true)
        XCTAssertEqual(c.people.complainant.authorityCheckedOn, day("2022-03-14"))
        XCTAssertEqual(c.people.child.socialCareID, "LCS1234")
        XCTAssertEqual(c.people.child.dateOfBirth, day("2014-05-02"))
    }

    func testABadDateOfBirthKeepsTheFormOpenWithTheMessageAtTheField() throws {
        var s = makeState(rows: [])
        _ = try XCTUnwrap(openAt(PeopleField.dateOfBirth, &s))
        let effects = send(&s, typed("31/02/2014") + [.enter])
        XCTAssertTrue(effects.isEmpty, "nothing saved: \(effects)")
        guard case .form(let fs)? = s.stack.last else { return XCTFail("the form stays open") }
        XCTAssertEqual(fs.form.fields[fs.form.focus].key, PeopleField.dateOfBirth)
        XCTAssertNotNil(fs.form.fields.first { $0.key == PeopleField.dateOfBirth }?.error)
        XCTAssertEqual(fs.form[PeopleField.dateOfBirth], "31/02/2014")
    }

    func complaint() -> Contact {
        var c = sampleComplaint(received: "2022-03-01")
        c.id = 1
        c.version = 2
        c.reference = "CS-2022-0001"
        c.people.equality[.religion] = "Sikh"
        c.people.complainant.phone = "07700 900321"
        return c
    }

    func testTheEditFormAsksTheEqualityQuestionsAndKeepsTheAnswers() throws {
        var s = makeState(rows: [])
        let c = complaint()
        var form = QuickEntry.form(s.context(), editing: c)
        XCTAssertEqual(form["equality_religion"], "Sikh")
        XCTAssertEqual(form[PeopleField.phone], "07700 900321")
        form.focus(on: "equality_gender")
        s.stack.append(.form(FormScreen(form: form, purpose: .editContact(c))))
        let effects = send(&s, typed("prefer") + [.tab, .enter])
        guard case .updateContact(let saved, _)? = effects.first else { return XCTFail("saved: \(effects)") }
        XCTAssertEqual(saved.people.equality[.gender], EqualityQuestion.preferNotToSay)
        XCTAssertEqual(saved.people.equality[.religion], "Sikh")
        XCTAssertEqual(saved.people.complainant.phone, "07700 900321")
    }

    func testEditFromThePeopleSectionLandsOnThePeopleFields() throws {
        let s = makeState(rows: [])
        let ctx = s.context()
        let c = complaint()
        var d = CaseDetailState(id: 1)
        d.data = CaseDetailData(contact: c, clock: c.clock(calendar: .englandAndWales, today: s.today), history: [], learning: [],
                                actions: [], calendar: .englandAndWales)
        func editFocus() -> String? {
            var copy = d
            guard case .push(.form(let fs))? = CaseDetailUpdate.update(&copy, .command(.edit), ctx).first else { return nil }
            return fs.form.fields[fs.form.focus].key
        }
        XCTAssertEqual(editFocus(), "complainant_name", "from the top, the case's own fields")
        _ = CaseDetailUpdate.update(&d, .command(.nextSection), ctx)
        XCTAssertEqual(CaseDetailUpdate.topSection(d, ctx), "People")
        XCTAssertEqual(editFocus(), PeopleForm.firstKey)
    }
}
