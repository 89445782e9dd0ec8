/// One terminal cell: a grapheme, its display width and its semantic role.
///
/// A wide grapheme occupies a lead cell of width 2 followed by a continuation cell
/// (empty grapheme, width 0).
public struct Cell: Equatable, Sendable {
    /// The grapheme cluster drawn here ("" for a continuation cell).
    public var grapheme: String
    /// 1 for a narrow cell, 2 for the lead of a wide char, 0 for a continuation.
    public var width: Int
    /// The semantic role.
    public var role: Role

    /// Creates a cell.
    public init(grapheme: String, width: Int, role: Role) {
        self.grapheme = grapheme
        self.width = width
        self.role = role
    }

    /// A blank cell with the given role.
    public static func blank(_ role: Role = .default) -> Cell { Cell(grapheme: " ", width: 1, role: role) }

    /// Whether this is the right half of a wide char.
    public var isContinuation: Bool { width == 0 }
}
