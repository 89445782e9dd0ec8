import Foundation
import HeardCore

/// Where the runner learns what day it is: the computer's local date, or a fixed one
/// (`HEARD_TODAY`, tests). Read on every tick, so the screens follow midnight.
public typealias TodayProvider = @Sendable () -> LocalDate

/// The local calendar date now.
public enum LocalClock {
    /// Today in the computer's time zone.
    @Sendable public static func today() -> LocalDate {
        let c = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return LocalDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1) ?? LocalDate(dayNumber: 0)
    }
}
