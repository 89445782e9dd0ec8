@testable import HeardCore
import XCTest

/// A correspondence field's escape, copied a run at a time, against the rule byte by byte.
final class CorrespondenceFieldBytesTests: XCTestCase {
    static func reference(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        for b in s.utf8 {
            switch b {
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x7C: out += [0x5C, 0x7C]
            default: out.append(b)
            }
        }
        return out
    }

    func testEveryFieldIsEscapedAsByteByByte() {
        let pieces = ["", "a", "Dear Mrs Patel,", "\n", "\r\n", "\r", "|", "\\", "\\n", "é", "e\u{301}", "李", "👩‍👧", " | ", "\n\n", "x|y\\z"]
        var seed: UInt64 = 7
        func next(_ n: Int) -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int(seed >> 33) % n }
        var texts = pieces
        for _ in 0..<3_000 { texts.append((0..<next(12)).map { _ in pieces[next(pieces.count)] }.joined()) }
        for t in texts {
            var out: [UInt8] = [0x41]
            ContactCSV.appendField(t, to: &out)
            XCTAssertEqual(out, [0x41] + Self.reference(t), "\(t.debugDescription)")
            XCTAssertEqual(Array(ContactCSV.escapeField(t).utf8), Self.reference(t))
        }
    }
}
