import HeardCore

/// Working-day arithmetic as Heard counted it before issue 14: one day at a time, Easter
/// computed for every day asked about. Kept as the reference the property tests hold
/// `WorkingDayCalendar` to.
struct ReferenceCalendar {
    let holidays: Set<Int>
    let lo: Int?
    let hi: Int?

    init(_ calendar: WorkingDayCalendar) {
        holidays = Set(calendar.holidays.keys.map(\.dayNumber))
        lo = holidays.min()
        hi = holidays.max()
    }

    func isHoliday(_ d: LocalDate) -> Bool {
        if let lo, let hi, d.dayNumber >= lo, d.dayNumber <= hi { return holidays.contains(d.dayNumber) }
        return ReferenceCalendar.isFixedHoliday(d)
    }

    static func isFixedHoliday(_ d: LocalDate) -> Bool {
        let p = d.parts
        if p.month == 12 && (p.day == 25 || p.day == 26) { return true }
        return d == easterSunday(p.year).adding(days: -2)
    }

    static func easterSunday(_ y: Int) -> LocalDate {
        let a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: y, month: month, day: day) ?? LocalDate(dayNumber: 0)
    }

    func isWorkingDay(_ d: LocalDate) -> Bool { !d.isWeekend && !isHoliday(d) }

    func workingDay(onOrAfter d: LocalDate) -> LocalDate {
        var x = d
        while !isWorkingDay(x) { x = x.adding(days: 1) }
        return x
    }

    func adding(workingDays n: Int, after d: LocalDate) -> LocalDate {
        guard n > 0 else { return d }
        var x = d
        var left = n
        while left > 0 {
            x = x.adding(days: 1)
            if isWorkingDay(x) { left -= 1 }
        }
        return x
    }

    /// `DateInput.subtracting(workingDays:before:calendar:)` as it was.
    func subtracting(workingDays n: Int, before d: LocalDate) -> LocalDate {
        guard n > 0 else { return d }
        var x = d
        var left = n
        while left > 0 {
            x = x.adding(days: -1)
            if isWorkingDay(x) { left -= 1 }
        }
        return x
    }

    func workingDays(after from: LocalDate, through to: LocalDate) -> Int {
        if to == from { return 0 }
        if to < from { return -workingDays(after: to, through: from) }
        var count = 0
        var x = from
        while x < to {
            x = x.adding(days: 1)
            if isWorkingDay(x) { count += 1 }
        }
        return count
    }

    func workingDays(from: LocalDate, before to: LocalDate) -> Int {
        guard from < to else { return 0 }
        return workingDays(after: from.adding(days: -1), through: to.adding(days: -1))
    }
}

/// CSV quoting (RFC 4180) as a spreadsheet reads it, written plainly, Unicode scalar by scalar:
/// a spreadsheet sees a comma, quote or line break whatever accent follows it, so a Character
/// (where "\r\n" or a quote with an accent is one) is not the unit. The byte form in HeardCore
/// must give exactly this.
enum ReferenceCSVField {
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    static func escape(_ value: String) -> String {
        let s = neutralise(value)
        if s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            var out = String.UnicodeScalarView()
            out.append("\"")
            for u in s.unicodeScalars {
                out.append(u)
                if u == "\"" { out.append("\"") }
            }
            out.append("\"")
            return String(out)
        }
        return s
    }

    static func neutralise(_ s: String) -> String {
        if let f = s.unicodeScalars.first(where: { $0 != "'" }), formulaStarts.contains(f) { return "'" + s }
        return s
    }
}
