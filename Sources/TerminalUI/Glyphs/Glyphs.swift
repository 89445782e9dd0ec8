/// Drawing characters for the terminal at hand: Unicode, or ASCII when the locale is not UTF-8.
public struct Glyphs: Equatable, Sendable {
    /// Whether Unicode glyphs may be used.
    public var unicode: Bool

    /// Glyphs for a terminal.
    public init(unicode: Bool) { self.unicode = unicode }

    /// Unicode glyphs.
    public static let fancy = Glyphs(unicode: true)
    /// ASCII glyphs.
    public static let ascii = Glyphs(unicode: false)

    /// Horizontal line.
    public var horizontal: String { unicode ? "─" : "-" }
    /// Vertical line.
    public var vertical: String { unicode ? "│" : "|" }
    /// Top-left corner.
    public var topLeft: String { unicode ? "┌" : "+" }
    /// Top-right corner.
    public var topRight: String { unicode ? "┐" : "+" }
    /// Bottom-left corner.
    public var bottomLeft: String { unicode ? "└" : "+" }
    /// Bottom-right corner.
    public var bottomRight: String { unicode ? "┘" : "+" }
    /// Sort ascending indicator.
    public var sortAscending: String { unicode ? "▲" : "^" }
    /// Sort descending indicator.
    public var sortDescending: String { unicode ? "▼" : "v" }
    /// Marked-row indicator.
    public var mark: String { unicode ? "●" : "*" }
    /// Ellipsis for truncated text.
    public var ellipsis: String { unicode ? "…" : "~" }
    /// Full bar block.
    public var fullBlock: String { unicode ? "█" : "#" }
    /// Previous-period bar block.
    public var previousBlock: String { unicode ? "▒" : "=" }
    /// Partial blocks in eighths (index 1...7); ASCII has none.
    public var partialBlocks: [String] { unicode ? ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"] : [] }
}
