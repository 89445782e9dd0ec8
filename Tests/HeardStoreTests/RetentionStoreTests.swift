import Foundation
import GRDB
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// Disposal on a real file: the figures stay, the personal data leaves the file (the database,
/// its log, a backup, the audit values, the search index), held cases survive.
final class RetentionStoreTests: XCTestCase {
    /// A day years after the demo's, when every case it closed is due.
    let later = day("2030-01-01")

    func report(_ store: Store, _ period: Period, publicVersion: Bool) throws -> String {
        let options = ReportOptions(period: period, today: fixedToday, rules: store.rules, calendar: try store.calendar(), reference: store.reference)
        var r = AnnualReport.build(try store.reportInput(for: options.loadRange, today: fixedToday), options)
        if publicVersion { r = r.publicVersion(threshold: store.rules.suppressUpTo) }
        return ReportRenderer.json(r)
    }

    func testDisposalKeepsEveryReportFigureAndLeavesNoDisposedNameInTheFileItsLogOrABackup() throws {
        let dir = TemporaryDirectory("heard-dispose")
        let store = try makeStore(in: dir)
        try store.writeDemo(today: fixedToday)
        let periods = [Period.financialYear(starting: 2020), Period.financialYear(starting: 2021), Period.financialYear(starting: 2022)]
        let before = try periods.flatMap { p in [try report(store, p, publicVersion: false), try report(store, p, publicVersion: true)] }

        let due = try store.retentionDue(asOf: later).due
        XCTAssertGreaterThan(due.count, 500, "the demo's closed cases of 2020-21 and 2021-22")
        let disposedIDs = Set(due.map(\.contactID))
        let names = try disposedNamesFoundNowhereElse(store.path, disposed: disposedIDs)
        XCTAssertGreaterThan(names.count, 50)

        let result = try store.dispose(contactIDs: due.map(\.contactID), reason: "retention period ended", today: later)
        XCTAssertEqual(result.anonymised, due.count)
        XCTAssertTrue(result.logEmptied)

        let after = try periods.flatMap { p in [try report(store, p, publicVersion: false), try report(store, p, publicVersion: true)] }
        for (a, b) in zip(before, after) { XCTAssertEqual(a, b) }
        XCTAssertTrue(try store.retentionDue(asOf: later).due.isEmpty, "nothing is due twice")

        if TestDatabase.isPostgres {
            // No file to scan (nor a backup: that is pg_dump's): every row of every table, the
            // access log and the search index included, as text.
            let text = Data(try tableRows(store.path, except: []).values.flatMap { $0 }.joined(separator: "\n").utf8)
            XCTAssertGreaterThan(text.count, 100_000)
            XCTAssertEqual(found(names, in: text).sorted(), [], "still in a table")
            XCTAssertFalse(found(["Care Leavers"], in: text).isEmpty, "the scan itself finds what is there")
        } else {
            try store.backup(to: dir.file("backup.sqlite"))
            let files = [dir.file("heard.sqlite"), dir.file("heard.sqlite-wal"), dir.file("backup.sqlite")]
            let scanned = files.map(bytes(of:))
            XCTAssertGreaterThan(scanned[0].count, 100_000)
            XCTAssertGreaterThan(scanned[2].count, 100_000)
            for (file, data) in zip(files, scanned) {
                XCTAssertEqual(found(names, in: data).sorted(), [], "still in \(file)")
            }
            // The scan itself finds what is there.
            XCTAssertFalse(found(["Heard", "CREATE TABLE"], in: scanned[0]).isEmpty)
        }
        // The search index forgets them too.
        for name in names.prefix(50) {
            XCTAssertTrue(Set(try store.indexSearch(name)).isDisjoint(with: disposedIDs), "the index still finds \(name)")
        }
        XCTAssertEqual(try store.check(today: later), [])
    }

