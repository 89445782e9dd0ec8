/// Heard's three group roles on PostgreSQL and what each may do, enforced by the server itself
/// (GRANTs and triggers), so that a hand-written statement in psql is refused as a key is hidden:
/// - `heard_manager` reads everything and logs its own reads (INSERT on `reads`), nothing else;
/// - `heard_officer` changes the record and adds to the audit and the access log, never rewrites
///   them, and never anonymises or disposes (a trigger on `contacts` refuses it);
/// - `heard_admin` is an officer who may also anonymise and dispose (rewrite an audit row's
///   `changes` while `audit_redaction` holds a row).
/// Made by `heard init --postgres URL` (`Store.setUpRoles`); every statement is idempotent.
enum PostgresRoles {
    static let officer = "heard_officer", manager = "heard_manager", admin = "heard_admin"
    static let all = [officer, manager, admin]

    /// Tables no officer writes freely: the audit and the access log (INSERT only), the
    /// redaction flag (granted to officers, so that an anonymisation is refused by the trigger
    /// `audit_redaction_admin` with the reason, to all but heard_admin) and the schema's version.
    /// The writers' row (`heard_writer`) is UPDATE only, for officers: locking it is what a write
    /// waits for, and no other role may take it. `heard_audit_due` (the notes of transactions that
    /// changed the record, `PostgresRules.requireAudit`) is no role's: only the note's function writes it.
    /// The report's kept facts are heard_admin's to write (a fact written by hand would change the
    /// board's figures unseen), each case's stamp beside them no role's: their trigger's
    /// (`PostgresReportFacts`).
    static let guarded: Set<String> = ["audit", "reads", "audit_redaction", "heard_schema", "heard_writer", "heard_audit_due",
                                       "report_facts"]

    /// What a set-up makes, one line a thing, fields apart by tabs: the schema's owner and rights;
    /// each table's owner, rights, row security, logging and replica identity (not indexes);
    /// each column's type, NOT NULL, identity, rights and default; each constraint, sequence,
    /// function (owner, rights, settings, body, volatility, strictness, cost), trigger (as
    /// defined, and whether it fires), rule, policy; the schema's default privileges; the
    /// publications of its tables; the memberships among Heard's roles. No oids: what is made
    /// again as it was is the same line. A name's tabs, and any line break, read as "?": a name
    /// could forge a line or a field (found by an attack). Sorted, one text.
    static let fingerprintSQL: String = {
        func acl(_ column: String) -> String {
            """
            coalesce((SELECT pg_catalog.string_agg(g.r, ',' ORDER BY g.r) FROM (
                SELECT CASE WHEN e.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(e.grantee) END
                    || '=' || e.privilege_type || CASE WHEN e.is_grantable THEN '*' ELSE '' END AS r
                FROM pg_catalog.aclexplode(\(column)) e) g), 'default')
            """
        }
        func n(_ name: String) -> String { "pg_catalog.translate(CAST(\(name) AS TEXT), E'\\t', '?')" }
        func who(_ oid: String) -> String { n("pg_catalog.pg_get_userbyid(\(oid))") }
        let t = "|| E'\\t' ||"
        return """
            SELECT coalesce(pg_catalog.string_agg(pg_catalog.translate(x, E'\\n\\r', '??'), E'\\n' ORDER BY x), '') FROM (
                WITH s AS (SELECT oid, nspowner, nspacl FROM pg_catalog.pg_namespace WHERE nspname = pg_catalog.current_schema())
                SELECT 'n' \(t) 'schema' \(t) \(who("s.nspowner")) \(t) \(acl("s.nspacl")) AS x FROM s
                UNION ALL SELECT 'r' \(t) \(n("c.relname")) \(t) CAST(c.relkind AS TEXT) \(t) \(who("c.relowner")) \(t) \(acl("c.relacl"))
                    \(t) CAST(c.relrowsecurity AS TEXT) || CAST(c.relforcerowsecurity AS TEXT) \(t) CAST(c.relpersistence AS TEXT) \(t) CAST(c.relreplident AS TEXT)
                    FROM pg_catalog.pg_class c, s WHERE c.relnamespace = s.oid AND c.relkind NOT IN ('i', 'I')
                UNION ALL SELECT 'a' \(t) \(n("c.relname || '.' || a.attname")) \(t) pg_catalog.format_type(a.atttypid, a.atttypmod) \(t) CAST(a.attnotnull AS TEXT)
                    \(t) CAST(a.attidentity AS TEXT) \(t) \(acl("a.attacl")) \(t) coalesce(pg_catalog.pg_get_expr(d.adbin, d.adrelid), '')
                    FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
                    LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum, s
                    WHERE c.relnamespace = s.oid AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
                UNION ALL SELECT 'c' \(t) \(n("c.relname")) \(t) \(n("k.conname")) \(t) CAST(k.contype AS TEXT) \(t) pg_catalog.md5(pg_catalog.pg_get_constraintdef(k.oid))
                    FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class c ON c.oid = k.conrelid, s WHERE c.relnamespace = s.oid
                UNION ALL SELECT 'q' \(t) \(n("c.relname")) \(t) CAST(q.seqincrement AS TEXT) || ' ' || CAST(q.seqmin AS TEXT) || ' ' || CAST(q.seqmax AS TEXT) || ' ' || CAST(q.seqcycle AS TEXT)
                    FROM pg_catalog.pg_sequence q JOIN pg_catalog.pg_class c ON c.oid = q.seqrelid, s WHERE c.relnamespace = s.oid
                UNION ALL SELECT 'f' \(t) \(n("p.proname")) \(t) \(who("p.proowner")) \(t) \(acl("p.proacl")) \(t) CAST(p.prosecdef AS TEXT)
                    \(t) coalesce(CAST(p.proconfig AS TEXT), '') \(t) pg_catalog.md5(coalesce(p.prosrc, ''))
                    \(t) CAST(p.provolatile AS TEXT) || CAST(p.proisstrict AS TEXT) || CAST(p.proleakproof AS TEXT) || ' ' || CAST(p.procost AS TEXT)
                        || ' ' || CAST(p.prokind AS TEXT) || ' ' || pg_catalog.pg_get_function_identity_arguments(p.oid)
                    FROM pg_catalog.pg_proc p, s WHERE p.pronamespace = s.oid
                UNION ALL SELECT 't' \(t) \(n("c.relname")) \(t) \(n("g.tgname")) \(t) pg_catalog.md5(pg_catalog.pg_get_triggerdef(g.oid)) \(t) CAST(g.tgenabled AS TEXT)
                    FROM pg_catalog.pg_trigger g JOIN pg_catalog.pg_class c ON c.oid = g.tgrelid, s
                    WHERE c.relnamespace = s.oid AND NOT g.tgisinternal
                UNION ALL SELECT 'w' \(t) \(n("c.relname")) \(t) \(n("w.rulename")) \(t) pg_catalog.md5(pg_catalog.pg_get_ruledef(w.oid)) \(t) CAST(w.ev_enabled AS TEXT)
                    FROM pg_catalog.pg_rewrite w JOIN pg_catalog.pg_class c ON c.oid = w.ev_class, s
                    WHERE c.relnamespace = s.oid AND w.rulename <> '_RETURN'
                UNION ALL SELECT 'p' \(t) \(n("c.relname")) \(t) \(n("y.polname")) \(t) pg_catalog.md5(coalesce(pg_catalog.pg_get_expr(y.polqual, y.polrelid), '')
                        || coalesce(pg_catalog.pg_get_expr(y.polwithcheck, y.polrelid), '') || CAST(y.polcmd AS TEXT) || CAST(y.polpermissive AS TEXT) || CAST(y.polroles AS TEXT))
                    FROM pg_catalog.pg_policy y JOIN pg_catalog.pg_class c ON c.oid = y.polrelid, s WHERE c.relnamespace = s.oid
                UNION ALL SELECT 'd' \(t) \(who("d.defaclrole")) \(t) CAST(d.defaclobjtype AS TEXT) \(t) \(acl("d.defaclacl"))
                    FROM pg_catalog.pg_default_acl d, s WHERE d.defaclnamespace = s.oid
                UNION ALL SELECT 'u' \(t) \(n("b.pubname")) \(t) \(n("c.relname"))
                    FROM pg_catalog.pg_publication_rel u JOIN pg_catalog.pg_publication b ON b.oid = u.prpubid
                    JOIN pg_catalog.pg_class c ON c.oid = u.prrelid, s WHERE c.relnamespace = s.oid
                UNION ALL SELECT 'u' \(t) \(n("b.pubname")) \(t) 'every table' FROM pg_catalog.pg_publication b WHERE b.puballtables
                UNION ALL SELECT 'm' \(t) \(who("m.roleid")) \(t) \(who("m.member"))
                    FROM pg_catalog.pg_auth_members m
                    WHERE pg_catalog.pg_get_userbyid(m.roleid) IN ('heard_officer', 'heard_manager', 'heard_admin')
                      AND pg_catalog.pg_get_userbyid(m.member) IN ('heard_officer', 'heard_manager', 'heard_admin')
            ) f
            """
    }()

