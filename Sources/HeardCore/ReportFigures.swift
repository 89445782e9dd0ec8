/// One period's figures, counted a contact at a time: what `AnnualReport.figures` counts over a
/// whole `ReportInput`, for a caller that reads the record in pieces and lets each go once it is
/// counted (`heard report` over ten years held every contact, issue, event and clock at once:
/// 190 MB at 100,000 contacts). Contacts must come in the order `ReportInput.contacts` has them
/// (received, then id): the references behind a count, and the first-seen order of any group
/// not sorted, follow it. Two tallies of consecutive runs of contacts make the tally of both
/// with `append`, so two cores can count halves.
public struct PeriodFigures: Sendable {
    let o: ReportOptions
    let period: Period
    private let areaFilter: Set<String>

    private var total: Tally
    private var byKind: Tally
    private var byArea: Tally
    private var byChannel: Tally
    private var complaints: Tally
    private var byProcedure: Tally
    private var complaintsByArea: Tally
    private var byTeam: Tally
    private var byRole: Tally
    private var cyp: Tally
    private var cypCategories: Tally
    private var categories: Tally
    private var endings: Tally
    private var compliments: Tally
    private var complimentsByArea: Tally
    private var ombudsmanReferred: Tally
    private var ombudsmanDecisions: Tally
    private var ombudsmanPence: Int? = 0
    private var remedies: Tally
    private var remedyPence: Int? = 0
    private var equality: EqualityTally
    private var contactLog: ContactLogTally
    /// Stages 1 to 3 at positions 0 to 2 (a dictionary by number was looked up per count).
    private var stageCounts: [Tally]
    private var stageOutcomes: [Tally]
    private var stageTimeliness: [Tally]
    private var stageDays: [(Int, Int)]

    private static let kinds = ContactKind.allCases
    private static let procedures = ProcedureKind.allCases
    private static let decisions = OmbudsmanDecision.allCases
    private static let remedyKinds = RemedyKind.allCases
    private static let stageNumbers = [1, 2, 3]
    private static let outcomes = StageOutcome.allCases

    public init(_ o: ReportOptions, period: Period) {
        self.o = o
        self.period = period
        areaFilter = Set(o.serviceAreas.map(normaliseWord))
        let keep = o.references
        func tally(_ keys: [String] = []) -> Tally { Tally(keys: keys, references: keep) }
        // Keys given here without repeats are at known positions (`Tally.add(at:)`), counted
        // with no hashing: `add` names them by position.
        total = tally(["total"])
        byKind = tally(Self.kinds.map(\.rawValue))
        byArea = tally(o.serviceAreas)
        byChannel = tally()
        complaints = tally(["total"])
        byProcedure = tally(Self.procedures.map(\.rawValue))
        complaintsByArea = tally()
        byTeam = tally()
        byRole = tally()
        cyp = tally(["total", "with_advocate", "resolved_at_local_resolution", "satisfied"])
        cypCategories = tally()
        categories = tally(o.reference.categories)
        endings = tally(["withdrawn", "mediation", "not_accepted"])
        compliments = tally(["total"])
        complimentsByArea = tally()
        ombudsmanReferred = tally(["referred"])
        ombudsmanDecisions = tally(Self.decisions.map(\.rawValue))
        remedies = tally(Self.remedyKinds.map(\.rawValue))
        equality = EqualityTally(references: keep)
        contactLog = ContactLogTally(references: keep)
        stageCounts = Self.stageNumbers.map { _ in tally(["received", "responded", "closed", "escalated"]) }
        stageOutcomes = Self.stageNumbers.map { _ in tally(Self.outcomes.map(\.rawValue)) }
        stageTimeliness = Self.stageNumbers.map { _ in tally(["within_target", "within_extension", "late", "open"]) }
        stageDays = Self.stageNumbers.map { _ in (0, 0) }
    }

    private func inScope(_ area: String) -> Bool { areaFilter.isEmpty || areaFilter.contains(normaliseWord(area)) }

