/// A grid of cells that a screen renders into and a backend paints.
///
/// Cells are stored packed (a scalar or cluster index, a width and a role index) so that
/// building and diffing a frame does no reference counting per cell.
public struct Frame: Sendable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int

    var packed: [PackedCell]
    var roleTable: [Role]
    var roleIndex: [Role: UInt16]
    var clusters: [String]
    var clusterIndex: [String: UInt32]
    /// Where the terminal cursor belongs after this frame is painted: the selected row or the
    /// focused field, so screen readers (brltty, speakup) follow the focus. Widgets set it as
    /// they draw; the last focused thing drawn wins.
    public var cursor: Position?

    /// A frame of blank cells with the given role.
    public init(width: Int, height: Int, role: Role = .default) {
        self.width = max(0, width)
        self.height = max(0, height)
        roleTable = [role]
        roleIndex = [role: 0]
        clusters = []
        clusterIndex = [:]
        packed = Array(repeating: PackedCell(code: 32, width: 1, role: 0), count: self.width * self.height)
    }

    /// A frame of the given size.
    public init(size: Size, role: Role = .default) { self.init(width: size.width, height: size.height, role: role) }

    /// The frame's size.
    public var size: Size { Size(width: width, height: height) }
    /// The whole frame as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at (x, y), or nil outside the frame.
    public subscript(x: Int, y: Int) -> Cell? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        return cell(packed[y * width + x])
    }

    /// All cells, row-major.
    public var cells: [Cell] { packed.map(cell) }

    func cell(_ p: PackedCell) -> Cell {
        Cell(grapheme: grapheme(p), width: Int(p.width), role: roleTable[Int(p.role)])
    }

    func grapheme(_ p: PackedCell) -> String {
        if p.width == 0 { return "" }
        if p.code & PackedCell.clusterFlag != 0 { return clusters[Int(p.code & ~PackedCell.clusterFlag)] }
        return Unicode.Scalar(p.code).map { String(Character($0)) } ?? " "
    }

    mutating func roleID(_ role: Role) -> UInt16 {
        if let i = roleIndex[role] { return i }
        let i = UInt16(truncatingIfNeeded: roleTable.count)
        roleTable.append(role)
        roleIndex[role] = i
        return i
    }

    mutating func code(for c: Character) -> UInt32 {
        let scalars = c.unicodeScalars
        if scalars.count == 1, let s = scalars.first { return s.value }
        let key = String(c)
        if let i = clusterIndex[key] { return i | PackedCell.clusterFlag }
        let i = UInt32(clusters.count)
        clusters.append(key)
        clusterIndex[key] = i
        return i | PackedCell.clusterFlag
    }

    /// Writes `text` at (x, y) and returns the number of cells used.
    ///
    /// Text stops at the frame edge or after `maxWidth` cells; a wide char that does not fit
    /// entirely is not drawn. Control and zero-width clusters are skipped.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: Role = .default, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width, maxWidth.map { x + max(0, $0) } ?? width)
        guard x < limit else { return 0 }
        let r = roleID(role)
        var col = x
        if x >= 0, isPrintableASCII(text) {
            let base = y * width
            for b in text.utf8 {
                if col >= limit { break }
                set(base + col, col: col, PackedCell(code: UInt32(b), width: 1, role: r))
                col += 1
            }
            return col - x
        }
        for c in text {
            let w = displayWidth(c)
            if w == 0 { continue }
            if col + w > limit { break }
            if col < 0 {
                // Partly left of the frame: show the visible half as a blank.
                if col + w > 0 { set(y * width, col: 0, PackedCell(code: 32, width: 1, role: r)) }
                col += w
                continue
            }
            let i = y * width + col
            let code = code(for: c)
            if w == 1 {
                set(i, col: col, PackedCell(code: code, width: 1, role: r))
            } else {
                set(i, col: col, PackedCell(code: code, width: 1, role: r))
                set(i + 1, col: col + 1, PackedCell(code: 0, width: 1, role: r))
                packed[i].width = 2
                packed[i + 1].width = 0
            }
            col += w
        }
        return max(0, col - max(x, 0))
    }

    /// Fills a rectangle with a narrow grapheme (a space by default) in the given role.
    public mutating func fill(_ rect: Rect, with grapheme: String = " ", role: Role = .default) {
        let r = rect.intersection(bounds)
        if r.isEmpty { return }
        let c: Character = (grapheme.count == 1 && displayWidth(grapheme) == 1) ? (grapheme.first ?? " ") : " "
        let cell = PackedCell(code: code(for: c), width: 1, role: roleID(role))
        for y in r.y..<r.maxY {
            let base = y * width
            for x in r.x..<r.maxX { set(base + x, col: x, cell) }
        }
    }

    /// Changes the role of every cell in a rectangle, keeping its text.
    public mutating func setRole(_ role: Role, in rect: Rect) {
        let r = rect.intersection(bounds)
        if r.isEmpty { return }
        let id = roleID(role)
        for y in r.y..<r.maxY {
            let base = y * width
            for x in r.x..<r.maxX { packed[base + x].role = id }
        }
    }

    /// Sets one cell; a wide char is replaced by blanks when half of it is overwritten.
    @inline(__always)
    private mutating func set(_ i: Int, col: Int, _ cell: PackedCell) {
        let old = packed[i].width
        if old == 0, col > 0 {
            // Overwriting the right half of a wide char: blank its left half.
            packed[i - 1].code = 32
            packed[i - 1].width = 1
        } else if old == 2, col + 1 < width {
            packed[i + 1].code = 32
            packed[i + 1].width = 1
        }
        packed[i] = cell
    }

    /// The frame as text, one string per row; a wide char appears once.
    public func rows() -> [String] {
        (0..<height).map { row(at: $0) }
    }

    /// One row as text.
    public func row(at y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var s = ""
        s.reserveCapacity(width)
        for x in 0..<width {
            let p = packed[y * width + x]
            if p.width == 0 { continue }
            if p.code < 0x80 { s.unicodeScalars.append(Unicode.Scalar(UInt8(p.code))) } else { s += grapheme(p) }
        }
        return s
    }

    /// The roles of one row, one per cell.
    public func roles(at y: Int) -> [Role] {
        guard y >= 0, y < height else { return [] }
        return (0..<width).map { roleTable[Int(packed[y * width + $0].role)] }
    }

    /// Cells that differ from `previous` (every cell when sizes differ or there is none).
    public func diff(from previous: Frame?) -> [CellChange] {
        var out: [CellChange] = []
        guard let previous, previous.width == width, previous.height == height else {
            out.reserveCapacity(packed.count)
            for (i, p) in packed.enumerated() { out.append(CellChange(x: i % max(width, 1), y: i / max(width, 1), cell: cell(p))) }
            return out
        }
        // Map the previous frame's role ids onto ours so cells compare as integers.
        let roleMap: [UInt16] = previous.roleTable.map { roleIndex[$0] ?? UInt16.max }
        let sameClusters = clusters == previous.clusters
        for i in 0..<packed.count {
            let a = packed[i], b = previous.packed[i]
            if a.width == b.width, roleMap[Int(b.role)] == a.role {
                if a.code == b.code && (sameClusters || a.code & PackedCell.clusterFlag == 0) { continue }
                if a.width == 0 { continue }
                if a.code & b.code & PackedCell.clusterFlag != 0, grapheme(a) == previous.grapheme(b) { continue }
            }
            out.append(CellChange(x: i % width, y: i / width, cell: cell(a)))
        }
        return out
    }
}

extension Frame: Equatable {
    /// Frames are equal when they have the same size and the same cells.
    public static func == (a: Frame, b: Frame) -> Bool {
        a.width == b.width && a.height == b.height && a.diff(from: b).isEmpty
    }
}

/// A cell as stored: a scalar value (or a cluster index with the top bit set), width and role id.
struct PackedCell: Equatable, Sendable {
    static let clusterFlag: UInt32 = 0x8000_0000
    var code: UInt32
    var width: UInt8
    var role: UInt16
}

/// A cell that changed between two frames.
public struct CellChange: Equatable, Sendable {
    /// Column.
    public var x: Int
    /// Row.
    public var y: Int
    /// The new cell.
    public var cell: Cell
}

@inline(__always)
private func isPrintableASCII(_ s: String) -> Bool {
    for b in s.utf8 where b < 0x20 || b >= 0x7F { return false }
    return true
}
