import Foundation
import HeardTestSupport
import XCTest

/// What the built binary says on PostgreSQL when a role may not set the database up, and that
/// `import --dry-run` on an empty schema creates nothing. Each test in a schema of its own on the
/// test server (HEARD_TEST_POSTGRES), with login roles made here and dropped after; skipped, saying
/// why, without one.
final class CLIPostgresRulesTests: PostgresLoginsTestCase {
    /// A fresh, empty schema's URL.
    private func emptySchema(needRoles: Bool) throws -> String {
        try requireBinary()
        server = try TestDatabase.requirePostgres()
        if needRoles {
            let may = try TestSchema.value(server, "SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user")
            try XCTSkipUnless(may == "t", "the test server's role may not create roles (ALTER ROLE … CREATEROLE; .ci/test-postgres gives it)")
        }
        let s = try TestSchema(server: server)
        schema = s
        return s.url
    }

    func testInitByAnOfficerSaysWhoMayRunIt() throws {
        let url = try emptySchema(needRoles: true)
        let dir = TemporaryDirectory("heard-cli-pg-rules-init")
        let setUp = try heard(["init", "--postgres", url], in: dir)
        XCTAssertEqual(setUp.status, 0, setUp.stderr)
        let name = "\(schema?.name ?? "t")_rofficer"
        try TestSchema.run(server, "CREATE ROLE \(name) LOGIN; GRANT heard_officer TO \(name)")
        logins.append(name)
        let owner = try XCTUnwrap(try TestSchema.value(url, "SELECT session_user"))

        let officer = try heard(["init", "--postgres", url + "&user=\(name)"], in: dir)
        XCTAssertNotEqual(officer.status, 0, officer.stdout)
        XCTAssertFalse(officer.stdout.contains("already set up"), officer.stdout)
        XCTAssertTrue(officer.stderr.contains("your database role (heard_officer) may not set up"), officer.stderr)
        XCTAssertTrue(officer.stderr.contains("(\(owner))"), "names the role that may: \(officer.stderr)")
        XCTAssertTrue(officer.stderr.contains("nothing was changed"), officer.stderr)
    }

    func testADryRunImportOnAnEmptySchemaCreatesNothing() throws {
        let url = try emptySchema(needRoles: false)
        let dir = TemporaryDirectory("heard-cli-pg-rules-dry")
        try write("reference,kind,received,service_area,complainant_name,child_or_young_person,categories,summary\r\n"
                  + "G-1,complaint,14/03/2022,care leavers,Good Fixture,yes,communication,Late reply\r\n", to: dir.file("good.csv"))
        let dry = try heard(["import", dir.file("good.csv"), "--dry-run", "--db", url], in: dir)
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertTrue(dry.stdout.hasPrefix("would import 1 contact"), dry.stdout)
        XCTAssertTrue(dry.stdout.contains("holds no Heard record yet"), dry.stdout)
        XCTAssertEqual(try TestSchema.value(url, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"), "0", "no table was made")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.hasPrefix("heard-dry-run-") }, [],
                       "the scratch record is gone")

        let real = try heard(["import", dir.file("good.csv"), "--db", url], in: dir)
        XCTAssertEqual(real.status, 0, real.stderr)
        XCTAssertTrue(real.stdout.hasPrefix("imported 1 contact"), real.stdout)
    }
}