    /// The fingerprint's lines now.
    static func setUpLines(_ conn: any SQLConnection) throws -> Set<String> {
        Set((try conn.text(fingerprintSQL) ?? "").split(separator: "\n").map(String.init))
    }

    /// What `COMMENT ON TABLE heard_schema` begins with when it holds the fingerprint's lines as
    /// the last set-up left them (`keep`), for `heard check` to compare (`setUpDepartures`). Its
    /// number goes up whenever `fingerprintSQL` changes what a line holds: lines kept under
    /// another number are not compared (all would differ, and a set-up would take none as made),
    /// and the next set-up keeps them afresh.
    static let setUpMark = "heard: the set-up as heard init --postgres last made it (fingerprint 1)\n"

    /// The lines the last set-up kept, or nil where none was kept (a set-up by an older Heard,
    /// or none at all).
    static func keptSetUp(_ conn: any SQLConnection) throws -> Set<String>? {
        guard let kept = try conn.text("SELECT pg_catalog.obj_description(to_regclass('heard_schema'), 'pg_class')"),
              kept.hasPrefix(setUpMark) else { return nil }
        return Set(kept.dropFirst(setUpMark.count).split(separator: "\n").map(String.init))
    }

    /// Keeps `lines` as the comment of `heard_schema` (the tables' owner's alone to write, as the
    /// tables are), passed through a setting of this transaction, since COMMENT takes no parameter.
    static func keep(_ conn: any SQLConnection, _ lines: Set<String>) throws {
        try conn.execute("SELECT pg_catalog.set_config('heard.kept_setup', CAST(? AS TEXT), true)",
                         [.text(setUpMark + lines.sorted().joined(separator: "\n"))])
        try conn.execute("""
            DO $heard$ BEGIN
                EXECUTE pg_catalog.format('COMMENT ON TABLE heard_schema IS %L', pg_catalog.current_setting('heard.kept_setup'));
            END $heard$
            """)
    }

