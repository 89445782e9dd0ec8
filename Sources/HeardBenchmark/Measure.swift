import Foundation

/// Wall time and peak resident memory of one child process.
struct ProcessRun {
    var seconds: Double
    var peakMB: Double
    var status: Int32
    var output = ""
}

enum Measure {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Runs `path args` with output to /dev/null, timing it and reading its peak RSS from wait4.
    static func run(_ path: String, _ args: [String], env: [String: String], keepOutput: Bool = false) -> ProcessRun {
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

    static func percentile(_ xs: [Double], _ p: Double) -> Double {
        guard !xs.isEmpty else { return 0 }
        let s = xs.sorted()
        return s[min(s.count - 1, Int((Double(s.count - 1) * p).rounded()))]
    }

    static func median(_ xs: [Double]) -> Double { percentile(xs, 0.5) }
}
