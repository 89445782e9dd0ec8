import Foundation
import HeardCore

/// Subject access (migration v11): finding every case where a person appears, loading what a
/// bundle holds, and recording the request (audited as entity `subject_access`).
///
/// The search asks the name index (`Store+NameIndex`) for the cases whose words include every
/// word of the name, and reads the cases changed since their words were taken as it reads
/// every case where there is no index (a PostgreSQL schema not yet at v14) or it cannot answer: every text column that
/// can hold a name (`Store.nameSources`) straight from the database, with a quick look at each
/// value's bytes (`PersonName.mayOccur`: all the name's words present, case, accents and
/// apostrophes ignored, ASCII compared in place). Only the cases that pass are loaded and
/// judged by the one rule, `SubjectAccess.hits`. The contacts' FTS index is not used: its
/// tokenizer splits "O'Neill" into two words, so "ONeill" and "O'Neill" would find different
/// cases, and it covers neither the advocate, the issues, the contact log nor the letters.
extension Store {
    static let subjectAccessEntity = AuditEntity.other("subject_access")

    /// The cases where `name` appears, oldest received first, each with where; empty for a name
    /// with no letter or digit.
    public func subjectAccessSearch(_ name: PersonName) throws -> [SubjectAccessCase] {
        guard !name.isEmpty else { return [] }
        // The index's state is read in the search's own transaction; a store that can write takes
        // waiting words (or mends a damaged index) first, then searches afresh.
        let canMend = hasNameIndex && !options.readOnly
        // A second reader only where the index says the search will load many cases: opening
        // one is 3 ms, a tenth of a search that finds nobody.
        let wide = subjectAccessLooksWide(name)
        if let found = try readWithSideReader(if: wide, { conn, side -> [SubjectAccessCase]? in
            let state = try nameIndexState(conn)
            if canMend, state?.due == true { return nil }
            return try subjectAccessSearch(conn, name, state, side: side)
        }) { return found }
        takeNameWordsNow()
        return try readWithSideReader(if: wide) { conn, side in try subjectAccessSearch(conn, name, try nameIndexState(conn), side: side) }
    }

    /// Whether the name index (on a file) offers at least `sideReaderFrom` cases for some spelling
    /// of `name`: a guess, read outside the search's transaction, of whether a second reader pays.
    private func subjectAccessLooksWide(_ name: PersonName) -> Bool {
        guard hasNameIndex, backend is SQLiteBackend else { return false }
        return (try? query { conn -> Bool in
            for s in name.spellings where NameWords.canLookUp(s) {
                let n = try conn.int("SELECT count(*) FROM (SELECT rowid FROM name_words_fts WHERE name_words_fts MATCH ? LIMIT ?)",
                                     [.text(Store.nameIndexMatch(s)), .int(Int64(Store.sideReaderFrom))]) ?? 0
                if n >= Store.sideReaderFrom { return true }
            }
            return false
        }) ?? false
    }

    /// How many cases a search loads before half go to a second reader.
    static let sideReaderFrom = 64

    /// `side`, a reader of the same state: the later half of the cases found is loaded and
    /// judged there while this connection does the first (loading 880 cases whole, with their
    /// correspondence, was half of a search's time).
    private func subjectAccessSearch(_ conn: any SQLConnection, _ name: PersonName, _ state: NameIndexState?,
                                     side: SideReader? = nil) throws -> [SubjectAccessCase] {
        // Every spelling of the name (`PersonName.spellings`: "O Connor" for "O'Connor").
        let spellings = name.spellings
        var ids = Set<Int64>()
        for s in spellings { ids.formUnion(try subjectAccessCandidates(conn, s, state)) }
        let sorted = ids.sorted()
        let shared = side != nil && sorted.count >= Store.sideReaderFrom ? sorted.count / 2 : sorted.count
        let theirs = Array(sorted[shared...])
        let answer = theirs.isEmpty ? nil : side?.run { [self] conn in try subjectAccessCases(conn, theirs, spellings) }
        let out = try subjectAccessCases(conn, Array(sorted[..<shared]), spellings) + (answer?.wait() ?? [])
        return out.sorted { $0.contact.received != $1.contact.received ? $0.contact.received < $1.contact.received : $0.contact.reference < $1.contact.reference }
    }

