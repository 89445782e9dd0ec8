/// Secondary suppression for the public report, across the whole report rather than one group
/// at a time: the counts of the annual report add up to one another (outcomes to the stage's
/// responses, each equality question to the complaints, a stage's closures to its responses,
/// withdrawals and refusals), so a count hidden in one group can be worked out from figures
/// shown in others. Suppression knows those sums (`CountRelation`) and hides further counts
/// until no count hidden by the threshold follows from the shown ones by any combination of
/// them (the exact-disclosure test statistical offices use), nor stands in a sum of hidden
/// counts that a reader can work out and that leaves each, taken for at least 1, at most the
/// threshold (four `c`s that a total says come to 4 are 1 each). The exact test is complete
/// for the sums declared; the bound test looks at the sums and at the rows of one reduction
/// only (a linear programme per count would be complete).
///
/// A sum left out could give a count away; one declared that does not hold only hides more
/// than needed. So the relations are the ones the counting
/// in `PeriodFigures` makes true, with the counts the report does not show but a reader can work
/// out as hidden ones of their own (`~`: a stage's refusals, the contacts of other kinds in an
/// area), protected like any other; and ones that hold in nearly every record, which a reader
/// would take as holding, taken where they hold. A group marked `isPartition` that no declared
/// sum accounts for is taken to add up to a total the reader knows.
struct CountRelation: Equatable {
    /// The figure the parts add up to; nil when their sum is known (shown elsewhere, or 0).
    var total: String?
    /// Paths of counts: one ending `.*` stands for every count directly in that group; one
    /// starting `?` is 0 when the report lacks it (a row a dynamic group does not have); `-`
    /// subtracts it; `~` names a count the report does not show.
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
            // An outstanding action is overdue, undated, or due later (not shown).
            CountRelation(nil, ["actions.open", "actions.in_progress", "-actions.overdue", "-actions.undated", "-~actions_due_later"]),
            // Where each complaint raised one issue, the categories add up to the complaints (and
            // C&YP's to theirs): a reader would see it.
            CountRelation("complaints.total", ["complaints.categories.*"], exact: false),
            CountRelation("complaints.children_and_young_people.total", ["complaints.children_and_young_people.categories.*"],
                          exact: false),
            // C&YP is a flag of its own, but a reader would take it as the complaints of children
            // and care leavers.
            CountRelation("complaints.children_and_young_people.total",
                          ["?complaints.by_complainant_role.child_or_young_person", "?complaints.by_complainant_role.care_leaver"],
                          exact: false),
        ]
        // An area's contacts are its complaints, its compliments and its contacts of the other
        // kinds, which are not shown by area but add up to theirs.
        if let areas = root.value(at: "contacts.by_service_area")?.groupValue {
            var others: [String] = []
            for e in areas.entries where e.value.groupValue == nil {
                let other = "~other_kinds_in.\(e.key)"
                others.append(other)
                r.append(CountRelation("contacts.by_service_area.\(e.key)",
                                       ["?complaints.by_service_area.\(e.key)", "?compliments.by_service_area.\(e.key)", other]))
            }
            r.append(CountRelation(nil, others + ["-contacts.by_kind.enquiry", "-contacts.by_kind.member_enquiry", "-contacts.by_kind.comment"]))
        }
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
                // Closed: answered, or ended unanswered by withdrawal, mediation or refusal; the
                // refusals are not shown by stage, but follow.
                r.append(CountRelation("\(s).closed", ["\(s).responded", "\(s).outcomes.withdrawn", "\(s).outcomes.mediation",
                                                      "~refused_at_stage.\(e.key)"]))
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
        // The complaints not accepted are their stages' refusals, near enough; and a later stage
        // is rarely refused, so a reader takes its refusals as none (where there are none).
        r.append(CountRelation("complaints.ended.not_accepted", stageKeys.map { "~refused_at_stage.\($0)" }, exact: false, headline: false))
        for key in stageKeys where key != "1" {
            r.append(CountRelation(nil, ["~refused_at_stage.\(key)"], exact: false, headline: false))
        }
        return (r, accounted)
    }
}

