/// Secondary suppression for the public report, across the whole report rather than one group
/// at a time: the counts of the annual report add up to one another (outcomes to the stage's
/// responses, each equality question to the complaints, a stage's closures to its responses,
/// withdrawals and refusals), so a count hidden in one group can be worked out from figures
/// shown in others. Suppression knows those sums (`CountRelation`) and hides further counts
/// until no hidden one follows from the shown ones by any combination of them: the exact-
/// disclosure test statistical offices use (a hidden count is safe when the sums leave it free).
///
/// A sum that is declared but does not in fact hold in every record only hides more than
/// needed; a sum left out could give a count away. So the relations are the ones the counting
/// in `PeriodFigures` makes true, and where a figure is bounded by another the bound is declared
/// as if it were a sum. A group marked `isPartition` that no declared sum accounts for is taken
/// to add up to a total the reader knows.
struct CountRelation: Equatable {
    /// The figure the parts add up to; nil when it is shown elsewhere or known.
    var total: String?
    /// Paths of counts; one ending `.*` stands for every count directly in that group.
    var parts: [String]
    /// Whether the counting makes it hold in every record; else it holds in nearly every one,
    /// and a reader would take it as holding.
    var exact: Bool
    /// Whether the total is a figure people read first (hidden only when no part will do).
    var headline: Bool

    init(_ total: String?, _ parts: [String], exact: Bool = true, headline: Bool = true) {
        self.total = total
        self.parts = parts
        self.exact = exact
        self.headline = headline
    }
}

extension CountRelation {
    /// Whether the total is the sum of the parts in `g` (false when a figure is missing).
    func holds(in g: ReportGroup) -> Bool {
        var sum = 0
        for p in parts {
            if p.hasSuffix(".*") {
                guard let group = g.value(at: String(p.dropLast(2)))?.groupValue else { return false }
                sum += group.entries.compactMap(\.value.count).reduce(0, +)
            } else {
                guard let n = g.value(at: p)?.count else { return false }
                sum += n
            }
        }
        guard let t = total else { return true }
        return g.value(at: t)?.count == sum
    }

    /// The sums of one period of the annual report (`PeriodFigures.group`), paths from the
    /// period's root, and the groups whose counts they account for.
    static func annualReport(in root: ReportGroup) -> (relations: [CountRelation], accounted: Set<String>) {
        var r: [CountRelation] = [
            CountRelation("contacts.total", ["contacts.by_kind.*"]),
            CountRelation("contacts.total", ["contacts.by_service_area.*"]),
            CountRelation("contacts.total", ["contacts.by_channel.*"]),
            CountRelation("complaints.total", ["contacts.by_kind.complaint"]),
            CountRelation("complaints.total", ["complaints.by_procedure.*"]),
            CountRelation("complaints.total", ["complaints.by_service_area.*"]),
            CountRelation("complaints.total", ["complaints.by_team.*"]),
            CountRelation("complaints.total", ["complaints.by_complainant_role.*"]),
            // Stage 1 starts the day the complaint is received.
            CountRelation("complaints.total", ["complaints.stages.1.received"]),
            CountRelation("compliments.total", ["contacts.by_kind.compliment"]),
            CountRelation("compliments.total", ["compliments.by_service_area.*"]),
            CountRelation("actions.agreed", ["actions.done", "actions.open", "actions.in_progress", "actions.dropped"]),
        ]
        var accounted: Set<String> = [
            "contacts.by_kind", "contacts.by_service_area", "contacts.by_channel", "complaints.by_procedure",
            "complaints.by_service_area", "complaints.by_team", "complaints.by_complainant_role",
            "compliments.by_service_area",
            // Decided in the period, whenever referred: no sum of them is shown.
            "complaints.ombudsman.decisions",
        ]
        if let equality = root.value(at: "complaints.equality")?.groupValue {
            for e in equality.entries where e.value.groupValue != nil {
                r.append(CountRelation("complaints.total", ["complaints.equality.\(e.key).*"]))
                accounted.insert("complaints.equality.\(e.key)")
            }
        }
        if let stages = root.value(at: "complaints.stages")?.groupValue {
            for e in stages.entries where e.value.groupValue != nil {
                let s = "complaints.stages.\(e.key)"
                r += [
                    // Every stage started is closed or still open.
                    CountRelation("\(s).received", ["\(s).closed", "\(s).timeliness.open"]),
                    CountRelation("\(s).responded", ["\(s).timeliness.within_target", "\(s).timeliness.within_extension", "\(s).timeliness.late"]),
                    // An answered stage has an outcome unless imported without findings or one.
                    CountRelation("\(s).responded", ["\(s).outcomes.upheld", "\(s).outcomes.partially_upheld", "\(s).outcomes.not_upheld"],
                                  exact: false),
                ]
                // Closed: answered, or ended unanswered by withdrawal, mediation or refusal.
                // Refusals are not counted by stage: stage 1's are at most the period's complaints
                // not accepted (they were received in it), declared as their number; a later
                // stage's refusals are rare and belong to complaints of any period, and a reader
                // would take them as none, so they are declared as none.
                let refused = e.key == "1" ? ["complaints.ended.not_accepted"] : []
                r.append(CountRelation("\(s).closed", ["\(s).responded", "\(s).outcomes.withdrawn", "\(s).outcomes.mediation"] + refused,
                                       exact: false))
                accounted.formUnion(["\(s).outcomes", "\(s).timeliness"])
            }
        }
        // A case withdrawn or gone to mediation is so in the stage it ended in (or after an
        // answered one): near enough the stages' count for a reader to take it as that.
        let stageKeys = root.value(at: "complaints.stages")?.groupValue?.entries.map(\.key) ?? []
        for ending in ["withdrawn", "mediation"] {
            r.append(CountRelation("complaints.ended.\(ending)", stageKeys.map { "complaints.stages.\($0).outcomes.\(ending)" },
                                   exact: false, headline: false))
        }
        return (r, accounted)
    }
}

