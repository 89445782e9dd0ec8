import Foundation
@testable import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// The public report against a reader who knows how its figures add up: on the demo's record,
/// over many periods and service areas, no count hidden by the threshold can be worked back
/// from the shown ones; and every sum suppression relies on is one the counting makes true.
final class PublicReportSumsTests: XCTestCase {
    private var store: Store!
    private var dir: TemporaryDirectory!

    override func setUpWithError() throws {
        dir = TemporaryDirectory("heard-public-sums")
        store = try makeStore(in: dir)
        try store.writeDemo(today: fixedToday)
    }

    private func periods() -> [(Period, [String])] {
        var out: [(Period, [String])] = []
        for y in 2019...2022 { out.append((.financialYear(starting: y), [])) }
        for (from, to) in [("2021-04-01", "2021-06-30"), ("2021-07-01", "2021-09-30"), ("2020-01-01", "2020-12-31"),
                           ("2021-10-01", "2022-03-31"), ("2019-04-01", "2022-03-31"), ("2022-01-01", "2022-01-31")] {
            out.append((Period(from: day(from), to: day(to)), []))
        }
        for area in ["Adoption", "Care Leavers", "Fostering Service"] {
            out.append((.financialYear(starting: 2021), [area]))
            out.append((Period(from: day("2021-10-01"), to: day("2021-12-31")), [area]))
        }
        return out
    }

    private func report(_ period: Period, _ areas: [String]) throws -> ReportGroup {
        let options = ReportOptions(period: period, serviceAreas: areas, today: fixedToday, calendar: try store.calendar())
        return AnnualReport.build(try store.reportInput(for: period, today: fixedToday), options)
    }

    /// What a reader knows of how the figures add up, written from the procedure (DOMAIN.md),
    /// not from the code that suppresses: each a list of (path, sign) summing to zero.
    private func readersSums(_ root: ReportGroup) -> [[(String, Int)]] {
        func parts(_ group: String) -> [(String, Int)] {
            (root.value(at: group)?.groupValue?.entries ?? []).filter { $0.value.groupValue == nil }.map { ("\(group).\($0.key)", 1) }
        }
        var sums: [[(String, Int)]] = [
            [("contacts.total", -1)] + parts("contacts.by_kind"),
            [("contacts.total", -1)] + parts("contacts.by_service_area"),
            [("contacts.total", -1)] + parts("contacts.by_channel"),
            [("complaints.total", -1), ("contacts.by_kind.complaint", 1)],
            [("complaints.total", -1)] + parts("complaints.by_procedure"),
            [("complaints.total", -1)] + parts("complaints.by_service_area"),
            [("complaints.total", -1)] + parts("complaints.by_complainant_role"),
            [("complaints.total", -1), ("complaints.stages.1.received", 1)],
            [("compliments.total", -1), ("contacts.by_kind.compliment", 1)],
            [("compliments.total", -1)] + parts("compliments.by_service_area"),
            [("actions.agreed", -1), ("actions.done", 1), ("actions.open", 1), ("actions.in_progress", 1), ("actions.dropped", 1)],
            // Children and young people: the children's and care leavers' complaints, as a reader would take it.
            [("complaints.children_and_young_people.total", -1), ("complaints.by_complainant_role.child_or_young_person", 1),
             ("complaints.by_complainant_role.care_leaver", 1)],
        ]
        for q in ["age_band", "gender", "ethnicity", "disability", "religion", "sexual_orientation"] {
            sums.append([("complaints.total", -1)] + parts("complaints.equality.\(q)"))
        }
        for s in ["1", "2", "3"] {
            let p = "complaints.stages.\(s)"
            sums.append([("\(p).received", -1), ("\(p).closed", 1), ("\(p).timeliness.open", 1)])
            sums.append([("\(p).responded", -1), ("\(p).timeliness.within_target", 1), ("\(p).timeliness.within_extension", 1), ("\(p).timeliness.late", 1)])
            sums.append([("\(p).responded", -1), ("\(p).outcomes.upheld", 1), ("\(p).outcomes.partially_upheld", 1), ("\(p).outcomes.not_upheld", 1)])
            var closed = [("\(p).closed", -1), ("\(p).responded", 1), ("\(p).outcomes.withdrawn", 1), ("\(p).outcomes.mediation", 1)]
            if s == "1" { closed.append(("complaints.ended.not_accepted", 1)) }
            sums.append(closed)
        }
        for e in ["withdrawn", "mediation"] {
            sums.append([("complaints.ended.\(e)", -1)] + ["1", "2", "3"].map { ("complaints.stages.\($0).outcomes.\(e)", 1) })
        }
        return sums
    }

    /// The counts a reader works out from `shown` by taking one sum at a time with a single
    /// unknown, over and over, each count worked out counting as shown for the next (the
    /// linear algebra that goes further is `PublicSuppressionTests`').
    private func peel(_ shown: ReportGroup, sums: [[(String, Int)]]) -> [String: Int] {
        var known: [String: Int] = [:]
        var unknown: Set<String> = []
        for sum in sums {
            for (path, _) in sum {
                switch shown.value(at: path) {
                case .count(let n, _)?: known[path] = n
                case .suppressed?: unknown.insert(path)
                case nil: known[path] = 0   // a row a group does not have is none
                default: break
                }
            }
        }
        var derived: [String: Int] = [:]
        var progress = true
        while progress {
            progress = false
            for sum in sums {
                let open = sum.filter { known[$0.0] == nil }
                guard open.count == 1, unknown.contains(open[0].0) else { continue }
                let rest = sum.filter { known[$0.0] != nil }.reduce(0) { $0 + $1.1 * known[$1.0]! }
                let value = -rest * open[0].1
                known[open[0].0] = value
                derived[open[0].0] = value
                progress = true
            }
        }
        return derived
    }

