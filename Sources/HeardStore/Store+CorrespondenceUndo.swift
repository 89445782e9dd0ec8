import Foundation
import GRDB
import HeardCore

/// Undo of a contact log entry, a letter recorded as sent, or a document added: the row is
/// deleted again. Refused, changing nothing, when the row is gone or another session changed
/// the case since (`check`, the undo's own rule for the case).
extension Store {
    /// The table, and the words for the status line, of a correspondence audit entity.
    static func correspondenceTable(_ entity: AuditEntity) -> (table: String, noun: String)? {
        switch entity {
        case .other("contact_log"): ("contact_log", "contact log entry")
        case .other("letter"): ("letters", "letter sent")
        case .other("document"): ("documents", "document")
        default: nil
        }
    }

    /// Deletes the row a correspondence `create` added; the line for the undo's summary.
    func undoCorrespondence(_ conn: any SQLConnection, row: AuditEntry,
                            check: (_ contactID: Int64, _ reference: String) throws -> Void) throws -> String {
        guard let (table, noun) = Store.correspondenceTable(row.entity) else {
            throw StoreError.refused("Audit row #\(row.id) names nothing undo knows; \(Store.nothingUndone).")
        }
        guard let id = row.entityID,
              let contactID = try conn.ints("SELECT contact_id FROM \(table) WHERE id = ?", [.int(id)]).first else {
            throw StoreError.refused("That \(noun) on \(row.reference) no longer exists; \(Store.nothingUndone).")
        }
        let reference = try conn.text("SELECT reference FROM contacts WHERE id = ?", [.int(contactID)]) ?? row.reference
        try check(contactID, reference)
        try conn.execute("DELETE FROM \(table) WHERE id = ?", [.int(id)])
        // The kind of thing alone: a note, a file's name or a letter's text may hold personal data.
        return "\(noun) on \(reference)"
    }

    /// `undoCorrespondence` on a GRDB connection.
}
