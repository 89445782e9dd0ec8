import Foundation
import HeardCore

/// Where the runner learns what day it is: the computer's local date, or a fixed one
/// (`HEARD_TODAY`, tests). Read on every tick, so the screens follow midnight.
public typealias TodayProvider = @Sendable () -> LocalDate

/// The local calendar date now.
public enum LocalClock {
    /// Today in the computer's time zone (`TZ`, else /etc/localtime), as the C library has it:
    /// Foundation's `Calendar.current` took about a millisecond to set itself up, in every
    /// command (a fiftieth of `heard sar`).
    @Sendable public static func today() -> LocalDate {
        var now = time(nil)
        var local = tm()
        guard localtime_r(&now, &local) != nil,
              let d = LocalDate(year: Int(local.tm_year) + 1900, month: Int(local.tm_mon) + 1, day: Int(local.tm_mday)) else {
            return calendarToday()
        }
        return d
    }

    /// Today as Foundation's calendar has it (what `today` was, and is where the C library fails).
    static func calendarToday() -> LocalDate {
        let c = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return LocalDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1) ?? LocalDate(dayNumber: 0)
    }
}
