import Foundation
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// The three roles of `heard init --postgres` against a real server, each person a fresh login
/// role made here (as an administrator would) and dropped after: what each may do through Heard
/// and by hand in SQL, the audit's "who", and live changes. Skipped, saying why, without a server
/// (HEARD_TEST_POSTGRES) or when its test role may not create roles.
final class PostgresRolesTests: PostgresLoginsTestCase {
    /// A new login role in `group`, and the URL that logs in as it.
    private func login(_ group: String, into url: String) throws -> (name: String, url: String) {
        let name = "\(schema?.name ?? "t")_\(group.dropFirst("heard_".count))"
        return try makeLogin(name, in: group, url: url)
    }

    private func withdrawnCase(_ store: Store, name: String = "Role Person") throws -> Int64 {
        let c = try store.add(sampleComplaint(received: "2015-01-05", name: name), today: day("2015-01-05"))
        let id = try XCTUnwrap(c.id)
        _ = try store.record(.withdrawn(day("2015-01-08"), reason: "no longer needed"), on: id, version: try store.contact(id: id).version, today: day("2015-01-08"))
        return id
    }

    func testAnOfficerChangesTheRecordButMayNotAnonymiseOrRewriteTheAudit() throws {
        let (_, url) = try team()
        let officer = try login("heard_officer", into: url)
        let store = try open(officer.url, actor: "Somebody Else")
        XCTAssertEqual(store.actor, officer.name, "the store names the login, as the trigger does")
        XCTAssertTrue(store.mayChangeRecord())
        let id = try withdrawnCase(store)
        XCTAssertEqual(try store.contact(id: id).events.map(\.kind), [.withdrawn])
        XCTAssertEqual(Set(try store.auditTrail(entity: .contact, id: id).map(\.who)), [officer.name])

        let e = storeError { try store.anonymise(contactID: id, reason: "erasure request", today: fixedToday) }
        XCTAssertTrue(e?.description.contains("your database role (heard_officer)") ?? false, "\(String(describing: e))")
        XCTAssertTrue(e?.description.contains("only a member of heard_admin may anonymise") ?? false, "\(String(describing: e))")
        _ = storeError { try store.dispose(contactIDs: [id], reason: "retention period ended", today: fixedToday) }
        XCTAssertFalse(try store.protection(contactID: id).isAnonymised)

        // By hand, in SQL, as the officer: refused by the server itself.
        XCTAssertTrue(refusal(officer.url, "UPDATE contacts SET anonymised_on = '2022-06-15'").contains("only a member of heard_admin"))
        XCTAssertTrue(refusal(officer.url, "UPDATE contacts SET anonymised = 1").contains("only a member of heard_admin"))
        // A new row already anonymised, too (the triggers run only for such rows: their WHEN).
        XCTAssertTrue(refusal(officer.url, """
            CREATE TEMP TABLE copied AS SELECT * FROM contacts LIMIT 1;
            UPDATE copied SET id = id + 1000000, reference = reference || '-COPY', anonymised = 1;
            INSERT INTO contacts SELECT * FROM copied
            """).contains("only a member of heard_admin"))
        XCTAssertTrue(refusal(officer.url, "UPDATE audit SET changes = '{}'").contains("permission denied"))
        XCTAssertTrue(refusal(officer.url, "INSERT INTO audit_redaction (started) VALUES ('now')").contains("only a member of heard_admin"))
        XCTAssertTrue(refusal(officer.url, "DELETE FROM reads").contains("permission denied"))
        XCTAssertFalse(try store.protection(contactID: id).isAnonymised)
    }

