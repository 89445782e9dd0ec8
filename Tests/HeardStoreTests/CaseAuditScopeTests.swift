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
                \(olderEvent(901, reference: handed, reason: "Alice said the old thing"))
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
                \(olderEvent(902, reference: handed, reason: "Bob said the old thing"))
                """)
        }
        return HandedOver(store: store, aID: aID, bID: bID, handed: handed, aNow: "CS-2022-0999")
    }

    /// SQL for an event row as an earlier Heard wrote it: the case named by its reference alone.
    func olderEvent(_ id: Int, reference: String, reason: String) -> String {
        """
        INSERT INTO audit (at, who, session, entity, entity_id, reference, action, changes, batch)
        VALUES ('2022-06-15T12:00:00Z', 'Old Heard', 'old', 'event', \(id), '\(reference)', 'create', '{"reason":[null,"\(reason)"]}', 'old-\(id)')
        """
    }

    /// SQL for a case another tool inserts (no audit row of its own), its fields copied from the
    /// case `like` picks; with `id`, under that id.
    func foreignCase(id: Int64? = nil, reference: String, name: String, like: String) -> String {
        """
        INSERT INTO contacts (\(id == nil ? "" : "id, ")reference, kind, received, service_area, team, complainant_name, status, stage, version)
        SELECT \(id.map { "\($0), " } ?? "")'\(reference)', kind, received, service_area, team, '\(name)', status, stage, 1 FROM contacts WHERE \(like)
        """
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
            \(foreignCase(reference: "CS-FOREIGN-1", name: "Dan Doe", like: "id = \(id)"))
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

    /// A case deleted by undo ("new case" undone) does not give its id to the next case made: the
    /// deleted case's rows, name and summary, went into the new case's history and bundle (an
    /// attack: SQLite gives one more than the highest id left in the table).
    func testANewCaseNeverTakesTheIdOfACaseUndone() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        _ = try store.add(sampleComplaint(received: "2022-01-10", name: "Ann Early"), today: fixedToday)
        let dora = try store.add(sampleComplaint(received: "2022-01-11", name: "Dora Dragonfly"), today: fixedToday)
        _ = try store.undoLast(today: fixedToday)
        XCTAssertNil(try rawInt(store.path, "SELECT id FROM contacts WHERE complainant_name = 'Dora Dragonfly'"))
        let eve = try store.add(sampleComplaint(received: "2022-01-12", name: "Eve Eel"), today: fixedToday)
        XCTAssertNotEqual(eve.id, dora.id)
        let history = words(try store.caseHistory(contactID: try XCTUnwrap(eve.id), reference: eve.reference))
        XCTAssertTrue(history.contains("Eve Eel") && !history.contains("Dora"), history)
        // An import after it, too.
        _ = try store.undoLast(today: fixedToday)
        let csv = ContactCSV.write([sampleComplaint(received: "2022-01-13", name: "Fay Finch")], rules: .default, calendar: WorkingDayCalendar(), today: fixedToday)
        _ = try store.importCSV(Array(csv.utf8), source: "one.csv", dryRun: false, today: fixedToday)
        let fay = try XCTUnwrap(try rawInt(store.path, "SELECT id FROM contacts WHERE complainant_name = 'Fay Finch'"))
        XCTAssertNotEqual(Int64(fay), dora.id)
        XCTAssertNotEqual(Int64(fay), eve.id)
    }

    /// A case another tool inserted, under a reference a case Heard knows held before it, does
    /// not take that case's older rows; and a case another tool inserted keeps the older rows
    /// under its reference once Heard writes a row of its own (an attack found both).
    func testACaseAnotherToolInsertedTakesOnlyTheRowsItsReferenceHadThen() throws {
        let dir = TemporaryDirectory()
        let h = try handOver(in: dir, legacy: true)
        // Alice held `handed` when her old row was written; a case inserted now under her new
        // reference has no row of its own, and must not take hers.
        try rawExecute(h.store.path, """
            UPDATE contacts SET reference = 'CS-2022-0777' WHERE id = \(h.aID);
            \(foreignCase(reference: "CS-2022-0999", name: "Dan Dolphin", like: "id = \(h.bID)"));
            \(olderEvent(903, reference: "CS-2022-0999", reason: "Alice later"))
            """)
        let dan = Int64(try XCTUnwrap(try rawInt(h.store.path, "SELECT id FROM contacts WHERE complainant_name = 'Dan Dolphin'")))
        let danHistory = words(try h.store.caseHistory(contactID: dan, reference: "CS-2022-0999"))
        XCTAssertFalse(danHistory.contains("Alice"), danHistory)
        XCTAssertTrue(words(try h.store.caseHistory(contactID: h.aID, reference: "CS-2022-0777")).contains("Alice later"))

        // A case inserted by another tool, an old row under its reference, then a row of its own.
        try rawExecute(h.store.path, """
            \(foreignCase(reference: "EXT-1", name: "Fay Foreign", like: "id = \(h.bID)"));
            \(olderEvent(904, reference: "EXT-1", reason: "Fay rang"))
            """)
        let ext = Int64(try XCTUnwrap(try rawInt(h.store.path, "SELECT id FROM contacts WHERE reference = 'EXT-1'")))
        XCTAssertTrue(words(try h.store.caseHistory(contactID: ext, reference: "EXT-1")).contains("Fay rang"))
        var e = try h.store.contact(id: ext)
        e.summary = "Edited in Heard"
        try h.store.update(e, today: fixedToday)
        XCTAssertTrue(words(try h.store.caseHistory(contactID: ext, reference: "EXT-1")).contains("Fay rang"), "still its own")
    }

    /// An older row goes to the case whose own rows before it held its reference, not to a case
    /// given the reference later in the same step.
    func testAnOlderRowIsPlacedByTheRowsBeforeItNotLaterOnesOfItsStep() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let a = try store.add(sampleComplaint(received: "2022-01-10", name: "Alice Arden"), today: fixedToday)
        let b = try store.add(sampleComplaint(received: "2022-01-11", name: "Bob Baker"), today: fixedToday)
        let aID = try XCTUnwrap(a.id), bID = try XCTUnwrap(b.id)
        try rawExecute(store.path, """
            INSERT INTO audit (at, who, session, entity, entity_id, reference, action, changes, batch)
            VALUES ('2022-06-15T12:00:00Z', 'Old Heard', 'old', 'issue', 905, '\(b.reference)', 'update', '{"finding1_text":[null,"Bob was right"]}', 'G1');
            INSERT INTO audit (at, who, session, entity, entity_id, reference, action, changes, batch)
            VALUES ('2022-06-15T12:00:00Z', 'Old Heard', 'old', 'contact', \(bID), 'CS-2022-0050', 'update', '{"reference":["\(b.reference)","CS-2022-0050"]}', 'G1');
            INSERT INTO audit (at, who, session, entity, entity_id, reference, action, changes, batch)
            VALUES ('2022-06-15T12:00:00Z', 'Old Heard', 'old', 'contact', \(aID), '\(b.reference)', 'update', '{"reference":["\(a.reference)","\(b.reference)"]}', 'G1');
            UPDATE contacts SET reference = 'CS-2022-0050' WHERE id = \(bID);
            UPDATE contacts SET reference = '\(b.reference)' WHERE id = \(aID);
            """)
        XCTAssertFalse(words(try store.caseHistory(contactID: aID, reference: b.reference)).contains("Bob was right"))
        XCTAssertTrue(words(try store.caseHistory(contactID: bID, reference: "CS-2022-0050")).contains("Bob was right"))
    }

    /// The next id skips every id a case had, whatever another tool wrote beside them: a text in
    /// `entity_id` (it sorts after every number in SQLite) does not hide them, and at the largest
    /// id there is the new case is refused with a message, nothing changed.
    func testTheNextIdIsPastEveryNumberAndRefusedAtTheLast() throws {
        try skipOnPostgres("SQLite's ids and its untyped columns")
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        try rawExecute(store.path, """
            INSERT INTO audit (at, who, session, entity, entity_id, reference, action, changes) VALUES ('2022-06-15T10:00:00Z', 'x', 'x', 'contact', 50, 'CS-2022-0050', 'create', '{}');
            INSERT INTO audit (at, who, session, entity, entity_id, reference, action, changes) VALUES ('2022-06-15T10:00:00Z', 'x', 'x', 'contact', 'text', 'CS-2022-0051', 'create', '{}');
            """)
        let c = try store.add(sampleComplaint(received: "2022-01-10", name: "Gil Grant"), today: fixedToday)
        XCTAssertEqual(c.id, 51)
        // One id left: an import of two is refused whole (it would have trapped on the second).
        try rawExecute(store.path, """
            \(foreignCase(id: 9223372036854775806, reference: "CS-NEARMAX", name: "Near", like: "id = 51"))
            """)
        let two = ContactCSV.write([sampleComplaint(received: "2022-01-13", name: "Ivy Ives"), sampleComplaint(received: "2022-01-14", name: "Jo Jones")],
                                   rules: .default, calendar: WorkingDayCalendar(), today: fixedToday)
        guard case .refused(let full)? = storeError({ try store.importCSV(Array(two.utf8), source: "two.csv", dryRun: false, today: fixedToday) }) else {
            return XCTFail("the import was not refused")
        }
        XCTAssertTrue(full.contains("No case id is left"), full)
        XCTAssertEqual(try rawInt(store.path, "SELECT count(*) FROM contacts"), 2)
        try rawExecute(store.path, """
            \(foreignCase(id: 9223372036854775807, reference: "CS-MAX", name: "Max", like: "id = 51"))
            """)
        let before = try rawInt(store.path, "SELECT count(*) FROM audit")
        guard case .refused(let why)? = storeError({ try store.add(sampleComplaint(received: "2022-01-11", name: "Hal Hart"), today: fixedToday) }) else {
            return XCTFail("not refused")
        }
        XCTAssertTrue(why.contains("No case id is left"), why)
        XCTAssertEqual(try rawInt(store.path, "SELECT count(*) FROM audit"), before)
        XCTAssertEqual(try rawInt(store.path, "SELECT count(*) FROM contacts"), 3)
    }

    /// A case undone, then a case another tool inserts under its id (SQLite gives one more than
    /// the highest left): the deleted case's rows are not the new one's; and a case deleted by
    /// undo no longer holds its reference, so older rows under it written later go to the case
    /// another tool gave it to (an attack found both).
    func testADeletedCasesRowsAndReferenceAreNotTheNextHolders() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        _ = try store.add(sampleComplaint(received: "2022-01-10", name: "Ann Early"), today: fixedToday)
        let dora = try store.add(sampleComplaint(received: "2022-01-11", name: "Dora Deleted"), today: fixedToday)
        let doraID = try XCTUnwrap(dora.id)
        _ = try store.undoLast(today: fixedToday)
        try rawExecute(store.path, """
            \(foreignCase(id: doraID, reference: dora.reference, name: "Tom Tool", like: "complainant_name = 'Ann Early'"));
            \(olderEvent(906, reference: dora.reference, reason: "Tom rang"))
            """)
        let tom = words(try store.caseHistory(contactID: doraID, reference: dora.reference))
        XCTAssertFalse(tom.contains("Dora"), tom)
        XCTAssertTrue(tom.contains("Tom rang"), tom)
        // Under another id: the deleted case's reference given to a case another tool inserted.
        let eve = try store.add(sampleComplaint(received: "2022-01-12", name: "Eve Gone"), today: fixedToday)
        _ = try store.undoLast(today: fixedToday)
        try rawExecute(store.path, """
            \(foreignCase(id: 999, reference: eve.reference, name: "Tina Tool", like: "complainant_name = 'Ann Early'"));
            \(olderEvent(908, reference: eve.reference, reason: "Tina rang"))
            """)
        let tina = words(try store.caseHistory(contactID: 999, reference: eve.reference))
        XCTAssertTrue(tina.contains("Tina rang"), tina)
        XCTAssertFalse(tina.contains("Eve"), tina)
    }

    /// Older rows under a reference are not taken by a case Heard made after them: it did not
    /// exist then (an attack: another tool's case, its rows, the case deleted outside Heard,
    /// then an import made a case with the same reference, which took them).
    func testACaseHeardMadeLaterDoesNotTakeOlderRowsUnderItsReference() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let ann = try store.add(sampleComplaint(received: "2022-01-10", name: "Ann Early"), today: fixedToday)
        try rawExecute(store.path, """
            \(olderEvent(907, reference: "CS-2022-0050", reason: "Gail private note"))
            """)
        var c = sampleComplaint(received: "2022-01-12", name: "Hugh New")
        c.reference = "CS-2022-0050"
        let hugh = try store.add(c, today: fixedToday)
        let history = words(try store.caseHistory(contactID: try XCTUnwrap(hugh.id), reference: "CS-2022-0050"))
        XCTAssertFalse(history.contains("Gail"), history)
        XCTAssertTrue(history.contains("Hugh New"), history)
        XCTAssertFalse(words(try store.caseHistory(contactID: try XCTUnwrap(ann.id), reference: ann.reference)).contains("Gail"))
    }

    /// A reference with a character that does not show would look like another case's and is
    /// not it: refused when a case is added with one or given one, changing nothing.
    func testAReferenceWithACharacterThatDoesNotShowIsRefused() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let a = try store.add(sampleComplaint(received: "2022-01-10"), today: fixedToday)
        var c = sampleComplaint(received: "2022-01-12")
        c.reference = a.reference + "\u{200B}"
        XCTAssertEqual(storeError { try store.add(c, today: fixedToday) }, .refused("reference: holds a character that does not show (U+200B ZERO WIDTH SPACE): type it again without it"))
        var edited = try store.contact(id: try XCTUnwrap(a.id))
        edited.reference = "CS-2022\u{2060}-0099"
        XCTAssertEqual(storeError { try store.update(edited, today: fixedToday) }, .refused("reference: holds a character that does not show (U+2060 WORD JOINER): type it again without it"))
        XCTAssertEqual(try store.contactCount(), 1)
        XCTAssertEqual(try store.contact(id: try XCTUnwrap(a.id)), a)
    }

    /// A character that shows but passes for another (a non-breaking hyphen, a Cyrillic letter,
    /// a full-width digit) is refused the same way, named by its code and Unicode name; a Latin
    /// letter with an accent is a letter of its own and is taken.
    func testAReferenceWithALookalikeCharacterIsRefused() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let a = try store.add(sampleComplaint(received: "2022-01-10"), today: fixedToday)
        for (reference, named) in [("CS\u{2011}2022\u{2011}0001", "U+2011 NON-BREAKING HYPHEN"),
                                   ("\u{0421}S-2022-0001", "U+0421 CYRILLIC CAPITAL LETTER ES"),
                                   ("CS-2022-000\u{FF11}", "U+FF11 FULLWIDTH DIGIT ONE"),
                                   ("CS-2022\u{00A0}0001", "U+00A0 NO-BREAK SPACE"),
                                   ("CS-2022-0001\u{0301}", "U+0301 COMBINING ACUTE ACCENT"),
                                   ("CS-2022-\u{0110}01", "U+0110 LATIN CAPITAL LETTER D WITH STROKE"),
                                   ("CS-2022-\u{0218}01", "U+0218 LATIN CAPITAL LETTER S WITH COMMA BELOW")] {
            var c = sampleComplaint(received: "2022-01-12")
            c.reference = reference
            XCTAssertEqual(storeError { try store.add(c, today: fixedToday) },
                           .refused("reference: holds a character that can pass for another (\(named)): type it again with a keyboard's letters, digits and punctuation"))
        }
        XCTAssertEqual(try store.contactCount(), 1)
        var welsh = sampleComplaint(received: "2022-01-12")
        welsh.reference = "GŴYN-2022-0002"
        XCTAssertEqual(try store.add(welsh, today: fixedToday).reference, "GŴYN-2022-0002")
    }
}
