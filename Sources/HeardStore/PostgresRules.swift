/// The row rules that make the database, not the client, the authority for the audit (issue #15:
/// "enforced with GRANTs and row rules in the database"). Installed with the roles
/// (`PostgresRoles.install`, run by `heard init --postgres` and when an owner opens an older
/// schema); every statement can run again safely.
///
/// 1. Every transaction that changes a record table writes at least one audit row, checked at
///    COMMIT (each statement that changes rows notes its transaction; a deferred constraint
///    trigger checks the note); otherwise the whole transaction is refused (42501). The check is per transaction, not per contact: Heard's commands audit by
///    entity (a bulk escalation audits the event, not the contact whose version it bumps; an
///    anonymisation rewrites other people's subject-access rows under the one case's row; actions
///    and holidays belong to no contact), so a per-contact rule would need a mapping per table and
///    would still not prove the row's `changes` true. What it guarantees: no change without an audit
///    row in the same transaction, naming its author (`who`, forced) and its time (`at`, forced).
/// 2. An audit or access-log row's `id`, `at` and `who` are the server's: each the column's
///    default (the id from the table's sequence, `at` from the server's clock in the store's own
///    text form, `Store.timestamp`; `who` the login), and no role but the tables' owner may name
///    those columns in an INSERT (column grants: a row that names them is refused, 42501). Only
///    `heard migrate` (the tables' owner, `heard.copying` set) names them, to keep the history it
///    copies; the owner could also drop any rule here, so the rules guard the roles, not the owner.
///    `audit.xact` is always this transaction's id (its default; no role but the owner names it):
///    what rule 1 looks for.
enum PostgresRules {
    /// The record tables each rule 1 guards: every table officers may write (the GRANT list) but
    /// the search index, which a trigger keeps from `contacts`, the name index and its notes
    /// (`PostgresNameIndex`: derived from the record, taken by a search too, which audits
    /// nothing), and the writers' row.
    static let derivedTables: Set<String> = ["contacts_search", "name_words", "name_words_stale"]

    /// An audit row may have its `changes` rewritten by an anonymisation, nothing else, and its
    /// transaction (`xact`, v13) is kept too: with the redaction flag up an administrator moved an
    /// old row onto the current transaction, which then changed or removed cases with no audit
    /// row of its own (found by an attack). Made again over the v12 function, which predates `xact`.
    static let auditKeepsItsTransaction = """
        CREATE OR REPLACE FUNCTION heard_audit_no_update() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM audit_redaction)
               OR (NEW.id, NEW.at, NEW.who, NEW.session, NEW.entity, NEW.entity_id, NEW.reference,
                   NEW.action, NEW.batch, NEW.undoes, NEW.parent_id, NEW.xact)
                  IS DISTINCT FROM
                  (OLD.id, OLD.at, OLD.who, OLD.session, OLD.entity, OLD.entity_id, OLD.reference,
                   OLD.action, OLD.batch, OLD.undoes, OLD.parent_id, OLD.xact) THEN
                RAISE EXCEPTION 'the audit trail cannot be changed';
            END IF;
            RETURN NEW;
        END $$;
        """

