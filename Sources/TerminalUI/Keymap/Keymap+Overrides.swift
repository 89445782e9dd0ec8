/// Loading user overrides from keys.toml.
extension Keymap {
    /// Applies keys.toml text; returns every problem found. Valid lines apply, invalid ones do not.
    ///
    /// `[scope] action = "key"` or `= ["k1", "k2"]` rebinds; `= ""` or `= []` unbinds.
    @discardableResult
    public mutating func applyOverrides(toml text: String, file: String = "keys.toml") -> [KeymapError] {
        let root: ConfigValue
        switch parseConfig(text) {
        case .success(let v): root = v
        case .failure(let e):
            return [KeymapError(kind: .syntax(e.reason), file: file, line: e.line, scope: "", action: nil, key: nil)]
        }
        let locate = SourceLocator(text)
        var errors: [KeymapError] = []
        // (scope, action, keys, line) accepted so far, in file order.
        var overrides: [(scope: String, action: String, keys: [Key], texts: [String], line: Int?)] = []
        let known = scopes
        for (scope, value) in root.table ?? [] {
            guard let entries = value.table, known.contains(scope) else {
                errors.append(KeymapError(kind: .unknownScope, file: file,
                                          line: locate.line(ofSection: scope) ?? locate.line(ofKey: scope, inSection: nil),
                                          scope: scope, action: nil, key: nil))
                continue
            }
            for (action, v) in entries {
                let line = locate.line(ofKey: action, inSection: scope)
                guard bindings.contains(where: { $0.scope == scope && $0.action == action }) else {
                    errors.append(KeymapError(kind: .unknownAction, file: file, line: line, scope: scope, action: action, key: nil))
                    continue
                }
                let texts: [String]
                if let s = v.string {
                    texts = s.isEmpty ? [] : [s]
                } else if let a = v.array, a.allSatisfy({ $0.string != nil }) {
                    texts = a.compactMap(\.string).filter { !$0.isEmpty }
                } else {
                    errors.append(KeymapError(kind: .badValue, file: file, line: line, scope: scope, action: action, key: v.displayText))
                    continue
                }
                var keys: [Key] = []
                var good: [String] = []
                for t in texts {
                    if let k = Key.parse(t) {
                        if !keys.contains(k) { keys.append(k); good.append(t) }
                    } else {
                        errors.append(KeymapError(kind: .badKey, file: file, line: line, scope: scope, action: action, key: t))
                    }
                }
                // A line whose every key is misspelt is a mistake, not an unbinding (that is
                // `= ""`): the action keeps the keys it had rather than becoming unreachable.
                if !texts.isEmpty && keys.isEmpty { continue }
                overrides.append((scope, action, keys, good, line))
            }
        }
        // Apply every override, then drop keys that collide with another action in the scope;
        // the later line (or the user's line against a default) loses.
        let orderedOverrides = overrides.enumerated().sorted { ($0.element.line ?? Int.max, $0.offset) < ($1.element.line ?? Int.max, $1.offset) }.map(\.element)
        let before = bindings
        for o in orderedOverrides { rebind(o.action, scope: o.scope, to: []) }
        for o in orderedOverrides {
            var kept: [Key] = []
            for (k, t) in zip(o.keys, o.texts) {
                if let other = bindings.first(where: { $0.scope == o.scope && $0.action != o.action && $0.keys.contains(k) }) {
                    errors.append(KeymapError(kind: .conflict(otherAction: other.action), file: file, line: o.line,
                                              scope: o.scope, action: o.action, key: t))
                } else {
                    kept.append(k)
                }
            }
            // Every key asked for is taken: keep the action's own keys that are still free,
            // so a clash leaves it reachable instead of silently unbound.
            if kept.isEmpty && !o.keys.isEmpty, let own = before.first(where: { $0.scope == o.scope && $0.action == o.action }) {
                kept = own.keys.filter { k in !bindings.contains { $0.scope == o.scope && $0.action != o.action && $0.keys.contains(k) } }
            }
            rebind(o.action, scope: o.scope, to: kept)
        }
        return errors.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
    }

    /// The defaults with keys.toml applied, and the problems found in it.
    public static func load(defaults: [KeyBinding], overrides text: String?, file: String = "keys.toml") -> (Keymap, [KeymapError]) {
        var map = Keymap(defaults: defaults)
        guard let text else { return (map, []) }
        let errors = map.applyOverrides(toml: text, file: file)
        return (map, errors)
    }
}
