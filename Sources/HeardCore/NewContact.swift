extension Contact {
    /// Checks a contact about to be logged: the fields every contact needs and DOMAIN.md's
    /// rules on standing and time limits. Returns problems as (field, message).
    public func validationProblems(reference ref: ReferenceData, rules: Rules, today: LocalDate) -> [(field: String, message: String)] {
        var out: [(String, String)] = []
        if received > today { out.append(("received", "\(received.iso) is in the future (today is \(today.iso))")) }
        if ref.serviceArea(matching: serviceArea) == nil {
            out.append(("service_area", serviceArea.isEmpty ? "is required" : "'\(serviceArea)' is not a configured service area"))
        }
        for issue in issues where ref.category(matching: issue.category) == nil {
            out.append(("categories", "'\(issue.category)' is not a configured category"))
        }
        if kind == .complaint {
            if complainantRole?.needsStandingDecision == true && acceptanceDecision.trimmingSpaces.isEmpty {
                out.append(("acceptance_decision", "a complainant with 'sufficient interest' needs a recorded decision to accept the complaint"))
            }
            if let e = eventsDate {
                if e > received { out.append(("events_date", "the events (\(e.iso)) cannot be after the complaint was received")) }
                else if e.adding(months: rules.complaintTimeLimitMonths) < received && acceptanceDecision.trimmingSpaces.isEmpty {
                    out.append(("acceptance_decision", "the events were more than \(rules.complaintTimeLimitMonths) months before receipt: record the decision to accept it late, or record it as not accepted"))
                }
            }
        }
        if let e = events.first, e.date < received { out.append(("events", "history starts before the contact was received")) }
        out += people.problems(received: received, today: today)
        return out
    }
}
