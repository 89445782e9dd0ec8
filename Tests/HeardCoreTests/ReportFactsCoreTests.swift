@testable import HeardCore
import HeardTestSupport
import XCTest

/// Report facts as bytes: read back as they were written, and any other bytes (cut short, changed,
/// random) read as no facts, never as wrong ones or a crash.
final class ReportFactsCoreTests: XCTestCase {
    private func randomFacts(_ rng: inout some RandomNumberGenerator) -> ReportFacts {
        func date() -> LocalDate { LocalDate(dayNumber: Int.random(in: 10_000...30_000, using: &rng)) }
        func maybe<T>(_ make: () -> T) -> T? { Bool.random(using: &rng) ? make() : nil }
        let stages = (0..<Int.random(in: 0...4, using: &rng)).map { n in
            ReportFacts.Stage(number: n + 1, started: date(), responded: maybe(date), endedOn: maybe(date), escalated: maybe(date),
                              satisfied: maybe { Bool.random(using: &rng) }, outcome: maybe { StageOutcome.allCases.randomElement(using: &rng)! },
                              timeliness: maybe { ReportFacts.timelinesses.randomElement(using: &rng)! }, daysUsed: Int.random(in: 0...400, using: &rng))
        }
        let remedies = (0..<Int.random(in: 0...3, using: &rng)).map { _ in
            ReportFacts.Remedy(date: date(), kind: maybe { RemedyKind.allCases.randomElement(using: &rng)! },
                               amountPence: maybe { Int.random(in: -5...Int.max, using: &rng) })
        }
        let categories = (0..<Int.random(in: 0...4, using: &rng)).map { _ in
            ["placement", "", "Zoë's café", "\u{212A}inship", "e\u{301}", "a\u{0}b", String(repeating: "x", count: 300)].randomElement(using: &rng)!
        }
        return ReportFacts(ending: maybe { ReportFacts.endings.randomElement(using: &rng)! }, stages: stages, ombudsmanReferred: maybe(date),
                           ombudsmanDecided: maybe(date), ombudsmanDecision: maybe { OmbudsmanDecision.allCases.randomElement(using: &rng)! },
                           ombudsmanAmountPence: maybe { Int.random(in: Int.min...Int.max, using: &rng) }, remedies: remedies, categories: categories)
    }

    func testFactsReadBackAsWrittenAndOtherBytesAsNone() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let f = randomFacts(&rng)
            let bytes = f.encoded()
            let back = bytes.withUnsafeBufferPointer { ReportFacts(encoded: $0) }
            XCTAssertEqual(back, f)
            // The categories keep their bytes, not only their equality.
            XCTAssertEqual(back?.categories.map { Array($0.utf8) }, f.categories.map { Array($0.utf8) })
            // Cut short anywhere, or with a byte more: none.
            let cut = Int.random(in: 0..<bytes.count, using: &rng)
            XCTAssertNil(Array(bytes[..<cut]).withUnsafeBufferPointer { ReportFacts(encoded: $0) })
            XCTAssertNil((bytes + [0]).withUnsafeBufferPointer { ReportFacts(encoded: $0) })
            // A byte changed: facts or none, never a trap.
            var changed = bytes
            changed[Int.random(in: 0..<changed.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            _ = changed.withUnsafeBufferPointer { ReportFacts(encoded: $0) }
        }
        for _ in 0..<5_000 {
            let junk = (0..<Int.random(in: 0...64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if let f = junk.withUnsafeBufferPointer({ ReportFacts(encoded: $0) }) {
                // Whatever random bytes read as, the days are days of a real year and no more than a calendar holds.
                XCTAssertTrue(f.stages.allSatisfy { (1...9999).contains($0.started.year) && $0.daysUsed >= 0 && $0.daysUsed < 4_000_000 })
            }
        }
        XCTAssertNil([UInt8]().withUnsafeBufferPointer { ReportFacts(encoded: $0) })
        XCTAssertNil([2, 0, 0, 0, 0, 0, 0, 0, 0].withUnsafeBufferPointer { ReportFacts(encoded: $0) }, "another format")
    }

    /// Facts hold from the last event on, unless a pause is open (its days grow with the day).
    func testFactsSettleOnTheLastEventUnlessAPauseIsOpen() throws {
        var c = Contact(kind: .complaint, received: day("2022-01-10"), serviceArea: "Care Leavers", procedure: .statutory)
        c.events = [CaseEvent(kind: .acknowledged, date: day("2022-01-11"), stage: 1),
                    CaseEvent(kind: .paused, date: day("2022-01-12"), stage: 1, reason: "police")]
        let cal = WorkingDayCalendar.englandAndWales
        XCTAssertNil(ReportFacts.settled(contact: c, clock: c.clock(calendar: cal, today: day("2022-03-01"))))
        c.events.append(CaseEvent(kind: .resumed, date: day("2022-02-01"), stage: 1))
        XCTAssertEqual(ReportFacts.settled(contact: c, clock: c.clock(calendar: cal, today: day("2022-03-01"))), day("2022-02-01"))
        // From that day on the facts are the same whatever the day.
        let facts = [day("2022-02-01"), day("2022-06-30"), day("2030-01-01")].map { ReportFacts(contact: c, clock: c.clock(calendar: cal, today: $0)) }
        XCTAssertEqual(Set(facts.map { $0.encoded() }).count, 1)
        c.events.append(CaseEvent(kind: .responded, date: day("2022-02-20"), stage: 1, outcome: .upheld))
        let answered = [day("2022-02-20"), day("2022-09-30"), day("2031-01-01")].map { ReportFacts(contact: c, clock: c.clock(calendar: cal, today: $0)) }
        XCTAssertEqual(Set(answered.map { $0.encoded() }).count, 1)
        XCTAssertGreaterThan(answered[0].stages[0].daysUsed, 0)
    }
}
