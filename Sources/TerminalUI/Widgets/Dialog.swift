/// A modal box with a title, message lines and button hints, centred and clipped to the area.
public struct Dialog: Equatable, Sendable {
    /// Title in the top border.
    public var title: String
    /// Message lines.
    public var lines: [String]
    /// Button hints, e.g. [Hint(key: "y", label: "confirm"), Hint(key: "esc", label: "cancel")].
    public var buttons: [Hint]
    /// Glyph set.
    public var glyphs: Glyphs
    /// The least width of its lines' area (as far as the area lets it): a list scrolled
    /// through it keeps one width.
    public var minimumWidth = 0

    /// Creates a dialog.
    public init(title: String, lines: [String], buttons: [Hint] = [], glyphs: Glyphs = .fancy) {
        self.title = title; self.lines = lines; self.buttons = buttons; self.glyphs = glyphs
    }

    private var buttonText: String { buttons.map { "[\($0.key)] \($0.label)" }.joined(separator: "  ") }

    /// The buttons in rows no wider than `width`: a narrow terminal shows every choice, on more lines.
    func buttonRows(width: Int) -> [[Hint]] {
        var rows: [[Hint]] = []
        var current: [Hint] = []
        var used = 0
        for b in buttons {
            let w = displayWidth("[\(b.key)] \(b.label)")
            if !current.isEmpty && used + 2 + w > width {
                rows.append(current)
                current = []
                used = 0
            }
            used += (current.isEmpty ? 0 : 2) + w
            current.append(b)
        }
        if !current.isEmpty { rows.append(current) }
        return rows
    }

    /// The message lines as shown in `width` cells: a long line wraps at spaces (a cut one
    /// loses the part that says what to do), its continuation indented as the line is.
    func shownLines(width: Int) -> [String] {
        lines.flatMap { Dialog.wrap(sanitizeForDisplay($0), width: width) }
    }

    /// `line` in rows of at most `width` cells (`wrapAtSpaces`).
    static func wrap(_ line: String, width: Int) -> [String] { wrapAtSpaces(line, width: width) }

    /// How many rows `line` takes in a dialog over an area `areaWidth` cells wide, when the
    /// dialog holds a line at least as wide (it is then as wide as the area lets it be).
    public static func rows(of line: String, areaWidth: Int) -> Int {
        shownRows(of: line, width: max(1, areaWidth - 4))
    }

    /// `line` as it is shown in rows in a dialog over an area `areaWidth` cells wide (`rows`).
    public static func wrapped(_ line: String, areaWidth: Int) -> [String] {
        wrap(sanitizeForDisplay(line), width: max(1, areaWidth - 4))
    }

    static func shownRows(of line: String, width: Int) -> Int { wrap(sanitizeForDisplay(line), width: width).count }

    /// The most rows of lines a dialog with one row of buttons shows in an area `areaHeight` high.
    public static func lineRows(areaHeight: Int) -> Int { max(0, areaHeight - 4) }

    /// The rectangle the dialog occupies inside `area`.
    public func rect(in area: Rect) -> Rect {
        let widest = max(displayWidth(title) + 2, displayWidth(buttonText), lines.map { displayWidth(sanitizeForDisplay($0)) }.max() ?? 0, minimumWidth)
        let contentWidth = max(1, min(widest, area.width - 4))
        let height = shownLines(width: contentWidth).count + (buttons.isEmpty ? 0 : 1 + buttonRows(width: contentWidth).count) + 2
        return area.centered(width: contentWidth + 4, height: height)
    }

    /// Draws the dialog centred in `area`; returns its rectangle.
    @discardableResult
    public func render(into frame: inout Frame, area: Rect) -> Rect {
        let r = rect(in: area)
        guard !r.isEmpty else { return r }
        frame.fill(r)
        let inner = frame.drawBox(r, title: title, glyphs: glyphs)
        guard !inner.isEmpty else { return r }
        let content = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)
        frame.cursor = Position(x: content.x, y: content.y)
        var y = content.y
        let rows = buttons.isEmpty ? [] : buttonRows(width: content.width)
        let lineRows = buttons.isEmpty ? content.height : max(0, content.height - rows.count)
        // Lines that do not fit end in a row that says so, not silently at the box's foot.
        var shown = shownLines(width: content.width)
        if shown.count > lineRows, lineRows > 0 { shown = Array(shown.prefix(lineRows - 1)) + [glyphs.unicode ? "…" : "..."] }
        for line in shown.prefix(lineRows) {
            frame.put(truncate(line, toWidth: content.width, unicode: glyphs.unicode), x: content.x, y: y, maxWidth: content.width)
            y += 1
        }
        for (n, row) in rows.enumerated() {
            let by = content.maxY - rows.count + n
            guard by >= content.y else { continue }
            var x = content.x
            for (i, b) in row.enumerated() {
                if i > 0 { x += frame.put("  ", x: x, y: by, maxWidth: content.maxX - x) }
                x += frame.put("[\(b.key)]", x: x, y: by, role: .hintKey, maxWidth: content.maxX - x)
                x += frame.put(" " + b.label, x: x, y: by, maxWidth: content.maxX - x)
            }
        }
        return r
    }
}
