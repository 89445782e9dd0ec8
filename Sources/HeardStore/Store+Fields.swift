import HeardCore

extension Store {
    /// A contact's editable fields by export column name (the names audit rows use): `Contact.editableFields`.
    public static func editableFields(of c: Contact) -> [(String, String?)] { fields(of: c) }

    /// Sets one field named as in `editableFields` from its stored text (nil: empty / none);
    /// throws for a name or value Heard cannot read (`Contact.setField`, with the store's message).
    public static func setField(_ name: String, _ value: String?, on c: inout Contact) throws {
        try setContactField(name, value, on: &c)
    }
}
