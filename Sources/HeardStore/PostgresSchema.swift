import HeardCore

/// The record's tables on PostgreSQL: the same tables, columns (in the same order), indexes and
/// foreign keys as SQLite's `Schema` at its latest migration, written at once rather than as
/// migrations. Integers are BIGINT, text `TEXT COLLATE "C"` (sorted by bytes, as SQLite does),
/// blobs BYTEA; SQLite's triggers are PL/pgSQL. `heard_schema` says the version.
enum PostgresSchema {
    /// SQLite's migrations v1…v12 in one, v13, PostgreSQL's own (`v13`), v14, the name index
    /// (SQLite's v17, `PostgresNameIndex`), v15, every case's words taken again (SQLite's v19),
    /// v16, the audit rule checked per statement instead of per row (`PostgresRules`): no table
    /// changes, but a team's schema has its rules made again when its owner opens it; v17,
    /// the report's kept facts and each case's stamp (`PostgresReportFacts`); and v18, every
    /// function with a pinned path made again with the catalogue before `public` (`pinSearchPath`);
    /// v19, the audit's and the access log's server-filled columns (`who`, `at`, `id`, `xact`) as
    /// their defaults and column grants, not a trigger per row (`PostgresRules.stamps`): no table
    /// changes, the role rules made again as for v16. An older Heard names `at` and `who` in its
    /// rows, which the grants refuse: the version keeps it out, as "made by a newer Heard".
    /// v20, the search index's words of added contacts made once a statement
    /// (`heard_index_contacts`), not once a row: no table changes, the triggers made again by the
    /// owner's opening. An older Heard would remake its own trigger at `heard init` and call the
    /// new one not as made: the version keeps it out too.
    static let version = 20

    /// What a database lacks to be Heard's and what it holds, read before anything is written.
    enum State: Equatable {
        case empty
        /// Tables, but no `heard_schema`: someone else's database.
        case foreign
        case version(Int)
    }

    /// The schema (first in `search_path`) as it stands.
    static func state(_ conn: any SQLConnection) throws -> State {
        try opening(conn).state
    }

    /// What opening a record asks of the catalogue, in one statement: how many tables the schema
    /// holds, whether `heard_schema` is one, and (`PostgresBackend.connectingSQL`'s) the writers'
    /// row and the name index.
    static let catalogueSQL = """
        SELECT (SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()),
               (SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = 'heard_schema'),
               (\(PostgresBackend.hasWriterRow)), (\(hasNameIndex))
        """
    /// The version a Heard schema is at.
    static let versionRead = SQLRead(sql: "SELECT max(version) FROM heard_schema", arguments: [])

    /// The schema's state, whether it has the writers' row and the name index, and, at the
    /// current version, what it lacks of SQLite's tables and columns (`missing`): in two round
    /// trips, the first with the read's BEGIN. They were six in a row at every opening of a
    /// record: little over loopback (each some 0.1 ms), a millisecond or more each to a council's
    /// server across its network. The version and the columns are
    /// asked together once `heard_schema` is known to be there (a query of a table that is not
    /// would end the transaction).
    static func opening(_ conn: any SQLConnection, missingToo: Bool = false)
        throws -> (state: State, writerRow: Bool, nameIndex: Bool, missing: [String]?) {
        let row = try conn.row(catalogueSQL) ?? []
        func flag(_ i: Int) -> Bool { row.indices.contains(i) && row[i].int64 == 1 }
        let tables = row.first?.int64 ?? 0
        if tables == 0 { return (.empty, flag(2), flag(3), nil) }
        if !flag(1) { return (.foreign, flag(2), flag(3), nil) }
        if missingToo { try conn.readAhead([versionRead, SQLRead(sql: columnsSQL, arguments: [])]) }
        var version: Int64?
        try conn.each(versionRead) { r in version = r.optionalInt64(0) }
        let state = State.version(Int(version ?? 0))
        guard missingToo, state == .version(self.version) else { return (state, flag(2), flag(3), nil) }
        return (state, flag(2), flag(3), try missing(in: conn))
    }

    /// What `information_schema.columns` lists for the current schema (the columns of its tables,
    /// views and foreign tables that the login owns or has a privilege on), read from the catalogue:
    /// the view took 10–25 ms to plan at every opening, most of a server's cost to open a record.
    /// The schema's tables are listed first and their columns read by the catalogue's index: as a
    /// join the server read all of `pg_attribute` (4,000 rows, every schema's) to keep 170, 1 ms
    /// of every command's opening.
    static let columnsSQL = """
        SELECT c.relname, a.attname FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
        WHERE a.attrelid = ANY (ARRAY(SELECT oid FROM pg_catalog.pg_class
                                      WHERE relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema())
                                      AND relkind IN ('r', 'v', 'f', 'p')))
        AND a.attnum > 0 AND NOT a.attisdropped
        AND (pg_catalog.pg_has_role(c.relowner, 'USAGE') OR pg_catalog.has_column_privilege(c.oid, a.attnum, 'SELECT, INSERT, UPDATE, REFERENCES'))
        """

    /// What a schema at the current version lacks of SQLite's tables and columns ("table
    /// stage_people", "column contacts.equality_religion"), as `Schema.missing` says for a file.
    static func missing(in conn: any SQLConnection) throws -> [String] {
        guard let expected = Schema.expectedShape else { return [] }
        var found: [String: Set<String>] = [:]
        try conn.each(PostgresSchema.columnsSQL) { r in found[r.text(0), default: []].insert(r.text(1).lowercased()) }
        var out: [String] = []
        // SQLite's full-text tables have their twin in contacts_search, not by name.
        for table in expected.keys.sorted() where !Schema.isSQLiteIndex(table) {
            guard let have = found[table] else { out.append("table \(table)"); continue }
            for column in expected[table] ?? [] where !have.contains(column.lowercased()) {
                out.append("column \(table).\(column)")
            }
        }
        if found["contacts_search"] == nil { out.append("table contacts_search") }
        return out
    }

