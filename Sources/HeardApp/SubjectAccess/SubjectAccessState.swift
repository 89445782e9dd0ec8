import HeardCore

/// `:sar NAME`: every case where the person appears, each with what tells namesakes apart and
/// the places the name is, for the officer to choose the ones that are this person's before the
/// bundle is written (as `heard sar --case` does). Every case starts chosen.
public struct SubjectAccessState: Sendable {
    /// The name as the officer typed it.
    public var name: String
    public var matches: [SubjectAccessMatch]
    /// Whether each match goes into the bundle, by its place in `matches`.
    public var chosen: [Bool]
    /// The selected match.
    public var selection = 0
    /// Read-only: the matches are shown, nothing can be written.
    public var readOnly: Bool
    /// Requests already open for this name (`SubjectAccess.openRequests`): said above the list,
    /// as `y` records another beside them.
    public var open: [SubjectAccessRequest] = []

    public init(name: String, matches: [SubjectAccessMatch], readOnly: Bool) {
        self.name = name
        self.matches = matches
        self.chosen = Array(repeating: true, count: matches.count)
        self.readOnly = readOnly
    }

    /// The chosen cases' ids, in the search's order.
    public var chosenIDs: [Int64] { matches.indices.filter { chosen[$0] }.map { matches[$0].contactID } }

    /// Every case shown: what the write compares the record with before it writes.
    public var shown: [SubjectAccessShown] { matches.map { SubjectAccessShown(contactID: $0.contactID, version: $0.version, reference: $0.reference) } }

    public var chosenCount: Int { chosen.lazy.filter { $0 }.count }
}

/// A case as the subject access screen showed it: the write refuses when the record no longer
/// has it among the matches, or has it at another version (edited since it was read).
public struct SubjectAccessShown: Equatable, Sendable {
    public var contactID: Int64
    public var version: Int
    public var reference: String

    public init(contactID: Int64, version: Int, reference: String) { self.contactID = contactID; self.version = version; self.reference = reference }
}
