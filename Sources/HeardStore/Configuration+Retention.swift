import ConfigFile
import HeardCore

extension HeardConfiguration {
    /// The retention rules: `[retention] years` (`retentionYears`) and each kind's own period.
    public var retention: RetentionRules {
        RetentionRules(years: retentionYears, byKind: retentionByKind)
    }

    /// `[retention]`: `years = 6` and `[retention.kinds]` with a kind's own period
    /// (`compliment = 2`, `member_enquiry = 3`); anything else is named in a warning and the
    /// default kept.
    mutating func applyRetention(_ r: ConfigValue, file: String) {
        func warn(_ key: String, _ value: String, _ why: String) { warnings.append("\(file): \(ConfigValue.shortened(key)) = \(value): \(why)") }
        let range = 1...100
        func years(_ v: ConfigValue, _ key: String) -> Int? {
            guard let n = v.int, range.contains(n) else {
                warn(key, v.warningText, "expected a whole number of years from \(range.lowerBound) to \(range.upperBound); using the default")
                return nil
            }
            return n
        }
        for (k, _) in r.table ?? [] where !["years", "kinds"].contains(k) { warn("retention." + k, "…", "unknown setting; ignored") }
        if let v = r["years"], let n = years(v, "retention.years") { retentionYears = n }
        guard let kinds = r["kinds"] else { return }
        guard kinds.tableValue != nil else { warn("retention.kinds", kinds.warningText, "expected a section ([retention.kinds]); ignored"); return }
        for (k, v) in kinds.table ?? [] {
            guard let kind = ContactKind(rawValue: k) else {
                warn("retention.kinds." + k, v.warningText, "not a kind of contact (\(ContactKind.allCases.map(\.rawValue).joined(separator: ", "))); ignored")
                continue
            }
            if let n = years(v, "retention.kinds." + k) { retentionByKind[kind] = n }
        }
    }
}
