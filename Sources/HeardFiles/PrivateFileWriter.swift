#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A private file written a piece at a time (an export of 100,000 contacts, as it is read), with
/// `PrivateFile.write`'s guarantees: mode 0600, the same refusals of the target, and all or
/// nothing: the pieces go to a new temporary file beside it, put in place by `commit()` only. A
/// writer dropped before then (a failure on the way) removes its temporary file.
public struct PrivateFileWriter: ~Copyable {
    private var fd: Int32
    private let temp: String
    private let folder: String
    /// Where `commit()` puts the file.
    public let path: String

    /// Opens a new temporary file beside `path`, or throws saying why not (nothing changes at `path`).
    public init(path: String) throws {
        (fd, temp, folder) = try PrivateFile.openTemporary(for: path)
        self.path = path
    }

    /// Appends `text` as UTF-8.
    public mutating func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    /// Appends `bytes` (UTF-8 text, or anything else) as they are.
    public mutating func write(bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Appends `bytes`.
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        try PrivateFile.writeAll(fd, bytes, what: path)
    }

    /// Syncs and closes the file, then renames it onto `path`.
    public consuming func commit() throws {
        try prepared().commit()
    }

    /// Syncs and closes the file, not yet in place (`PrivateFile.prepare`).
    consuming func prepared() throws -> PreparedFile {
        let fd = self.fd
        self.fd = -1
        guard fsync(fd) == 0 else {
            let why = reason(errno)
            close(fd)
            unlink(temp)
            TemporaryFilesOnSignal.forget(temp)
            throw FileWriteError("\(path): cannot write (\(why))")
        }
        guard close(fd) == 0 else {
            let why = reason(errno)
            unlink(temp)
            TemporaryFilesOnSignal.forget(temp)
            throw FileWriteError("\(path): cannot write (\(why))")
        }
        return PreparedFile(temp: temp, path: path, folder: folder)
    }

    deinit {
        // Dropped before `prepared()`: nothing is put in place.
        if fd >= 0 {
            close(fd)
            unlink(temp)
            TemporaryFilesOnSignal.forget(temp)
        }
    }
}