/// The count leaves of one period's tree, by path, with the equations their sums make.
struct SuppressionProblem {
    /// Each cell's keys from the root (a key may hold a dot: a service area's name); a count the
    /// report does not show has the one key its relations name it by (`~…`).
    private(set) var keys: [[String]] = []
    private var position: [String: Int] = [:]
    /// The count at each position; nil where it is hidden (always, for one not shown).
    private(set) var values: [Int?] = []
    /// The true count of each cell where known: from the report before anything was hidden, or
    /// for one not shown worked out from an exact sum.
    private(set) var truths: [Int?] = []
    /// Hidden by the threshold, or not shown and from 1 to it: the ones to protect, as against
    /// counts hidden to protect them.
    private(set) var primary: Set<Int> = []
    private(set) var unshown: Set<Int> = []
    private var children: [String: [Int]] = [:]
    private var partitions: [String] = []
    /// Each relation as (cell, coefficient) pairs summing to a figure the reader knows once
    /// every cell in it is shown.
    private(set) var rows: [[(cell: Int, coefficient: Double)]] = []
    /// Cells that are a sum's total (a headline): hidden as a complement only when no part will do.
    private var headlines: Set<Int> = []
    /// The public report's threshold: a sum of c's a reader can work out must leave each, taken
    /// for at least 1, more than it.
    let threshold: Int
    /// The relations naming a figure the report lacks (a group a public report leaves out).
    private(set) var unresolved: [CountRelation] = []
    /// The arithmetic the solving has done (rows × columns × pivots, summed): past
    /// `SuppressionProblem.budget`, complements are chosen without weighing each (below).
    private let work = WorkMeter()
    final class WorkMeter { var units = 0 }
    /// Some half a second of solving on this kind of machine: a report with a few dozen service
    /// areas takes a tenth of it; 300 areas took three minutes weighing every candidate. Counted
    /// in work, not time, so the same figures give the same public report on any machine.
    static let budget = 400_000_000

    /// The cells of `root` (but not its entries named in `skipping`), with the annual report's
    /// sums (or `relations` given instead) and one for each partition no sum accounts for. A sum
    /// that is not `exact` is taken only where it holds for the true counts (`truth`, the report
    /// before anything was hidden): where it does not, working by it gives a wrong number, and
    /// taking it would hide much for nothing (an answered stage imported without an outcome
    /// made every count of a small report follow, zeros and all).
    init(_ root: ReportGroup, truth: ReportGroup? = nil, threshold: Int = 0, skipping: Set<String>,
         relations given: [CountRelation]? = nil) {
        self.threshold = threshold
        collect(root, prefix: [], skipping: skipping)
        truths = keys.map { truth?.count(at: $0) }
        let (declared, accounted) = given.map { ($0, Set<String>()) } ?? CountRelation.annualReport(in: root)
        var relations = declared
        for g in partitions where !accounted.contains(g) {
            relations.append(CountRelation(nil, ["\(g).*"]))
        }
        var built: [(row: [(cell: Int, coefficient: Double)], rel: CountRelation)] = []
        for rel in relations {
            if let row = resolve(rel) { built.append((row, rel)) } else { unresolved.append(rel) }
        }
        // The counts not shown, from the exact sums that name them beside shown ones.
        var progress = true
        while progress {
            progress = false
            for (row, rel) in built where rel.exact {
                let open = row.filter { truths[$0.cell] == nil }
                guard open.count == 1, unshown.contains(open[0].cell) else { continue }
                var rest = 0.0
                for (c, k) in row { if let t = truths[c] { rest += Double(t) * k } }
                truths[open[0].cell] = Int((-rest / open[0].coefficient).rounded())
                progress = true
            }
        }
        for c in unshown { if let t = truths[c], t >= 1 && t <= threshold { primary.insert(c) } }
        for (row, rel) in built where rel.exact || truth == nil || holds(row) {
            if rel.headline, let t = rel.total, let i = position[t] { headlines.insert(i) }
            // A total given by a single count is as much a headline as the count.
            if rel.headline, rel.total != nil, row.count == 2 { headlines.formUnion(row.map(\.cell)) }
            rows.append(row)
        }
    }

