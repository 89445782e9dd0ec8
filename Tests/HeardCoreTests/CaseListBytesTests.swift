@testable import HeardCore
import XCTest

/// Issue 14: `heard cases` writes rows from the database's bytes (`CaseListBytes`). Taken out
/// in chunks at any point, the bytes are the old String form's (`OldCaseList`); a cell that is
/// not valid UTF-8 comes out as the String every other reader makes of it.
final class CaseListBytesTests: XCTestCase {
    func testChunksTakenAnywhereJoinToTheOldForm() {
        var rng = SeededRandom(seed: 1818)
        for size in [0, 1, 2, 7, 300] {
            let rows = (0..<size).map { _ in CaseListWriterTests.row(&rng) }
            for format in ListFormat.allCases {
                var w = CaseListBytes(format: format)
                var out: [UInt8] = []
                for r in rows {
                    r.withListRow { w.append($0) }
                    if rng.chance(0.3) {
                        out += w.bytes
                        w.removeWritten()
                    }
                }
                w.finish()
                out += w.bytes
                XCTAssertEqual(w.count, size)
                let old = switch format {
                case .json: OldCaseList.json(rows)
                case .csv: OldCaseList.csv(rows)
                case .table: OldCaseList.table(rows)
                }
                XCTAssertEqual(out, Array(old.utf8), "\(format) of \(size)")
            }
        }
    }

    /// A cell of ASCII, Latin letters and CJK ideographs is cut where `TextTable.fit` cuts it,
    /// whatever follows: random cells of those, of the characters at the edges of the ranges
    /// (U+00BF, U+0250, U+4DFF, U+A000), of marks that combine with a letter or an ideograph
    /// (U+0301, U+3099), variation selectors, a soft hyphen, controls, other wide letters and
    /// emoji. An ideograph takes two cells, so odd widths cut before one and pad a space.
    func testPlainCellsAreCutWhereTheFitCutsThem() {
        var rng = SeededRandom(seed: 2611)
        let latin: [Unicode.Scalar] = ["a", "Z", " ", "~", "'", "\u{C0}", "\u{E9}", "\u{F8}", "\u{FF}", "\u{100}", "\u{17E}", "\u{1F0}", "\u{24F}", "\u{D7}",
                                      "\u{4E00}", "\u{4E2D}", "\u{5C0F}", "\u{674E}", "\u{9F8D}", "\u{9FFF}"]
        let others: [Unicode.Scalar] = ["\u{BF}", "\u{250}", "\u{301}", "\u{AD}", "\u{85}", "\u{A0}", "\u{7F}", "\t", "\u{1F600}", "\u{200D}", "\u{FE0F}",
                                       "\u{4DFF}", "\u{4DB5}", "\u{A000}", "\u{3099}", "\u{FE00}", "\u{E0100}", "\u{AC00}", "\u{FF21}"]
        var judged = (fast: 0, slow: 0)
        for _ in 0..<4_000 {
            var s = String.UnicodeScalarView()
            for _ in 0..<rng.int(14) { s.append(rng.chance(0.9) ? rng.pick(latin) : rng.pick(others)) }
            let text = String(s)
            for width in [-1, 0, 1, 2, 3, 8, 13, 14, 20] {
                var bytes = Array(text.utf8)
                let fast = bytes.withUnsafeMutableBufferPointer { CaseListBytes.plainFit(UnsafeBufferPointer($0), width) }
                guard let (cut, cells) = fast else {
                    judged.slow += 1
                    XCTAssertTrue(text.unicodeScalars.contains { others.contains($0) }, "\(text.debugDescription) went the slow way")
                    continue
                }
                judged.fast += 1
                bytes = Array(bytes[..<cut]) + Array(repeating: 0x20, count: max(0, width - cells))
                XCTAssertEqual(String(decoding: bytes, as: UTF8.self), TextTable.fit(text, width), "\(text.debugDescription) in \(width)")
            }
        }
        XCTAssertGreaterThan(judged.fast, 10_000)
        XCTAssertGreaterThan(judged.slow, 1_000)
    }