    /// Run before any function is made, in the same transaction: the functions take the path
    /// as it is then (`SET search_path FROM CURRENT`), and a path that does not name `pg_temp`
    /// searches it FIRST, so a session's own temporary table called `audit` would stand in for
    /// the record's in every trigger (found by a trial: an officer changed cases with no audit
    /// row that way). Named last, after the record's schema and the catalogue, it shadows nothing.
    /// The catalogue comes before `public` (v18): `public` is writable by every login on
    /// PostgreSQL 14 and before, and an operator `=` an officer made there was run, in place of
    /// the catalogue's, by every function so pinned, as the tables' owner in those that are
    /// SECURITY DEFINER (found by an attack). The record's schema stays first, where only its
    /// owner may make anything, so that `current_schema()` still names it.
    static let pinSearchPath = """
        SELECT pg_catalog.set_config('search_path',
            pg_catalog.quote_ident(pg_catalog.current_schema()) || ', \(pinnedTail)', true)
        """

    /// What the pinned path holds after the record's schema; `pinnedTailBefore18` before v18.
    static let pinnedTail = "pg_catalog, public, pg_temp"
    static let pinnedTailBefore18 = "public, pg_catalog, pg_temp"

    /// Creates every table in an empty schema, inside the caller's write transaction.
    static func create(_ conn: any SQLConnection) throws {
        try conn.execute(pinSearchPath)
        try conn.execute(tables)
        try conn.execute(triggers)
        // Live changes: every commit that adds to the audit says so to the listening stores.
        try PostgresNotify.install(conn)
        try createSearch(conn)
        try conn.execute(v13)
        // Not a version of their own: without them the unreadable-rows check is as exact, by a scan.
        try conn.execute(Store.unreadableIndexesOnPostgres)
        try conn.execute(serverIndexes)
        try conn.execute(nameIndexSQL)
        try conn.execute(reportFactsSQL)
        try conn.execute("INSERT INTO heard_schema (version) VALUES (\(version))")
    }

    /// v13, which SQLite has no twin of: the writers' row (`PostgresBackend.write` locks it; only
    /// roles with UPDATE on it, officers and administrators, can, so no reader can stop the
    /// writers), and `audit.xact`, the transaction that wrote each audit row, set by the server
    /// (`PostgresRules`) and looked up at every commit that changed the record.
    static let v13 = """
        CREATE TABLE heard_writer (one BIGINT PRIMARY KEY CHECK (one = 1));
        INSERT INTO heard_writer (one) VALUES (1);
        ALTER TABLE audit ADD COLUMN xact BIGINT;
        CREATE INDEX audit_xact ON audit(xact);
        """

    /// Indexes the server needs and SQLite does without: one officer's cases (`heard digest`, my
    /// work, `cases --officer`) are asked as `lower(officer) = lower(?)`, which no index served,
    /// so the server scanned all 100,000 contacts with two workers (~70 ms) where SQLite's scan
    /// takes a few. Not a version of their own: without them every answer is the same, by a scan.
    /// One officer's live work (`heard digest`, my work) has the second: only the rows my work can
    /// list, as SQLite's v15 `contacts_officer_live`, and the WHERE that `Store.myWorkRows` says
    /// word for word, so the server knows the index holds every row it wants. Without it the
    /// server read some 1,900 pages of an officer's 2,600 cases at 100,000 to keep 78 (8-10 ms);
    /// with it a third of that.
    /// The undo rows' index is partial, as SQLite's (v16): a schema made before holds one over
    /// every audit row (all but the undo rows' NULL), which a bulk change of 100,000 cases paid
    /// for row by row; it is replaced under another name, so that its absence says it is due.
    /// The contacts' order (received, then id: every list, export and report) has the id in its
    /// index, as SQLite's `contacts_received` has the rowid: over `received` alone the server read
    /// 100,000 rows by the index and then sorted each day's by id (100-130 ms of `heard cases`'s
    /// 350 at 100,000); by `(received, id)` it reads them in order (25 ms). Replaced under another
    /// name, as the undo rows' was.
    /// A case's actions by their sources, as SQLite's v20 (`Schema.actionSourceIndexes`), and the
    /// report's later contacts by their events, as its v21 (`Schema.reportEventIndex`).
    static let serverIndexes = """
        CREATE INDEX IF NOT EXISTS contacts_received_id ON contacts (received, id);
        DROP INDEX IF EXISTS contacts_received;
        \(Schema.actionSourceIndexes)
        CREATE INDEX IF NOT EXISTS contacts_officer_folded ON contacts (lower(officer));
        CREATE INDEX IF NOT EXISTS contacts_officer_live ON contacts (lower(officer))
          WHERE status IN ('open', 'responded') OR kind = 'compliment' OR status = 'not_accepted';
        CREATE INDEX IF NOT EXISTS audit_undone ON audit(undoes) WHERE undoes IS NOT NULL;
        DROP INDEX IF EXISTS audit_undoes;
        \(Schema.reportEventIndex)
        \(Schema.actionsReportIndex)
        """

    /// The indexes a new schema is made with that are not a version of their own (`serverIndexes`,
    /// `Store.unreadableIndexesOnPostgres`), by name.
    static let indexesWithoutVersion = ["contacts_received_id", "actions_source_contact", "actions_source_learning", "contacts_officer_folded", "contacts_officer_live", "contacts_unreadable", "actions_unreadable",
                                        "events_unreadable", "contact_log_unreadable", "letters_unreadable", "audit_undone", "events_report",
                                        "actions_report"]

