/// The people columns of the import and export format (`PeopleField.columns`), all optional.
extension ContactCSV.RowReader {
    /// The people a row gives, with a problem added for each field that is not acceptable
    /// (`CasePeople.problems`). `received` nil: the row's own date was bad (already reported).
    /// nil when the file has none of the columns (most files: nothing to read on each row).
    mutating func people(received: LocalDate?, today: LocalDate) -> CasePeople? {
        guard readsPeople else { return nil }
        var p = CasePeople()
        p.complainant.address = text(PeopleField.address)
        p.complainant.phone = text(PeopleField.phone)
        p.complainant.email = text(PeopleField.email)
        p.complainant.preferredContact = vocab(PeopleField.preferredContact, ContactPreference.self)
        p.complainant.relationship = text(PeopleField.relationship)
        p.complainant.authorityChecked = yesNo(PeopleField.authorityChecked)
        p.complainant.authorityCheckedOn = date(PeopleField.authorityCheckedOn, today: today)
        // A date of the check says it was checked.
        if p.complainant.authorityChecked == nil && p.complainant.authorityCheckedOn != nil { p.complainant.authorityChecked = true }
        p.child.socialCareID = text(PeopleField.socialCareID)
        p.child.dateOfBirth = date(PeopleField.dateOfBirth, today: today)
        for (q, column) in zip(EqualityQuestion.allCases, PeopleField.equalityColumns) {
            let s = text(column)
            if s.isEmpty { continue }
            if let a = q.answer(matching: s) { p.equality[q] = a }
            else { fail(column, "is not one of: \(q.answers.joined(separator: "; "))") }
        }
        if let received {
            for problem in p.problems(received: received, today: today) {
                fail(problem.field, problem.message)
            }
        }
        return p
    }
}

extension ContactCSV {
    /// The people columns of one contact, as export writes them (read back by `RowReader.people`).
    static func peopleCells(_ p: CasePeople) -> [(String, String)] {
        let c = p.complainant
        var out: [(String, String)] = [
            (PeopleField.address, c.address), (PeopleField.phone, c.phone), (PeopleField.email, c.email),
            (PeopleField.preferredContact, c.preferredContact?.label ?? ""), (PeopleField.relationship, c.relationship),
            (PeopleField.authorityChecked, c.authorityChecked.map { $0 ? "yes" : "no" } ?? ""),
            (PeopleField.authorityCheckedOn, c.authorityCheckedOn?.iso ?? ""),
            (PeopleField.socialCareID, p.child.socialCareID), (PeopleField.dateOfBirth, p.child.dateOfBirth?.iso ?? ""),
        ]
        for q in EqualityQuestion.allCases { out.append((q.column, p.equality[q] ?? "")) }
        return out
    }
}

extension ContactCSV {
    /// Whether a file with these columns has any of the people's.
    static func hasPeopleColumns(_ index: [String: Int]) -> Bool { PeopleField.columns.contains { index[$0] != nil } }
}
