import HeardCore

/// What the report screen calls its two periods: the column headings and the bar legend say
/// which is this period and which the previous, and a period not yet over says it is partial.
struct ReportLegend {
    /// The period in full words, e.g. "2026-27" or "01/04/2026 to 30/06/2026".
    var thisPeriod: String
    /// Short names for the columns (at most 8 cells): "2026-27" and "2025-26", else "this" and "before".
    var thisColumn: String
    var previousColumn: String
    /// The previous period in full words when its column says only "before".
    var previousPeriod: String?
    /// "partial: to 30/11/2026" when the period runs past today; "* partial: …" when its column
    /// is starred (a financial year so far), so the star is explained where the period is named.
    var partial: String?
    /// What a starred year so far is compared with: ", against the whole of 2025-26" (the year
    /// before is compared whole, `Period.comparison`); said where the line has room.
    var comparedWith: String?

    init(_ period: Period, today: LocalDate, report: ReportGroup?, style: DateStyle) {
        thisPeriod = style.rewritingISODates(in: period.label)
        let fy = period == Period.financialYear(containing: period.from)
        thisColumn = fy ? period.label : "this"
        previousColumn = period.comparison.isFinancialYear ? period.comparison.label : "before"
        if !period.comparison.isFinancialYear { previousPeriod = style.rewritingISODates(in: period.comparison.label) }
        let through = report?.partialThrough ?? (period.isPartial(today: today) ? today : nil)
        partial = through.map { "partial: to \(style.text($0))" }
        if let note = partial {
            thisColumn = fy ? period.label + "*" : "so far"
            if fy {
                partial = "* " + note
                if report?.value(at: "previous.period.from") != nil, period.comparison.isFinancialYear {
                    comparedWith = ", against the whole of \(previousColumn)"
                }
            }
        }
    }
}