    /// `body` (a set-up, an upgrade, Heard's own remaking of what a set-up makes), keeping what
    /// it leaves as the set-up `heard check` compares with: from now on when `always` (a set-up)
    /// or a set-up was kept before. What departed from the kept set-up before `body` and still
    /// departs after it, in the same way, is not taken as made: a trigger another hand added and
    /// a set-up does not drop, one it disabled and a set-up does not enable, stay named by the
    /// check (a set-up took them as made, and the check said ok after; found by an attack).
    /// Returns what `body` returned, whether it changed anything, and those it left, named.
    static func remaking<T>(_ conn: any SQLConnection, always: Bool, _ body: () throws -> T) throws -> (T, changed: Bool, left: [String], afresh: Bool) {
        let kept = try keptSetUp(conn)
        let before = try setUpLines(conn)
        let out = try body()
        let after = try setUpLines(conn)
        var keeping = after
        var left: Set<String> = []
        if let kept {
            let stayedAdded = after.subtracting(kept).intersection(before)
            let stayedGone = kept.subtracting(after).subtracting(before)
            keeping.subtract(stayedAdded)
            keeping.formUnion(stayedGone)
            left = stayedAdded.union(stayedGone)
        }
        if always || kept != nil, keeping != kept { try keep(conn, keeping) }
        return (out, before != after, named(left), always && kept == nil)
    }

    /// What of the set-up differs from `kept` (`keptSetUp`, how the last set-up left it), each
    /// named in a few words ("trigger contacts_disposal_change on contacts", "rule x on audit").
    /// The owner's own hand is named too: a rule that sends the audit's rows nowhere, row security, a trigger dropped or added, a function emptied, a
    /// sequence altered (found by an attack: `heard check` said ok).
    static func setUpDepartures(_ conn: any SQLConnection, from kept: Set<String>) throws -> [String] {
        try conn.execute(PostgresSchema.pinSearchPath)
        return named(kept.symmetricDifference(try setUpLines(conn)))
    }

    /// Lines of the fingerprint in a few words each, once each, in order.
    static func named(_ lines: Set<String>) -> [String] {
        var seen: Set<String> = []
        var out: [String] = []
        for line in lines.sorted() {
            let what = describe(line)
            if seen.insert(what).inserted { out.append(what) }
        }
        return out
    }

    /// A fingerprint line in a few words.
    private static func describe(_ line: String) -> String {
        let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        func at(_ i: Int) -> String { f.indices.contains(i) ? PostgresSchema.printable(f[i]) : "?" }
        switch f.first {
        case "n": return "the schema's owner or rights"
        case "r": return "the owner, rights, row security or logging of \(at(1))"
        case "a": return "column \(at(1))"
        case "c": return "constraint \(at(2)) on \(at(1))"
        case "q": return "sequence \(at(1))"
        case "f": return "function \(at(1))"
        case "t": return "trigger \(at(2)) on \(at(1))"
        case "w": return "rule \(at(2)) on \(at(1))"
        case "p": return "policy \(at(2)) on \(at(1))"
        case "d": return "default privileges of \(at(1))"
        case "u": return "publication \(at(1))"
        case "m": return "the roles' memberships"
        default: return "something of the set-up"
        }
    }

    /// Whether the schema and the roles are set up as `install` leaves them.
    static func isSetUp(_ conn: any SQLConnection) throws -> Bool {
        let roles = try conn.int("SELECT count(*) FROM pg_catalog.pg_roles WHERE rolname IN ('heard_officer', 'heard_manager', 'heard_admin')") ?? 0
        guard roles == 3 else { return false }
        let triggers = try conn.int("""
            SELECT count(*) FROM pg_catalog.pg_trigger
            WHERE (tgname = 'contacts_disposal' AND tgrelid = to_regclass('contacts') AND tgqual IS NOT NULL)
               OR (tgname = 'contacts_disposal_change' AND tgrelid = to_regclass('contacts'))
               OR (tgname = 'audit_notify' AND tgrelid = to_regclass('audit'))
               OR (tgname = 'audit_redaction_admin' AND tgrelid = to_regclass('audit_redaction'))
               OR (tgname = 'contacts_removal' AND tgrelid = to_regclass('contacts')
                   AND (SELECT prosrc FROM pg_catalog.pg_proc WHERE oid = tgfoid) LIKE '%a.parent_id = x.id%')
               OR (tgname = 'contacts_rekeyed' AND tgrelid = to_regclass('contacts'))
            """) ?? 0
        guard triggers == 6, try PostgresRules.isInstalled(conn), try PostgresSchema.definerFunctionsAmiss(conn).isEmpty else { return false }
        let rights = try conn.int("""
            SELECT count(*) WHERE pg_catalog.has_schema_privilege('heard_manager', current_schema(), 'USAGE')
              AND pg_catalog.pg_has_role('heard_admin', 'heard_officer', 'MEMBER')
              AND pg_catalog.has_table_privilege('heard_officer', to_regclass('contacts'), 'UPDATE')
              AND pg_catalog.has_column_privilege('heard_officer', to_regclass('audit'), 'entity', 'INSERT')
              AND NOT pg_catalog.has_column_privilege('heard_officer', to_regclass('audit'), 'who', 'INSERT')
              AND NOT pg_catalog.has_column_privilege('heard_officer', to_regclass('audit'), 'xact', 'INSERT')
              AND NOT pg_catalog.has_column_privilege('heard_manager', to_regclass('reads'), 'who', 'INSERT')
              AND NOT pg_catalog.has_table_privilege('heard_officer', to_regclass('audit'), 'UPDATE')
              AND pg_catalog.has_column_privilege('heard_manager', to_regclass('reads'), 'via', 'INSERT')
              AND NOT pg_catalog.has_table_privilege('heard_manager', to_regclass('contacts'), 'UPDATE')
              AND pg_catalog.has_table_privilege('heard_admin', to_regclass('audit'), 'UPDATE')
              AND pg_catalog.has_table_privilege('heard_admin', to_regclass('audit_redaction'), 'INSERT')
              AND NOT pg_catalog.has_table_privilege('heard_manager', to_regclass('audit_redaction'), 'INSERT')
              AND NOT pg_catalog.has_table_privilege('heard_officer', to_regclass('contacts_search'), 'INSERT')
              AND NOT pg_catalog.has_table_privilege('heard_officer', to_regclass('contacts_search'), 'DELETE')
            """) ?? 0
        return rights == 1
    }