    /// Makes those of `indexesWithoutVersion` a schema lacks (one made by an older Heard), in the
    /// caller's write transaction, run by the tables' owner; returns their names (none: nothing done).
    static func addMissingIndexes(_ conn: any SQLConnection) throws -> [String] {
        let present = Set(try conn.texts("SELECT indexname FROM pg_catalog.pg_indexes WHERE schemaname = current_schema()"))
        let missing = indexesWithoutVersion.filter { !present.contains($0) }
        guard !missing.isEmpty else { return [] }
        try conn.execute(pinSearchPath)
        try conn.execute(Store.unreadableIndexesOnPostgres)
        try conn.execute(serverIndexes)
        return missing
    }

    /// Brings a v12…v19 schema (made by an older Heard) to v20, inside the caller's write
    /// transaction (which holds the lock its writers wait for): run by the tables' owner only.
    /// The role rules and grants follow when the roles were set up (`PostgresRoles.install`).
    static func upgrade(_ conn: any SQLConnection) throws {
        guard case .version(let v) = try state(conn), (12...19).contains(v) else { return }
        try refuseForeignObjects(conn)
        try conn.execute(pinSearchPath)
        if v == 12 {
            try conn.execute(v13)
            try conn.execute(Store.unreadableIndexesOnPostgres)
            try conn.execute(serverIndexes)
        }
        if v <= 13 {
            // v14: the name index, every case noted (the first search that can write takes their
            // words), and the partial indexes of the events, log lines and letters Heard cannot read.
            try conn.execute(nameIndexSQL)
            try conn.execute(Store.unreadableIndexesOnPostgres)
        } else if v == 14 {
            // v15: every case noted, its words taken again by the rule that reads invisible
            // characters as not there (SQLite's v19).
            try conn.execute("INSERT INTO name_words_stale (contact_id) SELECT id FROM contacts")
        }
        // v16 and v19: nothing here; the role rules are made again by the caller when set up.
        // v17: the report's kept facts and the cases' stamps.
        if v <= 16 { try conn.execute(reportFactsSQL) }
        // v18: the functions made with a pinned path, made again under the new one (those of the
        // roles and rules follow with `PostgresRoles.install`, as for v16).
        if v >= 14 { try conn.execute(nameIndexFunctionsSQL) }
        // v20 (and every version before): the search index's functions and triggers as made now.
        try remakeSearchIndexing(conn)
        try conn.execute("UPDATE heard_schema SET version = \(version)")
    }

    /// Whether this login may change the schema itself: a member of the role owning its tables
    /// (the owner, or a superuser).
    /// The role that owns Heard's tables (named to a login refused what only it may do).
    static func tablesOwner(_ conn: any SQLConnection) throws -> String {
        try conn.text("SELECT pg_catalog.pg_get_userbyid(relowner) FROM pg_catalog.pg_class WHERE oid = to_regclass('audit')") ?? "?"
    }

    static func ownsSchema(_ conn: any SQLConnection) throws -> Bool {
        try conn.int("""
            SELECT count(*) FROM pg_catalog.pg_class WHERE oid = to_regclass('audit')
              AND pg_catalog.pg_has_role(current_user, relowner, 'MEMBER')
            """) == 1
    }

    /// The full-text search of SQLite's `contacts_fts`: `contacts_search` holds each contact's
    /// words, accent- and case-folded, kept up to date by a trigger; `Store.indexSearch` matches
    /// a prefix of each word. Accents are folded by the `unaccent` extension when the server has
    /// it (made here when the role may, else it must be there already); case alone otherwise.
    static func createSearch(_ conn: any SQLConnection) throws {
        // Made here when the role may; used wherever it was made (often `public`, which a URL's
        // search_path may leave out): the function is named with its schema.
        _ = try? conn.savepoint { try conn.execute("CREATE EXTENSION IF NOT EXISTS unaccent") }
        let schema = try conn.text("""
            SELECT n.nspname FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
            WHERE e.extname = 'unaccent'
            """)
        try conn.execute(searchFunctions(unaccentSchema: schema) + """
            CREATE TABLE contacts_search (
                contact_id BIGINT PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
                words tsvector NOT NULL
            );
            CREATE INDEX contacts_search_words ON contacts_search USING GIN (words);
            \(indexContactFunction)
            \(indexFunctionsToTablesOwner)
            \(searchTriggers)
            """)
    }

    /// The search index's triggers: a contact's words made when it is added, and made again only
    /// when a text they come from changed. A save writes every column, so a trigger on the columns
    /// alone remade the words of every case saved: a quarter of a millisecond of each save on the
    /// server (more than the rest of its UPDATE), for words that were the same.
    /// The words of added contacts are made once a statement, for all its rows
    /// (`heard_index_contacts`, over the rows as a transition table): a call a row was a third
    /// of the contacts' time in an import on the server (3.3 of 6.2 s for 100,000 in statements
    /// of 64, measured in SQL; 5.1 to 5.4 s once a statement, the rest the words themselves).
    static let searchTriggers = """
        CREATE TRIGGER contacts_search_index AFTER INSERT ON contacts REFERENCING NEW TABLE AS heard_new
            FOR EACH STATEMENT EXECUTE FUNCTION heard_index_contacts();
        CREATE TRIGGER contacts_search_reindex AFTER UPDATE OF reference, complainant_name, subject_child, summary, id ON contacts
            FOR EACH ROW WHEN (OLD.reference IS DISTINCT FROM NEW.reference OR OLD.complainant_name IS DISTINCT FROM NEW.complainant_name
                OR OLD.subject_child IS DISTINCT FROM NEW.subject_child OR OLD.summary IS DISTINCT FROM NEW.summary OR OLD.id IS DISTINCT FROM NEW.id)
            EXECUTE FUNCTION heard_index_contact();
        """

    /// Makes the search index's function and triggers again as Heard makes them when they are not
    /// so (`searchIndexingAsMade`): a schema made by an older Heard (one trigger for adds and saves,
    /// run on every save), or one another hand changed (a trigger dropped, disabled or set to fire
    /// only on a replica, the function's body replaced or another schema's run: a case's words
    /// then stayed as they were, unnoticed). In the caller's write transaction, run by the tables'
    /// owner; true when they were made again. The words kept are the same.
    static func searchTriggersAsMade(_ conn: any SQLConnection) throws -> Bool {
        guard try !searchIndexingAsMade(conn) else { return false }
        try remakeSearchIndexing(conn)
        return true
    }

