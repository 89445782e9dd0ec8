import GRDB
import HeardCore

extension Store {
    // MARK: - Learning points

    /// Saves a learning point, linked to its case when it names one.
    @discardableResult
    public func addLearning(_ l: LearningPoint, today: LocalDate) throws -> LearningPoint {
        try write { try addLearning(l, today: today, in: $0) }
    }

    /// `addLearning` as part of the transaction `tx`.
    @discardableResult
    public func addLearning(_ l: LearningPoint, today: LocalDate, in tx: Transaction) throws -> LearningPoint {
        guard let theme = reference.learningTheme(matching: l.theme) ?? (l.theme.trimmingSpaces.isEmpty ? nil : l.theme.trimmingSpaces) else {
            throw StoreError.refused("theme: a learning point needs a theme")
        }
        if l.date > today { throw StoreError.refused("date: \(l.date.iso) is in the future") }
        return try tx.command {
            let db = tx.db
            var p = l
            p.theme = theme
            var contactID: Int64?
            if let ref = l.caseReference {
                guard let row = try Row.fetchOne(db, sql: "SELECT id, reference, service_area FROM contacts WHERE reference = ? COLLATE NOCASE", arguments: [ref]) else {
                    throw StoreError.notFound("case \(ref)")
                }
                // Read as optionals: a file written by another tool may hold NULLs here.
                contactID = (row[0] as DatabaseValue).int64
                p.caseReference = (row[1] as DatabaseValue).text ?? ref
                if p.serviceArea.isEmpty { p.serviceArea = (row[2] as DatabaseValue).text ?? "" }
            }
            try db.execute(sql: "INSERT INTO learning_points (contact_id, theme, text, date, service_area) VALUES (?, ?, ?, ?, ?)",
                           arguments: [contactID, p.theme, p.text, p.date.iso, p.serviceArea])
            p.id = db.lastInsertedRowID
            var ch = Changes()
            ch.add("theme", nil, p.theme); ch.add("text", nil, p.text); ch.add("date", nil, p.date.iso)
            try audit(tx, .learning, id: p.id, reference: p.caseReference ?? "", .create, changes: ch)
            return p
        }
    }

    /// Learning points: of one case, or dated within `period`, or all.
    public func learningPoints(caseReference: String? = nil, in period: Period? = nil) throws -> [LearningPoint] {
        try read { db in
            var conditions: [String] = []
            var values: [DatabaseValueConvertible?] = []
            if let r = caseReference { conditions.append("c.reference = ? COLLATE NOCASE"); values.append(r) }
            if let p = period { conditions.append("l.date BETWEEN ? AND ?"); values += [p.from.iso, p.to.iso] }
            let sql = """
                SELECT l.id, c.reference, l.theme, l.text, l.date, l.service_area FROM learning_points l
                LEFT JOIN contacts c ON c.id = l.contact_id \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")) ORDER BY l.date, l.id
                """
            let args = StatementArguments(values)
            return try Row.fetchAll(db, sql: sql, arguments: args).compactMap { r in
                guard let d = LocalDate(iso: (r[4] as DatabaseValue).text ?? "") else { return nil }
                return LearningPoint(id: (r[0] as DatabaseValue).int64, caseReference: (r[1] as DatabaseValue).text, theme: (r[2] as DatabaseValue).text ?? "", text: (r[3] as DatabaseValue).text ?? "", date: d, serviceArea: (r[5] as DatabaseValue).text ?? "")
            }
        }
    }

    // MARK: - Actions

    static func decodeAction(_ r: Row) -> ActionItem? {
        guard let created = LocalDate(iso: (r["created"] as DatabaseValue).text ?? "") else { return nil }
        var source: ActionSource?
        switch (r["source_kind"] as DatabaseValue).text {
        case "case": if let ref = (r["source_reference"] as DatabaseValue).text { source = .caseReference(ref) }
        case "learning": if let id = (r["source_learning_id"] as DatabaseValue).int64 { source = .learningPoint(id) }
        case "meeting": source = .meeting((r["source_meeting"] as DatabaseValue).text ?? "", resolution: (r["source_resolution"] as DatabaseValue).text ?? "")
        default: break
        }
        let tags = ((r["tags"] as DatabaseValue).text ?? "").split(separator: " ").map(String.init)
        return ActionItem(id: (r["id"] as DatabaseValue).int64, title: (r["title"] as DatabaseValue).text ?? "", detail: (r["detail"] as DatabaseValue).text ?? "", owner: (r["owner"] as DatabaseValue).text ?? "",
                          serviceArea: (r["service_area"] as DatabaseValue).text ?? "", source: source, created: created,
                          due: (r["due"] as DatabaseValue).text.flatMap { LocalDate(iso: $0) },
                          status: ActionStatus(rawValue: (r["status"] as DatabaseValue).text ?? "") ?? .open, dropReason: (r["drop_reason"] as DatabaseValue).text ?? "",
                          completed: (r["completed"] as DatabaseValue).text.flatMap { LocalDate(iso: $0) }, tags: tags, version: (r["version"] as DatabaseValue).int ?? 1)
    }

