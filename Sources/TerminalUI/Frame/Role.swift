/// A semantic role for a cell ("selection", "status.overdue"); the theme maps it to a style.
public struct Role: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The dotted name, e.g. "status.overdue".
    public let name: String

    /// Creates a role from its dotted name.
    public init(_ name: String) { self.name = name }

    /// Creates a role from a string literal.
    public init(stringLiteral value: String) { self.name = value }

    /// The dotted name.
    public var description: String { name }

    /// The role everything falls back to.
    public static let `default` = Role("default")

    /// The parent role ("status.overdue" -> "status" -> "default"); nil for "default".
    public var parent: Role? {
        if name == "default" || name.isEmpty { return nil }
        if let dot = name.lastIndex(of: ".") { return Role(String(name[..<dot])) }
        return .default
    }

    /// This role followed by each ancestor, ending with "default".
    public var fallbackChain: [Role] {
        var chain = [self]
        var current = self
        while let p = current.parent { chain.append(p); current = p }
        return chain
    }
}

/// Roles the toolkit's widgets use.
public extension Role {
    /// Column headers.
    static let header = Role("header")
    /// Screen title.
    static let title = Role("title")
    /// The selected row.
    static let selection = Role("selection")
    /// A marked row.
    static let mark = Role("mark")
    /// Box lines.
    static let border = Role("border")
    /// Hint bar text.
    static let hint = Role("hint")
    /// Hint bar key names.
    static let hintKey = Role("hint.key")
    /// Text input field.
    static let input = Role("input")
    /// The cursor cell of a text input.
    static let inputCursor = Role("input.cursor")
    /// Error message.
    static let messageError = Role("message.error")
    /// Informational message.
    static let messageInfo = Role("message.info")
    /// Current-period chart bar.
    static let chartBar = Role("chart.bar")
    /// Previous-period chart bar.
    static let chartBarPrevious = Role("chart.bar.previous")
    /// De-emphasised text.
    static let dim = Role("dim")
}
