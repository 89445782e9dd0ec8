import Foundation
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// The names the appoint form suggests: everyone appointed before, at any stage.
final class KnownStagePeopleTests: XCTestCase {
    func testPeopleAppointedBeforeAreKnown() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        XCTAssertEqual(try store.knownStagePeople(), [])
        var c = try store.add(sampleComplaint(received: "2022-05-03"), today: fixedToday)
        let id = try XCTUnwrap(c.id)
        for e in [CaseEvent.acknowledged(day("2022-05-04")), .responded(day("2022-05-20"), stage: 1, outcome: .notUpheld),
                  .nextStageRequested(day("2022-05-24"), stage: 2)] {
            c = try store.record(e, on: id, version: c.version, today: fixedToday)
        }
        _ = try store.appoint(Appointment(investigatingOfficer: "Sam Khan", independentPerson: "Jo Reed"), on: id, version: c.version, today: fixedToday)
        XCTAssertEqual(Set(try store.knownStagePeople()), ["Sam Khan", "Jo Reed"])
    }
}
