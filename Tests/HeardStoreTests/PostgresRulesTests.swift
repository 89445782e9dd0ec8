import Foundation
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// The row rules of `PostgresRules` and the writers' row, against a real server, each person a
/// fresh login role made here and dropped after: a hand-written change with no audit row is
/// refused at COMMIT, the audit's and access log's ids and times are the server's, and a reader
/// cannot hold the writers' lock; while Heard's own commands pass. Skipped, saying why, without a
/// server (HEARD_TEST_POSTGRES) or when its test role may not create roles: these are rules of
/// PostgreSQL alone (on SQLite the file's owner is all-powerful, as they must be).
final class PostgresRulesTests: PostgresLoginsTestCase {
    /// A new login role in `group`, and the URL that logs in as it.
    private func login(_ group: String, into url: String, suffix: String = "") throws -> (name: String, url: String) {
        let name = "\(schema?.name ?? "t")_r\(group.dropFirst("heard_".count))\(suffix)"
        return try makeLogin(name, in: group, url: url)
    }

    /// A case with an event (a child row), made through Heard.
    private func withdrawnCase(_ store: Store, name: String = "Rules Person") throws -> Int64 {
        let c = try store.add(sampleComplaint(received: "2015-01-05", name: name), today: day("2015-01-05"))
        let id = try XCTUnwrap(c.id)
        _ = try store.record(.withdrawn(day("2015-01-08"), reason: "no longer needed"), on: id, version: try store.contact(id: id).version, today: day("2015-01-08"))
        return id
    }

