import HeardCore

/// The name index (SQLite, migration v17): each case's words as subject access folds them
/// (`NameWords`), kept in `name_words` with an FTS5 index over them, so that a search for a
/// person reads only the cases that hold every word of the name.
///
/// The index is never trusted to be complete, only to be a filter: SQLite's triggers note every
/// case whose name or free text changed (`name_words_stale`), whoever changed it, and a search
/// reads those cases' texts as it read every case's before. Their words are taken again at the
/// end of an ordinary user step (a few cases), by a search that can write, and by `heard
/// migrate` into a file; a step that changed many (an import) leaves them to the next search,
/// which takes them all at once, so that the import itself is not slowed. A case deleted takes
/// its words with it (a trigger), and a disposal takes the words of what it anonymised in its
/// own transaction before it scrubs the index's old segments (`Store+Anonymise`). Before it
/// answers, the index counts itself (`nameIndexProblems`); when it is not whole (damaged by
/// another tool) the search reads every text, a search that can write mends it, and `heard
/// check` says what is wrong.
///
/// PostgreSQL has no name index yet: a search there reads every text, exactly as before.
extension Store {
    /// Where a person's name can be written: each table with its case column and the columns
    /// read, in the order a search reads them.
    static let nameSources: [(table: String, contact: String, columns: [String], only: String?)] = [
        ("contacts", "id", ["complainant_name", "subject_child", "advocate", "summary", "acceptance_decision"], nil),
        ("issues", "contact_id", ["detail", "finding1_text", "finding2_text", "finding3_text"], nil),
        ("events", "contact_id", ["reason"], "reason != ''"),
        ("stage_people", "contact_id", ["investigating_officer", "independent_person", "panel_member_1", "panel_member_2", "panel_member_3"], nil),
        ("contact_log", "contact_id", ["with_whom", "note"], nil),
        ("letters", "contact_id", ["body"], nil),
    ]

    /// The most noted cases an ordinary step takes the words of as it commits; beyond it (an
    /// import, a bulk change of text) they are left to the next search.
    static let nameWordsTakenInStep = 1_000

    /// Cases a search reads one by one when they are noted as changed; beyond it, it reads every
    /// text of every case (the same answer, by the way that costs less then).
    static let nameWordsReadAside = 5_000

    /// The cases noted as changed, without repeats; nil when there are more than `limit` notes.
    static func staleNameCases(_ conn: any SQLConnection, limit: Int) throws -> Set<Int64>? {
        var out = Set<Int64>()
        var rows = 0
        try conn.each("SELECT contact_id FROM name_words_stale LIMIT ?", [.int(limit + 1)]) { r in
            rows += 1
            out.insert(r.int64(0))
        }
        return rows > limit ? nil : out
    }

    /// Takes the words of the cases noted as changed, when there are at most `limit` notes (all when nil): when
    /// there are more, nothing is done and false returned. Inside the caller's write transaction.
    @discardableResult
    static func takeNameWords(_ conn: any SQLConnection, limit: Int?) throws -> Bool {
        guard conn.dialect == .sqlite else { return true }
        var rowids: Int64 = 0
        var ids = Set<Int64>()
        var count = 0
        try conn.each("SELECT rowid, contact_id FROM name_words_stale ORDER BY rowid" + (limit.map { " LIMIT \($0 + 1)" } ?? "")) { r in
            rowids = max(rowids, r.int64(0))
            ids.insert(r.int64(1))
            count += 1
        }
        if count == 0 { return true }
        if let limit, count > limit { return false }
        let sorted = ids.sorted()
        var start = 0
        while start < sorted.count {
            let end = min(start + 1_000, sorted.count)
            try writeNameWords(conn, ids: sorted[start..<end])
            start = end
        }
        try conn.execute("DELETE FROM name_words_stale WHERE rowid <= ?", [.int(rowids)])
        return true
    }

    /// Reads and writes the words of `ids` (sorted): a case gone loses its row.
    private static func writeNameWords(_ conn: any SQLConnection, ids: ArraySlice<Int64>) throws {
        let words = try readNameWords(conn, ids: ids)
        for id in ids {
            if let w = words[id] {
                try conn.executeCached("""
                    INSERT INTO name_words (contact_id, words) VALUES (?, ?)
                    ON CONFLICT (contact_id) DO UPDATE SET words = excluded.words WHERE words IS NOT excluded.words
                    """, [.int(id), .text(w.joined)])
            } else {
                try conn.executeCached("DELETE FROM name_words WHERE contact_id = ?", [.int(id)])
            }
        }
    }

