import Foundation
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// Every stage of every procedure, moved through the store on a real file: acknowledged (as its
/// own stage), paused, resumed, extended where its maximum leaves room, answered; read back.
final class EveryStageStoreTests: XCTestCase {
    let today = day("2022-12-30")

    /// Makes each move of the stage in hand, on working days after `start`, through `Store.apply`.
    func everyMove(_ store: Store, _ c: inout Contact, stage: Int, start: LocalDate, extendable: Bool) throws {
        let cal = try store.calendar()
        func d(_ n: Int) -> LocalDate { cal.adding(workingDays: n, after: start) }
        func move(_ r: MoveRequest, on date: LocalDate) throws {
            let clock = c.clock(calendar: cal, today: date)
            switch r.step(on: c, clock: clock, today: date, calendar: cal) {
            case .failure(let p): XCTFail("stage \(stage) \(r.move): \(p.message)"); throw p
            case .success(let step): c = try store.apply(step, on: try XCTUnwrap(c.id), version: c.version, today: date)
            }
        }
        try move(MoveRequest(.acknowledge, date: d(1).iso), on: d(1))
        try move(MoveRequest(.pause, date: d(2).iso, reason: "Advocate being found"), on: d(2))
        try move(MoveRequest(.resume, date: d(4).iso), on: d(4))
        if extendable {
            let due = try XCTUnwrap(c.clock(calendar: cal, today: d(5)).current?.due)
            try move(MoveRequest(.extend, date: d(5).iso, reason: "Records to gather", newDue: cal.adding(workingDays: 3, after: due).iso), on: d(5))
        }
        try move(MoveRequest(.respond, date: d(6).iso, outcome: "not upheld"), on: d(6))
        let read = try store.contact(id: try XCTUnwrap(c.id))
        XCTAssertEqual(read.events.filter { $0.stage == stage && $0.kind != .nextStageRequested }.map(\.kind),
                       [.acknowledged, .paused, .resumed] + (extendable ? [.extended] : []) + [.responded], "stage \(stage) as stored")
        let s = try XCTUnwrap(read.clock(calendar: cal, today: today).stages.last)
        XCTAssertEqual(s.number, stage)
        XCTAssertEqual(s.acknowledged, d(1))
        XCTAssertEqual(s.responded, d(6))
        XCTAssertEqual(s.pausedDays, 2)
        XCTAssertEqual(s.isExtended, extendable)
    }

    func escalate(_ store: Store, _ c: inout Contact, on date: LocalDate) throws {
        c = try store.record(CaseEvent(kind: .nextStageRequested, date: date), on: try XCTUnwrap(c.id), version: c.version, today: date)
    }

    func testEveryStageOfEveryProcedure() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        var statutory = sampleComplaint(received: "2022-01-10")
        statutory = try store.add(statutory, today: today)
        try everyMove(store, &statutory, stage: 1, start: day("2022-01-10"), extendable: true)
        try escalate(store, &statutory, on: day("2022-02-01"))
        try everyMove(store, &statutory, stage: 2, start: day("2022-02-01"), extendable: true)
        try escalate(store, &statutory, on: day("2022-02-15"))
        try everyMove(store, &statutory, stage: 3, start: day("2022-02-15"), extendable: false)

        var corporate = sampleComplaint(received: "2022-01-10")
        corporate.procedure = .corporate
        corporate = try store.add(corporate, today: today)
        try everyMove(store, &corporate, stage: 1, start: day("2022-01-10"), extendable: true)
        try escalate(store, &corporate, on: day("2022-02-01"))
        try everyMove(store, &corporate, stage: 2, start: day("2022-02-01"), extendable: true)

        var adult = sampleComplaint(received: "2022-01-10")
        adult.procedure = .adult
        adult = try store.add(adult, today: today)
        try everyMove(store, &adult, stage: 1, start: day("2022-01-10"), extendable: true)
    }
}