    /// The record's tables as they stand, to show that a refusal changed nothing.
    private func record(_ url: String) throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        for t in ["contacts", "issues", "events", "holidays", "actions", "stage_people", "audit", "reads"] {
            out[t] = try TestSchema.rows(url, "SELECT * FROM \(t)").map { "\($0)" }.sorted()
        }
        return out
    }

    func testAnOfficersHandWrittenChangeWithoutAnAuditRowIsRefused() throws {
        let (owner, url) = try team()
        let id = try withdrawnCase(owner)
        let officer = try login("heard_officer", into: url)
        let before = try record(url)
        let noAudit = "with no audit row in the same transaction is refused"
        // (Removing a case is refused sooner, by its own rule: `PostgresRolesTests`.)
        XCTAssertTrue(refusal(officer.url, "DELETE FROM contacts").contains("a case is removed only by undoing its creation"))
        for sql in ["UPDATE contacts SET subject_child = '', complainant_name = ''",
                    "UPDATE events SET reason = ''",
                    "DELETE FROM events",
                    "INSERT INTO holidays (date, title) VALUES ('2030-01-02', 'A day off')",
                    "BEGIN; SET CONSTRAINTS ALL IMMEDIATE; UPDATE contacts SET summary = 'x'; COMMIT",
                    // The note of a change cannot be taken back, nor an audit row rolled back counted.
                    "BEGIN; UPDATE contacts SET summary = 'x'; SELECT heard_audit_due_clear(); COMMIT",
                    "BEGIN; SAVEPOINT a; UPDATE contacts SET summary = 'x'; ROLLBACK TO a; UPDATE events SET reason = ''; COMMIT",
                    """
                    BEGIN; UPDATE contacts SET summary = 'x'; SAVEPOINT a;
                    INSERT INTO audit (entity, entity_id, action) VALUES ('contact', 1, 'update');
                    ROLLBACK TO a; COMMIT
                    """,
                    "MERGE INTO contacts c USING (SELECT 1) s ON true WHEN MATCHED THEN UPDATE SET summary = 'merged'",
                    "INSERT INTO holidays (date, title) VALUES ('2030-01-03', 'Another') ON CONFLICT DO NOTHING"] {
            let e = refusal(officer.url, sql)
            XCTAssertTrue(e.contains(noAudit), "\(sql): \(e)")
        }
        XCTAssertEqual(try record(url), before, "the record is unchanged")
        XCTAssertEqual(try owner.contact(id: id).complainantName, "Rules Person")
        // The notes are no role's to write; a statement that changed nothing needs no audit row.
        XCTAssertTrue(refusal(officer.url, "INSERT INTO heard_audit_due (xact, first_table) VALUES (txid_current(), 'x')").contains("permission denied"))
        XCTAssertTrue(refusal(officer.url, "DELETE FROM heard_audit_due").contains("permission denied"))
        try TestSchema.run(officer.url, "BEGIN; UPDATE contacts SET summary = 'x' WHERE id = -1; DELETE FROM events WHERE id = -1; COMMIT")

        // Through the store, the refusal is worded and names the role.
        let store = try open(officer.url, actor: "Officer")
        let e = storeError { try store.backend.write { try $0.execute("DELETE FROM events WHERE contact_id = ?", [.int(id)]) } }
        XCTAssertTrue(e?.description.contains("your database role (heard_officer) may not do this") ?? false, "\(String(describing: e))")
        XCTAssertTrue(e?.description.contains(noAudit) ?? false, "\(String(describing: e))")

        // An audit row that names its own author or time is refused, and the change with it.
        let forged = refusal(officer.url, """
            BEGIN; INSERT INTO audit (at, who, entity, entity_id, action) VALUES ('2001-01-01T00:00:00Z', 'Somebody Else', 'contact', \(id), 'update');
            UPDATE contacts SET summary = 'changed by hand' WHERE id = \(id); COMMIT
            """)
        XCTAssertTrue(forged.contains("permission denied"), forged)
        XCTAssertEqual(try record(url), before, "the record is unchanged")
        // With an audit row the change stands, and the row names its author as the server knows them.
        try TestSchema.run(officer.url, """
            BEGIN; INSERT INTO audit (entity, entity_id, action) VALUES ('contact', \(id), 'update');
            UPDATE contacts SET summary = 'changed by hand' WHERE id = \(id); COMMIT
            """)
        let last = try XCTUnwrap(try owner.recentAudit(limit: 1).first)
        XCTAssertEqual(last.who, officer.name)
        XCTAssertEqual(try owner.contact(id: id).summary, "changed by hand")
    }

    /// Found by the trial: the rule looked `audit` up by name, and a session's temporary table
    /// of that name is searched first unless the path names `pg_temp`; and `heard.copying` let
    /// an administrator forge rows in another's name. Both are closed; a copy by anyone but the
    /// tables' owner is refused before a row is written.
    func testATemporaryAuditTableOrAnAdminsCopyingFlagForgesNothing() throws {
        let (owner, url) = try team()
        let id = try withdrawnCase(owner)
        let officer = try login("heard_officer", into: url)
        let admin = try login("heard_admin", into: url)
        let before = try record(url)
        let e = refusal(officer.url, """
            BEGIN; CREATE TEMP TABLE audit (xact bigint); INSERT INTO audit VALUES (txid_current());
            UPDATE contacts SET summary = 'tampered' WHERE id = \(id); DELETE FROM events; COMMIT
            """)
        XCTAssertTrue(e.contains("with no audit row in the same transaction is refused"), e)
        XCTAssertEqual(try record(url), before, "the record is unchanged")

        // An administrator's hand-written row with heard.copying on may not name its id, time or author.
        let last = try XCTUnwrap(try owner.recentAudit(limit: 1).first)
        for (columns, values) in [("id", "999999"), ("at", "'2001-01-01T00:00:00Z'"), ("who", "'Somebody Else'"), ("xact", "1")] {
            let e = refusal(admin.url, """
                BEGIN; SET LOCAL heard.copying = 'on';
                INSERT INTO audit (\(columns), entity, entity_id, action) VALUES (\(values), 'contact', \(id), 'update');
                COMMIT
                """)
            XCTAssertTrue(e.contains("permission denied"), "\(columns): \(e)")
        }
        XCTAssertEqual(try owner.recentAudit(limit: 1).first?.id, last.id, "no row was written")
        let unaudited = refusal(admin.url, "BEGIN; SET LOCAL heard.copying = 'on'; UPDATE contacts SET summary = 'x' WHERE id = \(id); COMMIT")
        XCTAssertTrue(unaudited.contains("with no audit row in the same transaction is refused"), unaudited)

        // heard migrate into a server by an administrator who does not own the tables: refused, nothing copied.
        let dir = TemporaryDirectory()
        let source = try Store(path: dir.file("source.sqlite"), options: StoreOptions(actor: "Source"))
        defer { try? source.closeFile() }
        try source.add(sampleComplaint(), today: fixedToday)
        let empty = try TestSchema(server: server)
        defer { empty.drop() }
        let target = try open(empty.url, actor: "Owner")
        _ = try target.setUpRoles()
        let adminOfEmpty = try login("heard_admin", into: empty.url, suffix: "2")
        let byAdmin = try open(adminOfEmpty.url, actor: "Admin")
        let refused = storeError { try source.copyRecord(to: byAdmin) }
        XCTAssertTrue(refused?.description.contains("only the owner of the record's tables") ?? false, "\(String(describing: refused))")
        XCTAssertEqual(try target.contactCount(), 0, "nothing was copied")
        try source.copyRecord(to: target)
        XCTAssertEqual(try target.contactCount(), 1, "the owner's copy is made")
    }

    /// Found by the attack: a session id is readable by all, so an officer's hand-written audit
    /// row carrying another's session made that person's `u` delete a case of the forger's
    /// choosing. On a server undo takes only the rows this login wrote.
    func testUndoTakesOnlyThisLoginsRowsNotOnesForgedWithItsSession() throws {
        let (owner, url) = try team()
        let target = try withdrawnCase(owner, name: "Target Person")
        let first = try login("heard_officer", into: url)
        let second = try login("heard_officer", into: url, suffix: "2")
        let victim = try open(second.url, actor: "Victim")
        let mine = try victim.add(sampleComplaint(received: "2015-02-02", name: "Victim's Own"), today: day("2015-02-02"))
        let ref = try XCTUnwrap(TestSchema.value(url, "SELECT reference FROM contacts WHERE id = \(target)"))
        try TestSchema.run(first.url, """
            INSERT INTO audit (session, entity, entity_id, reference, action, changes, batch)
            VALUES ('\(victim.session)', 'contact', \(target), '\(ref)', 'create', '{}', '')
            """)
        let undone = try XCTUnwrap(try victim.undoLast(today: day("2015-02-02")))
        XCTAssertEqual(undone.contactIDs, [try XCTUnwrap(mine.id)], "the victim's own step, not the forged one")
        XCTAssertEqual(try owner.contact(id: target).complainantName, "Target Person", "the target case is still there")
    }

    func testAuditAndAccessLogIdsAndTimesAreTheServers() throws {
        let (owner, url) = try team()
        let id = try withdrawnCase(owner)
        let officer = try login("heard_officer", into: url)
        let manager = try login("heard_manager", into: url)
        let top = try XCTUnwrap(try owner.recentAudit(limit: 1).first?.id)

        // A far id (which stopped live refresh for good), the next ids reserved, a back-dated
        // time and another's name: each refused, nothing written.
        for (column, value) in [("id", "9000000000000000000"), ("id", "\(top + 2)"), ("at", "'2001-01-01T00:00:00Z'"), ("who", "'x'"), ("xact", "1")] {
            let e = refusal(officer.url, "INSERT INTO audit (\(column), entity, action) VALUES (\(value), 'contact', 'note')")
            XCTAssertTrue(e.contains("permission denied"), "\(column): \(e)")
        }
        XCTAssertEqual(try owner.recentAudit(limit: 1).first?.id, top, "nothing was written")
        for _ in 0..<3 { try TestSchema.run(officer.url, "INSERT INTO audit (entity, action) VALUES ('contact', 'note')") }
        let notes = try owner.recentAudit(limit: 3).reversed()
        XCTAssertEqual(notes.map(\.id), [top + 1, top + 2, top + 3], "the server's ids, one after another")
        XCTAssertEqual(Set(notes.map(\.who)), [officer.name])
        let stamp = try NSRegularExpression(pattern: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"#)
        for n in notes {
            XCTAssertNotEqual(n.at, "2001-01-01T00:00:00Z")
            XCTAssertEqual(stamp.numberOfMatches(in: n.at, range: NSRange(n.at.startIndex..., in: n.at)), 1, "the store's own form: \(n.at)")
        }
        // Heard's next writes are not blocked by reserved ids, and the change counter moves on.
        let store = try open(officer.url, actor: "Officer")
        _ = try store.add(sampleComplaint(received: "2022-05-03"), today: fixedToday)
        let counter = try store.changeCounter()
        XCTAssertGreaterThanOrEqual(counter, Int(top + 4))
        XCTAssertLessThan(counter, Int(top + 100), "live refresh goes on counting")

        // A manager's back-dated read of a chosen id, or in another's name: refused; a read logged
        // by hand is the server's.
        for (column, value) in [("id", "777"), ("at", "'2001-01-01T00:00:00Z'"), ("who", "'x'")] {
            let e = refusal(manager.url, "INSERT INTO reads (\(column), contact_id, via) VALUES (\(value), \(id), 'show')")
            XCTAssertTrue(e.contains("permission denied"), "\(column): \(e)")
        }
        try TestSchema.run(manager.url, "INSERT INTO reads (contact_id, via) VALUES (\(id), 'show')")
        let read = try XCTUnwrap(try owner.reads(contactID: id).last)
        XCTAssertEqual(read.who, manager.name)
        XCTAssertNotEqual(read.at, "2001-01-01T00:00:00Z")
        XCTAssertEqual(try TestSchema.value(url, "SELECT count(*) FROM reads WHERE id = 777"), "0", "the access log's own sequence, not 777")
    }

    /// Found by an attack: a column grant checks the columns a statement names, and an INSERT
    /// through a temporary view fills the rest from the view's own defaults. Rows so written as
    /// another officer, back-dated, with ids taken ahead (every later save failed on them) or with
    /// the `xact` of transactions to come (a later change then passed the audit rule with no row
    /// of its own) are each refused, on the audit and on the access log.
    func testAViewsDefaultsForgeNoAuditOrAccessLogRow() throws {
        let (owner, url) = try team()
        let id = try withdrawnCase(owner)
        let officer = try login("heard_officer", into: url)
        let other = try login("heard_officer", into: url, suffix: "2")
        let manager = try login("heard_manager", into: url)
        let before = try record(url)
        let top = try XCTUnwrap(try owner.recentAudit(limit: 1).first?.id)
        for (column, value) in [("who", "'\(other.name)'"), ("at", "'2000-01-01T00:00:00Z'"), ("id", "\(top + 1000)"),
                                ("id", "9223372036854775807"), ("id", "-7"), ("id", "0"), ("xact", "txid_current() + 1")] {
            // (An id taken first, so that the session's last id is known: `id` is checked against it.)
            let e = refusal(officer.url, """
                SELECT nextval('heard_audit_id');
                BEGIN; CREATE TEMP VIEW va AS SELECT * FROM audit; ALTER VIEW va ALTER COLUMN \(column) SET DEFAULT \(value);
                INSERT INTO va (entity, entity_id, action) VALUES ('contact', \(id), 'update');
                UPDATE contacts SET summary = 'forged' WHERE id = \(id); COMMIT
                """)
            XCTAssertTrue(e.contains("whose id, time or author is not the server's"), "\(column): \(e)")
        }
        // The padding of transactions to come, then a change of the record on its own: refused.
        let padded = refusal(officer.url, """
            CREATE TEMP VIEW va AS SELECT * FROM audit; CREATE TEMP SEQUENCE s;
            ALTER VIEW va ALTER COLUMN xact SET DEFAULT (txid_current() + nextval('s'));
            INSERT INTO va (entity, action) SELECT 'contact', 'padding' FROM generate_series(1, 20)
            """)
        XCTAssertTrue(padded.contains("not the server's"), padded)
        XCTAssertEqual(try owner.recentAudit(limit: 1).first?.id, top, "no audit row was written")
        XCTAssertEqual(try record(url), before, "the record is unchanged")
        for (column, value) in [("who", "'somebody_else'"), ("at", "'1999-01-01T00:00:00Z'"), ("id", "77777"), ("id", "-100")] {
            let e = refusal(manager.url, """
                SELECT nextval('heard_reads_id');
                CREATE TEMP VIEW vr AS SELECT * FROM reads; ALTER VIEW vr ALTER COLUMN \(column) SET DEFAULT \(value);
                INSERT INTO vr (contact_id, via) VALUES (\(id), 'show')
                """)
            XCTAssertTrue(e.contains("not the server's"), "\(column): \(e)")
        }
        XCTAssertEqual(try TestSchema.value(url, "SELECT count(*) FROM reads"), "0", "no read was logged")
        // Through a view with no defaults of its own the server's values are given, and pass.
        try TestSchema.run(officer.url, """
            BEGIN; CREATE TEMP VIEW va AS SELECT * FROM audit; INSERT INTO va (entity, entity_id, action) VALUES ('contact', \(id), 'update');
            UPDATE contacts SET summary = 'by hand, audited' WHERE id = \(id); COMMIT
            """)
        XCTAssertEqual(try owner.recentAudit(limit: 1).first?.who, officer.name)
        // Heard's own writes pass the check, a bulk change's many rows to a statement too.
        let store = try open(officer.url, actor: "Officer")
        let added = try (0..<3).map { n in try XCTUnwrap(store.add(sampleComplaint(received: "2022-05-0\(n + 3)"), today: fixedToday).id) }
        _ = try store.bulk(.assign(officer: "Pat Other"), ids: added, today: fixedToday) { _, _ in }
        XCTAssertEqual(Set(try owner.recentAudit(limit: 3).map(\.who)), [officer.name])
    }

    func testAReaderCannotHoldTheWritersLock() throws {
        let (owner, url) = try team()
        let manager = try login("heard_manager", into: url)
        let officer = try login("heard_officer", into: url)
        XCTAssertTrue(refusal(manager.url, "BEGIN; SELECT one FROM heard_writer FOR UPDATE; COMMIT").contains("permission denied"))
        XCTAssertTrue(refusal(manager.url, "DELETE FROM heard_writer").contains("permission denied"))
        XCTAssertTrue(refusal(officer.url, "DELETE FROM heard_writer").contains("permission denied"), "no writer removes the row all wait on")

        // The advisory lock writers took before: a manager holds it, and the officers save anyway.
        let held = try PostgresBackend(url: try XCTUnwrap(PostgresURL(manager.url)), busyTimeout: 1)
        defer { held.close() }
        try held.read { conn in
            _ = try conn.text("SELECT CAST(pg_advisory_lock(\(PostgresBackend.writeLock), \(PostgresBackend.schemaKey)) AS TEXT)")
        }
        let store = try open(officer.url, actor: "Officer", busyTimeout: 0.5)
        XCTAssertFalse(store.fileIsBusy())
        XCTAssertNoThrow(try store.addAction(ActionItem(title: "Ring back", created: fixedToday)))

        // Another writer holding the row is busy, said for a server.
        let lock = try HeldWriteLock(path: officer.url)
        XCTAssertTrue(store.fileIsBusy())
        let e = storeError { try store.addAction(ActionItem(title: "Ring again", created: fixedToday)) }
        XCTAssertEqual(e, .serverBusy)
        XCTAssertTrue(e?.description.contains("another session is saving") ?? false)
        XCTAssertFalse(e?.description.contains("file") ?? true)
        lock.release()
        XCTAssertFalse(store.fileIsBusy())
        XCTAssertEqual(try owner.actions(today: fixedToday).map(\.title), ["Ring back"])
    }

    func testAnOfficerIsToldBeforeDisposalThatTheRoleMayNotAndAnAdminIsNot() throws {
        let (owner, url) = try team()
        let officer = try login("heard_officer", into: url)
        let admin = try login("heard_admin", into: url)
        let manager = try login("heard_manager", into: url)
        let why = try XCTUnwrap(try open(officer.url, actor: "Officer").disposalRefusal())
        XCTAssertEqual(why, "your database role (heard_officer) may not anonymise or dispose of cases: only a member of heard_admin may; nothing was changed.")
        XCTAssertNil(try open(admin.url, actor: "Admin").disposalRefusal())
        XCTAssertNil(owner.disposalRefusal(), "the tables' owner may")
        // A manager may change nothing at all: `mayChangeRecord` says so first.
        XCTAssertFalse(try open(manager.url, actor: "Manager").mayChangeRecord())
        // And the server agrees with what was said: the officer's anonymisation is refused by it.
        let id = try withdrawnCase(owner)
        XCTAssertThrowsError(try open(officer.url, actor: "Officer").anonymise(contactID: id, reason: "erasure", today: fixedToday))
    }

    func testALoginInNoRoleIsToldSoAndWhatGrantsOne() throws {
        let (_, url) = try team()
        let nobody = try makeLogin("\(schema?.name ?? "t")_nobody", in: nil, url: url)
        let e = storeError { _ = try open(nobody.url, actor: "Nobody").cases(today: fixedToday) }
        let text = e?.description ?? ""
        XCTAssertTrue(text.contains("the login \(nobody.name) has none of Heard's roles"), text)
        XCTAssertTrue(text.contains("GRANT heard_officer TO \(nobody.name)"), text)
        XCTAssertFalse(text.contains("your database role"), text)
    }

    func testHeardsOwnCommandsPassTheRules() throws {
        let (owner, url) = try team()
        let officer = try login("heard_officer", into: url)
        let admin = try login("heard_admin", into: url)
        let store = try open(officer.url, actor: "Officer")
        let id = try withdrawnCase(store)
        var c = try store.contact(id: id)
        c.summary = "edited"
        _ = try store.update(c, today: fixedToday)
        let other = try XCTUnwrap(try store.add(sampleComplaint(received: "2022-05-03", name: "Second Person"), today: fixedToday).id)
        let bulk = try store.bulk(.assign(officer: "Someone New"), ids: [id, other], today: fixedToday, progress: { _, _ in })
        XCTAssertEqual(bulk.done, 2)
        XCTAssertEqual(bulk.refused.count, 0)
        XCTAssertNotNil(try store.undoLast(today: fixedToday))
        XCTAssertEqual(try store.contact(id: other).officer, "Officer One", "the bulk change undone")
        _ = try store.addAction(ActionItem(title: "Write to the service", created: fixedToday))
        XCTAssertEqual(try store.importHolidays([BankHoliday(date: day("2030-01-02"), title: "A day off")]), 1)

        let result = try open(admin.url, actor: "Admin").anonymise(contactID: id, reason: "erasure request", today: fixedToday)
        XCTAssertEqual(result.anonymised, 1)
        let ids = try owner.query { try $0.ints("SELECT id FROM audit ORDER BY id") }
        XCTAssertEqual(ids, Array(1...Int64(ids.count)), "the server's ids, with no gap")
        XCTAssertEqual(Set(try owner.recentAudit(limit: 1000).map(\.who)), [officer.name, admin.name])

        // heard migrate by the owner: the history keeps its names, ids and times, and new rows follow it.
        let source = try TestSchema(server: server)
        defer { source.drop() }
        let from = try open(source.url, actor: "Old Officer")
        _ = try withdrawnCase(from, name: "Copied Person")
        let target = try TestSchema(server: server)
        defer { target.drop() }
        let to = try open(target.url, actor: "Owner")
        XCTAssertNotNil(try to.setUpRoles())
        try from.copyRecord(to: to)
        XCTAssertEqual(try to.recentAudit(limit: 10).map(\.who), try from.recentAudit(limit: 10).map(\.who))
        XCTAssertEqual(try to.recentAudit(limit: 10).map(\.at), try from.recentAudit(limit: 10).map(\.at))
        let copied = try from.recentAudit(limit: 1).first?.id ?? 0
        _ = try to.addAction(ActionItem(title: "After the copy", created: fixedToday))
        XCTAssertEqual(try to.recentAudit(limit: 1).first?.id, copied + 1)
    }

    /// Rule 1 as the Heard of session 30 made it, a deferred check on every changed row, is
    /// replaced by the notes of statements when the owner opens the schema, and still refuses.
    func testTheRowByRowAuditCheckIsReplacedByStatementNotesWhenTheOwnerOpens() throws {
        let (owner, url) = try team()
        let id = try withdrawnCase(owner)
        try owner.closeFile()
        var back = """
            UPDATE heard_schema SET version = 15;
            DROP TABLE heard_audit_due CASCADE;
            CREATE OR REPLACE FUNCTION heard_require_audit() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM audit WHERE xact = txid_current())
                   AND NOT (coalesce(current_setting('heard.copying', true), '') = 'on' AND heard_is_owner(TG_RELID)) THEN
                    RAISE EXCEPTION 'a change to % with no audit row in the same transaction is refused (Heard writes one for every change)', TG_TABLE_NAME
                        USING ERRCODE = '42501';
                END IF;
                RETURN NULL;
            END $$;
            """
        for t in try TestSchema.rows(url, """
            SELECT DISTINCT c.relname FROM pg_trigger JOIN pg_class c ON c.oid = tgrelid
            WHERE tgname LIKE '%\\_noted\\_%' AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
            """) {
            let table = t[0] ?? ""
            for (suffix, _, _) in PostgresRules.noteTriggers { back += "\nDROP TRIGGER \(table)\(suffix) ON \(table);" }
            back += """

                CREATE CONSTRAINT TRIGGER \(table)_audited AFTER INSERT OR UPDATE OR DELETE ON \(table)
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION heard_require_audit();
                """
        }
        try TestSchema.run(url, back)
        let officer = try login("heard_officer", into: url)
        XCTAssertTrue(refusal(officer.url, "UPDATE contacts SET summary = 'x'").contains("no audit row"), "the old rule refuses too")

        let reopened = try open(url, actor: "Owner")
        XCTAssertNil(try reopened.setUpRoles(), "the rules are all there")
        XCTAssertEqual(try TestSchema.value(url, "SELECT version FROM heard_schema"), String(PostgresSchema.version))
        XCTAssertEqual(try TestSchema.value(url, """
            SELECT count(*) FROM pg_trigger JOIN pg_class c ON c.oid = tgrelid
            WHERE tgname LIKE '%\\_audited' AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
            """), "0", "no row-by-row check left")
        XCTAssertTrue(refusal(officer.url, "UPDATE contacts SET summary = 'x'").contains("a change to contacts with no audit row"))
        XCTAssertTrue(refusal(officer.url, "DELETE FROM events").contains("a change to events with no audit row"))
        let later = try open(officer.url, actor: "Officer")
        _ = try later.addAction(ActionItem(title: "After the upgrade", created: fixedToday))
        XCTAssertEqual(try later.contact(id: id).complainantName, "Rules Person")
        XCTAssertEqual(try TestSchema.value(url, "SELECT count(*) FROM heard_audit_due"), "0", "each note goes when checked")
    }

    /// A session opened on a v16-v18 schema (whose trigger set `at` and `who`) leaves them out
    /// already, so it writes on after the owner's upgrade to v19, whose grants refuse them (a
    /// trial's officer screen could not save, and a manager's reads went unlogged, until restarted).
    func testASessionOpenedBeforeTheUpgradeToV19WritesOnAfterIt() throws {
        let (owner, url) = try team()
        let id = try withdrawnCase(owner)
        try owner.closeFile()
        try TestSchema.run(url, """
            CREATE FUNCTION heard_stamp_audit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN NEW.who := session_user; NEW.id := nextval('heard_audit_id'); NEW.at := '2026-01-01T00:00:00Z'; NEW.xact := txid_current(); RETURN NEW; END $$;
            CREATE FUNCTION heard_stamp_reads() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN NEW.who := session_user; NEW.id := nextval('heard_reads_id'); NEW.at := '2026-01-01T00:00:00Z'; RETURN NEW; END $$;
            DROP TRIGGER audit_stamped ON audit; DROP TRIGGER reads_stamped ON reads;
            DROP FUNCTION heard_check_audit(); DROP FUNCTION heard_check_reads();
            ALTER TABLE audit ALTER COLUMN id DROP DEFAULT, ALTER COLUMN at DROP DEFAULT, ALTER COLUMN who DROP DEFAULT, ALTER COLUMN xact DROP DEFAULT;
            ALTER TABLE reads ALTER COLUMN id DROP DEFAULT, ALTER COLUMN at DROP DEFAULT, ALTER COLUMN who DROP DEFAULT;
            GRANT INSERT ON audit TO heard_officer;
            GRANT INSERT ON reads TO heard_officer, heard_manager;
            CREATE TRIGGER audit_who BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION heard_stamp_audit();
            CREATE TRIGGER reads_who BEFORE INSERT ON reads FOR EACH ROW EXECUTE FUNCTION heard_stamp_reads();
            UPDATE heard_schema SET version = 18;
            """)
        let officer = try login("heard_officer", into: url)
        let manager = try login("heard_manager", into: url)
        let early = try open(officer.url, actor: "Officer")
        let reader = try open(manager.url, actor: "Manager")
        _ = try early.addAction(ActionItem(title: "Before the upgrade", created: fixedToday))
        XCTAssertEqual(try TestSchema.value(url, "SELECT version FROM heard_schema"), "18")

        _ = try open(url, actor: "Owner")
        XCTAssertEqual(try TestSchema.value(url, "SELECT version FROM heard_schema"), String(PostgresSchema.version))
        XCTAssertTrue(refusal(officer.url, "INSERT INTO audit (who, entity, action) VALUES ('x', 'contact', 'note')").contains("permission denied"))
        _ = try early.addAction(ActionItem(title: "After the upgrade", created: fixedToday))
        XCTAssertEqual(try owner.recentAudit(limit: 1).first?.who, officer.name, "the session from before writes on")
        if case .failed(let why) = reader.recordRead(contactID: id, via: .show) { XCTFail("the manager's read: \(why)") }
        XCTAssertEqual(try TestSchema.value(url, "SELECT who FROM reads ORDER BY id DESC LIMIT 1"), manager.name, "and reads are logged")
    }

    /// A v19 schema (the added cases' words made a row at a time, by `heard_index_contact`): an
    /// officer's Heard works on it and its check says nothing of the older trigger; the owner's
    /// opening makes v20's, once a statement, which no one but the owner may run (an attack found
    /// the upgrade's new function open to every login, to rewrite any case's words unaudited).
    func testAV19SchemasSearchTriggerIsMadeAgainByItsOwnersOpeningAndIsTheOwnersAlone() throws {
        let (owner, url) = try team()
        _ = try withdrawnCase(owner)
        try owner.closeFile()
        try TestSchema.run(url, TestSchema.asSchemaV19)
        let officer = try login("heard_officer", into: url)
        let early = try open(officer.url, actor: "Officer")
        let added = try early.add(sampleComplaint(name: "Before Lapwing"), today: fixedToday)
        XCTAssertEqual(try early.indexSearch("lapwing"), [try XCTUnwrap(added.id)])
        XCTAssertEqual(try early.check(today: fixedToday), [], "the older trigger is not a fault")
        XCTAssertEqual(try TestSchema.value(url, "SELECT version FROM heard_schema"), "19", "not the officer's to upgrade")

        // A function of the same name in `public` (another record's there) is not the one the
        // upgrade drops, though the search path finds it there once this schema's is gone.
        let decoy = "public.heard_index_contacts()"
        try TestSchema.run(url, "CREATE FUNCTION \(decoy) RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$")
        defer { try? TestSchema.run(url, "DROP FUNCTION IF EXISTS \(decoy)") }
        let reopened = try open(url, actor: "Owner")
        XCTAssertEqual(try TestSchema.value(url, "SELECT count(*) FROM pg_proc WHERE oid = to_regprocedure('\(decoy)')"), "1", "public's left as it was")
        XCTAssertEqual(try TestSchema.value(url, "SELECT version FROM heard_schema"), String(PostgresSchema.version))
        XCTAssertEqual(try TestSchema.value(url, """
            SELECT tgtype FROM pg_trigger WHERE tgname = 'contacts_search_index' AND tgrelid = to_regclass('contacts')
            """), "4", "once a statement")
        XCTAssertEqual(try reopened.check(today: fixedToday), [])
        let later = try open(officer.url, actor: "Officer")
        let after = try later.add(sampleComplaint(name: "After Plover"), today: fixedToday)
        XCTAssertEqual(try later.indexSearch("plover"), [try XCTUnwrap(after.id)])
        let manager = try login("heard_manager", into: url)
        for who in [officer.url, manager.url] {
            XCTAssertTrue(refusal(who, """
                CREATE TEMP TABLE fake (id BIGINT, reference TEXT, complainant_name TEXT, subject_child TEXT, summary TEXT);
                CREATE TRIGGER poison AFTER INSERT ON fake REFERENCING NEW TABLE AS heard_new FOR EACH STATEMENT EXECUTE FUNCTION heard_index_contacts();
                INSERT INTO fake SELECT id, 'x', 'hijacked', '', '' FROM contacts
                """).contains("permission denied for function"))
        }
        XCTAssertEqual(try reopened.indexSearch("hijacked"), [])

        // Opened to every login, or to the managers, by another hand: named by the check, and
        // closed by the rebuild (an attack found a grant to a role kept by every remake).
        for grant in ["GRANT EXECUTE ON FUNCTION heard_index_contacts() TO PUBLIC",
                      "GRANT EXECUTE ON FUNCTION heard_index_contacts() TO heard_manager",
                      "GRANT EXECUTE ON FUNCTION heard_index_contact() TO heard_officer"] {
            try TestSchema.run(url, grant)
            XCTAssertTrue(try reopened.check(today: fixedToday).contains { $0.hasPrefix("search index: its triggers are gone or not as Heard made them") }, grant)
            _ = try reopened.rebuildSearchIndex()
            XCTAssertEqual(try reopened.check(today: fixedToday), [], grant)
            XCTAssertTrue(refusal(manager.url, """
                CREATE TEMP TABLE fake (id BIGINT, reference TEXT, complainant_name TEXT, subject_child TEXT, summary TEXT);
                CREATE TRIGGER poison AFTER INSERT ON fake REFERENCING NEW TABLE AS heard_new FOR EACH STATEMENT EXECUTE FUNCTION heard_index_contacts();
                INSERT INTO fake SELECT id, 'x', 'hijacked', '', '' FROM contacts
                """).contains("permission denied for function"), grant)
        }
        // A function made takes its maker's default privileges: a remake takes them back.
        try TestSchema.run(url, "ALTER DEFAULT PRIVILEGES IN SCHEMA \(try XCTUnwrap(schema?.name)) GRANT EXECUTE ON FUNCTIONS TO heard_manager")
        _ = try reopened.rebuildSearchIndex()
        // The functions' grant taken back; the default itself is named as not as set up.
        let said = try reopened.check(today: fixedToday)
        XCTAssertEqual(said.count, 1, "\(said)")
        XCTAssertTrue(said.first?.contains("not as 'heard init --postgres' last made it: default privileges of") ?? false, "\(said)")
        XCTAssertTrue(refusal(manager.url, """
            CREATE TEMP TABLE fake (id BIGINT, reference TEXT, complainant_name TEXT, subject_child TEXT, summary TEXT);
            CREATE TRIGGER poison AFTER INSERT ON fake REFERENCING NEW TABLE AS heard_new FOR EACH STATEMENT EXECUTE FUNCTION heard_index_contacts();
            INSERT INTO fake SELECT id, 'x', 'hijacked', '', '' FROM contacts
            """).contains("permission denied for function"))
        try TestSchema.run(url, "ALTER DEFAULT PRIVILEGES IN SCHEMA \(try XCTUnwrap(schema?.name)) REVOKE EXECUTE ON FUNCTIONS FROM heard_manager")
        XCTAssertEqual(try reopened.check(today: fixedToday), [], "the default taken back by hand")
        XCTAssertEqual(try TestSchema.value(url, """
            SELECT count(*) FROM pg_proc WHERE proname LIKE 'heard_index_contact%' AND pronamespace = CAST(current_schema() AS regnamespace)
              AND proowner = (SELECT relowner FROM pg_class WHERE oid = to_regclass('contacts'))
            """), "2", "both the tables' owner's")
    }

    /// Every function run with its owner's rights is the tables' owner's, and theirs alone to
    /// run (but the note's clearing, which every writer's COMMIT runs): one another role may run
    /// can be put on a trigger of its own to write as the owner, and one a superuser owns runs
    /// as the superuser whatever the owner puts in the schema. `heard check` names either, and
    /// setting up again makes them afresh (a function replaced in place keeps its owner and
    /// grants); the rules they make hold after.
    func testEveryFunctionRunAsTheOwnerIsTheOwnersAloneAndMadeAgainBySettingUp() throws {
        let (owner, url) = try team()
        _ = try withdrawnCase(owner)
        let officer = try login("heard_officer", into: url)
        let manager = try login("heard_manager", into: url)
        let definer = """
            SELECT string_agg(proname || ':' || CAST(pg_has_role(proowner, (SELECT relowner FROM pg_class WHERE oid = to_regclass('contacts')), 'MEMBER')
                              AND proowner = (SELECT relowner FROM pg_class WHERE oid = to_regclass('contacts')) AS TEXT)
                              || ':' || CAST(has_function_privilege('heard_manager', CAST(oid AS regprocedure), 'EXECUTE') AS TEXT), ' ' ORDER BY proname)
            FROM pg_proc WHERE prosecdef AND pronamespace = CAST(current_schema() AS regnamespace)
            """
        let asMade = "heard_audit_due_clear:true:true heard_index_contact:true:false heard_index_contacts:true:false "
            + "heard_note_change:true:false heard_report_stamp:true:false"
        XCTAssertEqual(try TestSchema.value(url, definer), asMade)
        XCTAssertNil(try owner.setUpRoles(), "as made: nothing to do")

        for (grant, named) in [("GRANT EXECUTE ON FUNCTION heard_note_change() TO PUBLIC", "heard_note_change (every login may run it)"),
                               ("GRANT EXECUTE ON FUNCTION heard_report_stamp() TO heard_manager", "heard_report_stamp (heard_manager may run it)")] {
            try TestSchema.run(url, grant)
            let said = try owner.check(today: fixedToday)
            XCTAssertTrue(said.contains { $0.contains("not as Heard made them: \(named)") && $0.contains("'heard init --postgres'") }, "\(said)")
            XCTAssertEqual(try owner.setUpRoles(), [], grant)
            XCTAssertEqual(try owner.check(today: fixedToday), [], grant)
            XCTAssertEqual(try TestSchema.value(url, definer), asMade, grant)
        }

        // Given to a superuser (as a superuser's upgrade of another role's schema left them).
        let superuser = url + "&user=postgres"
        if (try? TestSchema.value(superuser, "SELECT CAST(rolsuper AS TEXT) FROM pg_roles WHERE rolname = current_user")) == "true" {
            let s = try XCTUnwrap(schema?.name)
            try TestSchema.run(superuser, """
                ALTER FUNCTION "\(s)".heard_report_stamp() OWNER TO postgres;
                ALTER FUNCTION "\(s)".heard_note_change() OWNER TO postgres;
                ALTER FUNCTION "\(s)".heard_index_contact() OWNER TO postgres;
                """)
            let said = try owner.check(today: fixedToday)
            for f in ["heard_index_contact", "heard_note_change", "heard_report_stamp"] {
                XCTAssertTrue(said.contains { $0.contains("\(f) (owned by postgres)") }, "\(said)")
            }
            XCTAssertEqual(try owner.setUpRoles(), [])
            XCTAssertEqual(try owner.check(today: fixedToday), [])
            XCTAssertEqual(try TestSchema.value(url, definer), asMade)
        }

        // The rules the remade functions keep still hold: an officer's change through Heard is
        // noted and stamped; one by hand with no audit row is refused at COMMIT.
        let store = try open(officer.url, actor: "Officer")
        let id = try withdrawnCase(store, name: "After Remake")
        XCTAssertEqual(try store.indexSearch("remake"), [id])
        XCTAssertTrue(try owner.query { try PostgresSchema.reportFactsIntact($0) })
        XCTAssertTrue(refusal(officer.url, "UPDATE contacts SET summary = 'by hand' WHERE id = \(id)").contains("no audit row"))
        XCTAssertTrue(refusal(manager.url, """
            CREATE TEMP TABLE fake (id BIGINT);
            CREATE TRIGGER poison AFTER INSERT ON fake REFERENCING NEW TABLE AS heard_changed FOR EACH STATEMENT EXECUTE FUNCTION heard_note_change();
            INSERT INTO fake VALUES (1)
            """).contains("permission denied for function"))
    }

    /// A login that is a member of the tables' owner, without CREATEROLE of its own (as a
    /// council's DBA might give a named person the owner's role), upgrades the schema when it
    /// opens it: the set-up that follows grants no role membership already there (granting a
    /// role takes CREATEROLE), and the functions it makes are the owner's, not the member's.
    func testAMemberOfTheOwnerWithoutCreateRoleUpgradesTheSchema() throws {
        let (owner, url) = try team()
        _ = try withdrawnCase(owner)
        let tablesOwner = try XCTUnwrap(try TestSchema.value(url, "SELECT current_user"))
        try owner.closeFile()
        try TestSchema.run(url, TestSchema.asSchemaV19)
        let member = try makeLogin("\(try XCTUnwrap(schema?.name))_member", in: tablesOwner, url: url)
        XCTAssertEqual(try TestSchema.value(member.url, "SELECT CAST(rolcreaterole AS TEXT) FROM pg_roles WHERE rolname = current_user"), "false")
        let opened = try open(member.url, actor: "Member")
        XCTAssertEqual(try TestSchema.value(url, "SELECT version FROM heard_schema"), String(PostgresSchema.version))
        XCTAssertEqual(try opened.check(today: fixedToday), [])
        XCTAssertEqual(try TestSchema.value(url, """
            SELECT count(*) FROM pg_proc WHERE prosecdef AND pronamespace = CAST(current_schema() AS regnamespace)
              AND proowner <> (SELECT relowner FROM pg_class WHERE oid = to_regclass('contacts'))
            """), "0", "every function run as its owner is the tables' owner's")
        let added = try opened.add(sampleComplaint(name: "Member Godwit"), today: fixedToday)
        XCTAssertEqual(try opened.indexSearch("godwit"), [try XCTUnwrap(added.id)])
    }

    /// The note's clearing is every writer's to run whatever the owner's default privileges
    /// take from PUBLIC (an attack found every officer's change refused after a set-up, and the
    /// check saying ok); and an object of an officer's own that depends on a function a set-up
    /// makes afresh (a function in `pg_temp` calling it, in a session held open) does not stop
    /// the set-up (an attack found it stopped, and the owner's opening of an older schema too).
    func testASetUpHoldsAgainstTheOwnersDefaultsAndAnOfficersDependentObject() throws {
        let (owner, url) = try team()
        let officer = try login("heard_officer", into: url)
        let s = try XCTUnwrap(schema?.name)
        try TestSchema.run(url, "ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC")
        defer { try? TestSchema.run(url, "ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO PUBLIC") }
        let held = try PostgresConnection(XCTUnwrap(PostgresURL(officer.url)))
        try held.execute("CREATE FUNCTION pg_temp.leans_on() RETURNS void LANGUAGE sql BEGIN ATOMIC SELECT \"\(s)\".heard_audit_due_clear(); END")
        try TestSchema.run(url, "GRANT EXECUTE ON FUNCTION heard_note_change() TO PUBLIC")
        XCTAssertEqual(try owner.setUpRoles(), [], "made again")
        XCTAssertEqual(try owner.check(today: fixedToday), [])
        let store = try open(officer.url, actor: "Officer")
        let id = try withdrawnCase(store, name: "Defaults Dunlin")
        XCTAssertEqual(try store.contact(id: id).events.map(\.kind), [.withdrawn], "the officer's change kept")

        // Taken from PUBLIC by hand: named by the check, given back by a set-up.
        try TestSchema.run(url, "REVOKE EXECUTE ON FUNCTION heard_audit_due_clear() FROM PUBLIC")
        XCTAssertTrue(try owner.check(today: fixedToday).contains { $0.contains("heard_audit_due_clear (writers may not run it") })
        XCTAssertEqual(try owner.setUpRoles(), [])
        XCTAssertEqual(try owner.check(today: fixedToday), [])
        _ = try withdrawnCase(store, name: "Again Dunlin")
    }

    /// The rules' functions as made, by their bodies: one replaced by hand (the note made to note
    /// nothing, so that a change with no audit row was let through) or gone (the clearing, then
    /// found by the search path in `public`) is named by `heard check`, and a set-up makes it
    /// again (found by an attack: check and init said all was well).
    func testARulesFunctionReplacedOrGoneIsNamedAndMadeAgain() throws {
        let (owner, url) = try team()
        let officer = try login("heard_officer", into: url)
        let id = try withdrawnCase(owner)
        for (damage, named) in [
            ("CREATE OR REPLACE FUNCTION heard_note_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$BEGIN RETURN NULL; END$$", "heard_note_change (gone, or changed)"),
            ("DROP FUNCTION heard_audit_due_clear()", "heard_audit_due_clear (gone, or changed)"),
            ("CREATE OR REPLACE FUNCTION heard_check_audit_due() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$", "heard_check_audit_due (gone, or changed)"),
            ("DROP FUNCTION heard_report_stamp() CASCADE", "heard_report_stamp (gone, or changed)"),
        ] {
            try TestSchema.run(url, damage)
            let said = try owner.check(today: fixedToday)
            XCTAssertTrue(said.contains { $0.contains("not as Heard made them: \(named)") }, "\(damage): \(said)")
            XCTAssertEqual(try owner.setUpRoles(), [], damage)
            XCTAssertEqual(try owner.check(today: fixedToday), [], damage)
            XCTAssertTrue(refusal(officer.url, "UPDATE contacts SET summary = 'by hand' WHERE id = \(id)").contains("no audit row"), damage)
        }
        XCTAssertTrue(try owner.query { try PostgresSchema.reportFactsIntact($0) })
    }

    /// A command opened read-only changes nothing, the owner's too: an older schema is read as
    /// it is, not upgraded (found by a trial: `--read-only` upgraded it).
    func testTheOwnersReadOnlyOpeningDoesNotUpgrade() throws {
        let (owner, url) = try team()
        _ = try withdrawnCase(owner)
        try owner.closeFile()
        try TestSchema.run(url, TestSchema.asSchemaV19)
        let reader = try open(url, actor: "Owner", readOnly: true)
        XCTAssertEqual(try reader.cases(today: fixedToday).count, 1)
        XCTAssertNil(reader.upgradedServerSchemaFrom)
        XCTAssertEqual(try TestSchema.value(url, "SELECT version FROM heard_schema"), "19")
        let writer = try open(url, actor: "Owner")
        XCTAssertEqual(writer.upgradedServerSchemaFrom, 19)
        XCTAssertEqual(try TestSchema.value(url, "SELECT version FROM heard_schema"), String(PostgresSchema.version))
    }

    func testAnOlderSchemaGainsTheRulesWhenItsOwnerOpensIt() throws {
        let (owner, url) = try team()
        let id = try withdrawnCase(owner)
        try owner.closeFile()
        // The schema as Heard v12 left it: no writers' row, no audit.xact, ids by identity, the old
        // trigger (which set `who` alone), INSERT on every column of the logs.
        var back = """
            CREATE OR REPLACE FUNCTION heard_set_who() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN NEW.who := session_user; RETURN NEW; END $$;
            ALTER TABLE audit ALTER COLUMN id DROP DEFAULT, ALTER COLUMN at DROP DEFAULT, ALTER COLUMN who DROP DEFAULT;
            ALTER TABLE reads ALTER COLUMN id DROP DEFAULT, ALTER COLUMN at DROP DEFAULT, ALTER COLUMN who DROP DEFAULT;
            GRANT INSERT ON audit TO heard_officer;
            GRANT INSERT ON reads TO heard_officer, heard_manager;
            DROP TRIGGER audit_stamped ON audit; DROP TRIGGER reads_stamped ON reads;
            DROP FUNCTION heard_check_audit(); DROP FUNCTION heard_check_reads();
            CREATE TRIGGER audit_who BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION heard_set_who();
            CREATE TRIGGER reads_who BEFORE INSERT ON reads FOR EACH ROW EXECUTE FUNCTION heard_set_who();
            DROP TABLE heard_writer;
            ALTER TABLE audit DROP COLUMN xact;
            DROP SEQUENCE heard_audit_id;
            ALTER TABLE audit ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY;
            SELECT setval(pg_get_serial_sequence('audit', 'id'), (SELECT max(id) FROM audit));
            DROP SEQUENCE heard_reads_id;
            ALTER TABLE reads ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY;
            DROP TABLE name_words_stale; DROP TABLE name_words;
            DROP FUNCTION heard_name_rows_noted() CASCADE; DROP FUNCTION heard_name_row_changed() CASCADE;
            UPDATE heard_schema SET version = 12;
            """
        for t in try TestSchema.rows(url, """
            SELECT tgname, c.relname FROM pg_trigger JOIN pg_class c ON c.oid = tgrelid
            WHERE tgname LIKE '%\\_noted\\_%' AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
            """) {
            back += "\nDROP TRIGGER \(t[0] ?? "") ON \(t[1] ?? "");"
        }
        back += "\nDROP TABLE heard_audit_due;"
        try TestSchema.run(url, back)
        let officer = try login("heard_officer", into: url)
        try TestSchema.run(officer.url, "UPDATE contacts SET summary = 'by hand, as v12 allowed'")

        // Opened by an officer: not theirs to upgrade; Heard still works, as v12 did.
        let early = try open(officer.url, actor: "Officer")
        _ = try early.addAction(ActionItem(title: "Before the upgrade", created: fixedToday))
        XCTAssertEqual(try TestSchema.value(url, "SELECT version FROM heard_schema"), "12")

        // Opened by the owner: v13, with the rules (and v14, the name index, on top).
        let reopened = try open(url, actor: "Owner")
        XCTAssertEqual(try TestSchema.value(url, "SELECT version FROM heard_schema"), String(PostgresSchema.version))
        XCTAssertNil(try reopened.setUpRoles(), "the roles' rules are all there")
        XCTAssertTrue(refusal(officer.url, "DELETE FROM events").contains("no audit row"))
        let later = try open(officer.url, actor: "Officer")
        _ = try later.addAction(ActionItem(title: "After the upgrade", created: fixedToday))
        let ids = try reopened.query { try $0.ints("SELECT id FROM audit ORDER BY id") }
        XCTAssertEqual(ids, Array(1...Int64(ids.count)), "the sequence goes on from the identity's last id")
        // The logs' columns are the server's now: the old trigger is gone, and naming them is refused.
        XCTAssertEqual(try TestSchema.value(url, "SELECT count(*) FROM pg_trigger WHERE tgname IN ('audit_who', 'reads_who')"), "0")
        XCTAssertTrue(refusal(officer.url, "INSERT INTO audit (who, entity, action) VALUES ('x', 'contact', 'note')").contains("permission denied"))
        XCTAssertEqual(try reopened.recentAudit(limit: 1).first?.who, officer.name, "the officer's action after the upgrade")
        XCTAssertEqual(try reopened.contact(id: id).complainantName, "Rules Person")
    }
}
