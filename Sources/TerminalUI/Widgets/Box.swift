/// Draws a border around a rectangle, with an optional title in the top edge.
extension Frame {
    /// Draws a box; returns the inner rectangle.
    @discardableResult
    public mutating func drawBox(_ rect: Rect, title: String? = nil, role: Role = .border, titleRole: Role = .title, glyphs: Glyphs = .fancy) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let h = glyphs.horizontal, v = glyphs.vertical
        let inner = String(repeating: h, count: rect.width - 2)
        put(glyphs.topLeft + inner + glyphs.topRight, x: rect.x, y: rect.y, role: role)
        put(glyphs.bottomLeft + inner + glyphs.bottomRight, x: rect.x, y: rect.maxY - 1, role: role)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            put(v, x: rect.x, y: y, role: role)
            put(v, x: rect.maxX - 1, y: y, role: role)
        }
        if let title, rect.width > 4 {
            let t = " " + truncate(sanitizeForDisplay(title), toWidth: rect.width - 4, unicode: glyphs.unicode) + " "
            put(t, x: rect.x + 1, y: rect.y, role: titleRole, maxWidth: rect.width - 2)
        }
        return rect.inset(by: 1)
    }
}
