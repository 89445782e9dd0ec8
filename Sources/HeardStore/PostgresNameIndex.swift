/// The name index on PostgreSQL (schema v14): SQLite's (`Schema.nameIndexSQL`, `Store+NameIndex`)
/// with the server's own parts. `name_words` holds each case's words as subject access folds them
/// (one space between), with a GIN index over them as an array, so that a search asks for the
/// cases whose words contain every word of the name; `name_words_stale` notes the cases whose
/// text changed since their words were taken, written by triggers whoever changes the text (a
/// hand-written statement in psql too). The words themselves are split in Swift (`NameWords`),
/// as on SQLite, and taken by the store (`Store.takeNameWords`) in the same places.
///
/// What differs from SQLite: every case has its row from the moment it is added (made by the
/// trigger that notes it, `words` NULL until taken), and a case deleted takes its row with it by
/// the foreign key (the server's cascade, run as the table's owner); officers may not delete a
/// row (`PostgresRoles.install`), so no row can go missing but by the owner's hand, and a search
/// need not count rows against cases (17 ms at 100,000 on the server, where the index answers in
/// 3): it checks that every case without words is noted (`name_words_untaken`, a partial index
/// of those only). Rows added or removed are noted once per statement from its transition table
/// (an import of 64 contacts to a statement notes them in one insert, not 64 trigger calls); a
/// change is noted by a row trigger that fires only when a column that can hold a name is
/// written with another value. Unlike SQLite's, a case's part added or removed is noted even when
/// the case is noted already: whether its words were taken depends on what this transaction sees,
/// and another session taking them meanwhile read the text without the uncommitted part (an
/// attack found a log line so left out for good). Only the tables' owner can drop, disable or replace these
/// triggers; a search checks they are there, enabled and calling the functions with the text
/// Heard gave them (`nameIndexTriggersNotAsMade`).
extension PostgresSchema {
    /// The functions the triggers call, each with its body as the server keeps it (`prosrc`).
    static let nameIndexFunctions: [(name: String, body: String)] = [
        ("heard_name_rows_noted", """

            BEGIN
                IF TG_TABLE_NAME = 'contacts' THEN
                    INSERT INTO name_words (contact_id) SELECT id FROM heard_rows ON CONFLICT (contact_id) DO UPDATE SET words = NULL;
                    INSERT INTO name_words_stale (contact_id) SELECT id FROM heard_rows;
                ELSIF TG_TABLE_NAME = 'events' THEN
                    INSERT INTO name_words_stale (contact_id) SELECT DISTINCT r.contact_id FROM heard_rows r WHERE r.reason <> '';
                ELSE
                    INSERT INTO name_words_stale (contact_id) SELECT DISTINCT r.contact_id FROM heard_rows r;
                END IF;
                RETURN NULL;
            END
            """),
        ("heard_name_row_changed", """

            BEGIN
                IF TG_TABLE_NAME = 'contacts' THEN
                    INSERT INTO name_words_stale (contact_id) VALUES (NEW.id);
                ELSE
                    INSERT INTO name_words_stale (contact_id) VALUES (OLD.contact_id);
                    IF NEW.contact_id IS DISTINCT FROM OLD.contact_id THEN
                        INSERT INTO name_words_stale (contact_id) VALUES (NEW.contact_id);
                    END IF;
                END IF;
                RETURN NULL;
            END
            """),
    ]

    /// Each trigger: its name, table and function, and what the server keeps of its definition:
    /// its type (`tgtype`: 4 AFTER INSERT and 8 AFTER DELETE for each statement, 17 AFTER UPDATE
    /// for each row), its transition table, the columns an UPDATE trigger watches and its WHEN.
    /// Rows added (and, for a case's parts, removed) are noted per statement; a change per row,
    /// only when a named column's value changed.
    struct NameIndexTrigger {
        var name, table, function: String
        var type: Int
        var transition: String?
        var columns: [String]
        var when: String?
        var sql: String {
            let timing: String
            switch type {
            case 4: timing = "AFTER INSERT ON \(table) REFERENCING NEW TABLE AS \(transition ?? "") FOR EACH STATEMENT"
            case 8: timing = "AFTER DELETE ON \(table) REFERENCING OLD TABLE AS \(transition ?? "") FOR EACH STATEMENT"
            default: timing = "AFTER UPDATE OF \(columns.joined(separator: ", ")) ON \(table) FOR EACH ROW WHEN (\(when ?? "true"))"
            }
            return "CREATE TRIGGER \(name) \(timing) EXECUTE FUNCTION \(function)()"
        }
    }

