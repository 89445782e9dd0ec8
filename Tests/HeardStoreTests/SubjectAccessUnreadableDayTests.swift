import Foundation
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// A subject access request another tool wrote with days Heard cannot read: one marked completed
/// on an unreadable day was listed open by `heard sar --list` and written over by My work's `d`;
/// one recorded on an unreadable day was shown as recorded and due on 1 January 1970 (an attack).
/// Run on both databases.
final class SubjectAccessUnreadableDayTests: XCTestCase {
    private func request(_ store: Store, requested: String = "2022-06-15", due: String = "2022-07-15", completed: String?) throws -> Int64 {
        let r = try store.recordSubjectAccess(forWhom: "Zoe Example", cases: [], requested: day("2022-06-15"))
        let id = try XCTUnwrap(r.id)
        try store.write { tx in
            try tx.sql.execute("UPDATE subject_access_requests SET requested_at = ?, due = ?, completed = ? WHERE id = ?",
                               [.text(requested), .text(due), .text(completed), .int(id)])
        }
        return id
    }

    func testOneCompletedOnAnUnreadableDayIsNotOpenAndIsNotCompletedAgain() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let id = try request(store, completed: "yesterday")
        let r = try XCTUnwrap(try store.subjectAccessRequests().first { $0.id == id })
        XCTAssertNil(r.completed)
        XCTAssertTrue(r.completedUnreadable)
        XCTAssertFalse(r.isOpen)
        XCTAssertFalse(r.isOverdue(today: day("2023-01-01")), "done, whenever it was")
        XCTAssertEqual(r.state(today: day("2023-01-01")), "completed (on a day that cannot be read)")
        XCTAssertFalse(try store.subjectAccessRequests(openOnly: true).contains { $0.id == id })
        XCTAssertTrue(SubjectAccess.openRequests(for: PersonName("Zoe Example"), among: [r]).isEmpty, "not an open request for the name")
        let auditBefore = try store.query { try $0.int("SELECT count(*) FROM audit") }
        let e = storeError { try store.completeSubjectAccess(id: id, on: day("2023-01-02")) }
        XCTAssertTrue(e?.description.contains("is marked completed already, on a day Heard cannot read") == true, e?.description ?? "no error")
        XCTAssertEqual(try store.query { try $0.text("SELECT completed FROM subject_access_requests WHERE id = ?", [.int(id)]) }, "yesterday", "not written over")
        XCTAssertEqual(try store.query { try $0.int("SELECT count(*) FROM audit") }, auditBefore)
        XCTAssertTrue(try store.check(today: fixedToday).contains("subject access request #\(id): the day it was completed is not a date Heard can read (YYYY-MM-DD)"))
    }

    func testOneRecordedOnAnUnreadableDayIsNeverShownAs1970() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        // Its due day readable: kept.
        let a = try request(store, requested: "2022-13-45", due: "2022-07-15", completed: nil)
        // Its due day unreadable too: due at once, and said so.
        let b = try request(store, requested: "soon", due: "", completed: nil)
        // Recorded on a readable day, due on an unreadable one: a month after it, Heard's rule.
        let c = try request(store, requested: "2022-06-15", due: "later", completed: nil)
        let all = Dictionary(uniqueKeysWithValues: try store.subjectAccessRequests().map { ($0.id ?? 0, $0) })
        let ra = try XCTUnwrap(all[a]), rb = try XCTUnwrap(all[b]), rc = try XCTUnwrap(all[c])
        XCTAssertEqual(ra.requestedText, "unreadable")
        XCTAssertEqual(ra.dueText, "2022-07-15")
        XCTAssertEqual(rb.requestedText, "unreadable")
        XCTAssertEqual(rb.dueText, "unreadable")
        XCTAssertTrue(rb.isOverdue(today: fixedToday), "due at once")
        XCTAssertEqual(rc.dueText, "2022-07-15")
        XCTAssertFalse(rc.dueUnreadable)
        let words = try XCTUnwrap(SubjectAccess.openRequestWords([rb]))
        XCTAssertFalse(words.contains("1970"), words)
        XCTAssertTrue(words.contains("recorded on a day that cannot be read, due on a day that cannot be read"), words)
        let problems = try store.check(today: fixedToday)
        XCTAssertTrue(problems.contains("subject access request #\(a): the day it was recorded is not a date Heard can read (YYYY-MM-DD)"), "\(problems)")
        XCTAssertTrue(problems.contains("subject access request #\(b): the day it is due is not a date Heard can read (YYYY-MM-DD)"), "\(problems)")
        XCTAssertTrue(problems.contains("subject access request #\(c): the day it is due is not a date Heard can read (YYYY-MM-DD)"), "\(problems)")
        XCTAssertFalse(problems.contains { $0.contains("#\(a): the day it is due") }, "\(problems)")
        // Marked answered as any other.
        XCTAssertEqual(try store.completeSubjectAccess(id: b, on: fixedToday).completed, fixedToday)
    }

    /// A blank `completed` (an empty cell another tool wrote) is open, not done on an unreadable
    /// day: it was left out of every list of work while its month ran on.
    func testABlankCompletedDayIsOpen() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let blank = try request(store, completed: "")
        let spaces = try request(store, completed: "  ")
        let tab = try request(store, completed: "\t \r\n")
        let done = try request(store, completed: "2022-07-01")
        let padded = try request(store, completed: " 2022-07-02\t")
        let open = try store.subjectAccessRequests(openOnly: true).map(\.id)
        XCTAssertEqual(open, [blank, spaces, tab])
        let all = try store.subjectAccessRequests()
        XCTAssertEqual(try XCTUnwrap(all.first { $0.id == padded }).completed, day("2022-07-02"), "a padded date is that date")
        for id in [blank, spaces, tab] {
            let r = try XCTUnwrap(all.first { $0.id == id })
            XCTAssertTrue(r.isOpen)
            XCTAssertFalse(r.completedUnreadable)
            XCTAssertTrue(r.isOverdue(today: day("2023-01-01")))
        }
        XCTAssertFalse(try XCTUnwrap(all.first { $0.id == done }).isOpen)
        XCTAssertFalse(try store.check(today: fixedToday).contains { p in [blank, spaces, tab, padded].contains { p.contains("#\($0):") } })
        XCTAssertEqual(try store.completeSubjectAccess(id: blank, on: fixedToday).completed, fixedToday)
        XCTAssertEqual(try store.subjectAccessRequests(openOnly: true).map(\.id), [spaces, tab])
    }

    /// A request's cases are split on their bytes as `split(separator: "\n")` splits Characters:
    /// empty lines left out, a "\r\n" another tool wrote not a break (one Character), a line
    /// feed before a combining mark a break.
    func testARequestsCasesAreSplitAsCharactersSplitThem() {
        for text in ["", "\n", "CS-1", "CS-1\nCS-2", "\n\nCS-1\n\nCS-2\n", "CS-1\r\nCS-2\nCS-3\r", "a\n\u{301}b", "\r\n\n\r",
                     "Zo\u{EB}\nO\u{2019}Neill\n\u{1F600}", "\nx"] {
            XCTAssertEqual(Store.caseList(text), text.split(separator: "\n").map(String.init), text.debugDescription)
        }
    }
}

