import Foundation
import HeardTestSupport
import XCTest

/// libpq (and the TLS, Kerberos and LDAP libraries it brings) is loaded only when a PostgreSQL
/// record is opened: a SQLite record never maps it (about 5 MB resident, #14's memory budget).
final class LazyLibPQTests: XCTestCase {
    /// What the dynamic loader says it loaded while `heard` ran (`LD_DEBUG=files`, glibc).
    private func loaded(_ arguments: [String], in dir: TemporaryDirectory) throws -> String {
        try runHeard(arguments, environment: ["HEARD_TODAY": cliToday, "XDG_CONFIG_HOME": dir.file("config"),
                                              "XDG_DATA_HOME": dir.file("data"), "HOME": dir.path, "LD_DEBUG": "files"]).stderr
    }

    func testSQLiteRecordNeverLoadsLibPQ() throws {
        try skipOnPostgres("the record here is a SQLite file")
        let dir = TemporaryDirectory()
        let db = try makeDemo(in: dir)
        let trace = try loaded(["cases", "--db", db], in: dir)
        XCTAssertTrue(trace.contains("libsqlite3"), "the trace names what was loaded")
        XCTAssertFalse(trace.contains("libpq"))
    }

    func testServerURLLoadsLibPQAndSaysWhyItCannotConnect() throws {
        let dir = TemporaryDirectory()
        let url = "postgresql://nobody@%2F\(dir.path.replacingOccurrences(of: "/", with: "%2F"))%2Fnone/x"
        let r = try runHeard(["cases", "--db", url], environment: ["HEARD_TODAY": cliToday, "HOME": dir.path, "LD_DEBUG": "files"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("libpq"), "the first connection loads libpq")
        XCTAssertTrue(r.stderr.contains("the server cannot be reached"), r.stderr)
    }
}