    /// An officer's own statement could delete or rewrite a case's search words, and the case
    /// was then not found by search, with no audit row (an attack): the index is the trigger's
    /// alone, run as the tables' owner, and a temporary table of the same name is not written
    /// in its place.
    func testTheSearchIndexIsWrittenByItsTriggerAloneNotByAnOfficer() throws {
        let (_, url) = try team()
        let officer = try login("heard_officer", into: url)
        let store = try open(officer.url, actor: "Somebody Else")
        let id = try withdrawnCase(store, name: "Quentin Zebrafinch")
        XCTAssertEqual(try store.indexSearch("zebrafinch"), [id])
        for sql in ["DELETE FROM contacts_search", "UPDATE contacts_search SET words = ''", "TRUNCATE contacts_search",
                    "INSERT INTO contacts_search (contact_id, words) VALUES (\(id), '')"] {
            XCTAssertTrue(refusal(officer.url, sql).contains("permission denied"), sql)
        }
        XCTAssertEqual(try store.indexSearch("zebrafinch"), [id])
        // A change of the text by hand (audited, as the rule wants) remakes the real words, though
        // the officer's session has a table of that name of its own.
        try TestSchema.run(officer.url, """
            BEGIN;
            CREATE TEMP TABLE contacts_search (contact_id BIGINT PRIMARY KEY, words tsvector);
            UPDATE contacts SET summary = 'a lapwing seen' WHERE id = \(id);
            INSERT INTO audit (session, entity, entity_id, reference, action, changes) VALUES ('by hand', 'contact', \(id), 'by hand', 'update', '{}');
            COMMIT;
            """)
        XCTAssertEqual(try store.indexSearch("lapwing"), [id])
        XCTAssertEqual(try store.indexSearch("zebrafinch"), [id], "the name is still in its words")
        // Nor is the trigger's function anyone else's to attach to a table of their own, where it
        // would write the real index with the owner's rights.
        let manager = try login("heard_manager", into: url)
        for who in [officer.url, manager.url] {
            for function in ["heard_index_contact", "heard_index_contacts", "heard_note_change"] {
                XCTAssertTrue(refusal(who, """
                    CREATE TEMP TABLE fake (id BIGINT, reference TEXT, complainant_name TEXT, subject_child TEXT, summary TEXT);
                    CREATE TRIGGER poison AFTER INSERT ON fake FOR EACH ROW EXECUTE FUNCTION \(function)();
                    INSERT INTO fake VALUES (\(id), 'x', 'nobody', '', 'nothing')
                    """).contains("permission denied for function"), function)
            }
        }
        XCTAssertEqual(try store.indexSearch("zebrafinch"), [id])
        // Set up again by the owner: nothing to do.
        XCTAssertNil(try open(url).setUpRoles())
    }

    func testAManagerReadsAndLogsReadsButEveryWriteIsRefused() throws {
        let (owner, url) = try team()
        let id = try withdrawnCase(owner)
        let manager = try login("heard_manager", into: url)
        let store = try open(manager.url, actor: "Officer One")
        XCTAssertFalse(store.mayChangeRecord(), "the screens open as read-only would")
        XCTAssertEqual(try store.contact(id: id).complainantName, "Role Person")
        XCTAssertFalse(try store.reportInput(for: Period(from: day("2015-01-01"), to: day("2015-12-31")), today: fixedToday).contacts.isEmpty)
        XCTAssertFalse(try store.auditTrail(entity: .contact, id: id).isEmpty)
        XCTAssertEqual(store.recordRead(contactID: id, via: .show), .written)
        XCTAssertEqual(try store.reads(contactID: id).map(\.who), [manager.name], "the read is logged under the login")

        let e = storeError { try store.add(sampleComplaint(received: "2022-05-03"), today: fixedToday) }
        XCTAssertTrue(e?.description.contains("your database role (heard_manager) may not change the record") ?? false, "\(String(describing: e))")
        XCTAssertEqual(try owner.contacts(ids: [id + 1]).count, 0, "nothing was added")

        // Every record table, by hand.
        let keyed = ["contacts": "id", "issues": "id", "events": "id", "learning_points": "id", "actions": "id",
                     "action_notes": "id", "holidays": "date", "stage_people": "contact_id", "contact_log": "id",
                     "letters": "id", "documents": "id", "subject_access_requests": "id", "contacts_search": "contact_id",
                     "audit": "id", "audit_redaction": "started", "heard_schema": "version"]
        for (table, key) in keyed.sorted(by: { $0.key < $1.key }) {
            XCTAssertTrue(refusal(manager.url, "INSERT INTO \(table) DEFAULT VALUES").contains("permission denied"), table)
            XCTAssertTrue(refusal(manager.url, "UPDATE \(table) SET \(key) = \(key)").contains("permission denied"), table)
            XCTAssertTrue(refusal(manager.url, "DELETE FROM \(table)").contains("permission denied"), table)
        }
        XCTAssertTrue(refusal(manager.url, "UPDATE reads SET who = 'x'").contains("permission denied"))
        XCTAssertTrue(refusal(manager.url, "DELETE FROM reads").contains("permission denied"))
        XCTAssertEqual(try owner.contact(id: id).complainantName, "Role Person")
    }