    /// The search index's function and both triggers, made (again) as Heard makes them: the
    /// function with the pinned path (`pinSearchPath` first, in this transaction), or it would
    /// take the owner's session's path, which searches `pg_temp` first, and an officer's own
    /// temporary `contacts_search` would take a case's words in place of the record's (found by
    /// an attack on the rebuild).
    /// The functions are dropped and made afresh, so that no grant another hand gave survives
    /// (an attack found a grant to the managers kept by every remake), and given to the tables'
    /// owner: a function is made its maker's, and a superuser's opening of an older schema made
    /// the new one the superuser's, to run as the superuser whatever the owner put in
    /// `heard_words` (found by an attack on the upgrade).
    static func remakeSearchIndexing(_ conn: any SQLConnection) throws {
        try refuseForeignObjects(conn)
        try conn.execute(pinSearchPath)
        try conn.execute("""
            DROP TRIGGER IF EXISTS contacts_search_index ON contacts; DROP TRIGGER IF EXISTS contacts_search_reindex ON contacts;

            """ + dropFunctions(["heard_index_contact()", "heard_index_contacts()"]) + indexContactFunction + indexFunctionsToTablesOwner + searchTriggers)
    }

    /// Drops the record's schema's own functions of these names, when there, with what depends
    /// on them (their triggers, made again after by the caller). Named with the schema, since by
    /// the search path a function gone from it is found in `public` (an attack's test found
    /// another record's dropped there, or refused for its trigger). With what depends on them,
    /// since any login may make an object that does (a function of its own in `pg_temp` whose
    /// body calls one), and an officer's session held open stopped every set-up and the owner's
    /// opening of an older schema (found by an attack).
    static func dropFunctions(_ functions: [String]) -> String {
        let drops = functions.map {
            "    EXECUTE pg_catalog.format('DROP FUNCTION IF EXISTS %I.\($0) CASCADE', pg_catalog.current_schema());\n"
        }.joined()
        return "DO $$ BEGIN\n" + drops + "END $$;\n"
    }

    /// Gives the search index's functions to the role that owns the tables, theirs alone to run
    /// (`definerFunctionsToTablesOwner`).
    static let indexFunctionsToTablesOwner = definerFunctionsToTablesOwner(["heard_index_contact()", "heard_index_contacts()"])

    /// Gives functions run with their owner's rights (`SECURITY DEFINER`) to the role that owns
    /// the tables (nothing changes when they are its already) and, when `closed`, takes back
    /// every grant on them but its own. A function is made its maker's, and a superuser's opening
    /// of an older schema made the search index's new one the superuser's, to run as the
    /// superuser whatever the owner put in the schema (found by an attack on the upgrade); and
    /// a function made takes the grants of its maker's default privileges (`ALTER DEFAULT
    /// PRIVILEGES`), which a superuser's upgrade carried to the managers (found by an attack).
    /// Not `closed`: a function every writer's COMMIT runs (`heard_audit_due_clear`).
    static func definerFunctionsToTablesOwner(_ functions: [String], closed: Bool = true) -> String {
        let list = functions.map { "CAST('\($0)' AS pg_catalog.regprocedure)" }.joined(separator: ", ")
        let revoke = """
                    EXECUTE pg_catalog.format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
                    FOR g IN SELECT DISTINCT a.grantee FROM pg_catalog.pg_proc p, pg_catalog.aclexplode(p.proacl) a
                             WHERE p.oid = f AND a.grantee <> p.proowner LOOP
                        EXECUTE pg_catalog.format('REVOKE ALL ON FUNCTION %s FROM ', f)
                            || CASE WHEN g = 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(g)) END;
                    END LOOP;
            """
        return """
            DO $$
            DECLARE
                o TEXT := (SELECT pg_catalog.pg_get_userbyid(c.relowner) FROM pg_catalog.pg_class c WHERE c.oid = pg_catalog.to_regclass('contacts'));
                f pg_catalog.regprocedure;
                g OID;
            BEGIN
                FOREACH f IN ARRAY ARRAY[\(list)] LOOP
                    EXECUTE pg_catalog.format('ALTER FUNCTION %s OWNER TO %I', f, o);
            \(closed ? revoke : "")
                END LOOP;
            END $$;

            """
    }

