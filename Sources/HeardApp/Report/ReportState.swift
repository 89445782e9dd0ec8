import HeardStore
import HeardCore
import TerminalUI

/// The report screen: the annual report for a range and service areas, as lines to scroll
/// with the figure rows selectable (Enter lists the cases behind a figure).
public struct ReportState: Sendable {
    public var period: Period
    public var serviceAreas: [String] = []
    public var report: ReportGroup?
    /// Show the public version (counts 1-4 as c, no names).
    public var publicView = false
    public var selection = 0
    public var loading = true

    public init(period: Period) { self.period = period }

    /// The report shown: the public version when asked for.
    public var shown: ReportGroup? { publicView ? report?.publicVersion() : report }
}

/// The cases behind one figure of the report.
public struct FigureCasesState: Sendable {
    public var title: String
    public var references: [String]
    /// The list's rows for those references, found once when the figure is opened.
    var found: [String: CaseSummary] = [:]
    public var selection = SelectionState()
    public init(title: String, references: [String], rows: CaseRows = CaseRows()) {
        self.title = title; self.references = references
        let wanted = Set(references)
        for i in rows.indices {
            let ref = rows.reference(i)
            if wanted.contains(ref) { found[ref] = rows.summary(i) }
        }
    }
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
                    var line = ReportLine(kind: .figure, label: ReportRenderer.label(e.key), value: cell(e.value), previous: cell(p?[e.key]))
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
        for e in g.entries where !["period", "filters", "previous"].contains(e.key) {
            if case .group(let sub) = e.value { walk(sub, prev?[e.key]?.groupValue, heading: sub.title ?? ReportRenderer.label(e.key), path: e.key, depth: 0) }
        }
        return out
    }

    static func cell(_ v: ReportValue?) -> String {
        switch v {
        case .count(let n, _): return String(n)
        case .number(let d): return d == d.rounded() && abs(d) < 1e9 ? String(Int(d)) : String((d * 100).rounded() / 100)
        case .text(let s), .personal(let s): return s
        case .list(let l): return l.isEmpty ? "all" : l.joined(separator: "; ")
        case .suppressed: return "c"
        case .group, .none: return ""
        }
    }
}
