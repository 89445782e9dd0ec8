#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output that reports a failed write (a closed pipe, a full disk) as an error instead
/// of trapping or dying of SIGPIPE.
public enum StandardOutput {
    /// Writes `text` to standard output, all of it, or throws saying why not.
    public static func write(_ text: String) throws {
        ignoreBrokenPipe()
        var text = text
        try text.withUTF8 { try PrivateFile.writeAll(STDOUT_FILENO, UnsafeRawBufferPointer($0), what: "standard output") }
    }

    /// A closed reader (`heard cases | head`) must give EPIPE, which `write` reports, rather than
    /// kill the process with a signal: SIGPIPE is ignored once, before the first write.
    static func ignoreBrokenPipe() {
        _ = ignoreOnce
    }

    private static let ignoreOnce: Bool = {
        signal(SIGPIPE, SIG_IGN)
        return true
    }()
}

/// Standard error for messages: best effort, since a failure to report has nowhere to be told.
public enum StandardError {
    /// Writes `text` to standard error; a failed write is dropped, never a trap.
    public static func write(_ text: String) {
        StandardOutput.ignoreBrokenPipe()
        var text = text
        try? text.withUTF8 { try PrivateFile.writeAll(STDERR_FILENO, UnsafeRawBufferPointer($0), what: "standard error") }
    }
}
