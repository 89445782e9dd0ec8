import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// `Store.myWork` on a real file: only the officer's live cases are read, letters sent come
/// with them, and the answer is the pure computation over everything.
final class MyWorkStoreTests: XCTestCase {
    let today = day("2022-06-15")

    func testReadsOnlyTheOfficersLiveCasesWithTheirLettersAndActions() throws {
        let dir = TemporaryDirectory("heard-mywork-store")
        let store = try makeStore(in: dir)
        func add(_ received: String, officer: String, events: [CaseEvent] = []) throws -> Contact {
            var c = sampleComplaint(received: received)
            c.officer = officer
            var saved = try store.add(c, today: today)
            for e in events {
                saved = try store.record(e, on: saved.id!, version: saved.version, today: today)
            }
            return saved
        }
        let unacknowledged = try add("2022-06-06", officer: "Sam Officer")
        let extended = try add("2022-06-01", officer: "sam officer", events: [.acknowledged(day("2022-06-01")),
                                                                             .extended(day("2022-06-10"), stage: 1, to: day("2022-06-29"), reason: "complex")])
        let answered = try add("2022-05-03", officer: "Sam Officer", events: [.acknowledged(day("2022-05-04")), .responded(day("2022-06-08"), stage: 1, outcome: .upheld)])
        _ = try add("2021-01-04", officer: "Sam Officer", events: [.acknowledged(day("2021-01-05")), .responded(day("2021-01-20"), stage: 1, outcome: .upheld)])
        _ = try add("2022-06-06", officer: "Sam Officer", events: [.withdrawn(day("2022-06-07"), reason: "r")])
        _ = try add("2022-06-06", officer: "Someone Else")
        // A compliment closes at once, and still owes its thanks for a while; an old one does not.
        var thanks = sampleComplaint(received: "2022-06-13")
        thanks.kind = .compliment
        thanks.procedure = nil
        thanks.issues = []
        thanks.officer = "Sam Officer"
        let compliment = try store.add(thanks, today: today)
        thanks.received = day("2022-01-10")
        _ = try store.add(thanks, today: today)
        _ = try store.recordLetter(LetterSent(template: "extension", stage: 1, sent: day("2022-06-10"), body: "Dear Test Person"), on: extended.id!)
        _ = try store.recordLetter(LetterSent(template: "stage1-response", stage: 1, sent: day("2022-06-08"), body: "Dear Test Person"), on: answered.id!)
        _ = try store.addAction(ActionItem(title: "Mine", owner: "SAM OFFICER ", created: day("2022-05-01"), due: day("2022-06-10")))
        _ = try store.addAction(ActionItem(title: "Theirs", owner: "Someone Else", created: day("2022-05-01"), due: day("2022-06-10")))

        let input = try store.myWorkInput(officer: " Sam Officer ", today: today)
        XCTAssertEqual(Set(input.cases.map(\.contact.reference)), [unacknowledged.reference, extended.reference, answered.reference, compliment.reference],
                       "neither the long-closed, the withdrawn, an old compliment nor someone else's case is read")
        XCTAssertEqual(input.cases.first { $0.contact.id == extended.id }?.letters.map(\.template), ["extension"])
        XCTAssertEqual(input.cases.first { $0.contact.id == extended.id }?.letters.first?.body, "", "bodies are not read")
        XCTAssertEqual(input.actions.map(\.title), ["Mine"])

        let work = try store.myWork(officer: "Sam Officer", today: today, within: nil)
        let everything = try store.allContacts().map { MyWorkCaseInput(contact: $0, letters: try store.correspondence(contactID: $0.id!).letters) }
        let expected = MyWork.compute(officer: "Sam Officer", cases: everything, actions: try store.actions(today: today), rules: .default,
                                      calendar: try store.calendar(), today: today, within: nil)
        XCTAssertEqual(work.cases.map(\.reference), expected.cases.map(\.reference))
        XCTAssertEqual(work.items.map(\.what), expected.items.map(\.what))
        XCTAssertEqual(work.actions.map(\.action.title), ["Mine"])
        XCTAssertEqual(work.cases.first?.reference, unacknowledged.reference, "the overdue acknowledgement first")
        XCTAssertFalse(work.items.contains { $0.kind == .letter("extension") || $0.kind == .letter("stage1-response") }, "letters sent are not owed")
        XCTAssertEqual(work.items.filter { $0.kind == .letter("compliment-thanks") }.map(\.reference), [compliment.reference], "the recent compliment's thanks is owed")
        XCTAssertTrue(try store.myWork(officer: "   ", today: today).isEmpty)
    }
}
