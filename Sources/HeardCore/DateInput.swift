/// Dates as people type them in a meeting: `2022-03-04`, `4/3/2022`, `4/3`, `today`, `+10wd`.
///
/// Accepted forms (surrounding spaces ignored, letters in any case):
///
/// | form | means |
/// |---|---|
/// | `2022-03-04` | that day (ISO; month and day may also be one digit: `2022-3-4`) |
/// | `04/03/2022`, `4/3/2022` | 4 March 2022: UK order, day/month/year, year in full |
/// | `4/3` | 4 March of today's year |
/// | `today`, `yesterday`, `tomorrow` | relative to `today` |
/// | `+10wd`, `-3wd` | 10 working days after / 3 working days before today, counted as DOMAIN.md counts: day 1 is the first working day after (before) today |
/// | `+5d`, `-5d` | calendar days |
/// | `+2w`, `-2w` | weeks of seven days |
///
/// Refused: empty text, anything else, days that do not exist (`31/02/2022`, `29/02/2023`),
/// two-digit years (ambiguous), and dates outside the years 1900-2100.
public enum DateInput {
    /// The years a typed or computed date may fall in.
    public static let years = 1900...2100

    /// The accepted forms, for messages and help.
    public static let acceptedForms = "2022-03-04, 4/3/2022 (day/month/year), 4/3 (this year), today, yesterday, tomorrow, +10wd or -3wd (working days), +5d or -5d (days), +2w (weeks)"

    public static func parse(_ text: String, today: LocalDate, calendar: WorkingDayCalendar) -> Result<LocalDate, DateInputError> {
        let trimmed = text.trimmingSpaces
        func fail(_ r: DateInputError.Reason) -> Result<LocalDate, DateInputError> { .failure(DateInputError(input: trimmed, reason: r)) }
        if trimmed.isEmpty { return fail(.empty) }
        let lower = trimmed.lowercased()

        switch lower {
        case "today": return checked(today, trimmed)
        case "yesterday": return checked(today.adding(days: -1), trimmed)
        case "tomorrow": return checked(today.adding(days: 1), trimmed)
        default: break
        }

        if let first = lower.first, first == "+" || first == "-" {
            return relative(lower, sign: first == "+" ? 1 : -1, original: trimmed, today: today, calendar: calendar)
        }

        if lower.contains("/") {
            let parts = lower.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2 || parts.count == 3,
                  let d = number(parts[0], maxDigits: 2), let m = number(parts[1], maxDigits: 2) else { return fail(.notADate) }
            var y = today.year
            if parts.count == 3 {
                guard let yy = number(parts[2], maxDigits: 4) else { return fail(.notADate) }
                if parts[2].count != 4 { return fail(.shortYear) }
                y = yy
            }
            return civil(year: y, month: m, day: d, original: trimmed)
        }

        if lower.contains("-") {
            let parts = lower.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4,
                  let y = number(parts[0], maxDigits: 4), let m = number(parts[1], maxDigits: 2), let d = number(parts[2], maxDigits: 2)
            else { return fail(.notADate) }
            return civil(year: y, month: m, day: d, original: trimmed)
        }

        return fail(.notADate)
    }

    /// The day `n` working days before `d` (day 1 is the first working day before `d`): the
    /// mirror of `WorkingDayCalendar.adding(workingDays:after:)`. `n` of zero or less returns `d`.
    public static func subtracting(workingDays n: Int, before d: LocalDate, calendar: WorkingDayCalendar) -> LocalDate {
        calendar.subtracting(workingDays: n, before: d)
    }

    // MARK: - Pieces

    private static func relative(_ lower: String, sign: Int, original: String, today: LocalDate, calendar: WorkingDayCalendar) -> Result<LocalDate, DateInputError> {
        // "+10wd", also "+10 wd" and "+ 10 wd".
        let body = lower.dropFirst().filter { !$0.isWhitespace }
        let digits = body.prefix { $0.isASCII && $0.isNumber }
        let unit = body.dropFirst(digits.count)
        guard !digits.isEmpty, let n = number(Substring(digits), maxDigits: 6) else {
            return .failure(DateInputError(input: original, reason: .notADate))
        }
        // Nothing in the accepted years is further than ~200 years from anything else; refusing
        // earlier keeps a stray "+999999wd" from counting for a long time.
        let maxDays = (years.upperBound - years.lowerBound + 1) * 366
        let date: LocalDate
        switch unit {
        case "wd":
            guard n <= maxDays * 5 / 7 + 1 else { return .failure(DateInputError(input: original, reason: .outOfRange)) }
            date = sign > 0 ? calendar.adding(workingDays: n, after: today) : subtracting(workingDays: n, before: today, calendar: calendar)
        case "d":
            guard n <= maxDays else { return .failure(DateInputError(input: original, reason: .outOfRange)) }
            date = today.adding(days: sign * n)
        case "w":
            guard n <= maxDays / 7 + 1 else { return .failure(DateInputError(input: original, reason: .outOfRange)) }
            date = today.adding(days: sign * n * 7)
        default:
            return .failure(DateInputError(input: original, reason: .notADate))
        }
        return checked(date, original)
    }

    private static func civil(year: Int, month: Int, day: Int, original: String) -> Result<LocalDate, DateInputError> {
        guard years.contains(year) else { return .failure(DateInputError(input: original, reason: .outOfRange)) }
        guard (1...12).contains(month) else { return .failure(DateInputError(input: original, reason: .noSuchMonth(month))) }
        guard let d = LocalDate(year: year, month: month, day: day) else {
            return .failure(DateInputError(input: original, reason: .noSuchDay(year: year, month: month, days: LocalDate.daysIn(month: month, year: year))))
        }
        return .success(d)
    }

    private static func checked(_ d: LocalDate, _ original: String) -> Result<LocalDate, DateInputError> {
        years.contains(d.year) ? .success(d) : .failure(DateInputError(input: original, reason: .outOfRange))
    }

    /// ASCII digits only (no signs, no other scripts' digits), 1...maxDigits of them.
    private static func number(_ s: Substring, maxDigits: Int) -> Int? {
        guard !s.isEmpty, s.count <= maxDigits, s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(s)
    }
}

/// Why typed text is not a date; the message quotes the text and lists the accepted forms.
public struct DateInputError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        case empty
        /// Not any accepted form.
        case notADate
        /// A year written with fewer than four digits (`4/3/22`).
        case shortYear
        case noSuchMonth(Int)
        /// The month has only `days` days.
        case noSuchDay(year: Int, month: Int, days: Int)
        /// Before 1900 or after 2100.
        case outOfRange
    }

    /// The text as typed, trimmed.
    public var input: String
    public var reason: Reason

    public init(input: String, reason: Reason) { self.input = input; self.reason = reason }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]

    /// Why, without the list of forms: "February 2023 has 28 days".
    public var why: String {
        switch reason {
        case .empty: return "no date was given"
        case .notADate: return "not a date Heard understands"
        case .shortYear: return "write the year in full (2022, not 22)"
        case .noSuchMonth(let m): return "there is no month \(m)"
        case .noSuchDay(let y, let m, let days): return "\(DateInputError.monthNames[m - 1]) \(y) has \(days) days"
        case .outOfRange: return "Heard takes dates from \(DateInput.years.lowerBound) to \(DateInput.years.upperBound)"
        }
    }

    public var description: String {
        let what = reason == .empty ? "A date is needed" : "'\(input)' is not a date"
        return "\(what): \(why). Type one of: \(DateInput.acceptedForms)."
    }
}