    /// The words of each case of `ids` (sorted) that exists, read from every text that can hold a name.
    static func readNameWords(_ conn: any SQLConnection, ids: ArraySlice<Int64>) throws -> [Int64: NameWords] {
        guard let lo = ids.first, let hi = ids.last else { return [:] }
        let wanted = Set(ids)
        var words: [Int64: NameWords] = [:]
        var present = Set<Int64>()
        // Cases close together (an import, the whole file) are read as one range of ids; cases
        // far apart (a step that changed two) by their ids, or the range would read every case
        // between them.
        let dense = hi - lo < Int64(ids.count) * 4
        let which = dense ? "BETWEEN \(lo) AND \(hi)" : "IN (" + (idLists(Array(ids), per: ids.count).first ?? "") + ")"
        for s in nameSources {
            let filter = s.only.map { " AND \($0)" } ?? ""
            let sql = "SELECT \(s.contact), \(s.columns.joined(separator: ", ")) FROM \(s.table) WHERE \(s.contact) \(which)\(filter)"
            try conn.each(sql) { r in
                let id = r.int64(0)
                guard wanted.contains(id) else { return }
                if s.table == "contacts" { present.insert(id) }
                for i in 1...Int32(s.columns.count) where !r.isNull(i) { r.withTextBytes(i) { words[id, default: NameWords()].add($0) } }
            }
        }
        var out: [Int64: NameWords] = [:]
        for id in present { out[id] = words[id] ?? NameWords() }
        return out
    }

    /// The index as a search finds it: the cases noted as changed (nil when there are more than a
    /// search reads aside) and what keeps it from answering (`nameIndexProblems`).
    struct NameIndexState {
        var stale: Set<Int64>?
        var problems: [String]
        /// Whether a store that can write should take words or mend first.
        var due: Bool { (stale.map { !$0.isEmpty } ?? true) || !problems.isEmpty }
        /// Whether the index can answer, beside reading the noted cases.
        var whole: Bool { stale != nil && problems.isEmpty }
    }

    /// The index's state in `conn`'s transaction (nil on PostgreSQL, which has no index).
    static func nameIndexState(_ conn: any SQLConnection) throws -> NameIndexState? {
        guard conn.dialect == .sqlite else { return nil }
        let stale = try staleNameCases(conn, limit: nameWordsReadAside)
        return NameIndexState(stale: stale, problems: try stale.map { try nameIndexProblems(conn, stale: $0) } ?? [])
    }

    /// The cases the index offers for `name` (every word of it among a case's words), with the
    /// cases noted as changed; nil when the index cannot answer (`state` nil or not whole, or a
    /// name in a script the index's tokenizer may split otherwise): then every text is read.
    static func nameIndexCandidates(_ conn: any SQLConnection, _ name: PersonName, _ state: NameIndexState?) throws -> (found: Set<Int64>, toRead: Set<Int64>)? {
        guard let state, state.whole, let stale = state.stale, NameWords.canLookUp(name) else { return nil }
        // Words of ASCII letters and digits only, each a phrase of its own: nothing to escape.
        let query = name.words.map { "\"\($0)\"" }.joined(separator: " AND ")
        let found = Set(try conn.ints("SELECT rowid FROM name_words_fts WHERE name_words_fts MATCH ?", [.text(query)]))
        return (found.subtracting(stale), stale)
    }

    /// `ids` as comma-separated lists of at most `per`, for `IN (…)` (integers: nothing to escape).
    static func idLists(_ ids: [Int64], per: Int = 500) -> [String] {
        stride(from: 0, to: ids.count, by: per).map { ids[$0..<min($0 + per, ids.count)].map(String.init).joined(separator: ",") }
    }

    /// The triggers the index is kept by, each with its text as SQLite keeps it (from
    /// `Schema.nameIndexSQL`: "CREATE TRIGGER … END").
    static let nameIndexTriggerSQL: [(name: String, sql: String)] = {
        var out: [(String, String)] = []
        var rest = Schema.nameIndexSQL[...]
        while let start = rest.range(of: "CREATE TRIGGER "), let end = rest.range(of: "END;", range: start.upperBound..<rest.endIndex) {
            let sql = String(rest[start.lowerBound..<end.lowerBound]) + "END"
            out.append((String(sql.split(separator: " ")[2]), sql))
            rest = rest[end.upperBound...]
        }
        return out
    }()

    static var nameIndexTriggers: [String] { nameIndexTriggerSQL.map(\.name) }

    /// The index's triggers that are gone or not as Heard made them (another tool dropped one,
    /// or made one of the name that does nothing).
    static func nameIndexTriggersNotAsMade(_ conn: any SQLConnection) throws -> [String] {
        var present: [String: String] = [:]
        try conn.each("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'") { r in present[r.text(0)] = r.text(1) }
        return nameIndexTriggerSQL.filter { present[$0.name] != $0.sql }.map(\.name)
    }

