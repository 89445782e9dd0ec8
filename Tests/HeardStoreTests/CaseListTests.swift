import Foundation
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// The case list: clocks computed as of a fixed today, the overdue and due-within filters,
/// statuses, and free-text search through FTS5.
final class CaseListTests: XCTestCase {
    private var dir: TemporaryDirectory!
    private var store: Store!
    private var refs: [String: String] = [:]

    override func setUpWithError() throws {
        dir = TemporaryDirectory()
        store = try makeStore(in: dir)
        for (key, contact) in listFixtures() {
            refs[key] = try store.add(contact, today: fixedToday).reference
        }
        // Responded within stage 1: not open, not overdue.
        let answered = try store.contact(reference: refs["answered"]!)
        try store.record(.responded(day("2022-06-10"), stage: 1, satisfied: true), on: answered.id!, version: answered.version, today: fixedToday)
        // Paused: overdue by the calendar, but a paused clock is not overdue.
        let paused = try store.contact(reference: refs["paused"]!)
        try store.record(.paused(day("2022-05-10"), stage: 1, reason: "Waiting for an advocate"), on: paused.id!, version: paused.version, today: fixedToday)
    }

    override func tearDown() { store = nil; dir = nil }

    func testDueDatesAreComputedAsOfToday() throws {
        let rows = Dictionary(uniqueKeysWithValues: try store.cases(today: fixedToday).map { ($0.reference, $0) })
        // Received Tue 3 May 2022: 10 working days after is Tue 17 May.
        XCTAssertEqual(rows[refs["overdue"]!]?.due, day("2022-05-17"))
        XCTAssertEqual(rows[refs["overdue"]!]?.overdue, true)
        // Received Wed 8 June: 9, 10, 13 ... 22 June; 5 working days left on the 15th.
        XCTAssertEqual(rows[refs["dueSoon"]!]?.due, day("2022-06-22"))
        XCTAssertEqual(rows[refs["dueSoon"]!]?.daysLeft, 5)
        XCTAssertEqual(rows[refs["later"]!]?.daysLeft, 9)
        XCTAssertEqual(rows[refs["paused"]!]?.paused, true)
        XCTAssertEqual(rows[refs["paused"]!]?.overdue, false)
        XCTAssertNil(rows[refs["compliment"]!]?.due)
        XCTAssertEqual(rows[refs["compliment"]!]?.status, .closed)
        XCTAssertEqual(rows[refs["answered"]!]?.status, .responded)
        XCTAssertNil(rows[refs["answered"]!]?.due)
    }

    func testOverdueFilter() throws {
        var f = CaseFilter()
        f.overdue = true
        XCTAssertEqual(try store.cases(f, today: fixedToday).map(\.reference), [refs["overdue"]!])
        // A week earlier nothing was overdue yet.
        XCTAssertEqual(try store.cases(f, today: day("2022-05-17")).map(\.reference), [])
    }

    func testDueWithinFilter() throws {
        var f = CaseFilter()
        f.dueWithin = 5
        let within5 = Set(try store.cases(f, today: fixedToday).map(\.reference))
        XCTAssertTrue(within5.contains(refs["dueSoon"]!))
        XCTAssertFalse(within5.contains(refs["later"]!))
        XCTAssertFalse(within5.contains(refs["paused"]!), "a paused clock is not counting down")
        XCTAssertFalse(within5.contains(refs["compliment"]!))
        XCTAssertFalse(within5.contains(refs["answered"]!))
        f.dueWithin = 9
        XCTAssertTrue(Set(try store.cases(f, today: fixedToday).map(\.reference)).contains(refs["later"]!))
    }

    func testStatusAndOtherFilters() throws {
        var f = CaseFilter()
        f.statuses = [.closed]
        XCTAssertEqual(try store.cases(f, today: fixedToday).map(\.reference), [refs["compliment"]!])
        f = CaseFilter()
        f.statuses = [.responded]
        XCTAssertEqual(try store.cases(f, today: fixedToday).map(\.reference), [refs["answered"]!])
        f = CaseFilter()
        f.officer = "  officer two "
        XCTAssertEqual(try store.cases(f, today: fixedToday).map(\.reference), [refs["cjk"]!])
        f = CaseFilter()
        f.kind = .compliment
        XCTAssertEqual(try store.cases(f, today: fixedToday).count, 1)
    }

    func testCasesAreListedNewestFirst() throws {
        let received = try store.cases(today: fixedToday).map(\.received)
        XCTAssertEqual(received, received.sorted(by: >))
    }

    func testSearchByReference() throws {
        var f = CaseFilter()
        f.search = refs["overdue"]!
        XCTAssertEqual(try store.cases(f, today: fixedToday).map(\.reference), [refs["overdue"]!])
    }

    func testSearchIgnoresDiacritics() throws {
        var f = CaseFilter()
        f.search = "zoe"
        XCTAssertEqual(try store.cases(f, today: fixedToday).map(\.complainantName), ["Zoë Hughes"])
        f.search = "ZOË"
        XCTAssertEqual(try store.cases(f, today: fixedToday).map(\.complainantName), ["Zoë Hughes"])
    }

    func testSearchFindsChineseName() throws {
        var f = CaseFilter()
        f.search = "李小龍"
        XCTAssertEqual(try store.cases(f, today: fixedToday).map(\.reference), [refs["cjk"]!])
    }

    func testSearchMatchesSummaryWordPrefixesAndNothingForUnknownWords() throws {
        var f = CaseFilter()
        f.search = "letterb"
        XCTAssertEqual(try store.cases(f, today: fixedToday).map(\.reference), [refs["later"]!])
        f.search = "xylophone"
        XCTAssertEqual(try store.cases(f, today: fixedToday), [])
    }

    func testSearchSeesEditedText() throws {
        var c = try store.contact(reference: refs["later"]!)
        c.complainantName = "Renamed Person"
        try store.update(c, today: fixedToday)
        var f = CaseFilter()
        f.search = "renamed"
        XCTAssertEqual(try store.cases(f, today: fixedToday).map(\.reference), [refs["later"]!])
        f.search = "Brown"
        XCTAssertEqual(try store.cases(f, today: fixedToday), [], "the old name is gone from the index")
    }
}

// MARK: - Fixtures

private func listFixtures() -> [(String, Contact)] {
    var later = sampleComplaint(received: "2022-06-14", area: "Adoption", name: "Alex Brown")
    later.summary = "Letterbox contact changed"
    var cjk = sampleComplaint(received: "2022-06-13", area: "Residential", name: "李小龍")
    cjk.officer = "Officer Two"
    return [
        ("overdue", sampleComplaint(received: "2022-05-03", name: "Zoë Hughes")),
        ("dueSoon", sampleComplaint(received: "2022-06-08", name: "Sam Green")),
        ("later", later),
        ("paused", sampleComplaint(received: "2022-05-04", name: "Jo Black")),
        ("answered", sampleComplaint(received: "2022-06-01", name: "Kim White")),
        ("cjk", cjk),
        ("compliment", Contact(kind: .compliment, received: day("2022-06-02"), serviceArea: "Residential",
                               complainantName: "Pat Grey", summary: "Thanks to the staff")),
    ]
}
