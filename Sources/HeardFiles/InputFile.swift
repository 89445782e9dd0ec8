#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file the user names to keep it (a document attached to a case): only a regular,
/// readable file no larger than a limit; a folder, a pipe or a device is refused before any read
/// (a FIFO's read would wait for a writer for ever). Messages name the path, never the data.
public enum InputFile {
    /// `~` and `~/…` as the user's home folder (from `HOME`); anything else unchanged.
    public static func expandingTilde(_ path: String, home: String?) -> String {
        guard let home, !home.isEmpty else { return path }
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home + path.dropFirst(1) }
        return path
    }

    /// The bytes of the regular file at `path`, refused above `limit` bytes with the message
    /// `tooLarge` makes of its size (the store's words, so the screen and the CLI agree).
    public static func read(_ path: String, limit: Int, tooLarge: (Int) -> String) throws -> [UInt8] {
        guard !path.isEmpty else { throw FileWriteError("no file name given") }
        // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            let e = errno
            throw FileWriteError("\(path): " + (e == ENOENT ? "no such file" : e == EACCES ? "cannot be read (permission denied)" : "cannot be read (\(reason(e)))"))
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw FileWriteError("\(path): cannot be read (\(reason(errno)))") }
        switch st.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw FileWriteError("\(path): is a folder, not a file")
        case S_IFIFO: throw FileWriteError("\(path): is a pipe, not a file; save what it gives to a file first")
        default: throw FileWriteError("\(path): is not a regular file (a device or a socket)")
        }
        let size = Int(st.st_size)
        guard size <= limit else { throw FileWriteError(tooLarge(size)) }
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let n = bytes.withUnsafeMutableBytes { buf -> Int in
                guard let base = buf.baseAddress else { return 0 }
                return Glibc.read(fd, base + done, size - done)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileWriteError("\(path): cannot be read (\(reason(errno)))")
            }
            if n == 0 { break }
            done += n
        }
        // A file that shrank while it was read keeps what was there.
        if done < size { bytes.removeLast(size - done) }
        return bytes
    }

    /// Whether something (a file, a link, anything) is at `path`, without following a link.
    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }
}