    /// The functions of the schema run with their owner's rights (`SECURITY DEFINER`) that are
    /// not the tables' owner's, or that another role may run (but `heard_audit_due_clear`, which
    /// every writer's COMMIT runs, and which is named when not everyone's to run: default
    /// privileges that take EXECUTE from PUBLIC made every officer's change refused, and the
    /// check said ok; found by an attack), each named with what is wrong: none when all are as Heard
    /// makes them (`definerFunctionsToTablesOwner`). Such a function owned by another role
    /// (a superuser's upgrade) runs with that role's rights whatever the owner puts in the
    /// schema; one another role may run can be put on a trigger of its own, to write as the owner.
    static func definerFunctionsAmiss(_ conn: any SQLConnection) throws -> [String] {
        var out: [String] = []
        try conn.each("""
            SELECT p.proname, pg_catalog.pg_get_userbyid(p.proowner),
                   CAST(p.proowner <> c.relowner AS INT),
                   CASE WHEN p.proname <> 'heard_audit_due_clear' THEN (
                       SELECT pg_catalog.string_agg(DISTINCT CASE WHEN a.grantee = 0 THEN 'every login' ELSE pg_catalog.pg_get_userbyid(a.grantee) END, ', ')
                       FROM pg_catalog.aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))) a WHERE a.grantee <> p.proowner) END,
                   CAST(p.proname = 'heard_audit_due_clear' AND p.proacl IS NOT NULL
                        AND NOT EXISTS (SELECT 1 FROM pg_catalog.aclexplode(p.proacl) a WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE') AS INT)
            FROM pg_catalog.pg_proc p, pg_catalog.pg_class c
            WHERE p.pronamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema()) AND p.prosecdef
              AND c.relname = 'audit' AND c.relkind = 'r' AND c.relnamespace = p.pronamespace
            ORDER BY p.proname
            """) { r in
            let name = printable(r.text(0))
            if r.int(2) != 0 { out.append("\(name) (owned by \(printable(r.text(1))))") }
            else if let others = r.optionalText(3) { out.append("\(name) (\(printable(others)) may run it)") }
            else if r.int(4) != 0 { out.append("\(name) (writers may not run it: every change is refused at COMMIT)") }
        }
        // The rules' functions by their bodies as made: one replaced by the owner's hand (or
        // gone, and found by the search path in `public`) turned a rule off unseen (an attack).
        var expected: [(name: String, definer: Bool, body: String)] = []
        let tables = Set(try conn.texts("SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename IN ('heard_audit_due', 'report_facts')"))
        if tables.contains("heard_audit_due") {
            expected += PostgresRules.auditRuleFunctions.map { ($0.name, $0.head.contains("SECURITY DEFINER"), $0.body) }
        }
        if tables.contains("report_facts") { expected.append(("heard_report_stamp", true, reportStampBody)) }
        for f in expected {
            let asMade = try conn.int("""
                SELECT count(*) FROM pg_catalog.pg_proc p
                WHERE p.pronamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema())
                  AND p.proname = CAST(? AS TEXT) AND p.pronargs = 0 AND p.prosrc = CAST(? AS TEXT) AND p.prosecdef = CAST(? AS BOOLEAN)
                """, [.text(f.name), .text(f.body), .text(f.definer ? "true" : "false")]) ?? 0
            if asMade != 1 && !out.contains(where: { $0.hasPrefix(f.name + " ") }) { out.append("\(f.name) (gone, or changed)") }
        }
        return out
    }

    /// What the record's schema holds that a role other than the tables' owner (or a member of
    /// it) owns: "operator = (alice)", "function heard_x (alice)". Heard's functions pin their
    /// search path with the schema first, so another role's `=` or function there is found
    /// before the server's own, run as the owner in those run with its rights, and bound into
    /// the triggers a set-up makes (found by an attack). A set-up refuses while any is there,
    /// and `heard check` names them.
    static func foreignObjects(_ conn: any SQLConnection) throws -> [String] {
        try conn.texts("""
            WITH s AS (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = pg_catalog.current_schema()),
            t AS (SELECT c.relowner AS owner FROM pg_catalog.pg_class c, s WHERE c.relnamespace = s.oid AND c.relname = 'audit' AND c.relkind = 'r'),
            o AS (
                SELECT 'table ' || c.relname AS what, c.relowner AS who FROM pg_catalog.pg_class c, s WHERE c.relnamespace = s.oid
                UNION ALL SELECT 'function ' || p.proname, p.proowner FROM pg_catalog.pg_proc p, s WHERE p.pronamespace = s.oid
                UNION ALL SELECT 'operator ' || x.oprname, x.oprowner FROM pg_catalog.pg_operator x, s WHERE x.oprnamespace = s.oid
                UNION ALL SELECT 'type ' || y.typname, y.typowner FROM pg_catalog.pg_type y, s WHERE y.typnamespace = s.oid AND y.typrelid = 0)
            SELECT DISTINCT o.what || ' (' || pg_catalog.pg_get_userbyid(o.who) || ')' FROM o, t
            WHERE o.who <> t.owner AND NOT pg_catalog.pg_has_role(o.who, t.owner, 'MEMBER')
            ORDER BY 1
            """).map(printable)
    }

    /// A name from the catalogue as a line of `heard check` shows it: a role or function may be
    /// named with a line break or an escape, which would forge a line (found by an attack).
    static func printable(_ name: String) -> String {
        TextSanitiser.clean(name, allowLineBreaks: false).0
    }

    /// Refuses, changing nothing, while the schema holds what another role made (`foreignObjects`).
    static func refuseForeignObjects(_ conn: any SQLConnection) throws {
        let foreign = try foreignObjects(conn)
        guard !foreign.isEmpty else { return }
        throw StoreError.refused("the record's schema holds what another role made, which Heard's functions would find before the server's own: \(namesWithMore(foreign)). The role that owns Heard's tables drops them (only it should make anything there); nothing was changed.")
    }

    /// Whether the search index's triggers are both there as Heard makes them, each firing (on
    /// the origin: 'O', or always: 'A'), on the columns the words come from, and running this
    /// schema's function for it (`heard_index_contacts` once a statement of adds,
    /// `heard_index_contact` for each row saved) with its body as made, as its owner, on the
    /// pinned path, the tables' owner's and no one else's to run (no grant to PUBLIC, which a
    /// function has when made, nor to any role). `heard check` says when not.
    static func searchIndexingAsMade(_ conn: any SQLConnection) throws -> Bool {
        // tgtype: 1 each row, 4 INSERT, 16 UPDATE (BEFORE would add 2); tgattr: the columns of
        // UPDATE OF; tgnewtable: the transition table's name.
        try conn.int("""
            SELECT count(*) FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid
            WHERE t.tgrelid = to_regclass('contacts')
              AND p.pronamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema())
              AND p.prosecdef AND t.tgenabled IN ('O', 'A')
              AND p.proowner = (SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = to_regclass('contacts'))
              AND p.proacl IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.aclexplode(p.proacl) a WHERE a.grantee <> p.proowner)
              AND p.proconfig = ARRAY['search_path=' || pg_catalog.quote_ident(current_schema()) || ', \(pinnedTail)']
              AND ((t.tgname = 'contacts_search_index' AND t.tgtype = 4 AND t.tgnewtable = 'heard_new'
                    AND p.proname = 'heard_index_contacts' AND p.prosrc = CAST(? AS TEXT))
                OR (t.tgname = 'contacts_search_reindex' AND t.tgtype = 17 AND t.tgqual IS NOT NULL
                    AND pg_catalog.array_length(t.tgattr, 1) = 5
                    AND p.proname = 'heard_index_contact' AND p.prosrc = CAST(? AS TEXT)))
            """, [.text(indexContactsBody), .text(indexContactBody)]) == 2
    }

