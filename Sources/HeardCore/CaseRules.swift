/// The rules about what a case allows, each defined once here and used by the store, the command
/// line and the screens alike.
extension ContactKind {
    /// Whether contacts of this kind follow a procedure (acknowledge, respond, …): complaints,
    /// enquiries and member enquiries do; compliments and comments are recorded and counted only.
    public var hasWorkflow: Bool {
        switch self {
        case .complaint, .enquiry, .memberEnquiry: true
        default: false
        }
    }
}

extension Contact {
    /// Replays this contact's history against its own kind, received date and procedure: a
    /// contact logged with its history, or edited so that any of the three changed, must still
    /// fit it. Throws the first event the procedure refuses.
    public func validateHistory(rules: Rules = .default, calendar: WorkingDayCalendar, today: LocalDate) throws {
        var m = CaseMachine(kind: kind, received: received, procedure: procedure.map { rules.procedure($0) },
                            rules: rules, calendar: calendar, today: today)
        for e in events { try m.apply(e, strict: false) }
    }

    /// Checks an edit of this contact (the saved version) to `edited`: when the kind, the
    /// received date or the procedure changes, the stored history is replayed on the edited
    /// fields. Other fields (officer, names, legal hold, …) can change even on a final case.
    public func validateEdit(to edited: Contact, rules: Rules = .default, calendar: WorkingDayCalendar, today: LocalDate) throws {
        guard edited.kind != kind || edited.received != received || edited.procedure != procedure else { return }
        var replay = edited
        replay.events = events
        do { try replay.validateHistory(rules: rules, calendar: calendar, today: today) }
        catch let r as MoveRefused { throw MoveRefused("The change does not fit the case's history: \(r.message)") }
    }

    /// Refuses a new issue on a complaint whose status is final (closed, withdrawn, resolved,
    /// not accepted): its issues are part of the record as it was answered.
    public func validateNewIssue(rules: Rules = .default, calendar: WorkingDayCalendar, today: LocalDate) throws {
        guard kind == .complaint else { return }
        let status = clock(rules: rules, calendar: calendar, today: today).status
        if status.isFinal { throw MoveRefused("The case is \(status.label): its issues can no longer change.") }
    }
}