    static func auditedTables(_ conn: any SQLConnection) throws -> [String] {
        let tables = try conn.texts("SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
        return tables.filter { !PostgresRoles.guarded.contains($0) && !derivedTables.contains($0) }
    }

    /// Installs both rules inside the caller's transaction (run by the tables' owner).
    static func install(_ conn: any SQLConnection) throws {
        try conn.execute(serverKeys)
        try conn.execute(stamps)
        try conn.execute(requireAudit)
        try conn.execute(auditKeepsItsTransaction)
        for table in try auditedTables(conn) {
            let t = PostgresRoles.quoted(table)
            // The per-row check of an older Heard goes: one statement's note now stands for its rows.
            var script = "DROP TRIGGER IF EXISTS \(PostgresRoles.quoted(table + "_audited")) ON \(t);\n"
            for (suffix, event, rows) in noteTriggers {
                script += """
                    DROP TRIGGER IF EXISTS \(PostgresRoles.quoted(table + suffix)) ON \(t);
                    CREATE TRIGGER \(PostgresRoles.quoted(table + suffix)) AFTER \(event) ON \(t)
                        REFERENCING \(rows) TABLE AS heard_changed FOR EACH STATEMENT EXECUTE FUNCTION heard_note_change();

                    """
            }
            try conn.execute(script)
        }
    }

    /// The triggers that note a change on a record table, one per kind of statement (a trigger
    /// with its rows as a table has one event): name suffix, event, the rows it reads.
    static let noteTriggers = [("_noted_insert", "INSERT", "NEW"), ("_noted_update", "UPDATE", "NEW"), ("_noted_delete", "DELETE", "OLD")]

    /// Whether both rules are there (for `PostgresRoles.isSetUp`): the logs' columns the server
    /// fills have their defaults (no stamping trigger left), the ids are no identity, and every
    /// record table has its check.
    static func isInstalled(_ conn: any SQLConnection) throws -> Bool {
        // Each log's server-filled columns have their defaults, and no stamping trigger of v18 is left.
        let stamped = try conn.int("""
            SELECT count(*) FROM pg_catalog.pg_attrdef d JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
            WHERE (d.adrelid = to_regclass('audit') AND a.attname IN ('id', 'at', 'who', 'xact'))
               OR (d.adrelid = to_regclass('reads') AND a.attname IN ('id', 'at', 'who'))
            """) ?? 0
        let triggered = try conn.int("""
            SELECT count(*) FROM pg_catalog.pg_trigger
            WHERE (tgname = 'audit_who' AND tgrelid = to_regclass('audit')) OR (tgname = 'reads_who' AND tgrelid = to_regclass('reads'))
            """) ?? 0
        let stampChecked = try conn.int("""
            SELECT count(*) FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid
            WHERE (t.tgname = 'audit_stamped' AND t.tgrelid = to_regclass('audit') AND p.proname = 'heard_check_audit')
               OR (t.tgname = 'reads_stamped' AND t.tgrelid = to_regclass('reads') AND p.proname = 'heard_check_reads')
            """) ?? 0
        guard stamped == 7, triggered == 0, stampChecked == 2 else { return false }
        let identities = try conn.int("""
            SELECT count(*) FROM pg_catalog.pg_attribute
            WHERE attrelid IN (to_regclass('audit'), to_regclass('reads')) AND attname = 'id' AND attidentity <> ''
            """) ?? 0
        guard identities == 0 else { return false }
        let tables = try auditedTables(conn)
        let noted = try conn.int("""
            SELECT count(*) FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
            JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid
            WHERE c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema())
              AND t.tgname IN (c.relname || '_noted_insert', c.relname || '_noted_update', c.relname || '_noted_delete')
              AND p.proname = 'heard_note_change'
            """) ?? 0
        let checked = try conn.int("""
            SELECT count(*) FROM pg_catalog.pg_trigger
            WHERE tgname = 'heard_audit_due_checked' AND tgrelid = to_regclass('heard_audit_due') AND tgdeferrable AND tginitdeferred
            """) ?? 0
        return noted == tables.count * noteTriggers.count && checked == 1
    }

    /// The audit's and the access log's ids from a sequence of their own, not an identity column:
    /// an identity column keeps an id the client chose (9e18, or the next ones reserved). The
    /// sequence is the column's default (`stamps`), and no role but the owner may name the column.
    /// Ids stay 1, 2, 3…, as on SQLite. Named so `pg_get_serial_sequence` (`heard migrate`) finds them.
    static let serverKeys = """
        DO $$
        BEGIN
            IF (SELECT attidentity FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass('audit') AND attname = 'id') <> '' THEN
                ALTER TABLE audit ALTER COLUMN id DROP IDENTITY;
                CREATE SEQUENCE IF NOT EXISTS heard_audit_id OWNED BY audit.id;
                PERFORM setval('heard_audit_id', coalesce((SELECT max(id) FROM audit), 0) + 1, false);
            END IF;
            IF (SELECT attidentity FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass('reads') AND attname = 'id') <> '' THEN
                ALTER TABLE reads ALTER COLUMN id DROP IDENTITY;
                CREATE SEQUENCE IF NOT EXISTS heard_reads_id OWNED BY reads.id;
                PERFORM setval('heard_reads_id', coalesce((SELECT max(id) FROM reads), 0) + 1, false);
            END IF;
        END $$;
        """

    /// `who`, `id` and `at` given by the server to every new audit and access-log row, and the
    /// audit row's transaction (`xact`), for the rule below: each column's default, and no role
    /// but the tables' owner may name those columns in an INSERT (`PostgresRoles.install` grants
    /// INSERT on the others only: `insertedByServer`), which is refused (42501) as any statement a
    /// GRANT refuses. A column grant is not the whole rule: PostgreSQL checks the columns a
    /// statement names, and an INSERT through a temporary view of the log fills the rest from the
    /// view's own defaults, unchecked (an attack wrote rows as another officer, back-dated, with
    /// the next ids taken ahead, and with `xact`s of transactions to come, which let a later change
    /// of the record pass rule 1 with no audit row of its own). So each INSERT statement's rows are
    /// then checked together (`check`, AFTER INSERT FOR EACH STATEMENT over the rows as a table):
    /// `who` the login, `at` the statement's time, `xact` this transaction, `id` from 1 to this
    /// session's last from the sequence (a second attack gave rows ids of -7 and 0, listed before
    /// the whole history); else the statement is refused. Left: an id below that which no row has
    /// (one taken and not used), as a long transaction's row lands below later ones anyway. Only
    /// the tables' owner names them, as the grants let it: `heard migrate`, to keep the history it
    /// copies (the owner can drop any of these rules, so they guard the roles, not the owner).
    /// `at` as `Store.timestamp` writes it (UTC, to the second, "2026-03-16T09:30:00Z"), from the
    /// statement's start, so that the check sees what the default gave.
    /// Why not the BEFORE INSERT trigger of v18 and before (`audit_who`, `reads_who`, dropped
    /// here with their functions): a PL/pgSQL call on every row. Measured in SQL as an officer,
    /// 100,000 audit rows in statements of 500 (the table emptied before each, six runs, order
    /// rotated): about 815 ms with that trigger, 620 with the defaults and this check, 585 with
    /// the defaults alone. The check is one call for a statement's rows, its values worked out once.
    static let stamps = """
        ALTER TABLE audit
            ALTER COLUMN id SET DEFAULT nextval('heard_audit_id'),
            ALTER COLUMN at SET DEFAULT \(now),
            ALTER COLUMN who SET DEFAULT CAST(session_user AS TEXT),
            ALTER COLUMN xact SET DEFAULT txid_current();
        ALTER TABLE reads
            ALTER COLUMN id SET DEFAULT nextval('heard_reads_id'),
            ALTER COLUMN at SET DEFAULT \(now),
            ALTER COLUMN who SET DEFAULT CAST(session_user AS TEXT);
        DROP TRIGGER IF EXISTS audit_who ON audit;
        DROP TRIGGER IF EXISTS reads_who ON reads;
        DROP FUNCTION IF EXISTS heard_stamp_audit();
        DROP FUNCTION IF EXISTS heard_stamp_reads();
        \(check("audit", sequence: "heard_audit_id", also: " OR xact IS DISTINCT FROM tx"))
        \(check("reads", sequence: "heard_reads_id", also: ""))
        """

    /// The statement check of `stamps` on `table`: the function `heard_check_<table>` and its
    /// trigger `<table>_stamped`. `also`: more of the condition a row is refused by.
    private static func check(_ table: String, sequence: String, also: String) -> String {
        """
        CREATE OR REPLACE FUNCTION heard_check_\(table)() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        DECLARE
            stamp TEXT := \(now);
            login TEXT := CAST(session_user AS TEXT);
            tx BIGINT := pg_catalog.txid_current();
            last BIGINT;
        BEGIN
            IF heard_is_owner(TG_RELID) THEN
                RETURN NULL;
            END IF;
            BEGIN
                last := pg_catalog.currval('\(sequence)');
            EXCEPTION WHEN object_not_in_prerequisite_state OR insufficient_privilege THEN
                last := 0;  -- no id taken from the sequence in this session: none may be given
            END;
            IF EXISTS (SELECT 1 FROM heard_rows WHERE who IS DISTINCT FROM login OR at IS DISTINCT FROM stamp
                         OR id < 1 OR id > last\(also)) THEN
                RAISE EXCEPTION 'a row of % whose id, time or author is not the server''s is refused: the server gives them; nothing was written', TG_TABLE_NAME
                    USING ERRCODE = '42501';
            END IF;
            RETURN NULL;
        END $$;
        DROP TRIGGER IF EXISTS \(table)_stamped ON \(table);
        CREATE TRIGGER \(table)_stamped AFTER INSERT ON \(table) REFERENCING NEW TABLE AS heard_rows
            FOR EACH STATEMENT EXECUTE FUNCTION heard_check_\(table)();

        """
    }

    /// The server's time as `Store.timestamp` writes it.
    static let now = #"pg_catalog.to_char(pg_catalog.statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')"#

    /// The columns of each guarded log the server fills (`stamps`): no role may name them.
    static let insertedByServer: [String: Set<String>] = ["audit": ["id", "at", "who", "xact"], "reads": ["id", "at", "who"]]

    /// The GRANTs of INSERT on `table` to `roles`: every column of it but those the server fills,
    /// read from the catalogue (so a column added later is granted with the rest). A table-wide
    /// INSERT granted before (v18 and older) is taken back first.
    static func insertGrant(_ conn: any SQLConnection, _ table: String, to roles: String) throws -> String {
        let columns = try conn.texts("""
            SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped ORDER BY attnum
            """, [.text(table)])
        let granted = columns.filter { !(insertedByServer[table] ?? []).contains($0) }.map(PostgresRoles.quoted)
        return """
            REVOKE INSERT ON \(table) FROM \(roles);
            GRANT INSERT (\(granted.joined(separator: ", "))) ON \(table) TO \(roles);
            """
    }

    /// Whether the server gives each audit row the login as its `who`: by the column's default
    /// (`stamps`, v19) or by the trigger of v18 and before (which an older schema has until its
    /// owner opens it).
    static let stampsWhoCondition = "(\(fillsLogsCondition) OR EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgname = 'audit_who' AND tgrelid = to_regclass('audit')))"

    /// Whether the server fills the logs' `at` and `who` (`stamps`, v19; or the trigger function
    /// of v16-v18, `heard_stamp_audit`, which set both), so that the client leaves them out
    /// (`Store.serverStamps`), and a session opened before its owner's upgrade to v19 writes on
    /// after it. Not the older triggers, some of which set `who` alone.
    static let fillsLogsCondition = """
        (EXISTS (SELECT 1 FROM pg_catalog.pg_attrdef d JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
                 WHERE d.adrelid = to_regclass('audit') AND a.attname = 'who')
         OR EXISTS (SELECT 1 FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid
                    WHERE t.tgname = 'audit_who' AND t.tgrelid = to_regclass('audit') AND p.proname = 'heard_stamp_audit'))
        """

    /// The audit rule's functions (`requireAudit`), each with what follows its name and its body
    /// as the server keeps it (`prosrc`): `heard check` compares them (`PostgresSchema.
    /// definerFunctionsAmiss`), since one replaced (the check at COMMIT made to pass, the note
    /// made to note nothing) turned the rule off unseen (found by an attack). Each body is the
    /// text an earlier Heard made it with, to the byte, so that a record it set up is not called
    /// changed.
    static let auditRuleFunctions: [(name: String, head: String, body: String)] = [
        ("heard_note_change", "RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER", "\n" + """
            BEGIN
                IF EXISTS (SELECT 1 FROM heard_changed) THEN
                    INSERT INTO heard_audit_due (xact, first_table) VALUES (pg_catalog.txid_current(), TG_TABLE_NAME) ON CONFLICT (xact) DO NOTHING;
                END IF;
                RETURN NULL;
            END
            """ + " "),
        ("heard_audit_due_clear", "RETURNS void LANGUAGE sql SECURITY DEFINER",
         "\n    DELETE FROM heard_audit_due WHERE xact = pg_catalog.txid_current()\n"),
        ("heard_check_audit_due", "RETURNS trigger LANGUAGE plpgsql", "\n" + """
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM audit WHERE xact = NEW.xact)
                   AND NOT (coalesce(current_setting('heard.copying', true), '') = 'on' AND heard_is_owner(TG_RELID)) THEN
                    RAISE EXCEPTION 'a change to % with no audit row in the same transaction is refused (Heard writes one for every change)', NEW.first_table
                        USING ERRCODE = '42501';
                END IF;
                PERFORM heard_audit_due_clear();
                RETURN NULL;
            END
            """ + " "),
    ]

    /// Rule 1. Each statement that changed rows of a record table notes its transaction in
    /// `heard_audit_due` (once: the transaction is the key), and the note is checked at COMMIT by a
    /// deferred constraint trigger: one probe of `audit_xact` (the audit table's index on `xact`)
    /// per transaction. It was a deferred trigger on every changed row, a plpgsql call and a probe
    /// each: 100,000 of them for a bulk change (half a second on a team's server), 600,000 for an
    /// import. No role may write `heard_audit_due` but the note's function (run with its owner's
    /// rights, `SECURITY DEFINER`); a note cannot be taken back before COMMIT (its check fires for
    /// the row inserted, deleted or not), and goes when checked (`heard_audit_due_clear`, which
    /// clears this transaction's note only). A statement that changed no row notes nothing, as a
    /// row trigger fired for none. The copy of `heard migrate` by the tables' owner is exempt (it
    /// copies the history's own audit rows, or none for an empty record). The two functions run
    /// with the owner's rights name the server's own functions with their schema (`pg_catalog`):
    /// the search path puts `public` before it, where another role might have made one of the
    /// same name. Both are made afresh by every set-up (the note's triggers with them) and given
    /// to the tables' owner, the note's the owner's alone to run: replaced in place, a function
    /// keeps its owner and its grants, a superuser's or another hand's.
    static let requireAudit = """
        CREATE TABLE IF NOT EXISTS heard_audit_due (xact BIGINT PRIMARY KEY, first_table TEXT NOT NULL);
        REVOKE ALL ON heard_audit_due FROM PUBLIC, heard_officer, heard_manager, heard_admin;
        \(PostgresSchema.dropFunctions(auditRuleFunctions.map { $0.name + "()" }))
        """ + auditRuleFunctions.map {
            "CREATE FUNCTION \($0.name)() \($0.head) SET search_path FROM CURRENT AS $$\($0.body)$$;\n"
        }.joined() + """
        DROP TRIGGER IF EXISTS heard_audit_due_checked ON heard_audit_due;
        CREATE CONSTRAINT TRIGGER heard_audit_due_checked AFTER INSERT ON heard_audit_due
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION heard_check_audit_due();
        """ + PostgresSchema.definerFunctionsToTablesOwner(["heard_note_change()"])
        + PostgresSchema.definerFunctionsToTablesOwner(["heard_audit_due_clear()"], closed: false)
        // Every writer's COMMIT runs it, whatever the owner's default privileges took from PUBLIC.
        + "GRANT EXECUTE ON FUNCTION heard_audit_due_clear() TO PUBLIC;\n"
}
