/// Who handles the later stages of a statutory complaint: stage 2's Investigating Officer and
/// Independent Person, and stage 3's review panel (three independent people) and the date it meets.
public struct StagePeople: Hashable, Sendable {
    public var investigatingOfficer: String
    public var independentPerson: String
    /// The panel's members, in the order given (at most `panelSize`).
    public var panel: [String]
    public var panelDate: LocalDate?

    /// A review panel is three independent people.
    public static let panelSize = 3

    public init(investigatingOfficer: String = "", independentPerson: String = "", panel: [String] = [], panelDate: LocalDate? = nil) {
        self.investigatingOfficer = investigatingOfficer; self.independentPerson = independentPerson
        self.panel = panel; self.panelDate = panelDate
    }

    public var isEmpty: Bool { investigatingOfficer.isEmpty && independentPerson.isEmpty && panel.isEmpty && panelDate == nil }

    /// What a panel may be, in words for every door (form, `appoint`, import).
    public static let panelRule = "1 to \(panelSize) different names (none containing ;)"

    /// Why `names` cannot be a review panel, or nil. The same rule for the form, `heard move
    /// appoint` and the import: the CSV separates members with `;`, so a name holding one would
    /// not come back as it went out. An empty list (clearing the panel) is allowed. Names are not
    /// repeated in the message (the import must not echo them).
    public static func panelProblem(_ names: [String]) -> String? {
        if names.contains(where: { $0.contains(";") }) { return "a panel member's name cannot contain ; (panel: \(panelRule))" }
        if names.contains(where: { $0.trimmingSpaces.isEmpty }) { return "a panel member's name is empty (panel: \(panelRule))" }
        if names.count > panelSize { return "a review panel is at most \(panelSize) people; \(names.count) were named (panel: \(panelRule))" }
        var seen = Set<String>()
        for name in names where !seen.insert(normaliseWord(name)).inserted { return "a name appears twice on the panel (panel: \(panelRule))" }
        return nil
    }

    /// The people as named fields, the way the audit trail and the CSV columns name them.
    public var fields: [(String, String?)] {
        var out: [(String, String?)] = [("investigating_officer", investigatingOfficer.isEmpty ? nil : investigatingOfficer),
                                        ("independent_person", independentPerson.isEmpty ? nil : independentPerson)]
        for i in 0..<Self.panelSize { out.append(("panel_member_\(i + 1)", panel.indices.contains(i) ? panel[i] : nil)) }
        out.append(("panel_date", panelDate?.iso))
        return out
    }

    /// Sets the field `name` (one of `fields`) from its stored text; false for a name it does not know.
    public mutating func set(_ name: String, to value: String?) -> Bool {
        let v = value ?? ""
        switch name {
        case "investigating_officer": investigatingOfficer = v
        case "independent_person": independentPerson = v
        case "panel_date": panelDate = value.flatMap { LocalDate(iso: $0) }
        default:
            guard name.hasPrefix("panel_member_"), let n = Int(name.dropFirst("panel_member_".count)), (1...Self.panelSize).contains(n) else { return false }
            var members = panel + Array(repeating: "", count: max(0, Self.panelSize - panel.count))
            members[n - 1] = v
            // Only trailing gaps go: setting the members one by one (an undo) keeps each in its place.
            while members.last == "" { members.removeLast() }
            panel = members
        }
        return true
    }
}

/// What an `appoint` move changes: each part given replaces what is recorded; a part left nil stays.
public struct Appointment: Equatable, Sendable {
    public var investigatingOfficer: String?
    public var independentPerson: String?
    /// The whole panel (an empty list clears it).
    public var panel: [String]?
    public var panelDate: LocalDate?

    public init(investigatingOfficer: String? = nil, independentPerson: String? = nil, panel: [String]? = nil, panelDate: LocalDate? = nil) {
        self.investigatingOfficer = investigatingOfficer; self.independentPerson = independentPerson
        self.panel = panel; self.panelDate = panelDate
    }

    public var isEmpty: Bool { investigatingOfficer == nil && independentPerson == nil && panel == nil && panelDate == nil }

    /// `people` with this appointment made.
    public func applied(to people: StagePeople) -> StagePeople {
        var p = people
        if let v = investigatingOfficer { p.investigatingOfficer = v }
        if let v = independentPerson { p.independentPerson = v }
        if let v = panel { p.panel = v }
        if let v = panelDate { p.panelDate = v }
        return p
    }
}

extension Contact {
    /// Checks an appointment against the case: stage 2's people once stage 2 has been
    /// requested, stage 3's panel once stage 3 has; a panel is at most three people, each
    /// named once; the panel meets on or after stage 3 was requested.
    public func validateAppointment(_ a: Appointment, clock: CaseClock) throws {
        guard kind == .complaint else { throw MoveRefused("Only a complaint has an investigation or a panel; this is a \(kind.label).") }
        if a.isEmpty { throw MoveRefused("Name someone: --investigator, --independent-person, --panel or --panel-date.") }
        if clock.status.isFinal { throw MoveRefused("The case is \(clock.status.label): its people can no longer change.") }
        let stage2 = clock.stages.first { $0.number == 2 }
        let stage3 = clock.stages.first { $0.number == 3 }
        if a.investigatingOfficer != nil || a.independentPerson != nil {
            guard procedure == .statutory else { throw MoveRefused("Only the statutory procedure has an Investigating Officer and an Independent Person.") }
            guard stage2 != nil else { throw MoveRefused("Stage 2 has not been requested: its Investigating Officer and Independent Person come with it.") }
        }
        if a.panel != nil || a.panelDate != nil {
            guard procedure == .statutory else { throw MoveRefused("Only the statutory procedure has a review panel.") }
            guard let s3 = stage3 else { throw MoveRefused("Stage 3 has not been requested: the review panel comes with it.") }
            if let d = a.panelDate, d < s3.started {
                throw MoveRefused("The panel date \(d.iso) is before stage 3 was requested on \(s3.started.iso).")
            }
        }
        if let p = a.panel, let problem = StagePeople.panelProblem(p) { throw MoveRefused(problem.prefix(1).uppercased() + problem.dropFirst() + ".") }
    }

    /// The warning when the panel is to meet after the day the procedure says it should have met
    /// by (stage 3's first milestone): allowed, as panels are hard to convene, but worth saying.
    public func panelDateWarning(_ date: LocalDate?, clock: CaseClock, calendar: WorkingDayCalendar) -> String? {
        guard let date, let s3 = clock.stages.first(where: { $0.number == 3 }), let m = s3.rule.milestones.first else { return nil }
        let due = calendar.adding(workingDays: m.workingDays + s3.pausedDays, after: s3.clockFrom)
        guard date > due else { return nil }
        return "the panel date \(date.iso) is after the panel was due to meet (\(m.name.lowercased()) \(due.iso), \(workingDaysText(m.workingDays)))"
    }
}