    func testBytesThatAreNotUTF8AreWrittenAsTheirRepairedString() {
        // A lone continuation byte, a cut sequence, an overlong form, 0xFF, a surrogate's bytes,
        // each beside plain text and characters a format must escape.
        let cells: [[UInt8]] = [[0x80], [0x41, 0xFF, 0x42], [0xE5, 0xB0], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0x3D, 0xFF],
                                [0x22, 0xC2], [0xC2, 0x85], [0xF4, 0x90, 0x80, 0x80], Array("plain".utf8), [0x2C, 0xFE],
                                [0xC3], [0x41, 0xC9, 0x90], [0xC3, 0xA9, 0x80]]
        assertWrittenAsTheString(cells)
    }

    /// Latin and CJK cells, written from their bytes, are what the old String form wrote in every format:
    /// with the characters a format escapes (a quote, a backslash, a comma, a formula's first
    /// character) and beside characters outside the range.
    func testLatinAndCJKCellsAreWrittenAsTheString() {
        var rng = SeededRandom(seed: 77)
        let pieces = ["\u{E9}", "\u{C0}", "\u{24F}", "\u{17E}", "\u{5C0F}", "\u{9F8D}", "a", " ", "\"", "\\", ",", "=", "-", "@", "'", "\u{250}", "\u{85}", "\u{301}", "\n"]
        let cells = (0..<600).map { _ in Array((0..<rng.int(7)).map { _ in rng.pick(pieces) }.joined().utf8) }
        XCTAssertGreaterThan(cells.filter { $0.withUnsafeBufferPointer { CaseListBytes.plainFit($0, .max) != nil } }.count, 150)
        let rows = cells.map { cell in
            let text = String(decoding: cell, as: UTF8.self)
            return CaseSummary(id: 1, reference: text, kind: .complaint, received: LocalDate(year: 2026, month: 3, day: 16)!,
                               serviceArea: text, team: text, complainantName: text, isChildOrYoungPerson: false, officer: text,
                               summary: "", stage: 1, status: .open, due: nil, overdue: false, paused: false, extended: false,
                               daysLeft: nil, version: 1)
        }
        for format in ListFormat.allCases {
            var w = CaseListBytes(format: format)
            for r in rows { r.withListRow { w.append($0) } }
            w.finish()
            let old = switch format {
            case .json: OldCaseList.json(rows)
            case .csv: OldCaseList.csv(rows)
            case .table: OldCaseList.table(rows)
            }
            XCTAssertEqual(String(decoding: w.bytes, as: UTF8.self), old, "\(format)")
        }
    }

    /// Each cell, put in every text column of a row, is written by `CaseListBytes` as
    /// `CaseListWriter` writes the String made of it, in every format.
    private func assertWrittenAsTheString(_ cells: [[UInt8]], file: StaticString = #filePath, line: UInt = #line) {
        for format in ListFormat.allCases {
            for cell in cells {
                var bytes = CaseListBytes(format: format)
                var writer = CaseListWriter(format: format)
                let text = String(decoding: cell, as: UTF8.self)
                let summary = CaseSummary(id: 1, reference: text, kind: .complaint, received: LocalDate(year: 2026, month: 3, day: 16)!,
                                          serviceArea: text, team: text, complainantName: text, isChildOrYoungPerson: false, officer: text,
                                          summary: "", stage: 1, status: .open, due: nil, overdue: false, paused: false, extended: false,
                                          daysLeft: nil, version: 1)
                writer.append(summary)
                cell.withUnsafeBufferPointer { b in
                    bytes.append(CaseListRow(reference: b, kind: .complaint, received: summary.received, serviceArea: b, team: b,
                                             complainantName: b, isChildOrYoungPerson: false, officer: b, stage: 1, status: .open))
                }
                bytes.finish()
                XCTAssertEqual(bytes.bytes, Array(writer.finish().utf8), "\(format) of \(cell)", file: file, line: line)
            }
        }
    }

    func testKindsAndStatusesFromBytesAreTheRawValues() {
        for k in ContactKind.allCases {
            XCTAssertEqual(Array(k.rawValue.utf8).withUnsafeBufferPointer { ContactKind(rawUTF8: $0) }, k)
        }
        for s in CaseStatus.allCases {
            XCTAssertEqual(Array(s.rawValue.utf8).withUnsafeBufferPointer { CaseStatus(rawUTF8: $0) }, s)
        }
        for junk in ["", "Complaint", "complaint ", "open\0", "closedx", "not accepted"] {
            XCTAssertNil(Array(junk.utf8).withUnsafeBufferPointer { ContactKind(rawUTF8: $0) }, junk)
            XCTAssertNil(Array(junk.utf8).withUnsafeBufferPointer { CaseStatus(rawUTF8: $0) }, junk)
            XCTAssertEqual(Array(junk.utf8).withUnsafeBufferPointer { CaseStatus(rawUTF8: $0) }, CaseStatus(rawValue: junk))
        }
    }

    /// The list's cells are judged plain and ASCII in one pass: the same answer as the two
    /// judgements it replaced, over every short run of the bytes that matter and random bytes.
    func testPlainIfASCIIIsBothJudgements() {
        let bytes: [UInt8] = [0x41, 0x27, 0x2C, 0x22, 0x0A, 0x0D, 0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x20, 0x7F, 0x80, 0xC2, 0xFF]
        var cases: [[UInt8]] = [[]]
        for a in bytes { cases.append([a]); for b in bytes { cases.append([a, b]); for c in bytes { cases.append([a, b, c]) } } }
        var rng = SeededRandom(seed: 31)
        for _ in 0..<2000 { cases.append((0..<rng.int(in: 0...12)).map { _ in UInt8(rng.int(256)) }) }
        for c in cases {
            let expected: Bool? = c.allSatisfy { $0 < 0x80 } ? CSVField.isPlainBytes(c) : nil
            XCTAssertEqual(c.withUnsafeBufferPointer { CSVField.plainIfASCII($0) }, expected, "\(c)")
            if expected != nil { XCTAssertEqual(expected, CSVField.escape(String(decoding: c, as: UTF8.self)) == String(decoding: c, as: UTF8.self)) }
        }
    }
}
