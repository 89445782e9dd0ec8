import HeardCore
import TerminalUI

/// The report screen: the annual report for a range and service areas, as lines to scroll
/// with the figure rows selectable (Enter lists the cases behind a figure).
public struct ReportState: Sendable {
    public var period: Period
    public var serviceAreas: [String] = []
    public var report: ReportGroup? { didSet { makePublicVersion() } }
    /// Show the public version (counts 1 to `suppressUpTo` as c, no names).
    public var publicView = false { didSet { makePublicVersion() } }
    /// The configured threshold (`Rules.suppressUpTo`), as `heard report --public` uses it.
    public var suppressUpTo: Int { didSet { makePublicVersion() } }
    public var selection = 0
    public var loading = true
    /// The public version of `report` while it is shown: worked out once (its suppression
    /// solves the report's sums), not at every key and frame.
    private var publicReport: ReportGroup?

    public init(period: Period, suppressUpTo: Int) { self.period = period; self.suppressUpTo = suppressUpTo }

    /// The report shown: the public version when asked for, with the configured threshold.
    public var shown: ReportGroup? { publicView ? publicReport : report }

    private mutating func makePublicVersion() {
        publicReport = publicView ? report?.publicVersion(threshold: suppressUpTo) : nil
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
    /// The heading of the section the figure stands in ("Contacts · By kind").
    var section = ""
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
                    let before = ReportRenderer.previous(p, key: e.key, beside: e.value)
                    var line = ReportLine(kind: .figure, label: ReportRenderer.label(e.key), value: cell(e.value, key: e.key),
                                          previous: cell(before, key: e.key))
                    line.path = path.isEmpty ? e.key : path + "." + e.key
                    line.section = heading
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

    /// The report's own wording of a value (HeardCore), so the screen and `heard report` agree.
    static func cell(_ v: ReportValue?, key: String = "") -> String { ReportRenderer.display(v, key: key) }
}
