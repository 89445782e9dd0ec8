import CellWidth
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A Heard record whose rollback `-journal` holds exactly what SQLite writes as it turns a file's
/// journal into a log (WAL): page 1 as it was, differing from the file's only in the header's
/// journal-mode bytes and counters. A Heard killed in that moment (it turns a record another tool
/// put in rollback-journal mode back into WAL as it opens it) left the file so, and every command,
/// with or without --read-only, said "open it once without --read-only" until an outside
/// `sqlite3` opened it (an attack).
///
/// Only this change is undone by Heard, and by Heard itself, not by SQLite's rollback: any other
/// journal may be another program's half-done save, or not this file's at all (an attack put
/// another record's journal beside a good one: undone, it cut the file to a fifth, and a journal of
/// random bytes let a half-done change through unsaid), so it is left as it is for whoever looks
/// after the file, and said (`FileDiagnosis.unfinishedChange`). Heard writes the page it checked,
/// read once under SQLite's exclusive lock: left to SQLite, the journal was read again by name,
/// and one swapped in between (a second attack, 13 runs in 60) was played, cutting the file.
enum UnfinishedLogSwitch {
    /// The magic number that begins every rollback journal's header.
    static let magic: [UInt8] = [0xD9, 0xD5, 0x05, 0xF9, 0x20, 0xA1, 0x63, 0xD7]
    /// Header bytes the switch changes: the write and read versions (18-19, 1 to 2), the change
    /// counter (24-27, one on) and the version-valid-for number beside it (92-95), and the SQLite
    /// version that wrote it (96-99). Each of the first three is checked for its exact value.
    static let switchBytes: Set<Int> = Set([18, 19] + Array(24...27) + Array(92...99))

    /// Page 1 as the switch found it, when the `-journal` beside `file` (links followed to it
    /// already) holds the switch and nothing else: a regular file (no link), the header's magic,
    /// the file's page size, the file's size in pages before the change, one page recorded and
    /// nothing after it, page 1, equal to the file's page 1 but for `switchBytes`, saying
    /// rollback-journal mode where the file says WAL and a change counter one behind the file's;
    /// and no log beside the file (the switch had not made one, and the header put back would
    /// have SQLite pass over the saves a log holds). Put back, it changes only those header bytes,
    /// whosever the journal is. `fd` reads the file (nil: opened by name).
    static func switchedPage(_ file: String, fd: Int32? = nil) -> [UInt8]? {
        let journal = file + "-journal"
        var st = stat()
        guard !UnwritableFolder.notEmpty(file + "-wal"), lstat(journal, &st) == 0, st.st_mode & S_IFMT == S_IFREG, st.st_size > 0,
              st.st_size <= 1 << 20, let j = read(journal, upTo: Int(st.st_size)), j.count >= 28, Array(j[0..<8]) == magic,
              let head = read(file, fd: fd, upTo: 100), head.count == 100 else { return nil }
        func u32<C: RandomAccessCollection<UInt8>>(_ b: C, _ at: Int) -> UInt32 where C.Index == Int {
            b[(b.startIndex + at)..<(b.startIndex + at + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        }
        let raw = Int(head[16]) << 8 | Int(head[17])
        let pageSize = raw == 1 ? 65536 : raw
        var fs = stat()
        let statted = fd.map { fstat($0, &fs) } ?? stat(file, &fs)
        guard pageSize >= 512, statted == 0, Int(fs.st_size) % pageSize == 0 else { return nil }
        let sector = Int(u32(j, 20)), records = u32(j, 8)
        guard Int(u32(j, 24)) == pageSize, Int(u32(j, 16)) == Int(fs.st_size) / pageSize, (32...65536).contains(sector),
              records == 1 || records == 0xFFFF_FFFF,
              // Nothing after the one page: SQLite reads a second header at the next sector and
              // plays its pages too.
              j.count == sector + 4 + pageSize + 4,
              u32(j, sector) == 1, let page1 = read(file, fd: fd, upTo: pageSize), page1.count == pageSize else { return nil }
        let kept = Array(j[(sector + 4)..<(sector + 4 + pageSize)])
        for (i, (was, now)) in zip(kept, page1).enumerated() where was != now && !switchBytes.contains(i) { return nil }
        // Rollback-journal mode put back over WAL, the counter one behind, each version-valid-for
        // its own counter: any other value (3, 255) left the file unreadable, or wound a counter
        // back under another program's cache (a second attack).
        guard kept[18] == 1, kept[19] == 1, page1[18] == 2, page1[19] == 2,
              u32(page1, 24) == u32(kept, 24) &+ 1, u32(kept, 92) == u32(kept, 24), u32(page1, 92) == u32(page1, 24) else { return nil }
        return kept
    }

    /// Whether the `-journal` beside `file` holds the switch and nothing else (`switchedPage`).
    static func holdsOnlyTheSwitch(_ file: String) -> Bool { switchedPage(file) != nil }

    /// Undoes the switch left unfinished beside a Heard record `path`, where this user may write
    /// the file and its folder: under SQLite's exclusive lock (no other process holding any), the
    /// journal is read and checked once more, its page 1 written over the file's and synced, and
    /// the journal removed, as SQLite's rollback ends. Anything else is left for the look that
    /// follows to say.
    static func undo(_ path: String) {
        guard let real = UnwritableFolder.resolved(path), holdsOnlyTheSwitch(real),
              access(real, W_OK) == 0, UnwritableFolder.folderWritable(real) else { return }
        let fd = open(real, O_RDWR | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return }
        // (Closing the descriptor drops the lock, after the journal is gone.)
        defer { close(fd) }
        // SQLite's locks on a file (its unix VFS): the pending byte at 1 GiB, the reserved byte
        // after it, the 510 shared bytes after that. A write lock on all of them is its EXCLUSIVE.
        var lock = flock.write(from: 0x4000_0000, length: 512)
        guard fcntl(fd, F_SETLK, &lock) == 0, let page = switchedPage(real, fd: fd) else { return }
        let written = page.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        guard written == page.count, fsync(fd) == 0, unlink(real + "-journal") == 0 else { return }
        let folder = open(PathText.folder(real), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 { fsync(folder); close(folder) }
    }

    /// The first `count` bytes of `path`, or of `fd` from its start (fewer where it is shorter);
    /// nil where it cannot be read. A journal is opened without following a link and without
    /// waiting (a pipe put in its place gives nothing), and must be a regular file once open.
    private static func read(_ path: String, fd given: Int32? = nil, upTo count: Int) -> [UInt8]? {
        let fd = given ?? open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { if given == nil { close(fd) } }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        var out = [UInt8](repeating: 0, count: count)
        var got = 0
        while got < count {
            let n = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + got, count - got, off_t(got)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            got += n
        }
        return Array(out.prefix(got))
    }
}
