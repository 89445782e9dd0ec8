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
        guard let lo = ids.first, let hi = ids.last else { return }
        let wanted = Set(ids)
        var words: [Int64: NameWords] = [:]
        var present = Set<Int64>()
        // Cases close together (an import, the whole file) are read as one range of ids; cases
        // far apart (a step that changed two) by their ids, or the range would read every case
        // between them.
        let dense = hi - lo < Int64(ids.count) * 4
        let which = dense ? "BETWEEN \(lo) AND \(hi)" : "IN (" + ids.map(String.init).joined(separator: ",") + ")"
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
        for id in ids {
            if present.contains(id) {
                try conn.executeCached("""
                    INSERT INTO name_words (contact_id, words) VALUES (?, ?)
                    ON CONFLICT (contact_id) DO UPDATE SET words = excluded.words WHERE words IS NOT excluded.words
                    """, [.int(id), .text(words[id]?.joined ?? "")])
            } else {
                try conn.executeCached("DELETE FROM name_words WHERE contact_id = ?", [.int(id)])
            }
        }
    }

    /// The cases the index offers for `name` (every word of it among a case's words), with the
    /// cases noted as changed; nil when the index cannot answer (PostgreSQL, a name in a script
    /// the index's tokenizer may split otherwise, or too many cases noted): then every text is read.
    static func nameIndexCandidates(_ conn: any SQLConnection, _ name: PersonName) throws -> (found: Set<Int64>, toRead: Set<Int64>)? {
        guard conn.dialect == .sqlite, NameWords.canLookUp(name) else { return nil }
        guard let stale = try staleNameCases(conn, limit: nameWordsReadAside) else { return nil }
        guard try nameIndexProblems(conn, stale: stale).isEmpty else { return nil }
        // Words of ASCII letters and digits only, each a phrase of its own: nothing to escape.
        let query = name.words.map { "\"\($0)\"" }.joined(separator: " AND ")
        let found = Set(try conn.ints("SELECT rowid FROM name_words_fts WHERE name_words_fts MATCH ?", [.text(query)]))
        return (found.subtracting(stale), stale)
    }

    /// The triggers the index is kept by, by name (from `Schema.nameIndexSQL`).
    static let nameIndexTriggers: [String] = {
        var out: [String] = []
        for line in Schema.nameIndexSQL.split(separator: "\n") {
            let words = line.split(separator: " ")
            if words.count > 2, words[0] == "CREATE", words[1] == "TRIGGER" { out.append(String(words[2])) }
        }
        return out
    }()

    /// What keeps the index from answering (empty when it is whole): a trigger gone, or the FTS
    /// table not holding one entry for every case that is not noted as changed (words deleted or
    /// the FTS table emptied by another tool: the triggers keep the words and the FTS table
    /// together, so counting the FTS table's entries is enough). Each would make a search miss
    /// text, so a search then reads every text instead, and `heard check` says which. `stale`:
    /// the cases noted (`staleNameCases`). Two counts: a few milliseconds at 100,000 cases.
    static func nameIndexProblems(_ conn: any SQLConnection, stale: Set<Int64>) throws -> [String] {
        var out: [String] = []
        let present = Set(try conn.texts("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        let gone = nameIndexTriggers.filter { !present.contains($0) }
        if !gone.isEmpty { out.append("triggers gone: \(gone.joined(separator: ", "))") }
        let contacts = try conn.int("SELECT count(*) FROM contacts") ?? 0
        let indexed = try conn.int("SELECT count(*) FROM name_words_fts_docsize") ?? 0
        var unindexed = 0
        if !stale.isEmpty {
            let list = stale.sorted().map(String.init).joined(separator: ",")
            unindexed = try conn.int("SELECT count(*) FROM contacts WHERE id IN (\(list)) AND id NOT IN (SELECT contact_id FROM name_words)") ?? 0
        }
        if indexed + unindexed != contacts { out.append("\(indexed) cases indexed and \(unindexed) noted for \(contacts) cases") }
        return out
    }

    /// Takes the words of every case noted as changed, in a transaction of its own (a search
    /// that can write does this first, so that what an import noted is read once, not at every
    /// search). Nothing when the store only reads or nothing is noted; a failure (the file busy)
    /// leaves the notes, which the search then reads aside.
    func takeNameWordsIfAny() {
        guard dialect == .sqlite, !options.readOnly else { return }
        let due = (try? query { conn -> Bool in
            if (try conn.int("SELECT count(*) FROM (SELECT 1 FROM name_words_stale LIMIT 1)") ?? 0) > 0 { return true }
            return !(try Store.nameIndexProblems(conn, stale: [])).isEmpty
        }) ?? false
        guard due else { return }
        _ = try? backend.write { conn in
            try Store.mendNameIndex(conn)
            try Store.takeNameWords(conn, limit: nil)
        }
    }

    /// Makes a damaged index whole where it can (rows of words removed or added by hand, the FTS
    /// table emptied): every case without words is noted, words of cases gone are dropped, and
    /// the FTS table is built again from the words. A trigger gone it cannot make again: the
    /// searches read every text until the file is restored (`heard check` names it).
    static func mendNameIndex(_ conn: any SQLConnection) throws {
        let contacts = try conn.int("SELECT count(*) FROM contacts") ?? 0
        let rows = try conn.int("SELECT count(*) FROM name_words") ?? 0
        let indexed = try conn.int("SELECT count(*) FROM name_words_fts_docsize") ?? 0
        if rows != contacts {
            try conn.execute("INSERT INTO name_words_stale (contact_id) SELECT id FROM contacts WHERE id NOT IN (SELECT contact_id FROM name_words) AND id NOT IN (SELECT contact_id FROM name_words_stale)")
            try conn.execute("DELETE FROM name_words WHERE contact_id NOT IN (SELECT id FROM contacts)")
        }
        if indexed != rows { try conn.execute("INSERT INTO name_words_fts(name_words_fts) VALUES('rebuild')") }
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
            out.append("name index: \(gaps) case\(gaps == 1 ? "" : "s") with no words and none noted as changed (until the next heard sar notes them again, a search reads every text)")
        }
        let present = Set(try conn.texts("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        let gone = Store.nameIndexTriggers.filter { !present.contains($0) }
        if !gone.isEmpty {
            out.append("name index: trigger\(gone.count == 1 ? "" : "s") \(gone.joined(separator: ", ")) gone: changes are not noted, so every subject access search reads every text; restore the file from a backup")
        }
        let rows = try conn.int("SELECT count(*) FROM name_words") ?? 0
        let indexed = try conn.int("SELECT count(*) FROM name_words_fts_docsize") ?? 0
        if indexed != rows { out.append("name index: \(indexed) words indexed for \(rows) cases (the next heard sar builds it again)") }
        return out
    }
}
