import Foundation
import GRDB
import HeardCore
@testable import HeardStore
import HeardTestSupport
import Synchronization
import XCTest

/// What the report loads: the same contacts as a full load, without their free text, issues in
/// their order even when a file written elsewhere stored them out of id order.
final class ReportInputTests: XCTestCase {
    func testIssuesComeInPositionOrderWhateverTheirIds() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let c = try store.add(sampleComplaint(received: "2022-01-10", categories: ["placement", "financial", "other"]), today: day("2022-03-15"))
        // Another tool renumbered the positions: the last inserted is now first.
        try rawExecute(store.path, "UPDATE issues SET position = CASE category WHEN 'other' THEN 0 WHEN 'placement' THEN 1 ELSE 2 END WHERE contact_id = \(c.id!)")
        let full = try store.contact(id: c.id!)
        XCTAssertEqual(full.issues.map(\.category), ["other", "placement", "financial"])
        let lean = try XCTUnwrap(store.reportInput(for: Period.financialYear(starting: 2021), today: day("2022-03-15")).contacts.first)
        XCTAssertEqual(lean.issues.map(\.category), ["other", "placement", "financial"])
    }

    func testTheReportLoadLeavesOutWhatNoFigureReadsAndNothingElse() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir, name: "demo.sqlite")
        let today = day("2022-03-15")
        try store.writeDemo(today: today)
        let year = Period.financialYear(starting: 2021)
        let full = try store.contacts(relevantTo: year)
        let lean = try store.reportInput(for: year, today: today).contacts
        XCTAssertEqual(lean.count, full.count)
        // Read in pieces of one contact, or of three, or in the usual pieces: the same contacts.
        XCTAssertEqual(try store.reportInput(for: year, today: today, pieceSize: 1).contacts, lean)
        XCTAssertEqual(try store.reportInput(for: year, today: today, pieceSize: 3).contacts, lean)
        XCTAssertGreaterThan(full.filter { !$0.summary.isEmpty && !$0.complainantName.isEmpty }.count, 200)
        XCTAssertGreaterThan(lean.reduce(0) { $0 + $1.issues.count }, 0, "the lean load still has issues to check")
        for (a, b) in zip(full, lean) {
            XCTAssertTrue(b.complainantName.isEmpty && b.summary.isEmpty && b.subjectChild.isEmpty && b.acceptanceDecision.isEmpty)
            XCTAssertTrue(b.issues.allSatisfy { $0.detail.isEmpty })
            var stripped = a
            stripped.complainantName = ""; stripped.summary = ""; stripped.subjectChild = ""; stripped.acceptanceDecision = ""
            for i in stripped.issues.indices { stripped.issues[i].detail = ""; stripped.issues[i].findingTexts = [:] }
            // The findings' words and the stage people are free text too.
            stripped.stagePeople = StagePeople()
            // The people's personal details are left out too; their equality answers are counted.
            stripped.people.complainant = ComplainantDetails()
            stripped.people.child = SubjectChildDetails()
            // No figure reads the officer, the events' date, the version or the hold; an event's
            // reason only where the clock refuses the event without one.
            stripped.officer = ""; stripped.eventsDate = nil; stripped.version = 0; stripped.legalHold = false
            let reasonRead: Set<CaseEventKind> = [.extended, .paused, .withdrawn, .notAccepted, .mediation, .nextStageRequested]
            for i in stripped.events.indices where !reasonRead.contains(stripped.events[i].kind) { stripped.events[i].reason = "" }
            XCTAssertEqual(stripped, b)
        }
    }

    /// A piece the counter cannot take stops the reads: its error comes back, no piece after it
    /// is handed over, and nothing waits for ever (the readers are two threads ahead of it).
    func testAnErrorWhileCountingStopsThePiecesAndComesBack() throws {
        struct Stop: Error {}
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir, name: "demo.sqlite")
        let today = day("2022-03-15")
        try store.writeDemo(today: today)
        let year = Period.financialYear(starting: 2021)
        var all: [Int64] = []
        try store.reportPieces(relevantTo: year, size: 5) { all += $0.contacts.compactMap(\.id) }
        XCTAssertGreaterThan(all.count, 40)
        var seen: [Int64] = []
        XCTAssertThrowsError(try store.reportPieces(relevantTo: year, size: 5) { piece in
            if seen.count >= 15 { throw Stop() }
            seen += piece.contacts.compactMap(\.id)
        }) { XCTAssertTrue($0 is Stop, "\($0)") }
        XCTAssertEqual(seen, Array(all.prefix(seen.count)), "the pieces before the error, in order")
        XCTAssertTrue(seen.count >= 15 && seen.count < all.count, "\(seen.count) of \(all.count)")
        // And the store reads on afterwards.
        var again: [Int64] = []
        try store.reportPieces(relevantTo: year, size: 5) { again += $0.contacts.compactMap(\.id) }
        XCTAssertEqual(again, all)
    }

    /// A contact whose id is the smallest there is, received on the period's first day, is read
    /// by one reader and by two (one reader started its pages below every id: found by an attack).
    func testTheSmallestIdIsReadByEitherWay() throws {
        try skipOnPostgres("writes a row of its own choosing straight into the SQLite file")
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let today = day("2022-03-15")
        for _ in 0..<5 { try store.add(sampleComplaint(received: "2021-04-01"), today: today) }
        try rawExecute(store.path, """
            INSERT INTO contacts (id, reference, kind, received, service_area, status, stage)
            VALUES (-9223372036854775808, 'H-MIN', 'complaint', '2021-04-01', 'Adoption', 'open', 1)
            """)
        let year = Period.financialYear(starting: 2021)
        for parallel in [true, false] {
            for size in [1, 2, 100] {
                var ids: [Int64] = []
                try store.reportPieces(relevantTo: year, size: size, parallel: parallel) { ids += $0.contacts.compactMap(\.id) }
                XCTAssertEqual(ids.count, 6, "parallel \(parallel), pieces of \(size)")
                XCTAssertEqual(ids.first, Int64.min, "parallel \(parallel), pieces of \(size)")
            }
        }
    }

    /// The two readers and the plan each read in a transaction of their own, opened at once: a
    /// report read while another program commits must still be of one state. Each commit adds a
    /// pair of complaints, one on the period's first day (the first piece) and one on its last
    /// (the last piece, read by the other reader or later): every report sees both or neither.
    func testPiecesReadWhileAnotherProgramCommitsAreOfOneState() throws {
        try skipOnPostgres("another program's writes straight into the SQLite file")
        let (dir, store, today, year) = try nineComplaintsIn2021()
        defer { withExtendedLifetime(dir) {} }
        var reports = 0, pairs = 0
        try whileAnotherProgramCommits(to: store.path, most: 400, { db, n in
            for (end, day) in [("a", "2021-04-01"), ("b", "2022-03-31")] { try Self.insertComplaint(db, "P-\(n)-\(end)", received: day) }
        }) {
            for _ in 0..<40 {
                var references: [String] = []
                try store.reportPieces(relevantTo: year, size: 4) { references += $0.contacts.map(\.reference) }
                let a = Set(references.filter { $0.hasSuffix("-a") }.map { $0.dropLast(2) })
                let b = Set(references.filter { $0.hasSuffix("-b") }.map { $0.dropLast(2) })
                XCTAssertEqual(a, b, "a report read two states of the record")
                reports += 1
                pairs = max(pairs, a.count)
            }
        }
        XCTAssertEqual(reports, 40)
        XCTAssertGreaterThan(pairs, 0, "the other program committed while the reports were read")
    }

    /// A store with a complaint received in each month from April to December 2021, today in
    /// March 2022, and the financial year they are in.
    private func nineComplaintsIn2021() throws -> (TemporaryDirectory, Store, LocalDate, Period) {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let today = day("2022-03-15")
        for month in 4...12 { try store.add(sampleComplaint(received: "2021-\(String(format: "%02d", month))-10"), today: today) }
        return (dir, store, today, Period.financialYear(starting: 2021))
    }

    /// A complaint another program writes straight into the file.
    private static func insertComplaint(_ db: Database, _ reference: String, received: String) throws {
        try db.execute(sql: """
            INSERT INTO contacts (reference, kind, received, service_area, status, stage)
            VALUES (?, 'complaint', ?, 'Adoption', 'open', 1)
            """, arguments: [reference, received])
    }

    /// The report's learning points and actions are of the state its contacts are read in: while
    /// another program commits, each time, a complaint with a learning point and an action in the
    /// year, every report counts as many of each (they were read in transactions of their own,
    /// and a report showed thousands more actions than complaints; found by an attack).
    func testLearningAndActionsAreReadInTheStateTheContactsAre() throws {
        try skipOnPostgres("another program's writes straight into the SQLite file")
        let (dir, store, today, year) = try nineComplaintsIn2021()
        defer { withExtendedLifetime(dir) {} }
        let options = ReportOptions(period: year, today: today)
        func counts(_ g: ReportGroup) -> [Int] {
            [(g.value(at: "contacts.total")?.count ?? 0) - 9, g.value(at: "learning.themes.effective communication")?.count ?? 0,
             g.value(at: "actions.agreed")?.count ?? 0]
        }
        var most = 0
        try whileAnotherProgramCommits(to: store.path, most: 600, { db, n in
            try Self.insertComplaint(db, "W-\(n)", received: "2021-06-01")
            let contact = db.lastInsertedRowID
            try db.execute(sql: """
                INSERT INTO learning_points (contact_id, theme, text, date, service_area)
                VALUES (?, 'effective communication', 'x', '2021-06-02', 'Adoption')
                """, arguments: [contact])
            try db.execute(sql: """
                INSERT INTO actions (title, service_area, source_kind, source_contact_id, source_learning_id, created, due, status)
                VALUES ('a', 'Adoption', 'learning', ?, ?, '2021-06-03', '2021-07-01', 'open')
                """, arguments: [contact, db.lastInsertedRowID])
        }) {
            for k in 0..<40 {
                // Two readers (the command line's), one (the report screen's, a period beside
                // another), and the whole input (a caller that wants the contacts).
                let c = switch k % 3 {
                case 0: counts(try store.report(options, pieceSize: 4))
                case 1: counts(try store.reportFigures(options, period: year, pieceSize: 4, parallel: false))
                default: try { (i: ReportInput) in [i.contacts.count - 9, i.learning.count, i.actions.count] }(
                    store.reportInput(for: year, today: today, pieceSize: 4))
                }
                XCTAssertEqual(Set(c).count, 1, "report \(k) counted contacts, learning and actions of different moments: \(c)")
                most = max(most, c[0])
            }
        }
        XCTAssertGreaterThan(most, 0, "the other program committed while the reports were read")
    }

    /// A period holding most of the record finds the contacts received outside it with a stage
    /// in it from those few contacts, not from its many events; both ways find the same ones, in
    /// the same order, with received values another program wrote (empty, a number).
    func testContactsOutsideALongPeriodAreFoundFromEitherSide() throws {
        try skipOnPostgres("writes rows of its own choosing straight into the SQLite file")
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let today = day("2023-03-15")
        var outside: [Int64] = []
        for received in ["2015-05-01", "2015-06-01", "2015-06-01", "2023-01-01"] {
            let c = try store.add(sampleComplaint(received: received), today: today)
            outside.append(c.id!)
        }
        for k in 0..<30 { try store.add(sampleComplaint(received: "2016-\(String(format: "%02d", k % 12 + 1))-10"), today: today) }
        // Stages requested in the period for every contact, in it or not, and one the day after it.
        try rawExecute(store.path, """
            UPDATE contacts SET received = '' WHERE id = \(outside[1]);
            UPDATE contacts SET received = 20150601 WHERE id = \(outside[2]);
            UPDATE contacts SET received = '2031-02-01' WHERE id = \(outside[3]);
            INSERT INTO events (contact_id, kind, date, stage, reason) SELECT id, 'next_stage_requested', '2021-05-01', 2, '' FROM contacts;
            INSERT INTO events (contact_id, kind, date, stage, reason) VALUES (\(outside[0]), 'ombudsman_referred', '2031-01-01', 3, '');
            """)
        let long = Period(from: day("2016-01-01"), to: day("2030-12-31"))
        let short = Period(from: day("2021-04-01"), to: day("2021-06-30"))
        XCTAssertEqual(try store.query { try Store.reportLaterRead($0, long) }.sql, Store.reportLaterOutsideSQL)
        XCTAssertEqual(try store.query { try Store.reportLaterRead($0, short) }.sql, Store.reportLaterSQL)
        for period in [long, short] {
            let reference = try store.contacts(relevantTo: period, freeText: false).map(\.id)
            XCTAssertEqual(try store.reportInput(for: period, today: today, pieceSize: 4).contacts.map(\.id), reference, period.label)
            var single: [Int64?] = []
            try store.reportPieces(relevantTo: period, size: 4, parallel: false) { single += $0.contacts.map(\.id) }
            XCTAssertEqual(single, reference, period.label)
        }
        // The two outside the long period with a day received, each once, in order; the two
        // without one are rows no report can read, left out both ways (as the reference does).
        let found = try store.reportInput(for: long, today: today).contacts.map(\.id)
        XCTAssertEqual(found.filter { outside.contains($0!) }, [outside[0], outside[3]])
        XCTAssertEqual(try store.query { conn in try conn.ints(Store.reportLaterOutsideSQL, Store.reportLaterRead(conn, long).arguments) },
                       [outside[1], outside[0], outside[2], outside[3]], "the read itself finds all four, in the order SQLite gives texts")
        // Without the index on the events' contact (another program dropped it), each contact
        // asked would walk the period's events: the events' way is taken, and finds the same.
        let before = try store.reportInput(for: long, today: today).contacts.map(\.id)
        try rawExecute(store.path, "DROP INDEX events_contact")
        let reopened = try Store(path: store.path)
        XCTAssertEqual(try reopened.query { try Store.reportLaterRead($0, long) }.sql, Store.reportLaterSQL)
        XCTAssertEqual(try reopened.reportInput(for: long, today: today).contacts.map(\.id), before)
    }

    func testOnAServerTheFewEventsOfAPeriodFindTheirContactsByKey() throws {
        try XCTSkipUnless(TestDatabase.isPostgres, "the server's own way (a file probes both sides, above)")
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let today = day("2023-03-15")
        var ids: [Int64] = []
        for received in ["2015-05-01", "2021-05-02", "2016-06-01", "2022-12-01", "2021-06-01", "2015-05-01"] {
            ids.append(try store.add(sampleComplaint(received: received), today: today).id!)
        }
        // A stage requested in the period for four (two received before it, one after, one in
        // it), twice for one of them; one a day after the period; a kind no report counts.
        try rawExecute(store.path, """
            INSERT INTO events (contact_id, kind, date, stage, reason) VALUES
              (\(ids[0]), 'next_stage_requested', '2021-05-01', 2, ''), (\(ids[0]), 'remedy', '2021-06-01', 2, ''),
              (\(ids[2]), 'ombudsman_referred', '2021-06-30', 3, ''), (\(ids[3]), 'next_stage_requested', '2021-04-01', 2, ''),
              (\(ids[1]), 'next_stage_requested', '2021-05-03', 2, ''), (\(ids[5]), 'next_stage_requested', '2021-07-01', 2, ''),
              (\(ids[5]), 'stage_closed', '2021-05-01', 1, '')
            """)
        let period = Period(from: day("2021-04-01"), to: day("2021-06-30"))
        let read = try store.query { try Store.reportLaterRead($0, period) }
        XCTAssertEqual(read.sql, Store.reportLaterServerSQL)
        let byKey = try store.query { try $0.ints(read.sql, read.arguments) }
        XCTAssertEqual(byKey, [ids[0], ids[2], ids[3]], "received outside the period, in (received, id) order, each once")
        XCTAssertEqual(try store.query { try $0.ints(Store.reportLaterSQL, read.arguments) }, byKey, "the planner's way finds the same")
        let reference = try store.contacts(relevantTo: period, freeText: false).map(\.id)
        XCTAssertEqual(try store.reportInput(for: period, today: today, pieceSize: 2).contacts.map(\.id), reference)
        // Events enough that looking each up would cost more: the server plans the join itself.
        try rawExecute(store.path, """
            INSERT INTO events (contact_id, kind, date, stage, reason)
            SELECT \(ids[4]), 'next_stage_requested', '2021-05-10', 2, '' FROM generate_series(1, \(Store.reportLaterProbe))
            """)
        let many = try store.query { try Store.reportLaterRead($0, period) }
        XCTAssertEqual(many.sql, Store.reportLaterSQL)
        XCTAssertEqual(try store.query { try $0.ints(many.sql, many.arguments) }, byKey)
        XCTAssertEqual(try store.reportInput(for: period, today: today, pieceSize: 2).contacts.map(\.id), reference)
    }

    func testOnAServerThePiecesStartsAreWalkedInOneStatementAsStepByStep() throws {
        try XCTSkipUnless(TestDatabase.isPostgres, "the server's one statement (a file walks step by step)")
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let today = day("2023-03-15")
        // Days shared by several contacts (a start may fall inside a day), one before the period
        // and one after it.
        for (k, received) in ["2021-03-31", "2021-04-01", "2021-04-01", "2021-04-01", "2021-04-02", "2021-05-01", "2021-05-01",
                              "2021-05-01", "2021-05-01", "2021-06-03", "2021-06-30", "2021-06-30", "2021-07-01"].enumerated() {
            var c = sampleComplaint(received: received)
            c.summary = "case \(k)"
            try store.add(c, today: today)
        }
        let period = Period(from: day("2021-04-01"), to: day("2021-06-30"))
        let from = Bound.text(period.from.iso), to = Bound.text(period.to.iso)
        for size in [1, 2, 3, 5, 11, 12, 50] {
            let (walked, together) = try store.query { conn -> ([String], [String]) in
                var walked: [(String, Int64)] = []
                while true {
                    var next: (String, Int64)?
                    let arguments: [Bound] = walked.last.map { [.text($0.0), to, .text($0.0), .int($0.1), .int(Int64(size))] }
                        ?? [from, to, .int(Int64(size))]
                    try conn.each(walked.isEmpty ? Store.reportPlanFirstSQL : Store.reportPlanNextSQL, arguments) { next = ($0.text(0), $0.int64(1)) }
                    guard let next else { break }
                    walked.append(next)
                }
                var together: [String] = []
                try conn.each(Store.reportPlanServerSQL, [from, to, .int(Int64(size)), to, .int(Int64(size))]) { together.append("\($0.text(0)) \($0.int64(1))") }
                return (walked.map { "\($0.0) \($0.1)" }, together)
            }
            XCTAssertEqual(together, walked, "pieces of \(size)")
            XCTAssertEqual(walked.count, (11 - 1) / size, "pieces of \(size): a start every \(size) of the period's 11")
            XCTAssertEqual(try store.reportInput(for: period, today: today, pieceSize: size).contacts.map(\.id),
                           try store.contacts(relevantTo: period, freeText: false).map(\.id), "pieces of \(size)")
        }
    }

    func testIssueOrderHoldsWhenThePeriodsContactsAreFarApartInIds() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let today = day("2022-03-15")
        // An old complaint escalated this year, sixty others between it and this year's one:
        // the load takes the contacts by a list of ids, not a range.
        let old = try store.add(sampleComplaint(received: "2019-05-01", categories: ["placement", "financial", "other"]), today: today)
        for _ in 0..<60 { try store.add(sampleComplaint(received: "2019-06-01"), today: today) }
        try store.add(sampleComplaint(received: "2021-06-01", categories: ["delay or timeliness"]), today: today)
        var o = try store.contact(id: old.id!)
        try store.record(.responded(day("2019-05-10"), stage: 1, outcome: .notUpheld), on: o.id!, version: o.version, today: today)
        o = try store.contact(id: old.id!)
        try store.record(.nextStageRequested(day("2021-05-01"), stage: 2, lateReason: "the family moved away"), on: o.id!, version: o.version, today: today)
        try rawExecute(store.path, "UPDATE issues SET position = CASE category WHEN 'other' THEN 0 WHEN 'placement' THEN 1 ELSE 2 END WHERE contact_id = \(old.id!)")
        let contacts = try store.reportInput(for: Period.financialYear(starting: 2021), today: today).contacts
        XCTAssertEqual(contacts.map(\.received), [day("2019-05-01"), day("2021-06-01")])
        XCTAssertEqual(contacts[0].issues.map(\.category), ["other", "placement", "financial"])
        XCTAssertEqual(contacts[1].issues.map(\.category), ["delay or timeliness"])
        XCTAssertEqual(contacts[0].events.map(\.kind), [.responded, .nextStageRequested])
    }

    func testEmptyTextIsStoredEmptyNotNull() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let today = day("2022-03-15")
        var c = sampleComplaint()
        c.team = ""; c.advocate = ""; c.summary = ""
        let saved = try store.add(c, today: today)
        let nulls = try rawInt(store.path, "SELECT count(*) FROM contacts WHERE id = \(saved.id!) AND (team IS NULL OR advocate IS NULL OR summary IS NULL)")
        XCTAssertEqual(nulls, 0)
    }

    /// The report's own read of the actions keeps every action the full read keeps, each with
    /// what the figures read, and leaves out the same unreadable rows another tool wrote.
    func testTheReportsActionsAreTheFullReadsWithWhatTheFiguresRead() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir, name: "demo.sqlite")
        let today = day("2022-03-15")
        try store.writeDemo(today: today)
        // Rows another tool wrote: a date that is not one, a number for a date, a status and a
        // due date no one knows.
        let first = try XCTUnwrap(try store.actions(today: today).first?.id)
        try rawExecute(store.path, "UPDATE actions SET status = 'frozen', due = 'soon' WHERE id = \(first)")
        try rawExecute(store.path, "UPDATE actions SET created = 20210701 WHERE id = \(first + 1)")
        try rawExecute(store.path, "UPDATE actions SET created = '2021-13-45' WHERE id = \(first + 2)")
        var compared = 0
        for year in 2018...2022 {
            let period = Period.financialYear(starting: year)
            let full = try store.actions(createdIn: period, today: today)
            let lean = try store.reportActions(createdIn: period)
            XCTAssertEqual(lean.map(\.id), full.map(\.id), "\(year)")
            for (a, b) in zip(full, lean) {
                XCTAssertEqual(b.serviceArea, a.serviceArea)
                XCTAssertEqual(b.created, a.created)
                XCTAssertEqual(b.due, a.due)
                XCTAssertEqual(b.status, a.status)
                XCTAssertEqual(b.isOverdue(today: today), a.isOverdue(today: today))
                XCTAssertTrue(b.title.isEmpty && b.notes.isEmpty && b.source == nil)
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 10, "the demo has actions to compare")
    }
}
