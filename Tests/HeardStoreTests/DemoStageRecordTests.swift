import Foundation
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// The demo holds the procedure's whole record: open stage 2 and 3 cases with their people,
/// findings in words and responses with several remedies (and its figures stay as DESIGN.md says:
/// DemoTests).
final class DemoStageRecordTests: XCTestCase {
    func testTheDemoHasStagePeopleFindingTextsAndSeveralRemedies() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let today = day("2026-11-30")
        try store.writeDemo(today: today)
        let cal = try store.calendar()
        let all = try store.allContacts()
        let open = all.filter { $0.clock(calendar: cal, today: today).status.isActive }
        let atStage2 = open.filter { $0.clock(calendar: cal, today: today).current?.number == 2 && $0.procedure == .statutory }
        let atStage3 = open.filter { $0.clock(calendar: cal, today: today).current?.number == 3 }
        XCTAssertGreaterThanOrEqual(atStage2.count, 2)
        XCTAssertFalse(atStage3.isEmpty)
        XCTAssertEqual(atStage3.filter { $0.stagePeople.panel.count != 3 }.map(\.reference), [], "every panel is three people")
        for c in atStage2 {
            XCTAssertFalse(c.stagePeople.investigatingOfficer.isEmpty, c.reference)
            XCTAssertFalse(c.stagePeople.independentPerson.isEmpty, c.reference)
            XCTAssertFalse(c.issues.compactMap { $0.findingTexts[1] }.isEmpty, c.reference)
        }
        // Every stage 3 case (open or settled) has its panel of three and the day it met.
        let stage3 = all.filter { c in c.events.contains { $0.kind == .nextStageRequested && $0.stage == 3 } }
        XCTAssertFalse(stage3.isEmpty)
        XCTAssertEqual(stage3.filter { $0.stagePeople.panel.count != 3 || $0.stagePeople.panelDate == nil }.map(\.reference), [])
        // A panel whose findings are written met before them: before the stage 3 response, and
        // before today while there is none (its outcome letter never says it met on a day to come).
        let metLate = stage3.filter { c in
            guard c.issues.contains(where: { $0.findings[3] != nil }), let panel = c.stagePeople.panelDate else { return false }
            let found = c.events.first { $0.kind == .responded && $0.stage == 3 }?.date ?? today
            return panel >= found
        }
        XCTAssertEqual(metLate.map(\.reference), [])
        // Responses with more than one remedy, of different kinds.
        let several = all.filter { c in Set(c.events.filter { $0.kind == .remedy }.compactMap(\.remedy)).count >= 3 }
        XCTAssertGreaterThanOrEqual(several.count, 2)
        XCTAssertTrue(all.contains { $0.events.contains { $0.remedy == .payment && ($0.amountPence ?? 0) > 0 } })
        // Settled history that went to stage 2 has its people too.
        let history2 = all.filter { c in c.events.contains { $0.kind == .nextStageRequested && $0.stage == 2 } && c.procedure == .statutory }
        XCTAssertFalse(history2.isEmpty)
        XCTAssertEqual(history2.filter { $0.stagePeople.investigatingOfficer.isEmpty }.map(\.reference), [])
    }

    /// The demo's record reads as one: later stages acknowledged, no escalated stage marked
    /// "satisfied", a panel's outcome with its findings, and remedies in every year.
    func testTheDemoRecordIsConsistent() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let today = day("2026-11-30")
        try store.writeDemo(today: today)
        let cal = try store.calendar()
        var unacknowledged: [String] = [], satisfiedThenEscalated: [String] = [], stage3WithoutFindings: [String] = []
        var remediesByYear: [Int: Int] = [:]
        for c in try store.allContacts() where c.kind == .complaint {
            let k = c.clock(calendar: cal, today: today)
            for s in k.stages where s.number > 1 && s.responded != nil && s.acknowledged == nil { unacknowledged.append("\(c.reference) stage \(s.number)") }
            for s in k.stages where s.escalated != nil && s.satisfied == true { satisfiedThenEscalated.append("\(c.reference) stage \(s.number)") }
            if let s3 = k.stages.first(where: { $0.number == 3 }), s3.responded != nil, c.issues.allSatisfy({ $0.findings[3] == nil }) {
                stage3WithoutFindings.append(c.reference)
            }
            for r in k.remedies { remediesByYear[Period.financialYear(containing: r.date).from.year, default: 0] += 1 }
        }
        XCTAssertEqual(unacknowledged, [])
        XCTAssertEqual(satisfiedThenEscalated, [])
        XCTAssertEqual(stage3WithoutFindings, [])
        for y in 2020...2025 { XCTAssertGreaterThanOrEqual(remediesByYear[y] ?? 0, 10, "remedies in \(y)-\(y + 1): \(remediesByYear)") }
    }
}
