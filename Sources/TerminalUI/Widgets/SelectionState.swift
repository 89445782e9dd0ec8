/// A selected index in a scrolling list and the first visible index.
public struct SelectionState: Equatable, Sendable {
    /// Selected item index.
    public var selected: Int
    /// First visible item index.
    public var offset: Int

    /// Creates a state.
    public init(selected: Int = 0, offset: Int = 0) { self.selected = selected; self.offset = offset }

    /// Moves the selection by `delta`, clamped to the items, and keeps it visible.
    public mutating func move(by delta: Int, count: Int, visibleRows: Int) {
        select(selected + delta, count: count, visibleRows: visibleRows)
    }

    /// Selects an index, clamped to the items, and keeps it visible.
    public mutating func select(_ index: Int, count: Int, visibleRows: Int) {
        selected = count == 0 ? 0 : min(max(0, index), count - 1)
        offset = clampedOffset(count: count, visibleRows: visibleRows)
    }

    /// Handles list movement keys (arrows, j/k, g/G, PgUp/PgDn, Home/End); returns whether it moved.
    @discardableResult
    public mutating func handle(_ key: Key, count: Int, visibleRows: Int) -> Bool {
        let page = max(1, visibleRows - 1)
        switch key {
        case .up, .char("k"): move(by: -1, count: count, visibleRows: visibleRows)
        case .down, .char("j"): move(by: 1, count: count, visibleRows: visibleRows)
        case .pageUp: move(by: -page, count: count, visibleRows: visibleRows)
        case .pageDown: move(by: page, count: count, visibleRows: visibleRows)
        case .home, .char("g"): select(0, count: count, visibleRows: visibleRows)
        case .end, .char("G"): select(count - 1, count: count, visibleRows: visibleRows)
        default: return false
        }
        return true
    }

    /// The offset that keeps the selection visible in `visibleRows` rows with the least scrolling.
    public func clampedOffset(count: Int, visibleRows: Int) -> Int {
        guard visibleRows > 0, count > 0 else { return 0 }
        let sel = min(max(0, selected), count - 1)
        var off = offset
        if sel < off { off = sel }
        if sel >= off + visibleRows { off = sel - visibleRows + 1 }
        off = min(off, max(0, count - visibleRows))
        return max(0, off)
    }
}
