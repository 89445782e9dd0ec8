import HeardCore
import TerminalUI

/// The people fields of the contact form (quick entry `n` and the detail screen's `e`): the
/// complainant's contact details and authority to act, the child's record, and, when editing,
/// equality monitoring (usually returned later on its own form). Keys are the export columns.
enum PeopleForm {
    /// The first field, where `e` lands when the detail screen shows the People section.
    static let firstKey = PeopleField.address

    /// The fields, filled from `c` (nil: a new contact, without equality monitoring).
    static func fields(_ c: Contact?) -> [FormField] {
        let p = c?.people ?? CasePeople()
        let yesNo = ["yes", "no"]
        var out: [FormField] = [
            FormField(PeopleField.address, "Address", .text, value: p.complainant.address),
            FormField(PeopleField.phone, "Phone", .text, value: p.complainant.phone),
            FormField(PeopleField.email, "Email", .text, value: p.complainant.email),
            FormField(PeopleField.preferredContact, "Preferred contact", .choice(ContactPreference.allCases.map(\.label)),
                      value: p.complainant.preferredContact?.label ?? ""),
            FormField(PeopleField.relationship, "Relation to child", .text, value: p.complainant.relationship),
            FormField(PeopleField.authorityChecked, "Authority checked", .choice(yesNo),
                      value: p.complainant.authorityChecked.map { $0 ? "yes" : "no" } ?? ""),
            FormField(PeopleField.authorityCheckedOn, "Authority checked on", .date, value: p.complainant.authorityCheckedOn?.iso ?? ""),
            FormField(PeopleField.socialCareID, "Child social care ID", .text, value: p.child.socialCareID),
            FormField(PeopleField.dateOfBirth, "Child date of birth", .date, value: p.child.dateOfBirth?.iso ?? ""),
        ]
        if c != nil {
            for q in EqualityQuestion.allCases {
                out.append(FormField(q.column, q.label, .choice(q.answers), value: p.equality[q] ?? ""))
            }
        }
        return out
    }

    /// Sets `c.people` from the form; returns the fields whose text is not a value (a date that
    /// does not exist), with the message. The rules on the values are `CasePeople.problems`,
    /// checked with the rest of the contact.
    static func apply(_ f: FormState, to c: inout Contact, today: LocalDate, calendar: WorkingDayCalendar) -> [(String, String)] {
        var problems: [(String, String)] = []
        var p = c.people
        // An address may keep the line breaks it came with (from an import); nothing else has any.
        func clean(_ key: String) -> String { TextSanitiser.clean(f[key], allowLineBreaks: key == PeopleField.address).0.trimmingSpaces }
        func date(_ key: String) -> LocalDate? {
            let s = f[key]
            if s.isEmpty { return nil }
            switch DateInput.parse(s, today: today, calendar: calendar) {
            case .success(let d): return d
            case .failure(let e): problems.append((key, e.description)); return nil
            }
        }
        p.complainant.address = clean(PeopleField.address)
        p.complainant.phone = clean(PeopleField.phone)
        p.complainant.email = clean(PeopleField.email)
        p.complainant.preferredContact = ContactPreference(matching: f[PeopleField.preferredContact])
        p.complainant.relationship = clean(PeopleField.relationship)
        p.complainant.authorityChecked = f[PeopleField.authorityChecked].isEmpty ? nil : YesNo.parse(f[PeopleField.authorityChecked])
        p.complainant.authorityCheckedOn = date(PeopleField.authorityCheckedOn)
        // A date of the check says it was checked.
        if p.complainant.authorityChecked == nil && p.complainant.authorityCheckedOn != nil { p.complainant.authorityChecked = true }
        p.child.socialCareID = clean(PeopleField.socialCareID)
        p.child.dateOfBirth = date(PeopleField.dateOfBirth)
        for q in EqualityQuestion.allCases where f.fields.contains(where: { $0.key == q.column }) {
            p.equality[q] = q.answer(matching: f[q.column])
        }
        c.people = p
        return problems
    }
}
