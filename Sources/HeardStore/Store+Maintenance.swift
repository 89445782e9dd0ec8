import CellWidth
import Foundation
import GRDB
import HeardCore

extension Store {
    /// SQLite's integrity and foreign key checks plus Heard's own: problems found, empty when sound.
    /// On PostgreSQL, Heard's own checks (the server keeps its pages and foreign keys itself, and
    /// its columns hold only their declared types).
    public func check(today: LocalDate) throws -> [String] {
        let calendar = try self.calendar()
        return try query { conn in
            var problems: [String] = []
            // A table dropped since the file was opened: the checks below would only fail on it.
            let missing = try missingTables(conn)
            if !missing.isEmpty { return missing.map { "\($0) is missing; restore the file from a backup" } }
            if conn.dialect == .sqlite {
                let integrity = try conn.texts("PRAGMA integrity_check")
                if integrity != ["ok"] { problems += integrity.map { "integrity: \($0)" } }
                try conn.each("PRAGMA foreign_key_check") { r in
                    problems.append("foreign key: table \(r.strictText(0) ?? "?") row \(r.strictInt64(1) ?? 0)")
                }
            }
            let contacts = try loadContacts(conn)
            for c in contacts {
                let clock = c.clock(rules: rules, calendar: calendar, today: today)
                for p in clock.problems { problems.append("case \(c.reference): \(p)") }
            }
            // A reference Heard would refuse (a character that does not show or passes for another,
            // `ContactCSV.referenceProblem`) looks like another case's on every list, screen and
            // audit line: another tool wrote it, so name the rows (never the references).
            // A space at either end too: what is typed is trimmed, so that case is never found by it.
            let lookalike = contacts.filter { ContactCSV.referenceProblem($0.reference) != nil || $0.reference != $0.reference.trimmingSpaces }
                .compactMap(\.id)
            if !lookalike.isEmpty {
                problems.append("\(lookalike.count) contact row\(lookalike.count == 1 ? "" : "s") whose reference holds a character that does not show or can pass for another, or a space at either end, so it looks like another case's (written by another tool; Heard refuses such a reference): \(Store.rowList(lookalike))")
            }
            // Rows Heard cannot read (another tool wrote a kind or received date it does not
            // know) are left out of every list, export and report: say so, by row id.
            let readable = Set(contacts.compactMap(\.id))
            let all = try conn.ints("SELECT id FROM contacts ORDER BY id")
            let unreadable = all.filter { !readable.contains($0) }
            if !unreadable.isEmpty {
                problems.append("\(unreadable.count) contact row\(unreadable.count == 1 ? "" : "s") with a kind or received date Heard cannot read, left out of lists, exports and reports: \(Store.rowList(unreadable))")
            }
            let actions = try Store.unreadableIDs(conn, table: "actions", date: "created")
            if !actions.isEmpty {
                problems.append("\(actions.count) action row\(actions.count == 1 ? "" : "s") with a created date Heard cannot read, left out of the action plan and reports: \(Store.rowList(actions))")
            }
            // An action's status or due date another tool wrote that Heard does not know is read
            // as open, or as undated: counted so in the action plan and the report, so said.
            let known = ActionStatus.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            let notADay = conn.dialect == .sqlite ? Store.notADay("due") : Store.notADayOnPostgres("due")
            let odd = try conn.ints("""
                SELECT id FROM actions WHERE (status IS NOT NULL AND status NOT IN (\(known)))
                   OR (due IS NOT NULL AND due <> '' AND \(notADay)) ORDER BY id
                """)
            if !odd.isEmpty {
                problems.append("\(odd.count) action row\(odd.count == 1 ? "" : "s") with a status or due date Heard does not know, read as open or as undated: \(Store.rowList(odd))")
            }
            problems += try columnTypeProblems(conn)
            let events = try unreadableEvents(conn)
            if !events.isEmpty {
                problems.append("\(events.count) event row\(events.count == 1 ? "" : "s") with a kind or date Heard cannot read, left out of their cases' clocks: \(Store.rowList(events))")
            }
            // A payment no one could type (Heard takes amounts under Money.limitPence) is another
            // tool's: the report adds it as stored, so name where it is, as negatives are named.
            let absurd = try absurdAmounts(conn)
            if !absurd.isEmpty {
                problems.append("\(absurd.count) event row\(absurd.count == 1 ? "" : "s") with an amount of £\(groupedNumber(Money.limitPence / 100)) or more (Heard takes amounts under that), added to the report's payments as stored: \(Store.rowList(absurd))")
            }
            // Below nothing: a remedy's is refused (its case says so), an Ombudsman's was taken
            // off the report's payments as stored (found by an attack). Named by row, as above.
            let negative = try negativeAmounts(conn)
            if !negative.isEmpty {
                problems.append("\(negative.count) event row\(negative.count == 1 ? "" : "s") with an amount below nothing (Heard takes none): \(Store.rowList(negative))")
            }
            // An external-content FTS table counts its content table's rows; its own docsize
            // table says how many rows are really indexed. (SQLite's FTS5 index only.)
            // On PostgreSQL the index is a table of its own (contacts_search), one row a contact.
            let indexed = conn.dialect == .sqlite ? "SELECT count(*) FROM contacts_fts_docsize" : "SELECT count(*) FROM contacts_search"
            let fts = try conn.int(indexed) ?? 0
            let n = try conn.int("SELECT count(*) FROM contacts") ?? 0
            if fts != n { problems.append("search index: \(fts) entries for \(n) contacts: \(searchIndexRemedy(conn.dialect))") }
            problems += try searchWordsNotAsText(conn)
            // A schema an older Heard made keeps its own triggers (whose words are the same) until
            // its owner's opening makes them as this Heard does: not a fault, so not named here.
            if conn.dialect == .postgres, try PostgresSchema.state(conn) == .version(PostgresSchema.version),
               try !PostgresSchema.searchIndexingAsMade(conn) {
                problems.append("search index: its triggers are gone or not as Heard made them (a case's text may change and its words not): \(searchIndexRemedy(conn.dialect))")
            }
            if conn.dialect == .postgres {
                let foreign = try PostgresSchema.foreignObjects(conn)
                if !foreign.isEmpty {
                    problems.append("the record's schema holds what another role made, which Heard's functions would find before the server's own: \(namesWithMore(foreign)); the role that owns Heard's tables (\(try PostgresSchema.tablesOwner(conn))) drops them")
                }
                // Compared at the current version only: an older schema's is its owner's next opening's to make.
                let current = try PostgresSchema.state(conn) == .version(PostgresSchema.version)
                let kept = current ? try PostgresRoles.keptSetUp(conn) : nil
                let departures = try kept.map { try PostgresRoles.setUpDepartures(conn, from: $0) } ?? []
                // Set up for a team, but no set-up kept to compare with: one by an older Heard, or
                // the comment removed (which silenced the check; found by an attack).
                if current, kept == nil, (try conn.int(PostgresRoles.stampsWho) ?? 0) > 0 {
                    problems.append("Heard's set-up on the server was not kept by this Heard (an older Heard set it up, or what was kept was removed), so what departs from it cannot be named: "
                        + "the role that owns Heard's tables (\(try PostgresSchema.tablesOwner(conn))) runs 'heard init --postgres' once to keep it")
                }
                if !departures.isEmpty {
                    problems.append("Heard's set-up on the server is not as 'heard init --postgres' last made it: \(namesWithMore(departures)); "
                        + "the role that owns Heard's tables (\(try PostgresSchema.tablesOwner(conn))) runs it again, which makes what it can as Heard makes it and names what is left to undo by hand")
                }
                let amiss = try PostgresSchema.definerFunctionsAmiss(conn)
                if !amiss.isEmpty {
                    problems.append("Heard's functions on the server are not as Heard made them: \(amiss.joined(separator: ", ")); "
                        + "the role that owns Heard's tables (\(try PostgresSchema.tablesOwner(conn))) makes them again with 'heard init --postgres'")
                }
            }
            if conn.dialect == .sqlite { problems += try guardTriggerProblems(conn) }
            problems += try nameIndexCheck(conn)
            problems += try correspondenceProblems(conn)
            problems += try subjectAccessProblems(conn)
            return problems
        }
    }

