import Foundation

/// The real `heard` binary in a private tmux server, driven by keys and read back as text.
/// Waits on the app's idle signal (HEARD_IDLE_FILE) instead of sleeping.
public final class TmuxSession {
    public let server: String
    public let idleFile: String
    /// Where the shell around the program writes its exit status: tmux 3.3 sometimes marks the
    /// pane dead and never reaps the program (a zombie, no status), so its own word cannot be relied on.
    let statusFile: String
    var keysSent = 0
    public private(set) var width: Int
    public private(set) var height: Int

    public static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    /// Starts `heard arguments` in a new session of the given size.
    /// `afterwards`: a shell command the pane runs once the program has ended (`cat -v`, to see
    /// what the terminal sends to the next program).
    public init(arguments: [String], environment: [String: String], width: Int = 80, height: Int = 24, dir: TemporaryDirectory,
                afterwards: String? = nil) throws {
        server = "heard-e2e-\(getpid())-\(UUID().uuidString.prefix(6))"
        idleFile = dir.file("idle-\(server)")
        statusFile = dir.file("exit-\(server)")
        self.width = width
        self.height = height
        var env = environment
        env["HEARD_IDLE_FILE"] = idleFile
        env["TERM"] = "xterm-256color"
        env["LANG"] = env["LANG"] ?? "C.UTF-8"
        let exports = env.map { "\($0.key)=\(TmuxSession.shellQuote($0.value))" }.joined(separator: " ")
        // LINES and COLUMNS (set by the headless backend tests in this process) would override the pane's size.
        let command = "env -u LINES -u COLUMNS \(exports) \(TmuxSession.shellQuote(heardBinary())) " + arguments.map(TmuxSession.shellQuote).joined(separator: " ")
            + "; echo $? > " + TmuxSession.shellQuote(statusFile) + (afterwards.map { "; " + $0 } ?? "")
        // new-session starts the server, which must not inherit a pipe we wait on.
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)", command], capture: false)
        try tmux(["set-option", "-t", "main", "remain-on-exit", "on"])
        try tmux(["set-option", "-t", "main", "window-size", "manual"])
        try tmux(["resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"])
        try waitIdle(keys: 0)
        // A detached server may start the pane at another size and resize it before the program
        // is listening for SIGWINCH: nudge the size until the program has drawn at the right one.
        for attempt in 0..<20 {
            if let d = FileManager.default.contents(atPath: idleFile), String(decoding: d, as: UTF8.self).contains("size=\(width)x\(height)") { return }
            try failIfExited()
            if attempt % 4 == 3 {
                try tmux(["resize-window", "-t", "main", "-x", "\(width - 1)", "-y", "\(height)"])
                try? waitFor(timeout: 2) { $0.contains("size=\(width - 1)x\(height)") }
                try tmux(["resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"])
            }
            try? waitFor(timeout: 0.05) { $0.contains("size=\(width)x\(height)") }
        }
        throw TmuxError.timeout("the app never drew at \(width)x\(height):\n" + screenText)
    }

    deinit { _ = try? tmux(["kill-server"]) }

    static func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @discardableResult
    func tmux(_ args: [String], capture: Bool = true) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/tmux")
        p.arguments = ["-L", server] + args
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        guard capture else {
            // Not Foundation's Process: the tmux server it may start would inherit the descriptor
            // Process watches for the child's exit, and the wait would never end.
            _ = spawnAndWait("/usr/bin/tmux", ["-L", server] + args)
            return ""
        }
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Types text literally (each character is one key).
    public func type(_ text: String) throws {
        try tmux(["send-keys", "-t", "main", "-l", text])
        keysSent += text.count
        try waitIdle(keys: keysSent)
    }

    /// Presses named keys (tmux names: Enter, Escape, Up, Down, BTab, Tab, C-l, Space, ...).
    /// Fails at once if the program exits: use `quit(with:)` for a key that should end it.
    public func press(_ keys: String...) throws {
        for k in keys {
            try tmux(["send-keys", "-t", "main", k])
            keysSent += 1
            try waitIdle(keys: keysSent)
        }
    }

    /// Presses a key that should end the program and returns its exit status (nil: still
    /// running after `timeout` seconds).
    public func quit(with key: String = "q", timeout: Double = 10) throws -> Int? {
        try tmux(["send-keys", "-t", "main", key])
        keysSent += 1
        return try waitForExit(timeout: timeout)
    }

    /// Resizes the window and waits for a frame of that size.
    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"])
        self.width = width
        self.height = height
        try waitFor { $0.contains("size=\(width)x\(height)") }
    }

    /// The screen as lines of text.
    public func screen() throws -> [String] {
        try tmux(["capture-pane", "-p", "-t", "main"]).components(separatedBy: "\n")
    }

    public var screenText: String { (try? screen().joined(separator: "\n")) ?? "" }

    /// The screen with colour escapes (to check that colour is used or not).
    public func screenWithEscapes() throws -> String { try tmux(["capture-pane", "-p", "-e", "-t", "main"]) }

    /// Whether the program has exited, and its status.
    public func exitStatus() throws -> Int? {
        // tmux may mark the pane dead a moment before it has the status (seen under load: a
        // program that exited 1 read as 0): ask again until the status is there.
        for _ in 0..<50 {
            if let d = FileManager.default.contents(atPath: statusFile), let status = Int(String(decoding: d, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) {
                return status
            }
            let s = try tmux(["display-message", "-p", "-t", "main", "#{pane_dead} #{pane_dead_status} #{pane_dead_signal}"]).trimmingCharacters(in: .whitespacesAndNewlines)
            let parts = s.split(separator: " ", omittingEmptySubsequences: false)
            guard parts.first == "1" else { return nil }
            // The shell wrote the program's status just before it died: the pane's own status
            // is the shell's (0), so read the file again before falling back to it.
            if let d = FileManager.default.contents(atPath: statusFile), let status = Int(String(decoding: d, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) {
                return status
            }
            if parts.count > 1, let status = Int(parts[1]) { return status }
            // Killed by a signal: the shell's convention, 128 + the signal, so a crash is never read as success.
            if parts.count > 2, let signal = Int(parts[2]) { return 128 + signal }
            usleep(20_000)
        }
        return -1
    }

    /// Waits until the program has exited (up to `timeout` seconds).
    public func waitForExit(timeout: Double = 10) throws -> Int? {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if let s = try exitStatus() { return s }
            usleep(20_000)
        }
        return nil
    }

    /// Throws at once when the program is no longer running: a wait for a screen or for idle
    /// would otherwise either pass on a dead pane or time out with nothing said.
    func failIfExited() throws {
        if let status = try exitStatus() {
            throw TmuxError.exited(status: status, screen: screenText)
        }
    }

    /// Waits until the app has handled `keys` keys and drawn the result.
    public func waitIdle(keys: Int, timeout: Double = 15) throws {
        try waitFor(timeout: timeout) { text in
            guard let r = text.range(of: "keys=") else { return false }
            let n = Int(text[r.upperBound...].prefix { $0.isNumber }) ?? -1
            return n >= keys
        }
    }

    /// Waits until the screen shows `text`.
    public func waitForScreen(containing text: String, timeout: Double = 10) throws {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if screenText.contains(text) { return }
            try failIfExited()
            usleep(50_000)
        }
        throw TmuxError.timeout("screen never showed '\(text)':\n" + screenText)
    }

    func waitFor(timeout: Double = 15, _ ok: (String) -> Bool) throws {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if let d = FileManager.default.contents(atPath: idleFile), ok(String(decoding: d, as: UTF8.self)) { return }
            try failIfExited()
            usleep(10_000)
        }
        throw TmuxError.timeout("the app did not become idle:\n" + screenText)
    }
}

/// Runs a program with standard streams on /dev/null and waits for it; returns its exit status.
@discardableResult
public func spawnAndWait(_ path: String, _ args: [String]) -> Int32 {
    var pid: pid_t = 0
    var fa = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&fa)
    defer { posix_spawn_file_actions_destroy(&fa) }
    for fd: Int32 in [0, 1, 2] { posix_spawn_file_actions_addopen(&fa, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0) }
    let argv = ([path] + args).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    guard posix_spawn(&pid, path, &fa, nil, argv, environ) == 0 else { return -1 }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return (status >> 8) & 0xff
}

public enum TmuxError: Error, CustomStringConvertible {
    case timeout(String)
    /// The program ended while a test waited for it to draw or go idle.
    case exited(status: Int, screen: String)
    public var description: String {
        switch self {
        case .timeout(let s): return s
        case .exited(let status, let screen): return "heard exited (status \(status)) while the test waited for it:\n" + screen
        }
    }
}
