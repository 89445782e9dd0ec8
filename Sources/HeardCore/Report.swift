/// A date range, both ends included.
public struct Period: Hashable, Sendable {
    public var from: LocalDate
    public var to: LocalDate
    public init(from: LocalDate, to: LocalDate) { self.from = from; self.to = to }

    public func contains(_ d: LocalDate) -> Bool { d >= from && d <= to }

    /// The financial year (1 April to 31 March) holding `d`.
    public static func financialYear(containing d: LocalDate) -> Period {
        let startYear = d.month >= 4 ? d.year : d.year - 1
        return financialYear(starting: startYear)
    }

    public static func financialYear(starting y: Int) -> Period {
        Period(from: LocalDate(year: y, month: 4, day: 1) ?? LocalDate(dayNumber: 0),
               to: LocalDate(year: y + 1, month: 3, day: 31) ?? LocalDate(dayNumber: 0))
    }

    /// The period of the same length just before this one: whole months shift by months (so a
    /// financial year compares with the one before), other ranges by days.
    public var previous: Period {
        let next = to.adding(days: 1)
        if from.day == next.day {
            let months = (next.year - from.year) * 12 + (next.month - from.month)
            if months > 0 { return Period(from: from.adding(months: -months), to: from.adding(days: -1)) }
        }
        let len = from.days(to: to) + 1
        return Period(from: from.adding(days: -len), to: from.adding(days: -1))
    }

    /// Whether this is one whole financial year (1 April to 31 March).
    public var isFinancialYear: Bool { self == Period.financialYear(containing: from) }

    /// What a report compares this period with: the one rule of `heard report` and the report
    /// screen. A financial year to date (1 April to a day inside that year, as the screen's
    /// current year is) compares with the whole previous financial year, as a board paper does;
    /// any other period with the one of the same length just before it (`previous`).
    public var comparison: Period {
        let year = Period.financialYear(containing: from)
        if from == year.from && to < year.to { return Period.financialYear(starting: year.from.year - 1) }
        return previous
    }

    /// Which comparison that is, in words, for the report to say beside its figures; `through`
    /// is the day the figures of a period not yet over run to (`ReportGroup.partialThrough`).
    public func comparisonWords(through: LocalDate?) -> String {
        let c = comparison
        let year = Period.financialYear(containing: from)
        let soFar = through.map { "; this period's figures run to \($0.iso) only" } ?? ""
        if from == year.from && to < year.to { return "the whole previous financial year, \(c.label) (this period is part of a year\(soFar))" }
        if c.isFinancialYear { return "the whole previous financial year, \(c.label)" + (soFar.isEmpty ? "" : " (\(soFar.dropFirst(2)))") }
        return "the same length of time just before, \(c.from.iso) to \(c.to.iso)" + (soFar.isEmpty ? "" : " (\(soFar.dropFirst(2)))")
    }

    /// `2021-22` for a financial year, else `2021-04-01 to 2022-03-31`.
    public var label: String {
        if from.month == 4 && from.day == 1 && to.month == 3 && to.day == 31 && to.year == from.year + 1 {
            let short = to.year % 100
            return "\(from.year)-\(short < 10 ? "0" : "")\(short)"
        }
        return "\(from.iso) to \(to.iso)"
    }
}

/// What the annual report is built from.
public struct ReportInput: Sendable {
    public var contacts: [Contact]
    public var learning: [LearningPoint]
    public var actions: [ActionItem]
    /// Contact log entries per case id (one GROUP BY; never a case's log itself).
    public var contactLogCounts: [Int64: Int] = [:]
    public init(contacts: [Contact], learning: [LearningPoint] = [], actions: [ActionItem] = []) {
        self.contacts = contacts; self.learning = learning; self.actions = actions
    }
}

/// How to build the report.
public struct ReportOptions: Sendable {
    public var period: Period
    /// Empty means every service area.
    public var serviceAreas: [String]
    public var today: LocalDate
    public var rules: Rules
    public var calendar: WorkingDayCalendar
    public var reference: ReferenceData
    public var includePrevious: Bool
    /// Keep the case references behind each count (the screen lists them under a figure). The
    /// counts are the same without; `heard report` prints none, so it leaves them out.
    public var references = true

