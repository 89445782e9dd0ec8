import HeardCore
import HeardTestSupport
import XCTest

/// `LetterNeed.owed`: a case that is over still owes its letter for the escalation window
/// (20 working days) after it was due, then is not chased; the record's "Letters" says so.
final class LetterOwedTests: XCTestCase {
    let cal = WorkingDayCalendar.englandAndWales

    func compliment(received: String, today: String) -> CaseRecord {
        var c = sampleComplaint(received: received)
        c.kind = .compliment
        c.procedure = nil
        c.issues = []
        return CaseRecord(contact: c, clock: c.clock(calendar: cal, today: day(today)), calendar: cal)
    }

    func lettersSection(_ r: CaseRecord) -> String {
        let lines = r.correspondenceLines.map { line -> String in
            if case .spans(let spans, _) = line { return spans.map(\.text).joined() }
            return ""
        }
        return lines.joined(separator: "\n")
    }

    func testARecentComplimentOwesItsThanksAndAnOldOneDoesNot() {
        // Received Monday 2022-03-07: thanks due Thursday 10th; owed until 20 working days after.
        let recent = compliment(received: "2022-03-07", today: "2022-03-21")
        XCTAssertEqual(recent.clock.status, .closed, "a compliment closes at once")
        let owed = LetterNeed.owed(contact: recent.contact, clock: recent.clock, sent: [], calendar: cal, rules: .default)
        XCTAssertEqual(owed.map(\.template), ["compliment-thanks"])
        XCTAssertTrue(lettersSection(recent).contains("needed Thanks for a compliment: overdue since 2022-03-10"), lettersSection(recent))
        XCTAssertFalse(lettersSection(recent).contains("No letters sent or needed"))

        let old = compliment(received: "2022-01-10", today: "2022-03-21")
        XCTAssertEqual(LetterNeed.owed(contact: old.contact, clock: old.clock, sent: [], calendar: cal, rules: .default), [])
        XCTAssertTrue(lettersSection(old).contains("No letters sent or needed"))

        let thanked = LetterSent(template: "compliment-thanks", stage: nil, sent: day("2022-03-08"), body: "x")
        XCTAssertEqual(LetterNeed.owed(contact: recent.contact, clock: recent.clock, sent: [thanked], calendar: cal, rules: .default), [])
    }

    func testAnAnsweredEnquiryOwesItsReplyInMyWork() throws {
        var c = sampleComplaint(received: "2022-03-01")
        c.kind = .enquiry
        c.procedure = nil
        c.issues = []
        c.id = 7
        c.officer = "Sam Officer"
        c.events = [.acknowledged(day("2022-03-02")), .responded(day("2022-03-08"), stage: 1)]
        let w = MyWork.compute(officer: "Sam Officer", cases: [MyWorkCaseInput(contact: c, letters: [])], actions: [], rules: .default,
                               calendar: cal, today: day("2022-03-09"), within: nil)
        XCTAssertEqual(w.items.map(\.kind), [.letter("enquiry-reply")])
    }
}