    /// Makes what is missing of the roles, their rights and the triggers, inside the caller's
    /// write transaction. Returns the roles it created (the rest is granted again, unchanged).
    static func install(_ conn: any SQLConnection) throws -> [String] {
        let existing = Set(try conn.texts("SELECT rolname FROM pg_catalog.pg_roles WHERE rolname IN ('heard_officer', 'heard_manager', 'heard_admin')"))
        let missing = all.filter { !existing.contains($0) }
        if !missing.isEmpty {
            let may = try conn.int("SELECT count(*) FROM pg_catalog.pg_roles WHERE rolname = current_user AND (rolcreaterole OR rolsuper)") ?? 0
            if may == 0 {
                throw StoreError.refused("the database role running this may not create roles: an administrator (a role with CREATEROLE, or a superuser) must run 'heard init --postgres' once; nothing was changed.")
            }
        }
        // Nothing is made while another role's objects are in the schema: the triggers made
        // would bind to its `=` there before the server's (found by an attack).
        try PostgresSchema.refuseForeignObjects(conn)
        for role in missing { try conn.execute("CREATE ROLE \(role) NOLOGIN") }
        try conn.execute(PostgresSchema.pinSearchPath)
        let schema = quoted(try conn.text("SELECT current_schema()") ?? "public")
        // First: the audit's and access log's own sequences, which the grants below name.
        try conn.execute(PostgresRules.serverKeys)
        // Every right on the schema's tables, views and sequences but the owner's taken back
        // (what another role granted on from them too: CASCADE), then granted as below: a right
        // granted by hand (DELETE on the audit to an officer's login, TRIGGER on a table, SELECT
        // to every login) stayed through every set-up, one given WITH GRANT OPTION and passed on
        // stopped every set-up after, and one taken away came back only when it was one
        // `isSetUp` looks at (found by a trial and an attack). Making anything in the schema is
        // the owner's alone: an officer's own `=` there is found before the server's by every
        // function whose path is pinned, as the owner in those run with its rights (an attack).
        // In the caller's transaction: no other session sees the rights between.
        try conn.execute("""
            DO $$
            DECLARE r RECORD;
            BEGIN
                FOR r IN SELECT DISTINCT c.oid AS rel, c.relkind AS kind, e.grantee AS grantee
                         FROM pg_catalog.pg_class c
                         LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attacl IS NOT NULL,
                         LATERAL pg_catalog.aclexplode(CASE WHEN a.attacl IS NULL THEN c.relacl ELSE a.attacl END) e
                         WHERE c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = pg_catalog.current_schema())
                           AND c.relkind IN ('r', 'v', 'm', 'f', 'p', 'S') AND e.grantee <> c.relowner
                         UNION
                         SELECT c.oid, c.relkind, e.grantee FROM pg_catalog.pg_class c, pg_catalog.aclexplode(c.relacl) e
                         WHERE c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = pg_catalog.current_schema())
                           AND c.relkind IN ('r', 'v', 'm', 'f', 'p', 'S') AND e.grantee <> c.relowner LOOP
                    EXECUTE pg_catalog.format('REVOKE ALL ON %s %s FROM %s CASCADE',
                        CASE WHEN r.kind = 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, CAST(r.rel AS pg_catalog.regclass),
                        CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(r.grantee)) END);
                END LOOP;
                FOR r IN SELECT DISTINCT e.grantee AS grantee FROM pg_catalog.pg_namespace n, pg_catalog.aclexplode(n.nspacl) e
                         WHERE n.nspname = pg_catalog.current_schema() AND e.grantee <> n.nspowner AND e.privilege_type = 'CREATE' LOOP
                    EXECUTE pg_catalog.format('REVOKE CREATE ON SCHEMA %I FROM %s CASCADE', pg_catalog.current_schema(),
                        CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(r.grantee)) END);
                END LOOP;
            END $$;
            REVOKE CREATE ON SCHEMA \(schema) FROM PUBLIC, heard_officer, heard_manager, heard_admin;
            DO $$
            DECLARE r RECORD;
            BEGIN
                -- Heard makes no rule, row security or policy: one made by hand (a rule that sent
                -- the audit's rows nowhere refused every officer's change; an attack) goes.
                FOR r IN SELECT w.rulename AS name, CAST(c.oid AS pg_catalog.regclass) AS rel FROM pg_catalog.pg_rewrite w
                         JOIN pg_catalog.pg_class c ON c.oid = w.ev_class
                         WHERE c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = pg_catalog.current_schema())
                           AND w.rulename <> '_RETURN' LOOP
                    EXECUTE pg_catalog.format('DROP RULE %I ON %s', r.name, r.rel);
                END LOOP;
                FOR r IN SELECT y.polname AS name, CAST(c.oid AS pg_catalog.regclass) AS rel FROM pg_catalog.pg_policy y
                         JOIN pg_catalog.pg_class c ON c.oid = y.polrelid
                         WHERE c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = pg_catalog.current_schema()) LOOP
                    EXECUTE pg_catalog.format('DROP POLICY %I ON %s', r.name, r.rel);
                END LOOP;
                FOR r IN SELECT CAST(c.oid AS pg_catalog.regclass) AS rel FROM pg_catalog.pg_class c
                         WHERE c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = pg_catalog.current_schema())
                           AND (c.relrowsecurity OR c.relforcerowsecurity) LOOP
                    EXECUTE pg_catalog.format('ALTER TABLE %s NO FORCE ROW LEVEL SECURITY, DISABLE ROW LEVEL SECURITY', r.rel);
                END LOOP;
            END $$;
            """)
        let tables = try conn.texts("SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
        let record = tables.filter { !guarded.contains($0) }.map(quoted).joined(separator: ", ")
        // The audit and the access log: INSERT of the columns the server does not fill (`PostgresRules.stamps`).
        let logGrants = try PostgresRules.insertGrant(conn, "audit", to: "heard_officer")
            + PostgresRules.insertGrant(conn, "reads", to: "heard_officer, heard_manager")
        // The administrators' membership of the officers, granted when not there yet: granting
        // a role takes CREATEROLE (or its ADMIN OPTION), which the tables' owner need not have, and
        // an owner without it could not open its schema made by an older Heard (each upgrade sets
        // the roles up again).
        var script = """
            DO $$ BEGIN
                IF NOT pg_catalog.pg_has_role('heard_admin', 'heard_officer', 'MEMBER') THEN GRANT heard_officer TO heard_admin; END IF;
            END $$;
            GRANT USAGE ON SCHEMA \(schema) TO heard_officer, heard_manager, heard_admin;
            GRANT SELECT ON ALL TABLES IN SCHEMA \(schema) TO heard_officer, heard_manager, heard_admin;
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA \(schema) TO heard_officer;
            \(logGrants)
            GRANT UPDATE ON audit TO heard_admin;
            GRANT INSERT, DELETE ON audit_redaction TO heard_officer;
            """
        if !record.isEmpty { script += "\nGRANT INSERT, UPDATE, DELETE ON \(record) TO heard_officer;" }
        // The name index's rows go with their cases (the foreign key) and nobody else's hand: a
        // search can then trust that every case has one (`PostgresNameIndex`).
        if tables.contains("name_words") { script += "\nREVOKE DELETE ON name_words FROM heard_officer;" }
        // The search index is the trigger's alone, run as the tables' owner (its search path
        // pinned): an officer's own statement could delete or rewrite a case's words, and the
        // case was then not found by search, with no audit row (found by an attack). Every
        // change of the text it is made from is audited, and remakes the words.
        if tables.contains("contacts_search") {
            script += """

                REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON contacts_search FROM heard_officer;
                """
        }
        // The access log's id comes from its identity sequence: the manager's one write needs it.
        if let seq = try conn.text("SELECT pg_catalog.pg_get_serial_sequence('reads', 'id')") {
            script += "\nGRANT USAGE, SELECT ON SEQUENCE \(seq) TO heard_manager;"
        }
        if try conn.int("SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = 'heard_writer'") == 1 {
            script += "\nGRANT UPDATE ON heard_writer TO heard_officer;"
        }
        // A schema set up by an older Heard granted officers every table but the guarded ones.
        if tables.contains("report_facts") {
            script += """

                REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON report_facts FROM heard_officer;
                GRANT UPDATE (key, settled, facts_stamp, facts) ON report_facts TO heard_admin;
                """
        }
        try conn.execute(script)
        // The functions run with the owner's rights are made afresh, the owner's alone (one
        // replaced in place keeps its owner and grants: a superuser's upgrade left them its own).
        if tables.contains("contacts_search") { try PostgresSchema.remakeSearchIndexing(conn) }
        if tables.contains("report_facts") { try conn.execute(PostgresSchema.reportFactsSQL) }
        try conn.execute(triggers)
        // Every record table's rows keep their ids: a case, an event, an issue or an action given
        // a new one left its audit rows naming nothing.
        let keyed = try conn.texts("""
            SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attname = 'id' AND NOT a.attisdropped
            WHERE c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema()) AND c.relkind = 'r'
            ORDER BY c.relname
            """)
        for table in try PostgresRules.auditedTables(conn) where keyed.contains(table) {
            try conn.execute("""
                DROP TRIGGER IF EXISTS \(quoted(table + "_rekeyed")) ON \(quoted(table));
                CREATE TRIGGER \(quoted(table + "_rekeyed")) BEFORE UPDATE OF id ON \(quoted(table)) FOR EACH ROW
                    WHEN (NEW.id IS DISTINCT FROM OLD.id) EXECUTE FUNCTION heard_rows_rekeyed();
                """)
        }
        // The trigger functions run as the tables' owner are no one else's to attach: anyone
        // may execute a function by default, and a manager's CREATE TRIGGER on a temporary table
        // of their own ran the search index's with the owner's rights, rewriting any case's words
        // (found by an attack). A trigger fires whatever its function's EXECUTE rights.
        // (`PostgresSchema.definerFunctionsToTablesOwner`, wherever they are made.)
        try PostgresRules.install(conn)
        // Every function of the schema is the tables' owner's: one a member of that role made
        // in a set-up of its own was the member's, and each set-up by the other flipped it back
        // (found by an attack).
        try conn.execute("""
            DO $$
            DECLARE f RECORD;
            BEGIN
                FOR f IN SELECT CAST(p.oid AS pg_catalog.regprocedure) AS fn, c.relowner AS owner FROM pg_catalog.pg_proc p, pg_catalog.pg_class c
                         WHERE p.pronamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = pg_catalog.current_schema())
                           AND c.oid = pg_catalog.to_regclass('audit') AND p.proowner <> c.relowner
                           AND pg_catalog.pg_has_role(current_user, p.proowner, 'MEMBER')
                           AND NOT (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.oid = p.proowner) LOOP
                    EXECUTE pg_catalog.format('ALTER FUNCTION %s OWNER TO %I', f.fn, pg_catalog.pg_get_userbyid(f.owner));
                END LOOP;
            END $$;
            """)
        try PostgresNotify.install(conn)
        return missing
    }

    /// An identifier quoted for SQL (a schema or table name).
    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The audit's and the access log's "who" (and id and time) are set by `PostgresRules`.
    /// Anonymisation (`anonymised`, `anonymised_on`) is
    /// refused on `contacts` to all but heard_admin and the owner: 42501, as a GRANT refuses;
    /// so is removing a case (`contacts_removal`), but for the undo of its creation by the login
    /// that made it before anyone else changed it: an officer's own DELETE took a case, its
    /// history's subject and its statutory record with it, under an audit row of their own
    /// making (an anonymised one could come back by hand with its anonymisation cleared);
    /// so is any write to `audit_redaction`, without which no audit row's `changes` is rewritten.
    /// The anonymisation's triggers run only for a row whose anonymisation is set or changed (their
    /// WHEN, read by the server without calling them): run for every row, they were a tenth of a
    /// bulk change of 100,000 cases on a team's server.
    static let triggers = """
        CREATE OR REPLACE FUNCTION heard_is_owner(tab regclass) RETURNS boolean LANGUAGE sql STABLE AS $$
            SELECT pg_catalog.pg_has_role(current_user, (SELECT relowner FROM pg_catalog.pg_class WHERE oid = tab), 'MEMBER')
        $$;

        CREATE OR REPLACE FUNCTION heard_is_admin(tab regclass) RETURNS boolean LANGUAGE sql STABLE AS $$
            SELECT pg_catalog.pg_has_role(current_user, 'heard_admin', 'MEMBER')
                OR pg_catalog.pg_has_role(current_user, (SELECT relowner FROM pg_catalog.pg_class WHERE oid = tab), 'MEMBER')
        $$;

        CREATE OR REPLACE FUNCTION heard_contacts_disposal() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        BEGIN
            IF (TG_OP = 'INSERT' AND (NEW.anonymised <> 0 OR NEW.anonymised_on IS NOT NULL))
               OR (TG_OP = 'UPDATE' AND (NEW.anonymised, NEW.anonymised_on) IS DISTINCT FROM (OLD.anonymised, OLD.anonymised_on)) THEN
                IF NOT heard_is_admin(TG_RELID) THEN
                    RAISE EXCEPTION 'only a member of heard_admin may anonymise or dispose of a case'
                        USING ERRCODE = '42501';
                END IF;
            END IF;
            RETURN NEW;
        END $$;
        DROP TRIGGER IF EXISTS contacts_disposal ON contacts;
        CREATE TRIGGER contacts_disposal BEFORE INSERT ON contacts FOR EACH ROW
            WHEN (NEW.anonymised <> 0 OR NEW.anonymised_on IS NOT NULL) EXECUTE FUNCTION heard_contacts_disposal();
        DROP TRIGGER IF EXISTS contacts_disposal_change ON contacts;
        CREATE TRIGGER contacts_disposal_change BEFORE UPDATE ON contacts FOR EACH ROW
            WHEN ((NEW.anonymised, NEW.anonymised_on) IS DISTINCT FROM (OLD.anonymised, OLD.anonymised_on)) EXECUTE FUNCTION heard_contacts_disposal();

        CREATE OR REPLACE FUNCTION heard_contacts_removal() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        BEGIN
            IF heard_is_admin(TG_RELID) THEN
                RETURN OLD;
            END IF;
            IF OLD.anonymised <> 0 OR OLD.anonymised_on IS NOT NULL THEN
                RAISE EXCEPTION 'only a member of heard_admin may remove an anonymised case'
                    USING ERRCODE = '42501';
            END IF;
            -- Wait for whoever is changing the case's parts now: their audit row is read below
            -- once they commit (each statement here reads what is committed when it starts), not
            -- taken, unseen, with the case (found by an attack).
            PERFORM 1 FROM issues WHERE contact_id = OLD.id FOR UPDATE;
            PERFORM 1 FROM events WHERE contact_id = OLD.id FOR UPDATE;
            PERFORM 1 FROM learning_points WHERE contact_id = OLD.id FOR UPDATE;
            PERFORM 1 FROM actions WHERE source_contact_id = OLD.id
                OR source_learning_id IN (SELECT id FROM learning_points WHERE contact_id = OLD.id) FOR UPDATE;
            PERFORM 1 FROM stage_people WHERE contact_id = OLD.id FOR UPDATE;
            PERFORM 1 FROM contact_log WHERE contact_id = OLD.id FOR UPDATE;
            PERFORM 1 FROM letters WHERE contact_id = OLD.id FOR UPDATE;
            PERFORM 1 FROM documents WHERE contact_id = OLD.id FOR UPDATE;
            -- Another login's row of the case: by its id (its own and its stage people's), as the
            -- parent of a part (a progress note's parent is its action, not a case), of an action
            -- made from it or from its learning (an action's edit names the action alone: found by
            -- an attack), or by a reference it has held (rows written before parts carried their
            -- case's id, as a copied record keeps them).
            IF NOT EXISTS (SELECT 1 FROM audit WHERE entity = 'contact' AND entity_id = OLD.id AND action = 'create' AND who = session_user)
               OR EXISTS (SELECT 1 FROM audit WHERE entity IN ('contact', 'stage_people') AND entity_id = OLD.id AND who <> session_user)
               OR EXISTS (SELECT 1 FROM audit WHERE parent_id = OLD.id AND entity <> 'note' AND who <> session_user)
               OR EXISTS (SELECT 1 FROM actions x JOIN audit a
                            ON (a.entity = 'action' AND a.entity_id = x.id) OR (a.entity = 'note' AND a.parent_id = x.id)
                          WHERE (x.source_contact_id = OLD.id OR x.source_learning_id IN (SELECT id FROM learning_points WHERE contact_id = OLD.id))
                            AND a.who <> session_user)
               OR EXISTS (SELECT 1 FROM audit WHERE who <> session_user AND reference <> ''
                            AND reference IN (SELECT OLD.reference UNION SELECT a.reference FROM audit a WHERE a.entity = 'contact' AND a.entity_id = OLD.id)) THEN
                RAISE EXCEPTION 'a case is removed only by undoing its creation, by the officer who made it, before anyone else changed it'
                    USING ERRCODE = '42501';
            END IF;
            RETURN OLD;
        END $$;
        DROP TRIGGER IF EXISTS contacts_removal ON contacts;
        CREATE TRIGGER contacts_removal BEFORE DELETE ON contacts FOR EACH ROW EXECUTE FUNCTION heard_contacts_removal();
        -- A case keeps its id: its history, its reads and its parts are kept under it, and a new
        -- id was a removal by another name (the case's audit rows left naming nothing).
        -- (One function for every record table: `install` makes each table's `<table>_rekeyed`.)
        CREATE OR REPLACE FUNCTION heard_rows_rekeyed() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        BEGIN
            IF NOT heard_is_owner(TG_RELID) THEN
                RAISE EXCEPTION '% keeps its id: its history is kept under it',
                    CASE WHEN TG_TABLE_NAME = 'contacts' THEN 'a case' ELSE 'a row of ' || TG_TABLE_NAME END
                    USING ERRCODE = '42501';
            END IF;
            RETURN NEW;
        END $$;
        DROP FUNCTION IF EXISTS heard_contacts_rekeyed() CASCADE;

        CREATE OR REPLACE FUNCTION heard_redaction_admin() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
        BEGIN
            IF NOT heard_is_admin(TG_RELID) THEN
                RAISE EXCEPTION 'only a member of heard_admin may anonymise or dispose of a case'
                    USING ERRCODE = '42501';
            END IF;
            RETURN NULL;
        END $$;
        DROP TRIGGER IF EXISTS audit_redaction_admin ON audit_redaction;
        CREATE TRIGGER audit_redaction_admin BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON audit_redaction
            FOR EACH STATEMENT EXECUTE FUNCTION heard_redaction_admin();
        """

    /// What an administrator runs to let a person in (printed by `heard init --postgres`).
    static let addingPeople = """
        CREATE ROLE jsmith LOGIN PASSWORD 'a password of their own';
        GRANT heard_officer TO jsmith;   -- or heard_manager, or heard_admin
        """
}

extension PostgresRoles {
    /// The Heard role the login is a member of (the most powerful when several), else its name.
    static func roleName(_ conn: any SQLConnection) throws -> String {
        let member = try conn.texts("""
            SELECT rolname FROM pg_catalog.pg_roles
            WHERE rolname IN ('heard_admin', 'heard_officer', 'heard_manager') AND pg_catalog.pg_has_role(session_user, oid, 'MEMBER')
            """)
        if let best = [admin, officer, manager].first(where: member.contains) { return best }
        return try conn.text("SELECT session_user") ?? "unknown"
    }

