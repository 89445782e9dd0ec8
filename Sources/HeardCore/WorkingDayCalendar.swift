/// A bank holiday of England and Wales.
public struct BankHoliday: Hashable, Sendable {
    public var date: LocalDate
    public var title: String
    public init(date: LocalDate, title: String) { self.date = date; self.title = title }
}

/// Which days count as working days, and the counting rules of DOMAIN.md.
///
/// A working day is any day except Saturday, Sunday and the bank holidays of England and Wales
/// (Christmas Day, Boxing Day and Good Friday are among them, or their substitutes are).
/// "N working days after D" starts on the first working day after D.
///
/// Counting never walks the days: the list and the report ask for every case's deadlines on
/// every read, over spans from three days to ten years. Working days in a range are its
/// weekdays (arithmetic on weeks) less the holidays that fall on them (a binary search in a
/// sorted array), so a span of years costs what a span of days does.
public struct WorkingDayCalendar: Sendable {
    public private(set) var holidays: [LocalDate: String]
    /// Holidays as a bitmap over [firstHoliday, lastHoliday]: deadlines are computed for every
    /// case on every read, so a lookup must be an index, not a hash.
    private var base = 0
    private var isHolidayBits: [Bool] = []
    /// The day numbers of the table's holidays that fall on a weekday, ascending (a holiday on
    /// a Saturday costs no working day).
    private var weekdayHolidays: [Int] = []

    public init(holidays: [BankHoliday] = []) {
        var map: [LocalDate: String] = [:]
        for h in holidays { map[h.date] = h.title }
        self.holidays = map
        rebuild()
    }

    private mutating func rebuild() {
        let days = holidays.keys.map(\.dayNumber)
        weekdayHolidays = days.filter { !LocalDate(dayNumber: $0).isWeekend }.sorted()
        guard let lo = days.min(), let hi = days.max() else { base = 0; isHolidayBits = []; return }
        base = lo
        var bits = [Bool](repeating: false, count: hi - lo + 1)
        for d in days { bits[d - lo] = true }
        isHolidayBits = bits
    }

    /// The calendar with England and Wales bank holidays 2018-2028 built in.
    public static let englandAndWales = WorkingDayCalendar(holidays: BankHolidays.englandAndWales)

    /// This calendar with further holidays added (an import); existing dates keep their titles
    /// unless the new entry names them.
    public func adding(_ more: [BankHoliday]) -> WorkingDayCalendar {
        var copy = self
        for h in more { copy.holidays[h.date] = h.title }
        copy.rebuild()
        return copy
    }

    public func isHoliday(_ d: LocalDate) -> Bool {
        let i = d.dayNumber - base
        if i >= 0 && i < isHolidayBits.count { return isHolidayBits[i] }
        // Beyond the table, the days DOMAIN.md names as never working still are not.
        return WorkingDayCalendar.isFixedHoliday(d)
    }

    /// Christmas Day, Boxing Day and Good Friday.
    static func isFixedHoliday(_ d: LocalDate) -> Bool {
        let p = d.parts
        if p.month == 12 { return p.day == 25 || p.day == 26 }
        // Good Friday falls between 20 March and 23 April: other months need no Easter.
        guard p.month == 3 || p.month == 4 else { return false }
        return d.dayNumber == FixedHolidays.goodFriday(p.year)
    }

    /// Easter Sunday (the anonymous Gregorian algorithm).
    static func easterSunday(_ y: Int) -> LocalDate {
        let a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: y, month: month, day: day) ?? LocalDate(dayNumber: 0)
    }

    public func isWorkingDay(_ d: LocalDate) -> Bool { !d.isWeekend && !isHoliday(d) }

    /// `d` itself if it is a working day, else the next working day.
    public func workingDay(onOrAfter d: LocalDate) -> LocalDate {
        // A few steps at most: a weekend beside Christmas and Boxing Day.
        var x = d
        while !isWorkingDay(x) { x = x.adding(days: 1) }
        return x
    }

    /// The day `n` working days after `d` (day 1 is the first working day after `d`).
    /// `n` of zero or less returns `d`.
    public func adding(workingDays n: Int, after d: LocalDate) -> LocalDate {
        guard n > 0 else { return d }
        // `left` weekdays on, then as many more as holidays fell among them, until none did:
        // the last day reached is then a weekday and no holiday.
        var x = d.dayNumber
        var left = n
        while left > 0 {
            let y = Weekdays.day(at: Weekdays.before(x + 1) + left - 1)
            left = holidaysOnWeekdays(x + 1, y + 1)
            x = y
        }
        return LocalDate(dayNumber: x)
    }

    /// The day `n` working days before `d` (day 1 is the first working day before `d`): the
    /// mirror of `adding(workingDays:after:)`. `n` of zero or less returns `d`.
    public func subtracting(workingDays n: Int, before d: LocalDate) -> LocalDate {
        guard n > 0 else { return d }
        var x = d.dayNumber
        var left = n
        while left > 0 {
            let y = Weekdays.day(at: Weekdays.before(x) - left)
            left = holidaysOnWeekdays(y, x)
            x = y
        }
        return LocalDate(dayNumber: x)
    }

    /// Working days in the half-open range (from, to]: the days after `from` up to and
    /// including `to`. Negative when `to` is before `from`.
    public func workingDays(after from: LocalDate, through to: LocalDate) -> Int {
        if to == from { return 0 }
        if to < from { return -workingDays(after: to, through: from) }
        let a = from.dayNumber + 1, b = to.dayNumber + 1
        return Weekdays.before(b) - Weekdays.before(a) - holidaysOnWeekdays(a, b)
    }

    /// Working days in the half-open range [from, to): used for pauses, which stop the clock
    /// from one date up to the day before another.
    public func workingDays(from: LocalDate, before to: LocalDate) -> Int {
        guard from < to else { return 0 }
        return workingDays(after: from.adding(days: -1), through: to.adding(days: -1))
    }

    /// The date a contact counts as received: received on a non-working day counts as
    /// received on the next working day.
    public func effectiveReceipt(_ received: LocalDate) -> LocalDate { workingDay(onOrAfter: received) }

    // MARK: - Counting holidays

    /// Holidays falling on weekdays among the day numbers a..<b: the table's inside its span,
    /// Christmas Day, Boxing Day and Good Friday outside it (as `isHoliday` says).
    private func holidaysOnWeekdays(_ a: Int, _ b: Int) -> Int {
        guard a < b else { return 0 }
        guard !isHolidayBits.isEmpty else { return FixedHolidays.onWeekdays(a, b) }
        let lo = base, hi = base + isHolidayBits.count
        var n = 0
        if a < lo { n += FixedHolidays.onWeekdays(a, min(b, lo)) }
        if b > hi { n += FixedHolidays.onWeekdays(max(a, hi), b) }
        let from = max(a, lo), to = min(b, hi)
        if from < to { n += Sorted.count(weekdayHolidays, from, to) }
        return n
    }
}

