import CellWidth
import Foundation
import GRDBSQLite
#if canImport(Glibc)
import Glibc
#endif

/// A record kept where SQLite cannot make its `-wal` and `-shm` files beside it: a backup on a
/// read-only mount or share, a folder made 0555, another user's folder. SQLite makes them even to
/// read a file in WAL mode (every Heard record), so such a file could not be opened at all, not
/// even with `--read-only` (found by a trial: a council opening last year's backup from a
/// read-only share). Read-only, it is opened *immutable* instead: SQLite reads the file alone,
/// with no lock and no companion file. Only when that loses nothing and risks nothing:
/// - no `-wal` holds saves (absent, or empty as a read-only open leaves it): an immutable open
///   ignores the log, and a file whose last saves are in it would be read without them. With
///   its `-shm` beside it SQLite reads such a file as it is; without, the open is refused and
///   the message says to copy the file with its `-wal`;
/// - nobody else can be writing it: every writer of the file must make a `-wal` (or `-journal`)
///   in that folder, which this user cannot, and no `-wal` is there now. (The superuser could;
///   an immutable read of a file changed under it may read it wrong, as a copy taken then would.)
enum UnwritableFolder {
    /// The URI that opens `path` immutable, when it is read-only, in a folder this user cannot
    /// write in, with no log holding saves; nil otherwise (opened by its path, as ever).
    static func immutableURI(_ path: String, readOnly: Bool) -> String? {
        guard readOnly, supportsURIs, !folderWritable(path), !logHoldsSaves(path) else { return nil }
        return uri(path)
    }

    /// Whether this user may make files in the folder holding `path`, and its file system takes writes.
    static func folderWritable(_ path: String) -> Bool {
        let dir = PathText.folder(path)
        return access(dir, W_OK) == 0 && !FileDiagnosis.onReadOnlyMount(dir)
    }

    /// Whether `path`'s `-wal` may hold saves: it is longer than a log's header (32 bytes), or
    /// it is no plain file (a link), or cannot be looked at. Absent or empty, it holds none.
    static func logHoldsSaves(_ path: String) -> Bool {
        var st = stat()
        if lstat(path + "-wal", &st) != 0 { return errno != ENOENT }
        return (st.st_mode & S_IFMT) != S_IFREG || st.st_size > 32
    }

    /// SQLite takes `file:` names as URIs only when built so (Debian's is); without, the URI would
    /// be taken as a file's name, and the file is opened by its path as before.
    static let supportsURIs = sqlite3_compileoption_used("USE_URI") == 1

    /// `file://` and the absolute path, every byte but letters, digits and `/._-~` escaped as
    /// `%HH` (a `?`, `#` or `%` in a name would otherwise end it or be decoded), `?immutable=1`.
    static func uri(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var out = "file://"
        for b in absolute.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(b)))
            default:
                out += "%" + (b < 16 ? "0" : "") + String(b, radix: 16, uppercase: true)
            }
        }
        return out + "?immutable=1"
    }
}
