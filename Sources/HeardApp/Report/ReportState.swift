import HeardCore
import TerminalUI

/// The report screen: the annual report for a range and service areas, as lines to scroll
/// with the figure rows selectable (Enter lists the cases behind a figure).
public struct ReportState: Sendable {
    public var period: Period
    public var serviceAreas: [String] = []
    public var report: ReportGroup?
    /// Show the public version (counts 1 to `suppressUpTo` as c, no names).
    public var publicView = false
    /// The configured threshold (`Rules.suppressUpTo`), as `heard report --public` uses it.
    public var suppressUpTo: Int
    public var selection = 0
    public var loading = true

    public init(period: Period, suppressUpTo: Int) { self.period = period; self.suppressUpTo = suppressUpTo }

    /// The report shown: the public version when asked for, with the configured threshold.
    public var shown: ReportGroup? { publicView ? report?.publicVersion(threshold: suppressUpTo) : report }
}

/// A line of the report screen.
struct ReportLine {
    enum Kind { case title, section, figure, blank }
    var kind: Kind
    var label: String
    var value: String = ""
    var previous: String = ""
    /// For bars: the count, the largest count of its group, the previous count.
    var count: Int?
    var groupMax = 0
    var previousCount: Int?
    var refs: [String] = []
    var path = ""
}

enum ReportLines {
    /// The report as lines: each group a section, its counts as figures with bars.
    static func build(_ g: ReportGroup) -> [ReportLine] {
        var out: [ReportLine] = []
        let prev = g["previous"]?.groupValue
        func walk(_ g: ReportGroup, _ p: ReportGroup?, heading: String, path: String, depth: Int) {
            let leaves = g.entries.filter { e in if case .group = e.value { return false }; return e.key != "previous" }
            let counts = leaves.compactMap { $0.value.count }
            let groupMax = counts.max() ?? 0
            if !leaves.isEmpty {
                out.append(ReportLine(kind: .section, label: heading))
                for e in leaves {
                    // A count the previous period lacks was none then; with no previous period, blank.
                    let before = p.map { $0[e.key] ?? (e.value.count != nil ? .count(0, refs: []) : nil) } ?? nil
                    var line = ReportLine(kind: .figure, label: ReportRenderer.label(e.key), value: cell(e.value, key: e.key),
                                          previous: cell(before, key: e.key))
                    line.path = path.isEmpty ? e.key : path + "." + e.key
                    if case .count(let n, let refs) = e.value {
                        line.count = n
                        line.refs = refs
                        line.groupMax = max(groupMax, p.map { pg in pg.entries.compactMap { $0.value.count }.max() ?? 0 } ?? 0)
                        line.previousCount = p?[e.key]?.count
                    }
                    out.append(line)
                }
                out.append(ReportLine(kind: .blank, label: ""))
            }
            for e in g.entries where e.key != "previous" {
                if case .group(let sub) = e.value {
                    let title = sub.title ?? ReportRenderer.label(e.key)
                    walk(sub, p?[e.key]?.groupValue, heading: heading + " · " + title,
                         path: path.isEmpty ? e.key : path + "." + e.key, depth: depth + 1)
                }
            }
        }
        // The public version's notice is not a figure: the screen's heading says it (as the
        // renderers put it under their title).
        for e in g.entries where !["period", "filters", "previous", "public"].contains(e.key) {
            if case .group(let sub) = e.value { walk(sub, prev?[e.key]?.groupValue, heading: sub.title ?? ReportRenderer.label(e.key), path: e.key, depth: 0) }
        }
        return out
    }

    static func cell(_ v: ReportValue?, key: String = "") -> String {
        switch v {
        case .count(let n, _): return String(n)
        case .number(let d):
            // Rates as percentages, averages to one place, payments as money; other numbers plain.
            switch key {
            case "escalation_rate": return fixed(d * 100, places: 1) + "%"
            case "average_working_days": return fixed(d, places: 1)
            case "payments": return "£" + fixed(d, places: 2)
            default: return d == d.rounded() && abs(d) < 1e9 ? String(Int(d)) : String((d * 100).rounded() / 100)
            }
        case .text(let s), .personal(let s): return s
        case .list(let l): return l.isEmpty ? "all" : l.joined(separator: "; ")
        case .suppressed: return "c"
        case .group, .none: return ""
        }
    }

    /// `d` with exactly `places` decimals (8.9 -> "8.90" for 2), without Foundation's formatters.
    static func fixed(_ d: Double, places: Int) -> String {
        guard d.isFinite else { return "" }
        // Beyond what an Int holds at this scale (a file written elsewhere): plain.
        guard abs(d) < 1e12 else { return String(d) }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let n = Int((abs(d) * scale).rounded())
        let whole = n / Int(scale), frac = n % Int(scale)
        var f = String(frac)
        while f.count < places { f = "0" + f }
        return (d < 0 && n != 0 ? "-" : "") + String(whole) + (places > 0 ? "." + f : "")
    }
}
