import Foundation
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// Report facts on a server (`PostgresReportFacts`): a report counted from them is the report
/// counted from every issue and event, whatever any session wrote since, by Heard or by hand;
/// only an administrator (or the tables' owner) keeps them, and no role can write them or the
/// cases' stamps by hand. Skipped without a server (HEARD_TEST_POSTGRES).
final class PostgresReportFactsTests: PostgresLoginsTestCase {
    let today = day("2022-03-15")
    let year = Period.financialYear(starting: 2021)

    private func json(_ g: ReportGroup) -> [UInt8] { Array(ReportRenderer.json(g).utf8) }

    private func count(_ url: String, _ sql: String) throws -> Int { Int(try TestSchema.value(url, sql) ?? "0") ?? 0 }

    private func stamp(_ url: String, _ id: Int64) throws -> String? {
        try TestSchema.value(url, "SELECT stamp FROM report_facts WHERE contact_id = \(id)")
    }

    /// `sql` run by hand as the tables' owner, with no audit row (as `heard migrate` copies).
    private func byHand(_ url: String, _ sql: String) throws {
        try TestSchema.run(url, "SET heard.copying = 'on'; " + sql)
    }

    private func demoTeam() throws -> (owner: Store, url: String) {
        let (owner, url) = try team()
        try owner.writeDemo(today: today)
        return (owner, url)
    }

    /// Counted without facts, then with facts worked out and kept, then with the kept ones: the
    /// same report, in pieces of any size.
    func testAReportFromKeptFactsIsTheReportFromEveryIssueAndEvent() throws {
        let (owner, url) = try demoTeam()
        let o = ReportOptions(period: year, today: today)
        XCTAssertNotNil(owner.reportFactsKey(o), "the schema's triggers are as made")
        let whole = json(try owner.report(o, keptFacts: false))
        XCTAssertEqual(try count(url, "SELECT count(*) FROM report_facts WHERE facts IS NOT NULL"), 0, "a report without facts keeps none")
        // Under `heard --read-only` nothing is written; opened to read (as `heard report` opens a
        // server), they are kept.
        var options = StoreOptions(readOnly: true, actor: "Owner")
        options.leaveFileAsIs = true
        let forced = try Store(path: url, options: options)
        stores.append(forced)
        XCTAssertEqual(json(try forced.report(o)), whole)
        XCTAssertEqual(try count(url, "SELECT count(*) FROM report_facts WHERE facts IS NOT NULL"), 0, "--read-only keeps nothing")
        XCTAssertEqual(json(try open(url, readOnly: true).report(o)), whole)
        let kept = try count(url, "SELECT count(*) FROM report_facts WHERE facts IS NOT NULL")
        XCTAssertGreaterThan(kept, 100)
        XCTAssertEqual(try count(url, "SELECT count(*) FROM report_facts f JOIN contacts c ON c.id = f.contact_id WHERE c.kind <> 'complaint' AND f.facts IS NOT NULL"), 0)
        XCTAssertEqual(try count(url, "SELECT count(*) FROM report_facts WHERE facts_stamp = stamp"), kept,
                       "each kept under its case's stamp")
        XCTAssertEqual(json(try owner.report(o)), whole)
        XCTAssertEqual(json(try owner.report(o, pieceSize: 7)), whole)
        XCTAssertEqual(json(try owner.reportFigures(o, period: year, parallel: false)), json(try owner.reportFigures(o, period: year, keptFacts: false)))
    }