    /// The triggers that keep the audit and the access log from being changed or deleted on a
    /// SQLite file, each with its text as the migrations made it (v1, v10, v14). PostgreSQL keeps
    /// them by its roles' grants and rules instead.
    static let guardTriggers: [(name: String, sql: String)] = [
        ("audit_no_update", "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit WHEN NOT EXISTS (SELECT 1 FROM audit_redaction)\n    BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END"),
        ("audit_no_delete", "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit\n    BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be deleted'); END"),
        ("audit_redaction_values_only", "CREATE TRIGGER audit_redaction_values_only BEFORE UPDATE OF id, at, who, session, entity, entity_id, reference, action, batch, undoes, parent_id ON audit\n    BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END"),
        ("reads_no_update", "CREATE TRIGGER reads_no_update BEFORE UPDATE ON reads\n    BEGIN SELECT RAISE(ABORT, 'the access log cannot be changed'); END"),
        ("reads_no_delete", "CREATE TRIGGER reads_no_delete BEFORE DELETE ON reads\n    BEGIN SELECT RAISE(ABORT, 'the access log cannot be deleted'); END"),
    ]

    /// A SQLite file's triggers, each with its text as SQLite keeps it, by name.
    static func triggersPresent(_ conn: any SQLConnection) throws -> [String: String] {
        var present: [String: String] = [:]
        try conn.each("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'") { r in present[r.text(0)] = r.text(1) }
        return present
    }

