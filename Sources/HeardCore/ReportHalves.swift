/// `AnnualReport.build` in its parts, for a caller with two cores: each complaint's clock, worked
/// out for any run of the contacts (so two runs can be worked out at once), then the period's
/// figures and its comparison's, each on its own. Put together with `assemble`, they are
/// `build`'s report exactly.
extension AnnualReport {
    /// The clock of each contact in `range` of `input.contacts` (nil for all but complaints), in order.
    public static func clocks(_ input: ReportInput, _ options: ReportOptions, in range: Range<Int>) -> [CaseClock?] {
        input.contacts[range].map { c in
            c.kind == .complaint ? c.clock(rules: options.rules, calendar: options.calendar, today: options.today) : nil
        }
    }

    /// The period's own figures (marked partial when it has not ended), from every contact's clock.
    public static func periodFigures(_ input: ReportInput, _ options: ReportOptions, clocks: [CaseClock?]) -> ReportGroup {
        markingPartial(figures(input, options, period: options.period, clocks: clocks), period: options.period, today: options.today)
    }

    /// The comparison period's figures (`Period.comparison`), or nil when the options leave it out.
    public static func comparisonFigures(_ input: ReportInput, _ options: ReportOptions, clocks: [CaseClock?]) -> ReportGroup? {
        options.includePrevious ? figures(input, options, period: options.period.comparison, clocks: clocks) : nil
    }
}