    /// Whether the row adds up for the true counts (true when one is not known).
    private func holds(_ row: [(cell: Int, coefficient: Double)]) -> Bool {
        var sum = 0.0
        for (c, k) in row {
            guard let t = truths[c] else { return true }
            sum += Double(t) * k
        }
        return abs(sum) < 0.5
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

    /// The relation as a row of cells, nil when the report lacks a figure it names.
    private mutating func resolve(_ rel: CountRelation) -> [(cell: Int, coefficient: Double)]? {
        var row: [(cell: Int, coefficient: Double)] = []
        if let t = rel.total {
            guard let i = position[t] else { return nil }
            row.append((i, -1))
        }
        for part in rel.parts {
            var p = Substring(part)
            var k = 1.0
            if p.hasPrefix("-") { k = -1; p = p.dropFirst() }
            let optional = p.hasPrefix("?")
            if optional { p = p.dropFirst() }
            if p.hasPrefix("~") {
                let name = String(p)
                if position[name] == nil {
                    unshown.insert(cell([name], nil))
                    truths.append(nil)
                }
                row.append((position[name]!, k))
            } else if p.hasSuffix(".*") {
                guard let cells = children[String(p.dropLast(2))] else {
                    if optional { continue } else { return nil }
                }
                row += cells.map { ($0, k) }
            } else {
                guard let i = position[String(p)] else {
                    if optional { continue } else { return nil }
                }
                row.append((i, k))
            }
        }
        // A cell twice in one sum (a total that is also a part) adds up its coefficients.
        var merged: [Int: Double] = [:]
        for (c, k) in row { merged[c, default: 0] += k }
        let clean = merged.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { (cell: $0.key, coefficient: $0.value) }
        return clean.isEmpty ? nil : clean
    }

    /// Hidden cells whose count the shown ones and the sums give back exactly: those for which
    /// some combination of the equations leaves that cell alone among the hidden ones.
    func determined(hidden: Set<Int>) -> [Int] { solve(hidden: hidden).determined }

    /// The counts to protect that the shown ones give away: worked out exactly, or standing in
    /// a sum of hidden counts (a relation, or a combination of relations, with every hidden
    /// count on the same side) that a reader can work out and that leaves each of them, taken
    /// for at least 1, at most the threshold.
    func givenAway(hidden: Set<Int>) -> [Int] {
        // Hidden counts on one side of a sum that comes to 0 are each 0: as good as shown (no
        // refusals in the period makes each stage's none). Taken out until none is left.
        var unknown = hidden
        var solved = solve(hidden: unknown)
        while true {
            var zeros: Set<Int> = []
            for combination in solved.combinations + rows.map({ $0.filter { unknown.contains($0.cell) } }) {
                if let sum = oneSidedSum(combination), sum < 0.5 { zeros.formUnion(combination.map(\.cell)) }
            }
            zeros.subtract(primary)
            if zeros.isEmpty { break }
            unknown.subtract(zeros)
            solved = solve(hidden: unknown)
        }
        let (determined, combinations) = solved
        var out = Set(determined.filter { primary.contains($0) })
        for combination in combinations + rows.map({ $0.filter { unknown.contains($0.cell) } }) {
            let mine = combination.filter { primary.contains($0.cell) }.map(\.cell)
            guard !mine.isEmpty, let sum = oneSidedSum(combination) else { continue }
            // A reader takes each c for at least 1: k of them coming to `sum` leaves each at most
            // sum − (k − 1), which must be more than the threshold (five c's coming to 5 are 1 each).
            let shownAsC = combination.filter { !unshown.contains($0.cell) }.count
            if sum - Double(max(0, shownAsC - 1)) <= Double(threshold) + 1e-9 { out.formUnion(mine) }
        }
        return out.sorted()
    }

    /// What the hidden counts of a combination come to when they are all on one side of it
    /// (so a reader knows each is at most that), nil when not or when a count is not known.
    private func oneSidedSum(_ combination: [(cell: Int, coefficient: Double)]) -> Double? {
        guard !combination.isEmpty else { return nil }
        let positive = combination.allSatisfy { $0.coefficient > 0 }
        guard positive || combination.allSatisfy({ $0.coefficient < 0 }) else { return nil }
        var sum = 0.0
        for (c, k) in combination {
            guard let t = truths[c] else { return nil }
            sum += Double(t) * abs(k)
        }
        return sum
    }

    /// The reduced row echelon form of the sums over the hidden cells: the cells it leaves alone
    /// in a row, and its rows (as cells and coefficients).
    private func solve(hidden: Set<Int>) -> (determined: [Int], combinations: [[(cell: Int, coefficient: Double)]]) {
        // The counts not shown first: eliminated from the other rows, they leave the sums of
        // c's a reader works with (withdrawn + mediation + not accepted = 6, through a stage's
        // refusals).
        var columns = hidden.filter { unshown.contains($0) }.sorted()
        columns += hidden.filter { !unshown.contains($0) }.sorted()
        guard !columns.isEmpty else { return ([], []) }
        var column = [Int](repeating: -1, count: keys.count)
        for (j, c) in columns.enumerated() { column[c] = j }
        let width = columns.count
        var m: [Double] = []
        var height = 0
        for row in rows where row.contains(where: { column[$0.cell] >= 0 }) {
            m.append(contentsOf: repeatElement(0, count: width))
            for (c, k) in row where column[c] >= 0 { m[height * width + column[c]] = k }
            height += 1
        }
        // Largest pivot first. Entries are small integers and their quotients; anything within
        // `eps` of zero is zero, which can only find a cell determined that is not (hiding
        // more), never the other way.
        let eps = 1e-9
        var pivotRow = 0
        var pivots: [(row: Int, col: Int)] = []
        m.withUnsafeMutableBufferPointer { m in
            for j in 0..<width where pivotRow < height {
                var best = pivotRow
                for i in pivotRow..<height where abs(m[i * width + j]) > abs(m[best * width + j]) { best = i }
                guard abs(m[best * width + j]) > eps else { continue }
                if best != pivotRow {
                    for k in 0..<width { m.swapAt(best * width + k, pivotRow * width + k) }
                }
                let p = m[pivotRow * width + j]
                for k in 0..<width { m[pivotRow * width + k] /= p }
                for i in 0..<height where i != pivotRow && abs(m[i * width + j]) > eps {
                    let f = m[i * width + j]
                    for k in 0..<width { m[i * width + k] -= f * m[pivotRow * width + k] }
                }
                pivots.append((pivotRow, j))
                pivotRow += 1
            }
        }
        work.units += height * width * max(1, pivots.count)
        var determined: [Int] = []
        var combinations: [[(cell: Int, coefficient: Double)]] = []
        for (r, j) in pivots {
            let cells = (0..<width).filter { abs(m[r * width + $0]) > eps }.map { (cell: columns[$0], coefficient: m[r * width + $0]) }
            if cells.count == 1 && cells[0].cell == columns[j] { determined.append(columns[j]) }
            combinations.append(cells)
        }
        return (determined, combinations)
    }

    /// The cells to hide besides those already hidden, so that no count to protect is given
    /// away: one at a time, for the first count given away, among the shown counts summed with
    /// it (then with a hidden count summed with it, and so on out), the one that protects it
    /// and leaves fewest given away, with the least loss: a part before a total, a count before
    /// a zero, the smallest first. When none protects it, the best of them, and again.
    func complements() -> Set<Int> {
        var hidden = Set(values.indices.filter { values[$0] == nil })
        var added: Set<Int> = []
        var order: [Int: Int] = [:]
        var unprotectable: Set<Int> = []
        func givenAway(_ hidden: Set<Int>) -> [Int] {
            self.givenAway(hidden: hidden).filter { !unprotectable.contains($0) }
        }
        var exposed = givenAway(hidden)
        while let x = exposed.first {
            if work.units > Self.budget {
                // Too large a report to weigh each candidate: every shown count in the sums that
                // hold it (or, when those are all hidden, the next ones out) is hidden at once.
                guard let layer = candidateLayers(for: x, hidden: hidden).first else {
                    unprotectable.insert(x)
                    exposed = givenAway(hidden)
                    continue
                }
                for c in layer { hidden.insert(c); added.insert(c); order[c] = order.count }
                exposed = givenAway(hidden)
                continue
            }
            // Given away by a bound (a sum of c's that comes to little), not worked out: hiding
            // a zero beside it leaves the sum as it was.
            let byBound = !determined(hidden: hidden).contains(x)
            var best: (cell: Int, score: (Int, Int, Int, Int, Int, Int), exposed: [Int])?
            layers: for (n, layer) in candidateLayers(for: x, hidden: hidden).enumerated() {
                // Two steps out at least: a part there is better than a total next to it.
                if n >= 2, let b = best, b.score.1 == 0 { break }
                // Cheapest first, so the first that leaves nothing given away is the one.
                for c in layer.sorted(by: { cost($0) < cost($1) }) where !(byBound && values[c] == 0) {
                    let after = givenAway(hidden.union([c]))
                    let (h, z, v, i) = cost(c)
                    let score = (h, after.contains(x) ? 1 : 0, after.count, z, v, i)
                    if best.map({ score < $0.score }) ?? true { best = (c, score, after) }
                    if after.isEmpty && n >= 1 { break layers }
                    if after.isEmpty { break }
                }
            }
            if let best {
                hidden.insert(best.cell)
                added.insert(best.cell)
                order[best.cell] = order.count
                exposed = best.exposed
            } else {
                // Every count its sums reach is hidden yet it is given away: nothing more to hide.
                unprotectable.insert(x)
                exposed = givenAway(hidden)
            }
        }
        // Hidden on the way to a protection found later, a count may no longer be needed: each
        // is shown again, the last hidden first, where nothing is given away without it.
        for c in added.sorted(by: { order[$0]! > order[$1]! }) where !primary.contains(c) && work.units <= Self.budget {
            let without = hidden.subtracting([c])
            if givenAway(without).isEmpty {
                hidden = without
                added.remove(c)
            }
        }
        return added
    }

    /// The shown counts in the sums that hold `x`, then those in the sums holding a hidden
    /// count of those, and so on out: one list for each step.
    private func candidateLayers(for x: Int, hidden: Set<Int>) -> [[Int]] {
        var seenRows: Set<Int> = []
        var seenCells: Set<Int> = [x]
        var frontier: Set<Int> = [x]
        var layers: [[Int]] = []
        while !frontier.isEmpty {
            let layer = rows.indices.filter { r in !seenRows.contains(r) && rows[r].contains { frontier.contains($0.cell) } }
            guard !layer.isEmpty else { break }
            seenRows.formUnion(layer)
            let cells = Set(layer.flatMap { rows[$0].map(\.cell) }).subtracting(seenCells)
            seenCells.formUnion(cells)
            let shown = cells.filter { !hidden.contains($0) }.sorted()
            if !shown.isEmpty { layers.append(shown) }
            frontier = cells.filter { hidden.contains($0) }
        }
        return layers
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
    mutating func protectHiddenCounts(truth: ReportGroup, threshold: Int) {
        let problem = SuppressionProblem(self, truth: truth, threshold: threshold, skipping: ["previous", "public"])
        for c in problem.complements() where !problem.unshown.contains(c) { setSuppressed(at: problem.path(c)) }
        if var previous = self["previous"]?.groupValue, let before = truth["previous"]?.groupValue {
            previous.protectHiddenCounts(truth: before, threshold: threshold)
            self["previous"] = .group(previous)
        }
    }

    /// The count at `keys` (each one key, dots and all), nil when there is none.
    func count(at keys: [String]) -> Int? {
        guard let first = keys.first, let v = self[first] else { return nil }
        if keys.count == 1 { return v.count }
        return v.groupValue?.count(at: Array(keys.dropFirst()))
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
