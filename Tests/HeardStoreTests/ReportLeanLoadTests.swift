import Foundation
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// The report's lean load (`reportInput`, Store+ReportRows.swift) against the full loader it
/// replaced (`contacts(relevantTo:freeText: false)`, kept as the reference): the same contacts in
/// the same order, and the same report, refs and all, for every period tried.
final class ReportLeanLoadTests: XCTestCase {
    /// Periods of every shape: financial years, a month, a day, a span of years, one before anything.
    static let periods: [Period] = (2017...2023).map(Period.financialYear(starting:)) + [
        Period(from: day("2021-02-01"), to: day("2021-02-28")),
        Period(from: day("2021-03-01"), to: day("2021-03-01")),
        Period(from: day("2019-07-15"), to: day("2022-01-10")),
        Period(from: day("2010-01-01"), to: day("2030-12-31")),
        Period(from: day("2000-01-01"), to: day("2000-12-31")),
    ]

    func testTheDemosReportsAreTheSameFromEitherLoad() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir, name: "demo.sqlite")
        let today = day("2022-03-15")
        try store.writeDemo(today: today)
        try assertSameReports(store, today: today, areas: [[], [try XCTUnwrap(store.reference.serviceAreas.first)]])
    }

    /// Rows another program wrote, at random: unknown kinds and channels, days that are not days,
    /// issues out of position order, events the clock refuses, blank reasons, empty answers.
    func testRandomRowsGiveTheSameReportsFromEitherLoad() throws {
        try skipOnPostgres("writes rows of its own choosing straight into the SQLite file")
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        var rng = SplitMix(seed: 14)
        try rawExecute(store.path, RandomRows.sql(contacts: 600, &rng))
        let today = day("2023-06-30")
        XCTAssertGreaterThan(try store.contacts(relevantTo: Period(from: day("2000-01-01"), to: day("2030-12-31")), freeText: false).count, 450)
        try assertSameReports(store, today: today, areas: [[], ["Care Leavers", "Adoption"]])
    }

    private func assertSameReports(_ store: Store, today: LocalDate, areas: [[String]], file: StaticString = #filePath, line: UInt = #line) throws {
        for period in Self.periods {
            let lean = try store.reportInput(for: period, today: today)
            // Pieces of one contact, of a few (later contacts fall inside pieces), and the usual.
            let single = try store.reportInput(for: period, today: today, pieceSize: 1)
            let few = try store.reportInput(for: period, today: today, pieceSize: 7)
            let full = try store.contacts(relevantTo: period, freeText: false)
            XCTAssertEqual(lean.contacts.map(\.id), full.map(\.id), "\(period.label)", file: file, line: line)
            XCTAssertEqual(single.contacts, lean.contacts, "pieces of one: \(period.label)", file: file, line: line)
            XCTAssertEqual(few.contacts, lean.contacts, "pieces of seven: \(period.label)", file: file, line: line)
            for (a, b) in zip(full, lean.contacts) {
                XCTAssertEqual(a.issues.map(\.category), b.issues.map(\.category), file: file, line: line)
                XCTAssertEqual(a.issues.map(\.findings), b.issues.map(\.findings), file: file, line: line)
                XCTAssertEqual(a.events.map(\.id), b.events.map(\.id), file: file, line: line)
                XCTAssertEqual(a.people.equality, b.people.equality, file: file, line: line)
            }
            var reference = lean
            reference.contacts = full
            // The whole contact log's counts (the lean load reads those of its contacts' ids only).
            reference.contactLogCounts = try store.contactLogCounts()
            for c in full.filter({ $0.kind == .complaint }) {
                XCTAssertEqual(lean.contactLogCounts[c.id ?? 0], reference.contactLogCounts[c.id ?? 0], "\(c.reference)", file: file, line: line)
            }
            for a in areas {
                var o = ReportOptions(period: period, serviceAreas: a, today: today, rules: store.rules, calendar: try store.calendar(),
                                      reference: store.reference)
                // The whole tree: every count with its references, in order.
                let built = AnnualReport.build(lean, o)
                XCTAssertEqual(built, AnnualReport.build(reference, o), "\(period.label) \(a)", file: file, line: line)
                XCTAssertEqual(AnnualReport.figures(lean, o, period: period), AnnualReport.figures(reference, o, period: period), file: file, line: line)
                // Counted a piece at a time as `heard report` and the screen count it, refs and all.
                // The whole report reads its comparison period too (`loadRange`).
                var wide = try store.reportInput(for: o.loadRange, today: today)
                wide.contacts = try store.contacts(relevantTo: o.loadRange, freeText: false)
                wide.contactLogCounts = reference.contactLogCounts
                let whole = AnnualReport.build(wide, o)
                for size in [1, 7, Store.reportPieceSize] {
                    // Compared whole, not printed: a tree of every count with its references.
                    XCTAssertTrue(try store.report(o, pieceSize: size) == whole, "\(period.label) \(a), pieces of \(size)", file: file, line: line)
                    // Two readers taking turns, or one reading every piece in turn.
                    for parallel in [true, false] {
                        XCTAssertTrue(try store.reportFigures(o, period: period, pieceSize: size, parallel: parallel)
                                      == AnnualReport.figures(reference, o, period: period),
                                      "\(period.label) \(a), one period in pieces of \(size), parallel \(parallel)", file: file, line: line)
                    }
                }
                // Two runs counted apart and put together: the tally of both.
                var first = PeriodFigures(o, period: period), second = PeriodFigures(o, period: period)
                let cut = lean.contacts.count / 3
                first.add(Array(lean.contacts[..<cut]), contactLogCounts: lean.contactLogCounts)
                second.add(Array(lean.contacts[cut...]), contactLogCounts: lean.contactLogCounts)
                first.append(second)
                XCTAssertTrue(first.report(learning: lean.learning, actions: lean.actions) == AnnualReport.figures(reference, o, period: period),
                              "\(period.label) \(a), two runs appended", file: file, line: line)
                // Without references: every count and figure the same, no reference anywhere.
                o.references = false
                let bare = AnnualReport.build(lean, o)
                XCTAssertEqual(bare, built.withoutReferences, "\(period.label) \(a), no references", file: file, line: line)
                XCTAssertFalse(bare.hasReferences, file: file, line: line)
                XCTAssertEqual(built.hasReferences, built != bare, file: file, line: line)
                for format in ReportFormat.allCases {
                    XCTAssertEqual(ReportRenderer.render(bare, as: format), ReportRenderer.render(built, as: format), "\(format)", file: file, line: line)
                }
            }
        }
    }
}