    /// Whatever changes a case's issues, events, kind, received date, procedure or id, written by
    /// hand by any session, gives it a new stamp, and its fact is not read again; a change no
    /// figure reads keeps it.
    func testAnyChangeByHandGivesTheCaseANewStampAndItsFactIsNotRead() throws {
        let (owner, url) = try demoTeam()
        let o = ReportOptions(period: year, today: today)
        _ = try owner.report(o)
        let ids = try TestSchema.rows(url, """
            SELECT f.contact_id FROM report_facts f WHERE f.facts IS NOT NULL AND EXISTS (SELECT 1 FROM events e WHERE e.contact_id = f.contact_id AND e.kind = 'responded')
              AND EXISTS (SELECT 1 FROM issues i WHERE i.contact_id = f.contact_id) ORDER BY f.contact_id LIMIT 8
            """).compactMap { $0[0].flatMap { Int64($0) } }
        XCTAssertEqual(ids.count, 8)
        let changes = [
            "UPDATE events SET date = to_char(CAST(date AS DATE) + 40, 'YYYY-MM-DD') WHERE contact_id = \(ids[0]) AND kind = 'responded'",
            "DELETE FROM events WHERE id = (SELECT max(id) FROM events WHERE contact_id = \(ids[1]))",
            "INSERT INTO events (id, contact_id, kind, date, stage, reason) VALUES ((SELECT max(id) + 1 FROM events), \(ids[2]), 'withdrawn', '2022-01-04', 1, 'by hand')",
            "UPDATE issues SET finding1 = 'upheld', category = 'other' WHERE contact_id = \(ids[3])",
            "DELETE FROM issues WHERE contact_id = \(ids[4])",
            "UPDATE contacts SET procedure = 'corporate' WHERE id = \(ids[5])",
            "UPDATE contacts SET received = to_char(CAST(received AS DATE) - 3, 'YYYY-MM-DD') WHERE id = \(ids[6])",
            "UPDATE contacts SET kind = 'enquiry' WHERE id = \(ids[7])",
        ]
        for (id, sql) in zip(ids, changes) {
            let before = try stamp(url, id)
            XCTAssertNotNil(before)
            try byHand(url, sql)
            XCTAssertNotEqual(try stamp(url, id), before, sql)
            XCTAssertEqual(json(try owner.report(o)), json(try owner.report(o, keptFacts: false)), sql)
        }
        // A case's issue moved to another case: both cases' stamps move.
        let moved = try XCTUnwrap(ids.last), to = ids[0]
        _ = try owner.report(o)
        let stamps = (try stamp(url, moved), try stamp(url, to))
        try byHand(url, "UPDATE issues SET contact_id = \(to) WHERE id = (SELECT min(id) FROM issues WHERE contact_id = \(moved))")
        XCTAssertNotEqual(try stamp(url, moved), stamps.0)
        XCTAssertNotEqual(try stamp(url, to), stamps.1)
        XCTAssertEqual(json(try owner.report(o)), json(try owner.report(o, keptFacts: false)))
        // A change no figure reads: every stamp stays, every fact is read.
        let kept = try count(url, "SELECT count(*) FROM report_facts WHERE facts_stamp = stamp")
        XCTAssertGreaterThan(kept, 100)
        try byHand(url, "UPDATE contacts SET officer = 'Someone Else', summary = 'x'")
        XCTAssertEqual(try count(url, "SELECT count(*) FROM report_facts WHERE facts_stamp = stamp"), kept)
        XCTAssertEqual(json(try owner.report(o)), json(try owner.report(o, keptFacts: false)))
        // A case removed takes its fact with it (its stamp stays, naming no one).
        let gone = try XCTUnwrap(try TestSchema.value(url, "SELECT min(contact_id) FROM report_facts WHERE facts_stamp = stamp"))
        try byHand(url, "DELETE FROM contacts WHERE id = \(gone)")
        XCTAssertEqual(try count(url, "SELECT count(*) FROM report_facts WHERE contact_id = \(gone) AND facts IS NOT NULL"), 0)
    }

