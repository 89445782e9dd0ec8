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
    /// Which of `steps` are remedies: a response's remedies are summed up after it, not listed.
    var remedyLines = Set<Int>()
    var seenContacts = Set<Int64>()
    var seenActions = Set<Int64>()
}

/// Undo of this session's changes, from the audit trail (DESIGN.md, Persistence).
///
/// A session is one `Store` value (`Store.session`). Every transaction writes its audit rows in
/// one group (`AuditEntry.batch`): one user step. Each undo step takes the newest audit row of
/// this session that is not an undo row and has not been undone yet, and every not-yet-undone
/// row of the session from its group's oldest row on, so a group is undone as a whole. The rows
/// are reversed newest first in one transaction, by their typed entity, action and key; each
/// reversal writes an undo row (`undoes` = the reversed row's id, the changes swapped).
/// Audit rows are never changed or deleted.
///
/// Undo refuses, changing nothing, when another session (another process, another officer)
/// changed the same case, action or learning point after the change being undone, when the
/// thing no longer exists, and when the change is of a kind that cannot be undone (imports,
/// holiday imports, a note recorded by an earlier Heard without its key): "nothing was undone (undo
/// goes no further back)"
/// until something newer is undone or the session ends.
extension Store {
    /// How every refusal of undo ends: the step is one transaction, so nothing of it was undone
    /// ("undo stops here" read as if part had been), and pressing u again meets the same refusal.
    static let nothingUndone = "nothing was undone (undo goes no further back)"

    /// Whether undo can reverse a row of this entity and action.
    static func isUndoable(_ e: AuditEntry) -> Bool {
        switch (e.entity, e.action) {
        case (.contact, .create), (.contact, .update), (.event, .create), (.issue, .create), (.issue, .update),
             (.learning, .create), (.action, .create), (.action, .update), (.note, .create),
             (.other("stage_people"), .update),
             (.other("contact_log"), .create), (.other("letter"), .create), (.other("document"), .create):
            return e.changesReadable
        default:
            return false
        }
    }

    /// How many undo steps this session has, stopping at the first change undo cannot reverse.
    /// A conflict with another session is only found when the step is tried.
    public func undoableCount() throws -> Int {
        try query { conn in
            var pending = try pendingUndo(conn)[...]
            var count = 0
            while true {
                let step = Store.nextUndoStep(pending)
                if step.isEmpty || step.contains(where: { !Store.isUndoable($0) }) { return count }
                count += 1
                pending = pending.dropFirst(step.count)
            }
        }
    }

    /// The session of this person's (`actor`'s) newest change not yet undone, and that session's
    /// next undo step (newest row first): what `heard undo` takes back, in a store carrying that
    /// session on (`StoreOptions.session`). Nil when nothing of theirs is left to undo.
    public func lastStepOfActor() throws -> (session: String, step: [AuditEntry])? {
        try query { conn in
            guard let session = try conn.text("""
                SELECT session FROM audit a WHERE who = ? AND action != 'undo' AND NOT EXISTS (SELECT 1 FROM audit u WHERE u.undoes = a.id)
                ORDER BY id DESC LIMIT 1
                """, [.text(actor)]) else { return nil }
            var decoded: [String: [FieldChange]?]? = [:]
            var rows: [AuditEntry] = []
            try conn.each("""
                SELECT \(Store.auditColumns("a.")) FROM audit a WHERE a.session = ? AND a.who = ? AND a.action != 'undo'
                  AND NOT EXISTS (SELECT 1 FROM audit u WHERE u.undoes = a.id) ORDER BY a.id DESC
                """, [.text(session), .text(actor)]) { rows.append(Store.auditEntry($0, decoded: &decoded)) }
            let step = Store.nextUndoStep(rows[...])
            return step.isEmpty ? nil : (session, step)
        }
    }

    /// Undoes the last step of this session; nil when nothing of this session is left to undo.
    /// Throws `StoreError.refused` (and changes nothing) when the step cannot be undone.
    /// `progress(done, total)` is called before each audit row of the step is reversed and once
    /// at the end (a bulk step has one row per case).
    @discardableResult
    public func undoLast(today: LocalDate, progress: (Int, Int) -> Void = { _, _ in }) throws -> UndoResult? {
        try undoLast(today: today, setWise: true, progress: progress)
    }

