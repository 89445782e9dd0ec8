/// A boxed list of key bindings generated from the keymap.
public struct HelpOverlay: Sendable {
    /// Entries to show.
    public var entries: [HelpEntry]
    /// Title in the border.
    public var title: String
    /// First entry shown (for scrolling).
    public var offset: Int
    /// Glyph set.
    public var glyphs: Glyphs
    /// A legend under the keys (e.g. the status glyphs), with its heading.
    public var legend: [(symbol: String, meaning: String)] = []
    /// The legend's heading.
    public var legendTitle = "Status glyphs"

    /// Help for the given scopes, most specific first; an action already listed in an earlier scope is skipped.
    public init(keymap: Keymap, scopes: [String], title: String = "Keys", offset: Int = 0, glyphs: Glyphs = .fancy) {
        self.init(keymap: keymap, keyScopes: scopes.map { KeyScope($0) }, title: title, offset: offset, glyphs: glyphs)
    }

    /// Help for a screen's scopes (most specific first), only the actions the screen answers to;
    /// a key already listed in an earlier scope is skipped, as it never reaches the later one.
    public init(keymap: Keymap, keyScopes scopes: [KeyScope], title: String = "Keys", offset: Int = 0, glyphs: Glyphs = .fancy) {
        var seenKeys = Set<String>()
        var out: [HelpEntry] = []
        for e in keymap.helpEntries(in: scopes) {
            let keys = e.keys.filter { !seenKeys.contains($0) }
            if keys.isEmpty { continue }
            keys.forEach { seenKeys.insert($0) }
            var copy = e
            copy.keys = keys
            out.append(copy)
        }
        self.entries = out; self.title = title; self.offset = offset; self.glyphs = glyphs
    }

    /// The text lines, "keys  description" with the key column aligned, then the legend.
    public func lines() -> [(keys: String, description: String)] {
        let keys = entries.map { ($0.keys.joined(separator: " "), $0.description) }
        guard !legend.isEmpty else { return keys }
        return keys + [("", ""), ("", legendTitle + ":")] + legend.map { ($0.symbol, $0.meaning) }
    }

    /// The narrowest a description may be wrapped to; narrower, it is cut instead.
    static let narrowestWrap = 12

    /// The lines as drawn in a box `width` cells wide whose key column is `keyWidth`: a
    /// description longer than its room wraps at spaces onto the lines under it (the key
    /// column left empty), so the help never cuts what a key does.
    public func shownLines(width: Int, keyWidth: Int) -> [(keys: String, description: String)] {
        let room = width - keyWidth - 6
        return lines().flatMap { row -> [(keys: String, description: String)] in
            guard room >= HelpOverlay.narrowestWrap, displayWidth(row.description) > room else { return [row] }
            return wrapAtSpaces(row.description, width: room).enumerated().map { (i, piece) in (i == 0 ? row.keys : "", piece) }
        }
    }

    /// Draws the overlay centred in `area`.
    public func render(into frame: inout Frame, area: Rect) {
        let all = lines()
        let keyWidth = min(16, all.map { displayWidth($0.keys) }.max() ?? 0)
        let descWidth = all.map { displayWidth($0.description) }.max() ?? 0
        let width = min(keyWidth + descWidth + 6, area.width)
        let kw = min(keyWidth, max(0, width - 4))
        let rows = shownLines(width: width, keyWidth: kw)
        let r = area.centered(width: width, height: rows.count + 2)
        guard r.width >= 2, r.height >= 2 else { return }
        frame.fill(r)
        let inner = frame.drawBox(r, title: title, glyphs: glyphs)
        guard !inner.isEmpty else { return }
        let start = min(max(0, offset), max(0, rows.count - inner.height))
        frame.cursor = Position(x: inner.x, y: inner.y)
        for (i, row) in rows.dropFirst(start).prefix(inner.height).enumerated() {
            let y = inner.y + i
            let x = inner.x + 1
            frame.put(pad(row.keys, toWidth: kw, unicode: glyphs.unicode), x: x, y: y, role: .hintKey, maxWidth: kw)
            let dx = x + kw + 2
            let room = inner.maxX - 1 - dx
            if room > 0 { frame.put(truncate(row.description, toWidth: room, unicode: glyphs.unicode), x: dx, y: y, maxWidth: room) }
        }
        // More below (the glyph legend comes last): say so on the bottom border.
        if start + inner.height < rows.count {
            let more = " \(glyphs.unicode ? "↓" : "v") more: j, PgDn "
            let w = displayWidth(more)
            if w + 4 <= r.width { frame.put(more, x: r.maxX - w - 2, y: r.maxY - 1, role: .hintKey) }
        }
    }
}
