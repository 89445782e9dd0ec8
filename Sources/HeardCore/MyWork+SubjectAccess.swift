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
    /// `isOfficer`), soonest due first. Every open request, whatever the window: the month to
    /// answer is short and the work (finding, redacting) starts the day it is recorded, so a
    /// request hidden until a few days before its date would be found too late.
    public func withRequests(_ requests: [SubjectAccessRequest], calendar: WorkingDayCalendar) -> MyWork {
        var out = self
        out.requests = requests.filter { $0.isOpen && MyWork.isOfficer($0.who, officer) }.map { r in
            DueRequest(request: r, daysLeft: calendar.workingDays(after: today, through: r.due), isOverdue: r.isOverdue(today: today))
        }.sorted { $0.request.due != $1.request.due ? $0.request.due < $1.request.due : ($0.request.id ?? 0) < ($1.request.id ?? 0) }
        return out
    }
}
