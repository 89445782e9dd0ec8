import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a settings file (config.toml, keys.toml, a theme, a letter template) with sane limits:
/// a regular file only (a FIFO or a device would hang the start of the program or never end),
/// at most `limit` bytes (a settings file is a few kilobytes; a 2 MB one is a mistake or an
/// attack, and every key in it costs start-up time), UTF-8.
public enum SettingsFile {
    /// The largest settings file read: 256 KB.
    public static let defaultLimit = 256 * 1024

    /// What became of a read.
    public enum Outcome: Equatable, Sendable {
        /// No file there: the defaults apply, and nothing needs saying.
        case absent
        case text(String)
        /// Why the file was not read, in words for a warning after the path.
        case refused(String)
    }

    /// Reads `path`, following a link (settings are the user's own files).
    public static func read(_ path: String, limit: Int = defaultLimit) -> Outcome {
        var st = stat()
        guard stat(path, &st) == 0 else { return errno == ENOENT ? .absent : .refused("cannot be read (\(String(cString: strerror(errno))))") }
        guard (st.st_mode & S_IFMT) == S_IFREG else { return .refused("is not a regular file; ignored") }
        guard Int(st.st_size) <= limit else {
            return .refused("is \(Int(st.st_size) / 1024) KB; a settings file may be at most \(limit / 1024) KB; ignored")
        }
        guard let h = FileHandle(forReadingAtPath: path) else { return .refused("cannot be read (permission denied)") }
        defer { try? h.close() }
        // Read one byte past the limit: a file that grew since stat is still refused.
        guard let data = try? h.read(upToCount: limit + 1) ?? Data() else { return .refused("cannot be read") }
        guard data.count <= limit else { return .refused("is larger than \(limit / 1024) KB; ignored") }
        guard let text = String(data: data, encoding: .utf8) else { return .refused("is not UTF-8 text; ignored") }
        return .text(text)
    }
}
