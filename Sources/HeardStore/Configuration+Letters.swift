import ConfigFile
import HeardCore

extension HeardConfiguration {
    /// `[letters]`: the council's letterhead, the team's address and contacts, the signatory and
    /// the Ombudsman's details (`LetterSettings.textKeys` as text, `listKeys` as lists of lines).
    /// A wrong value or unknown key is named in a warning and the default kept.
    mutating func applyLetters(_ section: ConfigValue, file: String) {
        func warn(_ key: String, _ value: String, _ why: String) { warnings.append("\(file): \(ConfigValue.shortened("letters." + key)) = \(value): \(why)") }
        for (k, v) in section.table ?? [] {
            if LetterSettings.textKeys.contains(k) {
                guard let s = v.string else { warn(k, v.warningText, "expected text in quotes; using the default"); continue }
                _ = letters.set(k, text: s.trimmingSpaces)
            } else if LetterSettings.listKeys.contains(k) {
                guard let a = v.array, let lines = Optional(a.compactMap { $0.string?.trimmingSpaces }), lines.count == a.count else {
                    warn(k, v.warningText, "expected a list of lines, like [\"1 High Street\", \"Anytown\"]; using the default"); continue
                }
                _ = letters.set(k, lines: lines.filter { !$0.isEmpty })
            } else {
                warn(k, "…", "unknown setting; ignored")
            }
        }
    }
}
