import TerminalUI

/// The problems found in config.toml, keys.toml and the theme, shown when the application opens:
/// each on its own wrapped lines in a dialog (joined on the status line they were cut off at
/// the screen's edge), the first few in full, and all of them printed again when Heard closes.
public enum SettingsProblems {
    /// How many problems the dialog lists; the rest are counted.
    static let shown = 8

    /// The dialog for `notes`, its lines at most `width` cells; nil when there are none.
    public static func dialog(_ notes: [String], width: Int) -> DialogState? {
        guard !notes.isEmpty else { return nil }
        let w = max(20, min(76, width - 6))
        var lines: [String] = []
        for n in notes.prefix(shown) {
            let wrapped = CaseDetailLines.wrap(n, width: w - 2)
            for (i, l) in wrapped.prefix(4).enumerated() { lines.append((i == 0 ? "• " : "  ") + l) }
            if wrapped.count > 4 { lines.append("  …") }
        }
        if notes.count > shown { lines.append("… and \(notes.count - shown) more.") }
        lines.append("Heard uses the defaults for these. All are printed again when it closes.")
        let title = notes.count == 1 ? "A problem in your settings" : "\(notes.count) problems in your settings"
        return DialogState(title: title, lines: lines)
    }
}
