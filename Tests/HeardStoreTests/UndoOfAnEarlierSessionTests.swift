import Foundation
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// `heard undo`'s store: it takes back a step of an earlier session of the same person, writes its
/// own rows in a session of its own (so the session that made the step sees another's change and
/// reloads), and takes only that person's rows of the earlier session.
final class UndoOfAnEarlierSessionTests: XCTestCase {
    func testAnEarlierSessionsStepIsTakenBackInASessionOfItsOwnAndOnlyThePersonsRows() throws {
        let dir = TemporaryDirectory("heard-undo-earlier")
        let path = try storePath(in: dir)
        let screens = try makeStore(in: dir, actor: "Sam Khan")
        let c = try screens.add(sampleComplaint(received: "2022-06-13"), today: day("2022-06-15"))
        let id = try XCTUnwrap(c.id)
        _ = try screens.record(.acknowledged(day("2022-06-14")), on: id, version: try screens.contact(id: id).version, today: day("2022-06-15"))
        let counter = try screens.changeCounter()

        let probe = try Store(path: path, options: StoreOptions(actor: "Sam Khan"))
        let (session, step) = try XCTUnwrap(try probe.lastStepOfActor())
        XCTAssertEqual(session, screens.session)
        XCTAssertEqual(step.map(\.reference), [c.reference])
        XCTAssertNil(try Store(path: path, options: StoreOptions(actor: "Someone Else")).lastStepOfActor(), "nothing of theirs")

        var options = StoreOptions(actor: "Sam Khan")
        options.undoSession = session
        let undoer = try Store(path: path, options: options)
        XCTAssertNotEqual(undoer.session, session, "its rows go in a session of its own")
        let result = try XCTUnwrap(try undoer.undoLast(today: day("2022-06-15")))
        XCTAssertEqual(result.contactIDs, [id])
        XCTAssertNil(try screens.contact(id: id).clock(calendar: .englandAndWales, today: day("2022-06-15")).stages.first?.acknowledged)
        // The session that made the step sees the taking back as another's change, to reload.
        let seen = try screens.contactsChanged(afterAudit: counter)
        XCTAssertEqual(seen.contacts, [id])
        XCTAssertTrue(seen.othersWrote)
        // Run again, the step before (the case's creation) is reached, its own undo no obstacle.
        let again = try Store(path: path, options: options)
        XCTAssertEqual(try again.undoLast(today: day("2022-06-15"))?.contactIDs, [id])
    }

    func testARowWrittenByHandWithThePersonsSessionIsNotTheirs() throws {
        try skipOnPostgres("the row is written into the file by hand")
        let dir = TemporaryDirectory("heard-undo-forged")
        let path = try storePath(in: dir)
        let sam = try makeStore(in: dir, actor: "Sam Khan")
        let c = try sam.add(sampleComplaint(received: "2022-06-13"), today: day("2022-06-15"))
        let id = try XCTUnwrap(c.id)
        _ = try sam.record(.acknowledged(day("2022-06-14")), on: id, version: try sam.contact(id: id).version, today: day("2022-06-15"))
        // Mallory writes a row of her own into Sam's session, newest of all.
        try rawExecute(path, """
            INSERT INTO audit (at, who, session, entity, entity_id, reference, action, changes, batch)
            VALUES ('2022-06-15T12:00:00Z', 'Mallory', '\(sam.session)', 'contact_log', 999, 'CS-0000', 'create', '{}', 'zz')
            """)
        var options = StoreOptions(actor: "Mallory")
        let (session, step) = try XCTUnwrap(try Store(path: path, options: options).lastStepOfActor())
        XCTAssertEqual(step.map(\.reference), ["CS-0000"], "what she is asked about is her own row")
        options.undoSession = session
        _ = try? Store(path: path, options: options).undoLast(today: day("2022-06-15"))
        XCTAssertNotNil(try sam.contact(id: id).clock(calendar: .englandAndWales, today: day("2022-06-15")).stages.first?.acknowledged,
                        "Sam's acknowledgement is not taken back by Mallory's undo")
    }
}
