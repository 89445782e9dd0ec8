#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Folders only the user can enter, for a bundle of files about a person (a subject access
/// request): created 0700, never through a link, and never one that already holds something.
public enum PrivateFolder {
    /// Makes `path` a new private folder: created 0700 when absent (its parent must exist); an
    /// empty folder of the user's own is taken and narrowed to 0700. Refuses a link (never
    /// followed), a file, a folder that is not empty or belongs to another user.
    public static func create(_ path: String) throws {
        guard !path.isEmpty else { throw FileWriteError("no folder name given") }
        if UserPath.exists(path) {
            try checkUsable(path)
        } else {
            guard mkdir(path, 0o700) == 0 else { throw FileWriteError("\(path): cannot create (\(reason(errno)))") }
        }
        // Opened without following a link, so the mode is set on the folder itself even if the
        // name was swapped for a link since it was made; the umask may have narrowed 0700 further.
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw FileWriteError("\(path): cannot open (\(reason(errno)))") }
        defer { close(fd) }
        guard fchmod(fd, 0o700) == 0 else { throw FileWriteError("\(path): cannot make it private (\(reason(errno)))") }
    }

    /// Refuses `path` as `create` would, without creating anything: for saying so before the work.
    public static func checkUsable(_ path: String) throws {
        var st = stat()
        guard lstat(path, &st) == 0 else { return }
        let type = st.st_mode & S_IFMT
        if type == S_IFLNK { throw FileWriteError("\(path): is a symbolic link; nothing written (name a folder)") }
        if type != S_IFDIR { throw FileWriteError("\(path): already exists and is not a folder; nothing written") }
        if st.st_uid != geteuid() { throw FileWriteError("\(path): belongs to another user; nothing written") }
        if !isEmpty(path) { throw FileWriteError("\(path): already exists and is not empty; nothing written (name a new folder)") }
    }

    /// Whether the folder at `path` holds nothing but `.` and `..`.
    static func isEmpty(_ path: String) -> Bool {
        guard let dir = opendir(path) else { return false }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) } }
            if name != "." && name != ".." { return false }
        }
        return true
    }
}
