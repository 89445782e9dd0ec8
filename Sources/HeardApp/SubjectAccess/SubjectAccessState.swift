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

    public init(name: String, matches: [SubjectAccessMatch], readOnly: Bool) {
        self.name = name
        self.matches = matches
        self.chosen = Array(repeating: true, count: matches.count)
        self.readOnly = readOnly
    }

    /// The references of the chosen cases, in the search's order.
    public var chosenReferences: [String] { matches.indices.filter { chosen[$0] }.map { matches[$0].reference } }

    public var chosenCount: Int { chosen.lazy.filter { $0 }.count }
}