    static let nameIndexTriggers: [NameIndexTrigger] = {
        func changed(_ short: String, _ table: String, _ columns: [String]) -> NameIndexTrigger {
            NameIndexTrigger(name: "name_stale_\(short)_changed", table: table, function: "heard_name_row_changed", type: 17, transition: nil,
                             columns: columns, when: columns.map { "OLD.\($0) IS DISTINCT FROM NEW.\($0)" }.joined(separator: " OR "))
        }
        // Its id too: a case given another id keeps its row (the foreign key), noted under the new one.
        let contactColumns = Store.nameSources.first { $0.table == "contacts" }!.columns + ["id"]
        var out = [
            NameIndexTrigger(name: "name_stale_contact_added", table: "contacts", function: "heard_name_rows_noted", type: 4, transition: "heard_rows",
                             columns: [], when: nil),
            changed("contact", "contacts", contactColumns),
        ]
        // A case's parts: the columns that can hold a name (`Store.nameSources`), and the case it belongs to.
        for (short, table) in [("issue", "issues"), ("event", "events"), ("people", "stage_people"), ("log", "contact_log"), ("letter", "letters")] {
            let columns = Store.nameSources.first { $0.table == table }!.columns + ["contact_id"]
            out.append(NameIndexTrigger(name: "name_stale_\(short)_added", table: table, function: "heard_name_rows_noted", type: 4,
                                        transition: "heard_rows", columns: [], when: nil))
            out.append(changed(short, table, columns))
            out.append(NameIndexTrigger(name: "name_stale_\(short)_removed", table: table, function: "heard_name_rows_noted", type: 8,
                                        transition: "heard_rows", columns: [], when: nil))
        }
        return out
    }()

    /// A WHEN as compared: without brackets, spaces or case (the server keeps it deparsed,
    /// "((old.x IS DISTINCT FROM new.x) OR …)").
    static func comparable(_ when: String?) -> String {
        String((when ?? "").lowercased().filter { $0 != "(" && $0 != ")" && !$0.isWhitespace })
    }

    /// The functions as made (`CREATE OR REPLACE`: making them again mends one replaced by hand).
    static var nameIndexFunctionsSQL: String {
        nameIndexFunctions.map {
            "CREATE OR REPLACE FUNCTION \($0.name)() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$\($0.body)$$;\n"
        }.joined()
    }

    /// The tables, their index, the functions and the triggers, made in an empty schema or added to
    /// an older one (`upgrade`), inside the caller's write transaction after `pinSearchPath`; what
    /// is there already is kept (the triggers made again). Every case already there is noted, so
    /// the first search that can write takes their words.
    static var nameIndexSQL: String {
        """
        CREATE TABLE IF NOT EXISTS name_words (
            contact_id BIGINT PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE ON UPDATE CASCADE,
            words TEXT COLLATE "C"
        );
        CREATE INDEX IF NOT EXISTS name_words_each ON name_words USING GIN (pg_catalog.string_to_array(words, ' '));
        CREATE INDEX IF NOT EXISTS name_words_untaken ON name_words (contact_id) WHERE words IS NULL;
        CREATE TABLE IF NOT EXISTS name_words_stale (contact_id BIGINT NOT NULL);
        ALTER TABLE name_words_stale SET (autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0);

        """ + nameIndexFunctionsSQL + nameIndexTriggers.map { "DROP TRIGGER IF EXISTS \($0.name) ON \($0.table);\n\($0.sql);\n" }.joined()
            + "INSERT INTO name_words (contact_id) SELECT id FROM contacts ON CONFLICT (contact_id) DO UPDATE SET words = NULL;\n"
            + "INSERT INTO name_words_stale (contact_id) SELECT id FROM contacts;\n"
    }

