/// A stored text a contact's field cannot take: the field is not one Heard knows, or the text
/// is not a value of it (a kind, a date).
public struct FieldValueError: Error, Equatable, Sendable {
    public var field: String
    /// True when the name is not a field of a contact at all.
    public var unknownField: Bool

    public init(field: String, unknownField: Bool) { self.field = field; self.unknownField = unknownField }
}

/// A contact's editable fields as stored text, by their export column names: what audit rows
/// record, what undo restores and what a conflict merges.
extension Contact {
    /// The editable fields and their stored text, in the order audit rows record them.
    public var editableFields: [(String, String?)] {
        [
            ("reference", reference), ("kind", kind.rawValue), ("received", received.iso), ("channel", channel?.rawValue),
            ("service_area", serviceArea), ("team", team), ("procedure", procedure?.rawValue),
            ("complainant_name", complainantName), ("complainant_role", complainantRole?.rawValue),
            ("child_or_young_person", isChildOrYoungPerson ? "yes" : "no"), ("advocate", advocate),
            ("subject_child", subjectChild), ("summary", summary), ("officer", officer),
            ("events_date", eventsDate?.iso), ("acceptance_decision", acceptanceDecision),
            ("legal_hold", legalHold ? "yes" : "no"),
        ] + people.fields
    }

    /// Sets one field named as in `editableFields` from its stored text (nil: empty or none).
    public mutating func setField(_ field: String, to value: String?) throws(FieldValueError) {
        let bad = FieldValueError(field: field, unknownField: false)
        func date(_ v: String?) throws(FieldValueError) -> LocalDate? {
            guard let v else { return nil }
            guard let d = LocalDate(iso: v) else { throw bad }
            return d
        }
        switch field {
        case "reference": reference = value ?? ""
        case "kind": guard let k = value.flatMap(ContactKind.init(rawValue:)) else { throw bad }; kind = k
        case "received": guard let d = try date(value) else { throw bad }; received = d
        case "channel": channel = value.flatMap(Channel.init(rawValue:))
        case "service_area": serviceArea = value ?? ""
        case "team": team = value ?? ""
        case "procedure": procedure = value.flatMap(ProcedureKind.init(rawValue:))
        case "complainant_name": complainantName = value ?? ""
        case "complainant_role": complainantRole = value.flatMap(ComplainantRole.init(rawValue:))
        case "child_or_young_person": isChildOrYoungPerson = value == "yes"
        case "advocate": advocate = value ?? ""
        case "subject_child": subjectChild = value ?? ""
        case "summary": summary = value ?? ""
        case "officer": officer = value ?? ""
        case "events_date": eventsDate = try date(value)
        case "acceptance_decision": acceptanceDecision = value ?? ""
        case "legal_hold": legalHold = value == "yes"
        default: if try !people.setField(field, to: value) { throw FieldValueError(field: field, unknownField: true) }
        }
    }
}