extension ReportGroup {
    /// The same tree with every count's references dropped.
    var withoutReferences: ReportGroup {
        var g = self
        for i in g.entries.indices {
            switch g.entries[i].value {
            case .count(let n, _): g.entries[i].value = .count(n, refs: [])
            case .group(let sub): g.entries[i].value = .group(sub.withoutReferences)
            default: break
            }
        }
        return g
    }

    /// Whether any count in the tree carries a reference.
    var hasReferences: Bool {
        entries.contains { e in
            switch e.value {
            case .count(_, let refs): !refs.isEmpty
            case .group(let sub): sub.hasReferences
            default: false
            }
        }
    }
}

/// A small seeded generator (SplitMix64): the same rows on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func pick<T>(_ xs: [T]) -> T { xs[int(xs.count)] }
}

/// SQL inserting random contacts with issues and events, as another program might have.
enum RandomRows {
    static func quoted(_ s: String?) -> String { s.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" } ?? "NULL" }

    static func date(_ rng: inout SplitMix) -> String {
        // Mostly real days from 2017 to 2023; now and then one that is not a day at all.
        switch rng.int(40) {
        case 0: return "2021-02-30"
        case 1: return "2021-13-01"
        case 2: return "21-03-2021"
        default: return day("2017-01-01").adding(days: rng.int(7 * 365)).iso
        }
    }

    static func sql(contacts: Int, _ rng: inout SplitMix) -> String {
        let kinds = ContactKind.allCases.map(\.rawValue) + ["complaint", "complaint", "complaint", "letter"]
        let areas = ["Care Leavers", "Adoption", "Fostering Service", "Youth Justice", "care leavers"]
        let channels: [String?] = Channel.allCases.map(\.rawValue) + [nil, "pigeon"]
        let procedures: [String?] = ProcedureKind.allCases.map(\.rawValue) + [nil, "made up"]
        let roles: [String?] = ComplainantRole.allCases.map(\.rawValue) + [nil, "neighbour"]
        let categories = ReferenceData.defaultCategories + ["typed by hand"]
        let findings: [String?] = Finding.allCases.map(\.rawValue) + [nil, nil, "maybe"]
        let eventKinds = CaseEventKind.allCases.map(\.rawValue) + ["responded", "responded", "next_stage_requested", "teleported"]
        let outcomes: [String?] = StageOutcome.allCases.map(\.rawValue) + [nil, nil]
        let decisions: [String?] = OmbudsmanDecision.allCases.map(\.rawValue) + [nil]
        let remedies: [String?] = RemedyKind.allCases.map(\.rawValue) + [nil]
        let reasons = ["", "  ", "the family asked", "a long reason that no figure of the report ever reads aloud"]
        var out: [String] = []
        var issueID = 1, eventID = 1
        // Ids scattered (7919 steps round a prime): rows are not in their contacts' order.
        func scattered(_ n: Int) -> Int { (n * 7919) % 100_003 + 1 }
        for id in 1...contacts {
            var equality: [String] = []
            for q in EqualityQuestion.allCases {
                equality.append(quoted(rng.int(3) == 0 ? rng.pick(q.answers + ["", "  "]) : nil))
            }
            out.append("""
                INSERT INTO contacts (id, reference, kind, received, channel, service_area, team, procedure, complainant_role, cyp,
                    advocate, officer, status, \(EqualityQuestion.allCases.map(\.column).joined(separator: ", ")))
                VALUES (\(id), 'R-\(id)', \(quoted(rng.pick(kinds))), \(quoted(date(&rng))), \(quoted(rng.pick(channels))),
                    \(quoted(rng.pick(areas))), \(quoted(rng.pick(["", "Team A", "Team B"]))), \(quoted(rng.pick(procedures))),
                    \(quoted(rng.pick(roles))), \(rng.int(2)), \(quoted(rng.pick(["", " ", "Children's Rights Team"]))), 'Officer',
                    'open', \(equality.joined(separator: ", ")));
                """)
            for _ in 0..<rng.int(5) {
                out.append("""
                    INSERT INTO issues (id, contact_id, position, category, finding1, finding2, finding3)
                    VALUES (\(scattered(issueID)), \(id), \(rng.int(3)), \(quoted(rng.pick(categories))), \(quoted(rng.pick(findings))),
                        \(quoted(rng.pick(findings))), \(quoted(rng.pick(findings))));
                    """)
                issueID += 1
            }
            // Contact log entries: none for most, several for some.
            for _ in 0..<max(0, rng.int(8) - 4) {
                out.append("""
                    INSERT INTO contact_log (contact_id, direction, kind, at) VALUES (\(id), 'in', 'call', \(quoted(date(&rng))));
                    """)
            }
            for _ in 0..<rng.int(7) {
                let stage: String = rng.int(5) == 0 ? "NULL" : String(1 + rng.int(3))
                out.append("""
                    INSERT INTO events (id, contact_id, kind, date, stage, new_due, reason, outcome, satisfied, ombudsman_decision, remedy, amount_pence)
                    VALUES (\(scattered(eventID)), \(id), \(quoted(rng.pick(eventKinds))), \(quoted(date(&rng))), \(stage),
                        \(rng.int(2) == 0 ? "NULL" : quoted(date(&rng))), \(quoted(rng.pick(reasons))), \(quoted(rng.pick(outcomes))),
                        \(rng.pick(["NULL", "0", "1"])), \(quoted(rng.pick(decisions))), \(quoted(rng.pick(remedies))),
                        \(rng.int(2) == 0 ? "NULL" : String(rng.int(100_000))));
                    """)
                eventID += 1
            }
        }
        return out.joined(separator: "\n")
    }
}
