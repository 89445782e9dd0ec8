import Foundation
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// Handing back SQLite's cached pages (after the case list is read) closes idle readers: the
/// store reads and writes on as before, from this thread and another, and reads the same rows.
final class ReleaseCachedPagesTests: XCTestCase {
    func testTheStoreReadsAndWritesTheSameAfterItsCachedPagesAreHandedBack() throws {
        let dir = TemporaryDirectory("heard-release-pages")
        let store = try makeStore(in: dir)
        let today = day("2022-03-15")
        var csv = "kind,received,service_area,complainant_name,officer\n"
        for i in 0..<120 { csv += "compliment,2022-02-\(String(format: "%02d", i % 28 + 1)),Adoption,Person \(i),Officer One\n" }
        _ = try store.importCSV(Array(csv.utf8), source: "pages.csv", dryRun: false, today: today)
        let before = try store.cases(today: today)
        XCTAssertEqual(before.count, 120)

        // From another thread, as the app's list load does, while this one reads too.
        let done = DispatchGroup()
        done.enter()
        let other = Thread {
            _ = try? store.cases(today: today)
            store.releaseCachedPages()
            done.leave()
        }
        other.start()
        _ = try store.cases(today: today)
        done.wait()
        store.releaseCachedPages()

        XCTAssertEqual(try store.cases(today: today), before)
        var c = Contact(kind: .compliment, received: day("2022-03-01"), serviceArea: "Adoption")
        c.complainantName = "After The Release"
        _ = try store.add(c, today: today)
        let after = try store.cases(today: today)
        XCTAssertEqual(after.count, 121)
        XCTAssertTrue(after.contains { $0.complainantName == "After The Release" })
    }
}