    /// The cases of `ids` where a spelling of the name appears, each with where, loaded whole.
    private func subjectAccessCases(_ conn: any SQLConnection, _ ids: [Int64], _ spellings: [PersonName]) throws -> [SubjectAccessCase] {
        var out: [SubjectAccessCase] = []
        for run in Store.idRuns(ids) {
            let contacts = try loadContacts(conn, where: conn.dialect.isAnyOf("id"), arguments: [Store.idArray(run)])
            let correspondence = try loadCorrespondence(conn, contactIDs: contacts.compactMap(\.id))
            for c in contacts {
                guard let id = c.id else { continue }
                let corr = correspondence[id] ?? Correspondence()
                let hits = SubjectAccess.hits(for: spellings, in: c, correspondence: corr)
                if !hits.isEmpty { out.append(SubjectAccessCase(contact: c, correspondence: corr, hits: hits)) }
            }
        }
        return out
    }

    /// The ids of the cases any of whose name or free-text values may hold the name: those the
    /// name index offers and, of the rest, those whose text passes the quick look.
    func subjectAccessCandidates(_ conn: any SQLConnection, _ name: PersonName, _ state: NameIndexState?) throws -> Set<Int64> {
        guard let index = try Store.nameIndexCandidates(conn, name, state) else { return try scanForName(conn, name, among: nil) }
        return index.found.union(try scanForName(conn, name, among: index.toRead))
    }

    /// The cases of `among` (every case when nil) any of whose texts passes `PersonName.mayOccur`.
    func scanForName(_ conn: any SQLConnection, _ name: PersonName, among: Set<Int64>?) throws -> Set<Int64> {
        var ids = Set<Int64>()
        if let among, among.isEmpty { return ids }
        var scratch: [UInt8] = []
        scratch.reserveCapacity(4096)
        let runs: [ArraySlice<Int64>?] = among.map { Store.idRuns($0.sorted()) } ?? [nil]
        for s in Store.nameSources {
            let columns = Int32(s.columns.count)
            for run in runs {
                let conditions = (s.only.map { [$0] } ?? []) + (run.map { _ in [conn.dialect.isAnyOf(s.contact)] } ?? [])
                let sql = "SELECT \(s.contact), \(s.columns.joined(separator: ", ")) FROM \(s.table)"
                    + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
                try conn.each(sql, run.map { [Store.idArray($0)] } ?? []) { r in
                    let id = r.int64(0)
                    if ids.contains(id) { return }
                    for i in 1...columns where r.withBytes(i, { name.mayOccur(in: $0, scratch: &scratch) }) {
                        ids.insert(id); return
                    }
                }
            }
        }
        return ids
    }

    /// Every name the file holds in a name field (complainants, subject children, advocates,
    /// stage people, whom log entries were with), once each: what redaction review looks for.
    public func knownPeopleNames() throws -> [String] {
        try query { conn in
            var out = Set<String>()
            for sql in ["SELECT DISTINCT complainant_name FROM contacts", "SELECT DISTINCT subject_child FROM contacts",
                        "SELECT DISTINCT advocate FROM contacts", "SELECT DISTINCT with_whom FROM contact_log",
                        "SELECT DISTINCT investigating_officer FROM stage_people", "SELECT DISTINCT independent_person FROM stage_people",
                        "SELECT DISTINCT panel_member_1 FROM stage_people", "SELECT DISTINCT panel_member_2 FROM stage_people",
                        "SELECT DISTINCT panel_member_3 FROM stage_people"] {
                try conn.each(sql) { r in
                    let s = r.text(0)
                    if !s.trimmingSpaces.isEmpty { out.insert(s) }
                }
            }
            return out.sorted()
        }
    }

    /// The bundle for `found` (the cases the officer confirmed): each case's whole record as
    /// `heard show` builds it, with its history, and the other names in their free text.
    public func subjectAccessBundle(request: SubjectAccessRequest, found: [SubjectAccessCase], today: LocalDate) throws -> SubjectAccessBundle {
        let calendar = try calendar()
        var cases: [SubjectAccessBundleCase] = []
        var texts: [String] = []
        for f in found {
            let c = f.contact
            guard let id = c.id else { continue }
            let history = try caseHistory(contactID: id, reference: c.reference)
            let record = CaseRecord(contact: c, clock: c.clock(rules: rules, calendar: calendar, today: today), calendar: calendar, rules: rules,
                                    learning: try learningPoints(caseReference: c.reference), actions: try actions(forCase: id),
                                    history: history.map { $0.historyItem(issues: c.issues) }, correspondence: f.correspondence)
            cases.append(SubjectAccessBundleCase(record: record, hits: f.hits))
            texts += SubjectAccess.freeTexts(of: c, correspondence: f.correspondence).map(\.1)
        }
        let redaction = SubjectAccess.redactionNames(in: texts, known: try knownPeopleNames(), subject: PersonName(request.forWhom))
        return SubjectAccessBundle(request: request, cases: cases, redaction: redaction)
    }

