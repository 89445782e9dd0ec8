import Foundation
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// The demo database reproduces the seed's 2021-22 figures and holds open cases in every
/// state relative to today.
final class DemoTests: XCTestCase {
    // Written only by the class's setUp and tearDown, which XCTest runs on one thread before
    // the first test and after the last; the tests only read it in between.
    nonisolated(unsafe) private static var dir: TemporaryDirectory!
    nonisolated(unsafe) private static var store: Store!

    override class func setUp() {
        super.setUp()
        dir = TemporaryDirectory("heard-demo")
        store = try! makeStore(in: dir)
        try! store.writeDemo(today: fixedToday)
    }

    override class func tearDown() { store = nil; dir = nil; super.tearDown() }

    private var store: Store { Self.store }

    func testSeedFiguresForTheThreeSeedAreas() throws {
        let r = try report(areas: seedAreas)
        XCTAssertEqual(count(r, "contacts.total"), 60)
        XCTAssertEqual(count(r, "complaints.total"), 41)
        XCTAssertEqual(count(r, "complaints.children_and_young_people.total"), 7)
        XCTAssertEqual(count(r, "complaints.children_and_young_people.with_advocate"), 7)
        XCTAssertEqual(count(r, "complaints.children_and_young_people.resolved_at_local_resolution"), 7)
        XCTAssertEqual(count(r, "complaints.children_and_young_people.satisfied"), 7)
    }

    func testCommunicationIsStrictlyTheCommonestCategoryForChildrenAndYoungPeople() throws {
        let r = try report(areas: seedAreas)
        let g = try XCTUnwrap(r.value(at: "complaints.children_and_young_people.categories")?.groupValue)
        let counts = g.entries.compactMap { e in e.value.count.map { (e.key, $0) } }
        let communication = try XCTUnwrap(counts.first { $0.0 == "communication and information" }?.1)
        for (k, n) in counts where k != "communication and information" {
            XCTAssertLessThan(n, communication, "\(k) has \(n), communication \(communication)")
        }
    }

    func testAllAreasTotal261() throws {
        XCTAssertEqual(count(try report(areas: []), "contacts.total"), 261)
    }

    func testThePreviousYearIsThere() throws {
        let r = try report(areas: seedAreas)
        XCTAssertGreaterThan(count(r, "previous.contacts.total") ?? 0, 0)
    }

    func testOpenCasesInEveryStateRelativeToToday() throws {
        let open = try store.cases(today: fixedToday).filter { $0.status.isActive }
        XCTAssertTrue(open.contains { $0.overdue }, "an overdue case")
        XCTAssertTrue(open.contains { $0.paused }, "a paused case")
        XCTAssertTrue(open.contains { $0.extended }, "an extended case")
        XCTAssertTrue(open.contains { $0.stage == 2 && $0.status == .open }, "a case at stage 2")
        var f = CaseFilter()
        f.dueWithin = 5
        XCTAssertFalse(try store.cases(f, today: fixedToday).isEmpty, "a case due within 5 working days")
        XCTAssertTrue(open.allSatisfy { $0.received <= fixedToday })
    }

    func testActionPlanHoldsTheBoardResolutionsAndThePracticeLearningDay() throws {
        let actions = try store.actions(today: fixedToday)
        let sources = actions.compactMap { $0.source?.label }
        XCTAssertTrue(sources.contains { $0.hasSuffix("resolution 1") })
        XCTAssertTrue(sources.contains { $0.hasSuffix("resolution 2") })
        XCTAssertTrue(actions.contains { $0.title.lowercased().contains("practice learning day") })
        XCTAssertTrue(actions.contains { $0.due == nil && $0.status.isOutstanding }, "an 'at the appropriate time' action")
        XCTAssertFalse(try store.learningPoints().isEmpty)
    }

    func testTheDemoIsDeterministic() throws {
        let dir = TemporaryDirectory("heard-demo2")
        let again = try makeStore(in: dir)
        try again.writeDemo(today: fixedToday)
        XCTAssertEqual(try again.exportCSV(today: fixedToday), try store.exportCSV(today: fixedToday))
    }

    func testDemoRefusesADatabaseThatHoldsContacts() throws {
        let before = try store.contactCount()
        guard case .refused? = storeError({ try store.writeDemo(today: fixedToday) }) else { return XCTFail("expected refused") }
        XCTAssertEqual(try store.contactCount(), before)
    }

    func testSeedFiguresHoldForALaterToday() throws {
        let dir = TemporaryDirectory("heard-demo3")
        let later = try makeStore(in: dir)
        let today = day("2024-02-29")
        try later.writeDemo(today: today)
        let r = try report(later, areas: seedAreas, today: today)
        XCTAssertEqual(count(r, "contacts.total"), 60)
        XCTAssertEqual(count(r, "complaints.total"), 41)
        XCTAssertEqual(count(r, "complaints.children_and_young_people.satisfied"), 7)
        XCTAssertEqual(count(try report(later, areas: [], today: today), "contacts.total"), 261)
    }

    // MARK: Helpers

    private func report(_ s: Store? = nil, areas: [String], today: LocalDate = fixedToday) throws -> ReportGroup {
        let s = s ?? store
        let options = ReportOptions(period: Period(from: day("2021-04-01"), to: day("2022-03-31")), serviceAreas: areas, today: today,
                                    rules: s.rules, calendar: try s.calendar(), reference: s.reference)
        let input = ReportInput(contacts: try s.contacts(relevantTo: options.loadRange), learning: try s.learningPoints(),
                                actions: try s.actions(today: today))
        return AnnualReport.build(input, options)
    }

    private func count(_ r: ReportGroup, _ path: String) -> Int? { r.value(at: path)?.count }
}

// MARK: - Fixtures

private let seedAreas = ["Care Leavers", "Children Looked After", "Fostering Service"]