    /// A change through Heard by an officer moves the stamp likewise; the officer's report reads
    /// the administrator's facts and keeps none; no role writes a fact or a stamp by hand, and a
    /// fact forged by the owner under an old stamp, or unreadable under the right one, is not counted.
    func testOnlyAnAdministratorKeepsFactsAndNoRoleWritesThemByHand() throws {
        let (owner, url) = try demoTeam()
        let o = ReportOptions(period: year, today: today)
        let whole = json(try owner.report(o, keptFacts: false))
        let officer = try makeLogin("\(schema?.name ?? "t")_officer", in: "heard_officer", url: url)
        let manager = try makeLogin("\(schema?.name ?? "t")_manager", in: "heard_manager", url: url)
        let admin = try makeLogin("\(schema?.name ?? "t")_admin", in: "heard_admin", url: url)
        let officerStore = try open(officer.url), managerStore = try open(manager.url), adminStore = try open(admin.url)

        XCTAssertEqual(json(try officerStore.report(o)), whole)
        XCTAssertEqual(json(try managerStore.report(o)), whole)
        XCTAssertEqual(try count(url, "SELECT count(*) FROM report_facts WHERE facts IS NOT NULL"), 0, "an officer's and a manager's reports keep nothing")
        XCTAssertEqual(json(try adminStore.report(o)), whole)
        XCTAssertGreaterThan(try count(url, "SELECT count(*) FROM report_facts WHERE facts IS NOT NULL"), 100, "an administrator's report keeps them")
        XCTAssertEqual(json(try officerStore.report(o)), whole, "read by an officer")
        XCTAssertEqual(json(try managerStore.report(o)), whole, "read by a manager")

        for login in [officer.url, manager.url] {
            XCTAssertTrue(refusal(login, "UPDATE report_facts SET facts = '\\x00'").contains("permission denied"), login)
            XCTAssertTrue(refusal(login, "INSERT INTO report_facts (contact_id, stamp) VALUES (-1, 0)").contains("permission denied"), login)
            XCTAssertTrue(refusal(login, "DELETE FROM report_facts").contains("permission denied"), login)
            XCTAssertTrue(refusal(login, "UPDATE report_facts SET stamp = 0").contains("permission denied"), login)
            XCTAssertTrue(refusal(login, "CREATE TEMP TABLE t (id BIGINT); CREATE TRIGGER t AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION heard_report_stamp()")
                .contains("permission denied"), login)
        }
        XCTAssertTrue(refusal(admin.url, "UPDATE report_facts SET stamp = 0").contains("permission denied"), "an administrator writes facts, not stamps")
        XCTAssertTrue(refusal(admin.url, "INSERT INTO report_facts (contact_id, stamp) VALUES (-1, 0)").contains("permission denied"))
        XCTAssertTrue(refusal(admin.url, "DELETE FROM report_facts").contains("permission denied"))

        // An officer's change through Heard: the case's stamp moves, and the report is the whole one.
        let id = try XCTUnwrap(Int64(try XCTUnwrap(try TestSchema.value(url, """
            SELECT min(f.contact_id) FROM report_facts f JOIN events e ON e.contact_id = f.contact_id AND e.kind = 'responded' WHERE f.facts IS NOT NULL
            """))))
        let before = try stamp(url, id)
        let old = try XCTUnwrap(try TestSchema.rows(url, "SELECT key, settled, encode(facts, 'hex') FROM report_facts WHERE contact_id = \(id)").first)
        let c = try officerStore.contact(id: id)
        _ = try officerStore.record(.withdrawn(day("2022-01-20"), reason: "no longer needed"), on: id, version: c.version, today: day("2022-01-20"))
        XCTAssertNotEqual(try stamp(url, id), before)
        let changed = json(try owner.report(o, keptFacts: false))
        XCTAssertNotEqual(changed, whole)
        XCTAssertEqual(json(try managerStore.report(o)), changed)

        // Forged by the owner: the fact from before the change put back under the stamp it had
        // (not the case's now), or unreadable bytes under the case's own.
        _ = try adminStore.report(o)
        try TestSchema.run(url, """
            UPDATE report_facts SET key = '\(old[0] ?? "")', settled = '\(old[1] ?? "")', facts = decode('\(old[2] ?? "")', 'hex'),
                facts_stamp = \(before ?? "0") WHERE contact_id = \(id)
            """)
        XCTAssertEqual(json(try managerStore.report(o)), changed)
        try TestSchema.run(url, "UPDATE report_facts SET facts_stamp = stamp, facts = '\\x0102' WHERE facts IS NOT NULL")
        XCTAssertEqual(json(try managerStore.report(o)), changed)
    }

