/// An open subject access request in "my work": due one calendar month after it was made,
/// overdue the day after.
public struct DueRequest: Hashable, Sendable {
    public var request: SubjectAccessRequest
    /// Working days from today to the due date (negative: overdue by), as the other lines count.
    public var daysLeft: Int
    public var isOverdue: Bool

    public init(request: SubjectAccessRequest, daysLeft: Int, isOverdue: Bool) {
        self.request = request; self.daysLeft = daysLeft; self.isOverdue = isOverdue
    }

    /// "SAR #3": the request's number (`heard sar --done 3`), never the person's name, which
    /// the digest leaves out as it leaves out complainants'.
    public var reference: String { "SAR #\(request.id.map(String.init) ?? "?")" }

    /// "subject access request (2 cases)".
    public var what: String {
        let n = request.cases.count
        return "subject access request (\(n) case\(n == 1 ? "" : "s"))"
    }
}

extension MyWork {
    /// This work with the officer's open subject access requests among `requests` (theirs by
    /// `isOfficer`): overdue ones always, the others within the window, soonest due first.
    public func withRequests(_ requests: [SubjectAccessRequest], calendar: WorkingDayCalendar) -> MyWork {
        var out = self
        out.requests = requests.filter { $0.isOpen && MyWork.isOfficer($0.who, officer) }.compactMap { r in
            let left = calendar.workingDays(after: today, through: r.due)
            let overdue = r.isOverdue(today: today)
            guard overdue || within.map({ left <= $0 }) ?? true else { return nil }
            return DueRequest(request: r, daysLeft: left, isOverdue: overdue)
        }.sorted { $0.request.due != $1.request.due ? $0.request.due < $1.request.due : ($0.request.id ?? 0) < ($1.request.id ?? 0) }
        return out
    }
}
