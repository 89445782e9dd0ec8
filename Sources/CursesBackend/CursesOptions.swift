import TerminalUI

/// How to start the curses backend.
public struct CursesBackendOptions: Sendable {
    /// The theme whose roles are painted.
    public var theme: Theme
    /// Whether the user chose the theme (then NO_COLOR does not force monochrome).
    public var themeExplicitlyChosen: Bool
    /// A fixed colour level; nil detects it from the environment and the terminal.
    public var colorLevel: ColorLevel?
    /// Paint into `/dev/null` with a fixed size instead of the real terminal (for tests).
    public var headless: Bool
    /// Size used when headless.
    public var headlessSize: Size
    /// When headless, a file descriptor keys are read from (nil: none, `/dev/null`); the backend
    /// owns it from then on. Tests write a terminal's bytes into a pipe and read the keys back.
    public var headlessInput: Int32?
    /// Environment variables (TERM, COLORTERM, NO_COLOR, ESCDELAY).
    public var environment: [String: String]
    /// Install SIGINT/SIGTERM/SIGHUP handlers that restore the terminal (default: when not headless).
    public var installSignalHandlers: Bool

    /// Creates options.
    public init(theme: Theme = .builtin, themeExplicitlyChosen: Bool = false, colorLevel: ColorLevel? = nil,
                headless: Bool = false, headlessSize: Size = Size(width: 80, height: 24),
                environment: [String: String], installSignalHandlers: Bool? = nil) {
        self.theme = theme
        self.themeExplicitlyChosen = themeExplicitlyChosen
        self.colorLevel = colorLevel
        self.headless = headless
        self.headlessSize = headlessSize
        self.environment = environment
        self.installSignalHandlers = installSignalHandlers ?? !headless
    }
}

/// Why the curses backend could not start.
public struct CursesBackendError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var description: String
}
