import Foundation
import HeardStore
import XCTest

/// A test case that works in a schema of its own on the test server with login roles it makes
/// (as an administrator would) and drops after, with the stores it opened closed first: the
/// fixture the role and rule tests of the store and the command line share.
open class PostgresLoginsTestCase: XCTestCase {
    /// The test server's URL, once `requireServer` was called.
    public var server = ""
    /// The test's own schema, dropped after the test.
    public var schema: TestSchema?
    /// The login roles made for this test, dropped after it.
    public var logins: [String] = []
    /// Stores opened by the test, closed before the schema is dropped.
    public var stores: [Store] = []

    override open func tearDown() {
        stores.forEach { try? $0.closeFile() }
        stores = []
        schema?.drop()
        schema = nil
        for login in logins { try? TestSchema.run(server, "DROP ROLE IF EXISTS \(login)") }
        logins = []
        super.tearDown()
    }

    /// The server, or a skip saying why: none given, or (`mayCreateRoles`) its role may not make roles.
    public func requireServer(mayCreateRoles: Bool = true) throws -> String {
        server = try TestDatabase.requirePostgres()
        if mayCreateRoles {
            let may = try TestSchema.value(server, "SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user")
            try XCTSkipUnless(may == "t", "the test server's role may not create roles (ALTER ROLE … CREATEROLE; .ci/test-postgres gives it)")
        }
        return server
    }

    /// A fresh schema of the test's own set up as `heard init --postgres` leaves it (roles, rights,
    /// rules), opened by its owner.
    public func team() throws -> (owner: Store, url: String) {
        _ = try requireServer()
        let s = try TestSchema(server: server)
        schema = s
        let owner = try open(s.url, actor: "Owner")
        XCTAssertNotNil(try owner.setUpRoles(), "a schema never set up is set up")
        return (owner, s.url)
    }

    /// A store on `url`, closed before the schema is dropped. `busyTimeout`: how long a write
    /// waits for another writer, without trying again.
    public func open(_ url: String, actor: String = "Someone", readOnly: Bool = false, busyTimeout: Double? = nil) throws -> Store {
        var options = StoreOptions(readOnly: readOnly, actor: actor)
        if let busyTimeout { options.busyTimeout = busyTimeout; options.busyRetries = 0 }
        let store = try Store(path: url, options: options)
        stores.append(store)
        return store
    }

    /// A new login role `name` in `group`, and the URL (`url` with `&user=`) that logs in as it.
    public func makeLogin(_ name: String, in group: String?, url: String) throws -> (name: String, url: String) {
        try TestSchema.run(server, "CREATE ROLE \(name) LOGIN" + (group.map { "; GRANT \($0) TO \(name)" } ?? ""))
        logins.append(name)
        return (name, url + "&user=\(name)")
    }

    /// The server's refusal of `sql` run by hand on its own connection, or a failure when it ran.
    public func refusal(_ url: String, _ sql: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            try TestSchema.run(url, sql)
            XCTFail("\(sql) was allowed", file: file, line: line)
            return ""
        } catch {
            return "\(error)"
        }
    }
}
