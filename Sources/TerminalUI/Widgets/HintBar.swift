/// One "key action" pair of a hint bar.
public struct Hint: Equatable, Sendable {
    /// Key text, e.g. "n" or "enter".
    public var key: String
    /// What it does, e.g. "new".
    public var label: String
    /// Creates a hint.
    public init(key: String, label: String) { self.key = key; self.label = label }
}

/// A one-line bar of key hints; pairs that do not fit are dropped, the last one truncated.
public struct HintBar: Sendable {
    /// The hints, most important first.
    public var hints: [Hint]
    /// Glyph set.
    public var glyphs: Glyphs

    /// Creates a hint bar.
    public init(_ hints: [Hint], glyphs: Glyphs = .fancy) { self.hints = hints; self.glyphs = glyphs }

    /// Hints for actions of a keymap scope, keyed by their first key; unbound actions are left out.
    public static func hints(from keymap: Keymap, scope: String, actions: [(action: String, label: String)]) -> [Hint] {
        actions.compactMap { a in
            keymap.keys(for: a.action, scope: scope).first.map { Hint(key: $0.name, label: a.label) }
        }
    }

    /// Draws the bar in the first row of `rect`.
    public func render(into frame: inout Frame, rect: Rect) {
        guard rect.width > 0, rect.height > 0 else { return }
        frame.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), role: .hint)
        var x = rect.x
        for (i, h) in hints.enumerated() {
            let lead = i == 0 ? "" : "  "
            let needed = displayWidth(lead) + displayWidth(h.key) + 1 + displayWidth(h.label)
            let room = rect.maxX - x
            if room <= 0 { break }
            if needed > room {
                // Only truncate the label of a pair whose key still fits.
                let keyNeed = displayWidth(lead) + displayWidth(h.key) + 2
                if keyNeed > room { break }
                x += frame.put(lead, x: x, y: rect.y, role: .hint)
                x += frame.put(h.key, x: x, y: rect.y, role: .hintKey)
                x += frame.put(" ", x: x, y: rect.y, role: .hint)
                frame.put(truncate(h.label, toWidth: rect.maxX - x, unicode: glyphs.unicode), x: x, y: rect.y, role: .hint, maxWidth: rect.maxX - x)
                break
            }
            x += frame.put(lead, x: x, y: rect.y, role: .hint)
            x += frame.put(h.key, x: x, y: rect.y, role: .hintKey)
            x += frame.put(" " + h.label, x: x, y: rect.y, role: .hint)
        }
    }
}
