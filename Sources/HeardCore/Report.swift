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
    let keepsReferences: Bool

    init(keys: [String] = [], references: Bool = true) {
        keepsReferences = references
        for k in keys { _ = ensure(k) }
    }

    mutating func ensure(_ k: String) -> Int {
        if let i = slot[k] { return i }
        slot[k] = keys.count
        keys.append(k)
        counts.append(0)
        lists.append([])
        return keys.count - 1
    }
    mutating func add(_ k: String, _ ref: String) {
        add(at: ensure(k), ref)
    }
    /// Counts the key at position `i` (as given to `init`, or as `ensure` returned it).
    mutating func add(at i: Int, _ ref: String) {
        counts[i] += 1
        if keepsReferences { lists[i].append(ref) }
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
        let areaFilter = Set(o.serviceAreas.map(normaliseWord))
        func inScope(_ area: String) -> Bool { areaFilter.isEmpty || areaFilter.contains(normaliseWord(area)) }

        let keep = o.references
        func tally(_ keys: [String] = []) -> Tally { Tally(keys: keys, references: keep) }
        // Keys given here without repeats are at known positions (`Tally.add(at:)`), counted
        // with no hashing: the constants below name them.
        var total = tally(["total"])
        let kinds = ContactKind.allCases
        var byKind = tally(kinds.map(\.rawValue))
        var byArea = tally(o.serviceAreas)
        var byChannel = tally()
        var complaints = tally(["total"])
        let procedures = ProcedureKind.allCases
        var byProcedure = tally(procedures.map(\.rawValue))
        var complaintsByArea = tally()
        var byTeam = tally()
        var byRole = tally()
        var cyp = tally(["total", "with_advocate", "resolved_at_local_resolution", "satisfied"])
        var cypCategories = tally()
        var categories = tally(o.reference.categories)
        var endings = tally(["withdrawn", "mediation", "not_accepted"])
        var compliments = tally(["total"])
        var complimentsByArea = tally()
        var ombudsmanReferred = tally(["referred"])
        let decisions = OmbudsmanDecision.allCases
        var ombudsmanDecisions = tally(decisions.map(\.rawValue))
        var ombudsmanPence = 0
        let remedyKinds = RemedyKind.allCases
        var remedies = tally(remedyKinds.map(\.rawValue))
        var remedyPence = 0
        var equality = EqualityTally(references: keep)
        var contactLog = ContactLogTally(references: keep)
        // Stages 1 to 3 at positions 0 to 2 (a dictionary by number was looked up per count).
        let stageNumbers = [1, 2, 3]
        let outcomes = StageOutcome.allCases
        var stageCounts = stageNumbers.map { _ in tally(["received", "responded", "closed", "escalated"]) }
        var stageOutcomes = stageNumbers.map { _ in tally(outcomes.map(\.rawValue)) }
        var stageTimeliness = stageNumbers.map { _ in tally(["within_target", "within_extension", "late", "open"]) }
        var stageDays = stageNumbers.map { _ in (0, 0) }
        /// Positions in `stageTimeliness`, in its keys' order.
        func position(_ t: Timeliness) -> Int {
            switch t {
            case .withinTarget: 0
            case .withinExtension: 1
            case .late: 2
            case .open: 3
            }
        }

        for index in input.contacts.indices {
            let c = input.contacts[index]
            guard inScope(c.serviceArea) else { continue }
            let ref = c.reference
            let received = period.contains(c.received)
            if received {
                total.add(at: 0, ref)
                if let k = kinds.firstIndex(of: c.kind) { byKind.add(at: k, ref) }
                byArea.add(c.serviceArea, ref)
                byChannel.add(c.channel?.rawValue ?? "unknown", ref)
            }
            if c.kind == .compliment && received {
                compliments.add(at: 0, ref)
                complimentsByArea.add(c.serviceArea, ref)
            }
            guard c.kind == .complaint, let clock = clocks[index] else { continue }
            if received {
                complaints.add(at: 0, ref)
                contactLog.add(c.id.flatMap { input.contactLogCounts[$0] } ?? 0, ref)
                if let k = procedures.firstIndex(of: c.procedure ?? .statutory) { byProcedure.add(at: k, ref) }
                complaintsByArea.add(c.serviceArea, ref)
                byTeam.add(c.team.isEmpty ? "(no team)" : c.team, ref)
                byRole.add(c.complainantRole?.rawValue ?? "unknown", ref)
                for issue in c.issues { categories.add(issue.category, ref) }
                equality.add(c.people.equality, ref)
                switch clock.status {
                case .withdrawn: endings.add(at: 0, ref)
                case .mediation: endings.add(at: 1, ref)
                case .notAccepted: endings.add(at: 2, ref)
                default: break
                }
                if c.isChildOrYoungPerson {
                    cyp.add(at: 0, ref)
                    if c.hasAdvocate { cyp.add(at: 1, ref) }
                    if let s1 = clock.stages.first, s1.responded != nil, s1.escalated == nil,
                       clock.stages.count == 1, clock.status != .withdrawn, clock.status != .mediation {
                        cyp.add(at: 2, ref)
                    }
                    if clock.stages.last(where: { $0.responded != nil })?.satisfied == true { cyp.add(at: 3, ref) }
                    for issue in c.issues { cypCategories.add(issue.category, ref) }
                }
            }
            for s in clock.stages where stageNumbers.contains(s.number) && period.contains(s.started) {
                let n = s.number - 1
                stageCounts[n].add(at: 0, ref)
                if s.responded != nil { stageCounts[n].add(at: 1, ref) }
                if s.responded != nil || s.endedOn != nil { stageCounts[n].add(at: 2, ref) }
                if s.escalated != nil { stageCounts[n].add(at: 3, ref) }
                if let out = s.outcome(issues: c.issues), let k = outcomes.firstIndex(of: out) { stageOutcomes[n].add(at: k, ref) }
                if let t = s.timeliness { stageTimeliness[n].add(at: position(t), ref) }
                if s.responded != nil {
                    let (sum, count) = stageDays[n]
                    stageDays[n] = (sum + s.daysUsed, count + 1)
                }
            }
            if let r = clock.ombudsman.referred, period.contains(r) { ombudsmanReferred.add(at: 0, ref) }
            if let d = clock.ombudsman.decided, period.contains(d), let dec = clock.ombudsman.decision {
                if let k = decisions.firstIndex(of: dec) { ombudsmanDecisions.add(at: k, ref) }
                ombudsmanPence = saturatingSum(ombudsmanPence, clock.ombudsman.amountPence ?? 0)
            }
            for r in clock.remedies where period.contains(r.date) {
                if let kind = r.remedy, let k = remedyKinds.firstIndex(of: kind) { remedies.add(at: k, ref) }
                remedyPence = saturatingSum(remedyPence, r.amountPence ?? 0)
            }
        }

        var themes = tally(o.reference.learningThemes)
        for l in input.learning where period.contains(l.date) && inScope(l.serviceArea) {
            themes.add(l.theme, l.caseReference ?? "learning #\(l.id ?? 0)")
        }
        var actions = tally(["agreed", "done", "open", "in_progress", "dropped", "overdue", "undated"])
        for a in input.actions where period.contains(a.created) && inScope(a.serviceArea) {
            let ref = "action #\(a.id ?? 0)"
            actions.add("agreed", ref)
            actions.add(a.status.rawValue, ref)
            if a.isOverdue(today: o.today) { actions.add("overdue", ref) }
            if a.status.isOutstanding && a.due == nil { actions.add("undated", ref) }
        }

        func stageGroup(_ n: Int) -> ReportGroup {
            let counts = stageCounts[n - 1]
            var g = counts.group(isPartition: false, title: "Stage \(n)")
            let received = counts.count("received")
            let rate = received == 0 ? 0 : Double(counts.count("escalated")) / Double(received)
            g["escalation_rate"] = .number((rate * 1000).rounded() / 1000)
            g["outcomes"] = .group(stageOutcomes[n - 1].group(title: "Outcomes"))
            var t = stageTimeliness[n - 1].group(title: "Timeliness")
            let (sum, count) = stageDays[n - 1]
            t["average_working_days"] = .number(count == 0 ? 0 : ((Double(sum) / Double(count)) * 10).rounded() / 10)
            g["timeliness"] = .group(t)
            return g
        }

        var complaintsGroup = ReportGroup([
            ("total", complaints.value("total")),
            ("by_procedure", .group(byProcedure.group(title: "By procedure"))),
            ("by_service_area", .group(complaintsByArea.group(sorted: true, title: "By service area"))),
            ("by_team", .group({
                // Teams are typed, not chosen from a list: a public report leaves them out.
                var g = byTeam.group(sorted: true, title: "By team")
                g.publicKeys = []
                return g
            }())),
            ("by_complainant_role", .group(byRole.group(sorted: true, title: "By complainant role"))),
            ("children_and_young_people", .group({
                var g = cyp.group(isPartition: false, title: "Children and young people")
                g["categories"] = .group(cypCategories.group(isPartition: false, sorted: true, title: "Categories raised by C&YP"))
                return g
            }())),
            ("categories", .group(categories.group(isPartition: false, sorted: true, title: "Categories of issues"))),
            ("ended", .group(endings.group(isPartition: false, title: "Withdrawn, mediation, not accepted"))),
        ], title: "Complaints")
        complaintsGroup["stages"] = .group(ReportGroup(stageNumbers.map { ("\($0)", .group(stageGroup($0))) }, title: "Stages"))
        var omb = ReportGroup([
            ("referred", ombudsmanReferred.value("referred")),
            ("decisions", .group(ombudsmanDecisions.group(title: "Decisions"))),
        ], title: "Ombudsman")
        omb["payments"] = .number(Double(ombudsmanPence) / 100)
        complaintsGroup["ombudsman"] = .group(omb)
        var rem = remedies.group(isPartition: false, title: "Remedies")
        rem["payments"] = .number(Double(remedyPence) / 100)
        complaintsGroup["remedies"] = .group(rem)
        complaintsGroup["equality"] = .group(equality.group)
        complaintsGroup["contact_log"] = .group(contactLog.group(complaints: complaints.count("total")))

        return ReportGroup([
            ("period", .group(ReportGroup([("from", .text(period.from.iso)), ("to", .text(period.to.iso))], title: "Period"))),
            ("filters", .group(ReportGroup([("service_areas", .list(o.serviceAreas))], title: "Filters"))),
            ("contacts", .group(ReportGroup([
                ("total", total.value("total")),
                ("by_kind", .group(byKind.group(title: "By kind"))),
                ("by_service_area", .group(byArea.group(sorted: o.serviceAreas.isEmpty, title: "By service area"))),
                ("by_channel", .group(byChannel.group(sorted: true, title: "By channel"))),
            ], title: "Contacts"))),
            ("complaints", .group(complaintsGroup)),
            ("compliments", .group(ReportGroup([
                ("total", compliments.value("total")),
                ("by_service_area", .group(complimentsByArea.group(sorted: true, title: "By service area"))),
            ], title: "Compliments"))),
            ("learning", .group(ReportGroup([
                ("themes", .group({
                    // A theme typed in a form instead of chosen is counted as other in public.
                    var g = themes.group(isPartition: false, sorted: true, title: "Themes")
                    g.publicKeys = Set(o.reference.learningThemes)
                    return g
                }())),
            ], title: "Learning"))),
            ("actions", .group(actions.group(isPartition: false, title: "Actions"))),
        ], title: "Annual complaints report")
    }
}

/// `a + b`, held at the largest or smallest Int rather than trapping: amounts come from files
/// other tools may have written.
func saturatingSum(_ a: Int, _ b: Int) -> Int {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? (b > 0 ? .max : .min) : sum
}
