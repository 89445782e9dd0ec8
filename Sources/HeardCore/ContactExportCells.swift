/// One contact's export cells, written in column order into an array the caller reuses: what
/// `ContactCSV.row` gives, without its table of cells by column name (whose hashing, with the
/// dictionary of the stage-record cells and the strings of empty cells, was most of what the
/// export of 100,000 contacts cost). The tests hold it to `ContactCSV.row` byte for byte.
enum ContactExportCells {
    /// The columns, in the order `fill` writes them.
    static let order = ContactCSV.columns + ContactCSV.extraColumns + ContactCSV.stageRecordColumns
    /// Where the two cells the JSON writes other than as text are.
    static let categoriesIndex = order.firstIndex(of: "categories") ?? -1
    static let childIndex = order.firstIndex(of: "child_or_young_person") ?? -1

    /// Replaces `v` with `c`'s cells, one per column of `order`, empty where there is nothing.
    static func fill(_ c: Contact, rules: Rules, calendar: WorkingDayCalendar, today: LocalDate, into v: inout [String]) {
        v.removeAll(keepingCapacity: true)
        let clock = c.clock(rules: rules, calendar: calendar, today: today)
        // The first stage of each number, as `clock.stages.first { $0.number == n }` finds it.
        var stages: [StageClock?] = [nil, nil, nil]
        for s in clock.stages where (1...3).contains(s.number) && stages[s.number - 1] == nil { stages[s.number - 1] = s }
        func yesNo(_ b: Bool?) -> String { b.map { $0 ? "yes" : "no" } ?? "" }
        func response(_ s: StageClock?) -> String {
            guard let s else { return "" }
            // A stage closed unanswered has no response: the `closed` column carries its date.
            return (s.responded ?? (s.endedAs != nil ? s.endedOn : nil))?.iso ?? ""
        }
        func outcome(_ s: StageClock?) -> String { s?.outcome(issues: c.issues)?.label ?? "" }

        // The contract's columns.
        v.append(c.reference); v.append(c.kind.label); v.append(c.received.iso); v.append(c.channel?.label ?? "")
        v.append(c.serviceArea); v.append(c.team); v.append(c.procedure?.rawValue ?? "")
        v.append(c.complainantName); v.append(c.complainantRole?.label ?? "")
        v.append(c.isChildOrYoungPerson ? "yes" : "no"); v.append(c.advocate); v.append(c.subjectChild)
        v.append(categories(c.issues))
        v.append(c.summary); v.append(c.officer)
        v.append(stages[0]?.acknowledged?.iso ?? "")
        v.append(response(stages[0])); v.append(outcome(stages[0])); v.append(yesNo(stages[0]?.satisfied))
        for n in 2...3 {
            v.append(stages[n - 1]?.started.iso ?? ""); v.append(response(stages[n - 1])); v.append(outcome(stages[n - 1]))
        }
        v.append(clock.ombudsman.referred?.iso ?? "")
        v.append(clock.ombudsman.decision?.label ?? "")
        v.append(clock.status.isFinal && c.kind != .compliment && c.kind != .comment ? clock.closedOn?.iso ?? "" : "")

        // Heard's additions.
        v.append(yesNo(stages[1]?.satisfied)); v.append(yesNo(stages[2]?.satisfied))
        v.append(clock.status == .notAccepted ? clock.endReason : "")
        v.append(clock.ombudsman.decided?.iso ?? "")
        if c.peopleBox == nil {
            for _ in PeopleField.columns { v.append("") }
        } else {
            // In `PeopleField.columns` order, as `peopleCells` lists them.
            for (_, value) in ContactCSV.peopleCells(c.people) { v.append(value) }
        }

        // The procedure's record (`stageRecordColumns`); each cell's builder runs only when the
        // case has something for it.
        for n in 1...3 {
            let any = c.issues.contains { $0.findings[n] != nil || !($0.findingTexts[n] ?? "").isEmpty }
            v.append(any ? ContactCSV.findingsCell(c, stage: n) : "")
        }
        v.append(clock.remedies.isEmpty ? "" : ContactCSV.remediesCell(CaseRecord(contact: c, clock: clock, calendar: calendar, rules: rules)))
        let p = c.stagePeople
        v.append(p.investigatingOfficer); v.append(p.independentPerson)
        v.append(p.panel.joined(separator: "; ")); v.append(p.panelDate?.iso ?? "")
        v.append(stages[1]?.acknowledged?.iso ?? ""); v.append(stages[2]?.acknowledged?.iso ?? "")
        v.append(c.events.contains { $0.kind == .extended } ? ContactCSV.extensionsCell(c) : "")
        v.append(c.events.contains { $0.kind == .paused } ? ContactCSV.pausesCell(c) : "")
        // Why a request came late: the last request of each stage, staged as `ContactCSV.staged` does.
        var late = ["", ""]
        if c.events.contains(where: { $0.kind == .nextStageRequested }) {
            for (e, n) in ContactCSV.staged(c.events) where e.kind == .nextStageRequested && (2...3).contains(n) { late[n - 2] = e.reason }
        }
        v.append(late[0]); v.append(late[1])
        v.append(clock.status == .withdrawn || clock.status == .mediation ? clock.endReason : "")
        v.append(clock.ombudsman.remedy)
        v.append(clock.ombudsman.amountPence.map { CaseRecord.pounds($0) } ?? "")
        assert(v.count == order.count, "every export column has its cell")
    }

    /// The categories cell: each issue's category, separated by `; `.
    static func categories(_ issues: [ComplaintIssue]) -> String {
        switch issues.count {
        case 0: return ""
        case 1: return issues[0].category
        default:
            var out = issues[0].category
            for i in issues.dropFirst() { out += "; "; out += i.category }
            return out
        }
    }
}
