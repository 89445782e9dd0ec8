import Foundation
import GRDB
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// The contact log, letters sent and documents on real files: each added, listed, audited under
/// the case's reference and undone as one step; bad documents refused without a change.
final class CorrespondenceStoreTests: XCTestCase {
    private func newCase(_ dir: TemporaryDirectory) throws -> (Store, Contact, Int64) {
        let store = try makeStore(in: dir)
        let c = try store.add(sampleComplaint(received: "2022-06-13"), today: fixedToday)
        return (store, c, try XCTUnwrap(c.id))
    }

    private func rows(_ store: Store, _ table: String) throws -> Int {
        try rawInt(store.path, "SELECT count(*) FROM \(table)") ?? -1
    }

    private let call = LogEntry(direction: .incoming, kind: .call, with: "Mrs Patel", at: LogTime(date: day("2022-06-14"), minutes: 14 * 60 + 30),
                                note: "Asked for an update.\nWill ring back Friday.")

    func testALogEntryIsAddedListedAuditedAndUndone() throws {
        let dir = TemporaryDirectory()
        let (store, c, id) = try newCase(dir)
        let saved = try store.addLogEntry(call, to: id)
        XCTAssertNotNil(saved.id)
        let log = try store.correspondence(contactID: id).log
        XCTAssertEqual(log.map(\.note), ["Asked for an update.\nWill ring back Friday."])
        XCTAssertEqual(log.first?.at.text, "2022-06-14 14:30")
        XCTAssertEqual(log.first?.recordedBy, "Test Officer")
        let audit = try XCTUnwrap(store.recentAudit(limit: 1).first)
        XCTAssertEqual(audit.entity, .other("contact_log"))
        XCTAssertEqual(audit.reference, c.reference)
        XCTAssertEqual(audit.parentID, id)

        XCTAssertEqual(try store.undoableCount(), 2)
        let undone = try XCTUnwrap(try store.undoLast(today: fixedToday))
        XCTAssertEqual(undone.summary, "Undid: contact log entry on \(c.reference)")
        XCTAssertEqual(undone.contactIDs, [id])
        XCTAssertEqual(try rows(store, "contact_log"), 0)
    }

    func testWhomIsKeptWithoutItsAtAndATimeBeforeTheCaseIsRefused() throws {
        let dir = TemporaryDirectory()
        let (store, _, id) = try newCase(dir)
        var e = call
        e.with = " @school "
        XCTAssertEqual(try store.addLogEntry(e, to: id).with, "school", "one rule with the screen's @school")
        let audits = try auditCount(store.path)
        e.at = LogTime(date: day("2019-01-01"))
        guard case .refused(let m)? = storeError({ try store.addLogEntry(e, to: id) }) else { return XCTFail("expected a refusal") }
        XCTAssertEqual(m, "2019-01-01 is before the case was received on 2022-06-13.")
        XCTAssertEqual(try rows(store, "contact_log"), 1)
        XCTAssertEqual(try auditCount(store.path), audits)
    }

    func testALetterIsRecordedAndUndone() throws {
        let dir = TemporaryDirectory()
        let (store, c, id) = try newCase(dir)
        try store.recordLetter(LetterSent(template: "acknowledgement", stage: 1, sent: day("2022-06-14"), body: "Dear Mrs Patel"), on: id)
        XCTAssertEqual(try store.correspondence(contactID: id).letters.map(\.template), ["acknowledgement"])
        XCTAssertEqual(try store.recentAudit(limit: 1).first?.reference, c.reference)
        XCTAssertEqual(try store.undoLast(today: fixedToday)?.summary, "Undid: letter sent on \(c.reference)")
        XCTAssertEqual(try rows(store, "letters"), 0)
    }

    func testALetterAndTheAcknowledgementItFillsInAreOneUndoStep() throws {
        let dir = TemporaryDirectory()
        let (store, c, id) = try newCase(dir)
        let before = try store.undoableCount()
        try store.write { tx in
            _ = try store.apply(CaseStep(events: [.acknowledged(day("2022-06-14"))]), on: id, version: c.version, today: fixedToday, in: tx)
            try store.recordLetter(LetterSent(template: "acknowledgement", stage: 1, sent: day("2022-06-14"), body: "Dear"), on: id, in: tx)
        }
        XCTAssertEqual(try store.undoableCount(), before + 1)
        XCTAssertEqual(try store.contact(id: id).events.map(\.kind), [.acknowledged])
        let undone = try XCTUnwrap(try store.undoLast(today: fixedToday))
        XCTAssertEqual(undone.steps.count, 2, undone.steps.joined(separator: " | "))
        XCTAssertEqual(try rows(store, "letters"), 0)
        XCTAssertEqual(try store.contact(id: id).events, [])
    }

