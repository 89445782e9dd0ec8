import Foundation
import HeardCore
import HeardTestSupport
import XCTest

/// The record's contact log, letters and documents sections, as `heard show` and the detail
/// screen show them.
final class CaseRecordCorrespondenceTests: XCTestCase {
    let cal = WorkingDayCalendar.englandAndWales

    private func texts(_ lines: [RecordLine]) -> [String] {
        lines.compactMap { line -> String? in
            switch line {
            case .spans(let s, _): return s.map(\.text).joined()
            case .paragraph(let t, _, _): return t
            default: return nil
            }
        }
    }

    private func record(today: String, events: [CaseEvent] = [], corr: Correspondence) -> CaseRecord {
        var c = sampleComplaint(received: "2022-06-13")
        c.events = events
        return CaseRecord(contact: c, clock: c.clock(calendar: cal, today: day(today)), calendar: cal, correspondence: corr)
    }

    func testTheLogIsShownInFullWithItsTimeAndTheLongNoteWhole() {
        let long = String(repeating: "The complainant explained the history again at length. ", count: 6)
        let corr = Correspondence(log: [
            LogEntry(direction: .incoming, kind: .call, with: "Mrs Patel", at: LogTime(date: day("2022-06-14"), minutes: 14 * 60 + 30), note: long),
            LogEntry(direction: .outgoing, kind: .email, with: "", at: LogTime(date: day("2022-06-15")), note: "Sent the leaflet."),
        ])
        let t = texts(record(today: "2022-06-15", corr: corr).correspondenceLines)
        XCTAssertEqual(Array(t.prefix(4)), ["2022-06-14 14:30  call in from Mrs Patel", long,
                                            "2022-06-15  email out", "Sent the leaflet."])
    }

    func testLettersSentAndTheAcknowledgementStillDueWithItsTone() {
        let due = record(today: "2022-06-14", corr: Correspondence())
        let lines = due.correspondenceLines
        XCTAssertTrue(lines.contains(.spans([RecordSpan("needed Acknowledgement (stage 1): "), RecordSpan("due 2022-06-16", .dueSoon)], indent: 2)), "\(texts(lines))")
        let late = record(today: "2022-06-20", corr: Correspondence())
        XCTAssertTrue(texts(late.correspondenceLines).contains("needed Acknowledgement (stage 1): overdue since 2022-06-16"), "\(texts(late.correspondenceLines))")

        let sent = Correspondence(letters: [LetterSent(template: "acknowledgement", stage: 1, sent: day("2022-06-14"), format: "docx", body: "Dear")])
        let done = texts(record(today: "2022-06-20", events: [.acknowledged(day("2022-06-14"))], corr: sent).correspondenceLines)
        XCTAssertTrue(done.contains("2022-06-14  sent Acknowledgement (stage 1) · docx"), "\(done)")
        XCTAssertFalse(done.contains { $0.hasPrefix("needed") }, "\(done)")
    }

    func testDocumentsWithNumberSizeAndShortSHAWithinEightyColumns() {
        let corr = Correspondence(documents: [DocumentInfo(number: 1, name: "complaint-letter.pdf", size: 48_000, type: "application/pdf",
                                                           added: day("2022-06-14"), sha256: String(repeating: "ab", count: 32))])
        let t = texts(record(today: "2022-06-15", corr: corr).correspondenceLines)
        XCTAssertTrue(t.contains("1. complaint-letter.pdf"), "\(t)")
        XCTAssertTrue(t.contains("application/pdf · 47 KB · added 2022-06-14 · SHA-256 abababababab"), "\(t)")
        let empty = texts(record(today: "2022-06-15", corr: Correspondence()).correspondenceLines)
        XCTAssertTrue(empty.contains("No contacts logged.") && empty.contains("No documents kept."), "\(empty)")
        let lines = record(today: "2022-06-15", corr: corr).correspondenceLines
        for case .spans(let s, let indent) in lines { XCTAssertLessThanOrEqual(indent + s.map(\.text).joined().count, 80) }
    }
}
