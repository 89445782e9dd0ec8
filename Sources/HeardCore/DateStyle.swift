/// How the screens write a date: one format for every date on a screen, chosen once in
/// config.toml (`[ui] date_format`). Files, JSON and `heard show` keep ISO whatever the choice.
public enum DateStyle: String, CaseIterable, Sendable {
    /// `2022-04-14` (the default).
    case iso
    /// `14/04/2022`.
    case uk

    /// The date written in this style; both styles are ten characters wide.
    public func text(_ d: LocalDate) -> String {
        switch self {
        case .iso: return d.iso
        case .uk:
            let p = d.parts
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            return "\(two(p.day))/\(two(p.month))/\(String(p.year))"
        }
    }

    /// The style a config value names: `iso` or `uk`, or the pattern each writes.
    public static func named(_ name: String) -> DateStyle? {
        switch name.lowercased() {
        case "iso", "yyyy-mm-dd": return .iso
        case "uk", "dd/mm/yyyy": return .uk
        default: return nil
        }
    }

    /// Every ISO date (`YYYY-MM-DD`, a real day, not inside a longer run of digits) in a
    /// line of text rewritten in this style: what the record writes in ISO is shown in the
    /// screen's one format.
    public func rewritingISODates(in text: String) -> String {
        guard self != .iso else { return text }
        return LocalDate.rewritingISODates(in: text, self.text)
    }
}