    func testADocumentKeepsItsBytesAndItsSHA256AndIsUndone() throws {
        let dir = TemporaryDirectory()
        let (store, c, id) = try newCase(dir)
        let bytes = Data((0..<3000).map { UInt8($0 % 251) })
        let info = try store.addDocument(named: "/tmp/in/complaint letter.pdf", data: bytes, added: fixedToday, to: id)
        XCTAssertEqual(info.number, 1)
        XCTAssertEqual(info.name, "complaint letter.pdf")
        XCTAssertEqual(info.type, "application/pdf")
        XCTAssertEqual(info.size, 3000)
        let second = try store.addDocument(named: "note.txt", data: Data("hello\n".utf8), added: fixedToday, to: id)
        XCTAssertEqual(second.number, 2)

        let (got, data) = try store.document(contactID: id, number: 1)
        XCTAssertEqual(data, bytes)
        XCTAssertEqual(got.sha256, SHA256.hex(data))
        XCTAssertEqual(got.sha256.count, 64)
        XCTAssertEqual(try store.correspondence(contactID: id).documents.map(\.name), ["complaint letter.pdf", "note.txt"])
        XCTAssertEqual(try store.recentAudit(limit: 1).first?.reference, c.reference)

        guard case .refused(let m)? = storeError({ try store.document(contactID: id, number: 3) }) else { return XCTFail("expected a refusal") }
        XCTAssertEqual(m, "There is no document 3: the case has documents 1 to 2.")
        guard case .refused(let z)? = storeError({ try store.document(contactID: id, number: 0) }) else { return XCTFail("expected a refusal") }
        XCTAssertTrue(z.contains("1 to 2"), z)

        XCTAssertEqual(try store.undoLast(today: fixedToday)?.summary, "Undid: document on \(c.reference)")
        XCTAssertEqual(try store.correspondence(contactID: id).documents.map(\.name), ["complaint letter.pdf"])
    }

    func testADocumentOverTheLimitOrEmptyIsRefusedAndChangesNothing() throws {
        let dir = TemporaryDirectory()
        let (store, _, id) = try newCase(dir)
        let audits = try auditCount(store.path)
        guard case .refused(let big)? = storeError({ try store.addDocument(named: "big.pdf", data: Data(count: 2049), added: fixedToday, to: id, limit: 2048) })
        else { return XCTFail("expected a refusal") }
        XCTAssertTrue(big.contains("the limit is 2 KB"), big)
        guard case .refused(let empty)? = storeError({ try store.addDocument(named: "empty.txt", data: Data(), added: fixedToday, to: id) })
        else { return XCTFail("expected a refusal") }
        XCTAssertTrue(empty.contains("is empty"), empty)
        XCTAssertEqual(try rows(store, "documents"), 0)
        XCTAssertEqual(try auditCount(store.path), audits)
    }

    func testTheSameFileTwiceIsRefusedUnlessAgain() throws {
        let dir = TemporaryDirectory()
        let (store, _, id) = try newCase(dir)
        let bytes = Data("the complaint".utf8)
        try store.addDocument(named: "a.txt", data: Data("other".utf8), added: fixedToday, to: id)
        try store.addDocument(named: "letter.txt", data: bytes, added: fixedToday, to: id)
        let audits = try auditCount(store.path)
        guard case .refused(let m)? = storeError({ try store.addDocument(named: "copy.txt", data: bytes, added: fixedToday, to: id) })
        else { return XCTFail("expected a refusal") }
        XCTAssertEqual(m, "The same file is already document 2 (letter.txt) on this case; not kept twice.")
        XCTAssertEqual(try rows(store, "documents"), 2)
        XCTAssertEqual(try auditCount(store.path), audits)
        XCTAssertEqual(try store.addDocument(named: "copy.txt", data: bytes, added: fixedToday, to: id, again: true).number, 3)
    }

    func testUndoOfARowAlreadyGoneStopsThere() throws {
        let dir = TemporaryDirectory()
        let (store, _, id) = try newCase(dir)
        try store.addLogEntry(call, to: id)
        try rawExecute(store.path, "DELETE FROM contact_log")
        guard case .refused(let m)? = storeError({ try store.undoLast(today: fixedToday) }) else { return XCTFail("expected a refusal") }
        XCTAssertTrue(m.contains("no longer exists; nothing was undone (undo goes no further back)"), m)
    }

    func testTheReportCountsContactsPerComplaintReceivedInThePeriodAndHidesSmallOnesInPublic() throws {
        let dir = TemporaryDirectory()
        let (store, _, id) = try newCase(dir)
        _ = try store.add(sampleComplaint(received: "2022-06-14"), today: fixedToday)
        let old = try XCTUnwrap(try store.add(sampleComplaint(received: "2021-01-04"), today: fixedToday).id)
        for _ in 0..<3 { try store.addLogEntry(call, to: id) }
        try store.addLogEntry(call, to: old)
        let period = Period(from: day("2022-06-01"), to: fixedToday)
        let options = ReportOptions(period: period, today: fixedToday, calendar: try store.calendar())
        let report = AnnualReport.build(try store.reportInput(for: period, today: fixedToday), options)
        XCTAssertEqual(report.value(at: "complaints.contact_log.entries")?.count, 3, "the 2021 case's call is outside the period")
        XCTAssertEqual(report.value(at: "complaints.contact_log.per_complaint"), .number(1.5))
        let pub = report.publicVersion(threshold: 4)
        XCTAssertEqual(pub.value(at: "complaints.contact_log.entries"), .suppressed)
        XCTAssertEqual(pub.value(at: "complaints.contact_log.per_complaint"), .suppressed, "a rate would give the hidden count back")
        XCTAssertEqual(report.publicVersion(threshold: 2).value(at: "complaints.contact_log.entries")?.count, 3)
        XCTAssertEqual(report.publicVersion(threshold: 2).value(at: "complaints.contact_log.per_complaint"), .suppressed,
                       "3 entries at 1.5 a complaint give the 2 complaints hidden back")
        XCTAssertEqual(report.publicVersion(threshold: 1).value(at: "complaints.contact_log.per_complaint"), .text("1.5"),
                       "a ratio in a public report is text, so a whole one is not taken for a small count")
    }
}