    /// `undoLast`; `setWise` false reverses every row the general way, one by one (what the
    /// set-wise undo of a bulk change is tested against).
    func undoLast(today: LocalDate, setWise: Bool, progress: (Int, Int) -> Void) throws -> UndoResult? {
        try write { tx in
            let step = Store.nextUndoStep(try pendingUndo(tx.sql)[...])
            if step.isEmpty { return nil }
            let calendar = try self.calendar(tx)
            // A bulk step touches thousands of cases: the page cache room a bulk change has (given back).
            let large = tx.sql.dialect == .sqlite && step.count > 1_000
            if large { try tx.sql.execute("PRAGMA cache_size = -20000") }
            defer { if large { try? tx.sql.execute("PRAGMA cache_size = -2000") } }
            // Whether another session wrote anything since the step began: when nothing, no row
            // of the step needs its own look for a later change (a bulk step has 100,000 rows).
            let oldest = step.map(\.id).min() ?? 0
            let o = othersSince
            let othersWrote = try tx.sql.int("SELECT 1 FROM audit WHERE id > ? AND \(o.sql) LIMIT 1", [.int(oldest)] + o.arguments) != nil
            // What they wrote, read once: each row's refusal is then looked up, not asked.
            let others: UndoOthers = !othersWrote ? .none
                : try UndoOthersRows.read(tx.sql, after: oldest, others: o).map(UndoOthers.held) ?? .tooMany
            var result = UndoResult(summary: "", steps: [], undoneAuditIDs: [], contactIDs: [], actionIDs: [])
            // The cases whose fields the step changed, read a chunk at a time rather than one by
            // one, with their stored status and whether anonymised (`leanRows`).
            var read = BulkReadAhead(ids: step.map { $0.entity == .contact && $0.action == .update ? $0.entityID : nil })
            let leanRead: (String) throws -> [Int64: [SQLValue]] = { try self.leanRows(tx.sql, where: $0) }
            // Set-wise, a case is read as its clock reads it (`bulkCases`), not whole: a row the
            // set-wise way does not take is then reversed the general way on the case read whole.
            // With what others wrote held, a row taken set-wise is looked up first, as the
            // general way would refuse it.
            let tooMany: Bool
            if case .tooMany = others { tooMany = true } else { tooMany = false }
            let setWise = setWise && !tooMany
            var clock = AuditClock()
            // The undo of a bulk officer or area change, set-wise: rows checked one by one, written a chunk at a time.
            var restores = OfficerAreaRestores()
            // The status each officer or area row's case wants once restored, worked out for a
            // chunk at a time on two threads (`OfficerAreaRestores.statuses`).
            var statuses: [Int64: [SQLValue]?] = [:]
            // On a file, the chunks are read and worked out on a reader beside the writer (`BulkChunkFeed`).
            let feed = setWise ? undoFeed(step, read, tx, today: today, calendar: calendar) : nil
            defer { feed?.stop() }
            for (n, row) in step.enumerated() {
                if n % BulkReadAhead.chunk == 0 {
                    // The chunk before the last is written by now, and this chunk's reads came with it.
                    try restores.settle()
                    progress(n, step.count)
                    if setWise, let fed = feed?.chunk(n / BulkReadAhead.chunk) {
                        read.checkedChunk(at: n, fed: fed.cases)
                        try restores.sendAhead(self, tx, clock: &clock, thenReading: [])
                        statuses = fed.statuses
                    } else if setWise {
                        // The first two chunks' reads at once, as a bulk change reads them.
                        if n == 0 { try tx.sql.readAhead(Store.bulkCaseReads(read.ids(ofChunkAt: 0), .forStatus)
                                                             + Store.bulkCaseReads(read.ids(ofChunkAt: BulkReadAhead.chunk), .forStatus)) }
                        let cases = try read.checkedChunk(at: n, { try bulkCases(tx.sql, ids: $0, .forStatus) })
                        // The last chunk's rows go with the next chunk's reads while this one is
                        // worked out (its cases are others: what they write is not what those read).
                        try restores.sendAhead(self, tx, clock: &clock,
                                               thenReading: Store.bulkCaseReads(read.ids(ofChunkAt: n + BulkReadAhead.chunk), .forStatus))
                        statuses = OfficerAreaRestores.statuses(step[n..<min(step.count, n + BulkReadAhead.chunk)], cases: cases, self,
                                                                today: today, calendar: calendar)
                    } else {
                        try restores.flush(self, tx, clock: &clock)
                    }
                }
                // Read ahead of this step's earlier rows: only good while none of them touched the case.
                let ahead: Contact?, lean: [SQLValue]?
                if setWise {
                    let checked = try read.checked(at: n, { try bulkCases(tx.sql, ids: $0, .forStatus) })
                    (ahead, lean) = (checked?.contact, checked?.lean)
                } else {
                    ahead = try read.contact(at: n, { try loadContacts(tx.sql, where: $0) }, loadStatus: leanRead)
                    lean = ahead.flatMap { $0.id }.flatMap { read.takeStatus(of: $0) }
                }
                let fresh = ahead.flatMap { c in c.id.map { result.seenContacts.contains($0) } == false ? c : nil }
                // A row taken set-wise is refused first as the general way would refuse it. (The
                // case read set-wise holds its officer and area, not its free text: the rows taken
                // set-wise change those alone; any other goes the general way, checked there.)
                if setWise, let current = fresh, let id = current.id, row.entity == .contact, row.action == .update {
                    if case .held(let held) = others,
                       let who = held.caseChange(after: row.id, contactID: id, references: [current.reference, row.reference]) {
                        throw StoreError.refused("\(current.reference) was changed by \(who) since; \(Store.nothingUndone).")
                    }
                    if row.changesReadable, row.changes.allSatisfy({ $0.field == "officer" || $0.field == "service_area" }) {
                        try Store.refuseUnlessAsLeft(current, row.changes)
                    }
                }
                if setWise, let current = fresh, let lean,
                   let line = try restores.take(row, current: current, lean: lean, self, today: today, calendar: calendar, statusKnown: statuses[row.id]) {
                    if let id = current.id, result.seenContacts.insert(id).inserted { result.contactIDs.append(id) }
                    result.steps.append(line)
                    result.undoneAuditIDs.append(row.id)
                    continue
                }
                // Anything else the general way, after the rows before it are written.
                try restores.flush(self, tx, clock: &clock)
                let whole = setWise ? nil : fresh
                let status = lean.map { Array($0.dropFirst()) }
                let line = try reverse(row, tx, today: today, calendar: calendar, others: others, readAhead: whole,
                                       status: whole == nil ? nil : status, clock: &clock, into: &result)
                result.steps.append(line)
                result.undoneAuditIDs.append(row.id)
            }
            try restores.flush(self, tx, clock: &clock)
            progress(step.count, step.count)
            result.summary = Store.undoSummary(result)
            return result
        }
    }