    /// A case another session is changing (its row of stamps held by that session's open
    /// transaction) is passed over when facts are kept; every other case's fact is kept, at once.
    func testACaseBeingChangedElsewhereDoesNotStopTheOthersFactsBeingKept() throws {
        let (owner, url) = try demoTeam()
        let o = ReportOptions(period: year, today: today)
        let whole = json(try owner.report(o, keptFacts: false))
        XCTAssertEqual(json(try owner.report(o)), whole)
        let kept = try count(url, "SELECT count(*) FROM report_facts WHERE facts IS NOT NULL")
        XCTAssertGreaterThan(kept, 100)
        let id = try XCTUnwrap(Int64(try XCTUnwrap(try TestSchema.value(url, """
            SELECT min(f.contact_id) FROM report_facts f JOIN events e ON e.contact_id = f.contact_id WHERE f.facts IS NOT NULL
            """))))
        try byHand(url, "UPDATE report_facts SET key = NULL, settled = NULL, facts_stamp = NULL, facts = NULL")
        // Another session changes the case and has not committed: its stamp's row is held.
        let held = try PostgresConnection(XCTUnwrap(PostgresURL(url)))
        try held.execute("BEGIN; SET LOCAL heard.copying = 'on'; UPDATE events SET reason = reason WHERE contact_id = \(id)")
        XCTAssertEqual(json(try owner.report(o)), whole, "read from the committed rows")
        XCTAssertEqual(try count(url, "SELECT count(*) FROM report_facts WHERE facts IS NOT NULL"), kept - 1, "every other case's fact kept")
        XCTAssertEqual(try count(url, "SELECT count(*) FROM report_facts WHERE contact_id = \(id) AND facts IS NOT NULL"), 0)
        held.rollback()
        XCTAssertEqual(json(try owner.report(o)), whole)
        XCTAssertEqual(try count(url, "SELECT count(*) FROM report_facts WHERE facts IS NOT NULL"), kept, "kept once nothing holds it")
        XCTAssertEqual(try count(url, "SELECT count(*) FROM report_facts WHERE facts IS NOT NULL AND facts_stamp <> stamp"), 0)
    }

    /// A case received before the report's years with a stage in them is read by the report's
    /// plan, in a transaction of its own, and its stamp by a reader: its fact is never kept (a
    /// change committed between the two was kept under the new stamp; found by an attack).
    func testACaseReadByThePlanKeepsNoFact() throws {
        let (owner, url) = try demoTeam()
        let c = try owner.add(sampleComplaint(received: "2019-06-10"), today: day("2019-06-10"))
        let id = try XCTUnwrap(c.id)
        for e in [CaseEvent(kind: .acknowledged, date: day("2019-06-11"), stage: 1),
                  CaseEvent(kind: .responded, date: day("2021-04-20"), stage: 1, outcome: .notUpheld),
                  CaseEvent(kind: .nextStageRequested, date: day("2021-05-04"), stage: 2, reason: "not satisfied")] {
            _ = try owner.record(e, on: id, version: try owner.contact(id: id).version, today: e.date)
        }
        let o = ReportOptions(period: year, today: today)
        let whole = json(try owner.report(o, keptFacts: false))
        XCTAssertEqual(json(try owner.report(o)), whole)
        XCTAssertGreaterThan(try count(url, "SELECT count(*) FROM report_facts WHERE facts IS NOT NULL"), 100)
        XCTAssertEqual(try count(url, "SELECT count(*) FROM report_facts WHERE contact_id = \(id) AND facts IS NOT NULL"), 0)
        XCTAssertEqual(json(try owner.report(o)), whole)
    }

    /// The stamping function runs as the tables' owner, so it searches the catalogue first and no
    /// schema any login may write; every other function with a path of its own searches the
    /// catalogue before `public`: an operator `=` of an officer's own in `public` (writable by
    /// every login on PostgreSQL 14 and before) would otherwise run in place of the catalogue's,
    /// as the owner in a SECURITY DEFINER function (found by an attack).
    func testFunctionsSearchTheCatalogueBeforeAnySchemaALoginMayWrite() throws {
        let (_, url) = try team()
        let config = try XCTUnwrap(try TestSchema.value(url, """
            SELECT pg_catalog.array_to_string(p.proconfig, '|') FROM pg_catalog.pg_proc p
            WHERE p.oid = CAST('heard_report_stamp()' AS pg_catalog.regprocedure)
            """))
        XCTAssertTrue(config.hasPrefix("search_path=pg_catalog, "), config)
        XCTAssertFalse(config.contains("public"), config)
        try assertCatalogueBeforePublic(url)
    }

