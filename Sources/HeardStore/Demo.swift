import HeardCore

/// The deterministic demo record: 2020-21, the seed's 2021-22 (261 contacts; 60 in Care Leavers,
/// Children Looked After and Fostering Service; 41 complaints among them; 7 by children or young
/// people, all supported by the Children's Rights Team and resolved at local resolution to their
/// satisfaction; communication their commonest category), the years since, open cases in every
/// state relative to today, learning and the action plan.
public struct DemoData {
    public var contacts: [Contact] = []
    public var learning: [LearningPoint] = []
    public var actions: [ActionItem] = []

    public static let seedAreas = ["Care Leavers", "Children Looked After", "Fostering Service"]
    static let otherAreas = ["Family Support and Child Protection", "Disabled Children", "Adoption", "Early Help",
                             "Youth Justice", "Residential", "Independent Reviewing Officers"]
    static let officers = ["Helen Sanderson", "Yasmin Mughal", "Kate Richardson", "Priya Shah", "Tom O'Neill"]
    static let teams: [String: [String]] = [
        "Care Leavers": ["Leaving Care North", "Leaving Care South"],
        "Children Looked After": ["CLA Team 1", "CLA Team 2"],
        "Fostering Service": ["Fostering Recruitment", "Fostering Support"],
        "Family Support and Child Protection": ["Assessment Team", "Child Protection East", "Child Protection West"],
        "Disabled Children": ["Children with Disabilities"],
        "Adoption": ["Adoption Team"],
        "Early Help": ["Early Help Hub"],
        "Youth Justice": ["Youth Justice Service"],
        "Residential": ["Oak House", "Willow Lodge"],
        "Independent Reviewing Officers": ["IRO Service"],
    ]
    static let firstNames = ["Amelia", "Oliver", "Isla", "Noah", "Ava", "Leo", "Mia", "Arthur", "Zoë", "Muhammad", "Grace", "Jack",
                             "Freya", "Harry", "Aisha", "George", "Chloé", "Jacob", "Sofia", "Oscar", "Ewa", "Kwame", "Siobhán", "Ravi"]
    static let lastNames = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson",
                            "Wright", "Thompson", "Evans", "Walker", "Khan", "Nowak", "Okafor", "Byrne", "Müller", "Chen"]
    static let summaries = [
        "Not kept informed about changes to the care plan", "Delay in arranging family time",
        "Social worker did not return calls", "Disagrees with the outcome of the assessment",
        "Allowance payments stopped without notice", "Records contain inaccurate information",
        "Placement move happened without consultation", "Information shared with school without consent",
        "Pathway plan not reviewed on time", "Foster carer support visits cancelled",
    ]
    static let advocate = "Children's Rights Team"

    var rng = SeededRandom(seed: 0x48656172642D3231)
    let calendar: WorkingDayCalendar
    let rules: Rules
    let today: LocalDate

    public init(today: LocalDate, calendar: WorkingDayCalendar = .englandAndWales, rules: Rules = .default) {
        self.today = today
        self.calendar = calendar
        self.rules = rules
        build()
    }

    // MARK: - Building

    private mutating func build() {
        let open = openCases()
        let fy2122 = Period.financialYear(starting: 2021)
        let openIn2122 = open.filter { fy2122.contains($0.received) }.count
        var all: [Contact] = []
        all += year(2020, seedComplaints: 36, seedCYP: 5, seedOthers: 22, otherTotal: 178)
        all += year(2021, seedComplaints: 41, seedCYP: 7, seedOthers: 19, otherTotal: 201 - openIn2122)
        let currentFY = Period.financialYear(containing: today).from.year
        if currentFY >= 2022 {
            for y in 2022...currentFY { all += year(y, seedComplaints: 38, seedCYP: 6, seedOthers: 20, otherTotal: 190) }
        }
        all += open
        all.sort { ($0.received, $0.summary) < ($1.received, $1.summary) }
        var counters: [Int: Int] = [:]
        for i in all.indices {
            let y = all[i].received.year
            counters[y, default: 0] += 1
            all[i].reference = Store.formatReference(year: y, number: counters[y] ?? 1)
        }
        contacts = all
        fillPeople()
        buildLearningAndActions()
    }

    private mutating func name() -> String { "\(rng.pick(Self.firstNames)) \(rng.pick(Self.lastNames))" }

    /// A received date in `period`, weekdays mostly, never after `limit`.
    private mutating func date(in period: Period, limit: LocalDate) -> LocalDate? {
        let end = min(period.to, limit)
        guard end >= period.from else { return nil }
        let d = period.from.adding(days: rng.int(period.from.days(to: end) + 1))
        return d.isWeekend && rng.chance(0.8) ? min(calendar.workingDay(onOrAfter: d), end) : d
    }

    private mutating func categories(communicationWeight: Double = 0.3) -> [String] {
        let n = rng.int(in: 1...3)
        var out: [String] = []
        for _ in 0..<n {
            let c = rng.chance(communicationWeight) ? "communication and information" : rng.pick(ReferenceData.defaultCategories)
            if !out.contains(c) { out.append(c) }
        }
        return out
    }

    /// One financial year of history, all settled well before today.
    private mutating func year(_ y: Int, seedComplaints: Int, seedCYP: Int, seedOthers: Int, otherTotal: Int) -> [Contact] {
        let period = Period.financialYear(starting: y)
        // Settled history stops 50 working days before today; the open cases cover the rest.
        let limit = calendar.adding(workingDays: -1, after: today).adding(days: -75)
        guard limit >= period.from else { return [] }
        var out: [Contact] = []
        let cypCategories = ["communication and information", "communication and information", "communication and information",
                             "communication and information", "placement", "delay or timeliness", "contact arrangements"]
        for i in 0..<seedComplaints {
            guard let d = date(in: period, limit: limit) else { break }
            let area = Self.seedAreas[i % 3]
            var c = Contact(kind: .complaint, received: d, channel: rng.pick(Channel.allCases), serviceArea: area,
                            team: rng.pick(Self.teams[area] ?? [""]), procedure: .statutory, complainantName: name(),
                            summary: rng.pick(Self.summaries), officer: rng.pick(Array(Self.officers.prefix(3))))
            if i < seedCYP {
                c.complainantRole = area == "Care Leavers" ? .careLeaver : .childOrYoungPerson
                c.isChildOrYoungPerson = true
                c.advocate = Self.advocate
                c.channel = .viaAdvocate
                var cats = [cypCategories[i % cypCategories.count]]
                if i % 3 == 0 && cats[0] != "communication and information" { cats.append("communication and information") }
                c.issues = cats.map { ComplaintIssue(category: $0) }
                c.summary = i % 2 == 0 ? "Not told about changes to my plan" : "My worker does not reply to messages"
                settle(&c, stage1: .withinTarget, satisfied: true, escalate: false, findings: [.upheld, .partiallyUpheld])
            } else {
                c.complainantRole = rng.pick([.parent, .parent, .fosterCarer, .relative, .specialGuardian, .parentalResponsibility, .professional])
                c.issues = categories().map { ComplaintIssue(category: $0) }
                settleRandomly(&c)
            }
            out.append(c)
        }
        let seedOtherKinds: [ContactKind] = [.compliment, .compliment, .enquiry, .compliment, .enquiry, .memberEnquiry, .comment, .enquiry]
        for i in 0..<seedOthers {
            guard let d = date(in: period, limit: limit) else { break }
            out.append(other(kind: seedOtherKinds[i % seedOtherKinds.count], area: Self.seedAreas[i % 3], received: d))
        }
        for i in 0..<max(0, otherTotal) {
            guard let d = date(in: period, limit: limit) else { break }
            let area = Self.otherAreas[(i * 7 + rng.int(3)) % Self.otherAreas.count]
            let roll = rng.int(100)
            if roll < 40 {
                var c = Contact(kind: .complaint, received: d, channel: rng.pick(Channel.allCases), serviceArea: area,
                                team: rng.pick(Self.teams[area] ?? [""]), procedure: roll < 34 ? .statutory : .corporate,
                                complainantName: name(), complainantRole: rng.pick([.parent, .parent, .relative, .childOrYoungPerson, .professional]),
                                summary: rng.pick(Self.summaries), officer: rng.pick(Self.officers))
                if c.complainantRole == .childOrYoungPerson { c.isChildOrYoungPerson = true; if rng.chance(0.7) { c.advocate = Self.advocate } }
                c.issues = categories().map { ComplaintIssue(category: $0) }
                settleRandomly(&c)
                out.append(c)
            } else {
                let kind: ContactKind = roll < 65 ? .compliment : roll < 88 ? .enquiry : roll < 96 ? .memberEnquiry : .comment
                out.append(other(kind: kind, area: area, received: d))
            }
        }
        return out
    }

    private mutating func other(kind: ContactKind, area: String, received: LocalDate) -> Contact {
        var c = Contact(kind: kind, received: received, channel: rng.pick([.email, .phone, .letter, .webForm]), serviceArea: area,
                        team: rng.pick(Self.teams[area] ?? [""]), complainantName: name(), officer: rng.pick(Self.officers))
        switch kind {
        case .compliment: c.summary = rng.pick(["Thanks to the social worker for her support", "Praise for the foster carers", "The team made a real difference"])
        case .comment: c.summary = "Suggests evening meetings for working parents"
        default:
            c.summary = kind == .memberEnquiry ? "Councillor asks about progress on a family's case" : "Asks how to request records"
            let r = calendar.adding(workingDays: rng.int(in: 2...12), after: received)
            if r < today { apply(&c, .responded(r, stage: 1)) }
        }
        return c
    }

    enum Speed { case withinTarget, withinExtension, late }

    private mutating func settleRandomly(_ c: inout Contact) {
        let roll = rng.int(100)
        if roll < 4 { // withdrawn
            apply(&c, .acknowledged(calendar.adding(workingDays: 2, after: c.received)))
            apply(&c, .withdrawn(calendar.adding(workingDays: 5, after: c.received), reason: "Complainant said the matter was resolved"))
            return
        }
        if roll < 6 {
            apply(&c, .notAccepted(calendar.adding(workingDays: 3, after: c.received), reason: "Events more than a year ago"))
            return
        }
        let speed: Speed = roll < 70 ? .withinTarget : roll < 88 ? .withinExtension : .late
        let f = [Finding.upheld, .partiallyUpheld, .notUpheld, .notUpheld]
        let escalate = c.procedure != .adult && rng.chance(0.12)
        settle(&c, stage1: speed, satisfied: rng.chance(0.6), escalate: escalate, findings: f)
    }

    /// Acknowledge, respond (on time or not), record findings, and perhaps go on to stage 2 and beyond.
    private mutating func settle(_ c: inout Contact, stage1 speed: Speed, satisfied: Bool, escalate: Bool, findings: [Finding]) {
        apply(&c, .acknowledged(calendar.adding(workingDays: rng.int(in: 1...3), after: c.received)))
        let clock0 = c.clock(rules: rules, calendar: calendar, today: today)
        guard let s1 = clock0.current else { return }
        let response: LocalDate
        switch speed {
        case .withinTarget:
            response = calendar.adding(workingDays: rng.int(in: 4...s1.targetDays), after: s1.clockFrom)
        case .withinExtension:
            let newDue = calendar.adding(workingDays: (s1.maximumDays ?? s1.targetDays + 5) - rng.int(3), after: s1.clockFrom)
            apply(&c, .extended(calendar.adding(workingDays: s1.targetDays - 2, after: s1.clockFrom), stage: 1, to: newDue,
                                reason: "Manager on leave; complainant agreed"))
            response = calendar.adding(workingDays: -rng.int(3), after: newDue) > s1.targetDue ? newDue : newDue
        case .late:
            response = calendar.adding(workingDays: s1.targetDays + rng.int(in: 2...8), after: s1.clockFrom)
        }
        for i in c.issues.indices { c.issues[i].findings[1] = rng.pick(findings) }
        Self.writeFindings(&c, stage: 1)
        // (The generator is drawn in the same order as always, so every figure stays; what is
        // added below is picked by date.) A complainant who goes on to the next stage was not
        // satisfied with this one.
        let escalating = escalate && (c.procedure == .statutory || c.procedure == .corporate)
        let requested = escalating ? calendar.adding(workingDays: rng.int(in: 3...15), after: response) : response
        apply(&c, .responded(response, stage: 1, satisfied: satisfied && !(escalating && requested <= today)))
        remediesByDate(&c, response: response, stage: 1)
        guard escalating else { return }
        apply(&c, .nextStageRequested(requested, stage: 2))
        acknowledgeByDate(&c, requested: requested, stage: 2)
        let r2 = calendar.adding(workingDays: rng.int(in: 15...30), after: requested)
        let s2Findings: [Finding] = [.notUpheld, .partiallyUpheld, .upheld]
        let picks2 = c.issues.indices.map { _ in rng.pick(s2Findings) }
        // Findings belong to a stage that was requested (not one still to come after today).
        if c.events.contains(where: { $0.kind == .nextStageRequested && $0.stage == 2 }) {
            for i in c.issues.indices { c.issues[i].findings[2] = picks2[i] }
            Self.writeFindings(&c, stage: 2)
        }
        Self.appointStage2(&c)
        let satisfied2 = rng.chance(0.4)
        let toStage3 = c.procedure == .statutory && rng.chance(0.3)
        let q3 = toStage3 ? calendar.adding(workingDays: rng.int(in: 5...15), after: r2) : r2
        apply(&c, .responded(r2, stage: 2, satisfied: satisfied2 && !(toStage3 && q3 <= today)))
        remediesByDate(&c, response: r2, stage: 2)
        if toStage3 {
            apply(&c, .nextStageRequested(q3, stage: 3))
            acknowledgeByDate(&c, requested: q3, stage: 3)
            let r3 = calendar.adding(workingDays: rng.int(in: 35...50), after: q3)
            let outcome3: StageOutcome = rng.pick([.notUpheld, .partiallyUpheld])
            // The panel's findings, one per issue, give its outcome (as a response "from
            // findings"), once stage 3 has been requested.
            if c.events.contains(where: { $0.kind == .nextStageRequested && $0.stage == 3 }) {
                for i in c.issues.indices { c.issues[i].findings[3] = outcome3 == .partiallyUpheld && i == 0 ? .partiallyUpheld : .notUpheld }
                Self.writeFindings(&c, stage: 3)
            }
            apply(&c, .responded(r3, stage: 3, satisfied: false))
            Self.appointPanel(&c, calendar: calendar, today: today)
        }
        if rng.chance(0.35), let last = c.clock(rules: rules, calendar: calendar, today: today).current?.responded {
            let referred = calendar.adding(workingDays: rng.int(in: 10...40), after: last)
            apply(&c, .ombudsmanReferred(referred))
            let decided = calendar.adding(workingDays: rng.int(in: 20...80), after: referred)
            let decision = rng.pick(OmbudsmanDecision.allCases)
            apply(&c, .ombudsmanDecision(decided, decision, remedy: decision == .upheld ? "Apology and payment for distress" : "",
                                         amountPence: decision == .upheld ? 25_000 : nil))
        }
        if c.issues.contains(where: { $0.findings[1] == .upheld }) && rng.chance(0.3),
           !c.events.contains(where: { $0.kind == .remedy && $0.remedy == .apology && $0.stage == 1 }) {
            apply(&c, .remedy(response, stage: 1, .apology))
        }
    }

    /// Appends `e` when it is dated no later than today and the rules take it; history that would
    /// run past today is simply left where it stands.
    func apply(_ c: inout Contact, _ e: CaseEvent) {
        guard e.date <= today else { return }
        var m = CaseMachine(contact: c, rules: rules, calendar: calendar, today: today)
        if (try? m.apply(e, strict: false)) != nil { c.events.append(e) }
    }

    // MARK: - Open cases, relative to today

    private func wdAgo(_ n: Int) -> LocalDate {
        var d = calendar.workingDay(onOrAfter: today)
        if d > today { d = today }
        var left = n
        while left > 0 { d = d.adding(days: -1); if calendar.isWorkingDay(d) { left -= 1 } }
        return d
    }

    private mutating func openCases() -> [Contact] {
        var out: [Contact] = []
        func complaint(_ name: String, _ area: String, _ wd: Int, _ summary: String, role: ComplainantRole = .parent,
                       procedure: ProcedureKind = .statutory, cats: [String], officer: String) -> Contact {
            Contact(kind: .complaint, received: wdAgo(wd), channel: .email, serviceArea: area, team: Self.teams[area]?.first ?? "",
                    procedure: procedure, complainantName: name, complainantRole: role, summary: summary, officer: officer,
                    issues: cats.map { ComplaintIssue(category: $0) })
        }
        // Due soon: stage 1, acknowledged, two days left.
        var c = complaint("李小龍", "Family Support and Child Protection", 8, "Child protection conference minutes not shared",
                          cats: ["communication and information", "data protection or information sharing"], officer: "Yasmin Mughal")
        apply(&c, .acknowledged(wdAgo(7)))
        out.append(c)
        // Overdue: stage 1, no response after 14 working days.
        c = complaint("Zoë Hughes", "Disabled Children", 14, "Short breaks package cut without assessment",
                      cats: ["failure to provide or withdrawal of a service", "disagreement with a decision or assessment"], officer: "Helen Sanderson")
        apply(&c, .acknowledged(wdAgo(12)))
        out.append(c)
        // Extended: past the 10-day target, extended to 20 with a reason.
        c = complaint("Marcus Adeyemi", "Adoption", 13, "Letterbox contact arrangements changed",
                      cats: ["contact arrangements", "communication and information"], officer: "Kate Richardson")
        apply(&c, .acknowledged(wdAgo(11)))
        apply(&c, .extended(wdAgo(4), stage: 1, to: calendar.adding(workingDays: 18, after: calendar.workingDay(onOrAfter: c.received)),
                            reason: "Investigating manager on annual leave; complainant agreed"))
        out.append(c)
        // Paused while an advocate is found.
        c = complaint("Jayden Price", "Residential", 9, "Not allowed to see my brother", role: .childOrYoungPerson,
                      cats: ["contact arrangements"], officer: "Priya Shah")
        c.isChildOrYoungPerson = true
        apply(&c, .acknowledged(wdAgo(8)))
        apply(&c, .paused(wdAgo(4), stage: 1, reason: "Waiting for an advocate to be allocated"))
        out.append(c)
        // Escalated: stage 1 answered, stage 2 investigation under way.
        c = complaint("Sarah O'Connor", "Family Support and Child Protection", 48, "Assessment contains factual errors",
                      cats: ["accuracy of records", "staff attitude or conduct"], officer: "Helen Sanderson")
        apply(&c, .acknowledged(wdAgo(46)))
        for i in c.issues.indices { c.issues[i].findings[1] = i == 0 ? .partiallyUpheld : .notUpheld }
        apply(&c, .responded(wdAgo(38), stage: 1, satisfied: false))
        apply(&c, .nextStageRequested(wdAgo(15), stage: 2))
        apply(&c, .acknowledged(wdAgo(14), stage: 2))
        Self.writeFindings(&c, stage: 1)
        Self.appointStage2(&c)
        out.append(c)
        // Escalated and overdue at stage 2, extended.
        c = complaint("Dariusz Nowak", "Youth Justice", 80, "Reports to court were late", cats: ["delay or timeliness"], officer: "Tom O'Neill")
        apply(&c, .acknowledged(wdAgo(78)))
        c.issues[0].findings[1] = .notUpheld
        apply(&c, .responded(wdAgo(70), stage: 1, satisfied: false))
        apply(&c, .nextStageRequested(wdAgo(62), stage: 2))
        apply(&c, .acknowledged(wdAgo(60), stage: 2))
        apply(&c, .extended(wdAgo(40), stage: 2, to: calendar.adding(workingDays: 60, after: wdAgo(62)), reason: "Independent person unavailable"))
        Self.writeFindings(&c, stage: 1)
        Self.appointStage2(&c)
        out.append(c)
        // Responded, within the window for asking for stage 2.
        c = complaint("Hannah Clarke", "Early Help", 20, "Family support worker changed three times",
                      cats: ["quality or standard of service"], officer: "Yasmin Mughal")
        apply(&c, .acknowledged(wdAgo(19)))
        c.issues[0].findings[1] = .upheld
        Self.writeFindings(&c, stage: 1)
        apply(&c, .responded(wdAgo(8), stage: 1, satisfied: true))
        // Several remedies with one response: an apology, a payment and a change to the service.
        apply(&c, .remedy(wdAgo(8), stage: 1, .apology, note: "Letter from the head of service"))
        apply(&c, .remedy(wdAgo(8), stage: 1, .payment, amountPence: 15_000, note: "for the time and trouble"))
        apply(&c, .remedy(wdAgo(8), stage: 1, .serviceChange, note: "One named family support worker for the rest of the plan"))
        out.append(c)
        // Corporate procedure, not yet acknowledged (acknowledgement overdue).
        c = complaint("Nadia Rahman", "Independent Reviewing Officers", 7, "Review meeting held without notice",
                      procedure: .corporate, cats: ["policy or procedure not followed"], officer: "Kate Richardson")
        out.append(c)
        // Adult social care (transition), six months.
        c = complaint("Graham Porter", "Disabled Children", 30, "Transition plan to adult services", procedure: .adult,
                      cats: ["delay or timeliness"], officer: "Priya Shah")
        apply(&c, .acknowledged(wdAgo(28)))
        out.append(c)
        // Ombudsman referral awaiting a decision.
        c = complaint("Precious Okafor", "Family Support and Child Protection", 160, "Section 47 enquiry handled poorly",
                      cats: ["staff attitude or conduct", "policy or procedure not followed"], officer: "Helen Sanderson")
        apply(&c, .acknowledged(wdAgo(158)))
        for i in c.issues.indices { c.issues[i].findings[1] = .notUpheld }
        apply(&c, .responded(wdAgo(150), stage: 1, satisfied: false))
        apply(&c, .nextStageRequested(wdAgo(140), stage: 2))
        apply(&c, .acknowledged(wdAgo(138), stage: 2))
        for i in c.issues.indices { c.issues[i].findings[2] = i == 0 ? .upheld : .notUpheld }
        apply(&c, .responded(wdAgo(110), stage: 2, satisfied: false))
        apply(&c, .nextStageRequested(wdAgo(100), stage: 3))
        apply(&c, .acknowledged(wdAgo(98), stage: 3))
        for i in c.issues.indices { c.issues[i].findings[3] = i == 0 ? .partiallyUpheld : .notUpheld }
        Self.writeFindings(&c, stage: 3)
        apply(&c, .responded(wdAgo(55), stage: 3, satisfied: false))
        apply(&c, .remedy(wdAgo(110), stage: 2, .apology, note: "Apology for how the enquiry was explained"))
        apply(&c, .remedy(wdAgo(55), stage: 3, .payment, amountPence: 50_000, note: "recommended by the review panel"))
        apply(&c, .remedy(wdAgo(55), stage: 3, .other, note: "Practice learning session for the assessment team"))
        apply(&c, .ombudsmanReferred(wdAgo(30)))
        Self.writeFindings(&c, stage: 1)
        Self.writeFindings(&c, stage: 2)
        Self.appointStage2(&c)
        Self.appointPanel(&c, calendar: calendar, today: today)
        out.append(c)
        // Enquiries: one open, one member enquiry overdue.
        var e = Contact(kind: .enquiry, received: wdAgo(3), channel: .phone, serviceArea: "Early Help", team: "Early Help Hub",
                        complainantName: "Chloé Martin", summary: "Asks how to get a copy of her records", officer: "Priya Shah")
        out.append(e)
        e = Contact(kind: .memberEnquiry, received: wdAgo(12), channel: .email, serviceArea: "Family Support and Child Protection",
                    team: "Assessment Team", complainantName: "Cllr Anne Whitfield", summary: "Asks on behalf of a resident about a delayed assessment",
                    officer: "Tom O'Neill")
        out.append(e)
        out.append(Contact(kind: .compliment, received: wdAgo(2), channel: .letter, serviceArea: "Residential", team: "Oak House",
                           complainantName: "Ewa Kowalska", summary: "Thank you to the staff at Oak House", officer: "Priya Shah"))
        return out.filter { $0.received <= today }
    }

    // MARK: - Learning and the action plan

    private mutating func buildLearningAndActions() {
        let themes = ReferenceData.defaultLearningThemes
        let texts = [
            "information sharing": "Share plans with young people in a form they can read before the review",
            "implementation of new policies": "Brief teams on the new allowance policy before it takes effect",
            "timeliness of decisions": "Set a date for each decision and tell the family what it is",
            "effective communication": "Return calls within two working days and say who is covering leave",
        ]
        var n = 0
        for c in contacts where c.kind == .complaint {
            let clock = c.clock(rules: rules, calendar: calendar, today: today)
            guard clock.status == .closed, let s1 = clock.stages.first, let r = s1.responded,
                  s1.outcome(issues: c.issues) != .notUpheld else { continue }
            n += 1
            guard n % 4 == 0 || (c.isChildOrYoungPerson && c.received.year == 2021) else { continue }
            let theme = c.isChildOrYoungPerson ? "effective communication" : themes[n % themes.count]
            learning.append(LearningPoint(caseReference: c.reference, theme: theme, text: texts[theme] ?? theme,
                                          date: r, serviceArea: c.serviceArea))
        }
        let board = min(LocalDate(year: 2022, month: 7, day: 14) ?? today, today)
        let meeting = "Corporate Parenting Board \(board.iso)"
        actions.append(ActionItem(title: "Present the plan for including the voice of C&YP in the Board's work",
                                  detail: "Work with partner organisations and the Children's Rights Team (e.g. a takeover week); meetings at times C&YP can attend.",
                                  owner: "Head of Service, Children in Care", serviceArea: "Children Looked After",
                                  source: .meeting(meeting, resolution: "1"), created: board, due: nil, status: .inProgress, tags: ["board"],
                                  notes: [ProgressNote(date: board, text: "Agreed by the Board; to be presented at the appropriate time")]))
        actions.append(ActionItem(title: "Report on learning from complaints and engaging with C&YP",
                                  detail: "Share the learning and best practice across Children's Services.",
                                  owner: "Head of Service, Resources, Improvement and Partnerships", serviceArea: "",
                                  source: .meeting(meeting, resolution: "2"), created: board,
                                  due: calendar.adding(workingDays: 10, after: today), status: .open, tags: ["board"]))
        actions.append(ActionItem(title: "Hold a practice learning day on complaints",
                                  detail: "Annual report action plan: strengthen learning from complaints.",
                                  owner: "Complaints and Compliments Manager", serviceArea: "",
                                  source: .meeting("Annual complaints report 2021-22", resolution: ""), created: board,
                                  due: board.adding(days: 120) < today ? board.adding(days: 120) : calendar.adding(workingDays: 25, after: today),
                                  status: board.adding(days: 120) < today ? .done : .open,
                                  completed: board.adding(days: 120) < today ? board.adding(days: 118) : nil, tags: ["learning"]))
        actions.append(ActionItem(title: "Agree with the Children's Rights Team how to set expectations at the start",
                                  owner: "Complaints and Compliments Manager", serviceArea: "Care Leavers",
                                  source: .meeting(meeting, resolution: ""), created: board,
                                  due: wdAgo(6), status: .inProgress, tags: ["cyp"]))
        for (i, l) in learning.enumerated() where i % 3 == 0 {
            let overdue = i % 2 == 0
            let created = l.date
            let due = overdue ? max(created.adding(days: 30), wdAgo(3 + i % 20)) : calendar.adding(workingDays: 5 + i % 40, after: today)
            let old = created.adding(days: 200) < today && i % 5 != 0
            actions.append(ActionItem(title: "Follow up learning: \(l.text)", owner: i % 2 == 0 ? "Team Manager" : "Service Manager",
                                      serviceArea: l.serviceArea, source: .caseReference(l.caseReference ?? ""), created: created,
                                      due: old ? created.adding(days: 60) : due, status: old ? .done : (i % 4 == 0 ? .inProgress : .open),
                                      completed: old ? created.adding(days: 55) : nil, tags: ["learning"]))
        }
    }
}

