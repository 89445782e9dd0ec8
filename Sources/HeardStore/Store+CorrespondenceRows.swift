import Foundation
import GRDB
import HeardCore

/// Reading a cell another tool may have written without trapping: GRDB's `row[i] as Int?` and
/// `as String?` stop the program (printing the whole row, a letter's body and all) when the value
/// cannot be converted, e.g. a stage of 'x' or a note that is a blob. These look at the storage
/// class first and say "wrong" instead.
/// A row's cells read by their storage class: `CellReader` on kept values, `RowCells` on a row in place.
protocol Cells {
    /// Set when any cell read so far held a value of the wrong kind.
    var wrong: Bool { get }
    /// Text in column `i`; "" for NULL; anything else is wrong.
    mutating func text(_ i: Int) -> String
    /// An integer in column `i`; nil for NULL; anything else is wrong.
    mutating func integer(_ i: Int) -> Int64?
}

/// `CellReader`'s rules on a row where it is, without making its kept values first (an
/// export's 150,000 log and letter rows each made an array of them).
struct RowCells<R: SQLRow>: Cells {
    let row: R
    private(set) var wrong = false

    init(_ row: R) { self.row = row }

    mutating func text(_ i: Int) -> String {
        let (kind, text) = row.kindAndText(Int32(i))
        switch kind {
        case .null: return ""
        case .text: return text
        default: wrong = true; return ""
        }
    }

    mutating func integer(_ i: Int) -> Int64? {
        let c = Int32(i)
        switch row.kind(c) {
        case .null: return nil
        case .integer: return row.int64(c)
        default: wrong = true; return nil
        }
    }
}

struct CellReader: Cells {
    let values: [SQLValue]
    /// Set when any cell read so far held a value of the wrong kind.
    private(set) var wrong = false

    init(_ values: [SQLValue]) { self.values = values }

    /// A GRDB row's cells (code not yet written for both databases).
    // transitional: remove when every caller is converted
    init(_ row: Row) {
        self.values = (0..<row.count).map { i in CellReader.value(row[i]) }
    }

    /// A GRDB cell as a kept value.
    // transitional: remove when every caller is converted
    static func value(_ v: DatabaseValue) -> SQLValue {
        switch v.storage {
        case .null: return .null
        case .int64(let n): return .integer(n)
        case .double(let d): return .real(d)
        case .string(let s): return .text(s)
        case .blob(let d): return .blob(d)
        }
    }

    private func cell(_ i: Int) -> SQLValue { i >= 0 && i < values.count ? values[i] : .null }

    /// Text in column `i`; "" for NULL. A blob or a number where text belongs is wrong (a blob
    /// may not even be UTF-8, and check names it as the wrong type).
    mutating func text(_ i: Int) -> String {
        switch cell(i) {
        case .null: return ""
        case .text(let s): return s
        default: wrong = true; return ""
        }
    }

    /// An integer in column `i`; nil for NULL. Text, a fraction or a blob is wrong.
    mutating func integer(_ i: Int) -> Int64? {
        switch cell(i) {
        case .null: return nil
        case .integer(let n): return n
        default: wrong = true; return nil
        }
    }
}

extension Store {
    /// The contact log's columns in the order `logEntry(_:)` reads them (after any the caller puts first).
    static let logColumns = "id, direction, kind, with_whom, at, note, recorded_by"
    /// The letters' columns in the order `letterSent(_:)` reads them.
    static let letterColumns = "id, template, stage, sent, format, body, recorded_by"

    /// A contact log row (columns `logColumns` from `first`), or nil when Heard cannot read it: a
    /// direction, kind or time it does not know, or a cell of the wrong kind. Such a row is not
    /// shown as something it is not (an invented date, "in | call"): it is counted as unreadable.
    static func logEntry(_ row: [SQLValue], from first: Int = 0) -> LogEntry? {
        var c = CellReader(row)
        return logEntry(&c, from: first)
    }

    /// `logEntry` of cells however held.
    static func logEntry<C: Cells>(_ c: inout C, from first: Int) -> LogEntry? {
        let id = c.integer(first)
        let direction = LogDirection(rawValue: c.text(first + 1))
        let kind = LogKind(rawValue: c.text(first + 2))
        let with = c.text(first + 3)
        let at = LogTime(stored: c.text(first + 4))
        let note = c.text(first + 5)
        let by = c.text(first + 6)
        guard !c.wrong, let direction, let kind, let at else { return nil }
        return LogEntry(id: id, direction: direction, kind: kind, with: with, at: at, note: note, recordedBy: by)
    }

