@testable import HeardCore
import XCTest

/// Secondary suppression across the report's groups (`SuppressionProblem`).
final class PublicSuppressionTests: XCTestCase {
    private func n(_ v: Int) -> ReportValue { .count(v, refs: []) }
    private func group(_ entries: [(String, ReportValue)], partition: Bool = false) -> ReportValue {
        .group(ReportGroup(entries, isPartition: partition))
    }

    /// Stage 1 of a year as the trial found it: 4 withdrawn, 6 not accepted, 110 answered.
    private func year(withdrawn: Int = 4, notAccepted: Int = 6, upheld: Int = 16) -> ReportGroup {
        let responded = upheld + 57 + 37
        let closed = responded + withdrawn + notAccepted
        return ReportGroup([
            ("complaints", group([
                ("total", n(closed)),
                ("ended", group([("withdrawn", n(withdrawn)), ("mediation", n(0)), ("not_accepted", n(notAccepted))])),
                ("stages", group([("1", group([
                    ("received", n(closed)), ("responded", n(responded)), ("closed", n(closed)), ("escalated", n(12)),
                    ("escalation_rate", .number(0.1)),
                    ("outcomes", group([("upheld", n(upheld)), ("partially_upheld", n(57)), ("not_upheld", n(37)),
                                        ("withdrawn", n(withdrawn)), ("mediation", n(0))], partition: true)),
                    ("timeliness", group([("within_target", n(responded - 30)), ("within_extension", n(20)), ("late", n(10)),
                                          ("open", n(0)), ("average_working_days", .number(9.5))], partition: true)),
                ]))])),
            ])),
        ])
    }

    func testAHiddenCountIsProtectedByACountItIsSummedWithNotByTheNextSmallestInItsGroup() {
        let p = year().publicVersion(threshold: 4)
        XCTAssertEqual(p.value(at: "complaints.stages.1.outcomes.withdrawn"), .suppressed)
        XCTAssertEqual(p.value(at: "complaints.ended.withdrawn"), .suppressed)
        // Hiding upheld beside it (the one-group rule) hid the headline for nothing: upheld is
        // responded − partially − not upheld, and withdrawn then closed − responded − mediation
        // − not accepted. Not accepted is what the withdrawals are summed with.
        XCTAssertEqual(p.value(at: "complaints.stages.1.outcomes.upheld"), n(16))
        XCTAssertEqual(p.value(at: "complaints.ended.not_accepted"), .suppressed)
        for shown in ["responded", "closed", "received", "outcomes.partially_upheld", "outcomes.not_upheld", "timeliness.late"] {
            XCTAssertNotEqual(p.value(at: "complaints.stages.1.\(shown)"), .suppressed, shown)
        }
        XCTAssertEqual(p.value(at: "complaints.stages.1.escalation_rate"), .number(0.1), "no count of the stage itself is hidden")
    }

    func testACountHiddenInOneGroupIsNotGivenBackByAnEqualFigureInAnother() {
        // Withdrawals by stage and as the complaints' ending: hiding stage 1's alone would leave
        // it in the ending's count; the two are hidden together with what they are summed with.
        let p = year(withdrawn: 3, notAccepted: 9).publicVersion(threshold: 4)
        XCTAssertEqual(p.value(at: "complaints.stages.1.outcomes.withdrawn"), .suppressed)
        XCTAssertEqual(p.value(at: "complaints.ended.withdrawn"), .suppressed)
        XCTAssertEqual(p.value(at: "complaints.ended.not_accepted"), .suppressed,
                       "else withdrawn = closed − responded − mediation − not accepted")
    }

    func testEachEqualityQuestionHidesASecondAnswerBesideTheComplaintsTotal() {
        let r = ReportGroup([("complaints", group([
            ("total", n(40)),
            ("equality", group([
                ("gender", group([("female", n(3)), ("male", n(20)), ("not recorded", n(17))], partition: true)),
                ("disability", group([("yes", n(12)), ("no", n(13)), ("not recorded", n(15))], partition: true)),
            ])),
        ]))])
        let p = r.publicVersion(threshold: 4)
        XCTAssertEqual(p.value(at: "complaints.total"), n(40), "a part is hidden before the total")
        XCTAssertEqual(p.value(at: "complaints.equality.gender.female"), .suppressed)
        XCTAssertEqual(p.value(at: "complaints.equality.gender.not recorded"), .suppressed, "the smaller of the others")
        XCTAssertEqual(p.value(at: "complaints.equality.gender.male"), n(20))
        XCTAssertEqual(p.value(at: "complaints.equality.disability.yes"), n(12), "nothing hidden there")
    }

