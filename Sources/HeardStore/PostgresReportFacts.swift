import Foundation
import HeardCore
import Synchronization

/// Report facts on PostgreSQL (schema v17): each complaint's `ReportFacts`, as a file keeps them
/// (`Store+ReportFacts`), so that a report counts a complaint it counted before without reading
/// its issues and events or running its clock (on a server most of a report's time is reading
/// those rows: three times SQLite's figure at 100,000 contacts).
///
/// What differs from the file, and why:
/// - **Who keeps them.** On a server each officer's own statement could write any table they may
///   write, and a fact written by hand would change the board's figures with no audit row and no
///   trace. So only `heard_admin` (and the tables' owner) may write `report_facts`; officers and
///   managers read them, and their reports count every complaint without kept facts themselves
///   (a report run by an administrator, by hand or nightly, keeps them for everyone).
/// - **When they are stale.** A file's triggers delete a case's facts as its rows change, and a
///   report keeps what it worked out only if nothing was written meanwhile. A server has many
///   writers at once, so instead each case has a stamp (`report_facts.stamp`), taken from a
///   sequence by triggers whenever any statement, by whoever, adds, changes or removes one of its
///   issues or events or changes its kind, received date, procedure or id (the file's triggers'
///   list); the new stamp clears the fact beside it. A fact is kept with the stamp the report read
///   in the same transaction as the case's rows (`facts_stamp`), and only while the row still has
///   that stamp; it is read only while they are equal: a change committed before the report read
///   gave it the newer stamp; one committed after gives the case a stamp the fact does not have.
///   No lock, no wait, and no order of commits in which a stale fact is read.
/// - The stamps are the trigger function's alone (SECURITY DEFINER, run as the tables' owner; an
///   administrator may write only the fact's columns), and a report reads facts only while every
///   trigger is there, enabled, calling the function as made (`reportFactsIntact`): only the
///   owner can change any of that.
extension PostgresSchema {
    /// The trigger function's body, as the server keeps it (`prosrc`).
    static let reportStampBody = """

        DECLARE
            ids BIGINT[];
        BEGIN
            IF TG_OP = 'TRUNCATE' THEN
                UPDATE report_facts SET stamp = pg_catalog.nextval('report_stamp_seq'), key = NULL, settled = NULL, facts_stamp = NULL, facts = NULL;
                RETURN NULL;
            ELSIF TG_LEVEL = 'ROW' THEN
                ids := ARRAY[OLD.id, NEW.id];
            ELSIF TG_TABLE_NAME = 'contacts' AND TG_OP = 'INSERT' THEN
                SELECT pg_catalog.array_agg(id) INTO ids FROM heard_new;
            ELSIF TG_TABLE_NAME = 'contacts' THEN
                SELECT pg_catalog.array_agg(id) INTO ids FROM heard_old;
            ELSIF TG_OP = 'INSERT' THEN
                SELECT pg_catalog.array_agg(contact_id) INTO ids FROM heard_new;
            ELSIF TG_OP = 'DELETE' THEN
                SELECT pg_catalog.array_agg(contact_id) INTO ids FROM heard_old;
            ELSE
                SELECT pg_catalog.array_agg(b.contact_id) INTO ids
                FROM (SELECT contact_id FROM heard_old UNION ALL SELECT contact_id FROM heard_new) AS b;
            END IF;
            INSERT INTO report_facts (contact_id, stamp)
            SELECT d.id, pg_catalog.nextval('report_stamp_seq')
            FROM (SELECT DISTINCT u.id FROM pg_catalog.unnest(ids) AS u(id) WHERE u.id IS NOT NULL) AS d
            ON CONFLICT (contact_id) DO UPDATE SET stamp = excluded.stamp, key = NULL, settled = NULL, facts_stamp = NULL, facts = NULL;
            RETURN NULL;
        END
        """

    /// Each trigger: its name, and what it fires on (all call `heard_report_stamp`).
    static let reportStampTriggers: [(name: String, table: String, timing: String)] = {
        var out: [(String, String, String)] = [
            ("report_stamp_contact_added", "contacts", "AFTER INSERT ON contacts REFERENCING NEW TABLE AS heard_new FOR EACH STATEMENT"),
            ("report_stamp_contact_changed", "contacts", """
                AFTER UPDATE OF id, kind, received, procedure ON contacts FOR EACH ROW
                WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.kind IS DISTINCT FROM NEW.kind
                      OR OLD.received IS DISTINCT FROM NEW.received OR OLD.procedure IS DISTINCT FROM NEW.procedure)
                """),
            ("report_stamp_contact_removed", "contacts", "AFTER DELETE ON contacts REFERENCING OLD TABLE AS heard_old FOR EACH STATEMENT"),
            ("report_stamp_contact_truncated", "contacts", "AFTER TRUNCATE ON contacts FOR EACH STATEMENT"),
        ]
        for (noun, table) in [("issue", "issues"), ("event", "events")] {
            out.append(("report_stamp_\(noun)_added", table, "AFTER INSERT ON \(table) REFERENCING NEW TABLE AS heard_new FOR EACH STATEMENT"))
            out.append(("report_stamp_\(noun)_changed", table,
                        "AFTER UPDATE ON \(table) REFERENCING OLD TABLE AS heard_old NEW TABLE AS heard_new FOR EACH STATEMENT"))
            out.append(("report_stamp_\(noun)_removed", table, "AFTER DELETE ON \(table) REFERENCING OLD TABLE AS heard_old FOR EACH STATEMENT"))
            out.append(("report_stamp_\(noun)_truncated", table, "AFTER TRUNCATE ON \(table) FOR EACH STATEMENT"))
        }
        return out
    }()

