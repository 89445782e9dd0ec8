/// A scope of the keymap as one screen uses it: every action of the scope, or only some of them
/// (a screen that moves a selection but cannot mark rows takes `list` without `mark`).
public struct KeyScope: Equatable, Sendable {
    /// The scope's name, as keys.toml spells it.
    public var name: String
    /// The actions of the scope the screen answers to; nil: all of them.
    public var only: Set<String>?

    /// Every action of the scope, or only those named.
    public init(_ name: String, only: Set<String>? = nil) { self.name = name; self.only = only }

    /// Whether the screen answers to `action` of this scope.
    public func includes(_ action: String) -> Bool { only?.contains(action) ?? true }
}

extension Keymap {
    /// The scope and action bound to `key` in the first of `scopes` that binds it for the screen.
    public func binding(for key: Key, in scopes: [KeyScope]) -> (scope: String, action: String)? {
        for scope in scopes {
            for b in bindings where b.scope == scope.name && scope.includes(b.action) && b.keys.contains(key) { return (b.scope, b.action) }
        }
        return nil
    }

    /// Whether `key` would run an action of these scopes that this keymap withholds (an edit
    /// key of a read-only session).
    public func withholds(_ key: Key, in scopes: [KeyScope]) -> Bool {
        scopes.contains { scope in withheld.contains { $0.scope == scope.name && scope.includes($0.action) && $0.keys.contains(key) } }
    }

    /// Help entries for a screen's scopes, bound actions only, in declaration order.
    public func helpEntries(in scopes: [KeyScope]) -> [HelpEntry] {
        helpEntries(scopes: scopes.map(\.name)).filter { e in scopes.first { $0.name == e.scope }?.includes(e.action) ?? false }
    }
}
