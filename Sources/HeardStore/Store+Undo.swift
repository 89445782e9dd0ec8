import Foundation
import GRDB
import HeardCore

/// What one undo step reversed.
public struct UndoResult: Equatable, Sendable {
    /// One line for the status bar, e.g. "Undid: stage 1 response on CS-2021-0042". Names
    /// references, field names and ids only, never personal data.
    public var summary: String
    /// One description per reversed change, in the order they were reversed (newest first).
    public var steps: [String]
    /// The audit rows reversed, newest first.
    public var undoneAuditIDs: [Int64]
    /// Cases whose data changed (a deleted case's id is still listed).
    public var contactIDs: [Int64]
    /// Actions whose data changed (a deleted action's id is still listed).
    public var actionIDs: [Int64]
    var seenContacts = Set<Int64>()
    var seenActions = Set<Int64>()
}

/// Undo of this session's changes, from the audit trail (DESIGN.md, Persistence).
///
/// A session is one `Store` value (`Store.session`). Each undo step takes the newest audit row of
/// this session that is not an 'undo' row and has not been undone yet; when that row carries a
/// batch (see `beginBatch()`), the step takes every not-yet-undone row of the session from the
/// batch's oldest row on, so a batch is undone as a whole (and anything saved in between, which
/// is newer than part of it, with it). The rows are reversed newest first in one transaction; each
/// reversal writes an audit row with action 'undo', `undoes` = the reversed row's id and
/// `changes` = `{field: [new, old]}`. Audit rows are never changed or deleted.
///
/// Undo refuses, changing nothing, when another session (another process, another officer)
/// changed the same case, action or learning point after the change being undone, when the
/// thing no longer exists, and when the change is of a kind that cannot be undone (imports,
/// holiday imports): "undo stops here" until something newer is undone or the session ends.
extension Store {
    /// A new batch id: pass it as `batch:` to several saves to have them undone in one step.
    public func beginBatch() -> String { "\(session)-\(UUID().uuidString.prefix(12))" }

    /// The (entity, action) pairs undo can reverse.
    static let undoableChanges: Set<String> = [
        "contact/create", "contact/update", "event/create", "issue/create", "issue/update",
        "learning/create", "action/create", "action/update", "action/note",
    ]

    /// How many undo steps this session has, stopping at the first change undo cannot reverse.
    /// A conflict with another session is only found when the step is tried.
    public func undoableCount() throws -> Int {
        try read { db in
            var pending = try pendingUndo(db)[...]
            var count = 0
            while true {
                let step = Store.nextUndoStep(pending)
                if step.isEmpty || step.contains(where: { !Store.undoableChanges.contains($0.entity + "/" + $0.action) }) { return count }
                count += 1
                pending = pending.dropFirst(step.count)
            }
        }
    }

    /// Undoes the last step of this session; nil when nothing of this session is left to undo.
    /// Throws `StoreError.refused` (and changes nothing) when the step cannot be undone.
    @discardableResult
    public func undoLast(today: LocalDate) throws -> UndoResult? {
        let calendar = try self.calendar()
        return try write { db in
            let step = Store.nextUndoStep(try pendingUndo(db)[...])
            if step.isEmpty { return nil }
            var result = UndoResult(summary: "", steps: [], undoneAuditIDs: [], contactIDs: [], actionIDs: [])
            let batch = step.count > 1 ? beginBatch() : ""
            for row in step {
                let line = try reverse(row, db, today: today, calendar: calendar, batch: batch, into: &result)
                result.steps.append(line)
                result.undoneAuditIDs.append(row.id)
            }
            // A bulk step is thousands of lines: the first few and how many more.
            let shown = result.steps.prefix(3).joined(separator: "; ")
            result.summary = "Undid: " + shown + (result.steps.count > 3 ? "; and \(result.steps.count - 3) more" : "")
            return result
        }
    }

    // MARK: - Finding the step

