/// A column of a table: title, width limits, flex share and alignment.
public struct TableColumn: Equatable, Sendable {
    /// Header text.
    public var title: String
    /// Minimum width in cells.
    public var minWidth: Int
    /// Maximum width in cells (nil: unbounded).
    public var maxWidth: Int?
    /// Share of spare width (0: fixed at minWidth).
    public var flex: Int
    /// Text alignment.
    public var alignment: Alignment

    /// Creates a column.
    public init(_ title: String, minWidth: Int, maxWidth: Int? = nil, flex: Int = 0, alignment: Alignment = .left) {
        self.title = title; self.minWidth = max(0, minWidth); self.maxWidth = maxWidth; self.flex = max(0, flex); self.alignment = alignment
    }
}

/// One row's content, as the row provider returns it.
public struct TableRow: Equatable, Sendable {
    /// Cell texts, one per column.
    public var cells: [String]
    /// Role for the whole row (nil: default).
    public var role: Role?
    /// Per-cell roles overriding the row role (e.g. a status column).
    public var cellRoles: [Role?]

    /// Creates a row.
    public init(_ cells: [String], role: Role? = nil, cellRoles: [Role?] = []) {
        self.cells = cells; self.role = role; self.cellRoles = cellRoles
    }
}

/// State of a table: selection and scrolling, sort column, marked rows.
public struct TableState: Equatable, Sendable {
    /// Selection and scroll offset.
    public var selection: SelectionState
    /// Column sorted by, if any.
    public var sortColumn: Int?
    /// Sort direction.
    public var sortAscending: Bool
    /// Marked row indices.
    public var marked: Set<Int>

    /// Creates a state.
    public init(selection: SelectionState = SelectionState(), sortColumn: Int? = nil, sortAscending: Bool = true, marked: Set<Int> = []) {
        self.selection = selection; self.sortColumn = sortColumn; self.sortAscending = sortAscending; self.marked = marked
    }

    /// Selected row index.
    public var selected: Int { selection.selected }

    /// Marks or unmarks the selected row.
    public mutating func toggleMark() {
        if marked.contains(selection.selected) { marked.remove(selection.selected) } else { marked.insert(selection.selected) }
    }

    /// Sorts by `column`, flipping direction when it already is the sort column.
    public mutating func sort(by column: Int) {
        if sortColumn == column { sortAscending.toggle() } else { sortColumn = column; sortAscending = true }
    }
}

/// A table with a header row and virtual scrolling: only visible rows are asked for.
public struct TableView: Sendable {
    /// Columns.
    public var columns: [TableColumn]
    /// Glyph set.
    public var glyphs: Glyphs
    /// Whether to draw a one-cell mark gutter at the left.
    public var showsMarks: Bool

    /// Creates a table view.
    public init(columns: [TableColumn], glyphs: Glyphs = .fancy, showsMarks: Bool = true) {
        self.columns = columns; self.glyphs = glyphs; self.showsMarks = showsMarks
    }

    /// Rows of data that fit in a rectangle (its height less the header).
    public static func visibleRows(in rect: Rect) -> Int { max(0, rect.height - 1) }

    /// Column widths for a total width: minimums left to right (a column that does not fit
    /// gets what is left, and later ones nothing), then spare width shared by flex up to maxWidth.
    /// Zero-width columns take no separator.
    public func columnWidths(totalWidth: Int) -> [Int] {
        var available = totalWidth - (showsMarks ? 1 : 0)
        var widths = Array(repeating: 0, count: columns.count)
        var shown = 0
        for (i, col) in columns.enumerated() {
            let sep = shown > 0 ? 1 : 0
            let want = min(col.minWidth, col.maxWidth ?? Int.max)
            let w = min(want, available - sep)
            if w <= 0 { break }
            widths[i] = w
            available -= w + sep
            shown += 1
            if w < want { break }
        }
        var spare = max(0, available)
        while spare > 0 {
            let growable = columns.indices.filter { widths[$0] > 0 && columns[$0].flex > 0 && widths[$0] < (columns[$0].maxWidth ?? Int.max) }
            if growable.isEmpty { break }
            let totalFlex = growable.reduce(0) { $0 + columns[$1].flex }
            var given = 0
            for i in growable {
                let share = max(1, spare * columns[i].flex / totalFlex)
                let room = (columns[i].maxWidth ?? Int.max) - widths[i]
                let add = min(share, room, spare - given)
                widths[i] += add
                given += add
                if given >= spare { break }
            }
            if given == 0 { break }
            spare -= given
        }
        return widths
    }