    /// 1 when the schema holds the name index (its stale list), asked on connecting.
    static let hasNameIndex = "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = 'name_words_stale'"

    /// The index's triggers that are gone, disabled (`ALTER TABLE … DISABLE TRIGGER`), on
    /// another table, made for other events, columns or WHEN, or calling a function that is not
    /// as Heard made it (its body, its search path, not SECURITY DEFINER): changes may then not
    /// have been noted, or noted elsewhere. Only the tables' owner (or a superuser) can do any of
    /// these (an attack did each).
    static func nameIndexTriggersNotAsMade(_ conn: any SQLConnection) throws -> [String] {
        struct Found { var table, enabled, function, body: String; var type: Int; var transition, columns, when: String; var pathAsMade, definer: Bool }
        var found: [String: Found] = [:]
        try conn.each("""
            SELECT t.tgname, c.relname, t.tgenabled, p.proname, p.prosrc, t.tgtype, coalesce(t.tgnewtable, t.tgoldtable, ''),
                   coalesce((SELECT string_agg(a.attname, ',' ORDER BY k.i) FROM unnest(CAST(t.tgattr AS int2[])) WITH ORDINALITY AS k(n, i)
                             JOIN pg_catalog.pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = k.n), ''),
                   coalesce(substring(pg_catalog.pg_get_triggerdef(t.oid) from ' WHEN (.*) EXECUTE '), ''),
                   CAST(coalesce(p.proconfig = ARRAY['search_path=' || pg_catalog.quote_ident(current_schema()) || ', \(pinnedTail)']
                                 OR p.proconfig = ARRAY['search_path=' || pg_catalog.quote_ident(current_schema()) || ', \(pinnedTailBefore18)'], false) AS INT),
                   CAST(p.prosecdef AS INT)
            FROM pg_catalog.pg_trigger t
            JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid
            WHERE c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema())
              AND t.tgname LIKE 'name\\_stale\\_%' AND NOT t.tgisinternal
            """) { r in
            found[r.text(0)] = Found(table: r.text(1), enabled: r.text(2), function: r.text(3), body: r.text(4), type: r.int(5), transition: r.text(6),
                                     columns: r.text(7), when: r.text(8), pathAsMade: r.int(9) != 0, definer: r.int(10) != 0)
        }
        let bodies = Dictionary(uniqueKeysWithValues: nameIndexFunctions.map { ($0.name, $0.body) })
        return nameIndexTriggers.filter { t in
            guard let f = found[t.name] else { return true }
            // 'O': fires in the ordinary (origin) replication role, as made.
            return f.table != t.table || f.enabled != "O" || f.function != t.function || f.body != bodies[t.function]
                || f.type != t.type || f.transition != (t.transition ?? "") || f.columns != t.columns.joined(separator: ",")
                || comparable(f.when) != comparable(t.when) || !f.pathAsMade || f.definer
        }.map(\.name)
    }

    /// Cases with no words taken yet (`name_words_untaken`), at most `limit` + 1 of them: each must
    /// be noted, or a search would miss its text.
    static func untakenCases(_ conn: any SQLConnection, limit: Int) throws -> [Int64] {
        try conn.ints("SELECT contact_id FROM name_words WHERE words IS NULL LIMIT \(limit + 1)")
    }

    /// Makes the functions and the named triggers again as Heard makes them (the tables' owner
    /// only), in the caller's write transaction.
    static func remakeNameIndexTriggers(_ conn: any SQLConnection, _ names: Set<String>) throws {
        try conn.execute(pinSearchPath)
        try conn.execute(nameIndexFunctionsSQL)
        for t in nameIndexTriggers where names.contains(t.name) {
            try conn.execute("DROP TRIGGER IF EXISTS \(t.name) ON \(t.table)")
            try conn.execute(t.sql)
        }
    }
}
