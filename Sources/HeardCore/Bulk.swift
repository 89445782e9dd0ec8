/// One change made to many cases at once from the case list (one store command, one undo step).
public enum BulkChange: Hashable, Sendable {
    case assign(officer: String)
    case serviceArea(String)
    /// Requests each case's next stage, dated today.
    case escalate
    /// Closes each case, dated today.
    case close

    /// What was done, for "1,204 cases assigned to Kate Richardson".
    public var pastTense: String {
        switch self {
        case .assign(let o): "assigned to \(o)"
        case .serviceArea(let a): "moved to \(a)"
        case .escalate: "escalated"
        case .close: "closed"
        }
    }

    /// What is being done, for the progress line "Assigning to Kate Richardson: 2,000 of 100,000
    /// cases…" ("Working: …" had not said what).
    public var doing: String {
        switch self {
        case .assign(let o): "Assigning to \(o)"
        case .serviceArea(let a): "Moving to \(a)"
        case .escalate: "Escalating"
        case .close: "Closing"
        }
    }

    /// The procedure's move an escalation or closure makes, and the event it records on `today`
    /// (nil for an officer or area): one statement for the change and its dry run's forecast.
    public var move: Move? {
        switch self {
        case .escalate: .escalate
        case .close: .close
        case .assign, .serviceArea: nil
        }
    }

    public func event(today: LocalDate) -> CaseEvent? {
        switch self {
        case .escalate: CaseEvent(kind: .nextStageRequested, date: today)
        case .close: .closed(today)
        case .assign, .serviceArea: nil
        }
    }

    /// What a case holds now of what the change sets, for a dry run's list of the cases it
    /// chose: the officer or the service area it would replace, or where the procedure stands
    /// (stage and status) for an escalation or closure.
    public func standing(of c: CaseSummary) -> String {
        switch self {
        case .assign: c.officer.isEmpty ? "no officer" : "officer \(c.officer)"
        case .serviceArea: c.serviceArea.isEmpty ? "no service area" : "in \(c.serviceArea)"
        case .escalate, .close: (c.stage.map { "stage \($0), " } ?? "") + c.status.label
        }
    }

    /// What a case the change would leave as it is already is, for "Nothing changed: the case
    /// is already in Adoption" (escalating always changes a case, or is refused; closing finds
    /// a closed, withdrawn, mediated or not accepted case already closed or ended).
    public var alreadyState: String {
        switch self {
        case .assign(let o): "assigned to \(o)"
        case .serviceArea(let a): "in \(a)"
        case .escalate: "escalated"
        case .close: "closed or ended"
        }
    }
}

/// A case a bulk change left as it was, and why.
public struct BulkRefusal: Hashable, Sendable {
    public var contactID: Int64
    /// The case's reference (`#id` when it could not be read).
    public var reference: String
    public var message: String

    public init(contactID: Int64, reference: String, message: String) {
        self.contactID = contactID; self.reference = reference; self.message = message
    }

    /// `CS-2022-0004: The case is closed on …`. The reference once: the procedure's words name
    /// the case they are about ("close is not possible on CS-2024-0131 now"), said after it (a
    /// trial read "CS-2024-0131: … on CS-2024-0131 now. No move is possible on CS-2024-0131 now.").
    /// A message that begins with the reference is the line as it is ("CS-2022-0004 was
    /// anonymised on …", not "CS-2022-0004: CS-2022-0004 was …").
    public var line: String {
        if !reference.isEmpty && message.hasPrefix(reference + " ") { return message }
        let said = reference.isEmpty ? message : message.replacingOccurrences(of: " on \(reference) ", with: " ")
        return "\(reference): \(said)"
    }
}

/// What a bulk change would do to one case, as the rules stand when asked (a dry run's forecast).
public enum BulkForecast: Hashable, Sendable {
    /// The case would be changed.
    case change
    /// The case already is as the change would make it: nothing would be written.
    case already
    /// The rules refuse the change to this case now, for this reason.
    case refused(String)
}

/// What a bulk change did.
public struct BulkResult: Hashable, Sendable {
    /// How many cases changed.
    public var done: Int
    /// The cases refused, in the order given.
    public var refused: [BulkRefusal]
    /// How many cases already were as the change would make them (written nowhere: no audit,
    /// nothing to undo).
    public var unchanged: Int

    public init(done: Int, refused: [BulkRefusal], unchanged: Int = 0) { self.done = done; self.refused = refused; self.unchanged = unchanged }
}