    /// `heard check`'s line for guard triggers gone or not as made (another tool dropped one, or
    /// made one of the name that lets changes through: an attack found `check` saying ok then).
    func guardTriggerProblems(_ conn: any SQLConnection) throws -> [String] {
        let present = try Store.triggersPresent(conn)
        let altered = Store.guardTriggers.filter { present[$0.name] != $0.sql }.map(\.name)
        guard !altered.isEmpty else { return [] }
        let one = altered.count == 1
        return ["trigger\(one ? "" : "s") \(altered.joined(separator: ", ")) gone or not as Heard made \(one ? "it" : "them"): "
                + "the audit trail and access log could be changed or deleted by another tool while \(one ? "it was" : "they were") so"]
    }

    /// What a fully migrated database lacks ("table reads", "column contacts.officer"), as
    /// `Schema.missing` says for a SQLite file; on PostgreSQL, from its catalogue (the same
    /// tables and columns, less SQLite's search index).
    func missingTables(_ conn: any SQLConnection) throws -> [String] {
        switch conn.dialect {
        case .sqlite:
            return try Schema.missing(in: conn.transitionalDB)
        case .postgres:
            guard let expected = Schema.expectedShape else { return [] }
            var found: [String: Set<String>] = [:]
            try conn.each("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()") { r in
                found[r.text(0).lowercased(), default: []].insert(r.text(1).lowercased())
            }
            var out: [String] = []
            for table in expected.keys.sorted() where !Schema.isSQLiteIndex(table) {
                guard let have = found[table.lowercased()] else { out.append("table \(table)"); continue }
                for column in expected[table] ?? [] where !have.contains(column.lowercased()) { out.append("column \(table).\(column)") }
            }
            return out
        }
    }

