/// The built-in dark theme, identical to themes/default.toml, used when no file is found or one is broken.
extension Theme {
    /// The built-in dark theme.
    public static let builtin: Theme = {
        let (theme, errors) = ThemeParser.parse(builtinThemeTOML, name: "default", file: "<built-in>")
        return errors.isEmpty ? theme : Theme(name: "default", roles: [.selection: RoleStyle(attrs: .reverse, mono: .reverse)])
    }()

    /// The TOML text of the built-in theme.
    public static let builtinThemeTOML: String = """
    # Heard default theme: dark background, light text.
    [palette]
    fg       = { hex = "#d0d0d0", ansi256 = 252, basic = "white" }
    bg       = { hex = "#1c1c1c", ansi256 = 234, basic = "black" }
    panel    = { hex = "#262626", ansi256 = 235, basic = "black" }
    selbg    = { hex = "#264f78", ansi256 = 24,  basic = "blue" }
    muted    = { hex = "#808080", ansi256 = 244, basic = "bright-black" }
    accent   = { hex = "#5fafff", ansi256 = 75,  basic = "bright-blue" }
    red      = { hex = "#ff5f5f", ansi256 = 203, basic = "bright-red" }
    orange   = { hex = "#ffaf5f", ansi256 = 215, basic = "yellow" }
    yellow   = { hex = "#ffd75f", ansi256 = 221, basic = "bright-yellow" }
    green    = { hex = "#87d787", ansi256 = 114, basic = "bright-green" }
    cyan     = { hex = "#5fd7d7", ansi256 = 80,  basic = "bright-cyan" }
    magenta  = { hex = "#d787d7", ansi256 = 176, basic = "bright-magenta" }
    white    = { hex = "#ffffff", ansi256 = 231, basic = "bright-white" }

    [roles]
    default                    = { fg = "fg", bg = "bg", attrs = [], mono = [] }
    header                     = { fg = "accent", bg = "panel", attrs = ["bold"], mono = ["bold", "underline"] }
    title                      = { fg = "white", attrs = ["bold"], mono = ["bold"] }
    selection                  = { fg = "white", bg = "selbg", attrs = ["bold"], mono = ["reverse"] }
    mark                       = { fg = "magenta", attrs = ["bold"], mono = ["bold"] }
    border                     = { fg = "muted", mono = [] }
    hint                       = { fg = "muted", bg = "panel", mono = [] }
    "hint.key"                 = { fg = "accent", bg = "panel", attrs = ["bold"], mono = ["bold"] }
    status                     = { fg = "fg" }
    "status.overdue"           = { fg = "red", attrs = ["bold"], mono = ["bold"] }
    "status.due-soon"          = { fg = "yellow", mono = ["underline"] }
    "status.paused"            = { fg = "cyan", mono = ["dim"] }
    "status.extended"          = { fg = "orange", mono = ["underline"] }
    "status.ok"                = { fg = "green", mono = [] }
    "status.closed"            = { fg = "muted", mono = ["dim"] }
    outcome                    = { fg = "fg" }
    "outcome.upheld"           = { fg = "red", mono = ["bold"] }
    "outcome.partially-upheld" = { fg = "orange", mono = ["underline"] }
    "outcome.not-upheld"       = { fg = "green", mono = [] }
    message                    = { fg = "fg", bg = "panel" }
    "message.error"            = { fg = "red", bg = "panel", attrs = ["bold"], mono = ["bold", "reverse"] }
    "message.info"             = { fg = "accent", bg = "panel", mono = ["bold"] }
    input                      = { fg = "white", bg = "panel", attrs = ["underline"], mono = ["underline"] }
    "input.cursor"             = { fg = "bg", bg = "accent", attrs = [], mono = ["reverse"] }
    chart                      = { fg = "fg" }
    "chart.bar"                = { fg = "accent", mono = [] }
    "chart.bar.previous"       = { fg = "muted", mono = ["dim"] }
    dim                        = { fg = "muted", mono = ["dim"] }
    """
}
