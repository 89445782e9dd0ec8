import Foundation
import HeardCore
@testable import HeardApp
import HeardStore
import HeardTestSupport
import XCTest

/// The report screen's figures (`ReportCache`): a request is built at once, figures built
/// ahead that a later request passed over stop, and whatever stopped is built again when asked.
final class ReportCacheTests: XCTestCase {
    let today = day("2022-03-15")

    private func json(_ g: ReportGroup) -> String { ReportRenderer.json(g) }

    /// Figures that stop (`stop` says so) end with `CancellationError`, one reader or two; told
    /// to go on, they are the figures built without it.
    func testFiguresToldToStopEndAndOthersAreUnchanged() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir, name: "demo.sqlite")
        try store.writeDemo(today: today)
        let period = Period.financialYear(starting: 2020)
        let o = ReportOptions(period: period, today: today)
        let expected = json(try store.reportFigures(o, period: period, keptFacts: false))
        for parallel in [false, true] {
            XCTAssertThrowsError(try store.reportFigures(o, period: period, pieceSize: 7, parallel: parallel, stop: { true })) {
                XCTAssertTrue($0 is CancellationError, "\($0)")
            }
            XCTAssertEqual(json(try store.reportFigures(o, period: period, pieceSize: 7, parallel: parallel, stop: { false })), expected)
        }
    }

    /// Periods built ahead, then a request for others: the request's report is `heard report`'s,
    /// and asking afterwards for the periods built ahead (stopped or not) gives theirs.
    func testARequestPassingOverFiguresBuiltAheadGetsItsOwnAndTheOthersAreBuiltWhenAsked() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir, name: "demo.sqlite")
        try store.writeDemo(today: today)
        let cache = ReportCache(store: store)
        let ahead = (2016...2019).map { Period.financialYear(starting: $0) }
        let asked = Period.financialYear(starting: 2021)
        for _ in 0..<3 {
            cache.prefetch(ahead, areas: [], today: today)
            let got = try cache.report(asked, areas: [], today: today)
            XCTAssertEqual(json(got), json(try store.report(ReportOptions(period: asked, today: today), keptFacts: false)))
        }
        for p in ahead {
            let got = try cache.report(p, areas: [], today: today)
            XCTAssertEqual(json(got), json(try store.report(ReportOptions(period: p, today: today), keptFacts: false)), p.label)
        }
    }
}