    /// The feed of a set-wise undo (`bulkFeed`): each chunk's cases, as `bulkCases` reads them for
    /// their status, with the status each officer or area row's case wants once restored. Rows
    /// that touched a case before are not taken set-wise from what was read ahead
    /// (`seenContacts`), so a reader that sees the record as the undo began reads for every row
    /// taken what the writer would.
    private func undoFeed(_ step: [AuditEntry], _ read: BulkReadAhead, _ tx: Transaction, today: LocalDate,
                          calendar: WorkingDayCalendar) -> BulkChunkFeed<FedStatusChunk>? {
        bulkFeed(step.count, read, tx) { conn, k, ids in
            let rows = step[(k * BulkReadAhead.chunk)..<min(step.count, (k + 1) * BulkReadAhead.chunk)]
            let cases = try self.bulkCases(conn, ids: ids, .forStatus)
            return FedStatusChunk(cases: cases, statuses: OfficerAreaRestores.statuses(rows, cases: cases, self, today: today,
                                                                                         calendar: calendar, twoThreads: false))
        }
    }

    /// The status-bar line: the step's main thing first (a response, not its remedies, which are
    /// newer and would fill the line), then how many remedies; a bulk step's change once, with
    /// its first few cases and how many more (`listed`).
    static func undoSummary(_ r: UndoResult) -> String {
        let main = r.steps.indices.filter { !r.remedyLines.contains($0) }.map { r.steps[$0] }
        // Said in the order the changes were made (they are undone newest first): a bulk
        // change's undo named the last cases of the list it was made on (found by a trial).
        let lines = (main.isEmpty ? r.steps : main).reversed()
        var out = "Undid: " + listed(Array(lines))
        let remedies = main.isEmpty ? 0 : r.remedyLines.count
        if remedies > 0 { out += " and \(remedies) \(remedies == 1 ? "remedy" : "remedies")" }
        return out
    }

    /// Changes undone ("change of officer on CS-2022-0001", …) as one line: the same change on
    /// several cases is said once with its cases ("change of officer on CS-1, CS-2 and 2,498
    /// more": two named, so that the line fits 80 columns with references of 13 characters),
    /// different changes one after another, separated by ";" (three at most), then how many
    /// more, the number grouped as the screens write it. A bulk change's undo read
    /// "…; change of officer on CS-3; and 2497 more" (found by a trial).
    static func listed(_ lines: [String]) -> String {
        // What was changed, in the order first met, with the cases it was changed on (none
        // for a line that names no case, such as "new action #4").
        var groups: [(what: String, on: [String])] = []
        // The cases already named in each group: a change named twice on one case is one case.
        // (A reference is short enough to be a small string, hashed without a copy; the whole
        // line was not, and a bulk step's undo has 100,000 of them.)
        var named: [Set<String>] = []
        var place: [String: Int] = [:]
        var last: (what: String, group: Int)?
        for line in lines {
            guard let (what, reference) = splitAtLastOn(line) else { groups.append((line, [])); named.append([]); continue }
            let i: Int
            if let last, last.what == what { i = last.group } else if let known = place[what] { i = known } else {
                i = groups.count
                place[what] = i
                groups.append((what, []))
                named.append([])
            }
            last = (what, i)
            if named[i].insert(reference).inserted { groups[i].on.append(reference) }
        }
        let said = groups.prefix(3).map { $0.on.isEmpty ? $0.what : $0.what + " on " + referenceList($0.on) }.joined(separator: "; ")
        let rest = groups.dropFirst(3).reduce(0) { $0 + max(1, $1.on.count) }
        return said + (rest > 0 ? "; and \(groupedNumber(rest)) more" : "")
    }