/// The count leaves of one period's tree, by path, with the equations their sums make.
struct SuppressionProblem {
    /// Each cell's keys from the root (a key may hold a dot: a service area's name).
    private(set) var keys: [[String]] = []
    private var position: [String: Int] = [:]
    /// The count at each position; nil where it is hidden.
    private(set) var values: [Int?] = []
    /// Hidden by the threshold (the ones to protect), as against hidden to protect them.
    private(set) var primary: Set<Int> = []
    private var children: [String: [Int]] = [:]
    private var partitions: [String] = []
    /// Each relation as (cell, coefficient) pairs summing to a figure the reader knows once
    /// every cell in it is shown.
    private(set) var rows: [[(cell: Int, coefficient: Double)]] = []
    /// Cells that are a sum's total (a headline): hidden as a complement only when no part will do.
    private var headlines: Set<Int> = []

    /// The cells of `root` (but not its entries named in `skipping`), with the annual report's
    /// sums (or `relations` given instead) and one for each partition no sum accounts for. A sum
    /// that is not `exact` is taken only where it holds for the counts of `truth` (the report
    /// before anything was hidden): where it does not, working by it gives a wrong number, and
    /// taking it would hide much for nothing (an answered stage imported without an outcome
    /// made every count of a small report follow, zeros and all).
    init(_ root: ReportGroup, truth: ReportGroup? = nil, skipping: Set<String>, relations given: [CountRelation]? = nil) {
        collect(root, prefix: [], skipping: skipping)
        let (declared, accounted) = given.map { ($0, Set<String>()) } ?? CountRelation.annualReport(in: root)
        var relations = declared
        for g in partitions where !accounted.contains(g) {
            relations.append(CountRelation(nil, ["\(g).*"]))
        }
        for rel in relations where rel.exact || truth.map({ rel.holds(in: $0) }) ?? true { add(rel) }
    }

    private mutating func collect(_ g: ReportGroup, prefix: [String], skipping: Set<String>) {
        var mine: [Int] = []
        for e in g.entries where !skipping.contains(e.key) {
            let path = prefix + [e.key]
            switch e.value {
            case .count(let n, _):
                mine.append(cell(path, n))
            case .suppressed:
                let i = cell(path, nil)
                primary.insert(i)
                mine.append(i)
            case .group(let sub):
                collect(sub, prefix: path, skipping: [])
            default:
                continue
            }
        }
        let name = prefix.joined(separator: ".")
        children[name] = mine
        if g.isPartition { partitions.append(name) }
    }

    private mutating func cell(_ path: [String], _ value: Int?) -> Int {
        position[path.joined(separator: ".")] = keys.count
        keys.append(path)
        values.append(value)
        return keys.count - 1
    }

    private mutating func add(_ rel: CountRelation) {
        var row: [(cell: Int, coefficient: Double)] = []
        if let t = rel.total {
            guard let i = position[t] else { return }
            row.append((i, -1))
        }
        for p in rel.parts {
            if p.hasSuffix(".*") {
                guard let cells = children[String(p.dropLast(2))] else { return }
                row += cells.map { ($0, 1) }
            } else {
                guard let i = position[p] else { return }
                row.append((i, 1))
            }
        }
        // A cell twice in one sum (a total that is also a part) adds up its coefficients.
        var merged: [Int: Double] = [:]
        for (c, k) in row { merged[c, default: 0] += k }
        let clean = merged.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { (cell: $0.key, coefficient: $0.value) }
        guard !clean.isEmpty else { return }
        if rel.headline, let t = rel.total, let i = position[t] { headlines.insert(i) }
        // A total given by a single count is as much a headline as the count.
        if rel.headline, rel.total != nil, clean.count == 2 { headlines.formUnion(clean.map(\.cell)) }
        rows.append(clean)
    }