    /// Every function of the schema with a path of its own searches the catalogue before `public`.
    private func assertCatalogueBeforePublic(_ url: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let pinned = try TestSchema.rows(url, """
            SELECT p.proname, pg_catalog.array_to_string(p.proconfig, '|') FROM pg_catalog.pg_proc p
            WHERE p.pronamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema()) AND p.proconfig IS NOT NULL
            """)
        XCTAssertGreaterThan(pinned.count, 8, "the roles', rules' and indexes' functions", file: file, line: line)
        for row in pinned {
            let path = row[1] ?? ""
            let catalogue = try XCTUnwrap(path.range(of: "pg_catalog"), "\(row[0] ?? ""): \(path)", file: file, line: line)
            if let pub = path.range(of: "public") {
                XCTAssertLessThan(catalogue.lowerBound, pub.lowerBound, "\(row[0] ?? ""): \(path)", file: file, line: line)
            }
        }
    }

    /// A schema whose functions were made with `public` before the catalogue (v17 and before) has
    /// them made again when its owner opens it, and its name index is still taken as whole
    /// meanwhile (the old path is as an older Heard made it).
    func testAnOlderSchemasFunctionsAreMadeAgainWithTheCatalogueFirst() throws {
        let (owner, url) = try team()
        try owner.closeFile()
        let name = try XCTUnwrap(schema?.name)
        var back = "UPDATE heard_schema SET version = 17;"
        for row in try TestSchema.rows(url, """
            SELECT CAST(CAST(p.oid AS pg_catalog.regprocedure) AS TEXT) FROM pg_catalog.pg_proc p
            WHERE p.pronamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema())
              AND pg_catalog.array_to_string(p.proconfig, '|') LIKE '%public%'
            """) {
            back += "\nALTER FUNCTION \(row[0] ?? "") SET search_path = \(name), public, pg_catalog, pg_temp;"
        }
        try TestSchema.run(url, back)
        XCTAssertThrowsError(try assertCatalogueBeforePublicOrThrow(url), "fixture: public first")
        // An officer's session leaves the schema as it is (only the owner upgrades it).
        let officer = try makeLogin("\(name)_officer", in: "heard_officer", url: url)
        XCTAssertEqual(try open(officer.url).query { try Store.nameIndexTriggersNotAsMade($0) }, [],
                       "an older Heard's index functions are as it made them")
        XCTAssertEqual(try TestSchema.value(url, "SELECT version FROM heard_schema"), "17")
        _ = try open(url, actor: "Owner")
        XCTAssertEqual(try TestSchema.value(url, "SELECT version FROM heard_schema"), String(PostgresSchema.version))
        try assertCatalogueBeforePublic(url)
    }

    private func assertCatalogueBeforePublicOrThrow(_ url: String) throws {
        for row in try TestSchema.rows(url, """
            SELECT pg_catalog.array_to_string(p.proconfig, '|') FROM pg_catalog.pg_proc p
            WHERE p.pronamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema()) AND p.proconfig IS NOT NULL
            """) {
            let path = row[0] ?? ""
            if let pub = path.range(of: "public"), let cat = path.range(of: "pg_catalog"), pub.lowerBound < cat.lowerBound {
                throw PublicFirst(path: path)
            }
        }
    }

    /// A stamping trigger disabled or its function replaced (the owner's hand alone can): no fact
    /// is read or kept; opened again by the owner after `heard init`, as made again.
    func testATriggerNotAsMadeReadsNoFacts() throws {
        let (owner, url) = try demoTeam()
        let o = ReportOptions(period: year, today: today)
        _ = try owner.report(o)
        try TestSchema.run(url, "ALTER TABLE events DISABLE TRIGGER report_stamp_event_changed")
        XCTAssertNil(owner.reportFactsKey(o))
        // A change that moved no stamp: counted afresh all the same.
        try byHand(url, "UPDATE events SET date = to_char(CAST(date AS DATE) + 40, 'YYYY-MM-DD') WHERE kind = 'responded'")
        XCTAssertEqual(json(try owner.report(o)), json(try owner.report(o, keptFacts: false)))
        try TestSchema.run(url, "ALTER TABLE events ENABLE TRIGGER report_stamp_event_changed")
        XCTAssertNotNil(owner.reportFactsKey(o))
        try TestSchema.run(url, "CREATE OR REPLACE FUNCTION heard_report_stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$")
        XCTAssertNil(owner.reportFactsKey(o))
    }
}

/// A function's path that searches `public` before the catalogue.
private struct PublicFirst: Error { var path: String }
