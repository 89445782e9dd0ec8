@testable import HeardCore
import XCTest

/// The record's JSON laid out by byte: a quote that is one Character with the mark beside it is
/// still a quote, and braces inside a string are never structure.
final class CaseRecordIndentTests: XCTestCase {
    func testAQuoteJoinedToAMarkStillOpensAndClosesItsString() {
        // U+0301 after the opening quote; U+0600 (a prepended mark) before the closing one.
        let compact = JSONText.object([("a", JSONText.quote("\u{301}{x}]")), ("b", JSONText.quote("y}}\u{600}")), ("c", "[1,{}]")])
        let laid = CaseRecord.indented(compact, by: 2)
        XCTAssertEqual(laid, "{\n  \"a\": \"\u{301}{x}]\",\n  \"b\": \"y}}\u{600}\",\n  \"c\": [\n    1,\n    {}\n  ]\n}")
    }

    /// Texts made of pieces that join quotes and escapes to their neighbours, each laid out and
    /// then taken back to compact form (the whitespace outside strings removed): the same JSON.
    func testLayingOutChangesNothingButWhitespaceOutsideStrings() {
        let pieces = ["\u{301}", "\u{600}", "\u{200D}", "\u{FE0F}", "{", "}", "[", "]", ",", ":", "\"", "\\", "\n", "a", "é", "👩‍👧", "\u{1F3FB}", " "]
        var seed: UInt64 = 5
        func next(_ n: Int) -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int(seed >> 33) % n }
        for _ in 0..<2_000 {
            let texts = (0..<3).map { _ in (0..<next(8)).map { _ in pieces[next(pieces.count)] }.joined() }
            let compact = JSONText.object([("x", JSONText.quote(texts[0])),
                                           ("y", JSONText.array([JSONText.quote(texts[1]), JSONText.object([("z", JSONText.quote(texts[2]))])]))])
            let laid = CaseRecord.indented(compact, by: 2)
            XCTAssertEqual(Self.compacted(laid), compact, texts.debugDescription)
        }
    }

    /// JSON with the spaces and line breaks outside its strings taken out, read by byte.
    static func compacted(_ json: String) -> String {
        var out: [UInt8] = [], inString = false, escaped = false
        for b in json.utf8 {
            if inString {
                out.append(b)
                if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
            } else if b == 0x22 {
                inString = true
                out.append(b)
            } else if b != 0x20 && b != 0x0A {
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
