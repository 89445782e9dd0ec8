/// A scrolling list of single-line items with a selection.
public struct ListView: Sendable {
    /// Glyph set.
    public var glyphs: Glyphs

    /// Creates a list view.
    public init(glyphs: Glyphs = .fancy) { self.glyphs = glyphs }

    /// Draws the visible items; `item` is called only for visible indices.
    public func render(into frame: inout Frame, rect: Rect, state: SelectionState, count: Int,
                       role: Role = .default, item: (Int) -> String) {
        guard !rect.isEmpty else { return }
        frame.fill(rect, role: role)
        let offset = state.clampedOffset(count: count, visibleRows: rect.height)
        let last = min(count, offset + rect.height)
        guard offset < last else { return }
        for i in offset..<last {
            let y = rect.y + i - offset
            let r: Role = i == state.selected ? .selection : role
            if i == state.selected { frame.cursor = Position(x: rect.x, y: y) }
            frame.put(pad(sanitizeForDisplay(item(i)), toWidth: rect.width, unicode: glyphs.unicode), x: rect.x, y: y, role: r, maxWidth: rect.width)
        }
    }

    /// Convenience: draws an array of items.
    public func render(into frame: inout Frame, rect: Rect, state: SelectionState, items: [String], role: Role = .default) {
        render(into: &frame, rect: rect, state: state, count: items.count, role: role) { items[$0] }
    }
}
