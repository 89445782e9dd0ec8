import Foundation
import GRDB
import HeardCore

/// `heard check` on the correspondence: a document whose bytes no longer match the SHA-256
/// taken when it was added, and log lines or letters another tool wrote that Heard cannot read.
extension Store {
    /// The problems, each naming the case's reference and the row (never its contents).
    func correspondenceProblems(_ conn: any SQLConnection) throws -> [String] {
        var out: [String] = []
        // One document's bytes at a time: the table may hold gigabytes. Every cell is read by
        // its storage class: another tool may have written anything, and check must not trap.
        // (PostgreSQL's BYTEA column holds bytes or nothing.)
        let storage = conn.dialect == .sqlite ? "typeof(d.data)" : "CASE WHEN d.data IS NULL THEN 'null' ELSE 'blob' END"
        let docs = try conn.rows("""
            SELECT d.id, c.reference, d.sha256, d.size, d.name, d.type, \(storage), length(d.data), d.added
            FROM documents d JOIN contacts c ON c.id = d.contact_id ORDER BY d.contact_id, d.id
            """)
        var numbers: [String: Int] = [:]
        for r in docs {
            var c = CellReader(r)
            let ref = c.text(1)
            numbers[ref, default: 0] += 1
            let what = "case \(ref): document \(numbers[ref] ?? 0)"
            guard let id = c.integer(0) else { continue }
            let sha = c.text(2), size = c.integer(3), name = c.text(4), type = c.text(5), storage = c.text(6), length = c.integer(7)
            if c.wrong || storage != "blob" { out.append("\(what): a cell holds a value of the wrong type (heard check's column lines say which)") }
            // Heard saves a document under its name: a folder in it, or a name that is not a file's, would write elsewhere.
            if !DocumentTypes.isPlainName(name) { out.append("\(what): its name is not a plain file name (empty, a folder, or with a /)") }
            if !DocumentTypes.isMediaType(type) { out.append("\(what): its type is not a plain media type (type/subtype)") }
            // Shown as "added on a day that cannot be read" (and left out of the timeline).
            if LocalDate(iso: c.text(8)) == nil { out.append("\(what): the day it was added is not a date Heard can read (YYYY-MM-DD)") }
            if storage == "blob", size != length { out.append("\(what): its recorded size \(size.map(String.init) ?? "(none)") is not its \(length ?? 0) bytes") }
            guard storage == "blob", let data = try conn.row("SELECT data FROM documents WHERE id = ?", [.int(id)])?.first?.blob else { continue }
            if SHA256.hex(data) != sha {
                out.append("\(what): its bytes no longer match the SHA-256 recorded when it was added")
            }
        }
        let bad = try unreadableCorrespondence(conn)
        func reference(_ table: String, _ id: Int64) throws -> String {
            let r = try conn.row("SELECT c.reference FROM \(table) t JOIN contacts c ON c.id = t.contact_id WHERE t.id = ?", [.int(id)])
            var c = r.map(CellReader.init)
            let ref = c?.text(0) ?? ""
            return ref.isEmpty ? "?" : ref
        }
        for id in bad.log {
            out.append("case \(try reference("contact_log", id)): contact log row #\(id) has a time, direction, kind or cell Heard cannot read; it is not shown or exported")
        }
        for id in bad.letters {
            out.append("case \(try reference("letters", id)): letter row #\(id) has a sent date, stage or cell Heard cannot read; it is not shown or exported")
        }
        return out
    }

    /// `correspondenceProblems` on a GRDB connection.
}
