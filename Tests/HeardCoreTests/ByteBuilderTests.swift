@testable import HeardCore
import XCTest

/// Issue 14: the list's bytes are written through `ByteBuilder` (an append is a copy, where
/// `Array`'s cost seventy instructions more), and its cells are first given a quick look
/// (`ASCIIBytes`) that may only say yes where the careful rules would.
final class ByteBuilderTests: XCTestCase {
    /// Whatever is appended, in pieces of any size and across growth, `bytes` is the same as an
    /// array appended to in the same way; taking, emptying and trimming leave what they should.
    func testAppendsAreTheArraysAppends() {
        var rng = SeededRandom(seed: 4141)
        for capacity in [0, 1, 7, 300] {
            var b = ByteBuilder(capacity: capacity)
            var expected: [UInt8] = []
            var taken: [UInt8] = []
            for step in 0..<2_000 {
                switch rng.int(7) {
                case 0:
                    let x = UInt8(rng.int(256))
                    b.append(x)
                    expected.append(x)
                case 1:
                    let run = (0..<rng.int(40)).map { _ in UInt8(rng.int(256)) }
                    run.withUnsafeBufferPointer { b.append($0) }
                    expected += run
                case 2:
                    let s = ["", "é", "a longer piece of text than fifteen bytes", "\u{1F600}"][rng.int(4)]
                    b.append(s)
                    expected += Array(s.utf8)
                case 3:
                    let n = [0, 9, 10, -1, -10, 12_345, Int.max, Int.min, rng.int(in: -1_000_000...999_999)][rng.int(9)]
                    b.append(decimal: n)
                    expected += Array(String(n).utf8)
                case 4:
                    let n = rng.int(in: -2...29)
                    b.append(repeating: 0x20, count: n)
                    expected += Array(repeating: 0x20, count: max(0, n))
                case 5 where step % 50 == 0:
                    taken += b.take()
                    XCTAssertTrue(b.isEmpty)
                default:
                    b.append("[\n  {" as StaticString)
                    expected += Array("[\n  {".utf8)
                }
                XCTAssertEqual(b.count, expected.count - taken.count)
            }
            XCTAssertEqual(taken + b.bytes, expected, "capacity \(capacity)")
            b.withUnsafeBytes { XCTAssertEqual(taken + Array($0), expected) }
            b.trimRoom()
            XCTAssertEqual(taken + b.bytes, expected)
            b.append(0x41)
            XCTAssertEqual(taken + b.bytes, expected + [0x41])
            b.removeAll()
            XCTAssertEqual(b.bytes, [])
        }
    }

    /// A builder copied goes its own way: what one writes after the copy is not in the other.
    func testACopyIsAValue() {
        var a = ByteBuilder(capacity: 64)
        a.append("shared")
        var b = a
        b.append("+b")
        a.append("+a")
        XCTAssertEqual(String(decoding: a.bytes, as: UTF8.self), "shared+a")
        XCTAssertEqual(String(decoding: b.bytes, as: UTF8.self), "shared+b")
        let before = a.bytes
        _ = b.take()
        XCTAssertEqual(a.bytes, before)
    }

    /// Every byte value, alone and at each place among plain letters: a quick look that says yes
    /// is never said where the rule it goes before would say otherwise (the CSV rule's
    /// formula characters count only first; a cell the look refuses is the rule's to judge).
    func testTheQuickLooksNeverSayYesWhereTheRulesWouldNot() {
        for x in 0...255 {
            for cell in [[UInt8(x)], [0x61, UInt8(x)], [UInt8(x), 0x61, 0x62], [0x27, UInt8(x), 0x61], [UInt8(x), 0x3D], [UInt8(x), 0x27, 0x2D]] {
                cell.withUnsafeBufferPointer { b in
                    if ASCIIBytes.plainCSV(b) { XCTAssertEqual(CSVField.plainIfASCII(b), true, "\(cell)") }
                    if ASCIIBytes.plainJSON(b) {
                        var quoted = ""
                        JSONText.appendQuoted(String(decoding: b, as: UTF8.self), to: &quoted)
                        XCTAssertEqual(Array(quoted.utf8), [0x22] + cell + [0x22], "\(cell)")
                    }
                    if ASCIIBytes.printable(b) {
                        XCTAssertEqual(String(decoding: b, as: UTF8.self).unicodeScalars.count, cell.count)
                        XCTAssertTrue(cell.allSatisfy { (0x20...0x7E).contains($0) })
                    }
                }
            }
        }
        // And they do say yes of a list's ordinary cells, or they would save nothing.
        for text in ["CS-2026-0001", "Family Support and Child Protection", "Aisha Byrne"] {
            Array(text.utf8).withUnsafeBufferPointer { b in
                XCTAssertTrue(ASCIIBytes.plainCSV(b) && ASCIIBytes.plainJSON(b) && ASCIIBytes.printable(b), text)
            }
        }
        // A formula's first character, an apostrophe first, a comma or a quote anywhere leave
        // the CSV cell to the rule; a hyphen or apostrophe after the first character do not.
        for text in ["-Jane", "'=1", "=1+1", "@x", "+44", "a,b", "say \"hi\""] {
            Array(text.utf8).withUnsafeBufferPointer { XCTAssertFalse(ASCIIBytes.plainCSV($0), text) }
        }
        for text in ["Mary-Jane", "O'Neill", "a=b", ""] {
            Array(text.utf8).withUnsafeBufferPointer { XCTAssertTrue(ASCIIBytes.plainCSV($0), text) }
        }
    }

    /// `UTF8Bytes.isValid` says yes exactly of the bytes a String keeps as they are: every
    /// sequence of one and two bytes, every lead byte with the edges of each second-byte range
    /// and a cut or bad continuation after it, and random runs of bytes near UTF-8's.
    func testWellFormedUTF8IsWhatAStringKeeps() {
        func check(_ bytes: [UInt8], _ line: UInt = #line) {
            let kept = Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes
            bytes.withUnsafeBufferPointer { XCTAssertEqual(UTF8Bytes.isValid($0), kept, "\(bytes)", line: line) }
        }
        for x in 0...255 {
            check([UInt8(x)])
            for y in 0...255 { check([UInt8(x), UInt8(y)]) }
        }
        let edges: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF]
        for lead in 0xC0...0xFF {
            for second in edges {
                for third in edges {
                    check([UInt8(lead), second, third])
                    for fourth in edges { check([UInt8(lead), second, third, fourth]) }
                }
            }
        }
        var rng = SeededRandom(seed: 8128)
        let pieces: [[UInt8]] = [[0x41], [0xC3, 0xA9], [0xE5, 0xB0, 0x8F], [0xF0, 0x9F, 0x99, 0x82], [0x80], [0xE5, 0xB0],
                                 [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xEF, 0xBF, 0xBF]]
        var valid = 0
        for _ in 0..<20_000 {
            let bytes = (0..<rng.int(6)).flatMap { _ in rng.pick(pieces) }
            check(bytes)
            if bytes.withUnsafeBufferPointer(UTF8Bytes.isValid) { valid += 1 }
        }
        XCTAssertGreaterThan(valid, 2_000)
    }
}