    public init(period: Period, serviceAreas: [String] = [], today: LocalDate, rules: Rules = .default,
                calendar: WorkingDayCalendar = .englandAndWales, reference: ReferenceData = .default, includePrevious: Bool = true) {
        self.period = period; self.serviceAreas = serviceAreas; self.today = today; self.rules = rules
        self.calendar = calendar; self.reference = reference; self.includePrevious = includePrevious
    }

    /// The range of received and event dates the report needs loaded.
    public var loadRange: Period { includePrevious ? Period(from: min(period.comparison.from, period.from), to: period.to) : period }
}

/// A tally of counts with the references behind each (or the counts alone, when the report's
/// references are not wanted: `heard report` prints none, and at 100,000 contacts keeping them
/// was a few million appends and tens of megabytes).
struct Tally {
    /// Keys in the order first seen, each key's count and references, and where each key is
    /// (one hash lookup per count: the report makes some fifteen per complaint). Keys given at
    /// `init` without repeats are at their given positions, so a caller that knows a key's
    /// position can count it with `add(at:_:)`, with no hashing.
    private(set) var keys: [String] = []
    private var counts: [Int] = []
    private var lists: [[String]] = []
    private var slot: [String: Int] = [:]
    /// The keys last looked up, each at the place its String's two words mix to (`recentPlace`),
    /// with their positions: a report's texts come from its readers' interners, one String per distinct
    /// value, so the same value comes back as the same two words and is found without hashing
    /// its bytes (half of counting a complaint was hashing its area, team, role, categories and
    /// equality answers). Two equal words are the same text: a small string's words are its
    /// bytes, a large one's name its storage, which the key held here keeps alive and unchanged.
    private var recentKeys: [String] = []
    private var recentPositions: [Int] = []
    let keepsReferences: Bool

    init(keys: [String] = [], references: Bool = true) {
        keepsReferences = references
        for k in keys { _ = ensure(k) }
    }

    /// 128 places: the top seven bits of the words' mix. A report has two readers, each with its
    /// interner, so a category comes as two Strings; 32 places held too few of a ten-year
    /// report's categories, and 140,000 counts went to the dictionary (70 M instructions).
    private static let recentBits: UInt64 = 7

    @inline(__always) private static func words(_ k: String) -> (UInt64, UInt64) {
        unsafeBitCast(k, to: (UInt64, UInt64).self)
    }