    /// This session's rows that are not undo rows and have not been undone, newest first.
    func pendingUndo(_ db: Database) throws -> [AuditEntry] {
        try Row.fetchAll(db, sql: """
            SELECT * FROM audit a WHERE a.session = ? AND a.action != 'undo'
              AND NOT EXISTS (SELECT 1 FROM audit u WHERE u.undoes = a.id) ORDER BY a.id DESC
            """, arguments: [session]).map(Store.auditEntry)
    }

    static func nextUndoStep(_ pending: ArraySlice<AuditEntry>) -> [AuditEntry] {
        guard let first = pending.first else { return [] }
        if first.batch.isEmpty { return [first] }
        let oldest = pending.filter { $0.batch == first.batch }.map(\.id).min() ?? first.id
        return Array(pending.prefix { $0.id >= oldest })
    }

    // MARK: - Reversing one row

    private func reverse(_ row: AuditEntry, _ db: Database, today: LocalDate, calendar: WorkingDayCalendar,
                         batch: String, into result: inout UndoResult) throws -> String {
        let kind = row.entity + "/" + row.action
        guard Store.undoableChanges.contains(kind) else {
            let on = row.reference.isEmpty ? "" : " on \(row.reference)"
            throw StoreError.refused("The last change (\(row.action) of \(row.entity)\(on)) cannot be undone; undo stops here.")
        }
        let changes = try Store.parseChanges(row)
        var swapped = Changes()
        for (field, old, new) in changes { swapped.add(field, new, old) }
        func writeUndo(reference: String = row.reference) throws {
            try audit(db, entity: row.entity, id: row.entityID, reference: reference, action: "undo", changes: swapped, batch: batch, undoes: row.id)
        }
        // (Sets alongside the lists: a bulk step undoes 100,000 rows, and a search of the list
        // for each would take minutes.)
        func noteContact(_ id: Int64) { if result.seenContacts.insert(id).inserted { result.contactIDs.append(id) } }
        func noteAction(_ id: Int64) { if result.seenActions.insert(id).inserted { result.actionIDs.append(id) } }
        let gone = "; undo stops here."

        switch kind {
        case "contact/update":
            guard let id = row.entityID, let current = try loadContacts(db, where: "id = ?", arguments: [id]).first else {
                throw StoreError.refused("\(row.reference) no longer exists\(gone)")
            }
            try refuseIfCaseChanged(db, since: row, contactID: id, reference: current.reference)
            var restored = current
            for (field, old, _) in changes { try Store.setContactField(field, old, on: &restored) }
            if restored.reference != current.reference,
               try Int.fetchOne(db, sql: "SELECT 1 FROM contacts WHERE reference = ? COLLATE NOCASE AND id != ?", arguments: [restored.reference, id]) != nil {
                throw StoreError.refused("\(current.reference) cannot go back to reference \(restored.reference): another case now has it\(gone)")
            }
            try writeContactFields(db, restored, id: id)
            try indexFTS(db, restored, old: current)
            try db.execute(sql: "UPDATE contacts SET version = version + 1 WHERE id = ?", arguments: [id])
            _ = try refreshStatus(db, contactID: id, today: today, calendar: calendar)
            try writeUndo()
            noteContact(id)
            return "change of \(changes.map(\.0).joined(separator: ", ")) on \(current.reference)"

        case "contact/create":
            guard let id = row.entityID, let current = try loadContacts(db, where: "id = ?", arguments: [id]).first else {
                throw StoreError.refused("\(row.reference) no longer exists\(gone)")
            }
            try refuseIfCaseChanged(db, since: row, contactID: id, reference: current.reference)
            try db.execute(sql: "INSERT INTO contacts_fts (contacts_fts, rowid, reference, complainant_name, subject_child, summary) VALUES ('delete', ?, ?, ?, ?, ?)",
                           arguments: [id, current.reference, current.complainantName, current.subjectChild, current.summary])
            try db.execute(sql: "DELETE FROM contacts WHERE id = ?", arguments: [id])
            try writeUndo()
            noteContact(id)
            return "new \(current.kind.label) \(current.reference)"

        case "event/create":
            guard let eventID = row.entityID,
                  let contactID = try Int64.fetchOne(db, sql: "SELECT contact_id FROM events WHERE id = ?", arguments: [eventID]) else {
                throw StoreError.refused("That change to \(row.reference) no longer exists\(gone)")
            }
            let ref = try String.fetchOne(db, sql: "SELECT reference FROM contacts WHERE id = ?", arguments: [contactID]) ?? row.reference
            try refuseIfCaseChanged(db, since: row, contactID: contactID, reference: ref)
            try db.execute(sql: "DELETE FROM events WHERE id = ?", arguments: [eventID])
            try db.execute(sql: "UPDATE contacts SET version = version + 1 WHERE id = ?", arguments: [contactID])
            _ = try refreshStatus(db, contactID: contactID, today: today, calendar: calendar)
            try writeUndo()
            noteContact(contactID)
            let value = Dictionary(changes.map { ($0.0, $0.2) }, uniquingKeysWith: { a, _ in a })
            return "\(Store.eventWords(kind: value["kind"] ?? nil, stage: value["stage"] ?? nil)) on \(ref)"

        case "issue/create", "issue/update":
            guard let issueID = row.entityID,
                  let contactID = try Int64.fetchOne(db, sql: "SELECT contact_id FROM issues WHERE id = ?", arguments: [issueID]) else {
                throw StoreError.refused("That issue of \(row.reference) no longer exists\(gone)")
            }
            let ref = try String.fetchOne(db, sql: "SELECT reference FROM contacts WHERE id = ?", arguments: [contactID]) ?? row.reference
            try refuseIfCaseChanged(db, since: row, contactID: contactID, reference: ref)
            let line: String
            if row.action == "create" {
                try db.execute(sql: "DELETE FROM issues WHERE id = ?", arguments: [issueID])
                let category = changes.first { $0.0 == "category" }?.2 ?? nil
                line = "new issue" + (category.map { " (\($0))" } ?? "") + " on \(ref)"
            } else {
                var stages: [String] = []
                for (field, old, _) in changes {
                    guard ["finding1", "finding2", "finding3"].contains(field) else {
                        throw StoreError.refused("The change to an issue of \(ref) names a field undo does not know (\(field))\(gone)")
                    }
                    try db.execute(sql: "UPDATE issues SET \(field) = ? WHERE id = ?", arguments: [old, issueID])
                    stages.append("stage \(field.dropFirst("finding".count)) finding")
                }
                line = stages.joined(separator: ", ") + " on \(ref)"
            }
            try db.execute(sql: "UPDATE contacts SET version = version + 1 WHERE id = ?", arguments: [contactID])
            _ = try refreshStatus(db, contactID: contactID, today: today, calendar: calendar)
            try writeUndo()
            noteContact(contactID)
            return line

        case "learning/create":
            guard let id = row.entityID,
                  let contactID = try Row.fetchOne(db, sql: "SELECT contact_id FROM learning_points WHERE id = ?", arguments: [id]).map({ $0[0] as Int64? })
            else { throw StoreError.refused("Learning point #\(row.entityID ?? 0) no longer exists\(gone)") }
            if let who = try changedSince(db, row: row, clause: "entity = 'learning' AND entity_id = ?", arguments: [id]) {
                throw StoreError.refused("Learning point #\(id) was changed by \(who) since; undo stops here.")
            }
            if try Int.fetchOne(db, sql: "SELECT 1 FROM actions WHERE source_learning_id = ?", arguments: [id]) != nil {
                throw StoreError.refused("Learning point #\(id) has actions linked to it; undo stops here.")
            }
            try db.execute(sql: "DELETE FROM learning_points WHERE id = ?", arguments: [id])
            try writeUndo()
            if let c = contactID { noteContact(c) }
            return "learning point #\(id)" + (row.reference.isEmpty ? "" : " on \(row.reference)")

        case "action/create", "action/update", "action/note":
            guard let id = row.entityID, try Int.fetchOne(db, sql: "SELECT 1 FROM actions WHERE id = ?", arguments: [id]) != nil else {
                throw StoreError.refused("Action #\(row.entityID ?? 0) no longer exists\(gone)")
            }
            if let who = try changedSince(db, row: row, clause: "entity = 'action' AND entity_id = ?", arguments: [id]) {
                throw StoreError.refused("Action #\(id) was changed by \(who) since; undo stops here.")
            }
            let line: String
            switch row.action {
            case "create":
                try db.execute(sql: "DELETE FROM actions WHERE id = ?", arguments: [id])
                line = "new action #\(id)"
            case "update":
                for (field, old, _) in changes { try restoreActionField(db, id: id, field: field, value: old) }
                try db.execute(sql: "UPDATE actions SET version = version + 1 WHERE id = ?", arguments: [id])
                line = "change of \(changes.map(\.0).joined(separator: ", ")) on action #\(id)"
            default:
                guard let note = changes.first(where: { $0.0 == "note" })?.2 ?? nil, note.count >= 10 else {
                    throw StoreError.refused("The progress note on action #\(id) cannot be read from the audit trail\(gone)")
                }
                let date = String(note.prefix(10)), text = String(note.dropFirst(11))
                try db.execute(sql: """
                    DELETE FROM action_notes WHERE id = (SELECT id FROM action_notes WHERE action_id = ? AND date = ? AND text = ? ORDER BY id DESC LIMIT 1)
                    """, arguments: [id, date, text])
                if db.changesCount == 0 { throw StoreError.refused("The progress note on action #\(id) no longer exists\(gone)") }
                try db.execute(sql: "UPDATE actions SET version = version + 1 WHERE id = ?", arguments: [id])
                line = "progress note on action #\(id)"
            }
            try writeUndo()
            noteAction(id)
            return line

        default:
            throw StoreError.refused("The last change cannot be undone; undo stops here.")
        }
    }

