/// A contact's time as typed: a date in any form `DateInput` takes, then an optional time of day
/// (`yesterday 14:30`, `2022-03-04 9:15`, `4/3 2:30pm`, `9.30`), or a time alone for today (`3pm`).
/// Nothing typed means now. One reading for `heard log --at` and the log's one-line entry.
public enum LogTimeInput {
    /// The accepted forms, for messages. A contact is logged once it has happened, so no word
    /// for a later day (tomorrow, +2d) is offered, though `DateInput` reads them.
    public static let acceptedForms = "a date (2022-03-04, 4/3/2022 (day/month/year), 4/3 (this year), today, yesterday, -3wd (working days ago) or -5d (days ago)) optionally followed by a time such as 14:30, 9.30, 2:30pm or 3pm, or a time alone for today"

    /// `text` as a log time; `now` when it is empty. Refuses a time after `now` (a contact that
    /// has not happened yet) only by its date: a later day is refused, a later hour today is not
    /// (clocks on different machines disagree by minutes). With `received`, refuses a day before
    /// the case was received too.
    public static func parse(_ text: String, now: LogTime, calendar: WorkingDayCalendar, received: LocalDate? = nil) -> Result<LogTime, LogTimeError> {
        let trimmed = text.trimmingSpaces
        if trimmed.isEmpty { return .success(now) }
        var words = trimmed.split(separator: " ", omittingEmptySubsequences: true)
        var minutes: Int?
        if let last = words.last, LogTime.looksLikeTypedTime(last) {
            guard let m = LogTime.typedMinutes(last) else { return .failure(LogTimeError(input: trimmed, why: "'\(last)' is not a time of day (like 14:30 or 2:30pm)")) }
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
        let at = LogTime(date: date, minutes: minutes)
        if let refused = refusal(at, now: now, received: received, typed: trimmed) { return .failure(refused) }
        return .success(at)
    }

    /// Why a contact cannot have happened at `at`: after today, or before the case was received.
    /// The store asks the same of every entry it keeps, however it was typed.
    public static func refusal(_ at: LogTime, now: LogTime?, received: LocalDate?, typed: String? = nil) -> LogTimeError? {
        let input = typed ?? at.text
        if let now, at.date > now.date {
            return LogTimeError(input: input, why: "\(at.date.iso) has not happened yet", reason: .future)
        }
        if let r = received, at.date < r {
            return LogTimeError(input: input, why: "\(at.date.iso) is before the case was received on \(r.iso)", reason: .beforeReceived)
        }
        return nil
    }
}

extension LogTime {
    /// A word meant as a time of day: `14:30`, `9.30`, `2:30pm`, `3pm` (checked by `typedMinutes`).
    /// A dot counts only before two digits, so `3.5` in a note stays the note's.
    public static func looksLikeTypedTime(_ w: Substring) -> Bool {
        var s = w.lowercased()
        var meridiem = false
        if s.hasSuffix("am") || s.hasSuffix("pm") { s.removeLast(2); meridiem = true }
        guard !s.isEmpty, s.first!.isNumber else { return false }
        if s.allSatisfy(\.isNumber) { return meridiem }
        if s.contains(":") {
            let p = s.split(separator: ":", omittingEmptySubsequences: false)
            return p.count == 2 && p.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
        }
        let p = s.split(separator: ".", omittingEmptySubsequences: false)
        return p.count == 2 && !p[0].isEmpty && p[0].allSatisfy(\.isNumber) && p[1].count == 2 && p[1].allSatisfy(\.isNumber)
    }

    /// A time of day as an officer types it, in minutes after midnight: 24-hour `14:30` or
    /// `9.30`, or 12-hour with am/pm (`2:30pm`, `3pm`, `12am` is midnight). Nil unless real.
    public static func typedMinutes(_ w: Substring) -> Int? {
        var s = w.lowercased()
        var meridiem: String?
        if s.hasSuffix("am") || s.hasSuffix("pm") { meridiem = String(s.suffix(2)); s.removeLast(2) }
        guard s.allSatisfy(\.isASCII) else { return nil }
        let hm = s.split(omittingEmptySubsequences: false) { $0 == ":" || $0 == "." }
        let h: Int, m: Int
        if hm.count == 1, meridiem != nil, (1...2).contains(hm[0].count), let hh = Int(hm[0]) { h = hh; m = 0 }
        else if hm.count == 2, (1...2).contains(hm[0].count), hm[1].count == 2, let hh = Int(hm[0]), let mm = Int(hm[1]) { h = hh; m = mm }
        else { return nil }
        guard (0..<60).contains(m) else { return nil }
        if let half = meridiem {
            guard (1...12).contains(h) else { return nil }
            return ((h % 12) + (half == "pm" ? 12 : 0)) * 60 + m
        }
        guard (0..<24).contains(h) else { return nil }
        return h * 60 + m
    }
}

/// Why typed text is not a contact's time; the message quotes the text.
public struct LogTimeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not understood (bad usage), or understood but a day the contact cannot have happened.
    public enum Reason: Equatable, Sendable { case notUnderstood, future, beforeReceived }
    public var input: String
    public var why: String
    public var reason: Reason
    public init(input: String, why: String, reason: Reason = .notUnderstood) { self.input = input; self.why = why; self.reason = reason }
    public var description: String {
        switch reason {
        case .notUnderstood: return "'\(input)' is not a time Heard understands: \(why). Type \(LogTimeInput.acceptedForms)."
        case .future: return "'\(input)': \(why); a contact is logged once it has happened."
        case .beforeReceived: return "'\(input)': \(why)."
        }
    }
}
