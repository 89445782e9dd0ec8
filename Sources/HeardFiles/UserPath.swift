#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Paths as a user types them into a screen's form (the shell is not there to expand them).
public enum UserPath {
    /// `~` and `~/…` as the user's home folder (from `HOME`); anything else unchanged.
    public static func expandingTilde(_ path: String, home: String?) -> String {
        guard let home, !home.isEmpty else { return path }
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home + path.dropFirst(1) }
        return path
    }

    /// Whether something (a file, a link, anything) is at `path`, without following a link.
    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }
}
