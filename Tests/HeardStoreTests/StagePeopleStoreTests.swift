import Foundation
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// `Store.appoint` on a real file: the people of stages 2 and 3 saved, read back, audited as one
/// group, undone as one step; the moves of stage 2 recorded through the store.
final class StagePeopleStoreTests: XCTestCase {
    func testStage2MovesAndItsPeopleThenUndo() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        var c = try store.add(sampleComplaint(received: "2022-05-03"), today: fixedToday)
        let id = try XCTUnwrap(c.id)
        for e in [CaseEvent.acknowledged(day("2022-05-04")), .responded(day("2022-05-20"), stage: 1, outcome: .notUpheld),
                  .nextStageRequested(day("2022-05-24"), stage: 2), CaseEvent(kind: .acknowledged, date: day("2022-05-25")),
                  CaseEvent(kind: .paused, date: day("2022-05-26"), reason: "Investigator ill"), CaseEvent(kind: .resumed, date: day("2022-05-31")),
                  CaseEvent(kind: .extended, date: day("2022-06-01"), newDue: day("2022-07-29"), reason: "Many records")] {
            c = try store.record(e, on: id, version: c.version, today: fixedToday)
        }
        XCTAssertEqual(c.events.filter { $0.kind == .acknowledged }.map(\.stage), [1, 2], "stage 2 is acknowledged as stage 2")
        let cal = try store.calendar()
        XCTAssertEqual(try store.contact(id: id).clock(calendar: cal, today: fixedToday).current?.due, day("2022-07-29"))

        let before = try store.undoableCount()
        let saved = try store.appoint(Appointment(investigatingOfficer: " Sam\tKhan ", independentPerson: "Jo Reed"), on: id, version: c.version, today: fixedToday)
        XCTAssertEqual(saved.stagePeople.investigatingOfficer, "Sam Khan", "stored on one line, trimmed")
        let onFile = try store.contact(id: id)
        XCTAssertEqual(onFile.stagePeople, StagePeople(investigatingOfficer: "Sam Khan", independentPerson: "Jo Reed"))
        XCTAssertEqual(onFile.version, saved.version)
        let rows = try store.recentAudit(limit: 1)
        XCTAssertEqual(rows.first?.entity, .other("stage_people"))
        XCTAssertEqual(rows.first?.changes.map(\.field), ["investigating_officer", "independent_person"])
        XCTAssertEqual(try store.undoableCount(), before + 1)

        // The same again changes nothing; a stale version is refused.
        XCTAssertEqual(try store.appoint(Appointment(independentPerson: "Jo Reed"), on: id, version: saved.version, today: fixedToday).version, saved.version)
        XCTAssertThrowsError(try store.appoint(Appointment(independentPerson: "Al Other"), on: id, version: c.version, today: fixedToday))
        // A panel at stage 2 is refused and changes nothing.
        XCTAssertThrowsError(try store.appoint(Appointment(panel: ["A"]), on: id, version: saved.version, today: fixedToday))
        XCTAssertEqual(try store.contact(id: id).stagePeople, onFile.stagePeople)

        let undone = try XCTUnwrap(store.undoLast(today: fixedToday))
        XCTAssertEqual(undone.contactIDs, [id])
        XCTAssertEqual(try store.contact(id: id).stagePeople, StagePeople())
    }

    func testAppointmentIsPartOfAStepAndThePanelOfStage3() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        var c = try store.add(sampleComplaint(received: "2022-04-01"), today: fixedToday)
        let id = try XCTUnwrap(c.id)
        for e in [CaseEvent.acknowledged(day("2022-04-04")), .responded(day("2022-04-08"), stage: 1, outcome: .notUpheld),
                  .nextStageRequested(day("2022-04-11"), stage: 2), .responded(day("2022-05-16"), stage: 2, outcome: .notUpheld)] {
            c = try store.record(e, on: id, version: c.version, today: fixedToday)
        }
        // Escalating to stage 3 and naming its panel: one user step, one audit group.
        let step = CaseStep(events: [.nextStageRequested(day("2022-05-20"), stage: 3)],
                            appointment: Appointment(panel: ["Ann Lee", "Bo Park", "Cy Dunn"], panelDate: day("2022-07-01")))
        let saved = try store.apply(step, on: id, version: c.version, today: fixedToday)
        XCTAssertEqual(saved.stagePeople.panel, ["Ann Lee", "Bo Park", "Cy Dunn"])
        let rows = try store.recentAudit(limit: 2)
        XCTAssertEqual(Set(rows.map(\.batch)).count, 1)
        XCTAssertEqual(try store.contact(id: id).stagePeople.panelDate, day("2022-07-01"))
        _ = try store.undoLast(today: fixedToday)
        let back = try store.contact(id: id)
        XCTAssertEqual(back.stagePeople, StagePeople())
        XCTAssertEqual(back.clock(calendar: try store.calendar(), today: fixedToday).current?.number, 2)
    }
}