    /// Positions in `stageTimeliness`, in its keys' order.
    private static func position(_ t: Timeliness) -> Int {
        switch t {
        case .withinTarget: 0
        case .withinExtension: 1
        case .late: 2
        case .open: 3
        }
    }

    /// Counts one contact: `clock` is its clock when it is a complaint (else nil), and
    /// `contactLogEntries` how many contact log entries it has.
    public mutating func add(_ c: Contact, clock: CaseClock?, contactLogEntries: Int) {
        guard inScope(c.serviceArea) else { return }
        add(c, facts: clock.map { ReportFacts(contact: c, clock: $0) }, contactLogEntries: contactLogEntries)
    }

    /// Counts one contact: `facts` are its report facts when it is a complaint (else nil); its
    /// issues and events are not read (a store may have kept the facts and read neither).
    public mutating func add(_ c: Contact, facts: ReportFacts?, contactLogEntries: Int) {
        guard inScope(c.serviceArea) else { return }
        let ref = c.reference
        let received = period.contains(c.received)
        if received {
            total.add(at: 0, ref)
            if let k = Self.kinds.firstIndex(of: c.kind) { byKind.add(at: k, ref) }
            byArea.add(c.serviceArea, ref)
            byChannel.add(c.channel?.rawValue ?? "unknown", ref)
        }
        if c.kind == .compliment && received {
            compliments.add(at: 0, ref)
            complimentsByArea.add(c.serviceArea, ref)
        }
        guard c.kind == .complaint, let facts else { return }
        if received {
            complaints.add(at: 0, ref)
            contactLog.add(contactLogEntries, ref)
            if let k = Self.procedures.firstIndex(of: c.procedure ?? .statutory) { byProcedure.add(at: k, ref) }
            complaintsByArea.add(c.serviceArea, ref)
            byTeam.add(c.team.isEmpty ? "(no team)" : c.team, ref)
            byRole.add(c.complainantRole?.rawValue ?? "unknown", ref)
            for category in facts.categories { categories.add(category, ref) }
            // Most complaints have no people recorded: no empty `CasePeople` made to say so
            // (a fifth of counting a kept complaint).
            if let box = c.peopleBox { equality.add(box.value.equality, ref) } else { equality.addNotRecorded(ref) }
            switch facts.ending {
            case .withdrawn: endings.add(at: 0, ref)
            case .mediation: endings.add(at: 1, ref)
            case .notAccepted: endings.add(at: 2, ref)
            default: break
            }
            if c.isChildOrYoungPerson {
                cyp.add(at: 0, ref)
                if c.hasAdvocate { cyp.add(at: 1, ref) }
                if let s1 = facts.stages.first, s1.responded != nil, s1.escalated == nil,
                   facts.stages.count == 1, facts.ending != .withdrawn, facts.ending != .mediation {
                    cyp.add(at: 2, ref)
                }
                if facts.stages.last(where: { $0.responded != nil })?.satisfied == true { cyp.add(at: 3, ref) }
                for category in facts.categories { cypCategories.add(category, ref) }
            }
        }
        for s in facts.stages where Self.stageNumbers.contains(s.number) && period.contains(s.started) {
            let n = s.number - 1
            stageCounts[n].add(at: 0, ref)
            if s.responded != nil { stageCounts[n].add(at: 1, ref) }
            if s.responded != nil || s.endedOn != nil { stageCounts[n].add(at: 2, ref) }
            if s.escalated != nil { stageCounts[n].add(at: 3, ref) }
            if let out = s.outcome, let k = Self.outcomes.firstIndex(of: out) { stageOutcomes[n].add(at: k, ref) }
            if let t = s.timeliness { stageTimeliness[n].add(at: Self.position(t), ref) }
            if s.responded != nil {
                let (sum, count) = stageDays[n]
                stageDays[n] = (sum + s.daysUsed, count + 1)
            }
        }
        if let r = facts.ombudsmanReferred, period.contains(r) { ombudsmanReferred.add(at: 0, ref) }
        if let d = facts.ombudsmanDecided, period.contains(d), let dec = facts.ombudsmanDecision {
            if let k = Self.decisions.firstIndex(of: dec) { ombudsmanDecisions.add(at: k, ref) }
            ombudsmanPence = Money.adding(facts.ombudsmanAmountPence ?? 0, to: ombudsmanPence)
        }
        for r in facts.remedies where period.contains(r.date) {
            if let kind = r.kind, let k = Self.remedyKinds.firstIndex(of: kind) { remedies.add(at: k, ref) }
            remedyPence = Money.adding(r.amountPence ?? 0, to: remedyPence)
        }
    }

