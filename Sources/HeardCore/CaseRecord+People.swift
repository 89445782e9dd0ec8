/// The people of a case in the record: the detail screen's and `heard show`'s People section
/// and the JSON objects `complainant`, `subject_child_details` and `equality`.
extension CaseRecord {
    /// The People section's lines: how to reach the complainant, their relationship and
    /// authority to act, the child's record, and the equality answers given. Only what is
    /// recorded is listed (a case's clock stays on the first screen); nothing: one line says so.
    public var peopleLines: [RecordLine] {
        let c = contact
        let p = c.people.complainant
        var out: [RecordLine] = [.blank, .section("People")]
        if c.people.isEmpty {
            out.append(.spans([RecordSpan("None recorded: no address, phone, email or child's record.", .dim)], indent: 2))
            return out
        }
        func field(_ name: String, _ value: String, _ tone: RecordTone = .plain) {
            if !value.isEmpty { out.append(.field(name, value, tone)) }
        }
        if !p.address.isEmpty { out.append(.field("Address", p.address, .plain, long: true)) }
        field("Phone", p.phone)
        field("Email", p.email)
        field("Preferred contact", p.preferredContact?.label ?? "")
        field("Relation to child", p.relationship)
        field("Authority to act", authorityWords, p.authorityChecked == false ? .overdue : .plain)
        field("Child social care ID", c.people.child.socialCareID)
        field("Child date of birth", childBirthWords)
        let eq = c.people.equality
        if eq.isEmpty {
            field("Equality monitoring", "not recorded")
        } else {
            for q in EqualityQuestion.allCases { field(q.label, eq[q] ?? "not recorded") }
        }
        return out
    }

    /// "checked 2022-04-06", "not checked", or empty when not recorded.
    public var authorityWords: String {
        let p = contact.people.complainant
        switch p.authorityChecked {
        case true?: return "checked" + (p.authorityCheckedOn.map { " \($0.iso)" } ?? " (date not recorded)")
        case false?: return "not checked"
        case nil: return ""
        }
    }

    /// "2014-05-02 (aged 7 when received)", or empty.
    public var childBirthWords: String {
        guard let dob = contact.people.child.dateOfBirth else { return "" }
        return "\(dob.iso) (aged \(Self.age(born: dob, on: contact.received)) when received)"
    }

    /// Whole years from `born` to `on`.
    public static func age(born: LocalDate, on day: LocalDate) -> Int {
        var years = day.year - born.year
        if (day.month, day.day) < (born.month, born.day) { years -= 1 }
        return max(0, years)
    }

    /// The JSON keys the people add to `json()`: `complainant`, `subject_child_details`, `equality`.
    var peopleJSON: [(String, String)] {
        typealias J = JSONText
        let c = contact
        let p = c.people.complainant
        func text(_ s: String) -> String { s.isEmpty ? "null" : J.quote(s) }
        let complainant = J.object([
            ("name", text(c.complainantName)), ("role", J.optional(c.complainantRole?.rawValue)),
            ("address", text(p.address)), ("phone", text(p.phone)), ("email", text(p.email)),
            ("preferred_contact", J.optional(p.preferredContact?.rawValue)), ("relationship_to_child", text(p.relationship)),
            ("authority_checked", p.authorityChecked.map { $0 ? "true" : "false" } ?? "null"),
            ("authority_checked_on", J.optional(p.authorityCheckedOn?.iso)),
        ])
        let child = J.object([
            ("name", text(c.subjectChild)), ("social_care_id", text(c.people.child.socialCareID)),
            ("date_of_birth", J.optional(c.people.child.dateOfBirth?.iso)),
        ])
        let equality = J.object(EqualityQuestion.allCases.map { ($0.rawValue, J.optional(c.people.equality[$0])) })
        return [("complainant", complainant), ("subject_child_details", child), ("equality", equality)]
    }
}
