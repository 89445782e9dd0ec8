@testable import HeardCore
import XCTest

/// `PersonName.contains` skips ahead eight bytes at a time to the places a match can begin; it
/// must say what comparing the needle at every place says, on every kind of byte.
final class PersonNameContainsTests: XCTestCase {
    /// The rule, compared at every place: capitals lowered, and after the first byte matched,
    /// apostrophes, backticks and invisible control bytes skipped.
    func everyPlace(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        if needle.isEmpty { return true }
        for i in hay.indices {
            var j = 0, k = i
            while j < needle.count && k < hay.count {
                let b = hay[k]
                if (b == 0x27 || b == 0x60 || CaseSearch.isIgnorableASCII(b)) && j > 0 { k += 1; continue }
                if CaseSearch.lower(b) != needle[j] { break }
                j += 1; k += 1
            }
            if j == needle.count { return true }
        }
        return false
    }

    func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        hay.withUnsafeBufferPointer { PersonName.contains($0, needle) }
    }

    func testEveryPlaceIsFoundAsComparingAtEachWouldFindIt() {
        // Bytes a needle's first byte may be confused with: its capital, the byte 0x20 below it
        // (a control byte under a digit), bytes beyond ASCII and their pairs, apostrophes.
        let alphabet: [UInt8] = Array("aAbBzZ09'`. ".utf8) + [0x00, 0x01, 0x10, 0x19, 0x1F, 0x7F, 0x80, 0xA0, 0xC3, 0xE3, 0xA9, 0xFF, 0x41 ^ 0x20, 0x40, 0x5A]
        let needles: [[UInt8]] = [Array("a".utf8), Array("ab".utf8), Array("zoe".utf8), Array("0".utf8), Array("9a".utf8),
                                  [0xC3, 0xA9], [0xA9], [0x80], [0xE3], Array("bb".utf8), Array("ba".utf8), [0x40], [0x00], [0x7F, 0x61]]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<4_000 {
            let length = Int.random(in: 0...40, using: &rng)
            var hay = (0..<length).map { _ in alphabet.randomElement(using: &rng)! }
            let needle = needles.randomElement(using: &rng)!
            // Half the time the needle is in there, at any place, its letters perhaps capitals,
            // perhaps with an apostrophe inside: the early places, the last eight, the tail.
            if Bool.random(using: &rng), hay.count >= needle.count {
                let at = Int.random(in: 0...(hay.count - needle.count), using: &rng)
                for (n, b) in needle.enumerated() { hay[at + n] = (b >= 0x61 && b <= 0x7A && Bool.random(using: &rng)) ? b - 32 : b }
                if needle.count > 1 && Bool.random(using: &rng) { hay.insert(0x27, at: at + 1) }
            }
            XCTAssertEqual(contains(hay, needle), everyPlace(hay, needle), "\(hay.map { String($0, radix: 16) }) \(needle)")
        }
    }

    func testAMatchIsFoundAtEveryPlaceOfALongText() {
        let needle = Array("neill".utf8)
        for length in [1, 7, 8, 9, 15, 16, 17, 40] {
            for at in 0..<length {
                var hay = [UInt8](repeating: UInt8(ascii: "x"), count: length + needle.count)
                for (n, b) in Array("NeIlL".utf8).enumerated() { hay[at + n] = b }
                XCTAssertTrue(contains(hay, needle), "at \(at) of \(hay.count)")
                hay[at] = UInt8(ascii: "m")
                XCTAssertFalse(contains(hay, needle), "broken at \(at) of \(hay.count)")
            }
        }
    }
}

/// `ASCIIBytes.all` looks eight bytes at a time; a byte at or above 0x80 anywhere says no.
final class ASCIIBytesTests: XCTestCase {
    func testAByteBeyondASCIIIsSeenAtEveryPlace() {
        for length in 0...25 {
            let ascii = (0..<length).map { UInt8($0 * 5 % 0x80) }
            XCTAssertTrue(ascii.withUnsafeBufferPointer(ASCIIBytes.all), "\(length) ASCII bytes")
            for at in 0..<length {
                for high: UInt8 in [0x80, 0xC3, 0xFF] {
                    var bytes = ascii
                    bytes[at] = high
                    XCTAssertFalse(bytes.withUnsafeBufferPointer(ASCIIBytes.all), "\(high) at \(at) of \(length)")
                }
            }
        }
    }
}