    /// The function's search path is the catalogue first, then the schema, and no `public`: it
    /// runs as the tables' owner, and an operator or function of the same name in a schema
    /// searched before the catalogue would run with the owner's rights (`public` is writable by
    /// every login on PostgreSQL 14 and before; found by an attack: an officer's own `=` made
    /// them an administrator). Made by name in the schema, through `format`, since the path
    /// cannot name the schema as `FROM CURRENT` would.
    ///
    /// The tables, the sequence, the function and its triggers, made in a new schema or added to an
    /// older one (v17), or made again by a set-up (`PostgresRoles.install`), inside the caller's
    /// write transaction after `pinSearchPath`, run by the tables' owner. The function is made
    /// afresh, the tables' owner's alone (`PostgresSchema.definerFunctionsToTablesOwner`). Every case there already has its stamp (0): facts need one to be kept.
    static var reportFactsSQL: String {
        """
        CREATE SEQUENCE IF NOT EXISTS report_stamp_seq;
        CREATE TABLE IF NOT EXISTS report_facts (
            contact_id BIGINT PRIMARY KEY, stamp BIGINT NOT NULL,
            key TEXT COLLATE "C", settled TEXT COLLATE "C", facts_stamp BIGINT, facts BYTEA
        );
        \(dropFunctions(["heard_report_stamp()"]))
        DO $heard$ BEGIN
            EXECUTE pg_catalog.format('CREATE FUNCTION %I.heard_report_stamp() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER '
                || 'SET search_path = pg_catalog, %I, pg_temp AS %L', pg_catalog.current_schema(), pg_catalog.current_schema(),
                $body$\(reportStampBody)$body$);
        END $heard$;
        REVOKE EXECUTE ON FUNCTION heard_report_stamp() FROM PUBLIC;
        """ + PostgresSchema.definerFunctionsToTablesOwner(["heard_report_stamp()"]) + reportStampTriggers.map {
            "DROP TRIGGER IF EXISTS \($0.name) ON \($0.table);\nCREATE TRIGGER \($0.name) \($0.timing) EXECUTE FUNCTION heard_report_stamp();\n"
        }.joined()
            + "INSERT INTO report_facts (contact_id, stamp) SELECT id, 0 FROM contacts ON CONFLICT (contact_id) DO NOTHING;\n"
    }

    /// Whether the schema holds the facts' tables and every stamping trigger as made: enabled, on
    /// its table, calling the function with the body Heard gave it, as the owner, its search path
    /// pinned. Otherwise a change may not have moved a stamp, and no fact is read or kept.
    static func reportFactsIntact(_ conn: any SQLConnection) throws -> Bool {
        let tables = try conn.int("""
            SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = 'report_facts'
            """) ?? 0
        guard tables == 1 else { return false }
        var found: [String: (table: String, enabled: String, body: String, definer: Bool, pinned: Bool)] = [:]
        try conn.each("""
            SELECT t.tgname, c.relname, t.tgenabled, p.prosrc, CAST(p.prosecdef AS INT),
                   CAST(coalesce(p.proconfig = ARRAY['search_path=pg_catalog, ' || pg_catalog.quote_ident(current_schema()) || ', pg_temp'], false) AS INT)
            FROM pg_catalog.pg_trigger t
            JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid
            WHERE c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema())
              AND t.tgname LIKE 'report\\_stamp\\_%' AND NOT t.tgisinternal AND p.proname = 'heard_report_stamp'
            """, [], cached: true) { r in
            found[r.text(0)] = (r.text(1), r.text(2), r.text(3), r.int(4) != 0, r.int(5) != 0)
        }
        return reportStampTriggers.allSatisfy { t in
            guard let f = found[t.name] else { return false }
            return f.table == t.table && f.enabled == "O" && f.body == reportStampBody && f.definer && f.pinned
        }
    }
}

/// The stamps a report's readers read beside the rows they counted, by case id, for the facts it
/// keeps (`Store.keepReportFacts`): each is the stamp of the very rows counted.
final class ReportStamps: Sendable {
    private let stamps = Mutex<[Int64: Int64]>([:])

