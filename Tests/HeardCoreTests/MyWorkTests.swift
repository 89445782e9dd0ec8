import CellWidth
import HeardCore
import HeardTestSupport
import XCTest

/// "My work": each kind of deadline, the officer and window rules, and the order.
final class MyWorkTests: XCTestCase {
    let cal = WorkingDayCalendar.englandAndWales

    func complaint(_ ref: String, received: String = "2022-03-01", officer: String = "Sam Officer", events: [CaseEvent] = [],
                   issues: [ComplaintIssue] = [], id: Int64 = 1) -> Contact {
        var c = Contact(reference: ref, kind: .complaint, received: day(received), serviceArea: "Fostering Service", complainantName: "A Parent", summary: "s")
        c.id = id
        c.procedure = .statutory
        c.officer = officer
        c.events = events
        c.issues = issues
        return c
    }

    func work(_ cases: [Contact], letters: [Int64: [LetterSent]] = [:], actions: [ActionItem] = [], today: String,
              officer: String = "Sam Officer", within: Int? = MyWork.defaultWithin) -> MyWork {
        MyWork.compute(officer: officer, cases: cases.map { MyWorkCaseInput(contact: $0, letters: letters[$0.id ?? 0] ?? []) },
                       actions: actions, rules: .default, calendar: cal, today: day(today), within: within)
    }

    func testAnUnacknowledgedStageOwesItsAcknowledgementAndItsLetter() throws {
        let c = complaint("CS-2022-0001")
        let w = work([c], today: "2022-03-07")
        let clock = c.clock(calendar: cal, today: day("2022-03-07"))
        let items = try XCTUnwrap(w.cases.first).items
        let ack = try XCTUnwrap(items.first { $0.kind == .acknowledgement })
        XCTAssertEqual(ack.date, day("2022-03-04"), "3 working days after Tuesday 1 March")
        XCTAssertEqual(ack.date, clock.current?.acknowledgementDue)
        XCTAssertTrue(ack.isOverdue)
        XCTAssertEqual(ack.daysLeft, -1, "Friday's deadline is one working day past on Monday")
        XCTAssertEqual(ack.what, "stage 1 acknowledgement")
        let letter = try XCTUnwrap(items.first { $0.kind == .letter("acknowledgement") })
        XCTAssertEqual(letter.what, "acknowledgement letter")
        XCTAssertEqual(letter.date, ack.date)
        XCTAssertEqual(w.cases.first?.next?.kind, .acknowledgement, "the move before its letter on the same day")
    }

    func testAcknowledgedStageOwesOnlyItsResponse() throws {
        let c = complaint("CS-2022-0001", events: [.acknowledged(day("2022-03-02"))])
        let w = work([c], today: "2022-03-07")
        let due = try XCTUnwrap(c.clock(calendar: cal, today: day("2022-03-07")).due)
        XCTAssertEqual(w.items.map(\.kind), [.response])
        XCTAssertEqual(w.items.first?.date, due)
        XCTAssertEqual(w.items.first?.daysLeft, cal.workingDays(after: day("2022-03-07"), through: due))
        XCTAssertFalse(w.items[0].isOverdue)
        XCTAssertEqual(w.items.first?.what, "stage 1 response")
    }

    func testAnExtendedResponseIsDueOnItsExtendedDateAndOwesTheExtensionNotice() throws {
        let c = complaint("CS-2022-0001", events: [.acknowledged(day("2022-03-02")), .extended(day("2022-03-10"), stage: 1, to: day("2022-03-29"), reason: "complex")])
        let w = work([c], today: "2022-03-14", within: nil)
        let response = try XCTUnwrap(w.items.first { $0.kind == .response })
        XCTAssertEqual(response.date, day("2022-03-29"))
        XCTAssertTrue(response.extended)
        XCTAssertEqual(response.what, "stage 1 response (extended)")
        let notice = try XCTUnwrap(w.items.first { $0.kind == .letter("extension") })
        XCTAssertEqual(notice.date, day("2022-03-10"))
        XCTAssertTrue(notice.isOverdue)
        XCTAssertEqual(notice.what, "extension notice letter")
        // Sent on the day: no longer owed.
        let sent = LetterSent(template: "extension", stage: 1, sent: day("2022-03-10"), body: "")
        XCTAssertNil(work([c], letters: [1: [sent]], today: "2022-03-14", within: nil).items.first { $0.kind.isLetter })
    }

