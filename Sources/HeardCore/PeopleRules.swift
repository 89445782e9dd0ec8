/// What the people fields of a case must be. Messages name the field and what it accepts, never
/// the value: these are an address, a phone number, a child's date of birth.
extension CasePeople {
    /// Each problem as (column name, message); empty when the fields are acceptable.
    public func problems(received: LocalDate, today: LocalDate) -> [(field: String, message: String)] {
        var out: [(String, String)] = []
        let c = complainant
        if !c.email.isEmpty && !Self.looksLikeEmail(c.email) {
            out.append((PeopleField.email, "is not an email address (it needs a name, @ and a domain, and no spaces)"))
        }
        if !c.phone.isEmpty && !Self.looksLikePhone(c.phone) {
            out.append((PeopleField.phone, "is not a phone number (at least 6 digits; only digits, spaces, + ( ) - and .)"))
        }
        switch c.preferredContact {
        case .email? where c.email.isEmpty: out.append((PeopleField.preferredContact, "is email but there is no email address"))
        case .phone? where c.phone.isEmpty, .text? where c.phone.isEmpty:
            out.append((PeopleField.preferredContact, "is \(c.preferredContact?.label ?? "phone") but there is no phone number"))
        case .letter? where c.address.isEmpty: out.append((PeopleField.preferredContact, "is letter but there is no address"))
        default: break
        }
        if let d = c.authorityCheckedOn {
            if c.authorityChecked == false {
                out.append((PeopleField.authorityCheckedOn, "has a date but authority_checked is no"))
            }
            if d > today { out.append((PeopleField.authorityCheckedOn, "is in the future (today is \(today.iso))")) }
        }
        if let dob = child.dateOfBirth {
            if dob > today { out.append((PeopleField.dateOfBirth, "is in the future (today is \(today.iso))")) }
            else if dob > received { out.append((PeopleField.dateOfBirth, "is after the date the contact was received")) }
            else if dob.year < received.year - 30 {
                // Care leavers are supported to 25: a child older than 30 is a date typed wrong.
                out.append((PeopleField.dateOfBirth, "makes the child over 30 when the contact was received"))
            }
        }
        return out
    }

    /// One `@` with text on both sides, a dot in the domain, no spaces.
    static func looksLikeEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        guard !s.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) else { return false }
        let domain = parts[1]
        return domain.contains(".") && domain.first != "." && domain.last != "."
    }

    /// Digits and the usual separators, with enough digits to dial.
    static func looksLikePhone(_ s: String) -> Bool {
        var digits = 0
        for ch in s {
            if ch.isASCII && ch.isNumber { digits += 1 }
            else if !" +()-.".contains(ch) { return false }
        }
        return digits >= 6 && digits <= 15
    }
}

extension CaseSearch {
    /// The child's searchable text: name, social care ID and date of birth (as typed either way,
    /// `2014-05-02` or `02/05/2014`), so `/` finds a case by any of them.
    public static func childText(name: String, _ child: SubjectChildDetails) -> String {
        var s = name
        if !child.socialCareID.isEmpty { s += " " + child.socialCareID }
        if let d = child.dateOfBirth { s += " " + d.iso + " " + d.uk }
        return s
    }
}