    func testTheAuditTrailKeepsWhoWhenAndWhichFieldButNotThePersonalValues() throws {
        let dir = TemporaryDirectory("heard-dispose-audit")
        let store = try makeStore(in: dir)
        var c = try store.add(sampleComplaint(received: "2015-01-05", name: "Quentin Blakeley-Oddie"), today: day("2015-01-05"))
        let id = try XCTUnwrap(c.id)
        var edited = c
        edited.complainantName = "Quentin Oddie"
        edited.summary = "Oddie family placement"
        c = try store.update(edited, today: day("2015-01-06"))
        try store.addLogEntry(LogEntry(direction: .incoming, kind: .call, with: "Mrs Oddie", at: LogTime(date: day("2015-01-07")), note: "Oddie rang"), to: id)
        try store.recordLetter(LetterSent(template: "acknowledgement", stage: 1, sent: day("2015-01-07"), body: "Dear Mr Oddie"), on: id)
        try store.addDocument(named: "oddie-statement.txt", data: Data("Statement of Q Oddie".utf8), added: day("2015-01-07"), to: id)
        _ = try store.record(.withdrawn(day("2015-01-08"), reason: "Oddie withdrew"), on: id, version: try store.contact(id: id).version, today: day("2015-01-08"))
        let rowsBefore = try auditCount(store.path)

        let due = try store.retentionDue(asOf: day("2022-01-09")).due
        XCTAssertEqual(due.map(\.contactID), [id])
        _ = try store.dispose(contactIDs: [id], reason: "retention period ended", today: day("2022-01-09"))

        let trail = try store.caseHistory(contactID: id, reference: c.reference)
        XCTAssertEqual(trail.count, rowsBefore + 1, "no row deleted; one anonymise row added")
        let values = trail.flatMap { $0.changes.flatMap { [$0.before, $0.after].compactMap { $0 } } }
        XCTAssertFalse(values.isEmpty)
        XCTAssertFalse(values.contains { $0.contains("Oddie") }, "\(values.filter { $0.contains("Oddie") })")
        XCTAssertTrue(trail.contains { $0.changes.contains { $0.field == "complainant_name" && $0.after == Anonymisation.placeholder } })
        XCTAssertTrue(trail.contains { $0.changes.contains { $0.field == "service_area" && $0.after == "Care Leavers" } }, "statistical values stay")
        let last = try XCTUnwrap(trail.last)
        XCTAssertEqual(last.action, Store.anonymiseAction)
        XCTAssertEqual(last.changes.first { $0.field == "reason" }?.after, "retention period ended")
        if !TestDatabase.isPostgres {
            XCTAssertFalse(contains(bytes(of: dir.file("heard.sqlite")) + bytes(of: dir.file("heard.sqlite-wal")), "Oddie"))
        }

        let corr = try store.correspondence(contactID: id)
        XCTAssertEqual(corr.log.count, 1, "the report counts contact log entries: the line stays, without who or what")
        XCTAssertEqual(corr.log.first?.with, Anonymisation.placeholder)
        XCTAssertEqual(corr.log.first?.note, Anonymisation.placeholder)
        XCTAssertEqual(corr.letters.map(\.body), [Anonymisation.placeholder])
        XCTAssertEqual(corr.documents.count, 0)
        XCTAssertEqual(try store.documentCount(), 0)
        let p = try store.protection(contactID: id)
        XCTAssertTrue(p.isAnonymised)
        XCTAssertEqual(p.anonymisedOn, day("2022-01-09"))

        // The trail still refuses any other change.
        XCTAssertThrowsError(try rawExecute(store.path, "UPDATE audit SET changes = '{}'"))
        XCTAssertThrowsError(try rawExecute(store.path, "UPDATE audit SET who = 'x'"))
    }

