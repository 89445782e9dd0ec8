import CLibPQ
import Foundation
import XCTest

/// Which database the store tests run on. `HEARD_TEST_POSTGRES=postgresql://…` names a server
/// for tests (`.ci/test-postgres start DIR` makes one); `HEARD_TEST_BACKEND=postgres` then runs
/// every store made by `makeStore` there, each in a fresh schema dropped after the test.
public enum TestDatabase {
    /// The test server's URL, nil when none is configured.
    public static var postgresURL: String? {
        guard let url = ProcessInfo.processInfo.environment["HEARD_TEST_POSTGRES"], !url.isEmpty else { return nil }
        return url
    }

    /// Whether `makeStore` puts the store on PostgreSQL (`HEARD_TEST_BACKEND=postgres`).
    public static var isPostgres: Bool {
        ProcessInfo.processInfo.environment["HEARD_TEST_BACKEND"]?.lowercased() == "postgres"
    }

    /// The test server's URL, or a skip saying how to configure one.
    public static func requirePostgres() throws -> String {
        guard let url = postgresURL else {
            throw XCTSkip("no PostgreSQL server for tests: set HEARD_TEST_POSTGRES=postgresql://… (.ci/test-postgres start DIR prints one)")
        }
        return url
    }
}

/// Skips a test that looks at the SQLite file itself (its bytes, permissions, GRDB) when the store
/// tests run on PostgreSQL, saying why.
public func skipOnPostgres(_ reason: String) throws {
    if TestDatabase.isPostgres { throw XCTSkip("SQLite only: \(reason)") }
}

/// A problem setting up the test server (it said why).
public struct TestServerError: Error, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}

/// A schema of its own on the test server for one test: `url` opens it (its `search_path`,
/// with `public` after it for the extensions); dropped, with all it holds, by `drop()`.
public final class TestSchema: Sendable {
    public let name: String
    public let url: String
    private let server: String

    /// Creates `t_<random>` on the server `server`.
    public init(server: String) throws {
        self.server = server
        name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        let separator = server.contains("?") ? "&" : "?"
        url = server + separator + "options=-csearch_path%3D\(name)%2Cpublic"
        try TestSchema.run(server, "CREATE SCHEMA \(name)")
    }

    /// Drops the schema and everything in it (quietly: the server may be gone at the end).
    public func drop() {
        try? TestSchema.run(server, "DROP SCHEMA IF EXISTS \(name) CASCADE")
    }

    /// A current record's schema put back as Heard's v19 left it: the search index's words of
    /// added contacts made by a trigger a row, the version 19 (what an older Heard's record looks
    /// like to the owner's next opening), with no set-up kept for `heard check` to compare.
    public static let asSchemaV19 = """
        DROP TRIGGER contacts_search_index ON contacts;
        DROP FUNCTION heard_index_contacts();
        CREATE TRIGGER contacts_search_index AFTER INSERT ON contacts FOR EACH ROW EXECUTE FUNCTION heard_index_contact();
        UPDATE heard_schema SET version = 19;
        COMMENT ON TABLE heard_schema IS NULL;
        """

    /// Runs `sql` on its own connection to `url`, outside any store.
    public static func run(_ url: String, _ sql: String) throws {
        _ = try rows(url, sql)
    }

    /// The first column of the first row of `sql` on its own connection (nil for none or NULL).
    public static func value(_ url: String, _ sql: String) throws -> String? {
        try rows(url, sql).first?.first ?? nil
    }
}

extension TestSchema {
    /// Every row of `sql` on its own connection to `url`, each cell as the server's text (nil for
    /// NULL); none for a statement that returns no rows. Notices ("drop cascades to …") are dropped.
    public static func rows(_ url: String, _ sql: String) throws -> [[String?]] {
        guard let conn = PQconnectdb(url) else { throw TestServerError(description: "libpq: out of memory") }
        defer { PQfinish(conn) }
        guard PQstatus(conn) == CONNECTION_OK else {
            throw TestServerError(description: "cannot connect to the test server: \(String(cString: PQerrorMessage(conn)))")
        }
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
        let r = PQexec(conn, sql)
        defer { PQclear(r) }
        let status = PQresultStatus(r)
        guard status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK else {
            throw TestServerError(description: "\(sql): \(String(cString: PQerrorMessage(conn)))")
        }
        return (0..<PQntuples(r)).map { row in
            (0..<PQnfields(r)).map { col in
                PQgetisnull(r, row, col) != 0 ? nil : PQgetvalue(r, row, col).map { String(cString: $0) }
            }
        }
    }
}