    /// The search index's trigger function: a contact's words, remade whenever its text is
    /// written. Run as the tables' owner (`SECURITY DEFINER`) with the search path pinned when it
    /// is made (the schema, then `public`, `pg_catalog` and `pg_temp` last, so that no temporary
    /// table of the caller's is written instead) and the server's own function named: officers
    /// may not write `contacts_search` themselves (`PostgresRoles.install`, which makes it again).
    /// `heard_index_contacts` is its form for a statement's added rows. Both are the owner's
    /// alone to run: anyone may run a new function, and a trigger of an officer's own on a
    /// temporary table would run either with the owner's rights, writing any case's words
    /// (found by an attack on the upgrade, which made the new one without the roles' revoke).
    static let indexContactFunction = """
        CREATE OR REPLACE FUNCTION heard_index_contact() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$\(indexContactBody)$$;
        CREATE OR REPLACE FUNCTION heard_index_contacts() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$\(indexContactsBody)$$;
        REVOKE EXECUTE ON FUNCTION heard_index_contact(), heard_index_contacts() FROM PUBLIC;

        """

    /// `heard_index_contact`'s body, as the server keeps it (`prosrc`: what is between its `$$`).
    static let indexContactBody = """

        BEGIN
            INSERT INTO contacts_search (contact_id, words)
            VALUES (NEW.id, \(Store.searchWordsSQL(of: "NEW")))
            ON CONFLICT (contact_id) DO UPDATE SET words = excluded.words;
            RETURN NULL;
        END
        """ + " " // The space before the closing `$$` is the body's too.

    /// `heard_index_contacts`'s body: the words of every row a statement added.
    static let indexContactsBody = """

        BEGIN
            INSERT INTO contacts_search (contact_id, words)
            SELECT n.id, \(Store.searchWordsSQL(of: "n")) FROM heard_new AS n
            ON CONFLICT (contact_id) DO UPDATE SET words = excluded.words;
            RETURN NULL;
        END
        """ + " "

    /// `heard_fold` (accents and case folded) and `heard_words` (its words, as a tsvector), made
    /// so that the server can inline them into the statement that calls them: every name they
    /// use is qualified (the unaccent dictionary named, not looked up on the search path) and
    /// neither sets a search path. With `SET search_path` each call was a function call of its
    /// own with the setting saved and restored: 32 µs of the 53 the search index's trigger took
    /// per contact written (a third of a PostgreSQL import's time on the server). The words are
    /// the same: `SearchFunctionTests` compares both definitions on the same texts.
    static func searchFunctions(unaccentSchema schema: String?) -> String {
        let fold = schema.map {
            "pg_catalog.lower(\(quotedIdentifier($0)).unaccent(CAST('\(quotedIdentifier($0)).unaccent' AS pg_catalog.regdictionary), coalesce(t, '')))"
        } ?? "pg_catalog.lower(coalesce(t, ''))"
        return """
            CREATE OR REPLACE FUNCTION heard_fold(t TEXT) RETURNS TEXT LANGUAGE sql STABLE AS $$ SELECT \(fold) $$;
            CREATE OR REPLACE FUNCTION heard_words(t TEXT) RETURNS tsvector LANGUAGE sql STABLE AS $$
                SELECT pg_catalog.to_tsvector(CAST('pg_catalog.simple' AS pg_catalog.regconfig),
                    pg_catalog.regexp_replace(\(fold), '[[:punct:]]+', ' ', 'g')) $$;

            """
    }

    /// Remakes the search functions of a schema made by an older Heard (which set a search path
    /// on each, so the server could not inline them), in the caller's write transaction, run by
    /// the tables' owner; true when they were remade. The words they give are the same.
    static func inlineSearchFunctions(_ conn: any SQLConnection) throws -> Bool {
        let old = try conn.int("""
            SELECT count(*) FROM pg_catalog.pg_proc
            WHERE pronamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema())
              AND proname IN ('heard_fold', 'heard_words') AND proconfig IS NOT NULL
            """) ?? 0
        guard old > 0 else { return false }
        try remakeSearchFunctions(conn)
        return true
    }

    /// `heard_fold` and `heard_words` made (again) as `searchFunctions` makes them, with the
    /// unaccent dictionary where the server has it.
    static func remakeSearchFunctions(_ conn: any SQLConnection) throws {
        let schema = try conn.text("""
            SELECT n.nspname FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
            WHERE e.extname = 'unaccent'
            """)
        try conn.execute(searchFunctions(unaccentSchema: schema))
    }

