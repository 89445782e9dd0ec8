#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file to keep could not be read: a message naming the path and the reason, never the data.
public struct FileReadError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    /// The file's size when it was refused for being larger than the limit (the caller says it in its own words).
    public var tooLarge: Int?
    public init(_ message: String, tooLarge: Int? = nil) { description = message; self.tooLarge = tooLarge }
}

/// Reads a file the user names to keep (a document): regular files only, checked on the opened
/// descriptor so a FIFO, folder or device swapped in after a look is still refused, never waited on.
public enum RegularFile {
    /// The bytes of the regular file at `path`, refused above `limit` bytes before any is read.
    public static func read(_ path: String, limit: Int) throws -> [UInt8] {
        guard !path.isEmpty else { throw FileReadError("no file name given") }
        // Not the record itself: reading it here and closing it would drop SQLite's locks on it
        // (`OpenDatabases`), and it is no document of a case.
        if OpenDatabases.contains(path) { throw FileReadError("\(path): is the record Heard has open, not a document") }
        // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for ever.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            throw FileReadError("\(path): " + (errno == ENOENT ? "no such file" : "cannot be read (\(reason(errno)))"))
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw FileReadError("\(path): cannot be read (\(reason(errno)))") }
        switch st.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw FileReadError("\(path): is a folder, not a file")
        case S_IFIFO: throw FileReadError("\(path): is a pipe, not a file; save what it gives to a file first")
        default: throw FileReadError("\(path): is not a regular file (a device or socket)")
        }
        let size = Int(st.st_size)
        if size > limit { throw FileReadError("\(path): too large", tooLarge: size) }
        // Read to the end, whatever st_size said: a file in /proc says 0 (or less than it gives)
        // and one may grow after fstat. One byte past the limit is enough to refuse it.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(size, limit) + 1)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count <= limit {
            let want = min(chunk.count, limit + 1 - bytes.count)
            let n = chunk.withUnsafeMutableBytes { buf in buf.baseAddress.map { systemRead(fd, $0, want) } ?? 0 }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileReadError("\(path): cannot be read (\(reason(errno)))")
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        let total = bytes.count
        if total > limit { throw FileReadError("\(path): too large", tooLarge: total) }
        return bytes
    }
}

/// The C library's read (inside `RegularFile` the name is its own).
private func systemRead(_ fd: Int32, _ p: UnsafeMutableRawPointer, _ n: Int) -> Int { read(fd, p, n) }
