/// How many colours the terminal can show.
public enum ColorLevel: Int, Comparable, CaseIterable, Sendable, CustomStringConvertible {
    /// Attributes only.
    case mono
    /// The 16 (or 8) basic colours.
    case basic16
    /// xterm 256 colours.
    case ansi256
    /// 24-bit colour.
    case direct

    /// Fewer colours sort first.
    public static func < (a: ColorLevel, b: ColorLevel) -> Bool { a.rawValue < b.rawValue }

    /// "mono", "16", "256", "direct".
    public var description: String {
        switch self {
        case .mono: return "mono"
        case .basic16: return "16"
        case .ansi256: return "256"
        case .direct: return "direct"
        }
    }

    /// Detects the level from environment variables.
    ///
    /// `NO_COLOR` (non-empty) means mono unless the user explicitly chose a theme;
    /// `TERM=dumb` or no TERM means mono; `COLORTERM=truecolor|24bit` direct; `*-256color` 256.
    public static func detect(environment env: [String: String], themeExplicitlyChosen: Bool = false) -> ColorLevel {
        let term = env["TERM"] ?? ""
        if term.isEmpty || term == "dumb" { return .mono }
        if let nc = env["NO_COLOR"], !nc.isEmpty, !themeExplicitlyChosen { return .mono }
        let colorterm = (env["COLORTERM"] ?? "").lowercased()
        if colorterm == "truecolor" || colorterm == "24bit" || term.hasSuffix("-direct") { return .direct }
        if term.contains("256color") { return .ansi256 }
        return .basic16
    }

    /// The level a terminal reporting `colors` colours supports, capped at `self`.
    public func capped(byTerminalColors colors: Int, hasColors: Bool) -> ColorLevel {
        if !hasColors || colors < 8 { return .mono }
        if colors < 256 { return min(self, .basic16) }
        return self
    }
}
