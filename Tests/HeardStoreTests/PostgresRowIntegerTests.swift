@testable import HeardStore
import XCTest

/// A server's integer cells are read from their bytes where they are plain (`PostgresRow.plainInteger`);
/// whatever it reads must be what `Int64(String)` reads, and it must take every id and count.
final class PostgresRowIntegerTests: XCTestCase {
    func plain(_ s: String) -> Int64? { Array(s.utf8).withUnsafeBufferPointer(PostgresRow.plainInteger) }

    func testWhatIsReadFromTheBytesIsWhatTheStringSays() {
        let alphabet = Array("0123456789+- .e")
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let s = String((0..<Int.random(in: 0...21, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            if let n = plain(s) { XCTAssertEqual(n, Int64(s), s) }
        }
        for s in ["", "+", "-", " 5", "5 ", "1e3", "0x10", "١٢", "9223372036854775807", "-9223372036854775808", "99999999999999999999"] {
            XCTAssertNil(plain(s), s)
        }
    }

    func testEveryPlainNumberUpToEighteenDigitsIsTaken() {
        for s in ["0", "-0", "+0", "7", "007", "-42", "+42", "123456789012345678", "-999999999999999999"] {
            XCTAssertEqual(plain(s), Int64(s), s)
            XCTAssertNotNil(plain(s), s)
        }
    }

    /// A bytea cell's text decoded where it lies (`byteaBytes`) is what the first decoder, a byte
    /// at a time into Data, gave: hex pairs after `\x` up to the first that is not one, anything
    /// else as it is.
    func testByteaTextIsDecodedAsBefore() {
        func before(_ u: [UInt8]) -> [UInt8] {
            guard u.count >= 2, u[0] == UInt8(ascii: "\\"), u[1] == UInt8(ascii: "x") else { return u }
            func hex(_ c: UInt8) -> UInt8? { UInt8(String(UnicodeScalar(c)), radix: 16) }
            var out: [UInt8] = []
            var i = 2
            while i + 1 < u.count {
                guard let hi = hex(u[i]), let lo = hex(u[i + 1]) else { break }
                out.append(hi << 4 | lo)
                i += 2
            }
            return out
        }
        let alphabet = Array("0123456789abcdefABCDEFxg\\ ".utf8)
        var rng = SystemRandomNumberGenerator()
        for n in 0..<20_000 {
            var u = (0..<Int.random(in: 0...40, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            if n % 2 == 0 { u = Array("\\x".utf8) + u }
            XCTAssertEqual(u.withUnsafeBufferPointer(PostgresRow.byteaBytes), before(u), String(decoding: u, as: UTF8.self))
        }
        XCTAssertEqual(Array(PostgresRow.bytea("\\x00ff7F")), [0, 255, 127])
        XCTAssertEqual(Array(PostgresRow.bytea("\\x")), [])
    }
}