    /// A document's bytes by its row id (a bundle writes each case's documents out).
    public func documentData(id: Int64) throws -> Data {
        try query { conn in
            guard let data = try Store.documentBytes(conn, id: id) else { throw StoreError.notFound("document #\(id)") }
            return data
        }
    }

    // MARK: - The request's record

    /// Records a subject access request made today by this store's actor for `forWhom`, with
    /// the cases disclosed; due one calendar month later. One audited step. `leftOut`: the cases
    /// the search found that the officer judged someone else's (a namesake's), kept in the audit
    /// row with the cases disclosed, so that the judgement can be looked at again later (`heard
    /// audit`); they are not in the bundle, which goes to the person.
    @discardableResult
    public func recordSubjectAccess(forWhom: String, cases: [String], leftOut: [String] = [], requested: LocalDate) throws -> SubjectAccessRequest {
        try write { tx in try recordSubjectAccess(forWhom: forWhom, cases: cases, leftOut: leftOut, requested: requested, in: tx) }
    }

    /// `recordSubjectAccess` as part of the transaction `tx`.
    @discardableResult
    public func recordSubjectAccess(forWhom: String, cases: [String], leftOut: [String] = [], requested: LocalDate,
                                    in tx: Transaction) throws -> SubjectAccessRequest {
        try tx.command {
            let who = MoveRequest.clean(forWhom)
            guard !PersonName(who).isEmpty else { throw StoreError.refused("A subject access request needs the name of the person it is for.") }
            var r = SubjectAccessRequest(requested: requested, who: actor, forWhom: who, due: SubjectAccess.due(requested: requested), cases: cases)
            r.id = try tx.sql.insert("""
                INSERT INTO subject_access_requests (requested_at, who, for_whom, due, cases) VALUES (?, ?, ?, ?, ?)
                """, [.text(r.requested.iso), .text(r.who), .text(r.forWhom), .text(r.due.iso), .text(r.cases.joined(separator: "\n"))])
            var ch = Changes()
            ch.add("for_whom", nil, r.forWhom); ch.add("requested", nil, r.requested.iso); ch.add("due", nil, r.due.iso)
            ch.add("cases", nil, r.cases.joined(separator: ", "))
            ch.add("left_out", nil, leftOut.isEmpty ? nil : leftOut.joined(separator: ", "))
            try audit(tx, Store.subjectAccessEntity, id: r.id, .create, changes: ch)
            return r
        }
    }

    /// Marks request `id` completed on `on`. Refused, changing nothing, when there is no such
    /// request or it is already completed. One audited step.
    @discardableResult
    public func completeSubjectAccess(id: Int64, on: LocalDate) throws -> SubjectAccessRequest {
        try write { tx in
            try tx.command {
                guard var r = try Self.subjectAccessRequests(tx.sql, where: "id = ?", [.int(id)]).first else {
                    throw StoreError.refused("There is no subject access request #\(id).")
                }
                if let done = r.completed { throw StoreError.refused("Subject access request #\(id) was completed on \(done.iso) already.") }
                if r.completedUnreadable {
                    throw StoreError.refused("Subject access request #\(id) is marked completed already, on a day Heard cannot read ('heard check' names it); nothing was changed.")
                }
                r.completed = on
                // Another tool's trigger that skips the row said "marked answered" with nothing changed.
                try tx.sql.executeExpecting("UPDATE subject_access_requests SET completed = ? WHERE id = ?", [.text(on.iso), .int(id)], changes: 1,
                                            otherwise: StoreError.refused("Subject access request #\(id) was not marked answered: the database did not change it (a rule another tool added may refuse it); nothing was changed."))
                var ch = Changes()
                ch.add("completed", nil, on.iso)
                try audit(tx, Store.subjectAccessEntity, id: id, .update, changes: ch)
                return r
            }
        }
    }

    /// The open requests whose cases include `reference`, as references compare, and split as
    /// the disposal's rule splits them (`requestReferences`: another tool's commas too);
    /// `SubjectAccess.openRequestWarning` says them before the case is anonymised.
    public func openSubjectAccessRequests(covering reference: String) throws -> [SubjectAccessRequest] {
        let key = ContactCSV.referenceKey(reference)
        return try subjectAccessRequests(openOnly: true).filter { r in
            r.cases.contains { Store.requestReferences($0).contains { ContactCSV.referenceKey($0) == key } }
        }
    }

    /// The subject access requests recorded, oldest first; only the open ones with `openOnly`.
    public func subjectAccessRequests(openOnly: Bool = false) throws -> [SubjectAccessRequest] {
        try query { conn in try Self.subjectAccessRequests(conn, where: openOnly ? Self.subjectAccessOpenSQL : SQLDialect.always, []) }
    }

