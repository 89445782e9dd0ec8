/// The report's equality monitoring: for the complaints received in the period, how many gave
/// each answer to each question (and how many have none recorded). Each question's counts
/// partition the complaints, so the public version hides small counts and a second one beside
/// a lone hidden count, as it does everywhere else.
struct EqualityTally {
    private var tallies: [Tally]
    private let questions = EqualityQuestion.allCases
    /// Where each question's `notRecorded` is in its tally: most complaints have no answers,
    /// and counting those needs no hashing.
    private let notRecorded: [Int]

    /// `references`: keep the references behind each count (`ReportOptions.references`).
    init(references: Bool = true) {
        var tallies = questions.map { q in Tally(keys: q.answers + [EqualityQuestion.notRecorded], references: references) }
        notRecorded = tallies.indices.map { tallies[$0].ensure(EqualityQuestion.notRecorded) }
        self.tallies = tallies
    }

    /// Counts one complaint's answers.
    mutating func add(_ e: EqualityMonitoring, _ ref: String) {
        for (i, q) in questions.enumerated() {
            if let answer = e[q] { tallies[i].add(answer, ref) } else { tallies[i].add(at: notRecorded[i], ref) }
        }
    }

    /// Counts one complaint with no answers: `add(EqualityMonitoring(), ref)`.
    mutating func addNotRecorded(_ ref: String) {
        for i in tallies.indices { tallies[i].add(at: notRecorded[i], ref) }
    }

    /// Counts what `next` counted after what this counted.
    mutating func append(_ next: EqualityTally) {
        for i in tallies.indices { tallies[i].append(next.tallies[i]) }
    }

    /// `complaints.equality`: one group per question, keyed by its `rawValue` (`age_band`, …).
    var group: ReportGroup {
        ReportGroup(EqualityQuestion.allCases.enumerated().map { i, q in
            (q.rawValue, .group(tallies[i].group(isPartition: true, title: q.label)))
        }, title: "Equality monitoring")
    }
}