extension Store {
    /// Writes the demo record into an empty database, in one transaction.
    public func writeDemo(today: LocalDate) throws {
        let calendar = try self.calendar()
        let demo = DemoData(today: today, calendar: calendar, rules: rules)
        if try contactCount() > 0 { throw StoreError.refused("\(path) already holds contacts; the demo is written only into a new database.") }
        try write { tx in
            for var c in demo.contacts {
                try insert(tx, &c, calendar: calendar, today: today, auditRow: false, fts: false)
                var ch = Changes()
                ch.add("source", nil, "demo")
                try audit(tx, .contact, id: c.id, reference: c.reference, .import, changes: ch)
            }
            // The search index, built once for every case (SQLite's FTS5; PostgreSQL's search is its own).
            if tx.sql.dialect == .sqlite { try tx.sql.execute("INSERT INTO contacts_fts(contacts_fts) VALUES('rebuild')") }
            var learningIDs: [String: Int64] = [:]
            for l in demo.learning {
                let saved = try addLearning(l, today: today, in: tx)
                if let ref = l.caseReference, let id = saved.id { learningIDs[ref] = id }
            }
            for var a in demo.actions {
                if case .caseReference(let ref) = a.source, let lid = learningIDs[ref] { a.source = .learningPoint(lid) }
                try addAction(a, in: tx)
            }
            try writeDemoCorrespondence(tx, today: today, calendar: calendar)
        }
    }
}