    /// What keeps the index from answering (empty when it is whole): a trigger gone, or the FTS
    /// table not holding one entry for every case that is not noted as changed (words deleted or
    /// the FTS table emptied by another tool: the triggers keep the words and the FTS table
    /// together, so counting the FTS table's entries is enough). Each would make a search miss
    /// text, so a search then reads every text instead, and `heard check` says which. `stale`:
    /// the cases noted (`staleNameCases`). Two counts: a few milliseconds at 100,000 cases.
    static func nameIndexProblems(_ conn: any SQLConnection, stale: Set<Int64>) throws -> [String] {
        var out: [String] = []
        let altered = try nameIndexTriggersNotAsMade(conn)
        if !altered.isEmpty { out.append("triggers not as made: \(altered.joined(separator: ", "))") }
        let contacts = try conn.int("SELECT count(*) FROM contacts") ?? 0
        let indexed = try conn.int("SELECT count(*) FROM name_words_fts_docsize") ?? 0
        var unindexed = 0
        if !stale.isEmpty {
            for list in idLists(stale.sorted()) {
                unindexed += try conn.int("SELECT count(*) FROM contacts WHERE id IN (\(list)) AND id NOT IN (SELECT contact_id FROM name_words)") ?? 0
            }
        }
        if indexed + unindexed != contacts { out.append("\(indexed) cases indexed and \(unindexed) noted for \(contacts) cases") }
        return out
    }

    /// Takes the words of every case noted as changed and mends a damaged index, in a transaction
    /// of its own (a search that can write does this first when its state is `due`, so that what
    /// an import noted is read once, not at every search). A failure (the file busy) leaves the
    /// notes, which the search then reads aside.
    func takeNameWordsNow() {
        _ = try? backend.write { conn in
            try Store.mendNameIndex(conn)
            try Store.takeNameWords(conn, limit: nil)
        }
    }

    /// Makes a damaged index whole (rows of words removed or added by hand, the FTS table emptied,
    /// a trigger dropped or changed): triggers made again as Heard makes them, with every case
    /// noted; every case without words noted; words of cases gone dropped; the FTS table built
    /// again from the words.
    static func mendNameIndex(_ conn: any SQLConnection) throws {
        // A trigger gone or changed: made again, and every case noted, since changes made while
        // it was not there were not.
        let altered = Set(try nameIndexTriggersNotAsMade(conn))
        if !altered.isEmpty {
            for t in nameIndexTriggerSQL where altered.contains(t.name) {
                try conn.execute("DROP TRIGGER IF EXISTS \(t.name)")
                try conn.execute(t.sql)
            }
            try conn.execute("INSERT INTO name_words_stale (contact_id) SELECT id FROM contacts")
        }
        let contacts = try conn.int("SELECT count(*) FROM contacts") ?? 0
        let rows = try conn.int("SELECT count(*) FROM name_words") ?? 0
        let indexed = try conn.int("SELECT count(*) FROM name_words_fts_docsize") ?? 0
        if rows != contacts {
            try conn.execute("INSERT INTO name_words_stale (contact_id) SELECT id FROM contacts WHERE id NOT IN (SELECT contact_id FROM name_words) AND id NOT IN (SELECT contact_id FROM name_words_stale)")
            try conn.execute("DELETE FROM name_words WHERE contact_id NOT IN (SELECT id FROM contacts)")
        }
        if indexed != rows { try conn.execute("INSERT INTO name_words_fts(name_words_fts) VALUES('rebuild')") }
    }

    /// Builds the name index again from the record: triggers as Heard makes them, every case's
    /// words taken afresh, the FTS table rebuilt. For what the index cannot see for itself (a
    /// text changed by a tool with triggers turned off: `heard check` finds it by reading every
    /// case); `heard sar --rebuild-index`. Returns the number of cases.
    public func rebuildNameIndex() throws -> Int {
        guard dialect == .sqlite else { throw StoreError.refused("The name index is a SQLite file's; on PostgreSQL a search reads every text.") }
        if options.readOnly { throw StoreError.readOnly }
        return try backend.write { conn in
            try Store.mendNameIndex(conn)
            try conn.execute("INSERT INTO name_words_stale (contact_id) SELECT id FROM contacts")
            try Store.takeNameWords(conn, limit: nil)
            try conn.execute("INSERT INTO name_words_fts(name_words_fts) VALUES('rebuild')")
            return try conn.int("SELECT count(*) FROM name_words") ?? 0
        }
    }