    /// Counts the next run of contacts, each complaint by its clock; `contactLogCounts` holds
    /// their contact log entries by id.
    public mutating func add(_ contacts: [Contact], contactLogCounts: [Int64: Int]) {
        var none: [FreshReportFacts]?
        add(contacts, kept: [], contactLogCounts: contactLogCounts, fresh: &none)
    }

    /// `add(_:contactLogCounts:)` with the report facts a store kept for some of them (`kept`,
    /// by position; empty when none): those are counted by their facts, the others by their
    /// clocks, and the facts so worked out that hold from a day on added to `fresh` (when not nil).
    public mutating func add(_ contacts: [Contact], kept: [ReportFacts?], contactLogCounts: [Int64: Int],
                             fresh: inout [FreshReportFacts]?) {
        for (i, c) in contacts.enumerated() {
            let facts = ReportFacts.counted(c, kept: i < kept.count ? kept[i] : nil, o, fresh: &fresh)
            add(c, facts: facts, contactLogEntries: c.id.flatMap { contactLogCounts[$0] } ?? 0)
        }
    }

    /// The period's figures as `AnnualReport.figures` gives them: marked partial when the
    /// period has not ended.
    public func report(learning: [LearningPoint], actions: [ActionItem]) -> ReportGroup {
        AnnualReport.markingPartial(group(learning: learning, actions: actions), period: period, today: o.today)
    }

    /// The tally of this run of contacts followed by `next`'s (counted with the same options and
    /// period): as if every contact of both had been added here, in order.
    public mutating func append(_ next: PeriodFigures) {
        total.append(next.total)
        byKind.append(next.byKind)
        byArea.append(next.byArea)
        byChannel.append(next.byChannel)
        complaints.append(next.complaints)
        byProcedure.append(next.byProcedure)
        complaintsByArea.append(next.complaintsByArea)
        byTeam.append(next.byTeam)
        byRole.append(next.byRole)
        cyp.append(next.cyp)
        cypCategories.append(next.cypCategories)
        categories.append(next.categories)
        endings.append(next.endings)
        compliments.append(next.compliments)
        complimentsByArea.append(next.complimentsByArea)
        ombudsmanReferred.append(next.ombudsmanReferred)
        ombudsmanDecisions.append(next.ombudsmanDecisions)
        ombudsmanPence = next.ombudsmanPence.flatMap { Money.adding($0, to: ombudsmanPence) }
        remedies.append(next.remedies)
        remedyPence = next.remedyPence.flatMap { Money.adding($0, to: remedyPence) }
        equality.append(next.equality)
        contactLog.append(next.contactLog)
        for n in stageCounts.indices {
            stageCounts[n].append(next.stageCounts[n])
            stageOutcomes[n].append(next.stageOutcomes[n])
            stageTimeliness[n].append(next.stageTimeliness[n])
            stageDays[n] = (stageDays[n].0 + next.stageDays[n].0, stageDays[n].1 + next.stageDays[n].1)
        }
    }

