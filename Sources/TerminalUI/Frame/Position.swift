/// A cell's place on the screen: column and row.
public struct Position: Equatable, Hashable, Sendable {
    /// Column.
    public var x: Int
    /// Row.
    public var y: Int
    /// Creates a position.
    public init(x: Int, y: Int) { self.x = x; self.y = y }
}

extension Frame {
    /// The first cell in `rect`, row by row, painted with `role` (e.g. the selected row).
    public func firstCell(withRole role: Role, in rect: Rect) -> Position? {
        guard let index = roleIndex[role] else { return nil }
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return nil }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX where packed[y * width + x].role == index { return Position(x: x, y: y) }
        }
        return nil
    }
}

extension Rect {
    /// Whether the cell at `p` lies inside.
    public func contains(_ p: Position) -> Bool { p.x >= x && p.x < maxX && p.y >= y && p.y < maxY }
}
