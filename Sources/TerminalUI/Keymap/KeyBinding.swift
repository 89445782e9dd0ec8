/// A default binding the app supplies: an action in a scope, its keys and a help description.
public struct KeyBinding: Equatable, Sendable {
    /// Scope such as "global", "list" or "caseList".
    public var scope: String
    /// Action id such as "quickEntry".
    public var action: String
    /// Keys that trigger the action (empty: unbound).
    public var keys: [Key]
    /// One-line description for help.
    public var description: String

    /// Creates a binding.
    public init(scope: String, action: String, keys: [Key], description: String) {
        self.scope = scope
        self.action = action
        self.keys = keys
        self.description = description
    }
}

/// One line of generated help: the keys, the action and what it does.
public struct HelpEntry: Equatable, Sendable {
    /// Scope the binding belongs to.
    public var scope: String
    /// Action id.
    public var action: String
    /// Key names, e.g. ["j", "down"].
    public var keys: [String]
    /// What the action does.
    public var description: String

    public init(scope: String, action: String, keys: [String], description: String) {
        self.scope = scope; self.action = action; self.keys = keys; self.description = description
    }
}
