import Foundation
import GRDB
import HeardCore

extension Store {
    /// SQLite's integrity and foreign key checks plus Heard's own: problems found, empty when sound.
    public func check(today: LocalDate) throws -> [String] {
        let calendar = try self.calendar()
        return try read { db in
            var problems: [String] = []
            // A table dropped since the file was opened: the checks below would only fail on it.
            let missing = try Schema.missing(in: db)
            if !missing.isEmpty { return missing.map { "\($0) is missing; restore the file from a backup" } }
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if integrity != ["ok"] { problems += integrity.map { "integrity: \($0)" } }
            let fk = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            for r in fk { problems.append("foreign key: table \(r[0] as String? ?? "?") row \(r[1] as Int64? ?? 0)") }
            let contacts = try loadContacts(db)
            for c in contacts {
                let clock = c.clock(rules: rules, calendar: calendar, today: today)
                for p in clock.problems { problems.append("case \(c.reference): \(p)") }
            }
            // Rows Heard cannot read (another tool wrote a kind or received date it does not
            // know) are left out of every list, export and report: say so, by row id.
            let readable = Set(contacts.compactMap(\.id))
            let all = try Int64.fetchAll(db, sql: "SELECT id FROM contacts ORDER BY id")
            let unreadable = all.filter { !readable.contains($0) }
            if !unreadable.isEmpty {
                let shown = unreadable.prefix(20).map { "#\($0)" }.joined(separator: ", ")
                problems.append("\(unreadable.count) contact row\(unreadable.count == 1 ? "" : "s") with a kind or received date Heard cannot read, left out of lists, exports and reports: \(shown)\(unreadable.count > 20 ? ", …" : "")")
            }
            let actions = try Int64.fetchAll(db, sql: """
                SELECT id FROM actions WHERE \(Store.notADay("created")) ORDER BY id
                """)
            if !actions.isEmpty {
                let shown = actions.prefix(20).map { "#\($0)" }.joined(separator: ", ")
                problems.append("\(actions.count) action row\(actions.count == 1 ? "" : "s") with a created date Heard cannot read, left out of the action plan and reports: \(shown)\(actions.count > 20 ? ", …" : "")")
            }
            // An external-content FTS table counts its content table's rows; its own docsize
            // table says how many rows are really indexed.
            let fts = try Int.fetchOne(db, sql: "SELECT count(*) FROM contacts_fts_docsize") ?? 0
            let n = try Int.fetchOne(db, sql: "SELECT count(*) FROM contacts") ?? 0
            if fts != n { problems.append("search index: \(fts) entries for \(n) contacts") }
            problems += try correspondenceProblems(db)
            return problems
        }
    }

    /// A consistent copy of the live file, taken while others may be writing (SQLite online backup).
    public func backup(to destination: String) throws {
        var st = stat()
        if lstat(destination, &st) == 0 {
            let what = (st.st_mode & S_IFMT) == S_IFLNK ? "is a link" : "already exists"
            throw StoreError.refused("\(destination) \(what); choose a new file name.")
        }
        // Written whole beside the target under another name, then linked into place: an
        // interrupted backup (a full disk, a kill) leaves no file at `destination` that looks
        // like a backup, and nothing is written through a link someone planted there.
        let folder = (destination as NSString).deletingLastPathComponent
        let temp = (folder.isEmpty ? "." : folder) + "/.heard-backup-\(getpid())-\(UUID().uuidString.prefix(8))"
        func removeTemp() { for f in [temp, temp + "-journal", temp + "-wal", temp + "-shm"] { unlink(f) } }
        let fd = open(temp, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW, 0o600)
        if fd < 0 { throw StoreError.unreadable(destination, "cannot write beside it (\(String(cString: strerror(errno))))") }
        close(fd)
        do {
            let target = try DatabaseQueue(path: temp)
            try pool.backup(to: target)
            try target.close()
        } catch let e as DatabaseError {
            removeTemp()
            throw Store.translate(e, path: destination)
        } catch {
            removeTemp()
            throw error
        }
        let out = open(temp, O_RDONLY)
        if out >= 0 { fsync(out); close(out) }
        guard link(temp, destination) == 0 else {
            let why = String(cString: strerror(errno))
            removeTemp()
            throw StoreError.unreadable(destination, "cannot put the backup in place (\(why))")
        }
        removeTemp()
    }
}

/// Rows another tool wrote that Heard cannot read (a kind or a date it does not know): every
/// list, export and report leaves them out, and says so.
public struct UnreadableRows: Equatable, Sendable {
    public var contacts: [Int64]
    public var actions: [Int64]
    public var isEmpty: Bool { contacts.isEmpty && actions.isEmpty }

    /// "2 contact rows (#12, #40) and 1 action row (#7) Heard cannot read were left out".
    public var summary: String {
        func part(_ ids: [Int64], _ what: String) -> String? {
            guard !ids.isEmpty else { return nil }
            let shown = ids.prefix(10).map { "#\($0)" }.joined(separator: ", ") + (ids.count > 10 ? ", …" : "")
            return "\(ids.count) \(what) row\(ids.count == 1 ? "" : "s") (\(shown))"
        }
        let parts = [part(contacts, "contact"), part(actions, "action")].compactMap { $0 }
        return parts.joined(separator: " and ") + " Heard cannot read \(parts.count == 1 && (contacts.count + actions.count) == 1 ? "was" : "were") left out; heard check says more"
    }
}

extension Store {
    /// SQL true when `column` is not a real day written YYYY-MM-DD. The shape is checked first
    /// (cheap, every row); only a day past the 28th is given to date() to see whether it exists
    /// (2021-02-30 comes back from date(x, '+0 days') as 2021-03-02).
    static func notADay(_ column: String) -> String {
        """
        (\(column) IS NULL OR typeof(\(column)) != 'text' OR length(\(column)) != 10
          OR \(column) NOT GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'
          OR substr(\(column), 6, 2) NOT BETWEEN '01' AND '12' OR substr(\(column), 9, 2) = '00'
          OR (substr(\(column), 9, 2) > '28' AND date(\(column), '+0 days') IS NOT \(column)))
        """
    }

    /// The contact and action rows `loadContacts` and `actions` leave out, found in SQL (a kind
    /// Heard does not know, or a date that is not a real day: date(x, '+0 days') turns 2021-02-30 into 2021-03-02).
    public func unreadableRows() throws -> UnreadableRows {
        let kinds = ContactKind.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try read { db in
            let contacts = try Int64.fetchAll(db, sql: """
                SELECT id FROM contacts WHERE kind IS NULL OR kind NOT IN (\(kinds))
                  OR \(Store.notADay("received")) ORDER BY id
                """)
            let actions = try Int64.fetchAll(db, sql: """
                SELECT id FROM actions WHERE \(Store.notADay("created")) ORDER BY id
                """)
            return UnreadableRows(contacts: contacts, actions: actions)
        }
    }
}
