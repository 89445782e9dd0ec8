import GRDB
import HeardCore

// The old GRDB forms of the contact and case helpers, for code not yet written against
// `SQLConnection` (undo, bulk, retention, anonymisation, my work, subject access, the demo).
// Each forwards to the one implementation. Delete this file when nothing calls them.

extension Store {
    // transitional: remove when every caller is converted
    func loadContacts(_ db: Database, where whereSQL: String = SQLDialect.always, arguments: [(any DatabaseValueConvertible)?] = [],
                      freeText: Bool = true) throws -> [Contact] {
        try loadContacts(SQLiteConnection(db), where: whereSQL, arguments: arguments.map(Bound.init(grdbValue:)), freeText: freeText)
    }

    // transitional: remove when every caller is converted
    func calendar(_ db: Database) throws -> WorkingDayCalendar { try calendar(SQLiteConnection(db)) }

    // transitional: remove when every caller is converted
    func writeStagePeople(_ db: Database, _ p: StagePeople, contactID: Int64) throws {
        try writeStagePeople(SQLiteConnection(db), p, contactID: contactID)
    }

    // transitional: remove when every caller is converted
    func undoStagePeople(_ db: Database, row: AuditEntry, contactID: Int64) throws -> String {
        try undoStagePeople(SQLiteConnection(db), row: row, contactID: contactID)
    }

    // transitional: remove when every caller is converted
    func indexFTS(_ db: Database, _ c: Contact, old: Contact? = nil) throws { try indexFTS(SQLiteConnection(db), c, old: old) }

    // transitional: remove when every caller is converted
    func refreshStatus(_ db: Database, contactID: Int64, today: LocalDate, calendar: WorkingDayCalendar) throws -> Contact {
        try refreshStatus(SQLiteConnection(db), contactID: contactID, today: today, calendar: calendar)
    }

    // transitional: remove when every caller is converted
    func bumpVersion(_ db: Database, contactID: Int64, expected: Int, reference: String) throws {
        try bumpVersion(SQLiteConnection(db), contactID: contactID, expected: expected, reference: reference)
    }

    // transitional: remove when every caller is converted
    /// `peopleValues` as GRDB arguments, for statements run through GRDB (an edit, an undo).
    static func peopleArguments(_ p: CasePeople) -> [DatabaseValueConvertible?] {
        peopleValues(p).map { v -> DatabaseValueConvertible? in
            switch v {
            case .text(let s): return s
            case .int(let n): return n
            case .double(let d): return d
            case .blob(let d): return d
            case .null: return nil
            }
        }
    }
}

extension Bound {
    /// A GRDB argument as a bound value (for the transitional forms above).
    fileprivate init(grdbValue v: (any DatabaseValueConvertible)?) {
        switch v?.databaseValue.storage {
        case .none, .null?: self = .null
        case .int64(let n)?: self = .int(n)
        case .double(let d)?: self = .double(d)
        case .string(let s)?: self = .text(s)
        case .blob(let d)?: self = .blob(d)
        }
    }
}
