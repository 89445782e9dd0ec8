import HeardCore
@testable import HeardStore
import XCTest

/// Issue 14: `heard cases` formats its rows on a second thread (`CaseListPipe`). Whatever the
/// batch and piece sizes, and whenever the pieces are collected, the bytes joined are exactly
/// `CaseListBytes`'s over the same rows, and the rows' cells were copied (the reader's bytes
/// are gone by the time a batch is formatted).
final class CaseListPipeTests: XCTestCase {
    static let pieces = ["Oliver", "Chen", "李", "小龍", "Zoë", "a,b", "say \"no\"", "line\nbreak", "cr\r\nlf", "tab\there", "\u{1}",
                         "\u{85}", "=SUM(A1)", "+1", "-2", "@x", "'=x", "e\u{301}", "🙂", "", " ", "\u{2028}", "\"", ","]

    struct Row {
        var cells: [[UInt8]]
        var kind: ContactKind, received: LocalDate, cyp: Bool, stage: Int?, status: CaseStatus
        var due: LocalDate?, overdue: Bool, daysLeft: Int?

        /// The row with its cells lent from a copy that is overwritten after the call.
        func lend(_ body: (CaseListRow) -> Void) {
            var scratch = cells
            func with(_ i: Int, _ next: (UnsafeBufferPointer<UInt8>) -> Void) {
                scratch[i].withUnsafeBufferPointer(next)
            }
            with(0) { a in with(1) { b in with(2) { c in with(3) { d in with(4) { e in
                var r = CaseListRow(reference: a, kind: kind, received: received, serviceArea: b, team: c, complainantName: d,
                                    isChildOrYoungPerson: cyp, officer: e, stage: stage, status: status)
                r.due = due
                r.overdue = overdue
                r.daysLeft = daysLeft
                body(r)
            } } } } }
            for i in scratch.indices { for j in scratch[i].indices { scratch[i][j] = 0x58 } }
        }
    }

    static func row(_ rng: inout SeededRandom) -> Row {
        func text() -> [UInt8] {
            if rng.chance(0.05) { return [0x41, 0xFF, 0x2C] }   // not UTF-8, and a comma
            return Array((0..<rng.int(in: 0...4)).map { _ in rng.pick(pieces) }.joined(separator: rng.chance(0.5) ? " " : "").utf8)
        }
        let day = LocalDate(year: rng.int(in: 2014...2030), month: rng.int(in: 1...12), day: rng.int(in: 1...28)) ?? LocalDate(dayNumber: 0)
        return Row(cells: [rng.chance(0.8) ? Array("CS-2026-\(rng.int(in: 1...99999))".utf8) : text(), text(), text(), text(), text()],
                   kind: rng.pick(ContactKind.allCases), received: day, cyp: rng.chance(0.3),
                   stage: rng.chance(0.5) ? rng.int(in: 0...12) : nil, status: rng.pick(CaseStatus.allCases),
                   due: rng.chance(0.5) ? day.adding(days: rng.int(in: -30...300)) : nil, overdue: rng.chance(0.2),
                   daysLeft: rng.chance(0.5) ? rng.int(in: -400...400) : nil)
    }

    func testPiecesJoinToTheWritersBytes() {
        var rng = SeededRandom(seed: 2112)
        for size in [0, 1, 2, 7, 301] {
            let rows = (0..<size).map { _ in Self.row(&rng) }
            for format in ListFormat.allCases {
                var direct = CaseListBytes(format: format)
                for r in rows { r.lend { direct.append($0) } }
                direct.finish()
                for (batch, piece) in [(1, 1), (3, 64), (1000, 1 << 20), (50, 4096)] {
                    let pipe = CaseListPipe(format: format, batchRows: batch, pieceBytes: piece)
                    var out: [UInt8] = []
                    for r in rows {
                        r.lend { pipe.add($0) }
                        if rng.chance(0.3) { for p in pipe.ready() { out += p } }
                    }
                    for p in pipe.finish() { out += p }
                    XCTAssertEqual(out, direct.bytes, "\(format), \(size) rows, batches of \(batch), pieces of \(piece)")
                }
            }
        }
    }

    /// A list that stops part way (a read fails) drops its pipe with batches in flight.
    func testAPipeDroppedMidListFinishesItsBatchesFirst() {
        var rng = SeededRandom(seed: 7)
        for format in ListFormat.allCases {
            var pipe: CaseListPipe? = CaseListPipe(format: format, batchRows: 1, pieceBytes: 8)
            for _ in 0..<50 { Self.row(&rng).lend { pipe?.add($0) } }
            pipe = nil
            XCTAssertNil(pipe)
        }
    }
}
