import CellWidth
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
        // A file or a pipe gets the bytes as they are (an export must round-trip); a terminal
        // never receives an escape sequence from the data.
        var text = isatty(STDOUT_FILENO) == 1 ? TerminalText.safe(text) : text
        do {
            try text.withUTF8 { try PrivateFile.writeAll(STDOUT_FILENO, UnsafeRawBufferPointer($0), what: "standard output") }
        } catch let e as FileWriteError where e.brokenPipe {
            throw ReaderClosed()
        }
    }

    /// Writes `text`, UTF-8 bytes, as `write(_:)` writes a String (made safe for a terminal, as
    /// they are for a file or a pipe), without making a String of them when not on a terminal.
    public static func write(text: [UInt8]) throws {
        if isatty(STDOUT_FILENO) == 1 { return try write(String(decoding: text, as: UTF8.self)) }
        try write(bytes: text)
    }

    /// Writes `bytes` to standard output exactly as they are (a document's file), or throws.
    /// The caller refuses a terminal first: binary bytes are not for one.
    public static func write(bytes: [UInt8]) throws {
        ignoreBrokenPipe()
        do {
            try bytes.withUnsafeBytes { try PrivateFile.writeAll(STDOUT_FILENO, $0, what: "standard output") }
        } catch let e as FileWriteError where e.brokenPipe {
            throw ReaderClosed()
        }
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

/// Standard output's reader has gone (`heard cases | head` once head has its lines): nobody is
/// left to read the rest, which is not a failure, so the command ends quietly, as other tools do.
public struct ReaderClosed: Error, Equatable, Sendable {
    public init() {}
}

/// Standard error for messages: best effort, since a failure to report has nowhere to be told.
public enum StandardError {
    /// Writes `text` to standard error; a failed write is dropped, never a trap.
    public static func write(_ text: String) {
        StandardOutput.ignoreBrokenPipe()
        var text = TerminalText.safe(text)
        try? text.withUTF8 { try PrivateFile.writeAll(STDERR_FILENO, UnsafeRawBufferPointer($0), what: "standard error") }
    }
}

/// Text made safe for a terminal: no control characters but line breaks and tabs, so nothing
/// from the data (a name holding ESC ] 52, a bell, a C1 code) acts on the terminal.
public enum TerminalText {
    public static func safe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = String.UnicodeScalarView()
        for u in text.unicodeScalars where !isUnsafe(u) { out.append(u) }
        return String(out)
    }

    /// What `isControlForTerminal` names, but line feed and tab.
    static func isUnsafe(_ u: Unicode.Scalar) -> Bool { u != "\n" && u != "\t" && isControlForTerminal(u) }
}