    /// The requests still open: `completed` NULL, or blank as another tool leaves an empty cell
    /// (a spreadsheet's, `sqlite3 .import`'s). A blank was read as done on a day that cannot be
    /// read, and the request left every list of work while its month ran on (found by an attack).
    /// Blank is spaces, tabs and line breaks (a trial found a tab read as done).
    static let subjectAccessOpenSQL = "(completed IS NULL OR ltrim(rtrim(completed, '\(blankCharacters)'), '\(blankCharacters)') = '')"

    /// What a blank `completed` may hold, as SQL's trim and Swift's read it alike.
    static let blankCharacters = " \t\r\n"

    /// `completed` as read, without the blanks around it (a date padded by another tool is that
    /// date): nil when it is NULL or blank (open), as `subjectAccessOpenSQL` says.
    static func completedText(_ text: String?) -> String? {
        guard let text else { return nil }
        let trimmed = String(String.UnicodeScalarView(text.unicodeScalars.drop { blankCharacters.unicodeScalars.contains($0) }
            .reversed().drop { blankCharacters.unicodeScalars.contains($0) }.reversed()))
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A request's cases as recorded (one reference a line), split as `split(separator: "\n")`
    /// splits Characters (empty lines left out; a "\r\n" is one Character, so not a break) but on
    /// the bytes: a request of 880 cases took 4.7 M instructions to split, every `heard sar`.
    static func caseList(_ text: String) -> [String] {
        var out: [String] = []
        var utf8 = text
        utf8.withUTF8 { u in
            var start = 0
            for i in u.indices where u[i] == 0x0A && (i == 0 || u[i - 1] != 0x0D) {
                if i > start { out.append(String(decoding: UnsafeBufferPointer(rebasing: u[start..<i]), as: UTF8.self)) }
                start = i + 1
            }
            if u.count > start { out.append(String(decoding: UnsafeBufferPointer(rebasing: u[start...]), as: UTF8.self)) }
        }
        return out
    }

    static func subjectAccessRequests(_ conn: any SQLConnection, where whereSQL: String, _ arguments: [Bound]) throws -> [SubjectAccessRequest] {
        var out: [SubjectAccessRequest] = []
        try conn.each("SELECT id, requested_at, who, for_whom, due, cases, completed FROM subject_access_requests WHERE \(whereSQL) ORDER BY id", arguments) { r in
            // A row another tool wrote with an unreadable date is still listed: recorded on a day
            // that cannot be read, it is due a month after it, or at once; any value in
            // `completed` (NULL or blank is open) marks it done, on a day that may not be readable.
            let readRequested = LocalDate(iso: r.text(1)), readDue = LocalDate(iso: r.text(4))
            let requested = readRequested ?? LocalDate(dayNumber: 0)
            let completedText = Self.completedText(r.optionalText(6))
            var q = SubjectAccessRequest(id: r.int64(0), requested: requested, who: r.text(2), forWhom: r.text(3),
                                         due: readDue ?? readRequested.map { SubjectAccess.due(requested: $0) } ?? requested,
                                         cases: Self.caseList(r.text(5)),
                                         completed: completedText.flatMap { LocalDate(iso: $0) })
            q.requestedUnreadable = readRequested == nil
            q.dueUnreadable = readDue == nil && readRequested == nil
            q.completedUnreadable = completedText != nil && q.completed == nil
            out.append(q)
        }
        return out
    }

    /// `heard check` on the subject access requests: days another tool wrote that Heard cannot
    /// read (listed as "unreadable", due at once, or completed on a day that cannot be read).
    /// Each names the request's number, never the person's name.
    func subjectAccessProblems(_ conn: any SQLConnection) throws -> [String] {
        var out: [String] = []
        for row in try conn.rows("SELECT id, requested_at, due, completed FROM subject_access_requests ORDER BY id") {
            var c = CellReader(row)
            guard let id = c.integer(0) else { continue }
            let what = "subject access request #\(id)"
            if LocalDate(iso: c.text(1)) == nil { out.append("\(what): the day it was recorded is not a date Heard can read (YYYY-MM-DD)") }
            if LocalDate(iso: c.text(2)) == nil { out.append("\(what): the day it is due is not a date Heard can read (YYYY-MM-DD)") }
            // NULL or blank is open; any other value marks it done, on a day that must be readable.
            if row.count > 3, let done = Self.completedText(row[3] == .null ? nil : c.text(3)), LocalDate(iso: done) == nil {
                out.append("\(what): the day it was completed is not a date Heard can read (YYYY-MM-DD)")
            }
        }
        return out
    }
}
