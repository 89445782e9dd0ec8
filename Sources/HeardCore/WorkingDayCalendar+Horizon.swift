/// How far the calendar knows the bank holidays, and what to say about a date past that.
///
/// Heard's table (and a gov.uk import) covers whole years, so the horizon is 31 December of
/// the last year with a bank holiday. Past it only Christmas Day, Boxing Day and Good Friday
/// are known: a deadline there may count New Year's Day or a May bank holiday as a working day.
extension WorkingDayCalendar {
    /// The command that teaches the calendar more years.
    public static let importCommand = "heard holidays import FILE.json"

    /// The last day whose bank holidays are known, or nil when none are.
    public var knownThrough: LocalDate? {
        guard let last = holidays.keys.max() else { return nil }
        return LocalDate(year: last.year, month: 12, day: 31)
    }

    /// Whether `d` falls after the days whose bank holidays are known.
    public func isBeyondHorizon(_ d: LocalDate) -> Bool {
        guard let end = knownThrough else { return true }
        return d > end
    }

    /// The last year whose bank holidays are known, as words ("2028", or "any year").
    var horizonYear: String { knownThrough.map { String($0.year) } ?? "any year" }

    /// Why a due date past the horizon may be wrong, naming the import; nil within it.
    public func horizonWarning(due: LocalDate) -> String? {
        guard isBeyondHorizon(due) else { return nil }
        return "Due \(due.iso) is after \(horizonYear), the last year of bank holidays Heard knows: "
            + "bank holidays after it are counted as working days. Run `\(WorkingDayCalendar.importCommand)` "
            + "with gov.uk's bank-holidays.json."
    }

    /// The same for one line of a narrow screen: "CS-2026-0042 due after 2028, bank holidays
    /// unknown: run heard holidays import".
    public func horizonLine(reference: String) -> String {
        "\(reference) due after \(horizonYear), bank holidays unknown: run heard holidays import"
    }

    /// The message for `count` cases whose due dates pass the horizon.
    public func horizonSummary(count: Int) -> String {
        "\(count) case\(count == 1 ? "" : "s") due after \(horizonYear) (bank holidays unknown): run heard holidays import"
    }
}