    /// Draws the header and the visible rows; `row` is called only for visible row indices.
    public func render(into frame: inout Frame, rect: Rect, state: TableState, rowCount: Int, row: (Int) -> TableRow) {
        guard !rect.isEmpty else { return }
        let widths = columnWidths(totalWidth: rect.width)
        frame.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), role: .header)
        var x = rect.x + (showsMarks ? 1 : 0)
        for (i, col) in columns.enumerated() where widths[i] > 0 {
            var title = col.title
            if state.sortColumn == i {
                // The arrow always shows: the title gives way to it in a narrow column.
                let arrow = state.sortAscending ? glyphs.sortAscending : glyphs.sortDescending
                let room = widths[i] - displayWidth(arrow)
                // In one or two cells an ellipsis would be all that is left ("…▲" over the
                // stage column): the title's first letters say more there ("S▲").
                if displayWidth(title) > room {
                    title = room > 2 ? truncate(title, toWidth: room, unicode: glyphs.unicode) : prefix(title, fittingWidth: max(0, room)).text
                }
                title += arrow
            }
            frame.put(pad(title, toWidth: widths[i], alignment: col.alignment, unicode: glyphs.unicode), x: x, y: rect.y, role: .header, maxWidth: widths[i])
            x += widths[i] + 1
        }
        let visible = TableView.visibleRows(in: rect)
        guard visible > 0 else { return }
        let offset = state.selection.clampedOffset(count: rowCount, visibleRows: visible)
        let last = min(rowCount, offset + visible)
        guard offset < last else {
            frame.fill(Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: visible))
            return
        }
        for index in offset..<last {
            let y = rect.y + 1 + index - offset
            let data = row(index)
            let isSelected = index == state.selection.selected
            if isSelected { frame.cursor = Position(x: rect.x, y: y) }
            let isMarked = state.marked.contains(index)
            let rowRole: Role = isSelected ? .selection : (isMarked ? .mark : (data.role ?? .default))
            frame.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: rowRole)
            if showsMarks && isMarked { frame.put(glyphs.mark, x: rect.x, y: y, role: isSelected ? .selection : .mark, maxWidth: 1) }
            var cx = rect.x + (showsMarks ? 1 : 0)
            for (i, col) in columns.enumerated() where widths[i] > 0 {
                let text = i < data.cells.count ? sanitizeForDisplay(data.cells[i]) : ""
                let cellRole: Role = isSelected ? .selection : ((i < data.cellRoles.count ? data.cellRoles[i] : nil) ?? rowRole)
                // The row is already filled, so only the text itself is written.
                let cut = truncate(text, toWidth: widths[i], unicode: glyphs.unicode)
                let gap = widths[i] - displayWidth(cut)
                let dx = col.alignment == .left ? 0 : (col.alignment == .right ? gap : gap / 2)
                if cellRole != rowRole { frame.fill(Rect(x: cx, y: y, width: widths[i], height: 1), role: cellRole) }
                frame.put(cut, x: cx + dx, y: y, role: cellRole, maxWidth: widths[i] - dx)
                cx += widths[i] + 1
            }
        }
        if last - offset < visible {
            frame.fill(Rect(x: rect.x, y: rect.y + 1 + last - offset, width: rect.width, height: visible - (last - offset)))
        }
    }
}
