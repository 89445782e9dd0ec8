import Foundation
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// A subject access request's name goes once every case it disclosed has been disposed of. Its
/// references are matched in any case of letters, split on commas as well as lines, and one that
/// names no case now or ever keeps the request as it is: anonymising any case took the name of
/// every request whose references matched no case exactly (an attack). Both databases.
final class SubjectAccessDisposalRuleTests: XCTestCase {
    private func withdraw(_ store: Store, _ id: Int64) throws {
        _ = try store.record(.withdrawn(day("2022-01-14"), reason: "no longer needed"), on: id,
                             version: try store.contact(id: id).version, today: fixedToday)
    }

    func testOnlyRequestsWhoseCasesAreAllDisposedOfLoseTheirName() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let a = try store.add(sampleComplaint(name: "Alice Anon"), today: fixedToday)
        let b = try store.add(sampleComplaint(name: "Bob Kept"), today: fixedToday)
        let aRef = a.reference, bRef = b.reference
        // A case whose creation was undone: gone, as the audit says.
        let c = try store.add(sampleComplaint(name: "Cara Gone"), today: fixedToday)
        XCTAssertNotNil(try store.undoLast(today: fixedToday))
        func request(_ name: String, _ cases: String) throws -> Int64 {
            let r = try store.recordSubjectAccess(forWhom: name, cases: [], requested: day("2022-06-15"))
            let id = try XCTUnwrap(r.id)
            try store.write { tx in try tx.sql.execute("UPDATE subject_access_requests SET cases = ? WHERE id = ?", [.text(cases), .int(id)]) }
            return id
        }
        let exact = try request("Person Exact", aRef)
        let lower = try request("Person Lower", aRef.lowercased())
        let never = try request("Person Never", "CS-1999-9999")
        let comma = try request("Person Comma", "\(aRef),\(bRef)")
        let both = try request("Person Both", "\(aRef)\n\(bRef)")
        let gone = try request("Person Gone", "\(aRef)\n\(c.reference)")
        try withdraw(store, try XCTUnwrap(a.id))
        _ = try store.anonymise(contactID: try XCTUnwrap(a.id), reason: "erasure request", today: fixedToday)
        func names() throws -> [Int64: String] {
            Dictionary(uniqueKeysWithValues: try store.subjectAccessRequests().map { ($0.id ?? 0, $0.forWhom) })
        }
        var now = try names()
        let p = Anonymisation.placeholder
        XCTAssertEqual(now[exact], p)
        XCTAssertEqual(now[lower], p, "a reference in lower case is the case's")
        XCTAssertEqual(now[gone], p, "a case deleted is disposed of")
        XCTAssertEqual(now[never], "Person Never", "a reference that never named a case keeps the request")
        XCTAssertEqual(now[comma], "Person Comma", "its other case is not disposed of")
        XCTAssertEqual(now[both], "Person Both")
        try withdraw(store, try XCTUnwrap(b.id))
        _ = try store.anonymise(contactID: try XCTUnwrap(b.id), reason: "retention", today: fixedToday)
        now = try names()
        XCTAssertEqual(now[comma], p, "split on its comma")
        XCTAssertEqual(now[both], p)
        XCTAssertEqual(now[never], "Person Never")
    }

    /// The open requests covering a case (said before it is anonymised) read a request's cases
    /// as the rule above does: another tool's commas, any case of letters; a request answered
    /// covers nothing.
    func testTheOpenRequestsCoveringACaseReadTheirCasesAsTheDisposalRuleDoes() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let a = try store.add(sampleComplaint(name: "Alice Asked"), today: fixedToday)
        let b = try store.add(sampleComplaint(name: "Bob Other"), today: fixedToday)
        let r = try store.recordSubjectAccess(forWhom: "Alice Asked", cases: [], requested: day("2022-06-15"))
        let id = try XCTUnwrap(r.id)
        try store.write { tx in
            try tx.sql.execute("UPDATE subject_access_requests SET cases = ? WHERE id = ?", [.text("\(b.reference), \(a.reference.lowercased())"), .int(id)])
        }
        XCTAssertEqual(try store.openSubjectAccessRequests(covering: a.reference).map(\.id), [id])
        XCTAssertEqual(try store.openSubjectAccessRequests(covering: b.reference).map(\.id), [id])
        _ = try store.completeSubjectAccess(id: id, on: day("2022-06-20"))
        XCTAssertTrue(try store.openSubjectAccessRequests(covering: a.reference).isEmpty)
    }
}
