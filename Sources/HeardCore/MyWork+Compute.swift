extension MyWork {
    /// Whether an action's owner or a case's officer is `officer`: trimmed, case-insensitive
    /// (as `heard cases --officer` and `heard actions --owner` match).
    public static func isOfficer(_ name: String, _ officer: String) -> Bool {
        let a = name.trimmingSpaces, b = officer.trimmingSpaces
        return !b.isEmpty && a.lowercased() == b.lowercased()
    }

    /// The officer's work as of `today`: of `cases`, those the officer holds and that are still
    /// active (open, or responded with the escalation window open), each with its deadlines; of
    /// `actions`, the officer's outstanding ones with a due date. With `within`, only what is
    /// overdue or due within that many working days of today (a case is kept when any of its
    /// items is); nil keeps every dated item.
    public static func compute(officer: String, cases: [MyWorkCaseInput], actions: [ActionItem], rules: Rules,
                               calendar: WorkingDayCalendar, today: LocalDate, within: Int? = MyWork.defaultWithin) -> MyWork {
        func shown(_ daysLeft: Int, overdue: Bool) -> Bool { overdue || within.map { daysLeft <= $0 } ?? true }
        var out: [MyWorkCase] = []
        for input in cases where isOfficer(input.contact.officer, officer) {
            let items = dueItems(input, rules: rules, calendar: calendar, today: today).filter { shown($0.daysLeft, overdue: $0.isOverdue) }
            guard !items.isEmpty else { continue }
            let c = input.contact
            out.append(MyWorkCase(contactID: c.id, reference: c.reference, serviceArea: c.serviceArea, items: items))
        }
        out.sort(by: MyWorkCase.precedes)
        var mine: [DueAction] = []
        for a in actions where a.status.isOutstanding && isOfficer(a.owner, officer) {
            guard let d = a.due else { continue }
            let left = calendar.workingDays(after: today, through: d)
            let overdue = a.isOverdue(today: today)
            if shown(left, overdue: overdue) { mine.append(DueAction(action: a, daysLeft: left, isOverdue: overdue, date: d)) }
        }
        mine.sort { ActionItem.reviewOrder($0.action, $1.action, today: today) }
        return MyWork(officer: officer.trimmingSpaces, today: today, within: within, cases: out, actions: mine)
    }

    /// Every deadline of one case, soonest first (none once the case is no longer active):
    /// the acknowledgement while the stage is unacknowledged, the response while it runs, the
    /// escalation window while the stage is answered, and each letter `LetterNeed` says the
    /// stage needs and that has not gone (a last stage's or an enquiry's answer: for as long
    /// as an escalation window would run after it).
    public static func dueItems(_ input: MyWorkCaseInput, rules: Rules, calendar: WorkingDayCalendar, today: LocalDate) -> [DueItem] {
        let c = input.contact
        let clock = c.clock(rules: rules, calendar: calendar, today: today)
        // Answering the last stage (or an enquiry) closes the case at once, but its letter is
        // still owed: such a case stays for its letters while the answer is recent (within
        // the procedure's escalation window), not for ever.
        var answeredLast = false
        if clock.closedAutomatically, let r = clock.current?.responded {
            let window = rules.procedure(c.procedure ?? .statutory).escalationWindowDays
            answeredLast = today <= calendar.adding(workingDays: window, after: r)
        }
        // A letter still owed (`LetterNeed.owed`) keeps a case that is over here too: a recent
        // compliment's thanks, an answered enquiry's reply.
        let letters = LetterNeed.owed(contact: c, clock: clock, sent: input.letters, calendar: calendar, rules: rules)
        guard clock.status.isActive || answeredLast || !letters.isEmpty else { return [] }
        var items: [DueItem] = []
        let stage = clock.stageNumber
        func item(_ kind: DueKind, _ date: LocalDate, paused: Bool = false, extended: Bool = false) -> DueItem {
            DueItem(contactID: c.id, reference: c.reference, serviceArea: c.serviceArea, kind: kind, stage: stage, date: date,
                    daysLeft: calendar.workingDays(after: today, through: date), isOverdue: !paused && today > date,
                    paused: paused, extended: extended)
        }
        if let s = clock.current, clock.status == .open, s.isRunning {
            if s.acknowledged == nil { items.append(item(.acknowledgement, s.acknowledgementDue)) }
            items.append(item(.response, s.due, paused: s.isPaused, extended: s.isExtended))
        }
        if clock.status == .responded, let s = clock.current, let end = CaseRecord(contact: c, clock: clock, calendar: calendar, rules: rules).windowEnds(s) {
            items.append(item(.windowEnds, end))
        }
        for need in letters {
            // A letter with no date of its own is owed now.
            items.append(item(.letter(need.template), need.due ?? today))
        }
        return items.sorted(by: DueItem.precedes)
    }
}
