import Foundation
@testable import HeardApp
import HeardCore
import XCTest

/// `LocalClock.today` (the C library's local time) is the day Foundation's Gregorian calendar
/// gives in the same time zone, on either side of the date line and in a zone with summer time.
final class LocalClockTests: XCTestCase {
    private var savedTZ: String?

    override func setUp() { savedTZ = ProcessInfo.processInfo.environment["TZ"] }

    override func tearDown() {
        if let savedTZ { setenv("TZ", savedTZ, 1) } else { unsetenv("TZ") }
        tzset()
    }

    /// The day in `zone` by Foundation's calendar.
    private func calendarDay(_ zone: String) throws -> LocalDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try XCTUnwrap(TimeZone(identifier: zone), zone)
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return try XCTUnwrap(LocalDate(year: c.year ?? 0, month: c.month ?? 0, day: c.day ?? 0))
    }

    func testTodayIsTheCalendarsDayInTheZone() throws {
        var days = Set<LocalDate>()
        for zone in ["UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/London", "Asia/Kolkata"] {
            setenv("TZ", zone, 1)
            tzset()
            // The day is asked between two of the calendar's: it may turn between them.
            let before = try calendarDay(zone)
            let today = LocalClock.today()
            let after = try calendarDay(zone)
            XCTAssertTrue(today == before || today == after, "\(zone): \(today.iso), the calendar said \(before.iso) then \(after.iso)")
            days.insert(today)
        }
        // UTC+14 and UTC-11 are a day and more apart: never the same day (so the zone was read).
        XCTAssertGreaterThan(days.count, 1)
    }

    func testTodayIsWhatTheCalendarSaidBefore() {
        let before = LocalClock.calendarToday()
        let today = LocalClock.today()
        let after = LocalClock.calendarToday()
        XCTAssertTrue(today == before || today == after, "\(today.iso), the calendar said \(before.iso) then \(after.iso)")
    }
}
