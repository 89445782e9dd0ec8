/// The report's `complaints.contact_log`: how many contact log entries the complaints received
/// in the period have (calls, emails, letters, meetings, visits, whenever made), and how many
/// per complaint. In a public report a small `entries` is hidden, and `per_complaint` with it.
struct ContactLogTally {
    var entries = 0
    var refs: [String] = []

    mutating func add(_ n: Int, _ ref: String) {
        guard n > 0 else { return }
        entries = saturatingSum(entries, n)
        refs.append(ref)
    }

    func group(complaints: Int) -> ReportGroup {
        let per = complaints == 0 ? 0 : ((Double(entries) / Double(complaints)) * 10).rounded() / 10
        return ReportGroup([("entries", .count(entries, refs: refs)), ("per_complaint", .number(per))], title: "Contact log")
    }
}