    func testAnAdministratorDisposes() throws {
        let (owner, url) = try team()
        let id = try withdrawnCase(owner)
        let admin = try login("heard_admin", into: url)
        let store = try open(admin.url, actor: "Somebody Else")
        let result = try store.anonymise(contactID: id, reason: "erasure request", today: fixedToday)
        XCTAssertEqual(result.anonymised, 1)
        XCTAssertTrue(try owner.protection(contactID: id).isAnonymised)
        XCTAssertEqual(try store.auditTrail(entity: .contact, id: id).last?.who, admin.name)
        // The redaction flag lets an anonymisation rewrite `changes`, not move an old audit row
        // onto this transaction to stand for a change that has none of its own.
        XCTAssertTrue(refusal(admin.url, """
            BEGIN;
            INSERT INTO audit_redaction VALUES ('x');
            UPDATE audit SET xact = txid_current() WHERE id = (SELECT min(id) FROM audit);
            DELETE FROM audit_redaction;
            UPDATE contacts SET summary = 'rewritten with no audit row' WHERE id = \(id);
            COMMIT;
            """).contains("the audit trail cannot be changed"))
    }

    /// An officer's own DELETE took any case, its history's subject and its statutory record
    /// with it, under an audit row of their own making; an anonymised case could so come back by
    /// hand with its anonymisation cleared (an attack). A case goes only by the undo of its
    /// creation, by the login that made it, before anyone else changed it; an administrator's
    /// hand is the exception.
    func testACaseIsRemovedOnlyByUndoingItsCreation() throws {
        let (owner, url) = try team()
        let a = try login("heard_officer", into: url)
        let b = try makeLogin("\(schema?.name ?? "t")_officer_b", in: "heard_officer", url: url)
        let storeA = try open(a.url), storeB = try open(b.url)
        func removal(_ login: String, _ id: Int64) -> String {
            refusal(login, """
                BEGIN;
                INSERT INTO audit (session, entity, entity_id, reference, action, changes) VALUES ('by hand', 'contact', \(id), 'by hand', 'delete', '{}');
                DELETE FROM contacts WHERE id = \(id);
                COMMIT;
                """)
        }
        // Made by A: B may not remove it, by hand or otherwise.
        let madeByA = try XCTUnwrap(storeA.add(sampleComplaint(received: "2022-03-01", name: "Removal Person"), today: fixedToday).id)
        XCTAssertTrue(removal(b.url, madeByA).contains("a case is removed only by undoing its creation"))
        // Changed by B since: A's undo of its creation is refused too (by Heard, and by the server).
        _ = try storeB.record(.acknowledged(day("2022-03-02")), on: madeByA, version: try storeB.contact(id: madeByA).version, today: fixedToday)
        XCTAssertTrue(removal(a.url, madeByA).contains("a case is removed only by undoing its creation"))
        XCTAssertNoThrow(try storeA.contact(id: madeByA))

        // A's own new case, untouched by anyone else: A's undo removes it.
        let fresh = try XCTUnwrap(storeA.add(sampleComplaint(received: "2022-03-01", name: "Fresh Person"), today: fixedToday).id)
        XCTAssertEqual(try storeA.undoLast(today: fixedToday)?.contactIDs, [fresh])
        XCTAssertTrue(try owner.cases(today: fixedToday).allSatisfy { $0.id != fresh })

        // Nor by giving it another id (its history left under the old one), even an administrator.
        for who in [a.url, b.url] {
            XCTAssertTrue(refusal(who, """
                BEGIN;
                INSERT INTO audit (session, entity, entity_id, reference, action, changes) VALUES ('by hand', 'contact', \(madeByA), 'by hand', 'update', '{}');
                UPDATE contacts SET id = id + 1000000 WHERE id = \(madeByA);
                COMMIT;
                """).contains("a case keeps its id"))
        }
        XCTAssertNoThrow(try storeA.contact(id: madeByA))
        // Nor its parts (their audit rows name them by id).
        for table in ["events", "issues"] {
            XCTAssertTrue(refusal(a.url, """
                BEGIN;
                INSERT INTO audit (session, entity, entity_id, reference, action, changes) VALUES ('by hand', 'contact', \(madeByA), 'by hand', 'update', '{}');
                UPDATE \(table) SET id = id + 1000000 WHERE contact_id = \(madeByA);
                COMMIT;
                """).contains("a row of \(table) keeps its id"), table)
        }

        // Anonymised: no officer removes it, not even the one who made it.
        let mine = try withdrawnCase(storeA, name: "Anon Person")
        let admin = try login("heard_admin", into: url)
        _ = try open(admin.url).anonymise(contactID: mine, reason: "erasure request", today: fixedToday)
        XCTAssertTrue(removal(a.url, mine).contains("only a member of heard_admin may remove an anonymised case"))
        XCTAssertTrue(try owner.protection(contactID: mine).isAnonymised)
        // The administrator may (retention's own hand).
        try TestSchema.run(admin.url, """
            BEGIN;
            INSERT INTO audit (session, entity, entity_id, reference, action, changes) VALUES ('by hand', 'contact', \(mine), 'by hand', 'delete', '{}');
            DELETE FROM contacts WHERE id = \(mine);
            COMMIT;
            """)
        XCTAssertTrue(try owner.cases(today: fixedToday).allSatisfy { $0.id != mine })
    }

