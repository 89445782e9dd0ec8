import Foundation

extension TmuxSession {
    /// The pane's terminal settings as `stty -a` prints them (to see which modes the app left
    /// on: flow control, signal keys).
    public func terminalModes() throws -> String {
        let tty = try tmux(["display-message", "-p", "-t", "main", "#{pane_tty}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/stty")
        p.arguments = ["-a", "-F", tty]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
