/// A value in a report: a count (with the case references behind it), a number, text, a list,
/// a figure hidden for privacy, or a nested group.
public indirect enum ReportValue: Hashable, Sendable {
    case count(Int, refs: [String])
    case number(Double)
    /// A sum of money in whole pence (payments), nil when it is too large to add up: written by
    /// integer arithmetic (`Money`), never through a `Double`.
    case money(pence: Int?)
    /// Text that identifies nobody (dates, service area names).
    case text(String)
    /// Names and free text: dropped from public reports.
    case personal(String)
    case list([String])
    /// A count from 1 to 4 hidden in a public report (shown as `c`), or hidden to protect one.
    case suppressed
    case group(ReportGroup)

    public var count: Int? { if case .count(let n, _) = self { return n }; return nil }
    public var groupValue: ReportGroup? { if case .group(let g) = self { return g }; return nil }
}

/// An ordered group of named report values.
public struct ReportGroup: Hashable, Sendable {
    public var entries: [(key: String, value: ReportValue)]
    /// The group's counts partition a total shown elsewhere (so hiding one alone would not hide it).
    public var isPartition: Bool
    /// A heading for people (the key is for machines).
    public var title: String?
    /// Where the keys are typed text (teams, a learning theme typed in a form): the keys a public
    /// report may show, the rest counted together as `other`; empty: the group is left out of
    /// it. nil: every key comes from a controlled vocabulary.
    public var publicKeys: Set<String>?

    public init(_ entries: [(String, ReportValue)] = [], isPartition: Bool = false, title: String? = nil) {
        self.entries = entries.map { (key: $0.0, value: $0.1) }
        self.isPartition = isPartition
        self.title = title
    }

    public subscript(key: String) -> ReportValue? {
        get { entries.first { $0.key == key }?.value }
        set {
            if let i = entries.firstIndex(where: { $0.key == key }) {
                if let v = newValue { entries[i].value = v } else { entries.remove(at: i) }
            } else if let v = newValue { entries.append((key: key, value: v)) }
        }
    }

    /// The value at a dotted path such as `complaints.stages.1.received`.
    public func value(at path: String) -> ReportValue? {
        var parts = path.split(separator: ".").map(String.init)
        guard !parts.isEmpty else { return nil }
        let first = parts.removeFirst()
        guard let v = self[first] else { return nil }
        if parts.isEmpty { return v }
        return v.groupValue?.value(at: parts.joined(separator: "."))
    }

    public static func == (a: ReportGroup, b: ReportGroup) -> Bool {
        a.isPartition == b.isPartition && a.title == b.title && a.entries.count == b.entries.count
            && zip(a.entries, b.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into h: inout Hasher) {
        for e in entries { h.combine(e.key); h.combine(e.value) }
    }
}

extension ReportGroup {
    /// The public form: names and free text dropped, counts 1 to `threshold` hidden (the
    /// configured `Rules.suppressUpTo`), and further counts hidden wherever the report's sums
    /// would let a hidden one be worked out (`SuppressionProblem`), across groups. It carries a
    /// `public` group saying so, which every format shows.
    public func publicVersion(threshold: Int) -> ReportGroup {
        var out = publicPart(threshold: threshold)
        out.protectHiddenCounts(truth: self, threshold: threshold)
        out.hideNumbersBesideHidden()
        out.entries.append((key: "public", value: .group(ReportGroup([
            // Text, not a number: a public report holds no bare count from 1 to the threshold.
            ("counts_shown_as_c", .text(threshold >= 1 ? "1-\(threshold)" : "none")),
            ("note", .text(ReportGroup.publicNote(threshold: threshold))),
        ], title: "Public version"))))
        return out
    }

    /// The sentence every format of a public report carries.
    public static func publicNote(threshold: Int) -> String {
        // Secondary suppression hides bigger counts too (one that with a total would give a hidden
        // one away): the note says so, or a reader takes every c for a count of at most the threshold.
        let marks = threshold >= 1
            ? "c marks a count from 1 to \(threshold), or a count that would let a hidden one be worked out from a total"
            : "no count is hidden"
        return "This is the public version: names and free text are left out, and \(marks)."
    }

    /// The public note when this is a public report, else nil.
    public var publicNote: String? {
        guard case .text(let s)? = self["public"]?.groupValue?["note"] else { return nil }
        return s
    }

    private func publicPart(threshold: Int) -> ReportGroup {
        var out = ReportGroup([], isPartition: isPartition, title: title)
        func hide(_ n: Int) -> ReportValue { (n >= 1 && n <= threshold) ? .suppressed : .count(n, refs: []) }
        var other = 0
        for e in entries {
            // A count under typed text (a team typed as a child's name) is counted, not named.
            if let allowed = publicKeys, !allowed.contains(e.key), let n = e.value.count {
                other += n
                continue
            }
            switch e.value {
            case .count(let n, _):
                out.entries.append((e.key, hide(n)))
            case .personal:
                continue
            case .group(let g):
                if g.publicKeys?.isEmpty == true { continue }
                out.entries.append((e.key, .group(g.publicPart(threshold: threshold))))
            case .number, .money, .suppressed, .text, .list:
                out.entries.append(e)
            }
        }
        if publicKeys != nil && other > 0 { out.entries.append(("other", hide(other))) }
        return out
    }

    /// After every hidden count is settled: rates, averages and sums of money that would give
    /// a hidden count back are hidden too, and ratios become text.
    private mutating func hideNumbersBesideHidden() {
        // Contacts per complaint over a hidden number of complaints gives that number back
        // (before the log's own group turns its ratio into text).
        if self["total"] == .suppressed, var log = self["contact_log"]?.groupValue {
            for i in log.entries.indices where log.entries[i].value.isSum { log.entries[i].value = .suppressed }
            self["contact_log"] = .group(log)
        }
        for i in entries.indices {
            if case .group(var g) = entries[i].value {
                g.hideNumbersBesideHidden()
                entries[i].value = .group(g)
            }
        }
        // Rates, averages and sums beside a hidden count would give it back (a rate times the
        // total, one person's payment): hide them too.
        if entries.contains(where: { $0.value == .suppressed }) {
            for i in entries.indices where entries[i].value.isSum { entries[i].value = .suppressed }
        }
        // A sum of money is one person's payment when the counts it is over are few, and those
        // may stand in a group below it (the Ombudsman's payments beside its decisions): hidden
        // wherever any count under its group is.
        if entries.contains(where: { $0.value.hidesSomewhere }) {
            for i in entries.indices where entries[i].key == "payments" && entries[i].value.isSum {
                entries[i].value = .suppressed
            }
        }
        publicRatiosAsText()
    }
}

private extension ReportValue {
    /// A number that is no count: a rate, an average or a sum of money.
    var isSum: Bool {
        switch self {
        case .number, .money: return true
        default: return false
        }
    }

    /// Whether this is a hidden count, or a group holding one at any depth.
    var hidesSomewhere: Bool {
        switch self {
        case .suppressed: return true
        case .group(let g): return g.entries.contains { $0.value.hidesSomewhere }
        default: return false
        }
    }
}