    /// Another login's row of a case stops its removal however it names the case: as its stage
    /// people (by the case's id, no parent), or by its reference alone (rows written before parts
    /// carried their case's id); the trigger looked only at the case's own rows and its parts'
    /// (found by an attack).
    func testAnotherLoginsRowOfTheCaseStopsItsRemovalHoweverItNamesIt() throws {
        let (owner, url) = try team()
        let a = try login("heard_officer", into: url)
        let b = try makeLogin("\(schema?.name ?? "t")_officer_b", in: "heard_officer", url: url)
        let storeA = try open(a.url)
        let removal = { (id: Int64) in
            self.refusal(a.url, """
                BEGIN;
                INSERT INTO audit (session, entity, entity_id, reference, action, changes) VALUES ('by hand', 'contact', \(id), 'by hand', 'delete', '{}');
                DELETE FROM contacts WHERE id = \(id);
                COMMIT;
                """)
        }
        for row in ["'stage_people', %ID, '', NULL", "'note', NULL, '%REF', NULL"] {
            let made = try storeA.add(sampleComplaint(received: "2022-03-01", name: "Removal Person"), today: fixedToday)
            let id = try XCTUnwrap(made.id)
            let values = row.replacingOccurrences(of: "%ID", with: "\(id)").replacingOccurrences(of: "%REF", with: made.reference)
            try TestSchema.run(b.url, "INSERT INTO audit (session, entity, entity_id, reference, parent_id, action, changes) VALUES ('by hand', \(values), 'update', '{}')")
            XCTAssertTrue(removal(id).contains("a case is removed only by undoing its creation"), row)
            XCTAssertNoThrow(try owner.contact(id: id), row)
        }
    }

    /// An action made from the case and edited by another officer names the action alone (no
    /// parent, no reference): the case was removable, the action left pointing at nothing; and a
    /// progress note's parent is its action, which the rule read as a case of that id (an attack).
    func testAnotherOfficersEditOfTheCasesActionStopsItsRemovalAndANoteNamesNoCase() throws {
        let (owner, url) = try team()
        let a = try login("heard_officer", into: url)
        let b = try makeLogin("\(schema?.name ?? "t")_officer_b", in: "heard_officer", url: url)
        let storeA = try open(a.url), storeB = try open(b.url)
        let made = try storeA.add(sampleComplaint(received: "2022-03-01", name: "Action Person"), today: fixedToday)
        let id = try XCTUnwrap(made.id)
        var action = try storeA.addAction(ActionItem(title: "Write to the family", source: .caseReference(made.reference), created: fixedToday))
        XCTAssertEqual(try TestSchema.value(url, "SELECT source_contact_id FROM actions WHERE id = \(action.id!)"), "\(id)")
        action = try storeB.action(id: action.id!)
        action.title = "Rewritten by officer B"
        _ = try storeB.updateAction(action)
        let removal = """
            BEGIN;
            INSERT INTO audit (session, entity, entity_id, reference, action, changes) VALUES ('by hand', 'contact', \(id), 'by hand', 'delete', '{}');
            DELETE FROM contacts WHERE id = \(id);
            COMMIT;
            """
        XCTAssertTrue(refusal(a.url, removal).contains("a case is removed only by undoing its creation"))
        XCTAssertNoThrow(try owner.contact(id: id))

        // A note on an action whose id is the id of A's new case names no case: A may remove it.
        let fresh = try XCTUnwrap(storeA.add(sampleComplaint(received: "2022-03-02", name: "Fresh Person"), today: fixedToday).id)
        try TestSchema.run(b.url, "INSERT INTO audit (session, entity, entity_id, reference, parent_id, action, changes) VALUES ('by hand', 'note', 999, '', \(fresh), 'create', '{}')")
        XCTAssertEqual(try storeA.undoLast(today: fixedToday)?.contactIDs, [fresh])
    }

