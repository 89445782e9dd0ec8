import Foundation
import HeardCore

/// The import writer: the rows of 64 contacts in one INSERT per table. The profile of an
/// import of 100,000 rows showed SQLite's cost per statement (a statement transaction, cursors
/// opened and closed, binding) above its cost per row: a statement a contact, plus one for its
/// issues, its events and its audit row, was some 400,000 statements.
///
/// The rows are those `Store.importInsert` and `ImportAuditWriter` write (a test holds them
/// equal), ids and all: on SQLite a contact is given `Store.nextContactID` (one more than any
/// contact has had: the table has no AUTOINCREMENT), on PostgreSQL the next of the ids
/// taken ahead from the table's sequence (`reserve`), so that its issues and events can name it
/// before it is written; each table's rows go in the order they would one at a time, so the
/// database numbers them the same. On a server a statement a contact, each with its round of
/// parse, plan and per-row work, was most of an import's time there.
struct ImportBatch {
    /// Contacts held before their rows are written.
    static let contacts = 64
    /// Statement sizes: a full statement carries `contacts` rows; what is left when all must go
    /// goes in statements of 8 rows and then of 1. Each size is a statement kept prepared per
    /// table, and a statement of 64 rows is a program of some 100 KB: three sizes, not seven.
    static let sizes = [contacts, 8, 1]

    /// One table's held rows.
    struct Rows {
        /// The INSERT up to `VALUES `.
        let head: String
        /// One row's placeholders, `(?, ?, …)`.
        let row: String
        let columns: Int
        var values: [Bound] = []
        var count = 0

        init(head: String, row: String, columns: Int) { self.head = head; self.row = row; self.columns = columns }

        /// The INSERT of `n` rows.
        func sql(_ n: Int) -> String { head + Array(repeating: row, count: n).joined(separator: ", ") }

        /// Writes the held rows in statements of `ImportBatch.contacts` rows; with `all`, the
        /// rest too, in smaller statements. Rows not written stay held, in order.
        mutating func write(_ conn: any SQLConnection, all: Bool) throws {
            var done = 0
            for size in ImportBatch.sizes {
                while count - done >= size {
                    let part = Array(values[(done * columns)..<((done + size) * columns)])
                    try conn.executeCached(sql(size), part)
                    done += size
                }
                if !all { break }
            }
            values.removeFirst(done * columns)
            count -= done
        }
    }

    let conn: any SQLConnection
    /// The id the next contact is given (SQLite).
    /// nil once the largest id there is has been given.
    private(set) var nextID: Int64?
    /// On PostgreSQL, the ids taken ahead from the sequence and not yet given, in order.
    private var reserved: [Int64] = []
    private var nextReserved = 0
    private let fromSequence: Bool
    /// Whether the held contacts have the people's columns (all held contacts are alike).
    private var people = false
    private var contactRows: Rows
    private var contactWithPeopleRows: Rows
    private var issueRows: Rows
    private var eventRows: Rows
    private var auditRows: Rows

    /// A writer into `conn`, inside the import's transaction. On PostgreSQL every contact's id
    /// must have been taken ahead (`reserve`).
    init(_ conn: any SQLConnection, stamped: Bool) throws {
        self.conn = conn
        fromSequence = conn.dialect == .postgres
        nextID = fromSequence ? 0 : try Store.nextContactID(conn)
        contactRows = ImportBatch.contactInsert(Store.importContactSQL)
        contactWithPeopleRows = ImportBatch.contactInsert(Store.importContactWithPeopleSQL)
        issueRows = ImportBatch.multiRow(Store.importIssueRows)
        eventRows = ImportBatch.multiRow(Store.importEventRows)
        auditRows = Rows(head: ImportAuditWriter.head(stamped: stamped), row: ImportAuditWriter.row(stamped: stamped),
                         columns: ImportAuditWriter.columns(stamped: stamped))
    }

    /// `sql` (one contact's INSERT without RETURNING) with the id first.
    static func contactInsert(_ sql: String) -> Rows {
        let parts = sql.components(separatedBy: "VALUES ")
        let head = parts[0].replacingOccurrences(of: "INSERT INTO contacts (", with: "INSERT INTO contacts (id, ") + "VALUES "
        let row = parts.dropFirst().joined(separator: "VALUES ").trimmingSpaces.replacingOccurrences(of: "(", with: "(?, ", options: .anchored)
        return Rows(head: head, row: row, columns: row.filter { $0 == "?" }.count)
    }

    /// The rows of a `MultiRowInsert`.
    static func multiRow(_ insert: MultiRowInsert) -> Rows {
        let one = insert.sql[1]
        let cut = one.range(of: "VALUES ")?.upperBound ?? one.endIndex
        return Rows(head: String(one[..<cut]), row: String(one[cut...]), columns: insert.columns)
    }

    /// Gives `c` its id and holds its row, its issues and its events; `values` are
    /// `Store.contactValues(c)`. Writes them once `contacts` are held.
    mutating func add(_ c: inout Contact, values: [Bound]) throws {
        let hasPeople = c.hasPeople
        if hasPeople != people && (contactRows.count > 0 || contactWithPeopleRows.count > 0) { try flush() }
        people = hasPeople
        let id: Int64
        if fromSequence {
            guard nextReserved < reserved.count else { throw StoreError.database("the import ran out of the contact ids it took ahead") }
            id = reserved[nextReserved]
            nextReserved += 1
        } else {
            guard let next = nextID else { throw Store.noIDLeft }
            id = next
            let (after, overflow) = next.addingReportingOverflow(1)
            nextID = overflow ? nil : after
        }
        c.id = id
        c.version = 1
        if hasPeople {
            contactWithPeopleRows.values.append(.int(id)); contactWithPeopleRows.values += values; contactWithPeopleRows.count += 1
        } else {
            contactRows.values.append(.int(id)); contactRows.values += values; contactRows.count += 1
        }
        Store.appendIssueValues(c.issues, contactID: id, to: &issueRows.values)
        issueRows.count += c.issues.count
        Store.appendEventValues(c.events, contactID: id, to: &eventRows.values)
        eventRows.count += c.events.count
    }

    /// Ids taken from PostgreSQL's sequence for the contacts about to be added, in order.
    mutating func reserve(_ ids: [Int64]) {
        reserved = Array(reserved[nextReserved...]) + ids
        nextReserved = 0
    }

    /// Holds an audit row (`ImportAuditWriter.values`).
    mutating func addAudit(_ values: [Bound]) throws {
        auditRows.values += values
        auditRows.count += 1
        if auditRows.count >= ImportBatch.contacts { try write(all: false) }
    }

    /// Writes every held row: before anything reads the tables, or writes rows that name a
    /// held contact, and at the end.
    mutating func flush() throws { try write(all: true) }

    /// Contacts first: the other tables' rows name them.
    private mutating func write(all: Bool) throws {
        try contactRows.write(conn, all: all)
        try contactWithPeopleRows.write(conn, all: all)
        if all || (contactRows.count == 0 && contactWithPeopleRows.count == 0) {
            try issueRows.write(conn, all: all)
            try eventRows.write(conn, all: all)
        }
        try auditRows.write(conn, all: all)
    }
}
