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
}
