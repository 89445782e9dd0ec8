/// The report's equality monitoring: for the complaints received in the period, how many gave
/// each answer to each question (and how many have none recorded). Each question's counts
/// partition the complaints, so the public version hides small counts and a second one beside
/// a lone hidden count, as it does everywhere else.
struct EqualityTally {
    private var tallies: [Tally] = EqualityQuestion.allCases.map { q in
        Tally(keys: q.answers + [EqualityQuestion.notRecorded])
    }

    /// Counts one complaint's answers.
    mutating func add(_ e: EqualityMonitoring, _ ref: String) {
        for (i, q) in EqualityQuestion.allCases.enumerated() {
            tallies[i].add(e[q] ?? EqualityQuestion.notRecorded, ref)
        }
    }

    /// `complaints.equality`: one group per question, keyed by its `rawValue` (`age_band`, …).
    var group: ReportGroup {
        ReportGroup(EqualityQuestion.allCases.enumerated().map { i, q in
            (q.rawValue, .group(tallies[i].group(isPartition: true, title: q.label)))
        }, title: "Equality monitoring")
    }
}
