/// A status's glyph with its ASCII fallback and role, so status is never colour alone.
public struct StatusGlyph: Equatable, Sendable {
    /// Status name, e.g. "overdue".
    public var status: String
    /// Glyph for UTF-8 terminals.
    public var unicode: String
    /// Glyph for ASCII terminals.
    public var ascii: String

    /// The glyph for the terminal's capability.
    public func glyph(unicode useUnicode: Bool) -> String { useUnicode ? unicode : ascii }
    /// The role, "status.<name>".
    public var role: Role { Role("status." + status) }
}

/// The table of status glyphs.
public enum StatusGlyphs {
    /// All known statuses.
    public static let all: [StatusGlyph] = [
        StatusGlyph(status: "overdue", unicode: "!", ascii: "!"),
        StatusGlyph(status: "due-soon", unicode: "◷", ascii: "~"),
        StatusGlyph(status: "paused", unicode: "‖", ascii: "="),
        StatusGlyph(status: "extended", unicode: "+", ascii: "+"),
        StatusGlyph(status: "escalated", unicode: "↑", ascii: "^"),
        StatusGlyph(status: "ok", unicode: "·", ascii: "."),
        StatusGlyph(status: "closed", unicode: "✓", ascii: "v"),
        StatusGlyph(status: "withdrawn", unicode: "×", ascii: "x"),
    ]

    /// The entry for a status name, if known.
    public static func entry(for status: String) -> StatusGlyph? { all.first { $0.status == status } }

    /// The glyph for a status ("?" when unknown).
    public static func glyph(for status: String, unicode: Bool) -> String {
        entry(for: status)?.glyph(unicode: unicode) ?? "?"
    }
}