    func testAHeldCaseIsNeverDisposedOfAndTheHoldIsAudited() throws {
        let dir = TemporaryDirectory("heard-hold")
        let store = try makeStore(in: dir)
        let a = try store.add(sampleComplaint(received: "2015-01-05", name: "Held Person"), today: day("2015-01-05"))
        let b = try store.add(sampleComplaint(received: "2015-01-05", name: "Free Person"), today: day("2015-01-05"))
        for c in [a, b] {
            let id = try XCTUnwrap(c.id)
            _ = try store.record(.withdrawn(day("2015-01-08"), reason: "no longer needed"), on: id, version: try store.contact(id: id).version, today: day("2015-01-08"))
        }
        let heldID = try XCTUnwrap(a.id)
        XCTAssertEqual(storeError { try store.hold(contactID: heldID, reason: "  ", today: fixedToday) }, .refused("A legal hold needs a reason (--reason)."))
        XCTAssertEqual(storeError { try store.hold(contactID: heldID, reason: "x", lift: true, today: fixedToday) }, .refused("\(a.reference) is not on legal hold."))
        try store.hold(contactID: heldID, reason: "Public inquiry", today: fixedToday)

        let list = try store.retentionDue(asOf: later)
        XCTAssertEqual(list.due.map(\.contactID), [try XCTUnwrap(b.id)])
        XCTAssertEqual(list.held.map(\.contactID), [heldID])
        XCTAssertEqual(list.held.first?.holdReason, "Public inquiry")
        XCTAssertEqual(try store.cases(today: fixedToday).filter(\.legalHold).map(\.id), [heldID])

        // Named explicitly, it is still refused, and nothing of the step is written.
        XCTAssertEqual(storeError { try store.dispose(contactIDs: list.due.map(\.contactID) + [heldID], reason: "r", today: later) },
                       .refused("\(a.reference) is on legal hold: it cannot be disposed of or anonymised until the hold is lifted."))
        XCTAssertEqual(try store.contact(id: try XCTUnwrap(b.id)).complainantName, "Free Person")

        _ = try store.dispose(contactIDs: list.due.map(\.contactID), reason: "r", today: later)
        XCTAssertEqual(try store.contact(id: heldID).complainantName, "Held Person")
        XCTAssertEqual(try store.protection(contactID: heldID), CaseProtection(holdReason: "Public inquiry", holdOn: fixedToday))
        let holdRow = try XCTUnwrap(try store.caseHistory(contactID: heldID, reference: a.reference).last)
        XCTAssertEqual(holdRow.action, Store.holdAction)
        XCTAssertEqual(holdRow.changes.first { $0.field == "legal_hold_reason" }?.after, "Public inquiry")

        try store.hold(contactID: heldID, reason: "Inquiry closed", lift: true, today: later)
        XCTAssertEqual(try store.protection(contactID: heldID), CaseProtection())
        XCTAssertEqual(try store.retentionDue(asOf: later).due.map(\.contactID), [heldID])
    }

    func testDisposalCannotBeUndone() throws {
        let dir = TemporaryDirectory("heard-dispose-undo")
        let store = try makeStore(in: dir)
        let c = try store.add(sampleComplaint(received: "2015-01-05", name: "Undo Person"), today: day("2015-01-05"))
        let id = try XCTUnwrap(c.id)
        _ = try store.record(.withdrawn(day("2015-01-08"), reason: "no longer needed"), on: id, version: try store.contact(id: id).version, today: day("2015-01-08"))
        _ = try store.anonymise(contactID: id, reason: "erasure request", today: fixedToday)
        XCTAssertEqual(try store.undoableCount(), 0)
        guard case .refused(let why)? = storeError({ try store.undoLast(today: fixedToday) }) else { return XCTFail("undo was not refused") }
        XCTAssertTrue(why.contains("cannot be undone"), why)
        XCTAssertEqual(try store.contact(id: id).complainantName, Anonymisation.placeholder)
        XCTAssertEqual(storeError { try store.anonymise(contactID: id, reason: "again", today: fixedToday) }, .refused("\(c.reference) is already anonymised."))
        XCTAssertEqual(storeError { try store.hold(contactID: id, reason: "too late", today: fixedToday) },
                       .refused("\(c.reference) is anonymised: there is nothing left to hold."))
    }

    /// A case that has not ended is a live complaint: anonymising it would destroy the record
    /// the team still has to answer, so the store refuses it (the app and the CLI alike).
    func testACaseThatHasNotEndedIsNotAnonymised() throws {
        let dir = TemporaryDirectory("heard-anonymise-open")
        let store = try makeStore(in: dir)
        let c = try store.add(sampleComplaint(received: "2026-11-02", name: "Live Person"), today: day("2026-11-02"))
        let id = try XCTUnwrap(c.id)
        let today = day("2026-11-30")
        let due = try XCTUnwrap(try store.contact(id: id).clock(rules: store.rules, calendar: store.calendar(), today: today).due)
        XCTAssertEqual(storeError { try store.anonymise(contactID: id, reason: "erasure request", today: today) },
                       .refused("\(c.reference) is still open (stage 1, due \(due.iso)); anonymise it once it has ended."))
        XCTAssertEqual(try store.contact(id: id).complainantName, "Live Person")
        XCTAssertFalse(try store.protection(contactID: id).isAnonymised)
        // Once it has ended, it may be.
        _ = try store.record(.withdrawn(day("2026-11-30"), reason: "no longer needed"), on: id, version: try store.contact(id: id).version, today: today)
        _ = try store.anonymise(contactID: id, reason: "erasure request", today: today)
        XCTAssertEqual(try store.contact(id: id).complainantName, Anonymisation.placeholder)
    }

