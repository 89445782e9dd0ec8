// The arithmetic under `WorkingDayCalendar`'s counts: weekdays by whole weeks, holidays by
// binary search in sorted day numbers. Day numbers are `LocalDate.dayNumber`; ranges are
// half-open (a..<b) throughout.

/// Weekdays counted by whole weeks from a Monday.
enum Weekdays {
    /// Day number of a Monday (1969-12-29) from which weeks are counted.
    private static let monday = -3

    /// How many weekdays come before day number `x` (counted from the epoch Monday; negative
    /// before it): differences of two give the weekdays between them.
    static func before(_ x: Int) -> Int {
        let m = x - monday
        let week = m >= 0 ? m / 7 : -((-m + 6) / 7)
        let rest = m - week * 7
        return week * 5 + min(rest, 5)
    }

    /// The day number of the weekday with `before(day) == i`: the (i+1)th weekday from the epoch.
    static func day(at i: Int) -> Int {
        let week = i >= 0 ? i / 5 : -((-i + 4) / 5)
        return monday + week * 7 + (i - week * 5)
    }
}

/// Christmas Day, Boxing Day and Good Friday, which are holidays in every year outside the
/// calendar's table: a sorted table for the years any case reaches, a year at a time beyond.
enum FixedHolidays {
    /// The years kept in tables (the rest are computed when asked).
    static let years = 1900...2199
    private static let start = LocalDate.daysFromCivil(years.lowerBound, 1, 1)
    private static let end = LocalDate.daysFromCivil(years.upperBound + 1, 1, 1)

    /// Good Friday's day number for each of `years`.
    private static let goodFridays: [Int] = years.map(computedGoodFriday)

    /// The day numbers of those days that fall on a weekday in `years`, ascending.
    private static let weekdayTable: [Int] = years.flatMap { weekdayDays(ofYear: $0) }

    /// Good Friday's day number in year `y`; for a year outside 1-9999 (no Easter is computed
    /// there) a day that is never in that year.
    static func goodFriday(_ y: Int) -> Int {
        if years.contains(y) { return goodFridays[y - years.lowerBound] }
        return computedGoodFriday(y)
    }

    private static func computedGoodFriday(_ y: Int) -> Int {
        WorkingDayCalendar.easterSunday(y).dayNumber - 2
    }

    /// Good Friday, Christmas Day and Boxing Day of year `y` that fall on weekdays, in order.
    private static func weekdayDays(ofYear y: Int) -> [Int] {
        let all = [goodFriday(y), LocalDate.daysFromCivil(y, 12, 25), LocalDate.daysFromCivil(y, 12, 26)]
        return all.filter { LocalDate(dayNumber: $0).year == y && !LocalDate(dayNumber: $0).isWeekend }
    }

    /// How many of them fall on weekdays among the day numbers a..<b.
    static func onWeekdays(_ a: Int, _ b: Int) -> Int {
        guard a < b else { return 0 }
        var n = 0
        let from = max(a, start), to = min(b, end)
        if from < to { n += Sorted.count(weekdayTable, from, to) }
        if a < start { n += yearByYear(a, min(b, start)) }
        if b > end { n += yearByYear(max(a, end), b) }
        return n
    }

    /// The count for a..<b outside the tables, one year at a time.
    private static func yearByYear(_ a: Int, _ b: Int) -> Int {
        guard a < b else { return 0 }
        var n = 0
        for y in LocalDate(dayNumber: a).year...LocalDate(dayNumber: b - 1).year {
            for d in weekdayDays(ofYear: y) where d >= a && d < b { n += 1 }
        }
        return n
    }
}

/// Counting in an ascending array of integers.
enum Sorted {
    /// How many elements of `xs` are in a..<b.
    static func count(_ xs: [Int], _ a: Int, _ b: Int) -> Int {
        guard a < b else { return 0 }
        return lowerBound(xs, b) - lowerBound(xs, a)
    }

    /// The index of the first element not less than `x`.
    static func lowerBound(_ xs: [Int], _ x: Int) -> Int {
        var lo = 0, hi = xs.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if xs[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
