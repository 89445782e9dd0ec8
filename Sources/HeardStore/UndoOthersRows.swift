import HeardCore

/// What other sessions wrote since an undo step's oldest row, read once, so that whether one of
/// them touched what a row of the step reverses is looked up, not asked of the database again for
/// every row: a bulk step of 20,000 cases took 30-41 s on a team's server to be refused (two round
/// trips a row), two on SQLite, and held every other officer's saving up meanwhile.
///
/// The look-ups are those undo's refusals ask (`Store.refuseIfCaseChanged` and the rest): the
/// first row, after the step's row, from another session, that
/// - names the case: its own row (`contact` with its id), or any row with one of its references
///   (the case's now, the row's then), compared as SQLite's NOCASE and the server's `lower` under
///   "C" compare them, ASCII letters only;
/// - names the action (`action` with its id) or a progress note on it (`note` with it as parent);
/// - names the learning point or subject access request (by its entity and id).
struct UndoOthersRows {
    struct Row {
        let id: Int64
        let who: String
    }

    private var byEntity: [String: [Int64: [Row]]] = [:]
    private var notesByAction: [Int64: [Row]] = [:]
    private var byReference: [String: [Row]] = [:]

    /// More rows than this are not held (another officer's import of 100,000 cases is 600,000
    /// rows): the refusals then ask the database row by row, as before.
    static let most = 250_000

    /// Other sessions' rows after `oldest`; nil when there are more than `most`.
    /// `others`: which rows are another's (`Store.othersSince`).
    static func read(_ conn: any SQLConnection, after oldest: Int64, others condition: (sql: String, arguments: [Bound])) throws -> UndoOthersRows? {
        var others = UndoOthersRows(), count = 0, tooMany = false
        try conn.each("""
            SELECT id, who, entity, entity_id, parent_id, reference FROM audit WHERE id > ? AND \(condition.sql) ORDER BY id LIMIT \(most + 1)
            """, [.int(oldest)] + condition.arguments) { r in
            count += 1
            if count > most { tooMany = true; return }
            let row = Row(id: r.int64(0), who: r.text(1))
            let entity = r.text(2)
            if let id = r.optionalInt64(3) { others.byEntity[entity, default: [:]][id, default: []].append(row) }
            if entity == AuditEntity.note.stored, let parent = r.optionalInt64(4) { others.notesByAction[parent, default: []].append(row) }
            let reference = r.text(5)
            if !reference.isEmpty { others.byReference[UndoOthersRows.folded(reference), default: []].append(row) }
        }
        return tooMany ? nil : others
    }

    /// A reference with its ASCII letters in lower case (NOCASE's and `lower` under "C"'s folding).
    static func folded(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 >= 65 && $0 <= 90 }) else { return s }
        return String(decoding: s.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// The first of `lists`' rows after `id` (each list is in id order), by id.
    private static func first(after id: Int64, in lists: [[Row]?]) -> Row? {
        var best: Row?
        for list in lists {
            guard let list, let hit = list.first(where: { $0.id > id }) else { continue }
            if best.map({ hit.id < $0.id }) ?? true { best = hit }
        }
        return best
    }

    /// Who changed the case after audit row `id`, first: by its id or one of `references`.
    func caseChange(after id: Int64, contactID: Int64, references: [String]) -> String? {
        let named = references.filter { !$0.isEmpty }.map { byReference[UndoOthersRows.folded($0)] }
        return UndoOthersRows.first(after: id, in: [byEntity[AuditEntity.contact.stored]?[contactID]] + named)?.who
    }

    /// Who changed the action (or a progress note on it) after audit row `id`, first.
    func actionChange(after id: Int64, actionID: Int64) -> String? {
        UndoOthersRows.first(after: id, in: [byEntity[AuditEntity.action.stored]?[actionID], notesByAction[actionID]])?.who
    }

    /// Who wrote a row of `entity` with id `entityID` after audit row `id`, first.
    func change(after id: Int64, entity: String, entityID: Int64) -> String? {
        UndoOthersRows.first(after: id, in: [byEntity[entity]?[entityID]])?.who
    }
}

/// Whether other sessions wrote since an undo step began, and what, when not too much to hold.
enum UndoOthers {
    case none
    case held(UndoOthersRows)
    /// More than `UndoOthersRows.most` rows: each refusal asks the database.
    case tooMany
}
