import HeardCore

/// The name index (SQLite migration v17, PostgreSQL schema v14): each case's words as subject
/// access folds them (`NameWords`), kept in `name_words` with an index over them (SQLite: an FTS5
/// table; PostgreSQL: a GIN index over the words as an array, `PostgresNameIndex`), so that a
/// search for a person reads only the cases that hold every word of the name.
///
/// The index is never trusted to be complete, only to be a filter: the database's triggers note every
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
/// A PostgreSQL schema made by an older Heard (v13) has no name index until its owner opens it
/// (`PostgresSchema.upgrade`): a search there reads every text, exactly as before.
extension Store {
    /// Whether this store's record has the name index: every SQLite file (v17 on), a PostgreSQL
    /// schema from v14 (asked on connecting).
    var hasNameIndex: Bool {
        switch dialect {
        case .sqlite: return true
        case .postgres: return (backend as? PostgresBackend)?.nameIndex.load(ordering: .relaxed) ?? false
        }
    }

    /// `hasNameIndex` asked of a connection (a store being copied into: `heard migrate`).
    static func hasNameIndex(_ conn: any SQLConnection) throws -> Bool {
        if conn.dialect == .sqlite { return true }
        return try conn.int(PostgresSchema.hasNameIndex) == 1
    }

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

    /// Takes the words of the cases noted as changed, when there are at most `limit` notes (all
    /// when nil); when there are more, nothing is done. Inside the caller's write transaction, on a
    /// record that has the index (`hasNameIndex`). The notes are taken by one DELETE … RETURNING:
    /// on PostgreSQL a note another session commits meanwhile is either among them (and its case's
    /// text read after it) or left for the next taker, never deleted unread.
    @discardableResult
    static func takeNameWords(_ conn: any SQLConnection, limit: Int?) throws -> Int {
        var ids = Set<Int64>()
        // One statement either way: a step that changed no text costs one round trip on a server.
        let take = limit.map {
            "WITH noted AS (SELECT count(*) AS n FROM (SELECT 1 FROM name_words_stale LIMIT \($0 + 1)) AS s) "
                + "DELETE FROM name_words_stale WHERE (SELECT n FROM noted) <= \($0) RETURNING contact_id"
        } ?? "DELETE FROM name_words_stale RETURNING contact_id"
        try conn.each(take, [], cached: true) { ids.insert($0.int64(0)) }
        if ids.isEmpty { return 0 }
        let sorted = ids.sorted()
        try writeNameWords(conn, ids: sorted)
        return sorted.count
    }

    /// Reads and writes the words of `ids` (sorted, none twice), `nameWordsPerRead` to a read.
    static func writeNameWords(_ conn: any SQLConnection, ids: [Int64]) throws {
        for start in stride(from: 0, to: ids.count, by: nameWordsPerRead) {
            try writeNameWords(conn, ids: ids[start..<min(start + nameWordsPerRead, ids.count)])
        }
    }

    /// Which of `nameSources` is the case's own row (its presence says the case exists).
    static let contactsSource = Int64(nameSources.firstIndex { $0.table == "contacts" } ?? 0)

    /// Cases whose texts one statement reads when words are taken.
    static let nameWordsPerRead = 1_000

    /// Reads and writes the words of `ids` (sorted), many cases to a statement: a case gone loses its row.
    private static func writeNameWords(_ conn: any SQLConnection, ids: ArraySlice<Int64>) throws {
        let words = try readNameWords(conn, ids: ids)
        let kept = ids.compactMap { id in words[id].map { (id, $0.joined) } }
        let gone = ids.filter { words[$0] == nil }
        let per = 250
        // IS DISTINCT FROM: PostgreSQL's row of a case not yet taken holds NULL (`PostgresNameIndex`).
        func upsert(_ n: Int) -> String {
            "INSERT INTO name_words (contact_id, words) VALUES " + Array(repeating: "(?, ?)", count: n).joined(separator: ", ")
                + " ON CONFLICT (contact_id) DO UPDATE SET words = excluded.words WHERE name_words.words IS DISTINCT FROM excluded.words"
        }
        for start in stride(from: 0, to: kept.count, by: per) {
            let rows = kept[start..<min(start + per, kept.count)]
            try conn.executeCached(upsert(rows.count), rows.flatMap { [Bound.int($0.0), .text($0.1)] })
        }
        // On PostgreSQL a case gone took its row with it (the foreign key), and officers may not delete one.
        if !gone.isEmpty, conn.dialect == .sqlite {
            try conn.execute("DELETE FROM name_words WHERE contact_id IN (\(idLists(gone, per: gone.count)[0]))")
        }
    }