    @inline(__always) private static func recentPlace(_ w: (UInt64, UInt64)) -> Int {
        Int(truncatingIfNeeded: ((w.0 ^ (w.1 &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9) >> (64 - recentBits))
    }

    mutating func ensure(_ k: String) -> Int {
        let w = Self.words(k)
        let r = Self.recentPlace(w)
        if !recentKeys.isEmpty {
            if recentPositions[r] >= 0, Self.words(recentKeys[r]) == w { return recentPositions[r] }
        } else {
            recentKeys = [String](repeating: "", count: 1 << Self.recentBits)
            recentPositions = [Int](repeating: -1, count: 1 << Self.recentBits)
        }
        let i: Int
        if let found = slot[k] {
            i = found
        } else {
            i = keys.count
            slot[k] = i
            keys.append(k)
            counts.append(0)
            lists.append([])
        }
        recentKeys[r] = k
        recentPositions[r] = i
        return i
    }
    mutating func add(_ k: String, _ ref: String) {
        add(at: ensure(k), ref)
    }
    /// Counts the key at position `i` (as given to `init`, or as `ensure` returned it).
    mutating func add(at i: Int, _ ref: String) {
        counts[i] += 1
        if keepsReferences { lists[i].append(ref) }
    }
    /// Counts what `next` counted after what this counted: its keys not seen here come after
    /// these, in the order it first saw them, as if both runs had been added to one tally.
    mutating func append(_ next: Tally) {
        for (j, k) in next.keys.enumerated() {
            let i = ensure(k)
            counts[i] += next.counts[j]
            if keepsReferences { lists[i] += next.lists[j] }
        }
    }
    func refs(_ k: String) -> [String] { slot[k].map { lists[$0] } ?? [] }
    func count(_ k: String) -> Int { slot[k].map { counts[$0] } ?? 0 }
    func value(_ k: String) -> ReportValue { .count(count(k), refs: refs(k)) }
    func group(isPartition: Bool = true, sorted: Bool = false, title: String? = nil) -> ReportGroup {
        var ks = keys
        if sorted { ks.sort { count($0) != count($1) ? count($0) > count($1) : $0 < $1 } }
        return ReportGroup(ks.map { ($0, value($0)) }, isPartition: isPartition, title: title)
    }
}

/// The annual complaints report, built from the record for any range and service areas.
public enum AnnualReport {
    /// The report as a tree whose keys are DESIGN.md's JSON keys.
    public static func build(_ input: ReportInput, _ options: ReportOptions) -> ReportGroup {
        // Each complaint's clock once, for both periods.
        let clocks = input.contacts.map { c in
            c.kind == .complaint ? c.clock(rules: options.rules, calendar: options.calendar, today: options.today) : nil
        }
        let current = markingPartial(figures(input, options, period: options.period, clocks: clocks), period: options.period, today: options.today)
        let previous = options.includePrevious ? figures(input, options, period: options.period.comparison, clocks: clocks) : nil
        return assemble(current: current, previous: previous)
    }

    /// One period's figures alone, from the contacts relevant to it (what `build` computes for
    /// each of its two periods): the pieces a screen can keep and put together again.
    public static func figures(_ input: ReportInput, _ options: ReportOptions, period: Period) -> ReportGroup {
        let clocks = input.contacts.map { c in
            c.kind == .complaint ? c.clock(rules: options.rules, calendar: options.calendar, today: options.today) : nil
        }
        return markingPartial(figures(input, options, period: period, clocks: clocks), period: period, today: options.today)
    }

    /// A period's figures with the previous period's beside them, as `build` returns them.
    public static func assemble(current: ReportGroup, previous: ReportGroup?) -> ReportGroup {
        var g = current
        if var prev = previous {
            // A row the previous period had and this one has none of is shown as none beside
            // its previous figure: it is news (a category no longer complained of), not noise.
            g.addRowsAsNone(from: prev)
            prev.title = "Previous period"
            g["previous"] = .group(prev)
            // Which comparison it is (Period.comparison), said where the period is.
            if var p = g["period"]?.groupValue, case .text(let f)? = p["from"], case .text(let t)? = p["to"],
               let from = LocalDate(iso: f), let to = LocalDate(iso: t) {
                p["compared_with"] = .text(Period(from: from, to: to).comparisonWords(through: g.partialThrough))
                g["period"] = .group(p)
            }
        }
        return g
    }

    static func figures(_ input: ReportInput, _ o: ReportOptions, period: Period, clocks: [CaseClock?]) -> ReportGroup {
        var f = PeriodFigures(o, period: period)
        for index in input.contacts.indices {
            let c = input.contacts[index]
            f.add(c, clock: clocks[index], contactLogEntries: c.id.flatMap { input.contactLogCounts[$0] } ?? 0)
        }
        return f.group(learning: input.learning, actions: input.actions)
    }
}

extension ReportGroup {
    /// Adds each count `other` has and this group lacks, as none, after this group's own rows,
    /// in the groups the two have in common at any depth.
    mutating func addRowsAsNone(from other: ReportGroup) {
        for e in other.entries {
            switch (e.value, self[e.key]) {
            case (.count, nil), (.suppressed, nil):
                entries.append((key: e.key, value: .count(0, refs: [])))
            case (.group(let theirs), .group(var mine)?):
                mine.addRowsAsNone(from: theirs)
                self[e.key] = .group(mine)
            default:
                continue
            }
        }
    }
}

/// `a + b`, held at the largest or smallest Int rather than trapping: counts come from files
/// other tools may have written. (Money is added by `Money.adding`, which says when a sum does
/// not fit instead of holding it at a number that is not the sum.)
func saturatingSum(_ a: Int, _ b: Int) -> Int {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? (b > 0 ? .max : .min) : sum
}
