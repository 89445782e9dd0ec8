import HeardCore
import XCTest

/// A vocabulary's word read from bytes is the word `init(rawValue:)` finds in their text, and
/// nothing for bytes that are not one of its words.
final class RawValueBytesTests: XCTestCase {
    private func check<V: RawRepresentable & CaseIterable & Sendable & Equatable>(_: V.Type) where V.RawValue == String {
        let words = RawValueBytes<V>()
        var tried = [[UInt8]]([[], [0xFF], Array("\u{FEFF}".utf8)])
        for c in V.allCases {
            let raw = Array(c.rawValue.utf8)
            tried += [raw, raw.dropLast().map { $0 }, raw + [0x20], Array(c.rawValue.uppercased().utf8), raw + [0x00], [0xC3] + raw]
        }
        for bytes in tried {
            let expected = V(rawValue: String(decoding: bytes, as: UTF8.self))
            XCTAssertEqual(bytes.withUnsafeBufferPointer { words($0) }, expected, "\(V.self) \(bytes)")
            XCTAssertEqual(bytes.withUnsafeBufferPointer { V(rawUTF8: $0) }, expected, "\(V.self) \(bytes)")
        }
    }

    func testEachVocabularyOfTheReportsRows() {
        check(ContactKind.self)
        check(Channel.self)
        check(ProcedureKind.self)
        check(ComplainantRole.self)
        check(Finding.self)
        check(CaseEventKind.self)
        check(StageOutcome.self)
        check(OmbudsmanDecision.self)
        check(RemedyKind.self)
        check(CaseStatus.self)
    }
}