    /// Every action with its notes; `outstanding` keeps open and in-progress ones, in review order;
    /// `createdIn` keeps those created within a period (the report's).
    public func actions(outstanding: Bool = false, createdIn period: Period? = nil, today: LocalDate) throws -> [ActionItem] {
        var items: [ActionItem] = try read { db in
            var byID: [Int64: Int] = [:]
            var out: [ActionItem] = []
            var conditions: [String] = []
            if outstanding { conditions.append("a.status IN ('open', 'in_progress')") }
            if let p = period { conditions.append("a.created BETWEEN '\(p.from.iso)' AND '\(p.to.iso)'") }
            let rows = try Row.fetchCursor(db, sql: """
                SELECT a.*, c.reference AS source_reference FROM actions a LEFT JOIN contacts c ON c.id = a.source_contact_id
                \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")) ORDER BY a.id
                """)
            while let r = try rows.next() {
                if let a = Store.decodeAction(r), let id = a.id { byID[id] = out.count; out.append(a) }
            }
            // Only the notes of the actions read (a period's are a fraction of all of them): the
            // range of their ids, the rest skipped below.
            let ids = byID.keys
            let scope = conditions.isEmpty ? "" : "WHERE action_id BETWEEN \(ids.min() ?? 0) AND \(ids.max() ?? -1)"
            let notes = try Row.fetchCursor(db, sql: "SELECT action_id, date, text, id FROM action_notes \(scope) ORDER BY date, id")
            while let r = try notes.next() {
                if let key = (r[0] as DatabaseValue).int64, let i = byID[key], let d = LocalDate(iso: (r[1] as DatabaseValue).text ?? "") { out[i].notes.append(ProgressNote(id: (r[3] as DatabaseValue).int64, date: d, text: (r[2] as DatabaseValue).text ?? "")) }
            }
            return out
        }
        if outstanding { items.sort { ActionItem.reviewOrder($0, $1, today: today) } }
        return items
    }