    /// A consistent copy of the live file, taken while others may be writing (SQLite online backup).
    /// A record on a PostgreSQL server is refused: the server's own tools copy it.
    public func backup(to destination: String) throws {
        guard dialect == .sqlite else {
            throw StoreError.refused("heard backup copies a SQLite file, and this record is on a PostgreSQL server: use pg_dump, or heard migrate to a SQLite file.")
        }
        var st = stat()
        if lstat(destination, &st) == 0 {
            let what = (st.st_mode & S_IFMT) == S_IFLNK ? "is a link" : "already exists"
            throw StoreError.refused("\(destination) \(what); choose a new file name.")
        }
        // Written whole beside the target under another name, then linked into place: an
        // interrupted backup (a full disk, a kill) leaves no file at `destination` that looks
        // like a backup, and nothing is written through a link someone planted there.
        let folder = PathText.parent(destination)
        let temp = (folder.isEmpty ? "." : folder) + "/.heard-backup-\(getpid())-\(UUID().uuidString.prefix(8))"
        func removeTemp() { for f in [temp, temp + "-journal", temp + "-wal", temp + "-shm"] { unlink(f) } }
        let fd = open(temp, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW, 0o600)
        if fd < 0 { throw StoreError.unreadable(destination, "cannot write beside it (\(String(cString: strerror(errno))))") }
        close(fd)
        do {
            let target = try DatabaseQueue(path: temp)
            try pool.backup(to: target)
            try target.close()
        } catch {
            removeTemp()
            throw backupFailure(error, destination: destination)
        }
        // A copy of a file read without locks that changed meanwhile may be torn: never put in
        // place (an attack found one left there, opening, listing, and malformed).
        if let why = readFileChanged() {
            removeTemp()
            throw StoreError.refused(why + " No backup was written (\(destination) was not made).")
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

extension Store {
    /// What SQLite's integrity check finds in a file too damaged for Heard to open (at most
    /// `limit` lines), read through a plain read-only connection that needs none of Heard's tables.
    /// Where SQLite cannot make its -shm (an unwritable folder, a full disk), read without locks,
    /// as the store reads such a file (`UnwritableFolder`): the check had said only "the check
    /// itself could not read the file (attempt to write a readonly database)" there.
    public static func integrityProblems(path: String, limit: Int = 20) -> [String] {
        var config = Configuration()
        config.readonly = true
        let immutable = UnwritableFolder.immutableURI(path, readOnly: true)
        // Read so, a file another program writes meanwhile reads as damaged: said as changed.
        let marked = immutable == nil ? nil : FileMark.of(path)
        func changed() -> [String]? {
            guard Store.changedUnderImmutableRead(marked, immutable, path: path) != nil else { return nil }
            return ["integrity: the file was changed by another program while it was checked (read without locks, as Heard cannot write beside it); check it again when nothing is writing it"]
        }
        do {
            let q = try DatabaseQueue(path: immutable ?? path, configuration: config)
            defer { try? q.close() }
            let found = try q.read { try String.fetchAll($0, sql: "PRAGMA integrity_check(\(limit))") }
            if let said = changed() { return said }
            return found == ["ok"] ? [] : found.map { "integrity: " + $0 }
        } catch let e as DatabaseError {
            return changed() ?? ["integrity: the check itself could not read the file (\(e.message ?? "SQLite error \(e.resultCode.rawValue)"))"]
        } catch {
            return ["integrity: the check could not run (\(error))"]
        }
    }

    /// Why a backup failed, in words. SQLite's backup reports a full disk on the copy's
    /// connection, so the error that reaches here can say "not an error": the space left beside
    /// the target, against the size of the file, tells.
    func backupFailure(_ error: Error, destination: String) -> Error {
        // (Only a SQLite file is backed up: its size is SQLite's to say.)
        let need = try? query { try $0.int("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()") }
        if let free = FileDiagnosis.freeBytes(near: destination), let need = need ?? nil, free < need + 64 * 1024 {
            return StoreError.refused("\(destination): the disk is full (\(free / 1024) KB free; the backup needs about \(need / 1024) KB). No backup was written.")
        }
        guard let e = error as? DatabaseError else { return error }
        if e.resultCode == .SQLITE_OK || e.resultCode == .SQLITE_DONE { return StoreError.unreadable(destination, "the backup could not be written; no backup was written") }
        return Store.translate(e, path: destination)
    }
}

/// Rows another tool wrote that Heard cannot read (a kind or a date it does not know): every
/// list, export and report leaves them out, and says so.
public struct UnreadableRows: Equatable, Sendable {
    public var contacts: [Int64]
    public var actions: [Int64]
    /// Contact log and letters rows (the CSV export's correspondence columns leave them out).
    public var log: [Int64] = []
    public var letters: [Int64] = []
    /// Events (asked for by `heard sar`: an event's reason can name the person).
    public var events: [Int64] = []
    public var isEmpty: Bool { contacts.isEmpty && actions.isEmpty && log.isEmpty && letters.isEmpty && events.isEmpty }

    /// "2 contact rows (#12, #40) and 1 action row (#7) Heard cannot read were left out".
    public var summary: String {
        func part(_ ids: [Int64], _ what: String) -> String? {
            guard !ids.isEmpty else { return nil }
            let shown = ids.prefix(10).map { "#\($0)" }.joined(separator: ", ") + (ids.count > 10 ? ", …" : "")
            return "\(ids.count) \(what) row\(ids.count == 1 ? "" : "s") (\(shown))"
        }
        let parts = [part(contacts, "contact"), part(actions, "action"), part(log, "contact log"), part(letters, "letter"),
                     part(events, "event")].compactMap { $0 }
        var list = parts.joined(separator: " and ")
        if parts.count > 2 {
            let head: String = parts.dropLast().joined(separator: ", ")
            list = head + " and " + (parts.last ?? "")
        }
        let rows: Int = contacts.count + actions.count + log.count + letters.count + events.count
        let one = parts.count == 1 && rows == 1
        return list + " Heard cannot read \(one ? "was" : "were") left out; heard check says more"
    }
}

extension Store {
    /// Row ids as `heard check` names them: "#3, #7", the first 20 and "…" after.
    static func rowList(_ ids: [Int64]) -> String {
        ids.prefix(20).map { "#\($0)" }.joined(separator: ", ") + (ids.count > 20 ? ", …" : "")
    }

    /// Events whose amount is `Money.limitPence` or more: only another tool can have written one.
    /// (On SQLite, integers only: a text or real amount is read as none, and the column check names it.)
    func absurdAmounts(_ conn: any SQLConnection) throws -> [Int64] {
        try eventsWithAmount(conn, ">= ?", [.int(Int64(Money.limitPence))])
    }

    /// Events whose amount is below nothing: only another tool can have written one.
    func negativeAmounts(_ conn: any SQLConnection) throws -> [Int64] {
        try eventsWithAmount(conn, "< 0")
    }

    /// The ids of events whose whole-pence amount meets `test` (SQL after the column).
    private func eventsWithAmount(_ conn: any SQLConnection, _ test: String, _ arguments: [Bound] = []) throws -> [Int64] {
        let integer = conn.dialect == .sqlite ? "typeof(amount_pence) = 'integer' AND " : ""
        return try conn.ints("SELECT id FROM events WHERE \(integer)amount_pence \(test) ORDER BY id", arguments)
    }

    /// SQL true when `column` is not a real day written YYYY-MM-DD. The shape is checked first
    /// (cheap, every row); only a day past the 28th is given to date() to see whether it exists
    /// (2021-02-30 comes back from date(x, '+0 days') as 2021-03-02).
    static func notADay(_ column: String) -> String {
        """
        (\(column) IS NULL OR typeof(\(column)) != 'text' OR length(CAST(\(column) AS BLOB)) != 10
          OR \(column) NOT GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'
          OR substr(\(column), 6, 2) NOT BETWEEN '01' AND '12' OR substr(\(column), 9, 2) = '00'
          OR substr(\(column), 1, 4) = '0000'
          OR (substr(\(column), 9, 2) > '28' AND date(\(column), '+0 days') IS NOT \(column)))
        """
    }

    /// Whether a stored value is a real day written YYYY-MM-DD: the test `notADay` makes in SQL,
    /// in Swift for PostgreSQL (which has neither GLOB nor SQLite's date()). Text only; ASCII
    /// digits; a year 0001-9999; a month 01-12; a day that month has (29 February in a leap year only).
    static func isDay(_ v: SQLValue) -> Bool {
        guard case .text(let s) = v else { return false }
        let u = Array(s.utf8)
        // SQLite's length() counts characters: ten bytes of which all are ASCII here, or it is no day.
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return false }
        func number(_ r: Range<Int>) -> Int? {
            var n = 0
            for i in r {
                guard u[i] >= UInt8(ascii: "0"), u[i] <= UInt8(ascii: "9") else { return nil }
                n = n * 10 + Int(u[i] - UInt8(ascii: "0"))
            }
            return n
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return false }
        // Year 0000 is no day either: LocalDate (and so every reader) takes years 1 to 9999.
        guard year >= 1, (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }

    /// `notADay` in PostgreSQL's SQL, value for value as `isDay` says in Swift (PortableAuditCheckTests
    /// compares them): the shape by a regular expression of ASCII digits, then the month and the
    /// days it has. CASE, not AND, guards the casts: PostgreSQL may evaluate AND's sides in any order.
    static func notADayOnPostgres(_ column: String) -> String {
        let year = "substr(\(column), 1, 4)::int", month = "substr(\(column), 6, 2)", day = "substr(\(column), 9, 2)::int"
        return """
            (CASE WHEN \(column) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
              \(year) < 1 OR \(month)::int NOT BETWEEN 1 AND 12 OR \(day) < 1 OR \(day) > CASE
                WHEN \(month) IN ('04', '06', '09', '11') THEN 30
                WHEN \(month) = '02' THEN CASE WHEN \(year) % 4 = 0 AND (\(year) % 100 <> 0 OR \(year) % 400 = 0) THEN 29 ELSE 28 END
                ELSE 31 END
            ELSE true END)
            """
    }

    /// Ids of `table`'s rows whose `date` column is not a real day or (given `kinds`) whose kind
    /// is none of them, in id order. On SQLite the condition is exactly the WHERE of the partial
    /// indexes migration v14 made (contacts_unreadable, actions_unreadable), so SQLite reads the
    /// answer from an index holding only such rows, not the whole table; on PostgreSQL the server
    /// reads the partial indexes of the same condition where the schema has them (made with every
    /// schema since), else tests each row, and sends only the ids, not every row over the wire.
    static func unreadableIDs(_ conn: any SQLConnection, table: String, date: String, kinds: [String]? = nil) throws -> [Int64] {
        switch conn.dialect {
        case .sqlite:
            return try conn.ints(unreadableQuery(table: table, date: date, kinds: kinds))
        case .postgres:
            return try conn.ints("SELECT id FROM \(table) WHERE \(unreadableWhereOnPostgres(date: date, kinds: kinds)) ORDER BY id")
        }
    }

    /// PostgreSQL's unreadable condition, `kind` first as on SQLite: the query's WHERE and the
    /// partial indexes' (`unreadableIndexesOnPostgres`) are this one text, so the server proves the
    /// query implied by the index and reads the index, which holds no row on a sound record.
    static func unreadableWhereOnPostgres(date: String, kinds: [String]? = nil) -> String {
        unknownKind(kinds) + Store.notADayOnPostgres(date)
    }

    /// The partial indexes of the check on PostgreSQL, made with every new schema
    /// (`PostgresSchema.create`): a schema made before them is checked exactly, by a scan.
    /// The events, contact log lines and letters' (made with schema v14, as SQLite's v18) let
    /// `heard sar` and `heard check` read only the rows that may be unreadable, not every row: at
    /// 100,000 cases the three scans took 0.5 s of a search for a person on the server.
    static var unreadableIndexesOnPostgres: String {
        """
        CREATE INDEX IF NOT EXISTS contacts_unreadable ON contacts(id) WHERE \(unreadableWhereOnPostgres(date: "received", kinds: ContactKind.allCases.map(\.rawValue)));
        CREATE INDEX IF NOT EXISTS actions_unreadable ON actions(id) WHERE \(unreadableWhereOnPostgres(date: "created"));
        CREATE INDEX IF NOT EXISTS events_unreadable ON events(id) WHERE \(unreadableWhereOnPostgres(date: "date", kinds: CaseEventKind.allCases.map(\.rawValue)));
        CREATE INDEX IF NOT EXISTS contact_log_unreadable ON contact_log(id) WHERE \(mayBeUnreadableLogOnPostgres);
        CREATE INDEX IF NOT EXISTS letters_unreadable ON letters(id) WHERE \(mayBeUnreadableLetterOnPostgres);
        """
    }

    /// A contact log line not surely of the shape Heard writes, on PostgreSQL (whose columns hold
    /// only their own type): a direction or kind it does not know, or a time not `YYYY-MM-DD HH:MM`
    /// on a real day. As SQLite's `Schema.mayBeUnreadableLog`, every line `logEntry` cannot read
    /// is among these; which of them it can is judged in Swift.
    static var mayBeUnreadableLogOnPostgres: String {
        "(direction IS NULL OR direction NOT IN ('in', 'out') OR kind IS NULL OR kind NOT IN ("
            + LogKind.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            + ") OR at IS NULL OR at !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2} ([01][0-9]|2[0-3]):[0-5][0-9]$' OR "
            + notADayOnPostgres("substr(at, 1, 10)") + ")"
    }

    /// A letter not surely readable, on PostgreSQL: a stage that is not 1 to 3, or a sent date
    /// that is not a real day (`letterSent`'s own tests).
    static var mayBeUnreadableLetterOnPostgres: String {
        "((stage IS NOT NULL AND stage NOT BETWEEN 1 AND 3) OR " + notADayOnPostgres("sent") + ")"
    }

    /// SQLite's query of `unreadableIDs`: its WHERE must stay the partial indexes' for SQLite to use them.
    static func unreadableQuery(table: String, date: String, kinds: [String]? = nil) -> String {
        "SELECT id FROM \(table) WHERE \(unknownKind(kinds))\(Store.notADay(date)) ORDER BY id"
    }

    /// "kind is none of `kinds` OR " (nothing without them): the first half of both dialects' condition.
    static func unknownKind(_ kinds: [String]?) -> String {
        kinds.map { k in "kind IS NULL OR kind NOT IN (\(k.map { "'\($0)'" }.joined(separator: ", "))) OR " } ?? ""
    }

    /// `unreadableIDs` read whole and tested in Swift (`isDay`): PostgreSQL's way, in SQL any database takes.
    static func unreadableIDsInSwift(_ conn: any SQLConnection, table: String, date: String, kinds: [String]? = nil) throws -> [Int64] {
        let known = kinds.map(Set.init)
        var out: [Int64] = []
        try conn.each("SELECT id, \(date)\(kinds == nil ? "" : ", kind") FROM \(table) ORDER BY id") { r in
            let kindKnown = known.map { k in r.strictText(2).map(k.contains) ?? false } ?? true
            if !kindKnown || !Store.isDay(r.value(1)) { out.append(r.int64(0)) }
        }
        return out
    }

    /// The contact and action rows `loadContacts` and `actions` leave out (a kind Heard does not
    /// know, or a date that is not a real day: date(x, '+0 days') turns 2021-02-30 into 2021-03-02),
    /// and the contact log and letters rows Heard cannot read. Only the parts asked for are
    /// looked for (the others come back empty): the correspondence is read row by row in Swift
    /// (about 40 ms at 100,000 log lines), and only the export carries it.
    public func unreadableRows(contacts: Bool = true, actions: Bool = true, correspondence: Bool = true, events: Bool = false) throws -> UnreadableRows {
        try query { conn in
            let c = contacts ? try Store.unreadableIDs(conn, table: "contacts", date: "received", kinds: ContactKind.allCases.map(\.rawValue)) : []
            let a = actions ? try Store.unreadableIDs(conn, table: "actions", date: "created") : []
            // When this check scanned both tables for every command, a damaged page of either
            // failed them all ("is damaged"), `heard actions` on a damaged contacts table too
            // (DamagedFileTests). The index lookups above read neither table, so a table not
            // asked about has its rows counted through the table itself: SQLite walks every
            // page of it without decoding a row (about 20 ms at 100,000 contacts, only in the
            // commands that leave contacts out; the actions take under a millisecond).
            if conn.dialect == .sqlite {
                if !contacts { _ = try conn.int("SELECT count(*) FROM contacts NOT INDEXED") }
                if !actions { _ = try conn.int("SELECT count(*) FROM actions NOT INDEXED") }
            }
            let corr = correspondence ? try unreadableCorrespondence(conn) : (log: [], letters: [])
            let e = events ? try unreadableEvents(conn) : []
            return UnreadableRows(contacts: c, actions: a, log: corr.log, letters: corr.letters, events: e)
        }
    }

    /// How `heard check` says the search index is built again, and by whom: the command with
    /// this record's `--db` (its path, or its URL without a password), quoted for a shell, so
    /// that it can be run as it is written.
    func searchIndexRemedy(_ dialect: SQLDialect) -> String {
        let command = "heard check --rebuild-search-index --db \(Store.shellWord(path))"
        return dialect == .postgres ? command + ", by the role that owns the tables" : command
    }

    /// `text` as one word for a POSIX shell: as it is when it holds only characters no shell
    /// reads specially, else in single quotes (a URL's `?` and `&` are a shell's); with a control
    /// character, in `$'…'` with each one as `\xHH`, so that the line printed (where a control
    /// character would be dropped, or a line break break it) is the path (found by an attack).
    static func shellWord(_ text: String) -> String {
        let plain = !text.isEmpty && text.utf8.allSatisfy(Store.isShellPlain)
        if plain { return text }
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
            return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }
        var out: [UInt8] = Array("$'".utf8)
        let hex = Array("0123456789abcdef".utf8)
        for b in text.utf8 {
            switch b {
            case 0x5C, 0x27: out += [0x5C, b]
            case 0..<0x20, 0x7F: out += [0x5C, UInt8(ascii: "x"), hex[Int(b >> 4)], hex[Int(b & 0x0F)]]
            default: out.append(b)
            }
        }
        out.append(0x27)
        return String(decoding: out, as: UTF8.self)
    }

    /// On PostgreSQL, the cases whose words in the search index are not the words of their text
    /// now (a trigger another hand turned off or dropped, a row written by hand): one line
    /// naming them, or none. SQLite's index keeps no words to compare (its content is the
    /// contacts' own columns; FTS5's own check is a write), so its count alone is checked.
    func searchWordsNotAsText(_ conn: any SQLConnection) throws -> [String] {
        guard conn.dialect == .postgres else { return [] }
        let differ = try conn.texts("""
            SELECT c.reference FROM contacts c JOIN contacts_search s ON s.contact_id = c.id
            WHERE s.words IS DISTINCT FROM \(Store.searchWordsSQL(of: "c")) ORDER BY c.id
            """)
        guard !differ.isEmpty else { return [] }
        let one = differ.count == 1
        // By reference, as `heard show` takes them.
        let named = differ.prefix(20).joined(separator: ", ") + (differ.count > 20 ? ", …" : "")
        return ["search index: \(differ.count) case\(one ? "'s" : "s'") words differ from \(one ? "its" : "their") text: "
                + "\(searchIndexRemedy(conn.dialect)): \(named)"]
    }

    /// A byte no POSIX shell reads specially: a letter or digit of ASCII, or one of `/._,@%+=:-`.
    private static func isShellPlain(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"): return true
        default: return "/._,@%+=:-".utf8.contains(b)
        }
    }

    /// A contact's words as the search index's trigger makes them (`heard_index_contact`), from
    /// the row called `row`.
    static func searchWordsSQL(of row: String) -> String {
        "heard_words(pg_catalog.concat_ws(' ', \(row).reference, \(row).complainant_name, \(row).subject_child, \(row).summary))"
    }

    /// Builds the search index again from every case's text, whatever it held (entries missing,
    /// left over or stale): an FTS5 `rebuild` of a SQLite file; on PostgreSQL its triggers made
    /// again as Heard makes them and every case's words written afresh, by the role that owns
    /// the tables (officers may not write the index: its words are derived). Changes nothing of
    /// the record, so it is not audited, as the name index's rebuild is not. Returns the
    /// entries the index holds after.
    public func rebuildSearchIndex() throws -> Int {
        if options.readOnly { throw StoreError.readOnly }
        if dialect == .postgres {
            let (owns, owner) = try query { conn in (try PostgresSchema.ownsSchema(conn), try PostgresSchema.tablesOwner(conn)) }
            guard owns else {
                throw StoreError.refused("your database role (\(databaseRole ?? "?")) may not build the search index of \(path): its words are derived, and only the role that owns Heard's tables there (\(owner)) writes them; nothing was changed.")
            }
        }
        return try backend.write { conn in
            switch conn.dialect {
            case .sqlite:
                try conn.execute("INSERT INTO contacts_fts(contacts_fts) VALUES('rebuild')")
                return try conn.int("SELECT count(*) FROM contacts_fts_docsize") ?? 0
            case .postgres:
                // Whatever another hand did to them, the words' functions and the index's triggers
                // are made again first, so that what is built stays whole as cases change.
                _ = try PostgresRoles.remaking(conn, always: false) {
                    try PostgresSchema.remakeSearchFunctions(conn)
                    try PostgresSchema.remakeSearchIndexing(conn)
                }
                try conn.execute("DELETE FROM contacts_search")
                try conn.execute("INSERT INTO contacts_search (contact_id, words) SELECT c.id, \(Store.searchWordsSQL(of: "c")) FROM contacts c")
                let entries = try conn.int("SELECT count(*) FROM contacts_search") ?? 0
                let contacts = try conn.int("SELECT count(*) FROM contacts") ?? 0
                // A rule another tool added kept some out: said, and the old index kept (not
                // "built again" with a gap the next check names again; found by an attack).
                if entries != contacts {
                    throw StoreError.refused("the search index of \(path) took \(entries) of \(contacts) contacts when built again: a rule another tool added to contacts_search may refuse them; nothing was changed.")
                }
                return entries
            }
        }
    }
}