    /// A line split at its last " on ": what was changed, and the case. Found in the line's
    /// UTF-8 bytes: Foundation's backwards search was a fifth of the undo of a bulk change
    /// (100,000 lines).
    static func splitAtLastOn(_ line: String) -> (what: String, reference: String)? {
        func split(_ bytes: UnsafeBufferPointer<UInt8>) -> (what: String, reference: String)? {
            // " on " is 0x20 0x6F 0x6E 0x20; a UTF-8 continuation byte is never one of them.
            var i = bytes.count - 4
            while i >= 0 {
                if bytes[i] == 0x20 && bytes[i + 1] == 0x6F && bytes[i + 2] == 0x6E && bytes[i + 3] == 0x20 {
                    return (String(decoding: UnsafeBufferPointer(rebasing: bytes[..<i]), as: UTF8.self),
                            String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + 4)...]), as: UTF8.self))
                }
                i -= 1
            }
            return nil
        }
        if let found = line.utf8.withContiguousStorageIfAvailable(split) { return found }
        return Array(line.utf8).withUnsafeBufferPointer(split)
    }

    /// A stored field name as words for a message (`service_area` -> "service area").
    static func fieldWords(_ fields: [String]) -> String {
        fields.map { $0.replacingOccurrences(of: "_", with: " ") }.joined(separator: ", ")
    }

    // MARK: - Finding the step

    /// This session's rows that are not undo rows and have not been undone, newest first. On a
    /// server only the rows this login wrote: `who` there is the server's (`session_user`), and
    /// a session id is readable by all, so another officer's hand-written row carrying this
    /// session's id would otherwise turn this person's `u` into a deletion of their choosing.
    func pendingUndo(_ conn: any SQLConnection) throws -> [AuditEntry] {
        var out: [AuditEntry] = []
        // Room for them at once: growing the array a row at a time copied 100,000 rows over and
        // over. (Not on a server, where asking how many is a round trip of every undo.)
        if conn.dialect == .sqlite {
            out.reserveCapacity(try conn.int("SELECT count(*) FROM audit WHERE session = ?", [.text(undoSession)]) ?? 0)
        }
        // A bulk step's 100,000 rows hold a few dozen different changes texts: each decoded once.
        var decoded: [String: [FieldChange]?]? = [:]
        // (Where the roles are not set up, `who` is the client's own word and nothing is guarded.)
        var mine = dialect == .postgres
            ? " AND (a.who = session_user OR NOT \(PostgresRules.stampsWhoCondition))"
            : ""
        // `heard undo` carrying on an earlier session: only this person's rows of it (a row
        // written by hand with that session's id took the place of theirs; an attack).
        var arguments: [Bound] = [.text(undoSession)]
        if options.undoSession != nil {
            mine += " AND a.who = ?"
            arguments.append(.text(actor))
        }
        try conn.each("""
            SELECT \(Store.auditColumns("a.")) FROM audit a WHERE a.session = ? AND a.action != 'undo'\(mine)
              AND NOT EXISTS (SELECT 1 FROM audit u WHERE u.undoes = a.id) ORDER BY a.id DESC
            """, arguments) { out.append(Store.auditEntry($0, decoded: &decoded)) }
        return out
    }

    static func nextUndoStep(_ pending: ArraySlice<AuditEntry>) -> [AuditEntry] {
        guard let first = pending.first else { return [] }
        if first.batch.isEmpty { return [first] }
        let oldest = pending.filter { $0.batch == first.batch }.map(\.id).min() ?? first.id
        return Array(pending.prefix { $0.id >= oldest })
    }

    // MARK: - Reversing one row

    /// `readAhead`: the case of a contact row as this transaction holds it, when already read;
    /// `status`: its stored status columns, read with it. `clock` times the undo rows.
    private func reverse(_ row: AuditEntry, _ tx: Transaction, today: LocalDate, calendar: WorkingDayCalendar, others: UndoOthers,
                         readAhead: Contact? = nil, status: [SQLValue]? = nil, clock: inout AuditClock, into result: inout UndoResult) throws -> String {
        let conn = tx.sql
        let gone = "; \(Store.nothingUndone)."
        guard row.changesReadable else { throw StoreError.refused("Audit row #\(row.id) cannot be read\(gone)") }
        let changes = row.changes
        var swapped = Changes()
        for c in changes { swapped.add(c.field, c.after, c.before) }
        func writeUndo(reference: String = row.reference) throws {
            try audit(tx, clock: &clock, row.entity, id: row.entityID, reference: reference, parent: row.parentID, .undo, changes: swapped, undoes: row.id)
        }
        // (Sets alongside the lists: a bulk step undoes 100,000 rows, and a search of the list
        // for each would take minutes.)
        func noteContact(_ id: Int64) { if result.seenContacts.insert(id).inserted { result.contactIDs.append(id) } }
        func noteAction(_ id: Int64) { if result.seenActions.insert(id).inserted { result.actionIDs.append(id) } }

        switch (row.entity, row.action) {
        case (.contact, .update):
            guard let id = row.entityID,
                  let current = try readAhead.flatMap({ $0.id == id ? $0 : nil }) ?? loadContacts(conn, where: "id = ?", arguments: [.int(id)]).first else {
                throw StoreError.refused("\(row.reference) no longer exists\(gone)")
            }
            try refuseIfCaseChanged(conn, since: row, others: others, contactID: id, reference: current.reference)
            try refuseIfAnonymised(undoing: conn, contactID: id)
            try Store.refuseUnlessAsLeft(current, changes)
            var restored = current
            for c in changes { try Store.setContactField(c.field, c.before, on: &restored) }
            if restored.reference != current.reference,
               try conn.int("SELECT 1 FROM contacts WHERE \(conn.dialect.equalsIgnoringCase("reference")) AND id != ?", [.text(restored.reference), .int(id)]) != nil {
                throw StoreError.refused("\(current.reference) cannot go back to reference \(restored.reference): another case now has it\(gone)")
            }
            if changes.allSatisfy({ $0.field == "officer" || $0.field == "service_area" }) {
                // The undo of a bulk assignment or move: those two columns and the version alone.
                try updateCaseRow(conn, Store.restoreOfficerAndAreaSQL, [.text(restored.officer), .text(restored.serviceArea), .int(id)], reference: current.reference)
                // (The status read ahead is only of a case read ahead: the one `current` is.)
                try writeStatusIfChanged(conn, of: restored, today: today, calendar: calendar,
                                         stored: readAhead?.id == id ? status : nil)
                try writeUndo()
                noteContact(id)
                return "change of \(Store.fieldWords(changes.map(\.field))) on \(current.reference)"
            }
            try writeContactFields(conn, restored, id: id)
            try indexFTS(conn, restored, old: current)
            try updateCaseRow(conn, Store.bumpContactSQL, [.int(id)], reference: current.reference)
            // A changed kind or procedure: read back as stored (a complaint's procedure defaults);
            // otherwise the status of the case as restored, without reading it back (as `update` does).
            if restored.kind != current.kind || restored.procedure != current.procedure {
                _ = try refreshStatus(conn, contactID: id, today: today, calendar: calendar)
            } else {
                try writeStatus(conn, of: restored, today: today, calendar: calendar)
            }
            try writeUndo()
            noteContact(id)
            return "change of \(Store.fieldWords(changes.map(\.field))) on \(current.reference)"

        case (.contact, .create):
            guard let id = row.entityID, let current = try loadContacts(conn, where: "id = ?", arguments: [.int(id)]).first else {
                throw StoreError.refused("\(row.reference) no longer exists\(gone)")
            }
            try refuseIfCaseChanged(conn, since: row, others: others, contactID: id, reference: current.reference)
            try refuseIfAnonymised(undoing: conn, contactID: id)
            if conn.dialect == .sqlite {
                try conn.execute("INSERT INTO contacts_fts (contacts_fts, rowid, reference, complainant_name, subject_child, summary) VALUES ('delete', ?, ?, ?, ?, ?)",
                                 [.int(id), .text(current.reference), .text(current.complainantName), .text(current.subjectChild), .text(current.summary)])
            }
            try conn.executeCached("DELETE FROM contacts WHERE id = ?", [.int(id)])
            try writeUndo()
            noteContact(id)
            return "new \(current.kind.label) \(current.reference)"

        case (.event, .create):
            var event: (contactID: Int64?, kind: String?, stage: Int?)?
            if let eventID = row.entityID {
                try conn.each("SELECT contact_id, kind, stage FROM events WHERE id = ?", [.int(eventID)], cached: true) { r in
                    event = (r.strictInt64(0), r.strictText(1), r.strictInt(2))
                }
            }
            guard let eventID = row.entityID, let event, let contactID = event.contactID else {
                throw StoreError.refused("That change to \(row.reference) no longer exists\(gone)")
            }
            let ref = try caseReference(conn, contactID: contactID) ?? row.reference
            try refuseIfCaseChanged(conn, since: row, others: others, contactID: contactID, reference: ref)
            try conn.executeCached("DELETE FROM events WHERE id = ?", [.int(eventID)])
            try updateCaseRow(conn, Store.bumpContactSQL, [.int(contactID)], reference: ref)
            _ = try refreshStatus(conn, contactID: contactID, today: today, calendar: calendar)
            try writeUndo()
            noteContact(contactID)
            let kind = event.kind.flatMap(CaseEventKind.init(rawValue:))
            if kind == .remedy { result.remedyLines.insert(result.steps.count) }
            return "\(Store.eventWords(kind: kind, stage: event.stage)) on \(ref)"

        case (.issue, .create), (.issue, .update):
            var issue: (contactID: Int64?, category: String?)?
            if let issueID = row.entityID {
                try conn.each("SELECT contact_id, category FROM issues WHERE id = ?", [.int(issueID)], cached: true) { r in
                    issue = (r.strictInt64(0), r.strictText(1))
                }
            }
            guard let issueID = row.entityID, let issue, let contactID = issue.contactID else {
                throw StoreError.refused("That issue of \(row.reference) no longer exists\(gone)")
            }
            let ref = try caseReference(conn, contactID: contactID) ?? row.reference
            try refuseIfCaseChanged(conn, since: row, others: others, contactID: contactID, reference: ref)
            let line: String
            if row.action == .create {
                try conn.executeCached("DELETE FROM issues WHERE id = ?", [.int(issueID)])
                line = "new issue" + (issue.category.map { " (\($0))" } ?? "") + " on \(ref)"
            } else {
                var stages: [String] = []
                for c in changes {
                    if let stage = Store.findingStage(c.field) {
                        try conn.executeCached("UPDATE issues SET finding\(stage) = ? WHERE id = ?", [.text(c.before), .int(issueID)])
                        stages.append("stage \(stage) finding")
                    } else if let stage = Store.findingTextStage(c.field) {
                        try conn.executeCached("UPDATE issues SET finding\(stage)_text = ? WHERE id = ?", [.text(c.before ?? ""), .int(issueID)])
                        if !stages.contains("stage \(stage) finding") { stages.append("stage \(stage) finding") }
                    } else {
                        throw StoreError.refused("The change to an issue of \(ref) names a field undo does not know (\(c.field))\(gone)")
                    }
                }
                line = stages.joined(separator: ", ") + " on \(ref)"
            }
            try updateCaseRow(conn, Store.bumpContactSQL, [.int(contactID)], reference: ref)
            _ = try refreshStatus(conn, contactID: contactID, today: today, calendar: calendar)
            try writeUndo()
            noteContact(contactID)
            return line

        case (.learning, .create):
            var learning: (contactID: Int64?, found: Bool) = (nil, false)
            if let id = row.entityID {
                try conn.each("SELECT contact_id FROM learning_points WHERE id = ?", [.int(id)]) { r in learning = (r.strictInt64(0), true) }
            }
            guard let id = row.entityID, learning.found else {
                throw StoreError.refused("Learning point #\(row.entityID ?? 0) no longer exists\(gone)")
            }
            let contactID = learning.contactID
            if let who = try changedSince(conn, row: row, others: others, entity: .learning, id: id) {
                throw StoreError.refused("Learning point #\(id) was changed by \(who) since; \(Store.nothingUndone).")
            }
            if try conn.int("SELECT 1 FROM actions WHERE source_learning_id = ?", [.int(id)]) != nil {
                throw StoreError.refused("Learning point #\(id) has actions linked to it; \(Store.nothingUndone).")
            }
            // Taken from an anonymised case, it is one of the figures that case keeps.
            if let c = contactID { try refuseIfAnonymised(undoing: conn, contactID: c) }
            try conn.execute("DELETE FROM learning_points WHERE id = ?", [.int(id)])
            try writeUndo()
            if let c = contactID { noteContact(c) }
            return "learning point #\(id)" + (row.reference.isEmpty ? "" : " on \(row.reference)")

        case (.action, .create), (.action, .update):
            guard let id = row.entityID else { throw StoreError.refused("Action #0 no longer exists\(gone)") }
            try refuseIfActionChanged(conn, since: row, others: others, actionID: id)
            // An action of an anonymised case (from it, or from its learning) is one of the figures
            // that case keeps: not taken away, nor linked to it again by putting a source back.
            func refuseIfOfAnonymisedCase() throws {
                let linked = try conn.ints("""
                    SELECT coalesce(source_contact_id, (SELECT contact_id FROM learning_points WHERE id = actions.source_learning_id))
                    FROM actions WHERE id = ?
                    """, [.int(id)])
                if let c = linked.first { try refuseIfAnonymised(undoing: conn, contactID: c) }
            }
            if row.action == .create { try refuseIfOfAnonymisedCase() }
            let line: String
            if row.action == .create {
                try conn.execute("DELETE FROM actions WHERE id = ?", [.int(id)])
                line = "new action #\(id)"
            } else {
                // A row of an earlier Heard recorded the source by its label alone.
                if changes.contains(where: { $0.field == "source" }) && !changes.contains(where: { $0.field.hasPrefix("source_") }) {
                    throw StoreError.refused("The change of source on action #\(id) was recorded by an earlier Heard without its keys, so it cannot be undone; \(Store.nothingUndone).")
                }
                for c in changes { try restoreActionField(conn, id: id, field: c.field, value: c.before) }
                if changes.contains(where: { $0.field.hasPrefix("source_") }) { try refuseIfOfAnonymisedCase() }
                try conn.execute("UPDATE actions SET version = version + 1 WHERE id = ?", [.int(id)])
                line = "change of \(Store.fieldWords(changes.map(\.field).filter { !$0.hasPrefix("source_") })) on action #\(id)"
            }
            try writeUndo()
            noteAction(id)
            return line

        case (.note, .create):
            guard let noteID = row.entityID, let actionID = row.parentID else {
                throw StoreError.refused("Audit row #\(row.id) names no progress note\(gone)")
            }
            try refuseIfActionChanged(conn, since: row, others: others, actionID: actionID)
            try conn.execute("DELETE FROM action_notes WHERE id = ? AND action_id = ?", [.int(noteID), .int(actionID)])
            if conn.changes == 0 { throw StoreError.refused("The progress note on action #\(actionID) no longer exists\(gone)") }
            try conn.execute("UPDATE actions SET version = version + 1 WHERE id = ?", [.int(actionID)])
            try writeUndo()
            noteAction(actionID)
            return "progress note on action #\(actionID)"

        case (.other("stage_people"), .update):
            guard let id = row.entityID else { throw StoreError.refused("Audit row #\(row.id) names no case\(gone)") }
            let ref = try caseReference(conn, contactID: id) ?? row.reference
            try refuseIfCaseChanged(conn, since: row, others: others, contactID: id, reference: ref)
            let line = try undoStagePeople(conn, row: row, contactID: id)
            try writeUndo()
            noteContact(id)
            return line

        case (.other("contact_log"), .create), (.other("letter"), .create), (.other("document"), .create):
            let line = try undoCorrespondence(conn, row: row) { contactID, reference in
                try refuseIfCaseChanged(conn, since: row, others: others, contactID: contactID, reference: reference)
                try refuseIfAnonymised(undoing: conn, contactID: contactID)
            }
            try writeUndo()
            if let c = row.parentID { noteContact(c) }
            return line

        case (Store.subjectAccessEntity, .update):
            // A request marked answered (`d` on "my work", heard sar --done): open again. Its
            // bundle and its recording are not undone (the files went to the person).
            guard let id = row.entityID, let answered = changes.first(where: { $0.field == "completed" }), answered.before == nil,
                  let on = answered.after else {
                throw StoreError.refused("The last change to subject access request #\(row.entityID ?? 0) cannot be undone\(gone)")
            }
            if let who = try changedSince(conn, row: row, others: others, entity: Store.subjectAccessEntity, id: id) {
                throw StoreError.refused("Subject access request #\(id) was changed by \(who) since\(gone)")
            }
            try conn.execute("UPDATE subject_access_requests SET completed = NULL WHERE id = ? AND completed = ?", [.int(id), .text(on)])
            if conn.changes == 0 { throw StoreError.refused("Subject access request #\(id) is no longer answered on \(on)\(gone)") }
            try writeUndo()
            return "answer of subject access request #\(id)"

        case (.action, .legacyNote):
            throw StoreError.refused("The progress note on action #\(row.entityID ?? 0) was recorded by an earlier Heard without its key, so it cannot be undone; \(Store.nothingUndone).")

        default:
            let on = row.reference.isEmpty ? "" : " on \(row.reference)"
            throw StoreError.refused("The last change (\(HistoryItem.knownStepWords(action: row.action.stored, entity: row.entity.stored) ?? "\(row.action) of \(row.entity)")\(on)) cannot be undone; \(Store.nothingUndone).")
        }
    }

    /// The stage of a `findingN` field (the issue columns a finding is stored in), nil for any other name.
    static func findingStage(_ field: String) -> Int? {
        switch field {
        case "finding1": 1
        case "finding2": 2
        case "finding3": 3
        default: nil
        }
    }

    /// The stage of a `findingN_text` field (what was found, in words), nil for any other name.
    static func findingTextStage(_ field: String) -> Int? {
        guard field.hasSuffix("_text") else { return nil }
        return findingStage(String(field.dropLast(5)))
    }

    /// Refuses when the action is gone, or another session changed it (or a note of it) after `row`.
    private func refuseIfActionChanged(_ conn: any SQLConnection, since row: AuditEntry, others: UndoOthers, actionID id: Int64) throws {
        guard try conn.int("SELECT 1 FROM actions WHERE id = ?", [.int(id)]) != nil else {
            throw StoreError.refused("Action #\(id) no longer exists; \(Store.nothingUndone).")
        }
        let who: String?
        switch others {
        case .none: who = nil
        case .held(let held): who = held.actionChange(after: row.id, actionID: id)
        case .tooMany:
            let clause = "(entity = 'action' AND entity_id = ?) OR (entity = 'note' AND parent_id = ?)"
            who = try changedSince(conn, row: row, clause: clause, arguments: [.int(id), .int(id)])
        }
        if let who { throw StoreError.refused("Action #\(id) was changed by \(who) since; \(Store.nothingUndone).") }
    }

    /// Who (another session) wrote a row of `entity` with id `id` after `row`, first.
    private func changedSince(_ conn: any SQLConnection, row: AuditEntry, others: UndoOthers, entity: AuditEntity, id: Int64) throws -> String? {
        switch others {
        case .none: return nil
        case .held(let held): return held.change(after: row.id, entity: entity.stored, entityID: id)
        case .tooMany: return try changedSince(conn, row: row, clause: "entity = ? AND entity_id = ?", arguments: [.text(entity.stored), .int(id)])
        }
    }

    /// The actor of the first row, after `row`, from another session that matches `clause`.
    private func changedSince(_ conn: any SQLConnection, row: AuditEntry, clause: String, arguments: [Bound]) throws -> String? {
        let o = othersSince
        return try conn.text("SELECT who FROM audit WHERE id > ? AND \(o.sql) AND (\(clause)) ORDER BY id LIMIT 1",
                             [.int(row.id)] + o.arguments + arguments)
    }

    /// Which audit rows are another's change since a step (SQL on the unqualified `audit`, and
    /// its arguments): another session's. For `heard undo` (a store carrying on an earlier
    /// session), not a change this person made in another session and took back, nor the taking
    /// back: run twice, its first undo's rows had stopped the second ("changed by Officer A
    /// since", said to Officer A), and anyone's change they took back themselves (a trial:
    /// another officer's note, logged and undone, stopped it for good). The screens' own session
    /// is as it always was.
    var othersSince: (sql: String, arguments: [Bound]) {
        guard let earlier = options.undoSession else { return ("session != ?", [.text(session)]) }
        return ("session != ? AND NOT (action = 'undo' OR EXISTS (SELECT 1 FROM audit u WHERE u.undoes = audit.id))", [.text(earlier)])
    }

    /// The session whose steps undo takes back: `StoreOptions.undoSession`, else this store's.
    var undoSession: String { options.undoSession ?? session }

    /// A case's reference by its id (nil when it is gone or holds none), on a statement kept
    /// prepared: an undo asks it for every row of a bulk step. Refuses when the case is
    /// anonymised: an undo is a step like any other, and an anonymised case takes none (its
    /// anonymisation by Heard is a later change undo stops at; this is the case flagged by
    /// another tool, with no audit row to stop at).
    private func caseReference(_ conn: any SQLConnection, contactID: Int64) throws -> String? {
        var out: String?, anonymised = false, on: String?
        try conn.each("SELECT reference, \(Store.anonymisedColumns()) FROM contacts WHERE id = ?", [.int(contactID)], cached: true) { r in
            out = r.optionalText(0)
            anonymised = r.value(1).int64 == 1
            on = Store.shownDay(r.optionalText(2))
        }
        if anonymised { throw StoreError.refused(Store.anonymisedUndoRefusal(reference: out, on: on)) }
        return out
    }

    /// Refuses when the case is anonymised (`caseReference` asks, its reference unused).
    private func refuseIfAnonymised(undoing conn: any SQLConnection, contactID: Int64) throws {
        _ = try caseReference(conn, contactID: contactID)
    }

    /// Why a step on an anonymised case is not undone.
    static func anonymisedUndoRefusal(reference: String?, on: String?) -> String {
        CaseProtection.stepRefusal(reference: reference, anonymisedOn: on) + "; \(Store.nothingUndone)."
    }

    /// Refuses when another session touched the case (its own row, or a row naming its reference
    /// then or now) after `row`.
    private func refuseIfCaseChanged(_ conn: any SQLConnection, since row: AuditEntry, others: UndoOthers, contactID: Int64, reference: String) throws {
        let who: String?
        switch others {
        case .none: who = nil
        case .held(let held): who = held.caseChange(after: row.id, contactID: contactID, references: [reference, row.reference])
        case .tooMany:
            let clause = """
                (entity = 'contact' AND entity_id = ?) OR
                (reference != '' AND (\(conn.dialect.equalsIgnoringCase("reference")) OR \(conn.dialect.equalsIgnoringCase("reference"))))
                """
            who = try changedSince(conn, row: row, clause: clause, arguments: [.int(contactID), .text(reference), .text(row.reference)])
        }
        if let who { throw StoreError.refused("\(reference) was changed by \(who) since; \(Store.nothingUndone).") }
    }

    /// Refuses unless the case still holds what `changes` left in it: a change committed by
    /// another session after the step began but written before it (on a server an audit row's id
    /// is taken when it is written, not when it commits: a hand-written transaction that began
    /// first and committed after the step is behind it in id order, unseen by the look-ups) was
    /// put back over, with an undo row recording a "before" that was not (found by an attack).
    /// Undo reverses a step newest row first, so the session's own later rows are undone by then.
    static func refuseUnlessAsLeft(_ current: Contact, _ changes: [FieldChange]) throws {
        for c in changes where !holds(current, c.field, c.after) {
            throw StoreError.refused("\(current.reference) was changed by another session since; \(Store.nothingUndone).")
        }
    }

    /// Whether `current`'s field holds `text` as stored text (read through the same parser:
    /// a field Heard cannot set is not compared; the general way refuses it itself).
    static func holds(_ current: Contact, _ field: String, _ text: String?) -> Bool {
        switch field {
        // A bulk change's fields, 100,000 rows at a time: compared directly.
        case "officer": return current.officer == (text ?? "")
        case "service_area": return current.serviceArea == (text ?? "")
        default:
            var probe = current
            guard (try? probe.setField(field, to: text)) != nil else { return true }
            let now = current.editableFields.first { $0.0 == field }?.1
            return probe.editableFields.first { $0.0 == field }?.1 == now
        }
    }

    // MARK: - Field values

    /// Sets one field of a contact from its audit text (`Contact.setField`), or says why undo cannot.
    static func setContactField(_ field: String, _ value: String?, on c: inout Contact) throws {
        do { try c.setField(field, to: value) } catch {
            if error.unknownField { throw StoreError.refused("The audit trail names a field Heard does not know (\(field)); \(Store.nothingUndone).") }
            throw StoreError.refused("The audit trail holds a value for \(field) that Heard cannot read; \(Store.nothingUndone).")
        }
    }

    /// Writes a contact's editable fields (an edit, or an undo restoring them).
    func writeContactFields(_ conn: any SQLConnection, _ c: Contact, id: Int64) throws {
        try conn.executeCached(Store.updateContactSQL, Store.contactFieldValues(c) + [.int(id)])
    }

    /// `writeContactFields` and `bumpVersion`'s SQL check in one UPDATE: the row moves once,
    /// where the version bump and the fields were two new versions of it on a server (and two
    /// statements' work on either store). The caller has checked `expected` against the version
    /// read in this transaction (`bumpVersion`'s guard).
    func saveContactFields(_ conn: any SQLConnection, _ c: Contact, id: Int64, expected: Int, reference: String) throws {
        try conn.executeExpecting(Store.saveContactSQL, Store.contactFieldValues(c) + [.int(id), .int(expected)], changes: 1,
                                  otherwise: VersionMoved(contactID: id, reference: reference, expected: expected))
    }

    /// The values of `contactAssignments` for `c`.
    static func contactFieldValues(_ c: Contact) -> [Bound] {
        [.text(c.reference), .text(c.kind.rawValue), .text(c.received.iso), .text(c.channel?.rawValue), .text(c.serviceArea), .text(c.team),
         .text(c.procedure?.rawValue), .text(c.complainantName), .text(c.complainantRole?.rawValue), .bool(c.isChildOrYoungPerson),
         .text(c.advocate), .text(c.subjectChild), .text(c.summary), .text(c.officer), .text(c.eventsDate?.iso), .text(c.acceptanceDecision),
         .bool(c.legalHold)] + Store.peopleValues(c.people)
    }

    /// `writeContactFields` on a GRDB connection.

    /// A case's officer and service area set back, its version bumped (the undo of a bulk change).
    static let restoreOfficerAndAreaSQL = "UPDATE contacts SET officer = ?, service_area = ?, version = version + 1 WHERE id = ?"

    /// A case's version bumped (by an undo of one of its changes).
    static let bumpContactSQL = "UPDATE contacts SET version = version + 1 WHERE id = ?"

    /// The columns `writeContactFields` sets, in the order of its values.
    static let contactAssignments = """
        reference = ?, kind = ?, received = ?, channel = ?, service_area = ?, team = ?, procedure = ?,
          complainant_name = ?, complainant_role = ?, cyp = ?, advocate = ?, subject_child = ?, summary = ?, officer = ?,
          events_date = ?, acceptance_decision = ?, legal_hold = ?, \(peopleAssignments)
        """

    /// The UPDATE of `writeContactFields`, made once (a bulk change runs it for every case).
    static let updateContactSQL = "UPDATE contacts SET \(contactAssignments) WHERE id = ?"

    /// `updateContactSQL` that also bumps the version the case was read at (`saveContactFields`).
    static let saveContactSQL = "UPDATE contacts SET \(contactAssignments), version = version + 1 WHERE id = ? AND version = ?"

    /// Sets one column of an action back from its audit text (the names of `actionFields`).
    private func restoreActionField(_ conn: any SQLConnection, id: Int64, field: String, value: String?) throws {
        switch field {
        case "title", "detail", "owner", "service_area", "drop_reason", "tags":
            try conn.execute("UPDATE actions SET \(field) = ? WHERE id = ?", [.text(value ?? ""), .int(id)])
        case "created":
            guard let v = value, LocalDate(iso: v) != nil else { throw StoreError.refused("Action #\(id) had no readable created date; \(Store.nothingUndone).") }
            try conn.execute("UPDATE actions SET created = ? WHERE id = ?", [.text(v), .int(id)])
        case "due", "completed":
            if let v = value, LocalDate(iso: v) == nil { throw StoreError.refused("Action #\(id) had an unreadable \(field) date; \(Store.nothingUndone).") }
            try conn.execute("UPDATE actions SET \(field) = ? WHERE id = ?", [.text(value), .int(id)])
        case "status":
            guard let s = value.flatMap(ActionStatus.init(rawValue:)) else { throw StoreError.refused("Action #\(id) had an unreadable status; \(Store.nothingUndone).") }
            try conn.execute("UPDATE actions SET status = ? WHERE id = ?", [.text(s.rawValue), .int(id)])
        case "source":
            // The label, for reading; the source is restored from its keys (`source_*`).
            break
        case "source_kind":
            guard value == nil || ["case", "learning", "meeting"].contains(value ?? "") else {
                throw StoreError.refused("Action #\(id) had an unreadable source; \(Store.nothingUndone).")
            }
            try conn.execute("UPDATE actions SET source_kind = ? WHERE id = ?", [.text(value), .int(id)])
        case "source_case", "source_learning":
            let key: Int64?
            if let v = value { guard let k = Int64(v) else { throw StoreError.refused("Action #\(id) had an unreadable source; \(Store.nothingUndone).") }; key = k } else { key = nil }
            let column = field == "source_case" ? "source_contact_id" : "source_learning_id"
            let table = field == "source_case" ? "contacts" : "learning_points"
            if let k = key, try conn.int("SELECT 1 FROM \(table) WHERE id = ?", [.int(k)]) == nil {
                throw StoreError.refused("Action #\(id) cannot go back to its earlier source: it no longer exists; \(Store.nothingUndone).")
            }
            try conn.execute("UPDATE actions SET \(column) = ? WHERE id = ?", [.key(key), .int(id)])
        case "source_meeting", "source_resolution":
            try conn.execute("UPDATE actions SET \(field) = ? WHERE id = ?", [.text(value ?? ""), .int(id)])
        default:
            throw StoreError.refused("The audit trail names a field of action #\(id) that Heard does not know (\(field)); \(Store.nothingUndone).")
        }
    }

    /// "stage 1 response", "acknowledgement", "request for stage 2".
    static func eventWords(kind: CaseEventKind?, stage: Int?) -> String {
        let noun: String
        switch kind {
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

/// A chunk of a set-wise undo as its feed read it: the cases, and the statuses their rows want.
struct FedStatusChunk {
    var cases: [Int64: (contact: Contact, lean: [SQLValue])]
    var statuses: [Int64: [SQLValue]?]
}
