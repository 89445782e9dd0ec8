import HeardCore

extension Store {
    /// A contact's editable fields by export column name (the names audit rows use).
    public static func editableFields(of c: Contact) -> [(String, String?)] { fields(of: c) }

    /// Sets one field named as in `editableFields` from its stored text (nil: empty / none).
    /// Unknown names and unreadable values leave the contact as it was.
    public static func setField(_ name: String, _ value: String?, on c: inout Contact) {
        let v = value ?? ""
        switch name {
        case "reference": if !v.isEmpty { c.reference = v }
        case "kind": if let k = ContactKind(rawValue: v) ?? ContactKind(matching: v) { c.kind = k }
        case "received": if let d = LocalDate(iso: v) { c.received = d }
        case "channel": c.channel = Channel(rawValue: v) ?? Channel(matching: v)
        case "service_area": c.serviceArea = v
        case "team": c.team = v
        case "procedure": c.procedure = ProcedureKind(rawValue: v) ?? ProcedureKind(matching: v)
        case "complainant_name": c.complainantName = v
        case "complainant_role": c.complainantRole = ComplainantRole(rawValue: v) ?? ComplainantRole(matching: v)
        case "child_or_young_person": c.isChildOrYoungPerson = YesNo.parse(v) ?? false
        case "advocate": c.advocate = v
        case "subject_child": c.subjectChild = v
        case "summary": c.summary = v
        case "officer": c.officer = v
        case "events_date": c.eventsDate = LocalDate(iso: v)
        case "acceptance_decision": c.acceptanceDecision = v
        case "legal_hold": c.legalHold = YesNo.parse(v) ?? false
        default: break
        }
    }
}
