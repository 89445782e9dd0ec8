#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a private file or standard output could not be written: a message naming the path and
/// the system's reason, never the data.
public struct FileWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The whole message, e.g. "/tmp/x.csv: is a symbolic link; not written".
    public var description: String
    /// The reader of a pipe went away (EPIPE): `heard cases | head` once head has its lines.
    public var brokenPipe = false
    /// Makes an error with this message.
    public init(_ message: String, brokenPipe: Bool = false) { description = message; self.brokenPipe = brokenPipe }
}

/// Writes files only the user can read: reports and exports hold children's data.
public enum PrivateFile {
    /// Writes `text` to `path` as UTF-8 (see `write(_:to:)` for bytes), without copying it.
    public static func write(_ text: String, to path: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0), to: path) }
    }

    /// Writes `bytes` to `path`, mode 0600, all or nothing: a new temporary file beside the
    /// target (created exclusively, never through a link) is written fully, synced and renamed
    /// onto the target, so a reader never sees half a file and a failed write leaves the old one.
    /// Refuses a target that is a symbolic link, not a regular file, or owned by someone else.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try bytes.withUnsafeBytes { try write($0, to: path) }
    }

    static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws {
        try prepare(bytes, for: path).commit()
    }

    /// The first half of `write(_:to:)`: `bytes` written and synced to a new private temporary
    /// file beside `path`, with the same refusals; nothing at `path` changes until `commit()`.
    /// For a write that must go with a record: write, record, then commit (or `discard()` when
    /// the record fails), so a failure at any point leaves neither half.
    public static func prepare(_ bytes: [UInt8], for path: String) throws -> PreparedFile {
        try bytes.withUnsafeBytes { try prepare($0, for: path) }
    }

    static func prepare(_ bytes: UnsafeRawBufferPointer, for path: String) throws -> PreparedFile {
        var file = try PrivateFileWriter(path: path)
        try file.write(bytes)
        return try file.prepared()
    }

    /// A new private temporary file beside `path`, open for writing, after `prepare`'s refusals
    /// of the target: its descriptor, its name and the folder both are in.
    static func openTemporary(for path: String) throws -> (fd: Int32, temp: String, folder: String) {
        if let refused = refusal(path) { throw refused }
        let folder = directory(of: path)
        var temp = ""
        var fd: Int32 = -1
        // A fresh name each try: O_EXCL refuses one that exists (left over, or planted).
        for attempt in 0..<100 {
            temp = "\(folder)/.\(temporaryStem(base(of: path))).\(getpid()).\(attempt).tmp"
            fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw FileWriteError("\(path): cannot write (\(reason(errno)))") }
        TemporaryFilesOnSignal.remember(temp)
        // The umask may have narrowed 0600; a wider mode is never asked for.
        fchmod(fd, 0o600)
        return (fd, temp, folder)
    }

    /// The start of a file's name its temporary file is named by: whole when short, else cut
    /// (on a character) so the temporary name keeps within the 255 bytes a name may have (a
    /// name of 244 bytes was refused as "too long" though it fitted; found by an attack).
    static func temporaryStem(_ name: String) -> String {
        var stem = ""
        for ch in name {
            if stem.utf8.count + String(ch).utf8.count > 200 { break }
            stem.append(ch)
        }
        return stem
    }

    /// Why `path` will not be written, whatever the user answers to "Replace it?": empty, a
    /// symbolic link, a folder or other non-file, someone else's file, or a database. Nil when
    /// it does not exist or may be replaced. Asked before a screen asks whether to replace.
    public static func refusal(_ path: String) -> FileWriteError? {
        guard !path.isEmpty else { return FileWriteError("no file name given") }
        // The log, index or journal name of a database, whether or not SQLite has made it yet: a
        // CSV written as `heard.sqlite-journal` made SQLite refuse the record until someone
        // removed it, and one named `-shm` was zeroed at the next open (found by an attack).
        for companion in ["-wal", "-shm", "-journal"] where path.hasSuffix(companion) {
            if isDatabase(String(path.dropLast(companion.count))) {
                return FileWriteError("\(path): belongs to the database beside it; not replaced (name another file)")
            }
        }
        var st = stat()
        guard lstat(path, &st) == 0 else {
            return errno == ENOENT ? nil : FileWriteError("\(path): cannot write (\(reason(errno)))")
        }
        let type = st.st_mode & S_IFMT
        if type == S_IFLNK { return FileWriteError("\(path): is a symbolic link; not written (name the file itself)") }
        if type == S_IFDIR { return FileWriteError("\(path): is a folder, not a file") }
        if type != S_IFREG { return FileWriteError("\(path): is not a regular file; not written") }
        if st.st_uid != geteuid() { return FileWriteError("\(path): belongs to another user; not written") }
        // An export, report or letter written over a database (the one open now, a backup) put
        // a CSV where the whole record was (found by an attack): a database is never replaced,
        // nor the log or index SQLite keeps beside one.
        if isDatabase(path) { return FileWriteError("\(path): is a database; not replaced (name another file)") }
        return nil
    }

    /// Whether `path` is a regular file that begins as an SQLite database does.
    static func isDatabase(_ path: String) -> Bool {
        // The record this process has open is one, and is not opened here: closing a descriptor
        // of it would drop SQLite's locks on it (`OpenDatabases`).
        if OpenDatabases.contains(path) { return true }
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return false }
        var head = [UInt8](repeating: 0, count: 16)
        let n = head.withUnsafeMutableBytes { read(fd, $0.baseAddress, 16) }
        return n == 16 && head == Array("SQLite format 3".utf8) + [0]
    }

    /// Writes every byte to `fd`, retrying after interrupts and short writes, and waiting while a
    /// non-blocking `fd` is full.
    static func writeAll(_ fd: Int32, _ buf: UnsafeRawBufferPointer, what: String) throws {
        guard let base = buf.baseAddress else { return }
        var done = 0
        while done < buf.count {
            let n = Glibc.write(fd, base + done, buf.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                // Standard output another program left non-blocking (a pipe it shares): wait
                // until the reader makes room, where the output stopped at the pipe's 64 KB.
                if errno == EAGAIN || errno == EWOULDBLOCK {
                    var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&p, 1, -1)
                    continue
                }
                let e = errno
                throw FileWriteError("\(what): cannot write (\(reason(e)))", brokenPipe: e == EPIPE)
            }
            if n == 0 { throw FileWriteError("\(what): cannot write (nothing was written)") }
            done += n
        }
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let d = String(path[..<slash])
        return d.isEmpty ? "/" : d
    }

    static func base(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}

/// The system's words for an errno value.
func reason(_ code: Int32) -> String { String(cString: strerror(code)) }

/// A file written in full beside its target and not yet in place (`PrivateFile.prepare`).
public struct PreparedFile: Sendable {
    let temp: String
    /// Where `commit()` puts it.
    public let path: String
    let folder: String

    /// Renames it onto its target, replacing what was there; on failure the target is as it was
    /// and the temporary file is gone.
    public func commit() throws {
        defer { TemporaryFilesOnSignal.forget(temp) }
        guard rename(temp, path) == 0 else {
            let why = reason(errno)
            unlink(temp)
            throw FileWriteError("\(path): cannot write (\(why))")
        }
        // The rename is durable once the folder is synced; a failure here loses nothing written.
        let dfd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 { _ = fsync(dfd); close(dfd) }
    }

    /// Removes the temporary file: nothing was put in place.
    public func discard() {
        unlink(temp)
        TemporaryFilesOnSignal.forget(temp)
    }
}