    /// `roleName` from what was read: the Heard roles the login is a member of, and its name.
    static func roleName(members: [String], login: String?) -> String {
        [admin, officer, manager].first(where: members.contains) ?? login ?? "unknown"
    }

    /// What the user is told when the server refused for want of rights (42501): the role, and
    /// what it may not do. A manager may change nothing; an officer may not dispose.
    static func refusal(_ e: PostgresError, role: String, target: String) -> StoreError {
        // A login in none of the roles (or on a database whose roles were never set up) has no
        // role to blame: said as that, with what grants one (a trial read "your database role
        // (nobody) may not do this" on a plain read).
        if !all.contains(role) {
            return .refused("the login \(role) has none of Heard's roles (heard_officer, heard_manager, heard_admin) on \(target), so the server refused (\(e.message)); "
                            + "the database's owner grants one (GRANT heard_officer TO \(role)), after setting them up with 'heard init --postgres' if that was not done; nothing was changed.")
        }
        if role == manager {
            return .refused("your database role (\(role)) may not change the record on \(target) (\(e.message)); nothing was changed. Ask the database's administrator.")
        }
        return .refused("your database role (\(role)) may not do this on \(target): \(e.message); nothing was changed.")
    }
}

extension PostgresRoles {
    /// `options` as the store on `server` uses them: where the audit's "who" is the database user
    /// (the trigger of `heard init --postgres` is there), the actor is that user too, so that
    /// what the screens show is what the trigger writes. A schema not made yet changes nothing.
    static func options(_ options: StoreOptions, on server: PostgresBackend) throws -> StoreOptions {
        // Asked on connecting (`PostgresBackend.connectingSQL`): two round trips of their own before.
        var out = options
        if let login = server.stampingLogin { out.actor = login }
        return out
    }

