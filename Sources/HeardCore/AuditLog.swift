import CellWidth

/// One line of `heard audit`: a change from the audit trail or a read from the access log.
public enum AuditLogItem: Hashable, Sendable {
    case change(AuditEntry)
    case read(ReadEntry)

    public var at: String {
        switch self {
        case .change(let e): e.at
        case .read(let r): r.at
        }
    }
}

/// How `heard audit` lays out the merged history: a table whose columns never move (it is
/// written as it is read, a million rows at the design load, so no column is measured first),
/// or a JSON array of objects. Pure, so a test holds each line as it will be printed.
public enum AuditLogFormat {
    /// The action and entity columns hold the longest Heard writes ("anonymise", "lift_hold";
    /// "contact_log 1234", "subject_access 12"), so a row of each keeps the columns in line.
    static let atWidth = 20, whoWidth = 20, actionWidth = 9, entityWidth = 17, referenceWidth = 13

    /// The table's heading line.
    public static var header: String {
        row("AT", "WHO", "ACTION", "ENTITY", "REFERENCE", "CHANGES")
    }

    /// One item as a table row (with its line break). Values from the file are cut to their
    /// columns with their control characters and line breaks removed (`TextTable.fit`).
    public static func tableRow(_ item: AuditLogItem) -> String {
        switch item {
        case .change(let e):
            let entity = e.entity.stored + (e.entityID.map { " \($0)" } ?? "")
            return row(e.at, e.who, e.action.stored, entity, e.reference, e.changeSummary)
        case .read(let r):
            // A read of the whole record (an export, a copy) names no case.
            return row(r.at, r.who, "read", r.contactID == nil ? "record" : "contact", r.reference, "via \(r.via.stored)")
        }
    }

    /// The closing line: how many of each kind were listed.
    public static func total(changes: Int, reads: Int) -> String {
        "\(changes) change\(changes == 1 ? "" : "s"), \(reads) read\(reads == 1 ? "" : "s")\n"
    }

    private static func row(_ at: String, _ who: String, _ action: String, _ entity: String, _ reference: String, _ changes: String) -> String {
        let last = TextSanitiser.clean(changes, allowLineBreaks: false).0
        // A key, an action or a reference is never cut (a cut one names another row, or says
        // "anonym" for "anonymise"): a long one pushes the rest of its line along instead.
        return fit(at, atWidth) + " " + fit(who, whoWidth) + " " + fit(action, actionWidth, cut: false) + " " + fit(entity, entityWidth, cut: false) + " "
            + fit(reference, referenceWidth, cut: false) + (last.isEmpty ? "" : " " + last) + "\n"
    }

    /// `TextTable.fit`, with a short way for printable ASCII (nearly every value: a million
    /// rows go through it), where a character is a cell and nothing needs cleaning.
    /// `cut: false` pads a shorter value and leaves a longer one whole.
    static func fit(_ s: String, _ width: Int, cut: Bool = true) -> String {
        let n = s.utf8.count
        guard s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
            let clean = TextSanitiser.clean(s, allowLineBreaks: false).0
            return !cut && CellWidth.displayWidth(clean) > width ? clean : TextTable.fit(clean, width)
        }
        if n == width { return s }
        if n < width { return s + String(repeating: " ", count: width - n) }
        return cut ? String(decoding: s.utf8.prefix(width), as: UTF8.self) : s
    }

    /// One item as a JSON object: `at`, `who`, `action`, `entity`, `reference`, `changes` (each
    /// `field`, `before`, `after`, exactly as recorded), and `via` for a read.
    public static func json(_ item: AuditLogItem) -> String {
        typealias J = JSONText
        switch item {
        case .change(let e):
            let changes = e.changes.map { c in J.object([("field", J.quote(c.field)), ("before", J.optional(c.before)), ("after", J.optional(c.after))]) }
            return J.object([("at", J.quote(e.at)), ("who", J.quote(e.who)), ("action", J.quote(e.action.stored)), ("entity", J.quote(e.entity.stored)),
                             ("entity_id", e.entityID.map(String.init) ?? "null"), ("reference", J.quote(e.reference)),
                             ("changes", J.array(changes)), ("changes_readable", e.changesReadable ? "true" : "false")])
        case .read(let r):
            return J.object([("at", J.quote(r.at)), ("who", J.quote(r.who)), ("action", J.quote("read")), ("entity", J.quote(r.contactID == nil ? "record" : "contact")),
                             ("entity_id", r.contactID.map(String.init) ?? "null"), ("reference", J.quote(r.reference)),
                             ("changes", "[]"), ("via", J.quote(r.via.stored))])
        }
    }
}
