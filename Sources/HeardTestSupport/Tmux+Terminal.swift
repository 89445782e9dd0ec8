import Foundation

extension TmuxSession {
    /// The pane's terminal settings as `stty -a` prints them (to see which modes the app left
    /// on: flow control, signal keys).
    public func terminalModes() throws -> String {
        let tty = try tmux(["display-message", "-p", "-t", "main", "#{pane_tty}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        return try toolOutput("/bin/stty", ["-a", "-F", tty])
    }
}

extension TmuxSession {
    /// The process id of the program in the pane (the child of the pane's shell), or nil.
    public func programPID() throws -> Int32? {
        let shell = try tmux(["display-message", "-p", "-t", "main", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        return children.split(separator: " ").first.flatMap { Int32($0) }
    }

    /// Pastes `text` as a terminal does (`paste-buffer -p`: bracketed when the program asked for
    /// it) and waits until the app has handled it, as one key.
    public func paste(_ text: String) throws {
        try pasteOnly(text)
        keysSent += 1
        try waitIdle(keys: keysSent)
    }

    /// Pastes `text` without waiting for the app (after it has ended: into the next program).
    public func pasteOnly(_ text: String) throws {
        try tmux(["set-buffer", "-b", "e2e", "--", text])
        try tmux(["paste-buffer", "-p", "-b", "e2e", "-t", "main"])
    }

    /// Whether the pane is on the terminal's alternate screen (where curses draws).
    public func onAlternateScreen() throws -> Bool {
        try tmux(["display-message", "-p", "-t", "main", "#{alternate_on}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }
}
