import HeardCore
import XCTest

/// The case list's byte-built date says what `iso` says, for every kind of day.
final class LocalDateAppendISOTests: XCTestCase {
    func testAppendISOWritesWhatISOSays() {
        // Years -3 to 10001 (outside 0-9999 it falls back to `iso` itself), a day a week, and
        // every day around the turns of years, months and leap days in between.
        var numbers = Array(stride(from: -720_000, through: 2_933_000, by: 7))
        numbers += Array(-1_500...1_500) + Array(10_900...11_100) + Array(2_932_500...2_932_900)
        for n in numbers {
            let d = LocalDate(dayNumber: n)
            var out = "x"
            d.appendISO(to: &out)
            XCTAssertEqual(out, "x" + d.iso, "day \(n)")
            XCTAssertEqual(d.hasFourDigitYear, (0...9999).contains(d.year), "day \(n)")
        }
    }
}