    func testRetentionSettings() {
        let config = HeardConfiguration.parse("""
            [retention]
            years = 7
            [retention.kinds]
            compliment = 2
            complaint = 0
            gossip = 3
            """, file: "config.toml")
        XCTAssertEqual(config.retention, RetentionRules(years: 7, byKind: [.compliment: 2]))
        XCTAssertEqual(config.warnings.count, 2, "\(config.warnings)")
        XCTAssertTrue(config.warnings.contains { $0.contains("retention.kinds.complaint") })
        XCTAssertTrue(config.warnings.contains { $0.contains("retention.kinds.gossip") && $0.contains("not a kind of contact") })
    }

    // MARK: - Fixtures

    /// Whether `needle`'s UTF-8 bytes occur in `data` (what `strings | grep` would find).
    func contains(_ data: Data, _ needle: String) -> Bool { !found([needle], in: data).isEmpty }

    /// Which of `needles` (each at least 4 bytes) occur in `data`, in one pass: a needle is
    /// looked for only where the 4 bytes it begins with occur.
    func found(_ needles: [String], in data: Data) -> Set<String> {
        var byHead: [UInt32: [[UInt8]]] = [:]
        func head(_ b: UnsafeRawBufferPointer, _ i: Int) -> UInt32 {
            UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
        }
        for n in needles {
            let u = Array(n.utf8)
            precondition(u.count >= 4, "a test needle is at least 4 bytes")
            let h = u.withUnsafeBytes { head($0, 0) }
            byHead[h, default: []].append(u)
        }
        var out = Set<String>()
        data.withUnsafeBytes { b in
            guard b.count >= 4 else { return }
            for i in 0...(b.count - 4) {
                guard let candidates = byHead[head(b, i)] else { continue }
                for c in candidates where i + c.count <= b.count {
                    if (0..<c.count).allSatisfy({ b[i + $0] == c[$0] }) { out.insert(String(decoding: c, as: UTF8.self)) }
                }
            }
        }
        return out
    }

    /// The complainant and child names of the cases to be disposed of that appear nowhere in
    /// the text the file keeps of any other case (the demo repeats names across cases).
    func disposedNamesFoundNowhereElse(_ path: String, disposed: Set<Int64>) throws -> [String] {
        var names = Set<String>()
        var kept = ""
        let ids = disposed.map(String.init).joined(separator: ",")
        for r in try rawRows(path, "SELECT id, complainant_name, subject_child, summary, advocate, acceptance_decision FROM contacts") {
            guard let id = r[0].flatMap({ Int64($0) }) else { continue }
            let texts = (1...5).compactMap { r[$0] }
            if disposed.contains(id) { names.formUnion([texts[0], texts[1]].filter { $0.count > 5 }) } else { kept += texts.joined(separator: "\n") + "\n" }
        }
        for sql in ["SELECT with_whom || note FROM contact_log WHERE contact_id NOT IN (\(ids))",
                    "SELECT body FROM letters WHERE contact_id NOT IN (\(ids))",
                    "SELECT investigating_officer || independent_person || panel_member_1 || panel_member_2 || panel_member_3 FROM stage_people WHERE contact_id NOT IN (\(ids))",
                    "SELECT text FROM learning_points", "SELECT title || detail || owner FROM actions", "SELECT text FROM action_notes",
                    "SELECT detail || finding1_text || finding2_text || finding3_text FROM issues WHERE contact_id NOT IN (\(ids))",
                    "SELECT reason FROM events WHERE contact_id NOT IN (\(ids))"] {
            kept += try rawTexts(path, sql).compactMap { $0 }.joined(separator: "\n")
        }
        return names.filter { !kept.contains($0) }.sorted()
    }
}
