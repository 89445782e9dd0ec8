import HeardTestSupport
import XCTest

/// A test case whose tests each take fresh schemas on the test server (HEARD_TEST_POSTGRES),
/// dropped after the test; skipped, saying why, without a server.
class PostgresSchemaTestCase: XCTestCase {
    private var schemas: [TestSchema] = []

    override func tearDown() {
        schemas.forEach { $0.drop() }
        schemas = []
        super.tearDown()
    }

    /// A fresh, empty schema on the test server.
    func schema() throws -> TestSchema {
        let s = try TestSchema(server: try TestDatabase.requirePostgres())
        schemas.append(s)
        return s
    }
}
