/// Bindings of action ids to keys per scope, built from the app's defaults plus user overrides.
public struct Keymap: Equatable, Sendable {
    /// Bindings in the order the app declared them.
    public private(set) var bindings: [KeyBinding]
    /// Bindings taken out by `removing(actions:)` (the edit keys of a read-only session): kept to
    /// say why such a key does nothing, never to run it.
    public private(set) var withheld: [KeyBinding] = []

    /// A keymap of the app's defaults.
    public init(defaults: [KeyBinding]) {
        self.bindings = defaults
    }

    /// Scopes that have at least one action.
    public var scopes: Set<String> { Set(bindings.map(\.scope)) }

    /// The action bound to `key` in the first of `scopes` (most specific first) that binds it.
    public func action(for key: Key, scopes: [String]) -> String? {
        for scope in scopes {
            for b in bindings where b.scope == scope && b.keys.contains(key) { return b.action }
        }
        return nil
    }

    /// Keys of an action in a scope (empty when unbound or unknown).
    public func keys(for action: String, scope: String) -> [Key] {
        bindings.first(where: { $0.scope == scope && $0.action == action })?.keys ?? []
    }

    /// Replaces the keys of an action; returns false when the scope has no such action.
    @discardableResult
    public mutating func rebind(_ action: String, scope: String, to keys: [Key]) -> Bool {
        guard let i = bindings.firstIndex(where: { $0.scope == scope && $0.action == action }) else { return false }
        bindings[i].keys = keys
        return true
    }

    /// The keymap without the given actions (e.g. edit actions in read-only mode).
    public func removing(actions: Set<String>) -> Keymap {
        var copy = self
        copy.withheld += bindings.filter { actions.contains($0.action) }
        copy.bindings.removeAll { actions.contains($0.action) }
        return copy
    }

    /// Help entries for the given scopes, bound actions only, in declaration order.
    public func helpEntries(scopes: [String]) -> [HelpEntry] {
        var out: [HelpEntry] = []
        for scope in scopes {
            for b in bindings where b.scope == scope && !b.keys.isEmpty {
                out.append(HelpEntry(scope: scope, action: b.action, keys: b.keys.map(\.name), description: b.description))
            }
        }
        return out
    }

    /// Pairs of actions sharing a key within one scope.
    public func conflicts() -> [(scope: String, key: Key, actions: [String])] {
        var out: [(scope: String, key: Key, actions: [String])] = []
        var seen: [String: [Key: [String]]] = [:]
        for b in bindings {
            for k in b.keys { seen[b.scope, default: [:]][k, default: []].append(b.action) }
        }
        for scope in seen.keys.sorted() {
            for (k, actions) in seen[scope] ?? [:] where actions.count > 1 {
                out.append((scope, k, actions))
            }
        }
        return out
    }
}
