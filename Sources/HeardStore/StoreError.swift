import HeardCore

/// What can go wrong with the file, said so that the user knows what to do. Messages never
/// hold personal data: only paths the user gave, references and field names.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case missingFile(String)
    case notADatabase(String)
    case notHeard(String)
    case newerVersion(String)
    /// A file whose migrations all ran but which lacks tables or columns they made (what is
    /// missing: "table stage_people", "column contacts.equality_religion").
    case incomplete(String, [String])
    case unreadable(String, String)
    /// A save made from an older version of a record: someone else saved it first.
    case conflict(entity: String, name: String, expected: Int, found: Int)
    case notFound(String)
    case refused(String)
    case duplicateReference(String)
    case invalidImport([RowProblem])
    case readOnly
    case database(String)
    /// A page of the file cannot be read (SQLITE_CORRUPT): the file is damaged, not foreign.
    case damaged(String)
    /// The disk holding the path is full: nothing was written.
    case diskFull(String)
    /// The file or its folder cannot be written (a read-only mount, permissions), with why.
    case cannotWrite(String, String)
    /// A file read without locks (`UnwritableFolder`) changed while it was read: nothing more is
    /// read from it until it is opened again.
    case changedWhileRead(String)

    public var description: String {
        switch self {
        case .missingFile(let p): return "\(p): no such database file. Run 'heard demo' to create a demo, or 'heard import FILE.csv --db \(p)' to start one."
        case .notADatabase(let p): return "\(p): not an SQLite database file; it was left untouched."
        case .notHeard(let p): return "\(p): an SQLite file that Heard did not create; it was left untouched."
        case .newerVersion(let p): return "\(p) was written by a newer version of Heard; this version will not open it, so nothing in it is changed. Install the newer Heard."
        case .incomplete(let p, let missing):
            let shown = missing.prefix(5).joined(separator: ", ") + (missing.count > 5 ? " and \(missing.count - 5) more" : "")
            return "\(p): this database is incomplete: \(shown) \(missing.count == 1 ? "is" : "are") missing; it may have been damaged or edited by another tool. Nothing was changed; restore it from a backup."
        case .unreadable(let p, let why): return "\(p): cannot be opened (\(why))."
        case .conflict(let entity, let name, let expected, let found):
            return "\(entity) \(name) was changed by someone else (you edited version \(expected), it is now version \(found)); your change was not saved. Reload it and apply your change again."
        case .notFound(let what): return "\(what) was not found."
        case .refused(let why): return why
        case .duplicateReference(let r): return "reference \(r) is already in use."
        case .invalidImport(let problems): return problems.map(\.description).joined(separator: "\n")
        case .readOnly: return "Heard is open read-only: nothing can be changed."
        case .database(let why): return "database error: \(why)"
        case .damaged(let p):
            return "\(p) is damaged: part of it cannot be read. Nothing was changed. 'heard check --db \(p)' lists what is damaged; restore the file from a backup."
        case .diskFull(let p): return "\(p): the disk is full; nothing was written. Free some space and try again."
        case .cannotWrite(let p, let why): return "\(p) cannot be written (\(why)); nothing was changed."
        case .changedWhileRead(let p): return Store.changedUnderImmutableRead(p)
        }
    }
}
