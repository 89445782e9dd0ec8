/// A contact's people, kept behind one reference: every contact carries the field and most have
/// nothing in it, and eleven strings inline made every copy of a contact (an import copies each
/// several times) retain and release eleven more values.
final class PeopleBox: Hashable, Sendable {
    let value: CasePeople
    init(_ value: CasePeople) { self.value = value }
    static func == (a: PeopleBox, b: PeopleBox) -> Bool { a === b || a.value == b.value }
    func hash(into h: inout Hasher) { h.combine(value) }
}

extension Contact {
    /// Contact details, authority to act, the child's record and equality monitoring.
    public var people: CasePeople {
        get { peopleBox?.value ?? CasePeople() }
        set { peopleBox = newValue.isEmpty ? nil : PeopleBox(newValue) }
    }
}

extension Contact {
    /// Whether any of the people's fields is recorded (without building an empty `CasePeople`).
    public var hasPeople: Bool { peopleBox != nil }
}
