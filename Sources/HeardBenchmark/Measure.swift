import Foundation
import HeardCore

/// Wall time and peak resident memory of one child process.
struct ProcessRun {
    var seconds: Double
    var peakMB: Double
    var status: Int32
    var output = ""
    /// User plus system CPU seconds, from `/usr/bin/time` (nil without it).
    var cpu: Double?
}

enum Measure {
    /// CPU seconds this thread has used: a figure a busy machine does not inflate as it does wall time.
    static func threadCPU() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// This process's CPU time so far, every thread: an in-process figure's CPU, which a machine
    /// shared with builds leaves steady where wall time is not.
    static func cpuNow() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Runs `path args` with output to /dev/null, timing it, with its peak RSS and CPU time from
    /// `/usr/bin/time` when there is one. (wait4's figure is no good here: a child spawned with
    /// vfork starts life sharing this process's memory, and Linux keeps that high-water mark
    /// across exec, so every child reads at least this benchmark's own size.)
    static func run(_ path: String, _ args: [String], env: [String: String], keepOutput: Bool = false) -> ProcessRun {
        let timeTool = "/usr/bin/time"
        guard !keepOutput, FileManager.default.isExecutableFile(atPath: timeTool) else { return spawn(path, args, env: env, keepOutput: keepOutput) }
        let peakFile = NSTemporaryDirectory() + "heard-bench-peak-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: peakFile) }
        var run = spawn(timeTool, ["-f", "%M %U %S", "-o", peakFile, path] + args, env: env, keepOutput: false)
        // The last line: "KB user system" (a killed child adds a line before it).
        if let text = try? String(contentsOfFile: peakFile, encoding: .utf8),
           let last = text.split(separator: "\n").last {
            let parts = last.split(separator: " ").compactMap { Double($0) }
            if parts.count == 3 {
                run.peakMB = parts[0] / 1024
                run.cpu = parts[1] + parts[2]
            }
        }
        return run
    }

    static func spawn(_ path: String, _ args: [String], env: [String: String], keepOutput: Bool = false) -> ProcessRun {
        var pid: pid_t = 0
        var fa: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fa)
        let outFile = keepOutput ? NSTemporaryDirectory() + "heard-bench-out-\(getpid())" : "/dev/null"
        posix_spawn_file_actions_addopen(&fa, 1, outFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&fa, 2, outFile, O_WRONLY | O_APPEND, 0)
        let argv = ([path] + args).map { strdup($0) } + [nil]
        var merged = ProcessInfo.processInfo.environment
        for (k, v) in env { merged[k] = v }
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) }; posix_spawn_file_actions_destroy(&fa) }
        let t0 = now()
        guard posix_spawn(&pid, path, &fa, nil, argv, envp) == 0 else { return ProcessRun(seconds: 0, peakMB: 0, status: -1) }
        var status: Int32 = 0
        var ru = rusage()
        _ = wait4(pid, &status, 0, &ru)
        let t1 = now()
        var run = ProcessRun(seconds: t1 - t0, peakMB: Double(ru.ru_maxrss) / 1024, status: (status >> 8) & 0xff)
        if keepOutput {
            run.output = (try? String(contentsOfFile: outFile, encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(atPath: outFile)
        }
        return run
    }

    /// Resident memory of this process now, in MB.
    static func residentMB() -> Double {
        guard let s = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let parts = s.split(separator: " ")
        guard parts.count > 1, let pages = Double(parts[1]) else { return 0 }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }

    /// Resident memory of the real `heard` on `db` in a 120x40 tmux pane: once its list has
    /// loaded, and with the report open. Nil when there is no tmux.
    static func realProcessMB(_ heard: String, db: String, today: LocalDate) -> (list: Double, report: Double)? {
        // A private server (-L): its own socket, killed at the end, and never one the user runs.
        let session = "heard-bench-\(getpid())"
        func tmux(_ args: [String]) -> String? {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["tmux", "-L", session, "-f", "/dev/null"] + args
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            p.standardInput = FileHandle.nullDevice
            guard (try? p.run()) != nil else { return nil }
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return p.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
        }
        /// Starts the server: its standard streams are /dev/null, so it cannot hold a pipe that a
        /// read above waits on to its end (which hung the benchmark when no server was running).
        func startServer(_ args: [String]) -> Bool {
            var pid: pid_t = 0
            var fa = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&fa)
            defer { posix_spawn_file_actions_destroy(&fa) }
            for fd: Int32 in [0, 1, 2] { posix_spawn_file_actions_addopen(&fa, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0) }
            let argv = (["/usr/bin/env", "tmux", "-L", session, "-f", "/dev/null"] + args).map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            guard posix_spawn(&pid, "/usr/bin/env", &fa, nil, argv, environ) == 0 else { return false }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            return status == 0
        }
        let idle = NSTemporaryDirectory() + "\(session).idle"
        defer {
            _ = tmux(["kill-server"])
            try? FileManager.default.removeItem(atPath: idle)
        }
        let command = "exec env -u LINES -u COLUMNS HEARD_TODAY=\(today.iso) HEARD_IDLE_FILE=\(idle) \(heard) --db '\(db)'"
        guard startServer(["new-session", "-d", "-s", session, "-x", "120", "-y", "40", command]),
              let pid = tmux(["display", "-p", "-t", session, "#{pane_pid}"]).flatMap({ Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        else { return nil }
        func waitIdle(keys: Int) {
            for _ in 0..<300 {
                if let s = try? String(contentsOfFile: idle, encoding: .utf8), s.contains("keys=\(keys) ") { return }
                usleep(20_000)
            }
        }
        func rss() -> Double {
            guard let s = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
                  let line = s.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
                  let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
            return kb / 1024
        }
        waitIdle(keys: 0)
        usleep(1_000_000)
        let list = rss()
        _ = tmux(["send-keys", "-t", session, "R"])
        waitIdle(keys: 1)
        usleep(1_000_000)
        let report = rss()
        _ = tmux(["send-keys", "-t", session, "q"])
        return (list, report)
    }

    static func percentile(_ xs: [Double], _ p: Double) -> Double {
        guard !xs.isEmpty else { return 0 }
        let s = xs.sorted()
        return s[min(s.count - 1, Int((Double(s.count - 1) * p).rounded()))]
    }

    static func median(_ xs: [Double]) -> Double { percentile(xs, 0.5) }
}
