/// The report's `complaints.contact_log`: how many contact log entries the complaints received
/// in the period have (calls, emails, letters, meetings, visits, whenever made), and how many
/// per complaint. In a public report a small `entries` is hidden, and `per_complaint` with it.
struct ContactLogTally {
    var entries = 0
    var refs: [String] = []
    /// Keep the references (`ReportOptions.references`).
    var references = true

    mutating func add(_ n: Int, _ ref: String) {
        guard n > 0 else { return }
        entries = saturatingSum(entries, n)
        if references { refs.append(ref) }
    }

    /// Counts what `next` counted after what this counted.
    mutating func append(_ next: ContactLogTally) {
        entries = saturatingSum(entries, next.entries)
        if references { refs += next.refs }
    }

    func group(complaints: Int) -> ReportGroup {
        let per = complaints == 0 ? 0 : ((Double(entries) / Double(complaints)) * 10).rounded() / 10
        return ReportGroup([("entries", .count(entries, refs: refs)), ("per_complaint", .number(per))], title: "Contact log")
    }
}

extension ReportGroup {
    /// Ratios that are not counts (`per_complaint`) and may well be whole: 2 contacts per complaint.
    static let publicRatioKeys: Set<String> = ["per_complaint"]

    /// In a public report a whole ratio would read as a small count that should have been a `c`:
    /// it is written as text with its decimal place ("2.0").
    mutating func publicRatiosAsText() {
        for i in entries.indices where ReportGroup.publicRatioKeys.contains(entries[i].key) {
            if case .number(let d) = entries[i].value { entries[i].value = .text(ReportRenderer.fixed(d, places: 1)) }
        }
    }
}