    /// The cases whose words in the index are not the words of their text now (read and split
    /// again, as a take does): what `heard check` finds when a tool changed text with SQLite's
    /// triggers turned off. Noted cases are left out (their words are taken next).
    func nameWordsNotAsText(_ conn: any SQLConnection) throws -> [Int64] {
        var stored: [Int64: String] = [:]
        try conn.each("SELECT contact_id, words FROM name_words") { r in stored[r.int64(0)] = r.text(1) }
        let noted = Set(try conn.ints("SELECT DISTINCT contact_id FROM name_words_stale"))
        let ids = try conn.ints("SELECT id FROM contacts ORDER BY id").filter { !noted.contains($0) }
        var out: [Int64] = []
        var start = 0
        while start < ids.count {
            let end = min(start + 1_000, ids.count)
            let chunk = ids[start..<end]
            let words = try Store.readNameWords(conn, ids: chunk)
            for id in chunk where stored[id] != (words[id]?.joined ?? "") { out.append(id) }
            start = end
        }
        return out
    }

    /// How many cases a search would first take the words of, when that is a wait worth saying
    /// (more notes than a search reads aside: after an upgrade or an import); 0 otherwise, on a
    /// store that only reads, and on PostgreSQL.
    public func nameIndexBacklog() -> Int {
        guard dialect == .sqlite, !options.readOnly else { return 0 }
        return (try? query { conn -> Int in
            guard try Store.staleNameCases(conn, limit: Store.nameWordsReadAside) == nil else { return 0 }
            return try conn.int("SELECT count(DISTINCT contact_id) FROM name_words_stale") ?? 0
        }) ?? 0
    }

    /// Notes every case `times` times as changed, as an import or an upgrade leaves them (for
    /// tests of what the first search after one does).
    public func noteEveryCaseForTheNameIndex(times: Int) throws {
        guard dialect == .sqlite else { return }
        _ = try backend.write { conn in
            for _ in 0..<times { try conn.execute("INSERT INTO name_words_stale (contact_id) SELECT id FROM contacts") }
        }
    }

    /// What a search says before it fills the index: it takes some seconds at 100,000 cases.
    public static func nameIndexFilling(_ cases: Int) -> String {
        "Filling the name index with \(groupedNumber(cases)) cases' words first (once after an upgrade or import)…"
    }

    /// Cases with no row in the name index and not noted as changed: none unless someone removed
    /// the index's triggers or rows (`heard check` says so; a search would miss their text).
    func nameIndexGaps(_ conn: any SQLConnection) throws -> Int {
        guard conn.dialect == .sqlite else { return 0 }
        return try conn.int("""
            SELECT count(*) FROM contacts WHERE id NOT IN (SELECT contact_id FROM name_words)
              AND id NOT IN (SELECT contact_id FROM name_words_stale)
            """) ?? 0
    }

    /// `heard check`'s look at the name index: cases a search would miss, triggers gone, the FTS
    /// table not matching the words (none on PostgreSQL, which has no name index).
    func nameIndexCheck(_ conn: any SQLConnection) throws -> [String] {
        guard conn.dialect == .sqlite else { return [] }
        var out: [String] = []
        let gaps = try nameIndexGaps(conn)
        if gaps > 0 {
            out.append("name index: \(gaps) case\(gaps == 1 ? "" : "s") with no words and none noted as changed: a search may miss \(gaps == 1 ? "it" : "them"); heard sar --rebuild-index")
        }
        let altered = try Store.nameIndexTriggersNotAsMade(conn)
        if !altered.isEmpty {
            out.append("name index: trigger\(altered.count == 1 ? "" : "s") \(altered.joined(separator: ", ")) gone or not as Heard made \(altered.count == 1 ? "it" : "them"): changes may not have been noted; until the next heard sar makes \(altered.count == 1 ? "it" : "them") again and takes every case's words, a search reads every text")
        }
        let rows = try conn.int("SELECT count(*) FROM name_words") ?? 0
        let indexed = try conn.int("SELECT count(*) FROM name_words_fts_docsize") ?? 0
        if indexed != rows { out.append("name index: \(indexed) cases in the FTS table for \(rows) with words (the next heard sar builds it again)") }
        let differ = try nameWordsNotAsText(conn)
        if !differ.isEmpty {
            out.append("name index: \(differ.count) case\(differ.count == 1 ? "'s" : "s'") words differ from \(differ.count == 1 ? "its" : "their") text (changed with triggers off?), so a search may miss \(differ.count == 1 ? "it" : "them"): heard sar --rebuild-index: \(Store.rowList(differ))")
        }
        return out
    }
}
