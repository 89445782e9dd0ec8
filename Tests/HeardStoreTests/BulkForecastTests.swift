import Foundation
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// A bulk change's forecast (the dry run's) is what the change then does, case by case: the same
/// cases changed, the same already so, the same refused with the same words.
final class BulkForecastTests: XCTestCase {
    private func check(_ change: BulkChange, today: LocalDate, plant: ((Store, [Int64]) throws -> Void)? = nil) throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        try store.writeDemo(today: today)
        let ids = try store.cases(today: today).map(\.id)
        try plant?(store, ids)
        let forecast = try store.bulkForecast(change, ids: ids, today: today)
        XCTAssertEqual(forecast.count, ids.count, "every case forecast")
        let result = try store.bulk(change, ids: ids, today: today) { _, _ in }
        let refused = Dictionary(result.refused.map { ($0.contactID, $0.message) }, uniquingKeysWith: { a, _ in a })
        var counts = (change: 0, already: 0)
        for id in ids {
            switch forecast[id] {
            case .change?: counts.change += 1; XCTAssertNil(refused[id], "\(change) #\(id): forecast to change, refused: \(refused[id] ?? "")")
            case .already?: counts.already += 1; XCTAssertNil(refused[id], "\(change) #\(id)")
            case .refused(let why)?: XCTAssertEqual(refused[id], why, "\(change) #\(id)")
            case nil: XCTFail("#\(id) not forecast")
            }
        }
        XCTAssertEqual(counts.change, result.done, "\(change)")
        XCTAssertEqual(counts.already, result.unchanged, "\(change)")
        XCTAssertEqual(refused.count, ids.count - counts.change - counts.already, "\(change)")
    }

    func testTheForecastIsWhatEachChangeDoes() throws {
        let today = day("2022-06-15")
        // An anonymised case and one already with the officer asked for.
        let plant = { (store: Store, ids: [Int64]) throws in
            try rawExecute(store.path, "UPDATE contacts SET anonymised = 1, anonymised_on = '2022-01-01' WHERE id = \(ids[3])")
            try rawExecute(store.path, "UPDATE contacts SET officer = 'Forecast Officer' WHERE id = \(ids[5])")
        }
        try check(.escalate, today: today, plant: plant)
        try check(.close, today: today, plant: plant)
        try check(.assign(officer: "Forecast Officer"), today: today, plant: plant)
        try check(.serviceArea("Adoption"), today: today, plant: plant)
    }

    /// An answered case in its escalation window marked anonymised (by another tool: Heard
    /// anonymises only cases that have ended) is refused a bulk move in the words `heard move`
    /// uses, forecast and done alike, and is left as it was.
    func testAnAnonymisedCaseIsRefusedABulkMove() throws {
        let today = day("2022-06-15")
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        try store.writeDemo(today: today)
        let open = try XCTUnwrap(store.cases(today: today).first { $0.kind == .complaint && $0.status == .responded })
        try rawExecute(store.path, "UPDATE contacts SET anonymised = 1, anonymised_on = '2022-01-01' WHERE id = \(open.id)")
        let before = try store.contact(id: open.id)
        for change in [BulkChange.close, .escalate] {
            let forecast = try store.bulkForecast(change, ids: [open.id], today: today)
            guard case .refused(let why)? = forecast[open.id] else { return XCTFail("\(change): forecast \(String(describing: forecast[open.id]))") }
            XCTAssertTrue(why.contains("was anonymised on 2022-01-01") && why.contains("takes no further move"), why)
            let result = try store.bulk(change, ids: [open.id], today: today) { _, _ in }
            XCTAssertEqual(result.done, 0)
            XCTAssertEqual(result.refused.map(\.message), [why], "\(change)")
            XCTAssertEqual(try store.contact(id: open.id), before)
        }
    }
}
