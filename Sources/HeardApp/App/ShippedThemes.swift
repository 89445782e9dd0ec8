import TerminalUI

/// The themes shipped in `themes/`, compiled in so that `--theme NAME` and `:theme NAME` find
/// them wherever the binary is (a file of the same name in a theme directory still wins).
/// `ShippedThemesTests` fails when these differ from the files: edit the file, then copy it here.
public enum ShippedThemes {
    public static let all: [String: String] = [
        "colorblind": #"""
# Heard colour-blind-safe theme: the Okabe-Ito palette over the default dark theme.
# Status also carries a glyph, so no meaning rests on hue alone.
inherits = "default"

[palette]
black          = { hex = "#000000", ansi256 = 16,  basic = "black" }
orange         = { hex = "#e69f00", ansi256 = 178, basic = "yellow" }
sky-blue       = { hex = "#56b4e9", ansi256 = 74,  basic = "bright-cyan" }
bluish-green   = { hex = "#009e73", ansi256 = 36,  basic = "green" }
yellow         = { hex = "#f0e442", ansi256 = 185, basic = "bright-yellow" }
blue           = { hex = "#0072b2", ansi256 = 25,  basic = "blue" }
vermillion     = { hex = "#d55e00", ansi256 = 166, basic = "red" }
reddish-purple = { hex = "#cc79a7", ansi256 = 175, basic = "magenta" }
accent         = { hex = "#56b4e9", ansi256 = 74,  basic = "bright-cyan" }
selbg          = { hex = "#0072b2", ansi256 = 25,  basic = "blue" }

[roles]
mark                       = { fg = "reddish-purple", attrs = ["bold"] }
"status.overdue"           = { fg = "vermillion", attrs = ["bold"], mono = ["bold"] }
"status.due-soon"          = { fg = "yellow", mono = ["underline"] }
"status.paused"            = { fg = "sky-blue", mono = ["dim"] }
"status.extended"          = { fg = "orange", mono = ["underline"] }
"status.ok"                = { fg = "bluish-green", mono = [] }
"outcome.upheld"           = { fg = "vermillion", attrs = ["bold"], mono = ["bold"] }
"outcome.partially-upheld" = { fg = "orange", mono = ["underline"] }
"outcome.not-upheld"       = { fg = "bluish-green", mono = [] }
"message.error"            = { fg = "vermillion", bg = "panel", attrs = ["bold"], mono = ["bold", "reverse"] }
"chart.bar"                = { fg = "sky-blue" }
"chart.bar.previous"       = { fg = "orange", mono = ["dim"] }
"""#,
        "default": Theme.builtinThemeTOML,   // the built-in theme is this file
        "light": #"""
# Heard light theme: light background, dark text.
[palette]
fg       = { hex = "#262626", ansi256 = 235, basic = "black" }
bg       = { hex = "#fafafa", ansi256 = 231, basic = "bright-white" }
panel    = { hex = "#e4e4e4", ansi256 = 254, basic = "white" }
selbg    = { hex = "#afd7ff", ansi256 = 153, basic = "bright-cyan" }
muted    = { hex = "#6c6c6c", ansi256 = 242, basic = "bright-black" }
accent   = { hex = "#005faf", ansi256 = 25,  basic = "blue" }
red      = { hex = "#af0000", ansi256 = 124, basic = "red" }
orange   = { hex = "#af5f00", ansi256 = 130, basic = "yellow" }
yellow   = { hex = "#875f00", ansi256 = 94,  basic = "yellow" }
green    = { hex = "#005f00", ansi256 = 22,  basic = "green" }
cyan     = { hex = "#005f87", ansi256 = 24,  basic = "cyan" }
magenta  = { hex = "#870087", ansi256 = 90,  basic = "magenta" }
ink      = { hex = "#000000", ansi256 = 16,  basic = "black" }

[roles]
default                    = { fg = "fg", bg = "bg", attrs = [], mono = [] }
header                     = { fg = "accent", bg = "panel", attrs = ["bold"], mono = ["bold", "underline"] }
title                      = { fg = "ink", attrs = ["bold"], mono = ["bold"] }
selection                  = { fg = "ink", bg = "selbg", attrs = ["bold"], mono = ["reverse"] }
mark                       = { fg = "magenta", attrs = ["bold"], mono = ["bold"] }
border                     = { fg = "muted", mono = [] }
hint                       = { fg = "muted", bg = "panel", mono = [] }
"hint.key"                 = { fg = "accent", bg = "panel", attrs = ["bold"], mono = ["bold"] }
status                     = { fg = "fg" }
"status.overdue"           = { fg = "red", attrs = ["bold"], mono = ["bold"] }
"status.due-soon"          = { fg = "yellow", attrs = ["bold"], mono = ["underline"] }
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
input                      = { fg = "ink", bg = "panel", attrs = ["underline"], mono = ["underline"] }
"input.cursor"             = { fg = "bg", bg = "accent", attrs = [], mono = ["reverse"] }
chart                      = { fg = "fg" }
"chart.bar"                = { fg = "accent", mono = [] }
"chart.bar.previous"       = { fg = "muted", mono = ["dim"] }
dim                        = { fg = "muted", mono = ["dim"] }
"""#,
        "mono": #"""
# Heard mono theme: attributes only, no colour at all.
[roles]
default                    = { attrs = [], mono = [] }
header                     = { attrs = ["bold", "underline"], mono = ["bold", "underline"] }
title                      = { attrs = ["bold"], mono = ["bold"] }
selection                  = { attrs = ["reverse"], mono = ["reverse"] }
mark                       = { attrs = ["bold"], mono = ["bold"] }
border                     = { attrs = [], mono = [] }
hint                       = { attrs = ["dim"], mono = ["dim"] }
"hint.key"                 = { attrs = ["bold"], mono = ["bold"] }
status                     = { attrs = [], mono = [] }
"status.overdue"           = { attrs = ["bold"], mono = ["bold"] }
"status.due-soon"          = { attrs = ["underline"], mono = ["underline"] }
"status.paused"            = { attrs = ["dim"], mono = ["dim"] }
"status.extended"          = { attrs = ["underline"], mono = ["underline"] }
"status.ok"                = { attrs = [], mono = [] }
"status.closed"            = { attrs = ["dim"], mono = ["dim"] }
outcome                    = { attrs = [], mono = [] }
"outcome.upheld"           = { attrs = ["bold"], mono = ["bold"] }
"outcome.partially-upheld" = { attrs = ["underline"], mono = ["underline"] }
"outcome.not-upheld"       = { attrs = [], mono = [] }
"message.error"            = { attrs = ["bold", "reverse"], mono = ["bold", "reverse"] }
"message.info"             = { attrs = ["bold"], mono = ["bold"] }
input                      = { attrs = ["underline"], mono = ["underline"] }
"input.cursor"             = { attrs = ["reverse"], mono = ["reverse"] }
"chart.bar"                = { attrs = [], mono = [] }
"chart.bar.previous"       = { attrs = ["dim"], mono = ["dim"] }
dim                        = { attrs = ["dim"], mono = ["dim"] }
"""#,
        "terminal16": #"""
# Heard terminal16 theme: only the terminal's own 16 colours and its default foreground and
# background, so it follows whatever palette the terminal is configured with.
[palette]
red      = { basic = "red" }
green    = { basic = "green" }
yellow   = { basic = "yellow" }
blue     = { basic = "blue" }
magenta  = { basic = "magenta" }
cyan     = { basic = "cyan" }
muted    = { basic = "bright-black" }
accent   = { basic = "bright-blue" }

[roles]
default                    = { fg = "default", bg = "default", attrs = [], mono = [] }
header                     = { fg = "accent", attrs = ["bold", "underline"], mono = ["bold", "underline"] }
title                      = { attrs = ["bold"], mono = ["bold"] }
selection                  = { attrs = ["reverse"], mono = ["reverse"] }
mark                       = { fg = "magenta", attrs = ["bold"], mono = ["bold"] }
border                     = { fg = "muted", mono = [] }
hint                       = { fg = "muted", mono = [] }
"hint.key"                 = { fg = "accent", attrs = ["bold"], mono = ["bold"] }
status                     = { fg = "default" }
"status.overdue"           = { fg = "red", attrs = ["bold"], mono = ["bold"] }
"status.due-soon"          = { fg = "yellow", mono = ["underline"] }
"status.paused"            = { fg = "cyan", mono = ["dim"] }
"status.extended"          = { fg = "yellow", attrs = ["underline"], mono = ["underline"] }
"status.ok"                = { fg = "green", mono = [] }
"status.closed"            = { fg = "muted", mono = ["dim"] }
outcome                    = { fg = "default" }
"outcome.upheld"           = { fg = "red", mono = ["bold"] }
"outcome.partially-upheld" = { fg = "yellow", mono = ["underline"] }
"outcome.not-upheld"       = { fg = "green", mono = [] }
"message.error"            = { fg = "red", attrs = ["bold", "reverse"], mono = ["bold", "reverse"] }
"message.info"             = { fg = "accent", attrs = ["bold"], mono = ["bold"] }
input                      = { attrs = ["underline"], mono = ["underline"] }
"input.cursor"             = { attrs = ["reverse"], mono = ["reverse"] }
"chart.bar"                = { fg = "blue", mono = [] }
"chart.bar.previous"       = { fg = "muted", mono = ["dim"] }
dim                        = { fg = "muted", attrs = ["dim"], mono = ["dim"] }
"""#,
    ]
}