    func add(_ found: [Int64: Int64]) {
        stamps.withLock { all in all.merge(found) { _, new in new } }
    }

    func stamp(_ id: Int64) -> Int64? { stamps.withLock { $0[id] } }
}

extension Store {
    /// The facts kept on a server for the complaints of a piece (`keptReportFacts`), and the stamp
    /// of every case of the piece into `read.stamps`, read in the piece's own transaction.
    static func keptReportFactsOnServer(_ conn: any SQLConnection, _ read: ReportFactsRead, lo: Int64, hi: Int64,
                                        wanted: (Int64) -> Bool, capacity: Int, keeps: (Int64) -> Bool,
                                        _ intern: inout Interner) throws -> [Int64: ReportFacts] {
        var out: [Int64: ReportFacts] = [:]
        out.reserveCapacity(capacity)
        var stamps: [Int64: Int64] = [:]
        if read.stamps != nil { stamps.reserveCapacity(capacity) }
        // Each case's stamp, with its fact when it was kept under that stamp and can be read (the
        // bytes of any other are not sent). One table, read by its key's range: a fact and its
        // stamp in two tables were joined by the server in a plan that read every kept fact for
        // each piece (20-160 ms a piece, as the tables' statistics went).
        try conn.each(SQLRead(sql: """
            SELECT contact_id, stamp, CASE WHEN usable THEN settled END, CASE WHEN usable THEN facts END FROM (
                SELECT contact_id, stamp, settled, facts, facts_stamp = stamp AND key = ? AND settled <= ? AS usable
                FROM report_facts WHERE contact_id BETWEEN ? AND ?) AS r
            """, arguments: [.text(read.key), .text(read.today.iso), .int(lo), .int(hi)], cached: true)) { r in
            let id = r.int64(0)
            guard wanted(id) else { return }
            if read.stamps != nil && keeps(id) { stamps[id] = r.int64(1) }
            guard r.kind(2) == .text, r.kind(3) == .blob, let settled = LocalDate(iso: r.text(2)), settled <= read.today else { return }
            if let facts = r.withBlobBytes(3, { ReportFacts(encoded: $0) { intern(bytes: $0) } }) { out[id] = facts }
        }
        read.stamps?.add(stamps)
        return out
    }

    /// Whether this login may keep facts on the server: an administrator, or the tables' owner.
    static func mayKeepReportFacts(_ conn: any SQLConnection) throws -> Bool {
        try conn.int("""
            SELECT count(*) FROM (VALUES ('key'), ('settled'), ('facts_stamp'), ('facts')) AS c(name)
            WHERE pg_catalog.has_column_privilege(to_regclass('report_facts'), c.name, 'UPDATE')
            """) == 4
    }

    /// Keeps `fresh` under `key` on the server, each with the stamp its rows were read under (a
    /// case whose stamp was not read keeps nothing), in one transaction that waits for no writer.
    /// Never an error: the report stands either way.
    func keepReportFactsOnServer(_ fresh: [FreshReportFacts], key: String, stamps: ReportStamps) {
        guard let server = backend as? PostgresBackend else { return }
        let rows = fresh.compactMap { f in stamps.stamp(f.contactID).map { (f, $0) } }
        guard !rows.isEmpty else { return }
        try? server.writeDerived { conn in
            // 500 rows a statement: 2,500 values, well inside the server's 65,535. A case whose
            // stamp moved since it was read is not written at all.
            for start in stride(from: 0, to: rows.count, by: 500) {
                let part = rows[start..<min(start + 500, rows.count)]
                var values: [Bound] = []
                values.reserveCapacity(part.count * 5)
                for (f, stamp) in part {
                    values += [.int(f.contactID), .text(key), .text(f.settled.iso), .int(stamp), .blob(Data(f.facts.encoded()))]
                }
                // A row another session holds (its case being changed: its stamp is moving) is
                // passed over, not waited for: waiting, one officer's open change made the whole
                // keep wait its second and keep nothing (found by an attack).
                let row = "(CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS BIGINT), CAST(? AS BYTEA))"
                try conn.execute("""
                    WITH v(id, key, settled, stamp, facts) AS (VALUES \(Array(repeating: row, count: part.count).joined(separator: ", "))),
                    free AS (SELECT r.contact_id FROM report_facts AS r JOIN v ON r.contact_id = v.id AND r.stamp = v.stamp
                             FOR UPDATE OF r SKIP LOCKED)
                    UPDATE report_facts AS r SET key = v.key, settled = v.settled, facts_stamp = v.stamp, facts = v.facts
                    FROM v, free WHERE r.contact_id = free.contact_id AND v.id = free.contact_id AND r.stamp = v.stamp
                    """, values)
            }
        }
    }
}