    /// The actor of the first row, after `row`, from another session that matches `clause`.
    private func changedSince(_ db: Database, row: AuditEntry, clause: String, arguments: StatementArguments) throws -> String? {
        var args: StatementArguments = [row.id, session]
        args += arguments
        return try String.fetchOne(db, sql: "SELECT who FROM audit WHERE id > ? AND session != ? AND (\(clause)) ORDER BY id LIMIT 1", arguments: args)
    }

    /// Refuses when another session touched the case (its own row, or a row naming its reference
    /// then or now) after `row`.
    private func refuseIfCaseChanged(_ db: Database, since row: AuditEntry, contactID: Int64, reference: String) throws {
        let clause = """
            (entity = 'contact' AND entity_id = ?) OR
            (reference != '' AND (reference = ? COLLATE NOCASE OR reference = ? COLLATE NOCASE))
            """
        if let who = try changedSince(db, row: row, clause: clause, arguments: [contactID, reference, row.reference]) {
            throw StoreError.refused("\(reference) was changed by \(who) since; undo stops here.")
        }
    }

    // MARK: - Field values

    /// The changes of an audit row as (field, old, new), in the order the store writes them.
    static func parseChanges(_ row: AuditEntry) throws -> [(String, String?, String?)] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(row.changes.utf8)) as? [String: Any] else {
            throw StoreError.refused("Audit row #\(row.id) cannot be read; undo stops here.")
        }
        var out: [(String, String?, String?)] = []
        for (field, value) in object {
            guard let pair = value as? [Any], pair.count == 2 else {
                throw StoreError.refused("Audit row #\(row.id) cannot be read; undo stops here.")
            }
            func text(_ v: Any) -> String? {
                if let s = v as? String { return s }
                if v is NSNull { return nil }
                return "\(v)"
            }
            out.append((field, text(pair[0]), text(pair[1])))
        }
        let order = fieldOrder
        return out.sorted { a, b in
            let ia = order[a.0] ?? Int.max, ib = order[b.0] ?? Int.max
            return ia != ib ? ia < ib : a.0 < b.0
        }
    }

    /// Field names in the order audit rows list them (JSON objects lose the order).
    private static let fieldOrder: [String: Int] = {
        let contact = fields(of: Contact(kind: .complaint, received: LocalDate(dayNumber: 0), serviceArea: "")).map(\.0)
        let action = actionFields(ActionItem(title: "", created: LocalDate(dayNumber: 0))).map(\.0)
        let event = ["kind", "date", "stage", "new_due", "reason", "outcome", "satisfied", "ombudsman_decision", "remedy", "amount_pence"]
        let other = ["category", "finding1", "finding2", "finding3", "theme", "text", "note"]
        var order: [String: Int] = [:]
        for name in contact + action + event + other where order[name] == nil { order[name] = order.count }
        return order
    }()

    /// Sets one field of a contact from its audit text (the names of `fields(of:)`).
    static func setContactField(_ field: String, _ value: String?, on c: inout Contact) throws {
        func bad() -> StoreError { .refused("The audit trail holds a value for \(field) that Heard cannot read; undo stops here.") }
        func date(_ v: String?) throws -> LocalDate? {
            guard let v else { return nil }
            guard let d = LocalDate(iso: v) else { throw bad() }
            return d
        }
        switch field {
        case "reference": c.reference = value ?? ""
        case "kind": guard let k = value.flatMap(ContactKind.init(rawValue:)) else { throw bad() }; c.kind = k
        case "received": guard let d = try date(value) else { throw bad() }; c.received = d
        case "channel": c.channel = value.flatMap(Channel.init(rawValue:))
        case "service_area": c.serviceArea = value ?? ""
        case "team": c.team = value ?? ""
        case "procedure": c.procedure = value.flatMap(ProcedureKind.init(rawValue:))
        case "complainant_name": c.complainantName = value ?? ""
        case "complainant_role": c.complainantRole = value.flatMap(ComplainantRole.init(rawValue:))
        case "child_or_young_person": c.isChildOrYoungPerson = value == "yes"
        case "advocate": c.advocate = value ?? ""
        case "subject_child": c.subjectChild = value ?? ""
        case "summary": c.summary = value ?? ""
        case "officer": c.officer = value ?? ""
        case "events_date": c.eventsDate = try date(value)
        case "acceptance_decision": c.acceptanceDecision = value ?? ""
        case "legal_hold": c.legalHold = value == "yes"
        default: throw StoreError.refused("The audit trail names a field Heard does not know (\(field)); undo stops here.")
        }
    }

    /// Writes a contact's editable fields (an edit, or an undo restoring them).
    func writeContactFields(_ db: Database, _ c: Contact, id: Int64) throws {
        try db.cachedStatement(sql: """
            UPDATE contacts SET reference = ?, kind = ?, received = ?, channel = ?, service_area = ?, team = ?, procedure = ?,
              complainant_name = ?, complainant_role = ?, cyp = ?, advocate = ?, subject_child = ?, summary = ?, officer = ?,
              events_date = ?, acceptance_decision = ?, legal_hold = ? WHERE id = ?
            """).execute(arguments: [
                c.reference, c.kind.rawValue, c.received.iso, c.channel?.rawValue, c.serviceArea, c.team,
                c.procedure?.rawValue, c.complainantName, c.complainantRole?.rawValue, c.isChildOrYoungPerson ? 1 : 0,
                c.advocate, c.subjectChild, c.summary, c.officer, c.eventsDate?.iso, c.acceptanceDecision,
                c.legalHold ? 1 : 0, id,
            ])
    }

    /// Sets one column of an action back from its audit text (the names of `actionFields`).
    private func restoreActionField(_ db: Database, id: Int64, field: String, value: String?) throws {
        switch field {
        case "title", "detail", "owner", "service_area", "drop_reason", "tags":
            try db.execute(sql: "UPDATE actions SET \(field) = ? WHERE id = ?", arguments: [value ?? "", id])
        case "created":
            guard let v = value, LocalDate(iso: v) != nil else { throw StoreError.refused("Action #\(id) had no readable created date; undo stops here.") }
            try db.execute(sql: "UPDATE actions SET created = ? WHERE id = ?", arguments: [v, id])
        case "due", "completed":
            if let v = value, LocalDate(iso: v) == nil { throw StoreError.refused("Action #\(id) had an unreadable \(field) date; undo stops here.") }
            try db.execute(sql: "UPDATE actions SET \(field) = ? WHERE id = ?", arguments: [value, id])
        case "status":
            guard let s = value.flatMap(ActionStatus.init(rawValue:)) else { throw StoreError.refused("Action #\(id) had an unreadable status; undo stops here.") }
            try db.execute(sql: "UPDATE actions SET status = ? WHERE id = ?", arguments: [s.rawValue, id])
        case "source":
            // The audit row keeps the source's label ("CS-2021-0042", "learning #12",
            // "Board 2022-07-14, resolution 1"); read it back in that order of likelihood.
            var kind: String?, contactID: Int64?, learningID: Int64?, meeting = "", resolution = ""
            if let label = value, !label.isEmpty {
                if label.hasPrefix("learning #"), let lid = Int64(label.dropFirst("learning #".count)),
                   try Int.fetchOne(db, sql: "SELECT 1 FROM learning_points WHERE id = ?", arguments: [lid]) != nil {
                    kind = "learning"; learningID = lid
                } else if let cid = try Int64.fetchOne(db, sql: "SELECT id FROM contacts WHERE reference = ? COLLATE NOCASE", arguments: [label]) {
                    kind = "case"; contactID = cid
                } else {
                    kind = "meeting"
                    if let r = label.range(of: ", resolution ", options: .backwards) {
                        meeting = String(label[..<r.lowerBound]); resolution = String(label[r.upperBound...])
                    } else {
                        meeting = label
                    }
                }
            }
            try db.execute(sql: """
                UPDATE actions SET source_kind = ?, source_contact_id = ?, source_learning_id = ?, source_meeting = ?, source_resolution = ? WHERE id = ?
                """, arguments: [kind, contactID, learningID, meeting, resolution, id])
        default:
            throw StoreError.refused("The audit trail names a field of action #\(id) that Heard does not know (\(field)); undo stops here.")
        }
    }

    /// "stage 1 response", "acknowledgement", "request for stage 2".
    static func eventWords(kind: String?, stage: String?) -> String {
        let noun: String
        switch kind.flatMap(CaseEventKind.init(rawValue:)) {
        case .acknowledged: noun = "acknowledgement"
        case .extended: noun = "extension"
        case .paused: noun = "pause"
        case .resumed: noun = "resumption"
        case .responded: noun = "response"
        case .nextStageRequested: return stage.map { "request for stage \($0)" } ?? "request for the next stage"
        case .withdrawn: noun = "withdrawal"
        case .mediation: noun = "resolution by mediation"
        case .notAccepted: noun = "decision not to accept"
        case .closed: noun = "closure"
        case .ombudsmanReferred: noun = "Ombudsman referral"
        case .ombudsmanDecision: noun = "Ombudsman decision"
        case .remedy: noun = "remedy"
        case nil: noun = "event"
        }
        return stage.map { "stage \($0) \(noun)" } ?? noun
    }
}
