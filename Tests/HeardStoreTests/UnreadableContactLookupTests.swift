import Foundation
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// A case that is there but that Heard cannot read (another tool wrote a received date that is
/// no day) is said as such when asked for by id: `heard show` said "contact #1 was not found".
final class UnreadableContactLookupTests: XCTestCase {
    func testAnUnreadableCaseIsNamedAsUnreadableNotAsMissing() throws {
        try skipOnPostgres("another tool's row is written through SQLite")
        let dir = TemporaryDirectory("heard-unreadable-lookup")
        let store = try makeStore(in: dir)
        let id = try XCTUnwrap(store.add(sampleComplaint(), today: fixedToday).id)
        let reference = try store.contact(id: id).reference
        try rawExecute(store.path, "UPDATE contacts SET received = '2021-02-30' WHERE id = \(id)")

        for (how, read) in [("read", { _ = try store.contact(id: id) }),
                            ("in a transaction", { _ = try store.write { tx in try store.contact(id: id, in: tx) } })] as [(String, () throws -> Void)] {
            guard case .refused(let message)? = storeError(read) else { return XCTFail("\(how): not refused as unreadable") }
            XCTAssertTrue(message.hasPrefix("\(reference) (contact #\(id)) has a kind or received date Heard cannot read"), "\(how): \(message)")
            XCTAssertTrue(message.contains("'heard check'"), "\(how): \(message)")
        }
        // A row that is not there at all is still missing.
        guard case .notFound? = storeError({ _ = try store.contact(id: id + 1000) }) else { return XCTFail("a missing row is not said missing") }
    }
}