    /// Not 0 when the server gives each audit row the login as its `who` (the schema is set up
    /// for a team): 2 by the column's default and its grants (v19: the client leaves `at` and
    /// `who` out), 1 by the trigger of v18 and before.
    static let stampsWho = "SELECT CASE WHEN \(PostgresRules.fillsLogsCondition) THEN 2 WHEN \(PostgresRules.stampsWhoCondition) THEN 1 ELSE 0 END"
}

extension Store {
    /// Whether this login may change the record: false on a file opened read-only, and on
    /// PostgreSQL for a role without UPDATE on `contacts` (a manager), so that a screen opens
    /// as read-only would and offers no change the server would refuse.
    public func mayChangeRecord() -> Bool {
        if options.readOnly { return false }
        guard dialect == .postgres else { return true }
        let may = try? query { conn in
            try conn.int("SELECT count(*) WHERE pg_catalog.has_table_privilege(current_user, to_regclass('contacts'), 'UPDATE')")
        }
        return (may ?? nil ?? 0) > 0
    }

    /// Why this login may not anonymise or dispose of cases, or nil when it may: on PostgreSQL
    /// only heard_admin and the tables' owner may (`heard_contacts_disposal`), so an officer is
    /// told before the list, the question and the form, not by the server after them (found by
    /// a trial). A login that may change nothing is `mayChangeRecord`'s.
    public func disposalRefusal() -> String? {
        guard dialect == .postgres, !options.readOnly else { return nil }
        let may = try? query { conn -> Int? in
            // Without the trigger's function (no `heard init --postgres`) the server asks nothing more.
            guard try conn.int("SELECT count(*) WHERE to_regprocedure('heard_is_admin(regclass)') IS NOT NULL") == 1 else { return 1 }
            return try conn.int("SELECT CASE WHEN heard_is_admin(to_regclass('contacts')) THEN 1 ELSE 0 END")
        }
        guard let may = may ?? nil, may == 0 else { return nil }
        return "your database role (\(databaseRole ?? "unknown")) may not anonymise or dispose of cases: only a member of heard_admin may; nothing was changed."
    }

