import Foundation
import GRDB
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
/// Only this change is undone by Heard, as SQLite undoes it (a writable connection's first read):
/// any other journal may be another program's half-done save, or not this file's at all (an
/// attack put another record's journal beside a good one: undone, it cut the file to a fifth,
/// and a journal of random bytes let a half-done change through unsaid), so it is left as it is
/// for whoever looks after the file, and said (`FileDiagnosis.unfinishedChange`).
enum UnfinishedLogSwitch {
    /// The magic number that begins every rollback journal's header.
    static let magic: [UInt8] = [0xD9, 0xD5, 0x05, 0xF9, 0x20, 0xA1, 0x63, 0xD7]
    /// Header bytes the switch changes (or SQLite moves as it writes page 1): the write and read
    /// versions (18-19), the change counter (24-27), and the version-valid-for number and the
    /// SQLite version that wrote it (92-99).
    static let switchBytes: Set<Int> = Set([18, 19] + Array(24...27) + Array(92...99))

    /// Whether the `-journal` beside `file` (links followed to it already) holds the switch and
    /// nothing else: a regular file (no link), the header's magic, the file's page size, the
    /// file's size in pages before the change, one page recorded, page 1, equal to the file's
    /// page 1 but for `switchBytes`; and no log beside the file (the switch had not made one, and
    /// the header put back would have SQLite pass over the saves a log holds). Undone, such a
    /// journal changes only those header bytes, whosever it is.
    static func holdsOnlyTheSwitch(_ file: String) -> Bool {
        let journal = file + "-journal"
        var st = stat()
        guard !UnwritableFolder.notEmpty(file + "-wal"), lstat(journal, &st) == 0, st.st_mode & S_IFMT == S_IFREG, st.st_size > 0, st.st_size <= 1 << 20,
              let j = read(journal, upTo: Int(st.st_size)), j.count >= 28, Array(j[0..<8]) == magic,
              let head = read(file, upTo: 100), head.count == 100 else { return false }
        func u32(_ b: [UInt8], _ at: Int) -> Int { b[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        let raw = Int(head[16]) << 8 | Int(head[17])
        let pageSize = raw == 1 ? 65536 : raw
        var fs = stat()
        guard pageSize >= 512, stat(file, &fs) == 0, Int(fs.st_size) % pageSize == 0 else { return false }
        let sector = u32(j, 20), records = u32(j, 8)
        guard u32(j, 24) == pageSize, u32(j, 16) == Int(fs.st_size) / pageSize, (32...65536).contains(sector),
              records == 1 || records == 0xFFFF_FFFF,
              // Nothing after the one page: SQLite reads a second header at the next sector and
              // plays its pages too.
              j.count == sector + 4 + pageSize + 4,
              u32(j, sector) == 1, let page1 = read(file, upTo: pageSize), page1.count == pageSize else { return false }
        let kept = j[(sector + 4)..<(sector + 4 + pageSize)]
        for (i, (was, now)) in zip(kept, page1).enumerated() where was != now && !switchBytes.contains(i) { return false }
        return true
    }

    /// Undoes the switch left unfinished beside a Heard record `path`, where this user may write
    /// the file and its folder; anything else is left for the look that follows to say.
    static func undo(_ path: String, busyTimeout: Double) {
        guard let real = UnwritableFolder.resolved(path), holdsOnlyTheSwitch(real),
              access(real, W_OK) == 0, UnwritableFolder.folderWritable(real) else { return }
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        guard let q = try? DatabaseQueue(path: path, configuration: config) else { return }
        _ = try? q.inDatabase { try Int.fetchOne($0, sql: "PRAGMA schema_version") }
        try? q.close()
    }

    /// The first `count` bytes of `path` (fewer where it is shorter); nil where it cannot be read.
    private static func read(_ path: String, upTo count: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var out = [UInt8](repeating: 0, count: count)
        var got = 0
        while got < count {
            let n = out.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + got, count - got) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            got += n
        }
        return Array(out.prefix(got))
    }
}
