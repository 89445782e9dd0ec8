@testable import HeardCore
import XCTest

/// The word-at-a-time search against `firstIndex(where:)`, at every start and every length
/// around a word's edges, with the bytes sought and their near neighbours (one bit apart, the
/// same low bits with the high bit set) placed at every offset.
final class ByteScanTests: XCTestCase {
    func testFindsWhatFirstIndexFinds() {
        let sought: [UInt8] = [0x5C, 0x0A, 0x0D, 0x7C]
        let near: [UInt8] = [0x5D, 0x0B, 0x0C, 0x7D, 0xDC, 0x8A, 0x8D, 0xFC, 0x00, 0xFF, 0x01, 0x80, 0x22, 0x41]
        var seed: UInt64 = 11
        func next(_ n: Int) -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int(seed >> 33) % n }
        var checked = 0
        for length in 0...40 {
            for _ in 0..<60 {
                var bytes = (0..<length).map { _ in near[next(near.count)] }
                // None, one or a few of the sought bytes, anywhere.
                for _ in 0..<next(3) where length > 0 { bytes[next(length)] = sought[next(sought.count)] }
                bytes.withUnsafeBufferPointer { b in
                    for start in 0...length {
                        let expected = b[start...].firstIndex(where: sought.contains) ?? length
                        XCTAssertEqual(ByteScan.first(in: b, from: start, 0x5C, 0x0A, 0x0D, 0x7C), expected, "\(bytes) from \(start)")
                        let quote = b[start...].firstIndex(of: 0x22) ?? length
                        XCTAssertEqual(ByteScan.first(in: b, from: start, 0x22), quote, "\(bytes) from \(start)")
                        checked += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 20_000)
        // An empty buffer with no address.
        XCTAssertEqual(ByteScan.first(in: UnsafeBufferPointer(start: nil, count: 0), from: 0, 0x22), 0)
    }
}

extension ByteScanTests {
    /// The JSON search against the rule byte by byte, every byte value near a word's edges.
    func testFindsWhatJSONMayChange() {
        func changes(_ c: UInt8) -> Bool { c < 0x20 || c == 0x22 || c == 0x5C || c == 0x7F || c == 0xC2 }
        var seed: UInt64 = 29
        func next(_ n: Int) -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int(seed >> 33) % n }
        let calm: [UInt8] = [0x20, 0x21, 0x23, 0x41, 0x5B, 0x5D, 0x7E, 0x80, 0x9F, 0xA0, 0xC1, 0xC3, 0xE4, 0xFF]
        var checked = 0
        for value in 0...255 {
            for length in 1...19 {
                var bytes = (0..<length).map { _ in calm[next(calm.count)] }
                bytes[next(length)] = UInt8(value)
                bytes.withUnsafeBufferPointer { b in
                    for start in 0...length {
                        XCTAssertEqual(ByteScan.firstForJSON(in: b, from: start), b[start...].firstIndex(where: changes) ?? length,
                                       "\(bytes) from \(start)")
                        checked += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 50_000)
    }
}
