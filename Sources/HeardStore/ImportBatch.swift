import Foundation
import HeardCore

/// The import writer: the rows of 64 contacts (512 on a server) in one INSERT per table. The profile of an
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
    /// Contacts held before their rows are written (SQLite).
    static let contacts = 64
    /// Statement sizes: a full statement carries `contacts` rows; what is left when all must go
    /// goes in statements of 8 rows and then of 1. Each size is a statement kept prepared per
    /// table, and a statement of 64 rows is a program of some 100 KB: three sizes, not seven.
    static let sizes = [contacts, 8, 1]
    /// On a server, 512 rows a statement. Its cost is in each statement as well as each row: a
    /// statement runs the tables' statement triggers (the audit's due note, the name index's
    /// and the report's stamps) and its own round of bind and execute. Measured in SQL on
    /// 300,000 issues: 4.3 s in statements of 64, 2.9 s in statements of 512. A statement is
    /// prepared once a session, so its length costs nothing after, and 512 contacts' rows bind
    /// some 22,000 values, a third of the protocol's 65,535.
    static let serverSizes = [512, 64, 8, 1]

    /// The statement sizes for `dialect`, largest first.
    static func sizes(_ dialect: SQLDialect) -> [Int] { dialect == .postgres ? serverSizes : sizes }

    /// One table's held rows.
    struct Rows {
        /// The INSERT up to `VALUES `.
        let head: String
        /// One row's placeholders, `(?, ?, …)`.
        let row: String
        let columns: Int
        /// The statement sizes, largest first (the last is 1).
        let sizes: [Int]
        var values: [Bound] = []
        var count = 0

        init(head: String, row: String, columns: Int, sizes: [Int] = ImportBatch.sizes) {
            self.head = head; self.row = row; self.columns = columns; self.sizes = sizes
        }

        /// Rows in a full statement: what is held before it is written.
        var full: Int { sizes.first ?? 1 }

        /// The INSERT of `n` rows.
        func sql(_ n: Int) -> String { head + Array(repeating: row, count: n).joined(separator: ", ") }

        /// Writes the held rows in full statements; with `all`, the rest too, in smaller
        /// statements. Rows not written stay held, in order.
        mutating func write(_ conn: any SQLConnection, all: Bool) throws {
            var done = 0
            for size in sizes {
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
    /// On a server every contact's row has the people's columns (`oneShape`): one without people
    /// has their defaults there (`noPeople`), so contacts with and without go in the same
    /// statements. Two shapes cut a statement short at each change between them, writing what
    /// is held, issues and events too, in statements of 8 and of 1; a server pays for each
    /// statement its triggers. On SQLite, where a statement costs little, the 15 values more a
    /// contact cost 3% of an import of 100,000 with no people (3.50 s against 3.40, eight runs
    /// each), so a contact without people takes the shorter row, and a change between the two
    /// writes what is held.
    private let oneShape: Bool
    /// Whether the contacts held have the people's columns.
    private var heldWithPeople = false
    /// Contacts without the people's columns (SQLite), and with them.
    private var contactRows: Rows
    private var peopleRows: Rows
    private var issueRows: Rows
    private var eventRows: Rows
    private var auditRows: Rows

    /// A writer into `conn`, inside the import's transaction. On PostgreSQL every contact's id
    /// must have been taken ahead (`reserve`).
    init(_ conn: any SQLConnection, stamped: Bool) throws {
        self.conn = conn
        fromSequence = conn.dialect == .postgres
        nextID = fromSequence ? 0 : try Store.nextContactID(conn)
        let sizes = ImportBatch.sizes(conn.dialect)
        oneShape = fromSequence
        contactRows = ImportBatch.contactInsert(Store.importContactSQL, sizes: sizes)
        peopleRows = ImportBatch.contactInsert(Store.importContactWithPeopleSQL, sizes: sizes)
        issueRows = ImportBatch.multiRow(Store.importIssueRows, sizes: sizes)
        eventRows = ImportBatch.multiRow(Store.importEventRows, sizes: sizes)
        auditRows = Rows(head: ImportAuditWriter.head(stamped: stamped), row: ImportAuditWriter.row(stamped: stamped),
                         columns: ImportAuditWriter.columns(stamped: stamped), sizes: sizes)
    }

    /// `sql` (one contact's INSERT without RETURNING) with the id first.
    static func contactInsert(_ sql: String, sizes: [Int] = ImportBatch.sizes) -> Rows {
        let parts = sql.components(separatedBy: "VALUES ")
        let head = parts[0].replacingOccurrences(of: "INSERT INTO contacts (", with: "INSERT INTO contacts (id, ") + "VALUES "
        let row = parts.dropFirst().joined(separator: "VALUES ").trimmingSpaces.replacingOccurrences(of: "(", with: "(?, ", options: .anchored)
        return Rows(head: head, row: row, columns: row.filter { $0 == "?" }.count, sizes: sizes)
    }

    /// The rows of a `MultiRowInsert`.
    static func multiRow(_ insert: MultiRowInsert, sizes: [Int] = ImportBatch.sizes) -> Rows {
        let one = insert.sql[1]
        let cut = one.range(of: "VALUES ")?.upperBound ?? one.endIndex
        return Rows(head: String(one[..<cut]), row: String(one[cut...]), columns: insert.columns, sizes: sizes)
    }

    /// Gives `c` its id and holds its row, its issues and its events; `values` are
    /// `Store.contactValues(c)`. They are written with its audit row's (`addAudit`), once a full
    /// statement's are held.
    mutating func add(_ c: inout Contact, values: [Bound]) throws {
        let withPeople = oneShape || c.hasPeople
        if withPeople != heldWithPeople && (contactRows.count > 0 || peopleRows.count > 0) { try flush() }
        heldWithPeople = withPeople
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
        if withPeople {
            peopleRows.values.append(.int(id))
            peopleRows.values += values
            if !c.hasPeople { peopleRows.values += ImportBatch.noPeople }
            peopleRows.count += 1
        } else {
            contactRows.values.append(.int(id))
            contactRows.values += values
            contactRows.count += 1
        }
        Store.appendIssueValues(c.issues, contactID: id, to: &issueRows.values)
        issueRows.count += c.issues.count
        Store.appendEventValues(c.events, contactID: id, to: &eventRows.values)
        eventRows.count += c.events.count
    }

    /// The people's columns of a contact with none recorded: what `Store.peopleValues` gives for
    /// no people, which are the columns' defaults (a test holds the rows equal to `Store.insert`'s).
    static let noPeople = Store.peopleValues(CasePeople())

    /// Ids taken from PostgreSQL's sequence for the contacts about to be added, in order.
    mutating func reserve(_ ids: [Int64]) {
        reserved = Array(reserved[nextReserved...]) + ids
        nextReserved = 0
    }

    /// Holds an audit row (`ImportAuditWriter.values`).
    mutating func addAudit(_ values: [Bound]) throws {
        auditRows.values += values
        auditRows.count += 1
        if auditRows.count >= auditRows.full { try write(all: false) }
    }

    /// Writes every held row: before anything reads the tables, or writes rows that name a
    /// held contact, and at the end.
    mutating func flush() throws { try write(all: true) }

    /// Contacts first: the other tables' rows name them.
    private mutating func write(all: Bool) throws {
        try contactRows.write(conn, all: all)
        try peopleRows.write(conn, all: all)
        if all || (contactRows.count == 0 && peopleRows.count == 0) {
            try issueRows.write(conn, all: all)
            try eventRows.write(conn, all: all)
        }
        try auditRows.write(conn, all: all)
    }
}
