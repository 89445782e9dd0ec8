import Foundation
import HeardTestSupport
import XCTest

/// `heard init --postgres URL`, the roles it makes as the built binary's user meets them, and
/// `heard migrate` from SQLite to PostgreSQL and back. Each test in a schema of its own on the
/// test server (HEARD_TEST_POSTGRES), with login roles made here and dropped after.
final class CLIPostgresRolesTests: PostgresLoginsTestCase {
    /// A fresh, empty schema's URL; skipped without a server or a role that may create roles.
    private func emptySchema() throws -> String {
        try requireBinary()
        _ = try requireServer()
        let s = try TestSchema(server: server)
        schema = s
        return s.url
    }

    /// A new login role in `group`, and the URL that logs in as it.
    private func login(_ group: String, into url: String) throws -> (name: String, url: String) {
        let name = "\(schema?.name ?? "t")_\(group.dropFirst("heard_".count))"
        return try makeLogin(name, in: group, url: url)
    }

    func testInitSetsUpOnceAndSaysSoWhenRunAgain() throws {
        let url = try emptySchema()
        let dir = TemporaryDirectory("heard-cli-pg-init")
        let first = try heard(["init", "--postgres", url], in: dir)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("set up for a team"), first.stdout)
        XCTAssertTrue(first.stdout.contains("GRANT heard_officer TO jsmith;"), first.stdout)
        let again = try heard(["init", "--postgres", url], in: dir)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("already set up for a team"), again.stdout)
        XCTAssertTrue(again.stdout.contains("nothing was changed"), again.stdout)
    }

    /// A schema an older Heard made lacks the indexes made with new ones (not a version of their
    /// own): `heard init --postgres` again, after the upgrade, makes them and says which.
    func testInitAgainAddsTheIndexesAnOlderSchemaLacks() throws {
        let url = try emptySchema()
        let dir = TemporaryDirectory("heard-cli-pg-init-indexes")
        XCTAssertEqual(try heard(["init", "--postgres", url], in: dir).status, 0)
        try TestSchema.run(url, "DROP INDEX contacts_officer_folded")
        let again = try heard(["init", "--postgres", url], in: dir)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("indexes this Heard makes were added: contacts_officer_folded"), again.stdout)
        XCTAssertEqual(try TestSchema.value(url, "SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'contacts_officer_folded'"), "1")
        let third = try heard(["init", "--postgres", url], in: dir)
        XCTAssertTrue(third.stdout.contains("nothing was changed"), third.stdout)
    }

    /// `heard init --postgres` on a schema an older Heard made and set up: its own opening
    /// upgrades it, which it says, not "nothing was changed"; run again, it changes nothing.
    func testInitOnAnOlderSchemaSaysItUpgradedIt() throws {
        let url = try emptySchema()
        let dir = TemporaryDirectory("heard-cli-pg-init-upgrade")
        XCTAssertEqual(try heard(["init", "--postgres", url], in: dir).status, 0)
        try TestSchema.run(url, TestSchema.asSchemaV19)
        let upgraded = try heard(["init", "--postgres", url], in: dir)
        XCTAssertEqual(upgraded.status, 0, upgraded.stderr)
        XCTAssertTrue(upgraded.stdout.contains("made by an older Heard (schema v19) and is now upgraded"), upgraded.stdout)
        XCTAssertFalse(upgraded.stdout.contains("nothing was changed"), upgraded.stdout)
        XCTAssertNotEqual(try TestSchema.value(url, "SELECT version FROM heard_schema"), "19")
        let again = try heard(["init", "--postgres", url], in: dir)
        XCTAssertTrue(again.stdout.contains("nothing was changed"), again.stdout)
    }

    /// A command that reads changes nothing, its owner's too: an older schema is read as it is;
    /// one that may write upgrades it and says so on stderr (it was done unseen; a trial).
    func testAnUpgradeByTheOwnersCommandIsSaidAndAReadingCommandMakesNone() throws {
        let url = try emptySchema()
        let dir = TemporaryDirectory("heard-cli-pg-upgrade-said")
        XCTAssertEqual(try heard(["init", "--postgres", url], in: dir).status, 0)
        try TestSchema.run(url, TestSchema.asSchemaV19)
        let read = try heard(["cases", "--db", url], in: dir)
        XCTAssertEqual(read.status, 0, read.stderr)
        XCTAssertEqual(try TestSchema.value(url, "SELECT version FROM heard_schema"), "19", "read as it is")
        XCTAssertFalse(read.stderr.contains("upgraded"), read.stderr)
        let checked = try heard(["check", "--db", url], in: dir)
        XCTAssertEqual(checked.status, 0, checked.stderr)
        XCTAssertEqual(try TestSchema.value(url, "SELECT version FROM heard_schema"), "19", "a check reads")
        XCTAssertFalse(checked.stderr.contains("upgraded"), checked.stderr)
        let written = try heard(["check", "--rebuild-search-index", "--db", url], in: dir)
        XCTAssertEqual(written.status, 0, written.stderr)
        XCTAssertTrue(written.stderr.contains("made by an older Heard (schema v19) and is now upgraded"), written.stderr)
        XCTAssertNotEqual(try TestSchema.value(url, "SELECT version FROM heard_schema"), "19")
    }

    /// A right granted or taken away by hand is made as Heard makes it by `heard init
    /// --postgres` again, which says it set the record up again, not that nothing was changed.
    func testInitAgainMakesRightsChangedByHandAsMadeAndSaysSo() throws {
        let url = try emptySchema()
        let dir = TemporaryDirectory("heard-cli-pg-init-repair")
        XCTAssertEqual(try heard(["init", "--postgres", url], in: dir).status, 0)
        try TestSchema.run(url, "REVOKE SELECT ON contacts FROM heard_manager; GRANT DELETE ON audit TO heard_officer")
        let again = try heard(["init", "--postgres", url], in: dir)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("is set up for a team again"), again.stdout)
        XCTAssertFalse(again.stdout.contains("nothing was changed"), again.stdout)
        XCTAssertEqual(try TestSchema.value(url, """
            SELECT CAST(has_table_privilege('heard_manager', to_regclass('contacts'), 'SELECT') AS TEXT)
                || CAST(has_table_privilege('heard_officer', to_regclass('audit'), 'DELETE') AS TEXT)
            """), "truefalse")
        XCTAssertTrue(try heard(["init", "--postgres", url], in: dir).stdout.contains("nothing was changed"))
    }

    func testInitTakesATeamOrAServerNotBoth() throws {
        try requireBinary()
        let dir = TemporaryDirectory("heard-cli-pg-init-both")
        let both = try heard(["init", "--team", "staff", "--postgres", "postgresql://nobody@localhost/x"], in: dir)
        XCTAssertNotEqual(both.status, 0)
        XCTAssertTrue(both.stderr.contains("not both"), both.stderr)
        let file = try heard(["init", "--postgres", dir.file("heard.sqlite")], in: dir)
        XCTAssertNotEqual(file.status, 0)
        XCTAssertTrue(file.stderr.contains("postgresql://"), file.stderr)
    }

    func testRolesAtTheCommandLineAndARoundTripThroughPostgres() throws {
        // It copies a SQLite file to PostgreSQL and back: in the run where every file a test
        // names becomes a schema, there is no file to copy (the normal run does it on the server).
        try skipOnPostgres("copies between a SQLite file and the server; run in the normal suite")
        let url = try emptySchema()
        let dir = TemporaryDirectory("heard-cli-pg-roles")
        let demo = try makeDemo(in: dir)
        // Set up first: the copy, made by the tables' owner, still keeps the history's names.
        let setUp = try heard(["init", "--postgres", url], in: dir)
        XCTAssertEqual(setUp.status, 0, setUp.stderr)
        let there = try heard(["migrate", demo, url], in: dir)
        XCTAssertEqual(there.status, 0, there.stderr)

        let cases = try jsonArray(try heard(["cases", "--format", "json", "--db", demo], in: dir).stdout)
        let ref = try XCTUnwrap(cases.first?["reference"] as? String)
        let ended = try XCTUnwrap(cases.first { ["closed", "withdrawn"].contains($0["status"] as? String ?? "") }?["reference"] as? String)

        let manager = try login("heard_manager", into: url)
        let shown = try heard(["show", ref, "--db", manager.url], in: dir)
        XCTAssertEqual(shown.status, 0, shown.stderr)
        let logged = try heard(["log", ref, "Asked for an update", "--with", "Mrs Patel", "--db", manager.url], in: dir)
        XCTAssertEqual(logged.status, 1)
        XCTAssertTrue(logged.stderr.contains("your database role (heard_manager) may not change the record"), logged.stderr)

        let officer = try login("heard_officer", into: url)
        let ok = try heard(["log", ref, "Asked for an update", "--with", "Mrs Patel", "--db", officer.url], in: dir)
        XCTAssertEqual(ok.status, 0, ok.stderr)
        let anonymised = try heard(["anonymise", ended, "--reason", "erasure request", "--yes", "--db", officer.url], in: dir)
        XCTAssertEqual(anonymised.status, 1)
        XCTAssertTrue(anonymised.stderr.contains("only a member of heard_admin may anonymise"), anonymised.stderr)

        // Back to a file: migrate proves the copy (counts and reports) itself.
        let back = dir.file("back.sqlite")
        let home = try heard(["migrate", url, back], in: dir)
        XCTAssertEqual(home.status, 0, home.stderr)
        let audit = try heard(["audit", "--case", ref, "--format", "json", "--db", back], in: dir)
        XCTAssertEqual(audit.status, 0, audit.stderr)
        let who = try jsonArray(audit.stdout).compactMap { $0["who"] as? String }
        XCTAssertTrue(who.contains(officer.name), "the officer's login names their change: \(who)")
        XCTAssertTrue(who.contains { $0 != officer.name }, "the copied history keeps its own names: \(who)")
    }
}
