/// What an audit row is about.
public enum AuditEntity: Hashable, Sendable, CustomStringConvertible {
    case contact, issue, event, learning, action
    /// A progress note of an action (its key is the note's id; `AuditEntry.parentID` is the action's).
    case note
    case holidays
    /// A name another tool (or a later Heard) wrote, kept as it was.
    case other(String)

    /// The entity as stored in the audit table.
    public init(stored: String) {
        switch stored {
        case "contact": self = .contact
        case "issue": self = .issue
        case "event": self = .event
        case "learning": self = .learning
        case "action": self = .action
        case "note": self = .note
        case "holidays": self = .holidays
        default: self = .other(stored)
        }
    }

    /// The text stored in the audit table.
    public var stored: String {
        switch self {
        case .contact: "contact"
        case .issue: "issue"
        case .event: "event"
        case .learning: "learning"
        case .action: "action"
        case .note: "note"
        case .holidays: "holidays"
        case .other(let s): s
        }
    }

    public var description: String { stored }
}

/// What was done to an audit row's entity.
public enum AuditAction: Hashable, Sendable, CustomStringConvertible {
    case create, update, delete
    /// Rows written by a file import or the demo (one per case, naming the source).
    case `import`
    /// A reversal of the row named by `AuditEntry.undoes`.
    case undo
    /// A progress note as an earlier Heard recorded it: on the action's row, with no key of its own.
    case legacyNote
    /// A name another tool (or a later Heard) wrote, kept as it was.
    case other(String)

    /// The action as stored in the audit table.
    public init(stored: String) {
        switch stored {
        case "create": self = .create
        case "update": self = .update
        case "delete": self = .delete
        case "import": self = .import
        case "undo": self = .undo
        case "note": self = .legacyNote
        default: self = .other(stored)
        }
    }

    /// The text stored in the audit table.
    public var stored: String {
        switch self {
        case .create: "create"
        case .update: "update"
        case .delete: "delete"
        case .import: "import"
        case .undo: "undo"
        case .legacyNote: "note"
        case .other(let s): s
        }
    }

    public var description: String { stored }
}

/// One field's value before and after a change, as stored text (nil: absent).
public struct FieldChange: Hashable, Sendable {
    /// The field's name: the export column name for a case, the column name otherwise.
    public var field: String
    public var before: String?
    public var after: String?

    public init(_ field: String, before: String?, after: String?) {
        self.field = field; self.before = before; self.after = after
    }

    /// The same change the other way round (what an undo records).
    public var reversed: FieldChange { FieldChange(field, before: after, after: before) }

    /// `officer: Ann → Kate`; a field set where there was nothing reads `team: Team 2`. Said in
    /// people's words (`stage 1 finding: partially upheld`, `amount: £150.00`); the stored form
    /// (and `heard show --format json`) keeps the field names and values as recorded.
    public var words: String {
        let name = Self.label(field)
        // One line: a note's line breaks shown, not lost ("line 1line 2").
        func said(_ v: String?) -> String { v.map { Self.oneLine(Self.valueWords($0, field: field)) } ?? "(none)" }
        guard let before else { return "\(name): \(said(after))" }
        return "\(name): \(said(before)) → \(said(after))"
    }

    /// Text of several lines on one: each line break as ` ⏎ `, as a form shows a long note.
    public static func oneLine(_ s: String) -> String {
        guard s.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return s }
        return s.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .map { String($0) }.joined(separator: " ⏎ ")
    }

    /// A stored field name as people read it: `finding1` → `stage 1 finding`, `amount_pence` →
    /// `amount`, `service_area` → `service area`.
    public static func label(_ field: String) -> String {
        for n in 1...3 {
            if field == "finding\(n)" { return "stage \(n) finding" }
            if field == "finding\(n)_text" { return "stage \(n) found" }
        }
        switch field {
        case "amount_pence": return "amount"
        case "new_due": return "new deadline"
        case "ombudsman_decision": return "Ombudsman's decision"
        case "cyp": return "child or young person"
        default: return field.replacingAll("_", with: " ")
        }
    }

    /// Fields whose values are names from Heard's vocabularies (`partially_upheld`), not typed text.
    static let vocabularyFields: Set<String> = [
        "finding1", "finding2", "finding3", "outcome", "remedy", "kind", "ombudsman_decision", "status", "procedure",
        "channel", "complainant_role", "preferred_contact", "source_kind",
    ]

    /// A stored value as people read it: a vocabulary name with spaces (`service change`), a sum
    /// of pence as pounds (`£150.00`); typed text exactly as it was.
    public static func valueWords(_ value: String, field: String) -> String {
        if field == "amount_pence", let pence = Int(value) { return "£" + CaseRecord.pounds(pence) }
        if vocabularyFields.contains(field) { return value.replacingAll("_", with: " ") }
        return value
    }
}

/// One row of the audit trail: who changed what, with the entity's key and each field's values.
public struct AuditEntry: Hashable, Sendable {
    public var id: Int64
    /// When, as UTC ISO 8601 (`2022-01-10T09:00:00Z`).
    public var at: String
    public var who: String
    /// The store session that wrote it (undo reverses its own session's rows only).
    public var session: String
    public var entity: AuditEntity
    public var action: AuditAction
    /// The entity's key (a case's, event's, issue's, action's or note's id).
    public var entityID: Int64?
    /// The case reference, where the entity belongs to a case.
    public var reference: String
    /// The key of the entity this one belongs to: a note's action.
    public var parentID: Int64?
    /// The fields changed, in the order they were recorded.
    public var changes: [FieldChange]
    /// False when the stored changes could not be read (a row another tool wrote): `changes` is then empty.
    public var changesReadable: Bool
    /// The audit group: every row of one transaction (one user step) shares it, and one undo step reverses it.
    public var batch: String
    /// On an 'undo' row: the id of the row it reversed.
    public var undoes: Int64?

    public init(id: Int64, at: String, who: String, session: String, entity: AuditEntity, action: AuditAction,
                entityID: Int64?, reference: String = "", parentID: Int64? = nil, changes: [FieldChange] = [],
                changesReadable: Bool = true, batch: String = "", undoes: Int64? = nil) {
        self.id = id; self.at = at; self.who = who; self.session = session; self.entity = entity; self.action = action
        self.entityID = entityID; self.reference = reference; self.parentID = parentID; self.changes = changes
        self.changesReadable = changesReadable; self.batch = batch; self.undoes = undoes
    }

    /// The change of one field, if the row has it.
    public func change(_ field: String) -> FieldChange? { changes.first { $0.field == field } }

    /// The changes in one line, e.g. `officer: Ann → Kate; team: Team 2`, cut at 160 characters.
    public var changeSummary: String {
        if !changesReadable { return "(changes cannot be read)" }
        let s = changes.map(\.words).joined(separator: "; ")
        return s.count > 160 ? String(s.prefix(157)) + "..." : s
    }
}
