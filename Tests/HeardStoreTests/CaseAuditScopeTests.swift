import Foundation
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// Which audit rows are a case's (`Store.caseAuditScope`): its history, its subject access
/// bundle, `heard audit REF` and the redaction of its trail all take them by one rule. A
/// reference can change hands (edited away from one case and given to another); the rows of a
/// case's issues, events, learning and actions carried only the reference, so one person's went
/// into another person's history and bundle, and a renamed case lost its earlier ones.
final class CaseAuditScopeTests: XCTestCase {
    /// Case A (Alice) with a learning point naming her and an issue, then A's reference edited
    /// away and given to case B (Bob). `legacy` rows, written as an earlier Heard wrote them
    /// (no parent, the reference alone), are put in before the hand-over and after it.
    struct HandedOver {
        let store: Store
        let aID: Int64, bID: Int64
        let handed: String, aNow: String
    }

    func handOver(in dir: TemporaryDirectory, legacy: Bool) throws -> HandedOver {
        let store = try makeStore(in: dir)
        let a = try store.add(sampleComplaint(received: "2022-01-10", name: "Alice Arden"), today: fixedToday)
        let b = try store.add(sampleComplaint(received: "2022-01-11", name: "Bob Baker"), today: fixedToday)
        let aID = try XCTUnwrap(a.id), bID = try XCTUnwrap(b.id)
        let handed = a.reference
        try store.addLearning(LearningPoint(caseReference: handed, theme: "information sharing", text: "Alice Arden was not told of the plan",
                                            date: fixedToday), today: fixedToday)
        let withIssue = try store.contact(id: aID)
        try store.addIssue(category: "communication and information", to: aID, version: withIssue.version, today: fixedToday)
        if legacy {
            try rawExecute(store.path, """
                INSERT INTO audit (at, who, session, entity, entity_id, reference, action, changes, batch)
                VALUES ('2022-06-15T10:00:00Z', 'Old Heard', 'old', 'event', 901, '\(handed)', 'create', '{"reason":[null,"Alice said the old thing"]}', 'old-1')
                """)
        }
        var ea = try store.contact(id: aID)
        ea.reference = "CS-2022-0999"
        try store.update(ea, today: fixedToday)
        var eb = try store.contact(id: bID)
        eb.reference = handed
        try store.update(eb, today: fixedToday)
        try store.addLearning(LearningPoint(caseReference: handed, theme: "information sharing", text: "Bob Baker waited too long",
                                            date: fixedToday), today: fixedToday)
        if legacy {
            try rawExecute(store.path, """
                INSERT INTO audit (at, who, session, entity, entity_id, reference, action, changes, batch)
                VALUES ('2022-06-15T11:00:00Z', 'Old Heard', 'old', 'event', 902, '\(handed)', 'create', '{"reason":[null,"Bob said the old thing"]}', 'old-2')
                """)
        }
        return HandedOver(store: store, aID: aID, bID: bID, handed: handed, aNow: "CS-2022-0999")
    }

    func words(_ h: [AuditEntry]) -> String {
        h.flatMap(\.changes).map { ($0.before ?? "") + " " + ($0.after ?? "") }.joined(separator: " | ")
    }

    /// Rows written now carry their case's id: the learning point and issue stay with Alice's
    /// case under its new reference, and Bob's history and bundle hold nothing of hers.
    func testAPartsRowsFollowItsCaseNotTheReference() throws {
        let dir = TemporaryDirectory()
        let h = try handOver(in: dir, legacy: false)
        let bob = try h.store.caseHistory(contactID: h.bID, reference: h.handed)
        XCTAssertFalse(words(bob).contains("Alice"), words(bob))
        XCTAssertTrue(words(bob).contains("Bob Baker waited too long"), words(bob))
        XCTAssertFalse(bob.contains { $0.entity == .issue }, "the issue is Alice's case's")
        let alice = try h.store.caseHistory(contactID: h.aID, reference: h.aNow)
        XCTAssertTrue(words(alice).contains("Alice Arden was not told of the plan"), words(alice))
        XCTAssertTrue(alice.contains { $0.entity == .issue })
        XCTAssertFalse(words(alice).contains("Bob"), words(alice))
        // Each part's row names its case.
        XCTAssertEqual(try rawTexts(h.store.path, "SELECT parent_id FROM audit WHERE entity IN ('issue', 'learning') ORDER BY id"),
                       [String(h.aID), String(h.aID), String(h.bID)])

        let found = try h.store.subjectAccessSearch(PersonName("Bob Baker"))
        XCTAssertEqual(found.map(\.contact.id), [h.bID])
        let request = SubjectAccessRequest(requested: fixedToday, who: "Test Officer", forWhom: "Bob Baker", due: SubjectAccess.due(requested: fixedToday),
                                           cases: found.map(\.contact.reference))
        let json = try h.store.subjectAccessBundle(request: request, found: found, today: fixedToday).json()
        XCTAssertFalse(json.contains("Alice"))
    }

