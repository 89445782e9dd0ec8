import HeardCore

/// Where the letters come from: Heard's own templates, and a council's `NAME.mustache` files in
/// `$XDG_CONFIG_HOME/heard/letters/`, which replace a shipped one of the same name or add a letter.
public enum LetterSource: Equatable, Sendable {
    case shipped
    case council(path: String)
}
