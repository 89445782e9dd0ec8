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
    /// The verdict and words the person saw when they made the change (a form opened on them),
    /// nil when not known: what `rebased(on:)` keeps of someone else's meanwhile.
    public var before: Before?

    /// An issue's verdict and words at a stage, as recorded.
    public struct Before: Equatable, Sendable {
        public var finding: Finding?
        public var text: String
        public init(finding: Finding?, text: String) { self.finding = finding; self.text = text }
    }

    public init(issueID: Int64, stage: Int, finding: Finding?, text: String? = nil, before: Before? = nil) {
        self.issueID = issueID; self.stage = stage; self.finding = finding; self.text = text; self.before = before
    }

    /// Two changes that record the same are equal, whatever each was made from (`before` is
    /// where it came from, not what it records).
    public static func == (a: FindingChange, b: FindingChange) -> Bool {
        a.issueID == b.issueID && a.stage == b.stage && a.finding == b.finding && a.text == b.text
    }

    /// The change as `c` holds the issue: what the person left as they saw it (`before`) is
    /// left as `c` now has it, so that reapplying their change on someone else's newer version
    /// puts back only what they changed. Words typed over, their verdict untouched, had put the
    /// verdict they saw back over another officer's newer one (found by a trial). Not known
    /// (`before` nil), the change is the whole of it, as typed.
    public func rebased(on c: Contact) -> FindingChange {
        guard let before, let issue = c.issues.first(where: { $0.id == issueID }) else { return self }
        var out = self
        if finding == before.finding { out.finding = issue.findings[stage] }
        if (text ?? before.text) == before.text { out.text = nil }
        out.before = Before(finding: issue.findings[stage], text: issue.findingTexts[stage] ?? "")
        return out
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
