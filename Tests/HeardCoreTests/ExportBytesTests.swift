@testable import HeardCore
import XCTest

/// Issue 14: the export appends its cells as bytes (`ExportBytes`), with a shortcut for cells
/// that need no escaping. Every cell must come out as the String rules write it, byte for byte:
/// `CSVField.escape` and `JSONText.quote` (itself held to `quoteByScalars`).
final class ExportBytesTests: XCTestCase {
    /// Awkward text (quotes, commas, CR LF, controls, C1, formula starts after apostrophes,
    /// combining marks, emoji, right-to-left), alone and mixed at random.
    private func strings() -> [String] {
        var out = CaseListWriterTests.pieces + ["שלום", "مرحبا", "\u{202E}evil", "'''+x", "'", "''", "\t", "\r", "a\u{0}b", "\"\u{301}x",
                                                  "\r\n=x", "x=", "-", "=", "@", "+"]
        for v in 0..<0x200 { if let u = Unicode.Scalar(v) { out.append(String(u)); out.append("a\(u)b"); out.append("\(u)x") } }
        var rng = SeededRandom(seed: 1814)
        for _ in 0..<20_000 { out.append(CaseListWriterTests.text(&rng)) }
        // Long ones: not small strings.
        out += out.prefix(2_000).map { $0 + String(repeating: "long text ", count: 3) + $0 }
        return out
    }

    func testCSVCellsAreWhatEscapeGives() {
        for s in strings() {
            var b = ExportBytes()
            b.append("x" as StaticString)
            b.appendCSV(s)
            XCTAssertEqual(b.bytes, Array(("x" + CSVField.escape(s)).utf8), s.debugDescription)
        }
    }

    func testJSONStringsAreWhatQuoteGives() {
        for s in strings() {
            var b = ExportBytes()
            b.appendJSON(s)
            XCTAssertEqual(b.bytes, Array(JSONText.quoteByScalars(s).utf8), s.debugDescription)
        }
    }

    func testIntegersAndPlainTextAreWhatStringGives() {
        var b = ExportBytes()
        var expected = ""
        for n in [-12_345, -10, -1, 0, 1, 9, 10, 99, 100, 123_456_789, Int.max, Int.min] {
            b.append(int: n); expected += String(n)
            b.append("," as String)
            expected += ","
        }
        b.append("zoë 🙂" as String)
        expected += "zoë 🙂"
        XCTAssertEqual(b.bytes, Array(expected.utf8))
        // Taking hands everything over and goes on from empty.
        XCTAssertEqual(b.take(), Array(expected.utf8))
        XCTAssertEqual(b.count, 0)
        b.append("[]" as StaticString)
        XCTAssertEqual(b.take(), Array("[]".utf8))
    }
}
