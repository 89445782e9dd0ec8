@testable import HeardStore
import XCTest

/// The report's reader makes one String per distinct value from a column's bytes: the String
/// `SQLRow.text` would make of them, whatever the bytes (invalid UTF-8 too), however many.
final class InternerTests: XCTestCase {
    func testTheStringOfBytesIsTheOneTextMakesWhateverTheBytes() {
        var intern = Interner()
        var generator = SystemRandomNumberGenerator()
        // Few distinct values at first (a column of service areas), then thousands (free text),
        // which makes the table grow several times; each value is asked for again later.
        var made: [[UInt8]] = [[], [0xFF], [0xC3], [0xC3, 0xA9], Array("Adoption".utf8), Array("adoption".utf8)]
        for n in 0..<3_000 {
            let length = n < 50 ? Int.random(in: 1...3, using: &generator) : Int.random(in: 0...40, using: &generator)
            made.append((0..<length).map { _ in n % 3 == 0 ? UInt8.random(in: 0...255, using: &generator) : UInt8.random(in: 97...100, using: &generator) })
        }
        for round in 0..<2 {
            for bytes in made.shuffled(using: &generator) {
                let s = bytes.withUnsafeBufferPointer { intern(bytes: $0) }
                XCTAssertEqual(s, String(decoding: bytes, as: UTF8.self), "round \(round): \(bytes)")
            }
        }
        // Different bytes that repair to the same text are each that text.
        let a = [UInt8(0xFF)].withUnsafeBufferPointer { intern(bytes: $0) }
        let b = [UInt8(0xFE)].withUnsafeBufferPointer { intern(bytes: $0) }
        XCTAssertEqual(a, "\u{FFFD}")
        XCTAssertEqual(b, "\u{FFFD}")
    }

    /// Texts Swift holds equal (canonically equivalent) are one value, in the form met first,
    /// whether asked as bytes or as Strings, as the report always printed them.
    func testCanonicallyEquivalentTextsAreTheFormMetFirstForTheReport() {
        var intern = Interner(ownBytes: false)
        let kelvin = Array("\u{212A}inship".utf8), plain = Array("Kinship".utf8)
        let composed = Array("Caf\u{E9}".utf8), decomposed = Array("Cafe\u{301}".utf8)
        XCTAssertEqual(intern("Kinship").utf8.elementsEqual(plain), true)
        XCTAssertTrue(kelvin.withUnsafeBufferPointer { intern(bytes: $0) }.utf8.elementsEqual(plain))
        XCTAssertTrue(kelvin.withUnsafeBufferPointer { intern(bytes: $0) }.utf8.elementsEqual(plain), "again, by the bytes")
        XCTAssertTrue(decomposed.withUnsafeBufferPointer { intern(bytes: $0) }.utf8.elementsEqual(decomposed))
        XCTAssertTrue(composed.withUnsafeBufferPointer { intern(bytes: $0) }.utf8.elementsEqual(decomposed))
        XCTAssertTrue(intern("Caf\u{E9}").utf8.elementsEqual(decomposed))
    }

    /// Everywhere else each text keeps its own bytes: only byte-identical ones are shared.
    func testOtherwiseEachTextKeepsItsOwnBytes() {
        var intern = Interner()
        let kelvin = Array("\u{212A}inship".utf8), plain = Array("Kinship".utf8)
        let composed = Array("Caf\u{E9}".utf8), decomposed = Array("Cafe\u{301}".utf8)
        for bytes in [plain, kelvin, decomposed, composed, kelvin, composed] {
            XCTAssertTrue(bytes.withUnsafeBufferPointer { intern(bytes: $0) }.utf8.elementsEqual(bytes), "\(bytes)")
        }
        XCTAssertTrue(intern("Caf\u{E9}").utf8.elementsEqual(composed))
        XCTAssertFalse(intern.mixedForms)
    }
}