    func testAnsweredStageShowsItsEscalationWindowAndTheResponseLetter() throws {
        let c = complaint("CS-2022-0001", events: [.acknowledged(day("2022-03-02")), .responded(day("2022-03-11"), stage: 1, outcome: .notUpheld)])
        let w = work([c], today: "2022-03-14", within: nil)
        let window = try XCTUnwrap(w.items.first { $0.kind == .windowEnds })
        XCTAssertEqual(window.date, cal.adding(workingDays: Rules.default.procedure(.statutory).escalationWindowDays, after: day("2022-03-11")))
        XCTAssertEqual(window.what, "escalation window ends")
        XCTAssertFalse(w.items.contains { $0.kind == .response || $0.kind == .acknowledgement })
        XCTAssertEqual(w.items.filter { $0.kind.isLetter }.map(\.kind), [.letter("stage1-response")])
        // Once the window has passed, the case is closed and owes nothing.
        XCTAssertTrue(work([c], today: "2022-06-01", within: nil).isEmpty)
    }

    func testAnAnsweredEnquiryOwesItsReplyLetterWhileTheAnswerIsRecent() throws {
        var c = complaint("EN-2022-0001", events: [.acknowledged(day("2022-03-02")), .responded(day("2022-03-08"), stage: 1)])
        c.kind = .enquiry
        c.procedure = nil
        XCTAssertEqual(c.clock(calendar: cal, today: day("2022-03-10")).status, .closed, "an answered enquiry is closed at once")
        let w = work([c], today: "2022-03-10", within: nil)
        XCTAssertEqual(w.items.map(\.kind), [.letter("enquiry-reply")])
        XCTAssertEqual(w.items.first?.what, "enquiry reply letter")
        XCTAssertEqual(w.items.first?.stage, nil)
        XCTAssertTrue(work([c], today: "2022-06-01", within: nil).isEmpty, "not owed for ever")
        let sent = LetterSent(template: "enquiry-reply", stage: 1, sent: day("2022-03-09"), body: "")
        XCTAssertTrue(work([c], letters: [1: [sent]], today: "2022-03-10", within: nil).isEmpty)
    }

    func testOnlyTheOfficersActiveCasesCountMatchedWithoutCaseOrSpaces() {
        let mine = complaint("CS-2022-0001", officer: "  sam OFFICER ", id: 1)
        let theirs = complaint("CS-2022-0002", officer: "Another", id: 2)
        let closed = complaint("CS-2022-0003", events: [.withdrawn(day("2022-03-02"), reason: "r")], id: 3)
        let w = work([mine, theirs, closed], today: "2022-03-07")
        XCTAssertEqual(w.cases.map(\.reference), ["CS-2022-0001"])
        XCTAssertTrue(work([mine], today: "2022-03-07", officer: "  ").isEmpty, "no officer: nobody's work")
    }

    func testTheWindowKeepsOverdueAndWhatIsDueWithinNWorkingDays() {
        let c = complaint("CS-2022-0001", events: [.acknowledged(day("2022-03-02"))])
        let due = c.clock(calendar: cal, today: day("2022-03-02")).due!
        let left = cal.workingDays(after: day("2022-03-02"), through: due)
        XCTAssertTrue(work([c], today: "2022-03-02", within: left - 1).isEmpty)
        XCTAssertEqual(work([c], today: "2022-03-02", within: left).items.count, 1)
        XCTAssertEqual(work([c], today: "2022-03-02", within: 0).items.count, 0)
        let late = complaint("CS-2022-0002", id: 2)
        XCTAssertEqual(work([late], today: "2022-03-07", within: 0).items.map(\.kind), [.acknowledgement, .letter("acknowledgement")],
                       "overdue is always shown")
    }