/// The built-in England and Wales bank holidays (gov.uk), 2018-2028.
public enum BankHolidays {
    public static let englandAndWales: [BankHoliday] = {
        let table: [(Int, [(Int, Int, String)])] = [
            (2018, [(1, 1, "New Year’s Day"), (3, 30, "Good Friday"), (4, 2, "Easter Monday"), (5, 7, "Early May bank holiday"), (5, 28, "Spring bank holiday"), (8, 27, "Summer bank holiday"), (12, 25, "Christmas Day"), (12, 26, "Boxing Day")]),
            (2019, [(1, 1, "New Year’s Day"), (4, 19, "Good Friday"), (4, 22, "Easter Monday"), (5, 6, "Early May bank holiday"), (5, 27, "Spring bank holiday"), (8, 26, "Summer bank holiday"), (12, 25, "Christmas Day"), (12, 26, "Boxing Day")]),
            (2020, [(1, 1, "New Year’s Day"), (4, 10, "Good Friday"), (4, 13, "Easter Monday"), (5, 8, "Early May bank holiday (VE day)"), (5, 25, "Spring bank holiday"), (8, 31, "Summer bank holiday"), (12, 25, "Christmas Day"), (12, 28, "Boxing Day (substitute day)")]),
            (2021, [(1, 1, "New Year’s Day"), (4, 2, "Good Friday"), (4, 5, "Easter Monday"), (5, 3, "Early May bank holiday"), (5, 31, "Spring bank holiday"), (8, 30, "Summer bank holiday"), (12, 27, "Christmas Day (substitute day)"), (12, 28, "Boxing Day (substitute day)")]),
            (2022, [(1, 3, "New Year’s Day (substitute day)"), (4, 15, "Good Friday"), (4, 18, "Easter Monday"), (5, 2, "Early May bank holiday"), (6, 2, "Spring bank holiday"), (6, 3, "Platinum Jubilee bank holiday"), (8, 29, "Summer bank holiday"), (9, 19, "Bank Holiday for the State Funeral of Queen Elizabeth II"), (12, 26, "Boxing Day"), (12, 27, "Christmas Day (substitute day)")]),
            (2023, [(1, 2, "New Year’s Day (substitute day)"), (4, 7, "Good Friday"), (4, 10, "Easter Monday"), (5, 1, "Early May bank holiday"), (5, 8, "Bank holiday for the coronation of King Charles III"), (5, 29, "Spring bank holiday"), (8, 28, "Summer bank holiday"), (12, 25, "Christmas Day"), (12, 26, "Boxing Day")]),
            (2024, [(1, 1, "New Year’s Day"), (3, 29, "Good Friday"), (4, 1, "Easter Monday"), (5, 6, "Early May bank holiday"), (5, 27, "Spring bank holiday"), (8, 26, "Summer bank holiday"), (12, 25, "Christmas Day"), (12, 26, "Boxing Day")]),
            (2025, [(1, 1, "New Year’s Day"), (4, 18, "Good Friday"), (4, 21, "Easter Monday"), (5, 5, "Early May bank holiday"), (5, 26, "Spring bank holiday"), (8, 25, "Summer bank holiday"), (12, 25, "Christmas Day"), (12, 26, "Boxing Day")]),
            (2026, [(1, 1, "New Year’s Day"), (4, 3, "Good Friday"), (4, 6, "Easter Monday"), (5, 4, "Early May bank holiday"), (5, 25, "Spring bank holiday"), (8, 31, "Summer bank holiday"), (12, 25, "Christmas Day"), (12, 28, "Boxing Day (substitute day)")]),
            (2027, [(1, 1, "New Year’s Day"), (3, 26, "Good Friday"), (3, 29, "Easter Monday"), (5, 3, "Early May bank holiday"), (5, 31, "Spring bank holiday"), (8, 30, "Summer bank holiday"), (12, 27, "Christmas Day (substitute day)"), (12, 28, "Boxing Day (substitute day)")]),
            (2028, [(1, 3, "New Year’s Day (substitute day)"), (4, 14, "Good Friday"), (4, 17, "Easter Monday"), (5, 1, "Early May bank holiday"), (5, 29, "Spring bank holiday"), (8, 28, "Summer bank holiday"), (12, 25, "Christmas Day"), (12, 26, "Boxing Day")]),
        ]
        var out: [BankHoliday] = []
        for (year, days) in table {
            for (m, d, title) in days {
                if let date = LocalDate(year: year, month: m, day: d) { out.append(BankHoliday(date: date, title: title)) }
            }
        }
        return out
    }()
}
