/// The people on a case beyond their names: how to reach the complainant, who they are to the
/// child and whether their authority to act was checked, the subject child as the council's
/// social care record knows them, and the complainant's optional equality monitoring.
public struct CasePeople: Hashable, Sendable {
    public var complainant = ComplainantDetails()
    public var child = SubjectChildDetails()
    public var equality = EqualityMonitoring()

    public init(complainant: ComplainantDetails = ComplainantDetails(), child: SubjectChildDetails = SubjectChildDetails(),
                equality: EqualityMonitoring = EqualityMonitoring()) {
        self.complainant = complainant; self.child = child; self.equality = equality
    }

    /// Whether nothing is recorded (field by field: every contact saved asks).
    public var isEmpty: Bool {
        let c = complainant
        return c.address.isEmpty && c.phone.isEmpty && c.email.isEmpty && c.preferredContact == nil && c.relationship.isEmpty
            && c.authorityChecked == nil && c.authorityCheckedOn == nil && child.socialCareID.isEmpty && child.dateOfBirth == nil
            && equality.isEmpty
    }
}

/// How to reach the complainant, who they are to the child, and their authority to act.
public struct ComplainantDetails: Hashable, Sendable {
    /// A postal address, lines separated by line breaks or commas.
    public var address: String
    public var phone: String
    public var email: String
    public var preferredContact: ContactPreference?
    /// Who the complainant is to the child, in words ("mother", "foster carer", "aunt").
    public var relationship: String
    /// Whether their authority to act for the child was checked: nil when not recorded.
    public var authorityChecked: Bool?
    /// When it was checked.
    public var authorityCheckedOn: LocalDate?

    public init(address: String = "", phone: String = "", email: String = "", preferredContact: ContactPreference? = nil,
                relationship: String = "", authorityChecked: Bool? = nil, authorityCheckedOn: LocalDate? = nil) {
        self.address = address; self.phone = phone; self.email = email; self.preferredContact = preferredContact
        self.relationship = relationship; self.authorityChecked = authorityChecked; self.authorityCheckedOn = authorityCheckedOn
    }
}

/// The child a case is about, as the council's social care record knows them (the name stays
/// `Contact.subjectChild`).
public struct SubjectChildDetails: Hashable, Sendable {
    /// The council's social care ID (e.g. a Liquidlogic or Mosaic person ID).
    public var socialCareID: String
    public var dateOfBirth: LocalDate?

    public init(socialCareID: String = "", dateOfBirth: LocalDate? = nil) {
        self.socialCareID = socialCareID; self.dateOfBirth = dateOfBirth
    }
}

/// How the complainant asked to be contacted.
public enum ContactPreference: String, Vocabulary, Codable {
    case email, phone, letter
    case text
    case inPerson = "in_person"
    public var label: String {
        switch self {
        case .email: "email"
        case .phone: "phone"
        case .letter: "letter"
        case .text: "text message"
        case .inPerson: "in person"
        }
    }
    public var aliases: [String] {
        switch self {
        case .email: ["e-mail"]
        case .phone: ["telephone", "call"]
        case .letter: ["post"]
        case .text: ["text", "sms"]
        case .inPerson: ["visit", "meeting"]
        }
    }
}

/// The columns, audit names and keys of the people fields (one list for CSV, audit and forms).
public enum PeopleField {
    public static let address = "complainant_address"
    public static let phone = "complainant_phone"
    public static let email = "complainant_email"
    public static let preferredContact = "preferred_contact"
    public static let relationship = "relationship_to_child"
    public static let authorityChecked = "authority_checked"
    public static let authorityCheckedOn = "authority_checked_on"
    public static let socialCareID = "subject_child_id"
    public static let dateOfBirth = "subject_child_dob"

    /// The equality monitoring columns, in `EqualityQuestion.allCases` order.
    public static let equalityColumns = EqualityQuestion.allCases.map(\.column)

    /// Every column, in export order: the complainant's, the child's, then equality monitoring.
    public static let columns = [address, phone, email, preferredContact, relationship, authorityChecked, authorityCheckedOn,
                                 socialCareID, dateOfBirth] + equalityColumns
}

extension CasePeople {
    /// The fields as stored text by their column names, for audit rows and undo. Empty text is
    /// nil, so a new case's audit row lists only the people fields it has.
    public var fields: [(String, String?)] {
        let c = complainant
        func t(_ s: String) -> String? { s.isEmpty ? nil : s }
        var out: [(String, String?)] = [
            (PeopleField.address, t(c.address)), (PeopleField.phone, t(c.phone)), (PeopleField.email, t(c.email)),
            (PeopleField.preferredContact, c.preferredContact?.rawValue), (PeopleField.relationship, t(c.relationship)),
            (PeopleField.authorityChecked, c.authorityChecked.map { $0 ? "yes" : "no" }),
            (PeopleField.authorityCheckedOn, c.authorityCheckedOn?.iso),
            (PeopleField.socialCareID, t(child.socialCareID)), (PeopleField.dateOfBirth, child.dateOfBirth?.iso),
        ]
        for q in EqualityQuestion.allCases { out.append((q.column, equality[q])) }
        return out
    }

    /// Sets one field named as in `fields` from its stored text; false when the name is not one
    /// of them, throws when the text is not a value of it.
    public mutating func setField(_ field: String, to value: String?) throws(FieldValueError) -> Bool {
        let bad = FieldValueError(field: field, unknownField: false)
        let v = value ?? ""
        switch field {
        case PeopleField.address: complainant.address = v
        case PeopleField.phone: complainant.phone = v
        case PeopleField.email: complainant.email = v
        case PeopleField.preferredContact:
            if v.isEmpty { complainant.preferredContact = nil }
            else { guard let p = ContactPreference(rawValue: v) ?? ContactPreference(matching: v) else { throw bad }; complainant.preferredContact = p }
        case PeopleField.relationship: complainant.relationship = v
        case PeopleField.authorityChecked:
            if v.isEmpty { complainant.authorityChecked = nil }
            else { guard let b = YesNo.parse(v) else { throw bad }; complainant.authorityChecked = b }
        case PeopleField.authorityCheckedOn:
            if v.isEmpty { complainant.authorityCheckedOn = nil }
            else { guard let d = LocalDate(iso: v) else { throw bad }; complainant.authorityCheckedOn = d }
        case PeopleField.socialCareID: child.socialCareID = v
        case PeopleField.dateOfBirth:
            if v.isEmpty { child.dateOfBirth = nil }
            else { guard let d = LocalDate(iso: v) else { throw bad }; child.dateOfBirth = d }
        default:
            guard let q = EqualityQuestion.allCases.first(where: { $0.column == field }) else { return false }
            if v.isEmpty { equality[q] = nil }
            else { guard let a = q.answer(matching: v) else { throw bad }; equality[q] = a }
        }
        return true
    }
}