    /// The sums whose hidden counts are all on one side, with what they come to: a reader knows
    /// each hidden count there is at most that.
    private func hiddenSums(_ shown: ReportGroup, sums: [[(String, Int)]]) -> [(cells: [String], total: Int)] {
        var out: [(cells: [String], total: Int)] = []
        for sum in sums {
            var known = 0
            var hidden: [(String, Int)] = []
            for (path, sign) in sum {
                switch shown.value(at: path) {
                case .count(let n, _)?: known += sign * n
                case .suppressed?: hidden.append((path, sign))
                default: break
                }
            }
            guard !hidden.isEmpty, let side = hidden.first?.1, hidden.allSatisfy({ $0.1 == side }) else { continue }
            out.append((hidden.map(\.0), -known * side))
        }
        return out
    }

    func testNoCountHiddenByTheThresholdCanBeWorkedBackFromTheSums() throws {
        var hiddenSeen = 0
        var complementsSeen = 0
        for (period, areas) in periods() {
            let full = try report(period, areas)
            for threshold in [4, 9] {
                let pub = full.publicVersion(threshold: threshold)
                for (fullRoot, pubRoot, label) in [(full, pub, "current"),
                                                   (full["previous"]?.groupValue, pub["previous"]?.groupValue, "previous")] {
                    guard let fullRoot, let pubRoot else { continue }
                    let sums = readersSums(fullRoot)
                    let derived = peel(pubRoot, sums: sums)
                    for (path, value) in derived {
                        let truth = try XCTUnwrap(fullRoot.value(at: path)?.count, path)
                        XCTAssertEqual(value, truth, "the reader's sums hold: \(path)")
                        XCTAssertFalse((1...threshold).contains(truth),
                                       "\(period.from.iso)…\(period.to.iso) \(areas) threshold \(threshold) \(label): \(path) = \(truth) is hidden yet follows from the sums")
                    }
                    // Four c's that a total says come to 4 are 1 each: where a sum of hidden counts a
                    // reader can work out holds one, it leaves each, taken for at least 1, more
                    // than the threshold.
                    for (cells, total) in hiddenSums(pubRoot, sums: sums) {
                        let small = cells.filter { fullRoot.value(at: $0)?.count.map { (1...threshold).contains($0) } ?? false }
                        guard !small.isEmpty else { continue }
                        XCTAssertGreaterThan(total - (cells.count - 1), threshold,
                                             "\(period.from.iso)…\(period.to.iso) \(areas) threshold \(threshold) \(label): \(cells) come to \(total)")
                    }
                    for sum in sums {
                        for (path, _) in sum where pubRoot.value(at: path) == .suppressed {
                            if let n = fullRoot.value(at: path)?.count, (1...threshold).contains(n) { hiddenSeen += 1 } else { complementsSeen += 1 }
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(hiddenSeen, 100, "the periods hide enough counts to try")
        XCTAssertGreaterThan(complementsSeen, 20, "and protect them with others")
    }

    func testEverySumSuppressionReliesOnIsFoundInTheReportAndTheExactOnesHold() throws {
        for (period, areas) in periods() {
            let full = try report(period, areas)
            let label = "\(period.from.iso)…\(period.to.iso) \(areas)"
            let problem = SuppressionProblem(full, truth: full, threshold: 4, skipping: ["previous"])
            XCTAssertEqual(problem.unresolved, [], "\(label): every figure a sum names is in the report")
            // Every sum taken holds for the true counts (the exact ones always are taken), and
            // the counts not shown that they work out are counts.
            XCTAssertGreaterThan(problem.rows.count, 30)
            for row in problem.rows {
                let sum = row.reduce(0.0) { $0 + Double(problem.truths[$1.cell] ?? -1_000_000) * $1.coefficient }
                XCTAssertEqual(sum, 0, "\(label): \(row.map { (problem.path($0.cell).joined(separator: "."), $0.coefficient) })")
            }
            for c in problem.unshown {
                let t = try XCTUnwrap(problem.truths[c], problem.path(c).joined())
                XCTAssertGreaterThanOrEqual(t, 0, "\(label): \(problem.path(c))")
            }
            // A partition the sums do not account for would be taken as adding up to a total
            // the reader knows: every one in the report is accounted for.
            let (_, accounted) = CountRelation.annualReport(in: full)
            var partitions: [String] = []
            func walk(_ g: ReportGroup, _ path: String) {
                if g.isPartition { partitions.append(path) }
                for e in g.entries where e.key != "previous" {
                    if let sub = e.value.groupValue { walk(sub, path.isEmpty ? e.key : "\(path).\(e.key)") }
                }
            }
            walk(full, "")
            XCTAssertFalse(partitions.isEmpty)
            for p in partitions { XCTAssertTrue(accounted.contains(p), "\(p) is accounted for") }
        }
    }
}
