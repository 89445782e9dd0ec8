/// What the app needs from a terminal: its size, painting frames and reading keys.
public protocol TerminalBackend: AnyObject {
    /// Current size in cells.
    var size: Size { get }
    /// Whether Unicode glyphs can be shown (false: use ASCII fallbacks).
    var supportsUnicode: Bool { get }
    /// Paints a frame (only what changed since the last one).
    func present(_ frame: Frame)
    /// The next key, or nil when none arrived within the timeout (negative: wait forever).
    func readKey(timeoutMilliseconds: Int) -> Key?
    /// Gives the terminal back (e.g. to run $EDITOR).
    func suspend()
    /// Takes the terminal again after `suspend` and repaints everything on the next present.
    func resume()
    /// Restores the terminal for good.
    func shutdown()
    /// Forgets what is on screen so the next present repaints every cell (ctrl-l).
    func invalidate()
    /// Paints with another theme from the next frame on.
    func apply(theme: Theme)
    /// Puts the terminal cursor at `position` (nil: leaves it where it is) and shows or hides
    /// it; called after every present, so screen readers follow the selected row or field.
    func placeCursor(at position: Position?, visible: Bool)
    /// The signal that asked the program to end (SIGTERM, SIGHUP, SIGINT), or 0: the loop then
    /// ends as `q` ends it.
    var endSignal: Int32 { get }
    /// Said before and after a program of Heard's own (the editor) runs on the terminal: the
    /// terminal's interrupt keys are that program's meanwhile.
    func childRunning(_ running: Bool)
    /// The program of Heard's own now running (pid 0: none) and its private folder, to kill and
    /// empty should Heard have to die at once meanwhile.
    func noteChild(pid: Int32, folder: String?)
}

extension TerminalBackend {
    public var endSignal: Int32 { 0 }
    public func childRunning(_ running: Bool) {}
    public func noteChild(pid: Int32, folder: String?) {}
}
