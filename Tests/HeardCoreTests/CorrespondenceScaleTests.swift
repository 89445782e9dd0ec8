import Foundation
import HeardCore
import HeardTestSupport
import XCTest

/// A long contact log stays quick to show, and the CSV's correspondence cells carry any text
/// there and back or refuse what they cannot read.
final class CorrespondenceScaleTests: XCTestCase {
    let cal = WorkingDayCalendar.englandAndWales

    private func record(_ corr: Correspondence, events: [CaseEvent] = []) -> CaseRecord {
        var c = sampleComplaint(received: "2022-06-13")
        c.events = events
        return CaseRecord(contact: c, clock: c.clock(calendar: cal, today: day("2022-12-15")), calendar: cal, correspondence: corr)
    }

    func testTheTimelineMergesInDateOrderWithTheProcedureFirstOnADay() {
        let events = [CaseEvent(kind: .acknowledged, date: day("2022-06-14"), stage: 1)]
        let corr = Correspondence(
            log: [LogEntry(direction: .incoming, kind: .call, at: LogTime(date: day("2022-06-14")), note: "b"),
                  LogEntry(direction: .incoming, kind: .call, at: LogTime(date: day("2022-06-13")), note: "a"),
                  LogEntry(direction: .incoming, kind: .call, at: LogTime(date: day("2022-06-20")), note: "d")],
            letters: [LetterSent(template: "acknowledgement", stage: 1, sent: day("2022-06-14"), body: "")])
        let t = record(corr, events: events).timeline
        XCTAssertEqual(t.map(\.kind), ["received", "contact", "acknowledged", "contact", "letter", "contact"])
        XCTAssertEqual(t.map(\.date.iso), ["2022-06-13", "2022-06-13", "2022-06-14", "2022-06-14", "2022-06-14", "2022-06-20"])
    }

    func testTwentyThousandLogLinesMakeATimelineQuickly() {
        // Each inserted at its place used to cost a scan and a shift: 5,000 took seconds, 100,000 never ended.
        let log = (0..<20_000).map { i in
            LogEntry(direction: .incoming, kind: .call, at: LogTime(date: day("2022-06-13").adding(days: i % 300)), note: "n\(i)")
        }
        let start = Date()
        let t = record(Correspondence(log: log)).timeline
        XCTAssertLessThan(Date().timeIntervalSince(start), 3, "linear after the sort")
        XCTAssertEqual(t.count, 20_001)
        XCTAssertTrue(zip(t, t.dropFirst()).allSatisfy { $0.date <= $1.date })
    }

    func testWordsRepeatOnlyTheStartOfAHugeFirstLine() {
        let e = LogEntry(direction: .incoming, kind: .call, at: LogTime(date: day("2022-06-13")), note: String(repeating: "x", count: 1_000_000))
        XCTAssertLessThan(e.words.count, 130)
        XCTAssertTrue(e.words.hasSuffix("x…"), e.words)
    }
}
