/// A problem in keys.toml; the rest of the file still applies.
public struct KeymapError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What kind of problem.
    public enum Kind: Equatable, Sendable {
        /// The file is not valid TOML (nothing applied).
        case syntax(String)
        /// A table that is not a known scope.
        case unknownScope
        /// An action the scope does not have.
        case unknownAction
        /// A key name that cannot be parsed.
        case badKey
        /// The key is already bound to another action in the scope.
        case conflict(otherAction: String)
        /// The value is neither a string nor a list of strings.
        case badValue
    }

    /// What went wrong.
    public var kind: Kind
    /// File name for messages.
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// Scope involved.
    public var scope: String
    /// Action involved, if any.
    public var action: String?
    /// The key text involved, if any.
    public var key: String?

    /// "keys.toml:3: [caseList] quickEntry: key "w" is already bound to workflow".
    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        let what = action.map { "[\(scope)] \($0)" } ?? "[\(scope)]"
        switch kind {
        case .syntax(let reason): return "\(place): \(reason)"
        case .unknownScope: return "\(place): unknown scope [\(scope)]"
        case .unknownAction: return "\(place): \(what): unknown action"
        case .badKey: return "\(place): \(what): unknown key \"\(key ?? "")\" (the action keeps its other keys, or its default)"
        case .conflict(let other): return "\(place): \(what): key \"\(key ?? "")\" is already bound to \(other)"
        case .badValue: return "\(place): \(what): expected a key name or a list of key names"
        }
    }
}