    func testTheOfficersOutstandingDatedActionsOverdueOrDueSoon() {
        let today = day("2022-03-07")
        let actions = [
            ActionItem(id: 1, title: "Overdue one", owner: "sam officer", created: day("2022-01-01"), due: day("2022-03-01")),
            ActionItem(id: 2, title: "Soon", owner: " Sam Officer", created: day("2022-01-01"), due: day("2022-03-09")),
            ActionItem(id: 3, title: "Far", owner: "Sam Officer", created: day("2022-01-01"), due: day("2022-06-01")),
            ActionItem(id: 4, title: "Undated", owner: "Sam Officer", created: day("2022-01-01")),
            ActionItem(id: 5, title: "Done", owner: "Sam Officer", created: day("2022-01-01"), due: day("2022-03-01"), status: .done, completed: day("2022-03-02")),
            ActionItem(id: 6, title: "Someone else's", owner: "Another", created: day("2022-01-01"), due: day("2022-03-01")),
        ]
        let w = work([], actions: actions, today: today.iso)
        XCTAssertEqual(w.actions.map(\.action.title), ["Overdue one", "Soon"])
        XCTAssertEqual(w.actions.map(\.isOverdue), [true, false])
        XCTAssertEqual(w.actions.map(\.daysLeft), [-4, 2])
        XCTAssertEqual(w.entries.map(\.what), ["action: Overdue one", "action: Soon"])
    }

    /// An action's title is the last column, as wide as its text, but not 300,000 zero-width
    /// spaces or a heap of combining marks (an attack: `heard actions` and `heard digest`
    /// printed a 1 MB line).
    func testAnActionTitleOfInvisibleCharactersIsTamed() {
        let today = day("2022-03-07")
        let title = "Brief" + String(repeating: "\u{200B}", count: 300_000) + " the team" + "e" + String(repeating: "\u{301}", count: 50_000)
        let a = ActionItem(id: 1, title: title, owner: "Sam Officer", created: day("2022-01-01"), due: day("2022-03-01"))
        let table = ActionListFormat.table([a], today: today)
        XCTAssertLessThan(table.utf8.count, 400, "\(table.utf8.count) bytes")
        XCTAssertTrue(table.filter { $0 != "\u{200B}" }.contains("Brief the team"), table)
        let w = work([], actions: [a], today: today.iso)
        XCTAssertLessThan(w.entries.map(\.what).joined().utf8.count, 200)
    }

    func testDaysWords() {
        XCTAssertEqual(MyWork.daysWords(0, overdue: false), "due today")
        XCTAssertEqual(MyWork.daysWords(1, overdue: false), "1 day left")
        XCTAssertEqual(MyWork.daysWords(-3, overdue: true), "3 days over")
        XCTAssertEqual(MyWork.daysWords(0, overdue: true), "overdue")
    }

