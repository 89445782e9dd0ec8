/// One thing a person does to a case (respond with findings and remedies, escalate, …), recorded
/// by one store command: one transaction, one audit group, one undo step.
public struct CaseStep: Equatable, Sendable {
    /// The findings it sets, applied first (a response derives its outcome from them).
    public var findings: [FindingChange]
    /// The dated events it records, in order.
    public var events: [CaseEvent]
    /// The stage people it appoints, applied after the events.
    public var appointment: Appointment?

    public init(findings: [FindingChange] = [], events: [CaseEvent] = [], appointment: Appointment? = nil) {
        self.findings = findings; self.events = events; self.appointment = appointment
    }

    public var isEmpty: Bool { findings.isEmpty && events.isEmpty && (appointment?.isEmpty ?? true) }
}

/// An issue's finding at a stage (nil clears it), with what was found in words (nil: the
/// text stays as it is; empty: none).
public struct FindingChange: Equatable, Sendable {
    public var issueID: Int64
    public var stage: Int
    public var finding: Finding?
    public var text: String?

    public init(issueID: Int64, stage: Int, finding: Finding?, text: String? = nil) {
        self.issueID = issueID; self.stage = stage; self.finding = finding; self.text = text
    }
}

extension CaseStep {
    /// What the step records, in a few words for a message: "Responded and 2 remedies",
    /// "Finding", "Stage people".
    public var words: String {
        var parts: [String] = []
        if !findings.isEmpty { parts.append(findings.count == 1 ? "finding" : "\(findings.count) findings") }
        parts += events.filter { $0.kind != .remedy }.map { $0.kind.label.lowercased() }
        let remedies = events.filter { $0.kind == .remedy }.count
        if remedies > 0 { parts.append(remedies == 1 ? "a remedy" : "\(remedies) remedies") }
        if !(appointment?.isEmpty ?? true) { parts.append("stage people") }
        let t = parts.joined(separator: " and ")
        return t.prefix(1).uppercased() + t.dropFirst()
    }
}