    static let tables = """
        CREATE TABLE heard_schema (version BIGINT NOT NULL);

        CREATE TABLE contacts (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            reference TEXT COLLATE "C" NOT NULL,
            kind TEXT COLLATE "C" NOT NULL,
            received TEXT COLLATE "C" NOT NULL,
            channel TEXT COLLATE "C",
            service_area TEXT COLLATE "C" NOT NULL,
            team TEXT COLLATE "C" NOT NULL DEFAULT '',
            procedure TEXT COLLATE "C",
            complainant_name TEXT COLLATE "C" NOT NULL DEFAULT '',
            complainant_role TEXT COLLATE "C",
            cyp BIGINT NOT NULL DEFAULT 0,
            advocate TEXT COLLATE "C" NOT NULL DEFAULT '',
            subject_child TEXT COLLATE "C" NOT NULL DEFAULT '',
            summary TEXT COLLATE "C" NOT NULL DEFAULT '',
            officer TEXT COLLATE "C" NOT NULL DEFAULT '',
            events_date TEXT COLLATE "C",
            acceptance_decision TEXT COLLATE "C" NOT NULL DEFAULT '',
            status TEXT COLLATE "C" NOT NULL,
            stage BIGINT,
            closed_on TEXT COLLATE "C",
            legal_hold BIGINT NOT NULL DEFAULT 0,
            anonymised BIGINT NOT NULL DEFAULT 0,
            version BIGINT NOT NULL DEFAULT 1,
            last_response TEXT COLLATE "C",
            complainant_address TEXT COLLATE "C" NOT NULL DEFAULT '',
            complainant_phone TEXT COLLATE "C" NOT NULL DEFAULT '',
            complainant_email TEXT COLLATE "C" NOT NULL DEFAULT '',
            preferred_contact TEXT COLLATE "C",
            relationship_to_child TEXT COLLATE "C" NOT NULL DEFAULT '',
            authority_checked BIGINT,
            authority_checked_on TEXT COLLATE "C",
            subject_child_id TEXT COLLATE "C" NOT NULL DEFAULT '',
            subject_child_dob TEXT COLLATE "C",
            equality_age_band TEXT COLLATE "C",
            equality_gender TEXT COLLATE "C",
            equality_ethnicity TEXT COLLATE "C",
            equality_disability TEXT COLLATE "C",
            equality_religion TEXT COLLATE "C",
            equality_sexual_orientation TEXT COLLATE "C",
            legal_hold_reason TEXT COLLATE "C" NOT NULL DEFAULT '',
            legal_hold_on TEXT COLLATE "C",
            anonymised_on TEXT COLLATE "C"
        );
        -- SQLite's UNIQUE COLLATE NOCASE: unique ignoring the case of ASCII letters (lower() folds
        -- only those under the C collation).
        CREATE UNIQUE INDEX contacts_reference ON contacts (lower(reference));
        CREATE INDEX contacts_received_id ON contacts(received, id);
        CREATE INDEX contacts_status ON contacts(status);

        CREATE TABLE issues (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            contact_id BIGINT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            position BIGINT NOT NULL,
            category TEXT COLLATE "C" NOT NULL,
            detail TEXT COLLATE "C" NOT NULL DEFAULT '',
            finding1 TEXT COLLATE "C", finding2 TEXT COLLATE "C", finding3 TEXT COLLATE "C",
            finding1_text TEXT COLLATE "C" NOT NULL DEFAULT '',
            finding2_text TEXT COLLATE "C" NOT NULL DEFAULT '',
            finding3_text TEXT COLLATE "C" NOT NULL DEFAULT ''
        );
        CREATE INDEX issues_contact ON issues(contact_id);

        CREATE TABLE events (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            contact_id BIGINT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            kind TEXT COLLATE "C" NOT NULL,
            date TEXT COLLATE "C" NOT NULL,
            stage BIGINT,
            new_due TEXT COLLATE "C",
            reason TEXT COLLATE "C" NOT NULL DEFAULT '',
            outcome TEXT COLLATE "C",
            satisfied BIGINT,
            ombudsman_decision TEXT COLLATE "C",
            remedy TEXT COLLATE "C",
            amount_pence BIGINT
        );
        CREATE INDEX events_contact ON events(contact_id);
        CREATE INDEX events_date ON events(date, kind);

        CREATE TABLE learning_points (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            contact_id BIGINT REFERENCES contacts(id) ON DELETE SET NULL,
            theme TEXT COLLATE "C" NOT NULL,
            text TEXT COLLATE "C" NOT NULL DEFAULT '',
            date TEXT COLLATE "C" NOT NULL,
            service_area TEXT COLLATE "C" NOT NULL DEFAULT ''
        );
        CREATE INDEX learning_contact ON learning_points(contact_id);

        CREATE TABLE actions (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            title TEXT COLLATE "C" NOT NULL,
            detail TEXT COLLATE "C" NOT NULL DEFAULT '',
            owner TEXT COLLATE "C" NOT NULL DEFAULT '',
            service_area TEXT COLLATE "C" NOT NULL DEFAULT '',
            source_kind TEXT COLLATE "C",
            source_contact_id BIGINT REFERENCES contacts(id) ON DELETE SET NULL,
            source_learning_id BIGINT REFERENCES learning_points(id) ON DELETE SET NULL,
            source_meeting TEXT COLLATE "C" NOT NULL DEFAULT '',
            source_resolution TEXT COLLATE "C" NOT NULL DEFAULT '',
            created TEXT COLLATE "C" NOT NULL,
            due TEXT COLLATE "C",
            status TEXT COLLATE "C" NOT NULL DEFAULT 'open',
            drop_reason TEXT COLLATE "C" NOT NULL DEFAULT '',
            completed TEXT COLLATE "C",
            tags TEXT COLLATE "C" NOT NULL DEFAULT '',
            version BIGINT NOT NULL DEFAULT 1
        );
        CREATE INDEX actions_status ON actions(status, due);

        CREATE TABLE action_notes (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            action_id BIGINT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
            date TEXT COLLATE "C" NOT NULL,
            text TEXT COLLATE "C" NOT NULL
        );
        CREATE INDEX action_notes_action ON action_notes(action_id);

        CREATE TABLE holidays (
            date TEXT COLLATE "C" PRIMARY KEY,
            title TEXT COLLATE "C" NOT NULL
        );

        CREATE TABLE audit (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            at TEXT COLLATE "C" NOT NULL,
            who TEXT COLLATE "C" NOT NULL,
            session TEXT COLLATE "C" NOT NULL DEFAULT '',
            entity TEXT COLLATE "C" NOT NULL,
            entity_id BIGINT,
            reference TEXT COLLATE "C" NOT NULL DEFAULT '',
            action TEXT COLLATE "C" NOT NULL,
            changes TEXT COLLATE "C" NOT NULL DEFAULT '{}',
            batch TEXT COLLATE "C" NOT NULL DEFAULT '',
            undoes BIGINT,
            parent_id BIGINT
        );
        CREATE INDEX audit_entity ON audit(entity, entity_id);
        CREATE INDEX audit_session ON audit(session);
        CREATE INDEX audit_undoes ON audit(undoes);
        CREATE INDEX audit_reference ON audit(reference);
        CREATE INDEX audit_parent ON audit(parent_id) WHERE parent_id IS NOT NULL;

        CREATE TABLE stage_people (
            contact_id BIGINT PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
            investigating_officer TEXT COLLATE "C" NOT NULL DEFAULT '',
            independent_person TEXT COLLATE "C" NOT NULL DEFAULT '',
            panel_member_1 TEXT COLLATE "C" NOT NULL DEFAULT '',
            panel_member_2 TEXT COLLATE "C" NOT NULL DEFAULT '',
            panel_member_3 TEXT COLLATE "C" NOT NULL DEFAULT '',
            panel_date TEXT COLLATE "C"
        );

        CREATE TABLE contact_log (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            contact_id BIGINT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            direction TEXT COLLATE "C" NOT NULL,
            kind TEXT COLLATE "C" NOT NULL,
            with_whom TEXT COLLATE "C" NOT NULL DEFAULT '',
            at TEXT COLLATE "C" NOT NULL,
            note TEXT COLLATE "C" NOT NULL DEFAULT '',
            recorded_by TEXT COLLATE "C" NOT NULL DEFAULT ''
        );
        CREATE INDEX contact_log_by_contact ON contact_log(contact_id, at);
        CREATE TABLE letters (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            contact_id BIGINT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            template TEXT COLLATE "C" NOT NULL,
            stage BIGINT,
            sent TEXT COLLATE "C" NOT NULL,
            format TEXT COLLATE "C" NOT NULL DEFAULT 'md',
            body TEXT COLLATE "C" NOT NULL DEFAULT '',
            recorded_by TEXT COLLATE "C" NOT NULL DEFAULT ''
        );
        CREATE INDEX letters_by_contact ON letters(contact_id, sent);
        CREATE TABLE documents (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            contact_id BIGINT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            name TEXT COLLATE "C" NOT NULL,
            size BIGINT NOT NULL,
            type TEXT COLLATE "C" NOT NULL,
            added TEXT COLLATE "C" NOT NULL,
            sha256 TEXT COLLATE "C" NOT NULL,
            added_by TEXT COLLATE "C" NOT NULL DEFAULT '',
            data BYTEA NOT NULL
        );
        CREATE INDEX documents_by_contact ON documents(contact_id, id);

        CREATE TABLE audit_redaction (started TEXT COLLATE "C" NOT NULL);

        CREATE TABLE subject_access_requests (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            requested_at TEXT COLLATE "C" NOT NULL,
            who TEXT COLLATE "C" NOT NULL DEFAULT '',
            for_whom TEXT COLLATE "C" NOT NULL,
            due TEXT COLLATE "C" NOT NULL,
            cases TEXT COLLATE "C" NOT NULL DEFAULT '',
            completed TEXT COLLATE "C"
        );
        CREATE INDEX subject_access_open ON subject_access_requests(completed, due);

        CREATE TABLE reads (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            at TEXT COLLATE "C" NOT NULL,
            who TEXT COLLATE "C" NOT NULL,
            session TEXT COLLATE "C" NOT NULL DEFAULT '',
            contact_id BIGINT,
            reference TEXT COLLATE "C" NOT NULL DEFAULT '',
            via TEXT COLLATE "C" NOT NULL,
            after_audit BIGINT NOT NULL DEFAULT 0
        );
        CREATE INDEX reads_by_contact ON reads(contact_id, after_audit, id);
        CREATE INDEX reads_in_order ON reads(after_audit, id);
        """