    /// The database role named when the server refuses a write (`heard_officer`, …); nil on SQLite.
    public var databaseRole: String? { (backend as? PostgresBackend)?.role }

    /// Sets up the three roles, their rights and the triggers that make the database user the
    /// audit's "who" (`heard init --postgres`). Nil when all was there already and nothing was
    /// changed; else the roles it created (perhaps none, when only rights were missing). Refused,
    /// naming the role that may, to a login that does not own the tables (an officer, a manager).
    public func setUpRoles() throws -> [String]? {
        guard dialect == .postgres else { throw StoreError.refused("\(path): roles are PostgreSQL's; a file is shared through a team folder (heard init --team GROUP).") }
        let (setUp, owns, owner) = try query { conn in
            (try PostgresRoles.isSetUp(conn), try PostgresSchema.ownsSchema(conn),
             try PostgresSchema.tablesOwner(conn))
        }
        // The triggers and grants are the tables' owner's to make: anyone else is told so, whether or not they are there.
        if !owns {
            throw StoreError.refused("your database role (\(databaseRole ?? "?")) may not set up \(path) for a team: the role that owns Heard's tables there (\(owner)) must run 'heard init --postgres'; nothing was changed.")
        }
        // Made again whenever asked, and compared: `isSetUp` looks at some of what a set-up
        // makes, not all, and a right taken away by hand that it did not look at stayed away
        // ("nothing was changed"; found by a trial). Nil only when nothing differs after.
        let (made, changed, left, afresh) = try Store.waitingForQuiet(path) { try backend.write { conn in
            try PostgresRoles.remaking(conn, always: true) { try PostgresRoles.install(conn) }
        } }
        setUpLeft.withLock { $0 = (left, afresh) }
        try notePostgresStamps()
        return setUp && !changed && made.isEmpty ? nil : made
    }

