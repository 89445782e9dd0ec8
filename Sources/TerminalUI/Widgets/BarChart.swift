/// One bar: a label, a value and optionally the previous period's value.
public struct BarChartItem: Equatable, Sendable {
    /// Label at the left.
    public var label: String
    /// This period's value.
    public var value: Double
    /// Previous period's value, drawn as a second bar beneath.
    public var previous: Double?

    /// Creates an item.
    public init(_ label: String, value: Double, previous: Double? = nil) {
        self.label = label; self.value = value; self.previous = previous
    }
}

/// Horizontal bars scaled to the width, with partial blocks (ASCII "#" fallback).
public struct BarChart: Sendable {
    /// Items, top to bottom.
    public var items: [BarChartItem]
    /// Glyph set.
    public var glyphs: Glyphs
    /// Widest label column.
    public var maxLabelWidth: Int

    /// Creates a chart.
    public init(_ items: [BarChartItem], glyphs: Glyphs = .fancy, maxLabelWidth: Int = 24) {
        self.items = items; self.glyphs = glyphs; self.maxLabelWidth = maxLabelWidth
    }

    /// A bar of `value` out of `maximum` over `width` cells, in eighths with Unicode, whole cells in ASCII.
    public static func bar(value: Double, maximum: Double, width: Int, glyphs: Glyphs, block: String? = nil) -> String {
        guard width > 0, maximum > 0, value > 0, value.isFinite else { return "" }
        let full = block ?? glyphs.fullBlock
        let fraction = min(1, value / maximum)
        let partials = glyphs.partialBlocks
        if partials.isEmpty || block != nil {
            let cells = Int((fraction * Double(width)).rounded())
            return String(repeating: full, count: max(cells, 1))
        }
        let eighths = Int((fraction * Double(width * 8)).rounded())
        var s = String(repeating: full, count: eighths / 8)
        if eighths % 8 > 0 { s += partials[eighths % 8] }
        return s.isEmpty ? partials[1] : s
    }

    /// Formats a value without a needless ".0".
    public static func format(_ v: Double) -> String {
        if v.isFinite, v.rounded() == v, abs(v) < 1e15 { return String(Int(v)) }
        return String(format1: v)
    }

    /// Rows the chart needs.
    public var rowCount: Int { items.reduce(0) { $0 + ($1.previous == nil ? 1 : 2) } }

    /// Draws the chart into `rect`, clipping rows that do not fit.
    public func render(into frame: inout Frame, rect: Rect) {
        guard !rect.isEmpty else { return }
        let labelWidth = min(maxLabelWidth, items.map { displayWidth($0.label) }.max() ?? 0, rect.width / 3)
        let valueWidth = items.flatMap { [$0.value] + ($0.previous.map { [$0] } ?? []) }.map { displayWidth(BarChart.format($0)) }.max() ?? 1
        let barWidth = max(1, rect.width - labelWidth - valueWidth - 2 - (labelWidth > 0 ? 1 : 0))
        let maximum = items.flatMap { [$0.value] + ($0.previous.map { [$0] } ?? []) }.max() ?? 0
        var y = rect.y
        for item in items {
            guard y < rect.maxY else { break }
            var x = rect.x
            if labelWidth > 0 {
                frame.put(pad(sanitizeForDisplay(item.label), toWidth: labelWidth, unicode: glyphs.unicode), x: x, y: y, maxWidth: labelWidth)
                x += labelWidth + 1
            }
            drawBar(&frame, x: x, y: y, value: item.value, maximum: maximum, barWidth: barWidth, role: .chartBar, limit: rect.maxX)
            y += 1
            if let prev = item.previous, y < rect.maxY {
                drawBar(&frame, x: x, y: y, value: prev, maximum: maximum, barWidth: barWidth, role: .chartBarPrevious, limit: rect.maxX, previous: true)
                y += 1
            }
        }
    }

    private func drawBar(_ frame: inout Frame, x: Int, y: Int, value: Double, maximum: Double, barWidth: Int, role: Role, limit: Int, previous: Bool = false) {
        let bar = BarChart.bar(value: value, maximum: maximum, width: barWidth, glyphs: glyphs, block: previous ? glyphs.previousBlock : nil)
        let used = frame.put(bar, x: x, y: y, role: role, maxWidth: barWidth)
        frame.put(" " + BarChart.format(value), x: x + used, y: y, role: previous ? .dim : .default, maxWidth: limit - x - used)
    }
}

extension String {
    /// One decimal place, without Foundation.
    init(format1 v: Double) {
        let scaled = (v * 10).rounded()
        let whole = Int(scaled / 10)
        let frac = abs(Int(scaled) % 10)
        self = "\(scaled < 0 && whole == 0 ? "-" : "")\(whole).\(frac)"
    }
}
