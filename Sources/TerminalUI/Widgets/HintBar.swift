/// One "key action" pair of a hint bar.
public struct Hint: Equatable, Sendable {
    /// Key text, e.g. "n" or "enter".
    public var key: String
    /// What it does, e.g. "new".
    public var label: String
    /// How long the hint stays when the bar is too narrow: the lowest goes first.
    public var priority: Int
    /// Creates a hint.
    public init(key: String, label: String, priority: Int = 0) { self.key = key; self.label = label; self.priority = priority }

    /// The priority of a hint that never gives way to another (help and the way out).
    public static let pinned = Int.max

    /// Two hints are the same pair of key and label, whatever their priority.
    public static func == (a: Hint, b: Hint) -> Bool { a.key == b.key && a.label == b.label }

    /// Cells the pair takes, without a separator.
    var width: Int { displayWidth(key) + 1 + displayWidth(label) }
}

/// A one-line bar of key hints. When the bar is too narrow, the hints of lowest priority are
/// dropped first (the later of two equal ones first), so pinned ones such as `?` help and `q`
/// stay; only if the pinned ones alone do not fit is the last one cut short.
public struct HintBar: Sendable {
    /// The hints, in the order shown.
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

    /// Cells a list of hints takes, two spaces between pairs.
    static func width(of hints: [Hint]) -> Int {
        hints.reduce(0) { $0 + $1.width } + max(0, hints.count - 1) * 2
    }

    /// The hints that fit in `width` cells: the lowest priority dropped first, order kept.
    public func fitting(width: Int) -> [Hint] {
        var kept = hints
        while HintBar.width(of: kept) > width {
            // The lowest priority; among equals, the last.
            var drop: Int?
            for (i, h) in kept.enumerated() where h.priority != Hint.pinned {
                if let d = drop, kept[d].priority < h.priority { continue }
                drop = i
            }
            guard let d = drop else { break }
            kept.remove(at: d)
        }
        return kept
    }

    /// Draws the bar in the first row of `rect`.
    public func render(into frame: inout Frame, rect: Rect) {
        guard rect.width > 0, rect.height > 0 else { return }
        frame.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), role: .hint)
        var x = rect.x
        for (i, h) in fitting(width: rect.width).enumerated() {
            let lead = i == 0 ? "" : "  "
            let needed = displayWidth(lead) + h.width
            let room = rect.maxX - x
            if room <= 0 { break }
            if needed > room {
                // Only the pinned hints are left and even they do not fit: cut the last label,
                // and only where its key still shows.
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