    /// SQLite's triggers of v1, v10 and v12: the audit trail and the access log are never deleted;
    /// an audit row's `changes` alone may be rewritten, and only while `audit_redaction` holds a
    /// row (anonymisation's one transaction). TRUNCATE, which skips row triggers, is refused too.
    static let triggers = """
        CREATE FUNCTION heard_audit_no_update() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM audit_redaction)
               OR (NEW.id, NEW.at, NEW.who, NEW.session, NEW.entity, NEW.entity_id, NEW.reference,
                   NEW.action, NEW.batch, NEW.undoes, NEW.parent_id)
                  IS DISTINCT FROM
                  (OLD.id, OLD.at, OLD.who, OLD.session, OLD.entity, OLD.entity_id, OLD.reference,
                   OLD.action, OLD.batch, OLD.undoes, OLD.parent_id) THEN
                RAISE EXCEPTION 'the audit trail cannot be changed';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit FOR EACH ROW EXECUTE FUNCTION heard_audit_no_update();

        CREATE FUNCTION heard_audit_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the audit trail cannot be deleted';
        END $$;
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit FOR EACH ROW EXECUTE FUNCTION heard_audit_no_delete();
        CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION heard_audit_no_delete();

        CREATE FUNCTION heard_reads_no_update() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the access log cannot be changed';
        END $$;
        CREATE FUNCTION heard_reads_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the access log cannot be deleted';
        END $$;
        CREATE TRIGGER reads_no_update BEFORE UPDATE ON reads FOR EACH ROW EXECUTE FUNCTION heard_reads_no_update();
        CREATE TRIGGER reads_no_delete BEFORE DELETE ON reads FOR EACH ROW EXECUTE FUNCTION heard_reads_no_delete();
        CREATE TRIGGER reads_no_truncate BEFORE TRUNCATE ON reads FOR EACH STATEMENT EXECUTE FUNCTION heard_reads_no_delete();
        """
}

extension PostgresSchema {
    /// `name` as a PostgreSQL identifier, in double quotes, any inside doubled.
    static func quotedIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
