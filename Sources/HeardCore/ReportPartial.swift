extension Period {
    /// Whether the period has begun but not ended on `today` (the current financial year, say):
    /// its figures are only those so far.
    public func isPartial(today: LocalDate) -> Bool { from <= today && today < to }
}

extension ReportGroup {
    /// The last day a part-year period's figures cover (`period.through`); nil for a whole period.
    public var partialThrough: LocalDate? {
        guard case .text(let s)? = value(at: "period.through") else { return nil }
        return LocalDate(iso: s)
    }

    /// Words for a partial period, e.g. "partial: 2026-04-01 to 2026-11-30 only"; nil when whole.
    public var partialNote: String? {
        guard let through = partialThrough, case .text(let from)? = value(at: "period.from") else { return nil }
        return "partial: \(from) to \(through.iso) only"
    }
}

extension AnnualReport {
    /// A period's figures marked as partial (`period.through` = today) when it has not ended:
    /// a comparison with a whole previous period must say so.
    static func markingPartial(_ g: ReportGroup, period: Period, today: LocalDate) -> ReportGroup {
        guard period.isPartial(today: today), var p = g["period"]?.groupValue else { return g }
        var out = g
        p["through"] = .text(today.iso)
        out["period"] = .group(p)
        return out
    }
}
