/// A contact's time as typed: a date in any form `DateInput` takes, then an optional time of day
/// (`yesterday 14:30`, `2022-03-04 9:15`, `4/3 16:00`), or a time alone for today (`14:30`).
/// Nothing typed means now. One reading for `heard log --at` and the log's one-line entry.
public enum LogTimeInput {
    /// The accepted forms, for messages.
    public static let acceptedForms = "a date (\(DateInput.acceptedForms)) optionally followed by a time such as 14:30, or a time alone for today"

    /// `text` as a log time; `now` when it is empty. Refuses a time after `now` (a contact that
    /// has not happened yet) only by its date: a later day is refused, a later hour today is not
    /// (clocks on different machines disagree by minutes).
    public static func parse(_ text: String, now: LogTime, calendar: WorkingDayCalendar) -> Result<LogTime, LogTimeError> {
        let trimmed = text.trimmingSpaces
        if trimmed.isEmpty { return .success(now) }
        var words = trimmed.split(separator: " ", omittingEmptySubsequences: true)
        var minutes: Int?
        if let last = words.last, last.contains(":") {
            guard let m = LogTime.minutes(last) else { return .failure(LogTimeError(input: trimmed, why: "'\(last)' is not a time of day (like 14:30)")) }
            minutes = m
            words.removeLast()
        }
        let dateText = words.joined(separator: " ")
        let date: LocalDate
        if dateText.isEmpty {
            date = now.date
        } else {
            switch DateInput.parse(dateText, today: now.date, calendar: calendar) {
            case .success(let d): date = d
            case .failure(let e): return .failure(LogTimeError(input: trimmed, why: e.why))
            }
        }
        if date > now.date { return .failure(LogTimeError(input: trimmed, why: "\(date.iso) has not happened yet")) }
        return .success(LogTime(date: date, minutes: minutes))
    }
}

/// Why typed text is not a contact's time; the message quotes the text.
public struct LogTimeError: Error, Equatable, Sendable, CustomStringConvertible {
    public var input: String
    public var why: String
    public init(input: String, why: String) { self.input = input; self.why = why }
    public var description: String { "'\(input)' is not a time Heard understands: \(why). Type \(LogTimeInput.acceptedForms)." }
}
