extension ReportRenderer {
    /// One standalone page, fit to print for a board paper: tables and SVG bar charts, no network.
    public static func html(_ g: ReportGroup) -> String {
        let prev = g["previous"]?.groupValue
        let title = g.title ?? "Report"
        var period = ""
        if let f = g.value(at: "period.from"), let t = g.value(at: "period.to") { period = "\(cell(f)) to \(cell(t))" }
        var body = "<h1>\(esc(title))</h1>\n<p class=\"period\">\(esc(period))"
        if let areas = g.value(at: "filters.service_areas") { body += " &middot; Service areas: \(esc(cell(areas)))" }
        if let p = prev, let pf = p.value(at: "period.from"), let pt = p.value(at: "period.to") {
            body += " &middot; compared with \(esc(cell(pf))) to \(esc(cell(pt)))"
            if case .text(let words)? = g.value(at: "period.compared_with") { body += " (\(esc(words)))" }
        }
        body += "</p>\n"
        if let through = g.partialThrough, case .text(let to)? = g.value(at: "period.to") {
            body += "<p class=\"partial\"><strong>Partial period: the figures run to \(esc(through.iso)) only; the period runs to \(esc(to)).</strong>"
            if prev != nil { body += " The previous period is whole, so its figures cover more time." }
            body += "</p>\n"
        }
        if let note = g.publicNote { body += "<p class=\"public\"><strong>\(esc(note))</strong></p>\n" }

        let chartLegend = ChartLegend(g)
        func section(_ g: ReportGroup, _ p: ReportGroup?, heading: String, level: Int) {
            let leaves = g.entries.filter { e in if case .group = e.value { return false }; return true }
            if !leaves.isEmpty {
                let h = min(level, 6)
                body += "<section>\n<h\(h)>\(esc(heading))</h\(h)>\n"
                // A hidden count (c) keeps its row, with no bar: a chart that left it out read as
                // if the figure were not there at all (found by a trial).
                let counts = leaves.compactMap { e -> ChartRow? in
                    switch e.value {
                    case .count, .suppressed:
                        let before = p?[e.key].flatMap { $0.count != nil || $0 == .suppressed ? $0 : nil }
                        return ChartRow(label: label(e.key), value: e.value, previous: before)
                    default: return nil
                    }
                }
                if counts.count >= 2 && counts.contains(where: { ($0.value.count ?? 0) > 0 }) { body += svgChart(counts, legend: chartLegend) }
                body += "<table>\n<thead><tr><th>Figure</th><th>Value</th>\(p == nil ? "" : "<th>Previous</th>")</tr></thead>\n<tbody>\n"
                for e in leaves {
                    body += "<tr><td>\(esc(label(e.key)))</td><td class=\"n\">\(esc(display(e.value, key: e.key)))</td>"
                    if p != nil { body += "<td class=\"n\">\(esc(display(previous(p, key: e.key, beside: e.value), key: e.key)))</td>" }
                    body += "</tr>\n"
                }
                body += "</tbody>\n</table>\n</section>\n"
            } else if g.entries.contains(where: { if case .group = $0.value { return true }; return false }) {
                // A group of groups (Stages, Learning) has its heading too: without it, its parts
                // read as parts of the section before ("Themes" under Compliments; found by a trial).
                let h = min(level, 6)
                body += "<h\(h)>\(esc(heading))</h\(h)>\n"
            }
            for e in g.entries {
                if case .group(let sub) = e.value {
                    section(sub, p?[e.key]?.groupValue, heading: (level >= 3 ? heading + ": " : "") + (sub.title ?? label(e.key)), level: level + 1)
                }
            }
        }
        for e in g.entries where !["period", "filters", "previous", "public"].contains(e.key) {
            if case .group(let sub) = e.value { section(sub, prev?[e.key]?.groupValue, heading: sub.title ?? label(e.key), level: 2) }
        }
        return """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
        <meta charset="utf-8">
        <title>\(esc(title)) \(esc(period))</title>
        <style>
        body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; color: #111; }
        h1 { font-size: 1.6rem; } h2 { border-bottom: 1px solid #999; margin-top: 2rem; }
        table { border-collapse: collapse; margin: 0.5rem 0 1rem; min-width: 24rem; }
        th, td { border-bottom: 1px solid #ddd; padding: 0.2rem 0.6rem; text-align: left; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        svg.chart { display: block; margin: 0.5rem 0; }
        svg.chart text { font-size: 12px; font-family: system-ui, sans-serif; }
        .bar { fill: #1f5fa8; } .bar.prev { fill: #b8c7d9; }
        section { break-inside: avoid; }
        @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    /// One row of a chart: a count, or `c` where a public report hides it (no bar); the
    /// previous period's likewise, nil when there is none.
    struct ChartRow {
        var label: String
        var value: ReportValue
        var previous: ReportValue?
    }

    /// A horizontal bar chart as inline SVG: one bar per figure, the previous period's as a paler
    /// bar beneath, and a legend above saying which bar is which period; a hidden figure has its
    /// row with `c` and no bar.
    static func svgChart(_ rows: [ChartRow], legend: ChartLegend = ChartLegend(this: "This period", previous: nil)) -> String {
        let maxValue = max(1, rows.map { max($0.value.count ?? 0, $0.previous?.count ?? 0) }.max() ?? 1)
        // Room for the longest label at about 7 px a character of the 12 px font, so a long
        // category ("Failure to provide or withdrawal of a service") is not cut at the left
        // edge (found by a trial); at least 260, at most 460 (the page is 60rem wide).
        let longest = rows.map { $0.label.count }.max() ?? 0
        let labelWidth = min(460, max(260, longest * 7 + 12)), barWidth = 360, rowHeight = rows.contains { $0.previous != nil } ? 26 : 18
        let legendHeight = 22
        let height = legendHeight + rows.count * rowHeight + 4
        var s = "<svg class=\"chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelWidth + barWidth + 60)\" height=\"\(height)\">\n"
        s += "<g class=\"legend\"><rect class=\"bar\" x=\"0\" y=\"4\" width=\"14\" height=\"12\"></rect>"
        s += "<text x=\"18\" y=\"14\">\(esc(legend.this))</text>"
        if let p = legend.previous, rows.contains(where: { $0.previous != nil }) {
            s += "<rect class=\"bar prev\" x=\"340\" y=\"7\" width=\"14\" height=\"7\"></rect>"
            s += "<text x=\"358\" y=\"14\">\(esc(p))</text>"
        }
        s += "</g>\n"
        for (i, r) in rows.enumerated() {
            let y = legendHeight + i * rowHeight + 2
            s += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 12)\" text-anchor=\"end\">\(esc(r.label))</text>"
            if let n = r.value.count {
                let w = n * barWidth / maxValue
                s += "<rect class=\"bar\" x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(w)\" height=\"14\"><title>\(esc(r.label)): \(groupedNumber(n))</title></rect>"
                s += "<text x=\"\(labelWidth + w + 4)\" y=\"\(y + 12)\">\(groupedNumber(n))</text>"
            } else {
                s += "<text x=\"\(labelWidth + 4)\" y=\"\(y + 12)\">c</text>"
            }
            if let p = r.previous?.count {
                let pw = p * barWidth / maxValue
                s += "<rect class=\"bar prev\" x=\"\(labelWidth)\" y=\"\(y + 15)\" width=\"\(pw)\" height=\"7\"><title>previous: \(groupedNumber(p))</title></rect>"
            } else if r.previous == .suppressed {
                s += "<text class=\"prev\" x=\"\(labelWidth + 4)\" y=\"\(y + 23)\" font-size=\"9\">previous: c</text>"
            }
            s += "\n"
        }
        return s + "</svg>\n"
    }

    /// Text for an HTML page (the report, a subject access bundle's README, my work): the five
    /// characters HTML gives a meaning escaped, and control characters dropped (tab and line
    /// breaks kept): HTML has no use for them, and an escape sequence in a value written by
    /// another tool reached the terminal of anyone who ran `cat` on the page (an attack).
    static func esc(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            switch u {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&#39;".unicodeScalars)
            case "\t", "\n", "\r": out.append(u)
            default:
                let v = u.value
                if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) { continue }
                out.append(u)
            }
        }
        return String(out)
    }
}

/// What a report chart's two bars stand for: "This period: 2026-04-01 to 2026-11-30 (partial)"
/// and "Previous: 2025-04-01 to 2026-03-31".
struct ChartLegend {
    var this: String
    var previous: String?

    init(this: String, previous: String?) { self.this = this; self.previous = previous }

    init(_ g: ReportGroup) {
        func range(_ g: ReportGroup?) -> String? {
            guard case .text(let f)? = g?.value(at: "period.from"), case .text(let t)? = g?.value(at: "period.to") else { return nil }
            return "\(f) to \(t)"
        }
        if let through = g.partialThrough, case .text(let f)? = g.value(at: "period.from") {
            this = "This period: \(f) to \(through.iso) (partial)"
        } else {
            this = "This period" + (range(g).map { ": " + $0 } ?? "")
        }
        previous = range(g["previous"]?.groupValue).map { "Previous: " + $0 }
    }
}