    /// A removal waits for whoever is changing the case's parts by hand and then reads their audit
    /// row: it read only what was committed when it began, and took another officer's change,
    /// committed a moment later, with the case (found by an attack).
    func testARemovalWaitsForAChangeToTheCaseBeingMade() throws {
        let (owner, url) = try team()
        let a = try login("heard_officer", into: url)
        let b = try makeLogin("\(schema?.name ?? "t")_officer_b", in: "heard_officer", url: url)
        let storeA = try open(a.url)
        let id = try XCTUnwrap(storeA.add(sampleComplaint(received: "2022-03-01", name: "Race Person"), today: fixedToday).id)
        let issue = try XCTUnwrap(try TestSchema.value(url, "SELECT id FROM issues WHERE contact_id = \(id)"))
        let held = try HeldWriteLock(postgres: b.url, handWritten: """
            UPDATE issues SET category = category WHERE id = \(issue);
            INSERT INTO audit (session, entity, entity_id, reference, parent_id, action, changes) VALUES ('by hand', 'issue', \(issue), '', \(id), 'update', '{}')
            """)
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            do {
                try TestSchema.run(a.url, """
                    BEGIN;
                    INSERT INTO audit (session, entity, entity_id, reference, action, changes) VALUES ('by hand', 'contact', \(id), 'by hand', 'delete', '{}');
                    DELETE FROM contacts WHERE id = \(id);
                    COMMIT;
                    """)
                outcome.set("removed")
            } catch {
                outcome.set("\(error)")
            }
            done.signal()
        }
        // Until the removal waits on B's lock (or has ended without waiting, as before the fix).
        var waited = false
        for _ in 0..<100 where outcome.value == nil {
            let waiting = try TestSchema.value(url, "SELECT count(*) FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity s ON s.pid = l.pid WHERE NOT l.granted AND s.usename = '\(a.name)'")
            if waiting == "1" { waited = true; break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        held.release()
        done.wait()
        XCTAssertTrue(waited, "the removal waited for the change being made: \(outcome.value ?? "")")
        XCTAssertTrue(outcome.value?.contains("a case is removed only by undoing its creation") ?? false, outcome.value ?? "")
        XCTAssertNoThrow(try owner.contact(id: id))
    }

    func testTheAuditNamesTheLoginWhateverTheClientWrites() throws {
        let (owner, url) = try team()
        let officer = try login("heard_officer", into: url)
        let claim = "INSERT INTO audit (at, who, entity, action) VALUES ('2022-06-15T09:00:00Z', 'Somebody Else', 'contact', 'note')"
        // An officer's row may not name its author, copying or not: refused, nothing written.
        for sql in [claim, "BEGIN; SET LOCAL heard.copying = 'on'; \(claim); COMMIT"] {
            XCTAssertTrue(refusal(officer.url, sql).contains("permission denied"), sql)
        }
        try TestSchema.run(officer.url, "INSERT INTO audit (entity, action) VALUES ('contact', 'note')")
        // Only the owner copying a record keeps the names it copies; a row that names none is the login's.
        try TestSchema.run(url, "BEGIN; SET LOCAL heard.copying = 'on'; \(claim); COMMIT")
        try TestSchema.run(url, "INSERT INTO audit (entity, action) VALUES ('contact', 'note')")
        let who = try owner.query { try $0.texts("SELECT who FROM audit WHERE action = 'note' ORDER BY id") }
        let ownerName = try XCTUnwrap(try TestSchema.value(url, "SELECT session_user"))
        XCTAssertEqual(who, [officer.name, "Somebody Else", ownerName])
        // Heard itself, given another name by its configuration, writes the login.
        let store = try open(officer.url, actor: "Claimed Name")
        _ = try store.add(sampleComplaint(received: "2022-05-03"), today: fixedToday)
        XCTAssertEqual(try owner.recentAudit(limit: 1).first?.who, officer.name)
    }

    /// A superuser's session runs the triggers of the tables it changes with a superuser's
    /// rights, so whatever the owning role put in them would run as the superuser: Heard does
    /// not open a record as a superuser where another role owns the schema or anything in it
    /// (the audit made a view by its owner, an attack found, slipped past a look at the audit
    /// table's owner alone), and says whom to connect as. A record the superuser made in a
    /// schema of its own is its own, and opens.
    func testASuperuserDoesNotOpenAnotherRolesRecord() throws {
        let (owner, url) = try team()
        _ = try owner.add(sampleComplaint(received: "2022-05-03"), today: fixedToday)
        let superuser = url + "&user=postgres"
        let isSuper = try? TestSchema.value(superuser, "SELECT CAST(rolsuper AS TEXT) FROM pg_roles WHERE rolname = current_user")
        try XCTSkipUnless(isSuper == "true", "the test server has no superuser 'postgres' this test may log in as")
        let tablesOwner = try XCTUnwrap(try TestSchema.value(url, "SELECT current_user"))
        func refused(_ url: String, _ why: String) {
            let said = storeError { try open(url, actor: "Root") }?.description ?? ""
            XCTAssertTrue(said.contains("your database role (postgres) is a superuser"), "\(why): \(said)")
            XCTAssertTrue(said.contains("belongs to another role (\(tablesOwner))"), "\(why): \(said)")
            XCTAssertTrue(said.contains("nothing was changed"), "\(why): \(said)")
        }
        refused(superuser, "another role's tables")
        // Set to run as the owner: the owner's trigger could still take the superuser back.
        refused(url.replacingOccurrences(of: "%2Cpublic", with: "%2Cpublic%20-crole%3D\(tablesOwner)") + "&user=postgres", "run as the owner")
        XCTAssertEqual(try TestSchema.value(url, "SELECT count(*) FROM audit WHERE who = 'postgres'"), "0")
        // The audit made a view by the tables' owner.
        try TestSchema.run(url, "ALTER TABLE audit RENAME TO audit_kept; CREATE VIEW audit AS SELECT * FROM audit_kept")
        refused(superuser, "the audit a view")

        // An empty schema another role owns: its owner could change what the record calls.
        let theirs = try TestSchema(server: server)
        defer { theirs.drop() }
        refused(theirs.url + "&user=postgres", "another role's empty schema")

        // The superuser's own schema: its record is its own.
        let name = "\(theirs.name)_root"
        let ownURL = theirs.url.replacingOccurrences(of: theirs.name, with: name) + "&user=postgres"
        try TestSchema.run(ownURL, "CREATE SCHEMA \(name)")
        defer { try? TestSchema.run(ownURL, "DROP SCHEMA \(name) CASCADE") }
        let made = try open(ownURL, actor: "Root")
        _ = try made.add(sampleComplaint(received: "2022-05-03"), today: fixedToday)
        XCTAssertEqual(try made.cases(today: fixedToday).count, 1, "the superuser's own record opens")
        try made.closeFile()
    }

    func testSettingUpAgainChangesNothing() throws {
        let (owner, url) = try team()
        XCTAssertNil(try owner.setUpRoles(), "already set up: nothing to do")
        // A right taken away by hand is put back.
        try TestSchema.run(url, "REVOKE INSERT ON reads FROM heard_manager")
        XCTAssertEqual(try owner.setUpRoles(), [], "the rights again, no new role")
        XCTAssertNil(try owner.setUpRoles())
    }

    /// Setting up again makes every right as Heard makes it, not only those `isSetUp` looks at:
    /// a right taken away by hand that it did not look at stayed away and one given by hand
    /// stayed (found by a trial), while `heard init --postgres` said nothing was changed. A
    /// role whose rights on a table were taken is told so, and by whom they are given back,
    /// not that the database is damaged and to restore a backup.
    func testSettingUpAgainGrantsWhatWasTakenAndTakesBackWhatWasGiven() throws {
        let (owner, url) = try team()
        _ = try owner.add(sampleComplaint(received: "2022-05-03"), today: fixedToday)
        let manager = try login("heard_manager", into: url)
        try TestSchema.run(url, """
            REVOKE SELECT ON contacts FROM heard_manager;
            GRANT DELETE ON audit TO heard_officer;
            GRANT TRIGGER ON contacts TO heard_officer;
            GRANT SELECT ON audit TO PUBLIC;
            """)
        let said = storeError { try open(manager.url, actor: "Manager") }?.description ?? ""
        XCTAssertTrue(said.contains("your database role (heard_manager) may not read table contacts"), said)
        XCTAssertTrue(said.contains("'heard init --postgres'"), said)
        XCTAssertFalse(said.contains("backup"), said)

        XCTAssertEqual(try owner.setUpRoles(), [], "made again: no new role")
        let rights = """
            SELECT CAST(has_table_privilege('heard_manager', to_regclass('contacts'), 'SELECT') AS TEXT)
                || CAST(has_table_privilege('heard_officer', to_regclass('audit'), 'DELETE') AS TEXT)
                || CAST(has_table_privilege('heard_officer', to_regclass('contacts'), 'TRIGGER') AS TEXT)
                || CAST(EXISTS (SELECT 1 FROM pg_class c, aclexplode(c.relacl) e WHERE c.oid = to_regclass('audit') AND e.grantee = 0) AS TEXT)
            """
        XCTAssertEqual(try TestSchema.value(url, rights), "truefalsefalsefalse")
        XCTAssertEqual(try open(manager.url, actor: "Manager").cases(today: fixedToday).count, 1)
        XCTAssertNil(try owner.setUpRoles(), "as made: nothing changed")
    }

    /// Rights given by hand beyond Heard's roles are taken back by a set-up too: to a login
    /// directly, on a column, WITH GRANT OPTION and passed on (which stopped every set-up after:
    /// "dependent privileges exist"), and CREATE on the schema. Another role's `=` made there is
    /// named by `heard check`, and a set-up refuses until it is gone: the triggers it makes would
    /// bind to it (found by an attack).
    func testASetUpTakesBackEveryRightGivenByHandAndRefusesAnotherRolesObjects() throws {
        let (owner, url) = try team()
        let officer = try login("heard_officer", into: url)
        let s = try XCTUnwrap(schema?.name)
        try TestSchema.run(url, """
            GRANT SELECT ON contacts TO heard_officer WITH GRANT OPTION;
            GRANT DELETE ON audit TO \(officer.name);
            GRANT UPDATE (changes) ON audit TO \(officer.name);
            GRANT CREATE ON SCHEMA \(s) TO heard_officer;
            """)
        try TestSchema.run(officer.url, "GRANT SELECT ON contacts TO PUBLIC")
        XCTAssertEqual(try owner.setUpRoles(), [])
        XCTAssertEqual(try TestSchema.value(url, """
            SELECT CAST(has_table_privilege('\(officer.name)', to_regclass('audit'), 'DELETE') AS TEXT)
                || CAST(has_column_privilege('\(officer.name)', to_regclass('audit'), 'changes', 'UPDATE') AS TEXT)
                || CAST(EXISTS (SELECT 1 FROM pg_class c, aclexplode(c.relacl) e WHERE c.oid = to_regclass('contacts') AND (e.grantee = 0 OR e.is_grantable)) AS TEXT)
                || CAST(has_schema_privilege('heard_officer', CAST(current_schema() AS TEXT), 'CREATE') AS TEXT)
                || CAST(has_table_privilege('heard_officer', to_regclass('contacts'), 'UPDATE') AS TEXT)
            """), "falsefalsefalsefalsetrue", "every hand-given right gone, Heard's own there")
        XCTAssertNil(try owner.setUpRoles())

        // Another role's objects in the schema (given CREATE by the owner's hand).
        try TestSchema.run(url, "GRANT CREATE ON SCHEMA \(s) TO \(officer.name)")
        try TestSchema.run(officer.url, """
            CREATE FUNCTION "\(s)".same(bigint, bigint) RETURNS boolean LANGUAGE sql AS 'SELECT $1 OPERATOR(pg_catalog.=) $2';
            CREATE OPERATOR "\(s)".= (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = "\(s)".same);
            """)
        let said = try owner.check(today: fixedToday)
        XCTAssertTrue(said.contains { $0.contains("holds what another role made") && $0.contains("operator = (\(officer.name))") }, "\(said)")
        let e = storeError { try owner.setUpRoles() }?.description ?? ""
        XCTAssertTrue(e.contains("operator = (\(officer.name))") && e.contains("nothing was changed"), e)
        try TestSchema.run(url, "DROP OPERATOR \"\(s)\".= (bigint, bigint); DROP FUNCTION \"\(s)\".same(bigint, bigint)")
        XCTAssertEqual(try owner.setUpRoles(), [])
        XCTAssertEqual(try owner.check(today: fixedToday), [])
    }

    /// `heard check` names what of the set-up is not as the last set-up left it, the owner's
    /// own hand too (found by an attack: a rule sending the audit's rows nowhere, row security,
    /// a rule's trigger dropped, and check said ok), and a set-up undoes what Heard never makes
    /// (rules, row security, policies) and makes the rest again. Heard's own remaking (the search
    /// index's rebuild) is not named.
    func testTheCheckNamesWhatDepartsFromTheSetUpAndASetUpUndoesIt() throws {
        let (owner, url) = try team()
        _ = try owner.add(sampleComplaint(received: "2022-05-03"), today: fixedToday)
        XCTAssertEqual(try owner.check(today: fixedToday), [])
        _ = try owner.rebuildSearchIndex()
        XCTAssertEqual(try owner.check(today: fixedToday), [], "Heard's own rebuild is not a departure")
        try TestSchema.run(url, """
            CREATE RULE nowhere AS ON INSERT TO audit DO INSTEAD NOTHING;
            DROP TRIGGER contacts_disposal_change ON contacts;
            ALTER TABLE reads ENABLE ROW LEVEL SECURITY;
            CREATE POLICY none_seen ON contacts USING (false);
            """)
        let said = try owner.check(today: fixedToday).joined(separator: "\n")
        for named in ["not as 'heard init --postgres' last made it", "rule nowhere on audit", "trigger contacts_disposal_change on contacts",
                      "row security or logging of reads", "policy none_seen on contacts"] {
            XCTAssertTrue(said.contains(named), "\(named): \(said)")
        }
        XCTAssertNotNil(try owner.setUpRoles())
        XCTAssertEqual(try owner.check(today: fixedToday), [])
        XCTAssertEqual(try TestSchema.value(url, """
            SELECT (SELECT count(*) FROM pg_rewrite WHERE ev_class = to_regclass('audit') AND rulename <> '_RETURN')
                 + (SELECT count(*) FROM pg_policy WHERE polrelid = to_regclass('contacts'))
                 + (SELECT count(*) FROM pg_class WHERE oid = to_regclass('reads') AND relrowsecurity)
                 + 1 - (SELECT count(*) FROM pg_trigger WHERE tgrelid = to_regclass('contacts') AND tgname = 'contacts_disposal_change')
            """), "0", "the rule, the policy and row security gone, the trigger back")
        let officer = try login("heard_officer", into: url)
        _ = try open(officer.url, actor: "Officer").add(sampleComplaint(received: "2022-05-04"), today: fixedToday)
    }

    /// What a set-up does not undo is not taken as made by it: a trigger added by hand, a
    /// guard trigger disabled, a sequence altered stay named by `heard check` after `heard init
    /// --postgres` (which took them as made, and the check said ok after; found by an attack),
    /// and the set-up says which. The kept set-up removed is named too (which silenced it).
    func testASetUpDoesNotTakeWhatItCannotUndoAsMade() throws {
        let (owner, url) = try team()
        try TestSchema.run(url, """
            CREATE FUNCTION swallow() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NULL; END';
            CREATE TRIGGER reads_zz BEFORE INSERT ON reads FOR EACH ROW EXECUTE FUNCTION swallow();
            ALTER TABLE audit DISABLE TRIGGER audit_no_delete;
            ALTER SEQUENCE heard_audit_id INCREMENT BY 2;
            """)
        let named = ["trigger reads_zz on reads", "function swallow", "trigger audit_no_delete on audit", "sequence heard_audit_id"]
        for round in 1...2 {
            _ = try owner.setUpRoles()
            let left = owner.setUpLeftAsItWas
            let said = try owner.check(today: fixedToday).joined(separator: "\n")
            for n in named {
                XCTAssertTrue(said.contains(n), "round \(round), \(n): \(said)")
                XCTAssertTrue(left.contains(n), "round \(round), \(n): \(left)")
            }
        }
        try TestSchema.run(url, """
            DROP TRIGGER reads_zz ON reads; DROP FUNCTION swallow();
            ALTER TABLE audit ENABLE TRIGGER audit_no_delete;
            ALTER SEQUENCE heard_audit_id INCREMENT BY 1;
            """)
        XCTAssertEqual(try owner.check(today: fixedToday), [], "undone by hand: as made")

        try TestSchema.run(url, "COMMENT ON TABLE heard_schema IS NULL")
        XCTAssertTrue(try owner.check(today: fixedToday).contains { $0.contains("was not kept by this Heard") })
        _ = try owner.setUpRoles()
        XCTAssertEqual(try owner.check(today: fixedToday), [])
    }

    func testAnotherSessionsChangeIsSeenWithinASecond() throws {
        server = try TestDatabase.requirePostgres()
        let s = try TestSchema(server: server)
        schema = s
        let a = try open(s.url, actor: "A"), b = try open(s.url, actor: "B")
        let before = try b.changeCounter()
        XCTAssertEqual(try b.changeCounter(), before, "nothing changed: the same counter")
        _ = try a.add(sampleComplaint(received: "2022-05-03"), today: fixedToday)
        let deadline = Date().addingTimeInterval(1)
        var seen = before
        while seen == before && Date() < deadline {
            usleep(20_000)
            seen = try b.changeCounter()
        }
        XCTAssertGreaterThan(seen, before, "b sees a's change within a second")
        XCTAssertEqual(try b.dataVersion(), seen)
        // A change written by hand (another program) is announced too.
        try TestSchema.run(s.url, "INSERT INTO audit (at, who, entity, action) VALUES ('2022-06-15T09:00:00Z', 'x', 'contact', 'note')")
        var again = seen
        let later = Date().addingTimeInterval(1)
        while again == seen && Date() < later {
            usleep(20_000)
            again = try b.changeCounter()
        }
        XCTAssertGreaterThan(again, seen)
    }
}

/// What a thread of a test ended with, read by the test's own.
private final class Outcome: @unchecked Sendable {
    // Safe: every access holds `lock`.
    private let lock = NSLock()
    private var text: String?
    func set(_ value: String) { lock.withLock { text = value } }
    var value: String? { lock.withLock { text } }
}