    /// `body` (a set-up or an upgrade, which change the tables themselves), saying why it waited
    /// when another session held on past the wait: such a change waits for every session using
    /// the tables, reading or writing, and "another session is saving" was said to an owner
    /// whose officer only had a read open (found by an attack).
    static func waitingForQuiet<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as StoreError where e == StoreError.serverBusy || e == StoreError.serverLocked {
            throw StoreError.refused("\(path): this changes the record's tables themselves, which waits until no other session is using them, reading or writing; another session held on past the wait. Try again when the record is quiet (stop the other Heards on it first); nothing was changed.")
        }
    }

    /// Whether the record on a server is set up for a team as this Heard sets it up (what
    /// `heard init --postgres` looks at first); false on a file.
    public func rolesAreSetUp() throws -> Bool {
        guard dialect == .postgres else { return false }
        return try query { try PostgresRoles.isSetUp($0) }
    }

    /// Asks again whether the server fills the logs' `at` and `who` (`PostgresBackend.fillsLogs`),
    /// once this session set up or upgraded the rules: its rows leave them out from then on, as
    /// any session opened after does.
    func notePostgresStamps() throws {
        guard let server = backend as? PostgresBackend else { return }
        let stamps = try server.read { try $0.int(PostgresRoles.stampsWho) } ?? 0
        server.fillsLogs.store(stamps == 2, ordering: .relaxed)
    }

    /// The indexes a newer Heard makes with a new schema and an older schema lacks (the officer's
    /// cases, the unreadable rows), made now by the tables' owner (`heard init --postgres` again
    /// after an upgrade): their names, none when all were there. Without them every answer is
    /// the same, by a scan; with them `heard digest` and `heard check` take an index. The search
    /// functions of an older schema are remade too (`PostgresSchema.inlineSearchFunctions`), and its
    /// search trigger (`PostgresSchema.searchTriggersAsMade`).
    public func addMissingServerIndexes() throws -> [String] {
        guard dialect == .postgres else { return [] }
        return try backend.write { conn in
            guard try PostgresSchema.ownsSchema(conn) else { return [] }
            let indexes = try PostgresSchema.addMissingIndexes(conn)
            return try PostgresRoles.remaking(conn, always: false) {
                let functions = try PostgresSchema.inlineSearchFunctions(conn) ? ["the search functions (heard_fold, heard_words) remade to be inlined"] : []
                let trigger = try PostgresSchema.searchTriggersAsMade(conn) ? ["the search index's triggers (made again as this Heard makes them)"] : []
                return indexes + functions + trigger
            }.0
        }
    }

    /// The SQL an administrator runs to let a person in.
    public static var addingPeopleSQL: String { PostgresRoles.addingPeople }
}
