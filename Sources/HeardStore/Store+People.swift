import HeardCore

/// The people columns of a contact row (migration v7): read with the row in the same query and
/// written with it in the same statement, so the 100,000-row paths do no query per case.
extension Store {
    /// The columns, named as their export columns, in `PeopleField.columns` order.
    static let peopleColumns = PeopleField.columns.joined(separator: ", ")

    /// `peopleColumns` for loads without free text (the report): the equality answers (which it
    /// counts) as stored, everything personal left out with its place kept.
    static let peopleColumnsWithoutText: String = {
        let equality = Set(EqualityQuestion.allCases.map(\.column))
        let textual: Set<String> = [PeopleField.address, PeopleField.phone, PeopleField.email, PeopleField.relationship, PeopleField.socialCareID]
        return PeopleField.columns.map { equality.contains($0) ? $0 : (textual.contains($0) ? "''" : "NULL") }.joined(separator: ", ")
    }()

    /// `column = ?, …` for an UPDATE of every people column, bound by `peopleValues`.
    static let peopleAssignments = PeopleField.columns.map { "\($0) = ?" }.joined(separator: ", ")

    /// `?, …`, one per people column, for an INSERT.
    static let peoplePlaceholders = PeopleField.columns.map { _ in "?" }.joined(separator: ", ")

    /// The people of a row read with `peopleColumns` starting at column `start`; nil when the
    /// row records none (most rows: then nothing is built).
    static func fastPeople<R: SQLRow>(_ r: R, from start: Int32, _ intern: inout Interner) -> CasePeople? {
        let n = Int32(PeopleField.columns.count)
        var any = false
        for i in start..<(start + n) where !r.isNull(i) && r.withTextBytes(i, { !$0.isEmpty }) { any = true; break }
        guard any else { return nil }
        var p = CasePeople()
        var i = start
        func next() -> Int32 { defer { i += 1 }; return i }
        p.complainant.address = r.text(next())
        p.complainant.phone = r.text(next())
        p.complainant.email = r.text(next())
        p.complainant.preferredContact = r.optionalText(next()).flatMap(ContactPreference.init(rawValue:))
        p.complainant.relationship = r.text(next())
        p.complainant.authorityChecked = r.optionalInt(next()).map { $0 != 0 }
        p.complainant.authorityCheckedOn = r.optionalText(next()).flatMap { LocalDate(iso: $0) }
        p.child.socialCareID = r.text(next())
        p.child.dateOfBirth = r.optionalText(next()).flatMap { LocalDate(iso: $0) }
        for q in EqualityQuestion.allCases {
            // Answers repeat across thousands of rows: one String each.
            p.equality[q] = r.optionalText(next()).map { intern($0) }
        }
        return p
    }

    /// The values of `peopleColumns`, in order.
    static func peopleValues(_ p: CasePeople) -> [Bound] {
        let c = p.complainant
        var out: [Bound] = [
            .text(c.address), .text(c.phone), .text(c.email), .text(c.preferredContact?.rawValue), .text(c.relationship),
            .int(c.authorityChecked.map { $0 ? 1 : 0 }), .text(c.authorityCheckedOn?.iso),
            .text(p.child.socialCareID), .text(p.child.dateOfBirth?.iso),
        ]
        for q in EqualityQuestion.allCases { out.append(.text(p.equality[q])) }
        return out
    }

    /// The case list's subject child text from columns `name`, `name + 1` (the social care ID)
    /// and `name + 2` (the date of birth): what `/` searches (`CaseSearch.childText`).
    static func childSearchText(_ r: any SQLRow, name: Int32) -> String {
        let child = r.text(name)
        if r.text(name + 1).isEmpty && r.isNull(name + 2) { return child }
        return CaseSearch.childText(name: child, SubjectChildDetails(socialCareID: r.text(name + 1),
                                                                     dateOfBirth: r.optionalText(name + 2).flatMap { LocalDate(iso: $0) }))
    }
}