    /// Rows an earlier Heard wrote (no parent) are the case's that held their reference when
    /// they were written: the one before the hand-over is Alice's (found under her case's new
    /// reference too), the one after is Bob's.
    func testAnEarlierHeardsRowsGoToTheCaseThatHeldTheReferenceThen() throws {
        let dir = TemporaryDirectory()
        let h = try handOver(in: dir, legacy: true)
        let bob = words(try h.store.caseHistory(contactID: h.bID, reference: h.handed))
        XCTAssertTrue(bob.contains("Bob said the old thing"), bob)
        XCTAssertFalse(bob.contains("Alice"), bob)
        let alice = words(try h.store.caseHistory(contactID: h.aID, reference: h.aNow))
        XCTAssertTrue(alice.contains("Alice said the old thing"), alice)
        XCTAssertFalse(alice.contains("Bob"), alice)

        // `heard audit REF` reads the same rows.
        var log: [String] = []
        try h.store.eachAuditItem(contactID: h.bID, reference: h.handed) { item in
            if case .change(let e) = item { log.append(self.words([e])) }
        }
        XCTAssertTrue(log.joined().contains("Bob said the old thing"))
        XCTAssertFalse(log.joined().contains("Alice"), log.joined())
    }

    /// Anonymising Bob's case redacts his rows (an event's reason), the old one included, and
    /// not Alice's under the reference his case has now.
    func testAnonymisingOneCaseLeavesTheOtherCasesRowsUnderItsOldReference() throws {
        let dir = TemporaryDirectory()
        let h = try handOver(in: dir, legacy: true)
        _ = try h.store.record(.withdrawn(day("2022-01-14"), reason: "no longer needed"), on: h.bID,
                               version: try h.store.contact(id: h.bID).version, today: fixedToday)
        _ = try h.store.anonymise(contactID: h.bID, reason: "erasure request", today: fixedToday)
        let all = try rawTexts(h.store.path, "SELECT changes FROM audit ORDER BY id").compactMap { $0 }.joined(separator: " ")
        XCTAssertFalse(all.contains("Bob said the old thing"), all)
        XCTAssertTrue(all.contains("Alice said the old thing"), all)
    }

    /// A case no row of its own records (a file another tool filled) still finds the rows under
    /// its reference.
    func testACaseWithNoRowsOfItsOwnTakesItsReferencesRows() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let c = try store.add(sampleComplaint(received: "2022-01-10", name: "Carol Cole"), today: fixedToday)
        let id = try XCTUnwrap(c.id)
        try rawExecute(store.path, """
            INSERT INTO contacts (reference, kind, received, service_area, team, complainant_name, status, stage, version)
            SELECT 'CS-FOREIGN-1', kind, received, service_area, team, 'Dan Doe', status, stage, 1 FROM contacts WHERE id = \(id)
            """)
        let foreign = try XCTUnwrap(try rawInt(store.path, "SELECT id FROM contacts WHERE reference = 'CS-FOREIGN-1'"))
        try rawExecute(store.path, """
            INSERT INTO audit (at, who, session, entity, entity_id, reference, action, changes, batch)
            VALUES ('2022-06-15T10:00:00Z', 'Other Tool', 'x', 'event', 77, 'CS-FOREIGN-1', 'create', '{"reason":[null,"Dan rang"]}', '')
            """)
        let history = words(try store.caseHistory(contactID: Int64(foreign), reference: "CS-FOREIGN-1"))
        XCTAssertTrue(history.contains("Dan rang"), history)
        XCTAssertFalse(words(try store.caseHistory(contactID: id, reference: c.reference)).contains("Dan"))
    }
}