    /// The period's figures (not yet marked partial: `AnnualReport.markingPartial`), with the
    /// learning points and actions of the period counted.
    func group(learning: [LearningPoint], actions actionItems: [ActionItem]) -> ReportGroup {
        let keep = o.references
        func tally(_ keys: [String] = []) -> Tally { Tally(keys: keys, references: keep) }
        var themes = tally(o.reference.learningThemes)
        for l in learning where period.contains(l.date) && inScope(l.serviceArea) {
            themes.add(l.theme, l.caseReference ?? "learning #\(l.id ?? 0)")
        }
        var actions = tally(["agreed", "done", "open", "in_progress", "dropped", "overdue", "undated"])
        for a in actionItems where period.contains(a.created) && inScope(a.serviceArea) {
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
        complaintsGroup["stages"] = .group(ReportGroup(Self.stageNumbers.map { ("\($0)", .group(stageGroup($0))) }, title: "Stages"))
        var omb = ReportGroup([
            ("referred", ombudsmanReferred.value("referred")),
            ("decisions", .group(ombudsmanDecisions.group(title: "Decisions"))),
        ], title: "Ombudsman")
        omb["payments"] = .money(pence: ombudsmanPence)
        complaintsGroup["ombudsman"] = .group(omb)
        var rem = remedies.group(isPartition: false, title: "Remedies")
        rem["payments"] = .money(pence: remedyPence)
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

/// `AnnualReport.build` counted a run of contacts at a time: the period's figures and its
/// comparison's, from each complaint's clock, worked out as the contacts come and then let go.
/// Given the contacts of a `ReportInput` in its order (in any number of runs), `report` is
/// `build`'s report exactly.
public struct ReportCount: Sendable {
    public let options: ReportOptions
    private var current: PeriodFigures
    private var previous: PeriodFigures?

    public init(_ options: ReportOptions) {
        self.options = options
        current = PeriodFigures(options, period: options.period)
        previous = options.includePrevious ? PeriodFigures(options, period: options.period.comparison) : nil
    }

    /// Counts the next run of contacts; `contactLogCounts` holds their contact log entries by id.
    public mutating func add(_ contacts: [Contact], contactLogCounts: [Int64: Int]) {
        var none: [FreshReportFacts]?
        add(contacts, kept: [], contactLogCounts: contactLogCounts, fresh: &none)
    }

    /// `add(_:contactLogCounts:)` with kept report facts, as `PeriodFigures.add(_:kept:contactLogCounts:fresh:)`.
    public mutating func add(_ contacts: [Contact], kept: [ReportFacts?], contactLogCounts: [Int64: Int],
                             fresh: inout [FreshReportFacts]?) {
        for (i, c) in contacts.enumerated() {
            let facts = ReportFacts.counted(c, kept: i < kept.count ? kept[i] : nil, options, fresh: &fresh)
            let entries = c.id.flatMap { contactLogCounts[$0] } ?? 0
            current.add(c, facts: facts, contactLogEntries: entries)
            previous?.add(c, facts: facts, contactLogEntries: entries)
        }
    }

    /// The report, with the learning points and actions `ReportInput` would hold.
    public func report(learning: [LearningPoint], actions: [ActionItem]) -> ReportGroup {
        // The comparison is a whole period gone by: not marked partial, as `build` leaves it.
        AnnualReport.assemble(current: current.report(learning: learning, actions: actions),
                              previous: previous?.group(learning: learning, actions: actions))
    }
}

/// Report facts worked out while counting that hold from `settled` on (`ReportFacts.settled`),
/// for a store to keep for the contact `contactID`.
public struct FreshReportFacts: Sendable {
    public var contactID: Int64
    public var settled: LocalDate
    public var facts: ReportFacts

    public init(contactID: Int64, settled: LocalDate, facts: ReportFacts) {
        self.contactID = contactID; self.settled = settled; self.facts = facts
    }
}

extension ReportFacts {
    /// The facts `PeriodFigures` counts `c` by: `kept` (a store's), else worked out from its clock
    /// as of the options' day; nil for a contact that is not a complaint. Those worked out that
    /// hold from a day on, today or before, are added to `fresh` (when it is not nil).
    static func counted(_ c: Contact, kept: ReportFacts?, _ o: ReportOptions, fresh: inout [FreshReportFacts]?) -> ReportFacts? {
        guard c.kind == .complaint else { return nil }
        if let kept { return kept }
        let clock = c.clock(rules: o.rules, calendar: o.calendar, today: o.today)
        let facts = ReportFacts(contact: c, clock: clock)
        if fresh != nil, let id = c.id, let settled = settled(contact: c, clock: clock), settled <= o.today {
            fresh?.append(FreshReportFacts(contactID: id, settled: settled, facts: facts))
        }
        return facts
    }
}
