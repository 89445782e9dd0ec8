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
            let conn = tx.sql
            var p = l
            p.theme = theme
            var contactID: Int64?
            if let ref = l.caseReference {
                guard let row = try conn.row("SELECT id, reference, service_area, \(Store.anonymisedColumns()) FROM contacts WHERE \(conn.dialect.equalsIgnoringCase("reference"))",
                                             [.text(ref)]) else {
                    throw StoreError.notFound("case \(ref)")
                }
                // The learning of a case is a move on it (`heard move REF learning`): an anonymised
                // case's course is over, and its words would be new ones beside it.
                if row[3].int64 == 1 { throw StoreError.refused(Store.anonymisedStepRefusal(reference: row[1].text ?? ref, on: Store.shownDay(row[4].text))) }
                // Read as optionals: a file written by another tool may hold NULLs here.
                contactID = row[0].int64
                p.caseReference = row[1].text ?? ref
                if p.serviceArea.isEmpty { p.serviceArea = row[2].text ?? "" }
            }
            let given = try Store.nextAuditedID(conn, table: "learning_points", entity: .learning)
            p.id = try conn.insert("INSERT INTO learning_points (\(given == nil ? "" : "id, ")contact_id, theme, text, date, service_area) VALUES (\(given.map { "\($0), " } ?? "")?, ?, ?, ?, ?)",
                                   [.key(contactID), .text(p.theme), .text(p.text), .text(p.date.iso), .text(p.serviceArea)])
            var ch = Changes()
            ch.add("theme", nil, p.theme); ch.add("text", nil, p.text); ch.add("date", nil, p.date.iso)
            try audit(tx, .learning, id: p.id, reference: p.caseReference ?? "", parent: contactID, .create, changes: ch)
            return p
        }
    }

    /// Learning points: of one case, or dated within `period`, or all.
    public func learningPoints(caseReference: String? = nil, in period: Period? = nil) throws -> [LearningPoint] {
        try query { conn in try learningPoints(conn, caseReference: caseReference, in: period) }
    }

    func learningPoints(_ conn: any SQLConnection, caseReference: String?, in period: Period?) throws -> [LearningPoint] {
        var out: [LearningPoint] = []
        try conn.each(Store.learningPointsRead(conn.dialect, caseReference: caseReference, in: period)) { r in
            guard let d = LocalDate(iso: r.strictText(4) ?? "") else { return }
            out.append(LearningPoint(id: r.strictInt64(0), caseReference: r.strictText(1), theme: r.strictText(2) ?? "", text: r.strictText(3) ?? "",
                                     date: d, serviceArea: r.strictText(5) ?? ""))
        }
        return out
    }

    /// The query `learningPoints` reads (a case's, read ahead with its history: `caseParts`).
    static func learningPointsRead(_ dialect: SQLDialect, caseReference: String?, in period: Period?) -> SQLRead {
        var conditions: [String] = []
        var values: [Bound] = []
        if let r = caseReference { conditions.append(dialect.equalsIgnoringCase("c.reference")); values.append(.text(r)) }
        if let p = period { conditions.append("l.date BETWEEN ? AND ?"); values += [.text(p.from.iso), .text(p.to.iso)] }
        let sql = """
            SELECT l.id, c.reference, l.theme, l.text, l.date, l.service_area FROM learning_points l
            LEFT JOIN contacts c ON c.id = l.contact_id \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")) ORDER BY l.date, l.id
            """
        return SQLRead(sql: sql, arguments: values)
    }

    // MARK: - Actions

    /// An action row with its source case's reference, read by `decodeAction` (`a` is the
    /// action, from `actionFrom`). The reference is looked up by the case's id for each action
    /// read, not joined: PostgreSQL joined the report year's 3,900 actions to all 100,000 contacts
    /// by hashing them (55 ms of the report's 250); by id it is 6 ms, and SQLite does the same.
    static let actionColumns = """
        a.id, a.title, a.detail, a.owner, a.service_area, a.source_kind, a.source_contact_id, a.source_learning_id,
        a.source_meeting, a.source_resolution, a.created, a.due, a.status, a.drop_reason, a.completed, a.tags, a.version,
        (SELECT c.reference FROM contacts c WHERE c.id = a.source_contact_id)
        """

    /// The table `actionColumns` reads.
    static let actionFrom = "actions a"

    /// An action read with `actionColumns` (its notes are read apart).
    static func decodeAction(_ r: any SQLRow) -> ActionItem? {
        guard let created = LocalDate(iso: r.strictText(10) ?? "") else { return nil }
        var source: ActionSource?
        switch r.strictText(5) {
        case "case": if let ref = r.strictText(17) { source = .caseReference(ref) }
        case "learning": if let id = r.strictInt64(7) { source = .learningPoint(id) }
        case "meeting": source = .meeting(r.strictText(8) ?? "", resolution: r.strictText(9) ?? "")
        default: break
        }
        let tags = (r.strictText(15) ?? "").split(separator: " ").map(String.init)
        return ActionItem(id: r.strictInt64(0), title: r.strictText(1) ?? "", detail: r.strictText(2) ?? "", owner: r.strictText(3) ?? "",
                          serviceArea: r.strictText(4) ?? "", source: source, created: created,
                          due: r.strictText(11).flatMap { LocalDate(iso: $0) },
                          status: ActionStatus(rawValue: r.strictText(12) ?? "") ?? .open, dropReason: r.strictText(13) ?? "",
                          completed: r.strictText(14).flatMap { LocalDate(iso: $0) }, tags: tags, version: r.strictInt(16) ?? 1)
    }

    /// Every action with its notes; `outstanding` keeps open and in-progress ones, in review order;
    /// `createdIn` keeps those created within a period (the report's).
    public func actions(outstanding: Bool = false, createdIn period: Period? = nil, today: LocalDate) throws -> [ActionItem] {
        var items = try query { try actions($0, outstanding: outstanding, createdIn: period) }
        if outstanding { items.sort { ActionItem.reviewOrder($0, $1, today: today) } }
        return items
    }

    /// `actions(outstanding:createdIn:today:)` read on `conn`, in id order.
    func actions(_ conn: any SQLConnection, outstanding: Bool = false, createdIn period: Period? = nil) throws -> [ActionItem] {
        var byID: [Int64: Int] = [:]
        var out: [ActionItem] = []
        var conditions: [String] = []
        if outstanding { conditions.append("a.status IN ('open', 'in_progress')") }
        if let p = period { conditions.append("a.created BETWEEN '\(p.from.iso)' AND '\(p.to.iso)'") }
        try conn.each("""
            SELECT \(Store.actionColumns) FROM \(Store.actionFrom)
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")) ORDER BY a.id
            """) { r in
            if let a = Store.decodeAction(r), let id = a.id { byID[id] = out.count; out.append(a) }
        }
        // Only the notes of the actions read (a period's are a fraction of all of them): the
        // range of their ids, the rest skipped below.
        let ids = byID.keys
        let scope = conditions.isEmpty ? "" : "WHERE action_id BETWEEN \(ids.min() ?? 0) AND \(ids.max() ?? -1)"
        try conn.each("SELECT action_id, date, text, id FROM action_notes \(scope) ORDER BY date, id") { r in
            if let key = r.strictInt64(0), let i = byID[key], let d = LocalDate(iso: r.strictText(1) ?? "") {
                out[i].notes.append(ProgressNote(id: r.strictInt64(3), date: d, text: r.strictText(2) ?? ""))
            }
        }
        return out
    }

    /// An action's status found by its bytes (`reportActions`).
    static let actionStatusBytes = RawValueBytes<ActionStatus>()
    /// The report's actions, by `Schema.actionsReportIndex` (its WHERE is on `created` alone).
    static let reportActionsSQL = "SELECT id, service_area, created, due, status FROM actions WHERE created BETWEEN ? AND ?"

    /// The actions created in `period` with only what the report's figures read (id, service
    /// area, created, due and status: title, detail, tags, source and notes are left empty), in
    /// id order; the rows `actions(createdIn:)` would leave out are left out. The full read
    /// decoded every column and asked each action's case reference: 5% of a one-year report's
    /// work at 100,000 contacts, on its one thread before the figures could be put together.
    public func reportActions(createdIn period: Period) throws -> [ActionItem] {
        try query { try reportActions($0, createdIn: period) }
    }

    func reportActions(_ conn: any SQLConnection, createdIn period: Period) throws -> [ActionItem] {
        // In the index's order (`Schema.actionsReportIndex`), put in id order below: SQLite
        // sorting them (a temporary tree of every row) cost more than the table scan it saved.
        // Small rows first, sorted, then the actions made once at their number: an array of
        // actions grown and sorted row by row was most of this read (memory copied and
        // cleared, 18,000 actions over ten years).
        var rows: [(id: Int64?, area: String, created: LocalDate, due: LocalDate?, status: ActionStatus)] = []
        var intern = Interner()
        // Generic over the row, so a file's columns are read directly (`each(_:file:server:)`):
        // through `any SQLRow` a ten-year report's 20,000 actions took 109 M instructions.
        func row<R: SQLRow>(_ r: R) {
            // Read from the row's bytes (no String per cell), as `strictText` would give them.
            guard r.kind(2) == .text, let created = r.withTextBytes(2, { LocalDate(isoUTF8: $0) }) else { return }
            let due = r.kind(3) == .text ? r.withTextBytes(3, { LocalDate(isoUTF8: $0) }) : nil
            let status = r.kind(4) == .text ? r.withTextBytes(4, { Store.actionStatusBytes($0) }) : nil
            rows.append((r.strictInt64(0), r.kind(1) == .text ? intern.text(r, 1) : "", created, due, status ?? .open))
        }
        try conn.each(SQLRead(sql: Store.reportActionsSQL, arguments: [.text(period.from.iso), .text(period.to.iso)]), file: { row($0) }, server: { row($0) })
        rows.sort { ($0.id ?? .min) < ($1.id ?? .min) }
        var out: [ActionItem] = []
        out.reserveCapacity(rows.count)
        for a in rows {
            out.append(ActionItem(id: a.id, title: "", serviceArea: a.area, created: a.created, due: a.due, status: a.status))
        }
        return out
    }

    /// The actions that come from a case or from its learning points.
    public func actions(forCase contactID: Int64) throws -> [ActionItem] {
        try query { conn in try actions(conn, forCase: contactID) }
    }

    func actions(_ conn: any SQLConnection, forCase contactID: Int64) throws -> [ActionItem] {
        var out: [ActionItem] = []
        try conn.each(Store.actionsRead(forCase: contactID)) { r in if let a = Store.decodeAction(r) { out.append(a) } }
        return out
    }

    /// The query of `actions(_:forCase:)`: each source by its index (`actions_source_contact`,
    /// `actions_source_learning`). Asked as one OR, the server scanned every action in id order.
    static func actionsRead(forCase contactID: Int64) -> SQLRead {
        SQLRead(sql: """
            SELECT \(Store.actionColumns) FROM \(Store.actionFrom)
            WHERE a.id IN (SELECT id FROM actions WHERE source_contact_id = ?
                           UNION ALL SELECT id FROM actions WHERE source_learning_id IN (SELECT id FROM learning_points WHERE contact_id = ?))
            ORDER BY a.id
            """, arguments: [.int(contactID), .int(contactID)])
    }

    public func action(id: Int64) throws -> ActionItem {
        guard let a = try query({ try action($0, id: id) }) else { throw StoreError.notFound("action #\(id)") }
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

    /// The source columns of an action row read with `actionColumns`.
    static func sourceColumns(of r: any SQLRow) -> SourceColumns {
        (r.strictText(5), r.strictInt64(6), r.strictInt64(7), r.strictText(8) ?? "", r.strictText(9) ?? "")
    }

    /// An action's source as columns, and as stored (a case by its reference as the case holds
    /// it, not as typed: "cs-2026-0309" named no case in the audit). An action newly linked to a
    /// case or its learning (`before`: its columns until now) is refused when that case is
    /// anonymised: as with its learning, its course is over. An action linked before the case was
    /// anonymised keeps its link through later edits.
    private func source(_ conn: any SQLConnection, _ s: ActionSource?, before: SourceColumns? = nil) throws -> (columns: SourceColumns, stored: ActionSource?) {
        switch s {
        case .none: return ((nil, nil, nil, "", ""), nil)
        case .caseReference(let ref):
            guard let row = try conn.row("SELECT id, reference, \(Store.anonymisedColumns()) FROM contacts WHERE \(conn.dialect.equalsIgnoringCase("reference"))",
                                         [.text(ref)]), let id = row.first?.int64 else {
                // "case CS‑2026‑0316 was not found", with a non-breaking hyphen, read as if
                // CS-2026-0316 were not there: what was typed is said to hold it.
                let note = ContactCSV.lookalikeNote(ref)
                throw note.isEmpty ? StoreError.notFound("case \(ref)") : StoreError.refused("No case \(ref)\(note).")
            }
            if row[2].int64 == 1 && id != before?.contactID {
                throw StoreError.refused(Store.anonymisedActionRefusal(reference: row[1].text ?? ref, on: Store.shownDay(row[3].text)))
            }
            return (("case", id, nil, "", ""), .caseReference(row[1].text ?? ref))
        case .learningPoint(let id):
            guard let row = try conn.row("""
                SELECT 1, c.reference, \(Store.anonymisedColumns(of: "c."))
                FROM learning_points l LEFT JOIN contacts c ON c.id = l.contact_id WHERE l.id = ?
                """, [.int(id)]) else {
                throw StoreError.notFound("learning point #\(id)")
            }
            // The learning of an anonymised case: its action is the case's too (an attack added
            // one through the learning form while a colleague anonymised the case).
            if row[2].int64 == 1 && id != before?.learningID {
                throw StoreError.refused(Store.anonymisedActionRefusal(reference: row[1].text, on: Store.shownDay(row[3].text)))
            }
            return (("learning", nil, id, "", ""), s)
        case .meeting(let m, let r): return (("meeting", nil, nil, m, r), s)
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
            let conn = tx.sql
            var item = a
            let (source, stored) = try self.source(conn, a.source)
            item.source = stored
            let (kind, cid, lid, meeting, resolution) = source
            // (On SQLite an id no action had, as a case's is: `nextAuditedID`.)
            let given = try Store.nextAuditedID(conn, table: "actions", entity: .action)
            let id = try conn.insert("""
                INSERT INTO actions (\(given == nil ? "" : "id, ")title, detail, owner, service_area, source_kind, source_contact_id, source_learning_id, source_meeting,
                  source_resolution, created, due, status, drop_reason, completed, tags, version) VALUES (\(given.map { "\($0), " } ?? "")?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                """, [.text(a.title), .text(a.detail), .text(a.owner), .text(a.serviceArea), .text(kind), .key(cid), .key(lid), .text(meeting),
                       .text(resolution), .text(a.created.iso), .text(a.due?.iso), .text(a.status.rawValue), .text(a.dropReason),
                       .text(a.completed?.iso), .text(a.tags.joined(separator: " "))])
            item.id = id
            item.version = 1
            for i in item.notes.indices {
                item.notes[i].id = try conn.insert("INSERT INTO action_notes (action_id, date, text) VALUES (?, ?, ?)",
                                                   [.int(id), .text(item.notes[i].date.iso), .text(item.notes[i].text)])
            }
            var ch = Changes()
            for (k, v) in Store.actionFields(item, source: source) { ch.add(k, nil, v) }
            let reference: String
            if case .caseReference(let r)? = stored { reference = r } else { reference = "" }
            try audit(tx, .action, id: item.id, reference: reference, parent: cid, .create, changes: ch)
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
            let conn = tx.sql
            var loaded: (action: ActionItem, source: SourceColumns)?
            var first = true
            try conn.each("SELECT \(Store.actionColumns) FROM \(Store.actionFrom) WHERE a.id = ?", [.int(id)]) { r in
                if first, let a = Store.decodeAction(r) { loaded = (a, Store.sourceColumns(of: r)) }
                first = false
            }
            guard let loaded else { throw StoreError.notFound("action #\(id)") }
            let (old, oldSource) = loaded
            try conn.execute("UPDATE actions SET version = version + 1 WHERE id = ? AND version = ?", [.int(id), .int(edited.version)])
            if conn.changes == 0 { throw StoreError.conflict(entity: "Action", name: "'\(old.title)'", expected: edited.version, found: old.version) }
            var out = edited
            let (source, stored) = try self.source(conn, edited.source, before: oldSource)
            out.source = stored
            let (kind, cid, lid, meeting, resolution) = source
            try conn.execute("""
                UPDATE actions SET title = ?, detail = ?, owner = ?, service_area = ?, source_kind = ?, source_contact_id = ?, source_learning_id = ?,
                  source_meeting = ?, source_resolution = ?, due = ?, status = ?, drop_reason = ?, completed = ?, tags = ? WHERE id = ?
                """, [.text(edited.title), .text(edited.detail), .text(edited.owner), .text(edited.serviceArea), .text(kind), .key(cid), .key(lid),
                       .text(meeting), .text(resolution), .text(edited.due?.iso), .text(edited.status.rawValue), .text(edited.dropReason),
                       .text(edited.completed?.iso), .text(edited.tags.joined(separator: " ")), .int(id)])
            var ch = Changes()
            let before = Dictionary(Store.actionFields(old, source: oldSource), uniquingKeysWith: { a, _ in a })
            for (k, v) in Store.actionFields(out, source: source) { ch.add(k, before[k] ?? nil, v) }
            try audit(tx, .action, id: id, .update, changes: ch)
            out.notes = try notes(conn, actionID: id)
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
            let conn = tx.sql
            guard let old = try action(conn, id: id) else { throw StoreError.notFound("action #\(id)") }
            try conn.execute("UPDATE actions SET version = version + 1 WHERE id = ? AND version = ?", [.int(id), .int(version)])
            if conn.changes == 0 { throw StoreError.conflict(entity: "Action", name: "#\(id)", expected: version, found: old.version) }
            let noteID = try conn.insert("INSERT INTO action_notes (action_id, date, text) VALUES (?, ?, ?)", [.int(id), .text(note.date.iso), .text(note.text)])
            var ch = Changes()
            ch.add("date", nil, note.date.iso)
            ch.add("text", nil, note.text)
            try audit(tx, .note, id: noteID, parent: id, .create, changes: ch)
            let status = old.statusAfterNote
            if status != old.status {
                try conn.execute("UPDATE actions SET status = ? WHERE id = ?", [.text(status.rawValue), .int(id)])
                var st = Changes()
                st.add("status", old.status.rawValue, status.rawValue)
                try audit(tx, .action, id: id, .update, changes: st)
            }
            guard let saved = try action(conn, id: id) else { throw StoreError.notFound("action #\(id)") }
            return saved
        }
    }

    /// One action with its notes, as `conn` sees it.
    func action(_ conn: any SQLConnection, id: Int64) throws -> ActionItem? {
        var found: ActionItem?
        var first = true
        try conn.each("SELECT \(Store.actionColumns) FROM \(Store.actionFrom) WHERE a.id = ?", [.int(id)]) { r in
            if first { found = Store.decodeAction(r) }
            first = false
        }
        guard var a = found else { return nil }
        a.notes = try notes(conn, actionID: id)
        return a
    }

    /// An action's notes, oldest first.
    func notes(_ conn: any SQLConnection, actionID: Int64) throws -> [ProgressNote] {
        var out: [ProgressNote] = []
        try conn.each("SELECT id, date, text FROM action_notes WHERE action_id = ? ORDER BY date, id", [.int(actionID)]) { r in
            guard let d = LocalDate(iso: r.strictText(1) ?? "") else { return }
            out.append(ProgressNote(id: r.strictInt64(0), date: d, text: r.strictText(2) ?? ""))
        }
        return out
    }

    // MARK: - Holidays

    /// Imports holidays (the gov.uk file's England and Wales events); returns how many were new.
    @discardableResult
    public func importHolidays(_ holidays: [BankHoliday]) throws -> Int {
        try write { tx in
            let conn = tx.sql
            var added = 0
            for h in holidays {
                let exists = try conn.int("SELECT 1 FROM holidays WHERE date = ?", [.text(h.date.iso)]) != nil
                let builtIn = WorkingDayCalendar.englandAndWales.isHoliday(h.date)
                // A date already there takes the new title (as INSERT OR REPLACE did, in SQL both databases take).
                try conn.execute("INSERT INTO holidays (date, title) VALUES (?, ?) ON CONFLICT (date) DO UPDATE SET title = excluded.title",
                                 [.text(h.date.iso), .text(h.title)])
                if !exists && !builtIn { added += 1 }
            }
            var ch = Changes()
            ch.add("holidays", nil, "\(holidays.count) imported, \(added) new")
            try audit(tx, .holidays, id: nil, .import, changes: ch)
            return added
        }
    }
}
