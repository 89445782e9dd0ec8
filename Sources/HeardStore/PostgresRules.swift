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
/// 2. An audit or access-log row's `id`, `at` and `who` are the server's: the id from the table's
///    sequence (the column has no default any more, so a chosen id is overwritten, never kept), `at`
///    from the server's clock in the store's own text form (`Store.timestamp`). Only `heard migrate`
///    (`heard.copying` set by an administrator or the tables' owner) keeps the history it copies.
///    `audit.xact` is always this transaction's id: what rule 1 looks for.
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
        CREATE OR REPLACE FUNCTION heard_audit_no_update() RETURNS trigger LANGUAGE plpgsql AS $$
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

    /// Whether both rules are there (for `PostgresRoles.isSetUp`): the stamping triggers run the
    /// new functions, the ids have no default, and every record table has its check.
    static func isInstalled(_ conn: any SQLConnection) throws -> Bool {
        let stamped = try conn.int("""
            SELECT count(*) FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid
            WHERE (t.tgname = 'audit_who' AND t.tgrelid = to_regclass('audit') AND p.proname = 'heard_stamp_audit')
               OR (t.tgname = 'reads_who' AND t.tgrelid = to_regclass('reads') AND p.proname = 'heard_stamp_reads')
            """) ?? 0
        guard stamped == 2 else { return false }
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

    /// The audit's and the access log's ids from a sequence of their own, with no default on the
    /// column: an identity column keeps an id the client chose (9e18, or the next ones reserved),
    /// and a trigger that replaced the default's value would use two per row (ids must stay
    /// 1, 2, 3…, as on SQLite). Named so `pg_get_serial_sequence` (`heard migrate`) finds them.
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

    /// `who`, `id` and `at` set by the server on every new audit and access-log row, unless the
    /// tables' owner copies a record (`heard migrate`); `at` as `Store.timestamp`
    /// writes it (UTC, to the second, "2026-03-16T09:30:00Z"). The audit row also records its
    /// transaction (`xact`), whoever writes it, for the rule below.
    static let stamps = stamp("audit", sequence: "heard_audit_id", also: "NEW.xact := txid_current();")
        + stamp("reads", sequence: "heard_reads_id", also: "") + """
        DROP TRIGGER IF EXISTS audit_who ON audit;
        CREATE TRIGGER audit_who BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION heard_stamp_audit();
        DROP TRIGGER IF EXISTS reads_who ON reads;
        CREATE TRIGGER reads_who BEFORE INSERT ON reads FOR EACH ROW EXECUTE FUNCTION heard_stamp_reads();
        """

    /// The BEFORE INSERT function `heard_stamp_<table>`: who, id (from `sequence`) and at, then
    /// `also` (a statement run for every row, whoever writes it).
    private static func stamp(_ table: String, sequence: String, also: String) -> String {
        let now = #"to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')"#
        return """
            CREATE OR REPLACE FUNCTION heard_stamp_\(table)() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
            BEGIN
                IF NOT (coalesce(current_setting('heard.copying', true), '') = 'on' AND heard_is_owner(TG_RELID)) THEN
                    NEW.who := session_user;
                    NEW.id := nextval('\(sequence)');
                    NEW.at := \(now);
                ELSE
                    -- A copy keeps what it copies; what it leaves out the server gives, as to anyone.
                    NEW.id := coalesce(NEW.id, nextval('\(sequence)'));
                    NEW.at := coalesce(NEW.at, \(now));
                END IF;
                \(also)
                RETURN NEW;
            END $$;

            """
    }

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
    /// same name.
    static let requireAudit = """
        CREATE TABLE IF NOT EXISTS heard_audit_due (xact BIGINT PRIMARY KEY, first_table TEXT NOT NULL);
        REVOKE ALL ON heard_audit_due FROM PUBLIC;
        CREATE OR REPLACE FUNCTION heard_note_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM heard_changed) THEN
                INSERT INTO heard_audit_due (xact, first_table) VALUES (pg_catalog.txid_current(), TG_TABLE_NAME) ON CONFLICT (xact) DO NOTHING;
            END IF;
            RETURN NULL;
        END $$;
        CREATE OR REPLACE FUNCTION heard_audit_due_clear() RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path FROM CURRENT AS $$
            DELETE FROM heard_audit_due WHERE xact = pg_catalog.txid_current()
        $$;
        CREATE OR REPLACE FUNCTION heard_check_audit_due() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM audit WHERE xact = NEW.xact)
               AND NOT (coalesce(current_setting('heard.copying', true), '') = 'on' AND heard_is_owner(TG_RELID)) THEN
                RAISE EXCEPTION 'a change to % with no audit row in the same transaction is refused (Heard writes one for every change)', NEW.first_table
                    USING ERRCODE = '42501';
            END IF;
            PERFORM heard_audit_due_clear();
            RETURN NULL;
        END $$;
        DROP TRIGGER IF EXISTS heard_audit_due_checked ON heard_audit_due;
        CREATE CONSTRAINT TRIGGER heard_audit_due_checked AFTER INSERT ON heard_audit_due
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION heard_check_audit_due();
        """
}
