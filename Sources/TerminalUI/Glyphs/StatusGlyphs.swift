/// A status's glyph with its ASCII fallback and role, so status is never colour alone.
public struct StatusGlyph: Equatable, Sendable {
    /// Status name, e.g. "overdue".
    public var status: String
    /// Glyph for UTF-8 terminals.
    public var unicode: String
    /// Glyph for ASCII terminals.
    public var ascii: String
    /// What it means, for the `?` legend.
    public var meaning: String = ""

    /// The glyph for the terminal's capability.
    public func glyph(unicode useUnicode: Bool) -> String { useUnicode ? unicode : ascii }
    /// The role, "status.<name>".
    public var role: Role { Role("status." + status) }
}

/// The table of status glyphs.
public enum StatusGlyphs {
    /// All known statuses.
    public static let all: [StatusGlyph] = [
        StatusGlyph(status: "overdue", unicode: "!", ascii: "!", meaning: "overdue: past its deadline"),
        StatusGlyph(status: "due-soon", unicode: "◷", ascii: "~", meaning: "due soon: the deadline is near"),
        StatusGlyph(status: "paused", unicode: "‖", ascii: "=", meaning: "paused: the clock is stopped"),
        StatusGlyph(status: "extended", unicode: "+", ascii: "+", meaning: "extended: the deadline was extended"),
        StatusGlyph(status: "escalated", unicode: "↑", ascii: "^", meaning: "escalated to the next stage"),
        StatusGlyph(status: "ok", unicode: "·", ascii: ".", meaning: "in time, or responded"),
        StatusGlyph(status: "closed", unicode: "✓", ascii: "v", meaning: "closed, or resolved by mediation"),
        StatusGlyph(status: "withdrawn", unicode: "×", ascii: "x", meaning: "withdrawn, or not accepted"),
    ]

    /// The entry for a status name, if known.
    public static func entry(for status: String) -> StatusGlyph? { all.first { $0.status == status } }

    /// The legend `?` help shows: each glyph, its ASCII fallback where that differs, and its meaning.
    public static func legend(unicode: Bool) -> [(symbol: String, meaning: String)] {
        all.map { g in
            (unicode && g.unicode != g.ascii ? "\(g.unicode) or \(g.ascii)" : g.ascii, g.meaning)
        }
    }

    /// The glyph for a status ("?" when unknown).
    public static func glyph(for status: String, unicode: Bool) -> String {
        entry(for: status)?.glyph(unicode: unicode) ?? "?"
    }
}
