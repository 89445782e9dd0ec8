import HeardCore
import TerminalUI

/// Draws the report: figure, value, previous period and a bar for each count, section by section.
enum ReportRender {
    static func title(_ r: ReportState, style: DateStyle = .iso) -> TitleLine {
        TitleLine(left: "Heard · Report", chips: [style.rewritingISODates(in: r.period.label)] + (r.publicView ? ["public"] : []))
    }

    static func render(_ r: ReportState, _ s: ScreenContext, into f: inout Frame, rect: Rect) {
        guard let g = r.shown, !r.loading else { f.put(" Building the report…", x: 0, y: rect.y + 1, role: .dim); return }
        let lines = ReportLines.build(g)
        let figures = lines.indices.filter { lines[$0].kind == .figure }
        let selectedLine = figures.indices.contains(r.selection) ? figures[r.selection] : -1
        let header = 2
        let h = rect.height - header
        var start = 0
        if selectedLine >= 0 {
            start = max(0, selectedLine - h / 2)
            start = min(start, max(0, lines.count - h))
        }
        let hasPrevious = g.value(at: "previous.period.from") != nil
        let w = rect.width
        let legend = ReportLegend(r.period, today: s.today, report: g, style: s.dateStyle)
        // Each number column as wide as its widest cell of the whole report (so columns stay put
        // while scrolling), at least 8: `£1,350.00` beside `£950.00` neither collides nor loses a digit.
        let widest = lines.lazy.filter { $0.kind == .figure }.map { max(displayWidth($0.value), displayWidth($0.previous)) }.max() ?? 0
        let numW = max(8, widest + 1)
        // The labels as wide as the widest needs, leaving the bars at least 16 columns: at 80 a
        // third of the width cut "Resolved at local resol…" while the bars had 30 (a trial).
        let widestLabel = lines.lazy.filter { $0.kind == .figure }.map { displayWidth($0.label) + 3 }.max() ?? 0
        let labelW = min(44, max(18, w / 3, min(widestLabel, w - numW * 2 - 4 - 16)))
        let barW = max(0, w - labelW - numW * 2 - 4)
        func heading(comparing: Bool) -> String {
            var head = " \(legend.thisPeriod)"
            if let note = legend.partial { head += " (\(note)\(comparing ? legend.comparedWith ?? "" : ""))" }
            // "before" alone does not say which dates it covers; a financial year's name does.
            if hasPrevious, let before = legend.previousPeriod { head += " · before: " + before }
            // A year walked to before the record began (or after today) is all noughts: said so.
            if g.value(at: "contacts.total")?.count == 0 { head += " · no contacts in this period" }
            if !r.serviceAreas.isEmpty { head += " · " + r.serviceAreas.joined(separator: ", ") }
            if r.publicView { head += " · PUBLIC (c hides 1-\(r.suppressUpTo) and what would reveal them)" }
            return head
        }
        // What a year so far is compared with gives way first when the line is full (the
        // public view's note on c, the areas chosen, matter more); the star's "partial" stays.
        let full = heading(comparing: true)
        let head = displayWidth(full) <= w || legend.comparedWith == nil ? full : heading(comparing: false)
        f.put(truncate(head, toWidth: w, unicode: s.unicode), x: rect.x, y: rect.y, role: .title, maxWidth: w)
        // The columns and the bars say which period is which: this one, then the one before.
        f.put(pad("", toWidth: labelW, unicode: s.unicode) + padLeft(legend.thisColumn, toWidth: numW) + padLeft(hasPrevious ? legend.previousColumn : "", toWidth: numW),
              x: rect.x, y: rect.y + 1, role: .dim, maxWidth: w)
        if barW > 4 {
            let bx = rect.x + labelW + numW * 2 + 2
            var x = bx
            // The legend whole or not at all: the number columns' heads above say which period is which.
            let faintWidth = hasPrevious ? 4 + displayWidth(legend.previousColumn) : 0
            let fits = 2 + displayWidth(legend.thisColumn) + faintWidth <= rect.maxX - bx
            if fits { x += f.put(s.glyphs.fullBlock + " " + legend.thisColumn, x: x, y: rect.y + 1, role: .chartBar, maxWidth: rect.maxX - x) }
            if hasPrevious && fits {
                x += f.put("  ", x: x, y: rect.y + 1, role: .dim, maxWidth: rect.maxX - x)
                // "(where higher)" only where it fits: cut, it reads as nonsense.
                let faint = (s.unicode ? "░" : ".") + " " + legend.previousColumn
                let words = displayWidth(faint + " (where higher)") <= rect.maxX - x ? faint + " (where higher)" : faint
                f.put(words, x: x, y: rect.y + 1, role: .chartBarPrevious, maxWidth: rect.maxX - x)
            }
        }
        for (i, line) in lines.enumerated().dropFirst(start) {
            let y = rect.y + header + i - start
            if y >= rect.maxY { break }
            switch line.kind {
            case .title, .section:
                f.fill(Rect(x: rect.x, y: y, width: w, height: 1), role: .header)
                f.put(truncate(" " + line.label, toWidth: w, unicode: s.unicode), x: rect.x, y: y, role: .header, maxWidth: w)
            case .blank:
                continue
            case .figure:
                let selected = i == selectedLine
                let role: Role = selected ? .selection : .default
                f.fill(Rect(x: rect.x, y: y, width: w, height: 1), role: role)
                f.put(pad("  " + line.label, toWidth: labelW, unicode: s.unicode), x: rect.x, y: y, role: role, maxWidth: labelW)
                f.put(padLeft(line.value, toWidth: numW), x: rect.x + labelW, y: y, role: role)
                f.put(padLeft(line.previous, toWidth: numW), x: rect.x + labelW + numW, y: y, role: selected ? .selection : .dim)
                if let n = line.count, barW > 4, line.groupMax > 0 {
                    let bx = rect.x + labelW + numW * 2 + 2
                    let bar = BarChart.bar(value: Double(n), maximum: Double(line.groupMax), width: barW, glyphs: s.glyphs)
                    f.put(bar, x: bx, y: y, role: .chartBar, maxWidth: barW)
                    if let p = line.previousCount, p > 0, n < p {
                        // The previous period's extent, faint, where it reaches past this one's bar.
                        let pw = Int((Double(p) / Double(line.groupMax) * Double(barW)).rounded())
                        let cw = displayWidth(bar)
                        if pw > cw { f.put(String(repeating: s.unicode ? "░" : ".", count: pw - cw), x: bx + cw, y: y, role: .chartBarPrevious) }
                    }
                }
            }
        }
    }
}