    func testAHeadlineStaysWhenTwoPartsCanProtectInstead() {
        // Care leavers (3) sum with the children (23) to the C&YP total (26) and with every role
        // to the complaints: hiding the C&YP total alone would do, but the board reads it first;
        // two roles are hidden instead.
        let roles: [(String, ReportValue)] = [("parent", n(43)), ("child_or_young_person", n(23)), ("professional", n(17)),
                                              ("relative", n(17)), ("foster_carer", n(8)), ("special_guardian", n(6)),
                                              ("care_leaver", n(3)), ("parental_responsibility", n(3))]
        let r = ReportGroup([("complaints", group([
            ("total", n(120)),
            ("by_complainant_role", group(roles, partition: true)),
            ("children_and_young_people", group([("total", n(26)), ("with_advocate", n(21))])),
        ]))])
        let p = r.publicVersion(threshold: 4)
        XCTAssertEqual(p.value(at: "complaints.children_and_young_people.total"), n(26))
        XCTAssertEqual(p.value(at: "complaints.total"), n(120))
        let hidden = roles.map(\.0).filter { p.value(at: "complaints.by_complainant_role.\($0)") == .suppressed }
        XCTAssertEqual(Set(hidden), ["care_leaver", "parental_responsibility", "child_or_young_person", "special_guardian"])
    }

    func testTheHTMLChartKeepsAHiddenRowWithCAndNoBar() {
        var r = year()
        r["previous"] = .group(year(withdrawn: 9))
        let html = ReportRenderer.render(r.publicVersion(threshold: 4), as: .html)
        let outcomes = html.components(separatedBy: "Outcomes</h").dropFirst().first?.components(separatedBy: "</svg>").first ?? ""
        XCTAssertTrue(outcomes.contains(">Withdrawn</text><text x=\"264\" y=\""), outcomes)
        XCTAssertTrue(outcomes.contains("\">c</text>"), outcomes)
        XCTAssertFalse(outcomes.contains("<title>Withdrawn:"), "no bar for a hidden count")
        XCTAssertTrue(outcomes.contains("<title>Upheld: 16</title>"), outcomes)
    }

    func testContactsPerComplaintIsHiddenWithAHiddenNumberOfComplaints() {
        let r = ReportGroup([("complaints", group([
            ("total", n(2)),
            ("contact_log", group([("entries", n(7)), ("per_complaint", .number(3.5))])),
        ]))])
        let p = r.publicVersion(threshold: 4)
        XCTAssertEqual(p.value(at: "complaints.total"), .suppressed)
        XCTAssertEqual(p.value(at: "complaints.contact_log.entries"), n(7))
        XCTAssertEqual(p.value(at: "complaints.contact_log.per_complaint"), .suppressed, "7 ÷ 3.5 gives the 2 back")
        XCTAssertEqual(r.publicVersion(threshold: 1).value(at: "complaints.contact_log.per_complaint"), .text("3.5"))
    }

    func testTheLinearAlgebraFindsWhatNoSingleSumGives() {
        // a + b, b + c and a + c shown: each of a, b, c follows, though every sum has two hidden.
        let root = ReportGroup([("a", .suppressed), ("b", .suppressed), ("c", .suppressed),
                                ("ab", n(9)), ("bc", n(11)), ("ac", n(10))])
        let sums = [CountRelation("ab", ["a", "b"]), CountRelation("bc", ["b", "c"]), CountRelation("ac", ["a", "c"])]
        let all = SuppressionProblem(root, skipping: [], relations: sums)
        let hidden = Set(all.keys.indices.filter { all.values[$0] == nil })
        XCTAssertEqual(Set(all.determined(hidden: hidden).map { all.path($0) }), [["a"], ["b"], ["c"]])
        let two = SuppressionProblem(root, skipping: [], relations: Array(sums.prefix(2)))
        XCTAssertEqual(two.determined(hidden: hidden), [], "two sums leave three counts free")
        // Protecting them hides one of the sums; which, the smallest.
        let added = all.complements().map { all.path($0) }
        XCTAssertEqual(added, [["ab"]])
        let after = SuppressionProblem(root, skipping: [], relations: sums)
        XCTAssertEqual(after.determined(hidden: hidden.union(all.complements())), [])
    }

    func testAComparisonPeriodIsProtectedOnItsOwn() {
        var r = year(withdrawn: 10, notAccepted: 10)
        r["previous"] = .group(year())
        let p = r.publicVersion(threshold: 4)
        XCTAssertEqual(p.value(at: "complaints.ended.withdrawn"), n(10))
        XCTAssertEqual(p.value(at: "previous.complaints.ended.withdrawn"), .suppressed)
        XCTAssertEqual(p.value(at: "previous.complaints.ended.not_accepted"), .suppressed)
        XCTAssertEqual(p.value(at: "previous.complaints.stages.1.outcomes.upheld"), n(16))
    }
}