    /// Property: whatever the cases, each case's items run overdue first then by date, its next
    /// is its first, and the cases run by their next item (overdue, date) then reference.
    func testOrderHoldsForManyGeneratedCaseLoads() {
        var random = SeededRandom(seed: 11)
        var checkedCases = 0
        for round in 0..<60 {
            var cases: [Contact] = []
            for n in 0..<random.int(in: 1...12) {
                let received = day("2022-01-04").adding(days: random.int(70))
                var events: [CaseEvent] = []
                if random.chance(0.5) { events.append(.acknowledged(received.adding(days: random.int(4)), stage: 1)) }
                if random.chance(0.3) { events.append(.extended(received.adding(days: 5), stage: 1, to: received.adding(days: 40), reason: "r")) }
                if random.chance(0.3) { events.append(.responded(received.adding(days: 12), stage: 1, outcome: .upheld)) }
                // References out of the order they are given in, some sharing a next date.
                let ref = "CS-2022-" + String(1000 + random.int(9000)) + "-\(n)"
                cases.append(complaint(ref, received: received.iso, events: events.filter { $0.date <= day("2022-03-20") }, id: Int64(n + 1)))
            }
            let w = work(cases.shuffled(using: &random), today: "2022-03-20", within: random.chance(0.5) ? nil : random.int(15))
            for c in w.cases {
                XCTAssertFalse(c.items.isEmpty)
                XCTAssertEqual(c.next, c.items.first)
                for (a, b) in zip(c.items, c.items.dropFirst()) {
                    XCTAssertTrue(a.isOverdue || !b.isOverdue, "round \(round): overdue first")
                    if a.isOverdue == b.isOverdue { XCTAssertLessThanOrEqual(a.date, b.date, "round \(round)") }
                }
                checkedCases += 1
            }
            for (a, b) in zip(w.cases, w.cases.dropFirst()) {
                let x = a.next!, y = b.next!
                XCTAssertTrue(x.isOverdue || !y.isOverdue, "round \(round): overdue cases first")
                if x.isOverdue == y.isOverdue {
                    XCTAssertLessThanOrEqual(x.date, y.date, "round \(round): soonest first")
                    if x.date == y.date { XCTAssertLessThan(a.reference, b.reference, "round \(round): ties by reference") }
                }
            }
            // The lines read overdue first, then by date.
            for (a, b) in zip(w.entries, w.entries.dropFirst()) {
                XCTAssertTrue(a.isOverdue || !b.isOverdue, "round \(round): overdue lines first")
                if a.isOverdue == b.isOverdue { XCTAssertLessThanOrEqual(a.date, b.date, "round \(round): lines by date") }
            }
            XCTAssertEqual(w.entries.count, w.items.count + w.actions.count)
            // Nothing lost: a case is listed exactly when it has an item in the window.
            let expected = cases.filter { c in
                MyWork.dueItems(MyWorkCaseInput(contact: c), rules: .default, calendar: cal, today: day("2022-03-20"))
                    .contains { item in item.isOverdue || w.within.map { n in item.daysLeft <= n } ?? true }
            }
            XCTAssertEqual(Set(w.cases.map(\.reference)), Set(expected.map(\.reference)), "round \(round)")
        }
        XCTAssertGreaterThan(checkedCases, 100)
    }

    func testTheDigestTextGroupsAndLeavesOutNames() {
        let c = complaint("CS-2022-0001")
        let w = work([c], today: "2022-03-07", within: nil)
        let t = w.text()
        XCTAssertTrue(t.hasPrefix("What is due for Sam Officer as of 2022-03-07\n"), t)
        XCTAssertTrue(t.contains("\nOverdue (2)\n"), t)
        XCTAssertTrue(t.contains("  2022-03-04  1 day over     CS-2022-0001  Fostering Service  stage 1 acknowledgement\n"), t)
        XCTAssertTrue(t.contains("\nDue (1)\n"), t)
        XCTAssertFalse(t.contains("A Parent"), "no complainant's name in an email")
        var long = complaint("CS-2022-0003", id: 3)
        long.serviceArea = "Independent Reviewing Officers"
        XCTAssertTrue(work([long], today: "2022-03-07").text().contains("  Independent Reviewing Officers  stage 1 acknowledgement\n"), "whole, in an email")
        XCTAssertEqual(work([], today: "2022-03-07").text(), "Nothing due for Sam Officer within 10 working days as of 2022-03-07.\n")
    }

    func testTheDigestColumnsLineUpWithWideCharacters() {
        var wide = complaint("CS-2022-0002", id: 2)
        wide.serviceArea = "児童福祉サービス"
        let t = work([complaint("CS-2022-0001"), wide], today: "2022-03-07").text()
        let lines = t.split(separator: "\n").map(String.init).filter { $0.contains("stage 1 acknowledgement") }
        XCTAssertEqual(lines.count, 2, t)
        let columns = lines.compactMap { l in l.range(of: "stage 1").map { displayWidth(String(l[..<$0.lowerBound])) } }
        XCTAssertEqual(columns.count, 2)
        XCTAssertEqual(columns.first, columns.last, t)
    }

    func testTheDigestHTMLEscapesEverything() {
        var c = complaint("CS-2022-0001")
        c.serviceArea = "<script>alert(1)</script> & \u{1B}[31m"
        let h = work([c], today: "2022-03-07").html()
        XCTAssertTrue(h.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; [31m"), h)
        XCTAssertFalse(h.contains("<script>"))
        XCTAssertFalse(h.unicodeScalars.contains { $0.value == 0x1B })
        XCTAssertTrue(h.hasPrefix("<!DOCTYPE html>"))
    }
}