    /// The words of each case of `ids` (sorted) that exists, read from every text that can hold a
    /// name, in one statement (one round trip on a server).
    static func readNameWords(_ conn: any SQLConnection, ids: ArraySlice<Int64>) throws -> [Int64: NameWords] {
        guard let lo = ids.first, let hi = ids.last else { return [:] }
        let wanted = Set(ids)
        var words: [Int64: NameWords] = [:]
        var present = Set<Int64>()
        // Cases close together (an import, the whole file) are read as one range of ids; cases
        // far apart (a step that changed two) by their ids, or the range would read every case
        // between them.
        // Overflow-safe: ids another tool wrote can be anything (-5 and Int64.max trapped here,
        // and with it every write while both were noted).
        let span = hi.subtractingReportingOverflow(lo)
        let dense = !span.overflow && span.partialValue < Int64(ids.count) * 4
        let which = dense ? "BETWEEN \(lo) AND \(hi)" : "IN (" + (idLists(Array(ids), per: ids.count).first ?? "") + ")"
        let width = nameSources.map(\.columns.count).max() ?? 1
        let sql: String = nameSources.enumerated().map { i, s -> String in
            let filter = s.only.map { " AND \($0)" } ?? ""
            let columns = s.columns + Array(repeating: "NULL", count: width - s.columns.count)
            return "SELECT \(i), \(s.contact), \(columns.joined(separator: ", ")) FROM \(s.table) WHERE \(s.contact) \(which)\(filter)"
        }.joined(separator: " UNION ALL ")
        try conn.each(sql) { r in
            let id = r.int64(1)
            guard wanted.contains(id) else { return }
            if r.int64(0) == contactsSource { present.insert(id) }
            for i in 2...Int32(width + 1) where !r.isNull(i) { r.withTextBytes(i) { words[id, default: NameWords()].add($0) } }
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

    /// The index's state in `conn`'s transaction (nil on a PostgreSQL schema without the index).
    func nameIndexState(_ conn: any SQLConnection) throws -> NameIndexState? {
        guard hasNameIndex else { return nil }
        let stale = try Store.staleNameCases(conn, limit: Store.nameWordsReadAside)
        return NameIndexState(stale: stale, problems: try stale.map { try Store.nameIndexProblems(conn, stale: $0) } ?? [])
    }

    /// The cases the index offers for `name` (every word of it among a case's words), with the
    /// cases noted as changed; nil when the index cannot answer (`state` nil or not whole, or a
    /// name in a script the index's tokenizer may split otherwise): then every text is read.
    static func nameIndexCandidates(_ conn: any SQLConnection, _ name: PersonName, _ state: NameIndexState?) throws -> (found: Set<Int64>, toRead: Set<Int64>)? {
        guard let state, state.whole, let stale = state.stale, NameWords.canLookUp(name) else { return nil }
        let found: Set<Int64>
        switch conn.dialect {
        case .sqlite:
            found = Set(try conn.ints("SELECT rowid FROM name_words_fts WHERE name_words_fts MATCH ?", [.text(nameIndexMatch(name))]))
        case .postgres:
            // The words as an array containing every word of the name (`name_words_each`).
            let array = "ARRAY[" + name.words.map { _ in "CAST(? AS TEXT)" }.joined(separator: ", ") + "]"
            found = Set(try conn.ints("SELECT contact_id FROM name_words WHERE string_to_array(words, ' ') @> \(array)",
                                      name.words.map { .text($0) }))
        }
        return (found.subtracting(stale), stale)
    }

    /// The FTS5 query of the name index for `name` (`NameWords.canLookUp`): every word, each a
    /// phrase of its own (words of ASCII letters and digits only: nothing to escape).
    static func nameIndexMatch(_ name: PersonName) -> String {
        name.words.map { "\"\($0)\"" }.joined(separator: " AND ")
    }

    /// `ids` as the one argument of `SQLDialect.isAnyOf` (a JSON array of integers).
    static func idArray(_ ids: some Sequence<Int64>) -> Bound {
        .text("[" + ids.map(String.init).joined(separator: ",") + "]")
    }

    /// `ids` in runs of at most `per`, each for one statement (the rows of a run are held at once).
    static func idRuns(_ ids: [Int64], per: Int = 1_000) -> [ArraySlice<Int64>] {
        stride(from: 0, to: ids.count, by: per).map { ids[$0..<min($0 + per, ids.count)] }
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
    /// or made one of the name that does nothing; on PostgreSQL, disabled one too).
    static func nameIndexTriggersNotAsMade(_ conn: any SQLConnection) throws -> [String] {
        if conn.dialect == .postgres { return try PostgresSchema.nameIndexTriggersNotAsMade(conn) }
        let present = try triggersPresent(conn)
        return nameIndexTriggerSQL.filter { present[$0.name] != $0.sql }.map(\.name)
    }

    /// What keeps the index from answering (empty when it is whole): a trigger gone, or the index
    /// not holding one entry for every case that is not noted as changed (words deleted or the FTS
    /// table emptied by another tool: the triggers keep the words and the FTS table together, so
    /// counting the FTS table's entries is enough; on PostgreSQL every case has its row, and the
    /// cases without words must all be noted). Each would make a search miss text, so a search
    /// then reads every text instead, and `heard check` says which. `stale`: the cases noted
    /// (`staleNameCases`). Two counts in one statement: a few milliseconds at 100,000 cases.
    static func nameIndexProblems(_ conn: any SQLConnection, stale: Set<Int64>) throws -> [String] {
        var out: [String] = []
        let altered = try nameIndexTriggersNotAsMade(conn)
        if !altered.isEmpty { out.append("triggers not as made: \(altered.joined(separator: ", "))") }
        if conn.dialect == .postgres {
            // Every case has its row (officers may not delete one): those without words must be noted.
            let untaken = try PostgresSchema.untakenCases(conn, limit: nameWordsReadAside)
            let unnoted = untaken.filter { !stale.contains($0) }.count
            if unnoted > 0 { out.append("\(unnoted) case\(unnoted == 1 ? "" : "s") without words and not noted") }
            return out
        }
        let counts = try conn.row("SELECT (SELECT count(*) FROM contacts), (SELECT count(*) FROM name_words_fts_docsize)")
        let contacts = counts?[0].int ?? 0
        let indexed = counts?[1].int ?? 0
        var unindexed = 0
        if !stale.isEmpty {
            for list in idLists(stale.sorted()) {
                unindexed += try conn.int("SELECT count(*) FROM contacts WHERE id IN (\(list)) AND id NOT IN (SELECT contact_id FROM name_words)") ?? 0
            }
        }
        if indexed + unindexed != contacts { out.append("\(indexed) cases indexed and \(unindexed) noted for \(contacts) cases") }
        return out
    }

    /// The cases noted as changed, one more than a step takes at most: asked with a step's COMMIT
    /// on a server (a case may be listed more than once).
    static let notesRead = SQLRead(sql: "SELECT contact_id FROM name_words_stale LIMIT \(nameWordsTakenInStep + 1)", arguments: [])

    /// The words of the cases noted (`noted`, as `notesRead` found them with the step's COMMIT),
    /// taken right after the step that noted them committed, as a step takes them in its own
    /// transaction on a file: none when there are more than `nameWordsTakenInStep` (an import's
    /// are left to the next search). It waits for the writers' lock a moment only: another
    /// session writing leaves the notes to the next step or search (a search reads them aside),
    /// and the step that was saved is not held up. The cases being known, their notes are deleted
    /// and their texts read in one round trip (with BEGIN and the lock), their words written
    /// with COMMIT in a second: three, when the notes were taken to learn which cases.
    ///
    /// Its COMMIT does not wait for the server's disk (`synchronous_commit` off for it alone): the
    /// notes deleted and the words written are one transaction, so a crash that loses it loses
    /// both, and the notes are there for the next take. A second wait for the disk in every save
    /// (0.17-0.2 ms on the bench's server) bought nothing.
    func takeNameWordsAfter(_ server: PostgresBackend, noted: [Int64]) {
        let ids = Set(noted).sorted()
        guard !ids.isEmpty, noted.count <= Store.nameWordsTakenInStep else { return }
        _ = try? server.write(waiting: 0.2, notWaitingForDisk: true) { conn in
            // The notes of these cases only: others noted since wait for the next step. A note made
            // for one of them since the question is taken too: its texts are read now, under the lock.
            for list in Store.idLists(ids) { try conn.execute("DELETE FROM name_words_stale WHERE contact_id IN (\(list))") }
            try Store.writeNameWords(conn, ids: ids)
        }
    }

    /// From now on, on a server, the words of the cases a step noted are taken when
    /// `takeDeferredNameWords` is called, not before the step returns: a screen calls it once
    /// its frame is drawn, so that the save key's frame does not wait for two round trips of an
    /// index's upkeep. Until then a search reads those cases aside, as it reads any noted case.
    public func deferNameWordsUntilAsked() {
        guard dialect == .postgres else { return }
        wordsAfterFrame.withLock { $0.deferring = true }
    }

    /// Whether `noted` (a step's answer to `notesRead`) was kept for `takeDeferredNameWords`.
    func deferredNameWords(_ noted: [Int64]) -> Bool {
        wordsAfterFrame.withLock { state in
            guard state.deferring else { return false }
            // More than a step takes at most is left to the next search (`takeNameWordsAfter`).
            if state.noted.count <= Store.nameWordsTakenInStep { state.noted += noted.prefix(Store.nameWordsTakenInStep + 1 - state.noted.count) }
            return true
        }
    }

    /// Takes the words of the cases noted by the steps since the last call (`deferNameWordsUntilAsked`).
    public func takeDeferredNameWords() {
        let noted = wordsAfterFrame.withLock { state -> [Int64] in
            defer { state.noted = [] }
            return state.noted
        }
        guard !noted.isEmpty, let server = backend as? PostgresBackend else { return }
        takeNameWordsAfter(server, noted: noted)
    }

    /// Takes the words of every case noted as changed and mends a damaged index, in a transaction
    /// of its own (a search that can write does this first when its state is `due`, so that what
    /// an import noted is read once, not at every search). A failure (the file busy) leaves the
    /// notes, which the search then reads aside.
    func takeNameWordsNow() {
        guard hasNameIndex else { return }
        let taken = try? backend.write { conn -> Int in
            try Store.mendNameIndex(conn)
            return try Store.takeNameWords(conn, limit: nil)
        }
        // On the server, a fill leaves a dead row version for every case, and the index of cases
        // without words (which every search asks) full of them, until vacuumed: 15-20 ms a search
        // at 100,000 until autovacuum came round, 0.1 ms after.
        if dialect == .postgres, (taken ?? 0) > Store.nameWordsReadAside, let m = backend as? SQLMaintenance {
            try? m.runOutsideTransaction("VACUUM ANALYZE name_words, name_words_stale")
        }
    }

    /// Makes a damaged index whole (rows of words removed or added by hand, the FTS table emptied,
    /// a trigger dropped or changed): triggers made again as Heard makes them, with every case
    /// noted; every case without words noted; words of cases gone dropped; the FTS table built
    /// again from the words. On PostgreSQL only the tables' owner may make triggers: for anyone
    /// else they stay as they are (and a search reads every text until the owner opens it).
    static func mendNameIndex(_ conn: any SQLConnection) throws {
        // A trigger gone or changed: made again, and every case noted, since changes made while
        // it was not there were not.
        let altered = Set(try nameIndexTriggersNotAsMade(conn))
        if !altered.isEmpty {
            switch conn.dialect {
            case .sqlite:
                for t in nameIndexTriggerSQL where altered.contains(t.name) {
                    try conn.execute("DROP TRIGGER IF EXISTS \(t.name)")
                    try conn.execute(t.sql)
                }
                try conn.execute("INSERT INTO name_words_stale (contact_id) SELECT id FROM contacts")
            case .postgres:
                if try PostgresSchema.ownsSchema(conn) {
                    try PostgresSchema.remakeNameIndexTriggers(conn, altered)
                    try conn.execute("INSERT INTO name_words_stale (contact_id) SELECT id FROM contacts")
                }
            }
        }
        if conn.dialect == .postgres {
            // A row removed by the owner's hand made again; a case without words, noted.
            try conn.execute("""
                INSERT INTO name_words (contact_id) SELECT id FROM contacts WHERE id NOT IN (SELECT contact_id FROM name_words)
                ON CONFLICT (contact_id) DO NOTHING
                """)
            try conn.execute("""
                INSERT INTO name_words_stale (contact_id) SELECT contact_id FROM name_words
                WHERE words IS NULL AND contact_id NOT IN (SELECT contact_id FROM name_words_stale)
                """)
            return
        }
        let counts = try conn.row("SELECT (SELECT count(*) FROM contacts), (SELECT count(*) FROM name_words), (SELECT count(*) FROM name_words_fts_docsize)")
        let contacts = counts?[0].int ?? 0, rows = counts?[1].int ?? 0, indexed = counts?[2].int ?? 0
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
        guard hasNameIndex else {
            throw StoreError.refused("\(path) has no name index yet (made by an older Heard): the role that owns its tables makes it by opening it once (heard check); until then a search reads every text.")
        }
        if options.readOnly { throw StoreError.readOnly }
        return try backend.write { conn in
            try Store.mendNameIndex(conn)
            try conn.execute("INSERT INTO name_words_stale (contact_id) SELECT id FROM contacts")
            try Store.takeNameWords(conn, limit: nil)
            if conn.dialect == .sqlite { try conn.execute("INSERT INTO name_words_fts(name_words_fts) VALUES('rebuild')") }
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
        for start in stride(from: 0, to: ids.count, by: Store.nameWordsPerRead) {
            let chunk = ids[start..<min(start + Store.nameWordsPerRead, ids.count)]
            let words = try Store.readNameWords(conn, ids: chunk)
            for id in chunk where stored[id] != (words[id]?.joined ?? "") { out.append(id) }
        }
        return out
    }

    /// How many cases a search would first take the words of, when that is a wait worth saying
    /// (more notes than a search reads aside: after an upgrade, an import or a bulk change); 0 otherwise, on a
    /// store that only reads, and on a PostgreSQL schema without the index.
    public func nameIndexBacklog() -> Int {
        guard hasNameIndex, !options.readOnly else { return 0 }
        return (try? query { conn -> Int in
            guard try Store.staleNameCases(conn, limit: Store.nameWordsReadAside) == nil else { return 0 }
            return try conn.int("SELECT count(DISTINCT contact_id) FROM name_words_stale") ?? 0
        }) ?? 0
    }

    /// Notes every case `times` times as changed, as an import or an upgrade leaves them (for
    /// tests of what the first search after one does).
    public func noteEveryCaseForTheNameIndex(times: Int) throws {
        guard hasNameIndex else { return }
        _ = try backend.write { conn in
            for _ in 0..<times { try conn.execute("INSERT INTO name_words_stale (contact_id) SELECT id FROM contacts") }
        }
    }

    /// What a search says before it fills the index: it takes some seconds at 100,000 cases.
    public static func nameIndexFilling(_ cases: Int) -> String {
        "Filling the name index with \(groupedNumber(cases)) cases' words first (once after an upgrade, an import or a change to many cases)…"
    }

    /// Cases with no row in the name index and not noted as changed: none unless someone removed
    /// the index's triggers or rows (`heard check` says so; a search would miss their text).
    func nameIndexGaps(_ conn: any SQLConnection) throws -> Int {
        guard hasNameIndex else { return 0 }
        // PostgreSQL: a case's row holds NULL until its words are taken.
        let untaken = conn.dialect == .sqlite ? "" : " OR id IN (SELECT contact_id FROM name_words WHERE words IS NULL)"
        return try conn.int("""
            SELECT count(*) FROM contacts WHERE (id NOT IN (SELECT contact_id FROM name_words)\(untaken))
              AND id NOT IN (SELECT contact_id FROM name_words_stale)
            """) ?? 0
    }

    /// `heard check`'s look at the name index: cases a search would miss, triggers gone, the FTS
    /// table not matching the words (none on a PostgreSQL schema without the index).
    func nameIndexCheck(_ conn: any SQLConnection) throws -> [String] {
        guard hasNameIndex else { return [] }
        var out: [String] = []
        let gaps = try nameIndexGaps(conn)
        if gaps > 0 {
            out.append("name index: \(gaps) case\(gaps == 1 ? "" : "s") with no words and none noted as changed: a search may miss \(gaps == 1 ? "it" : "them"); heard sar --rebuild-index")
        }
        let altered = try Store.nameIndexTriggersNotAsMade(conn)
        if !altered.isEmpty {
            let who = conn.dialect == .postgres ? "a heard sar by the role that owns the tables" : "the next heard sar"
            out.append("name index: trigger\(altered.count == 1 ? "" : "s") \(altered.joined(separator: ", ")) gone or not as Heard made \(altered.count == 1 ? "it" : "them"): changes may not have been noted; until \(who) makes \(altered.count == 1 ? "it" : "them") again and takes every case's words, a search reads every text")
        }
        if conn.dialect == .sqlite, let counts = try conn.row("SELECT (SELECT count(*) FROM name_words), (SELECT count(*) FROM name_words_fts_docsize)"),
           let rows = counts[0].int, let indexed = counts[1].int, indexed != rows { out.append("name index: \(indexed) cases in the FTS table for \(rows) with words (the next heard sar builds it again)") }
        let differ = try nameWordsNotAsText(conn)
        if !differ.isEmpty {
            out.append("name index: \(differ.count) case\(differ.count == 1 ? "'s" : "s'") words differ from \(differ.count == 1 ? "its" : "their") text (changed with triggers off?), so a search may miss \(differ.count == 1 ? "it" : "them"): heard sar --rebuild-index: \(Store.rowList(differ))")
        }
        return out
    }
}
