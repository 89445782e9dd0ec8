import HeardCore

/// The demo's procedure record beyond the dates: findings in words, the people of stages 2 and
/// 3. Picked by date, never drawn from the generator, so every figure of the demo stays as it was.
extension DemoData {
    static let investigators = ["Ruth Ellery", "Owen Baptiste", "Meera Joshi", "Colin Hartley"]
    static let independentPersons = ["Fatima Begum", "David Kerr", "Alison Mbeki", "Gareth Lloyd"]
    static let panelMembers = ["Jean Whitaker (chair)", "Samuel Osei", "Linda Farrow", "Imran Siddiqui", "Beth Carver", "Tomasz Zielinski"]

    /// One of `list` for the date `d`, moved on by `offset`.
    static func pick(_ list: [String], _ d: LocalDate, _ offset: Int = 0) -> String {
        list[((d.dayNumber + offset) % list.count + list.count) % list.count]
    }

    /// What a stage found on an issue, in words, as an investigating manager writes it.
    static func findingWords(_ category: String, _ f: Finding?, stage: Int) -> String {
        let found: String
        switch f {
        case .upheld?: found = "The records confirm what was described"
        case .partiallyUpheld?: found = "Part of what was described is borne out by the records"
        case .notUpheld?: found = "The records show the service acted as it should"
        case nil: return ""
        }
        let by = stage == 1 ? "the team manager's review" : stage == 2 ? "the independent investigation" : "the review panel"
        return "\(found) (\(category)); found by \(by)."
    }

    /// Every issue with a verdict at `stage` gets its words.
    static func writeFindings(_ c: inout Contact, stage: Int) {
        for i in c.issues.indices where c.issues[i].findings[stage] != nil {
            c.issues[i].findingTexts[stage] = findingWords(c.issues[i].category, c.issues[i].findings[stage], stage: stage)
        }
    }

    /// Stage 2's Investigating Officer and Independent Person, when stage 2 was requested.
    static func appointStage2(_ c: inout Contact) {
        guard c.procedure == .statutory, let requested = c.events.first(where: { $0.kind == .nextStageRequested && $0.stage == 2 })?.date else { return }
        c.stagePeople.investigatingOfficer = pick(investigators, requested)
        c.stagePeople.independentPerson = pick(independentPersons, requested, 1)
    }

    /// Stage 3's panel of three and the day it meets (about 25 working days after the request).
    /// A stage whose findings are already written met before them: before its response, and
    /// before today while it awaits one, so its outcome letter never reports a panel yet to meet.
    static func appointPanel(_ c: inout Contact, calendar: WorkingDayCalendar, today: LocalDate) {
        guard c.procedure == .statutory, let requested = c.events.first(where: { $0.kind == .nextStageRequested && $0.stage == 3 })?.date else { return }
        c.stagePeople.panel = (0..<3).map { pick(panelMembers, requested, $0 * 2) }
        var date = calendar.adding(workingDays: 25, after: requested)
        if c.issues.contains(where: { $0.findings[3] != nil }) {
            let found = c.events.first(where: { $0.kind == .responded && $0.stage == 3 })?.date ?? today
            var before = found.adding(days: -1)
            while !calendar.isWorkingDay(before) && before > requested { before = before.adding(days: -1) }
            if before > requested { date = min(date, before) }
        }
        c.stagePeople.panelDate = date
    }

    /// A later stage acknowledged when the procedure asks (its acknowledgement target), so a
    /// clock that starts on acknowledgement (corporate stage 2) runs exactly as before.
    func acknowledgeByDate(_ c: inout Contact, requested: LocalDate, stage: Int) {
        let days = c.procedure.map { rules.procedure($0).acknowledgementDays } ?? 3
        apply(&c, .acknowledged(calendar.adding(workingDays: days, after: calendar.workingDay(onOrAfter: requested)), stage: stage))
    }

    /// Remedies with an upheld or partly upheld response, in every year: an apology with one
    /// response in three, a payment or a change to the service now and then, picked by date.
    func remediesByDate(_ c: inout Contact, response: LocalDate, stage: Int) {
        let found = c.issues.compactMap { $0.findings[stage] }
        guard found.contains(where: { $0 != .notUpheld }), c.events.contains(where: { $0.kind == .responded && $0.date == response }) else { return }
        let n = (c.received.dayNumber + stage) % 9
        if n == 0 || n == 4 || n == 7 { apply(&c, .remedy(response, stage: stage, .apology, note: "Letter of apology from the team manager")) }
        if n == 4 && found.contains(.upheld) { apply(&c, .remedy(response, stage: stage, .payment, amountPence: (c.received.dayNumber % 4 + 1) * 5_000, note: "for the time and trouble")) }
        if n == 7 || n == 2 { apply(&c, .remedy(response, stage: stage, .serviceChange, note: "Team procedure updated so it does not happen again")) }
    }
}
