import Foundation
import HeardCore

/// The `at` of audit rows written by the thousand in one command (a bulk change, its undo):
/// the time formatted once a second rather than once a row, as `ImportAuditWriter` does.
struct AuditClock {
    private var second: time_t = -1
    private var text = ""

    /// Now, as `Store.timestamp()` writes it.
    mutating func now() -> String {
        let t = time(nil)
        if t != second { second = t; text = Store.timestamp() }
        return text
    }
}

extension Store {
    /// `audit(tx, …)` with its time from `clock`: the same row, in the same statement.
    func audit(_ tx: Transaction, clock: inout AuditClock, _ entity: AuditEntity, id: Int64?, reference: String = "", parent: Int64? = nil,
               _ action: AuditAction, changes: Changes, undoes: Int64? = nil) throws {
        try audit(tx, entity, id: id, reference: reference, parent: parent, action, changes: changes, undoes: undoes, at: clock.now())
    }
}