    /// A letters row (columns `letterColumns` from `first`), or nil when Heard cannot read it: a
    /// sent date that is not a day, a stage that is not 1 to 3, or a cell of the wrong kind.
    static func letterSent(_ row: [SQLValue], from first: Int = 0) -> LetterSent? {
        var c = CellReader(row)
        return letterSent(&c, from: first)
    }

    /// `letterSent` of cells however held.
    static func letterSent<C: Cells>(_ c: inout C, from first: Int) -> LetterSent? {
        let id = c.integer(first)
        let template = c.text(first + 1)
        let stage = c.integer(first + 2)
        let sent = LocalDate(iso: c.text(first + 3))
        let format = c.text(first + 4)
        let body = c.text(first + 5)
        let by = c.text(first + 6)
        guard !c.wrong, let sent else { return nil }
        if let s = stage, !(1...3).contains(s) { return nil }
        return LetterSent(id: id, template: template, stage: stage.map { Int($0) }, sent: sent, format: format.isEmpty ? "md" : format,
                          body: body, recordedBy: by)
    }

    /// The ids of the contact log and letters rows `logEntry`/`letterSent` cannot read, over the
    /// whole file (for `--skip-unreadable` and `heard check`). A readable note or body is not
    /// fetched: only its storage class matters here.
    func unreadableCorrespondence(_ conn: any SQLConnection) throws -> (log: [Int64], letters: [Int64]) {
        var log: [Int64] = [], letters: [Int64] = []
        let note = Store.storageOnly("note", conn.dialect), body = Store.storageOnly("body", conn.dialect)
        // Only the rows the partial indexes hold (all that may be unreadable: SQLite's v18, the
        // server's v14), in the indexes' own words, so that each database reads its index.
        let (logRows, letterRows) = conn.dialect == .sqlite
            ? (" WHERE " + Schema.mayBeUnreadableLog, " WHERE " + Schema.mayBeUnreadableLetter)
            : (" WHERE " + Store.mayBeUnreadableLogOnPostgres, " WHERE " + Store.mayBeUnreadableLetterOnPostgres)
        try conn.each("SELECT id, direction, kind, with_whom, at, \(note), recorded_by FROM contact_log\(logRows) ORDER BY id") { r in
            let v = r.values
            if Store.logEntry(v) == nil, let id = CellReaderID.id(v) { log.append(id) }
        }
        try conn.each("SELECT id, template, stage, sent, format, \(body), recorded_by FROM letters\(letterRows) ORDER BY id") { r in
            let v = r.values
            if Store.letterSent(v) == nil, let id = CellReaderID.id(v) { letters.append(id) }
        }
        return (log, letters)
    }

    /// `unreadableCorrespondence` on a GRDB connection.

    /// A text column read for its storage class alone: '' when it holds text (what it says is
    /// not wanted), else the cell itself, for `CellReader` to find of the wrong kind. PostgreSQL's
    /// text column holds only text (or NULL, which reads as "" too).
    static func storageOnly(_ column: String, _ dialect: SQLDialect) -> String {
        switch dialect {
        case .sqlite: return "CASE typeof(\(column)) WHEN 'text' THEN '' ELSE \(column) END"
        case .postgres: return "''"
        }
    }
}

/// The row id in column 0 (an INTEGER PRIMARY KEY is always an integer).
enum CellReaderID {
    static func id(_ r: [SQLValue]) -> Int64? {
        var c = CellReader(r)
        return c.integer(0)
    }
}

/// A cell by its storage class, for every read of a row another tool may have written: nil for
/// NULL and for a value of another kind, where GRDB's `row[i] as String?` would stop the program.
/// (Code on `SQLConnection` reads `SQLValue`'s own `text` and `int64`.)
// transitional: remove when every caller is converted
extension DatabaseValue {
    // Not inlined: inlined into Store.reverse, the switch on a borrowed temporary's storage
    // crashed the release compiler's ownership verifier (Swift 6.3, -O).
    var text: String? {
        @inline(never) get { if case .string(let s) = storage { return s }; return nil }
    }
    var int64: Int64? {
        @inline(never) get { if case .int64(let n) = storage { return n }; return nil }
    }
    var int: Int? { int64.map { Int($0) } }
}