    /// Hidden cells whose count the shown ones and the sums give back exactly: those for which
    /// some combination of the equations leaves that cell alone among the hidden ones.
    func determined(hidden: Set<Int>) -> [Int] {
        let columns = hidden.sorted()
        guard !columns.isEmpty else { return [] }
        var column: [Int: Int] = [:]
        for (j, c) in columns.enumerated() { column[c] = j }
        var m: [[Double]] = []
        for row in rows {
            var v = [Double](repeating: 0, count: columns.count)
            var any = false
            for (c, k) in row { if let j = column[c] { v[j] = k; any = true } }
            if any { m.append(v) }
        }
        // Reduced row echelon form, largest pivot first. Entries are small integers and their
        // quotients; anything within `eps` of zero is zero, which can only find a cell
        // determined that is not (hiding more), never the other way.
        let eps = 1e-9
        var pivotRow = 0
        var pivots: [(row: Int, col: Int)] = []
        for j in 0..<columns.count where pivotRow < m.count {
            var best = pivotRow
            for i in pivotRow..<m.count where abs(m[i][j]) > abs(m[best][j]) { best = i }
            guard abs(m[best][j]) > eps else { continue }
            m.swapAt(pivotRow, best)
            let p = m[pivotRow][j]
            for k in 0..<columns.count { m[pivotRow][k] /= p }
            for i in 0..<m.count where i != pivotRow && abs(m[i][j]) > eps {
                let f = m[i][j]
                for k in 0..<columns.count { m[i][k] -= f * m[pivotRow][k] }
            }
            pivots.append((pivotRow, j))
            pivotRow += 1
        }
        var out: [Int] = []
        for (r, j) in pivots {
            var alone = true
            for k in 0..<columns.count where k != j && abs(m[r][k]) > eps { alone = false; break }
            if alone { out.append(columns[j]) }
        }
        return out
    }

    /// The cells to hide besides those already hidden, so that no count hidden by the threshold
    /// can be worked out: one at a time, for the first count given away, among the shown counts
    /// summed with it or with a hidden count summed with it, the one that protects it (then the
    /// one that leaves fewest given away), with the least loss: a part before a total, a count
    /// before a zero, the smallest first. Further afield only when those are all hidden.
    func complements() -> Set<Int> {
        var hidden = Set(values.indices.filter { values[$0] == nil })
        var added: Set<Int> = []
        var unprotectable: Set<Int> = []
        func givenAway(_ hidden: Set<Int>) -> [Int] {
            determined(hidden: hidden).filter { primary.contains($0) && !unprotectable.contains($0) }
        }
        var exposed = givenAway(hidden)
        while let x = exposed.first {
            var best: (cell: Int, score: (Int, Int, Int, Int, Int, Int), exposed: [Int])?
            for c in candidates(for: x, hidden: hidden) {
                let after = givenAway(hidden.union([c]))
                let (h, z, v, i) = cost(c)
                let score = (after.contains(x) ? 1 : 0, after.count, h, z, v, i)
                if best.map({ score < $0.score }) ?? true { best = (c, score, after) }
            }
            if let best {
                hidden.insert(best.cell)
                added.insert(best.cell)
                exposed = best.exposed
            } else {
                // Every count its sums reach is hidden yet it follows: it is zero in every
                // reading, which no hidden count is. Nothing more to hide.
                unprotectable.insert(x)
                exposed = givenAway(hidden)
            }
        }
        return added
    }

    /// Shown counts in the sums that hold `x`, and in the sums holding a hidden count of those;
    /// when there are none, a sum further on.
    private func candidates(for x: Int, hidden: Set<Int>) -> [Int] {
        var seenRows: Set<Int> = []
        var frontier: Set<Int> = [x]
        var found: Set<Int> = []
        var hops = 0
        while !frontier.isEmpty {
            let layer = rows.indices.filter { r in !seenRows.contains(r) && rows[r].contains { frontier.contains($0.cell) } }
            guard !layer.isEmpty else { break }
            seenRows.formUnion(layer)
            let cells = Set(layer.flatMap { rows[$0].map(\.cell) })
            found.formUnion(cells.filter { !hidden.contains($0) })
            hops += 1
            if hops >= 2 && !found.isEmpty { break }
            frontier = cells.filter { hidden.contains($0) }
        }
        return found.sorted()
    }

    private func cost(_ c: Int) -> (Int, Int, Int, Int) {
        let v = values[c] ?? 0
        return (headlines.contains(c) ? 1 : 0, v == 0 ? 1 : 0, v, c)
    }

    func path(_ c: Int) -> [String] { keys[c] }
}

extension ReportGroup {
    /// Hides, in this period and in its comparison (`previous`) each on its own, the counts
    /// that would let a count hidden by the threshold be worked out (`SuppressionProblem`).
    mutating func protectHiddenCounts(truth: ReportGroup) {
        let problem = SuppressionProblem(self, truth: truth, skipping: ["previous", "public"])
        for c in problem.complements() { setSuppressed(at: problem.path(c)) }
        if var previous = self["previous"]?.groupValue, let before = truth["previous"]?.groupValue {
            previous.protectHiddenCounts(truth: before)
            self["previous"] = .group(previous)
        }
    }

    private mutating func setSuppressed(at path: [String]) {
        guard let first = path.first else { return }
        if path.count == 1 {
            self[first] = .suppressed
        } else if var g = self[first]?.groupValue {
            g.setSuppressed(at: Array(path.dropFirst()))
            self[first] = .group(g)
        }
    }
}