    /// The actions that come from a case or from its learning points.
    public func actions(forCase contactID: Int64) throws -> [ActionItem] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.*, c.reference AS source_reference FROM actions a LEFT JOIN contacts c ON c.id = a.source_contact_id
                WHERE a.source_contact_id = ? OR a.source_learning_id IN (SELECT id FROM learning_points WHERE contact_id = ?) ORDER BY a.id
                """, arguments: [contactID, contactID]).compactMap(Store.decodeAction)
        }
    }

    public func action(id: Int64) throws -> ActionItem {
        guard let a = try read({ try action($0, id: id) }) else { throw StoreError.notFound("action #\(id)") }
        return a
    }

    /// An action's source as its columns: kind, case id, learning point id, meeting, resolution.
    typealias SourceColumns = (kind: String?, contactID: Int64?, learningID: Int64?, meeting: String, resolution: String)

    /// The fields of an action as its audit rows record them: the source both as its label (to
    /// read) and as its keys (`source_*`, the columns: what undo restores, never the label).
    static func actionFields(_ a: ActionItem, source s: SourceColumns) -> [(String, String?)] {
        [("title", a.title), ("detail", a.detail), ("owner", a.owner), ("service_area", a.serviceArea), ("source", a.source?.label),
         ("source_kind", s.kind), ("source_case", s.contactID.map(String.init)), ("source_learning", s.learningID.map(String.init)),
         ("source_meeting", s.meeting), ("source_resolution", s.resolution),
         ("created", a.created.iso), ("due", a.due?.iso), ("status", a.status.rawValue), ("drop_reason", a.dropReason),
         ("completed", a.completed?.iso), ("tags", a.tags.joined(separator: " "))]
    }

    /// The source columns of an action row.
    static func sourceColumns(of r: Row) -> SourceColumns {
        ((r["source_kind"] as DatabaseValue).text, (r["source_contact_id"] as DatabaseValue).int64, (r["source_learning_id"] as DatabaseValue).int64, (r["source_meeting"] as DatabaseValue).text ?? "", (r["source_resolution"] as DatabaseValue).text ?? "")
    }

    private func sourceColumns(_ db: Database, _ s: ActionSource?) throws -> SourceColumns {
        switch s {
        case .none: return (nil, nil, nil, "", "")
        case .caseReference(let ref):
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM contacts WHERE reference = ? COLLATE NOCASE", arguments: [ref]) else {
                throw StoreError.notFound("case \(ref)")
            }
            return ("case", id, nil, "", "")
        case .learningPoint(let id):
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM learning_points WHERE id = ?", arguments: [id]) != nil else {
                throw StoreError.notFound("learning point #\(id)")
            }
            return ("learning", nil, id, "", "")
        case .meeting(let m, let r): return ("meeting", nil, nil, m, r)
        }
    }

    /// Adds an action to the plan (with any notes it carries).
    @discardableResult
    public func addAction(_ a: ActionItem) throws -> ActionItem {
        try write { try addAction(a, in: $0) }
    }

    /// `addAction` as part of the transaction `tx`.
    @discardableResult
    public func addAction(_ a: ActionItem, in tx: Transaction) throws -> ActionItem {
        try Store.refusal { try a.validate() }
        return try tx.command {
            let db = tx.db
            var item = a
            let source = try sourceColumns(db, a.source)
            let (kind, cid, lid, meeting, resolution) = source
            try db.execute(sql: """
                INSERT INTO actions (title, detail, owner, service_area, source_kind, source_contact_id, source_learning_id, source_meeting,
                  source_resolution, created, due, status, drop_reason, completed, tags, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                """, arguments: [a.title, a.detail, a.owner, a.serviceArea, kind, cid, lid, meeting, resolution, a.created.iso, a.due?.iso,
                                 a.status.rawValue, a.dropReason, a.completed?.iso, a.tags.joined(separator: " ")])
            item.id = db.lastInsertedRowID
            item.version = 1
            for i in item.notes.indices {
                try db.execute(sql: "INSERT INTO action_notes (action_id, date, text) VALUES (?, ?, ?)", arguments: [item.id, item.notes[i].date.iso, item.notes[i].text])
                item.notes[i].id = db.lastInsertedRowID
            }
            var ch = Changes()
            for (k, v) in Store.actionFields(item, source: source) { ch.add(k, nil, v) }
            try audit(tx, .action, id: item.id, reference: a.source.flatMap { if case .caseReference(let r) = $0 { return r }; return nil } ?? "",
                      .create, changes: ch)
            return item
        }
    }

    /// Saves an edited action made from `edited.version`; a stale version is refused.
    @discardableResult
    public func updateAction(_ edited: ActionItem) throws -> ActionItem {
        try write { try updateAction(edited, in: $0) }
    }

    /// `updateAction` as part of the transaction `tx`.
    @discardableResult
    public func updateAction(_ edited: ActionItem, in tx: Transaction) throws -> ActionItem {
        guard let id = edited.id else { throw StoreError.notFound("an unsaved action") }
        try Store.refusal { try edited.validate() }
        return try tx.command {
            let db = tx.db
            guard let row = try Row.fetchOne(db, sql: "SELECT a.*, c.reference AS source_reference FROM actions a LEFT JOIN contacts c ON c.id = a.source_contact_id WHERE a.id = ?", arguments: [id]),
                  let old = Store.decodeAction(row) else { throw StoreError.notFound("action #\(id)") }
            try db.execute(sql: "UPDATE actions SET version = version + 1 WHERE id = ? AND version = ?", arguments: [id, edited.version])
            if db.changesCount == 0 { throw StoreError.conflict(entity: "Action", name: "'\(old.title)'", expected: edited.version, found: old.version) }
            let source = try sourceColumns(db, edited.source)
            let (kind, cid, lid, meeting, resolution) = source
            try db.execute(sql: """
                UPDATE actions SET title = ?, detail = ?, owner = ?, service_area = ?, source_kind = ?, source_contact_id = ?, source_learning_id = ?,
                  source_meeting = ?, source_resolution = ?, due = ?, status = ?, drop_reason = ?, completed = ?, tags = ? WHERE id = ?
                """, arguments: [edited.title, edited.detail, edited.owner, edited.serviceArea, kind, cid, lid, meeting, resolution, edited.due?.iso,
                                 edited.status.rawValue, edited.dropReason, edited.completed?.iso, edited.tags.joined(separator: " "), id])
            var ch = Changes()
            let before = Dictionary(Store.actionFields(old, source: Store.sourceColumns(of: row)), uniquingKeysWith: { a, _ in a })
            for (k, v) in Store.actionFields(edited, source: source) { ch.add(k, before[k] ?? nil, v) }
            try audit(tx, .action, id: id, .update, changes: ch)
            var out = edited
            out.notes = try notes(db, actionID: id)
            out.version = old.version + 1
            return out
        }
    }

    /// Adds a dated progress note to an action last read at `version`, as one user step: a note
    /// on an open action also starts it (in progress, `ActionItem.statusAfterNote`), in the same
    /// transaction and undo step. Returns the action as saved, with its exact version.
    @discardableResult
    public func addNote(_ note: ProgressNote, toAction id: Int64, version: Int) throws -> ActionItem {
        try write { try addNote(note, toAction: id, version: version, in: $0) }
    }

    /// `addNote` as part of the transaction `tx`.
    @discardableResult
    public func addNote(_ note: ProgressNote, toAction id: Int64, version: Int, in tx: Transaction) throws -> ActionItem {
        try tx.command {
            let db = tx.db
            guard let old = try action(db, id: id) else { throw StoreError.notFound("action #\(id)") }
            try db.execute(sql: "UPDATE actions SET version = version + 1 WHERE id = ? AND version = ?", arguments: [id, version])
            if db.changesCount == 0 { throw StoreError.conflict(entity: "Action", name: "#\(id)", expected: version, found: old.version) }
            try db.execute(sql: "INSERT INTO action_notes (action_id, date, text) VALUES (?, ?, ?)", arguments: [id, note.date.iso, note.text])
            let noteID = db.lastInsertedRowID
            var ch = Changes()
            ch.add("date", nil, note.date.iso)
            ch.add("text", nil, note.text)
            try audit(tx, .note, id: noteID, parent: id, .create, changes: ch)
            let status = old.statusAfterNote
            if status != old.status {
                try db.execute(sql: "UPDATE actions SET status = ? WHERE id = ?", arguments: [status.rawValue, id])
                var st = Changes()
                st.add("status", old.status.rawValue, status.rawValue)
                try audit(tx, .action, id: id, .update, changes: st)
            }
            guard let saved = try action(db, id: id) else { throw StoreError.notFound("action #\(id)") }
            return saved
        }
    }

    /// One action with its notes, as `db` sees it.
    func action(_ db: Database, id: Int64) throws -> ActionItem? {
        guard let row = try Row.fetchOne(db, sql: "SELECT a.*, c.reference AS source_reference FROM actions a LEFT JOIN contacts c ON c.id = a.source_contact_id WHERE a.id = ?", arguments: [id]),
              var a = Store.decodeAction(row) else { return nil }
        a.notes = try notes(db, actionID: id)
        return a
    }

    /// An action's notes, oldest first.
    func notes(_ db: Database, actionID: Int64) throws -> [ProgressNote] {
        try Row.fetchAll(db, sql: "SELECT id, date, text FROM action_notes WHERE action_id = ? ORDER BY date, id", arguments: [actionID]).compactMap { r in
            guard let d = LocalDate(iso: (r[1] as DatabaseValue).text ?? "") else { return nil }
            return ProgressNote(id: (r[0] as DatabaseValue).int64, date: d, text: (r[2] as DatabaseValue).text ?? "")
        }
    }

    // MARK: - Holidays

    /// Imports holidays (the gov.uk file's England and Wales events); returns how many were new.
    @discardableResult
    public func importHolidays(_ holidays: [BankHoliday]) throws -> Int {
        try write { tx in
            let db = tx.db
            var added = 0
            for h in holidays {
                let exists = try Int.fetchOne(db, sql: "SELECT 1 FROM holidays WHERE date = ?", arguments: [h.date.iso]) != nil
                let builtIn = WorkingDayCalendar.englandAndWales.isHoliday(h.date)
                try db.execute(sql: "INSERT OR REPLACE INTO holidays (date, title) VALUES (?, ?)", arguments: [h.date.iso, h.title])
                if !exists && !builtIn { added += 1 }
            }
            var ch = Changes()
            ch.add("holidays", nil, "\(holidays.count) imported, \(added) new")
            try audit(tx, .holidays, id: nil, .import, changes: ch)
            return added
        }
    }
}
