import Foundation
import GRDB
import HeardCore
@testable import HeardStore
import HeardTestSupport
import Synchronization
import XCTest

/// Subject access on real files: the search over every table, the bundle's content, and the
/// request recorded, audited, shown in my work and completed.
final class SubjectAccessStoreTests: XCTestCase {
    func testTheSearchFindsTheComplainantAndTheSubjectChildWhateverTheirCaseAndAccents() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let refs = try SubjectAccessFixture.make(store, today: fixedToday)
        for asked in ["zoe o'neill", "ZOË ONEILL", "  O\u{2019}Neill   Zoe "] {
            let found = try store.subjectAccessSearch(PersonName(asked))
            XCTAssertEqual(found.map(\.contact.reference), [refs.complainant, refs.child], asked)
            XCTAssertEqual(found.first?.roles, "complainant")
            XCTAssertEqual(found.last?.roles, "subject child")
        }
        let a = try XCTUnwrap(store.subjectAccessSearch(PersonName("Zoe O'Neill")).first)
        XCTAssertTrue(a.hits.contains { $0.place == "letter 2022-01-12 (acknowledgement)" }, "the letter's text mentions her")
        XCTAssertTrue(try store.subjectAccessSearch(PersonName("Zoe Smith")).isEmpty)
        XCTAssertEqual(try store.subjectAccessSearch(PersonName("mary grey")).map(\.contact.reference), [refs.complainant, refs.other],
                       "a name in a summary is found as well as a complainant's")
        XCTAssertEqual(try store.subjectAccessSearch(PersonName("Pat Parent")).map(\.contact.reference), [refs.child],
                       "found through the contact log's with as well")
        XCTAssertTrue(try store.subjectAccessSearch(PersonName("!!!")).isEmpty)
    }

    /// An apostrophe typed as a space, or a space where the record has one: "Sarah O Connor"
    /// finds "Sarah O'Connor" and back, in a name field and in free text, through the name index
    /// (a search that missed either would answer a subject access request short). "Oconnell" is
    /// someone else.
    /// A search that finds many cases loads half of them on a second reader: the same cases as
    /// one reader finds, in the same order, each whole; and, while another program commits, of
    /// one state (each commit sets every case's team to the same new word: a search that read
    /// two states would show two).
    func testASearchOfManyCasesReadsOneStateOnTwoReaders() throws {
        try skipOnPostgres("another program's writes straight into the SQLite file")
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let today = day("2022-03-15")
        for i in 0..<130 {
            try store.add(sampleComplaint(received: "2021-\(String(format: "%02d", 4 + i % 9))-\(String(format: "%02d", 1 + i % 28))", name: "Zed Quill"), today: today)
            if i % 10 == 0 { try store.add(sampleComplaint(received: "2021-05-05", name: "Someone Else"), today: today) }
        }
        let found = try store.subjectAccessSearch(PersonName("Zed Quill"))
        XCTAssertEqual(found.count, 130)
        XCTAssertTrue(found.allSatisfy { $0.contact.complainantName == "Zed Quill" && !$0.hits.isEmpty })
        let order = found.map { ($0.contact.received.iso, $0.contact.reference) }
        XCTAssertTrue(zip(order, order.dropFirst()).allSatisfy { $0 < $1 }, "oldest received first")
        var rounds = Set<String>()
        try whileAnotherProgramCommits(to: store.path, most: 3_000, { db, n in
            try db.execute(sql: "UPDATE contacts SET team = ?", arguments: ["Round \(n)"])
        }) {
            for _ in 0..<30 {
                let again = try store.subjectAccessSearch(PersonName("Zed Quill"))
                XCTAssertEqual(again.count, 130)
                let teams = Set(again.map(\.contact.team))
                XCTAssertEqual(teams.count, 1, "a search read two states of the record: \(teams.sorted())")
                rounds.formUnion(teams)
            }
        }
        XCTAssertGreaterThan(rounds.count, 1, "the other program committed while the searches were read")
    }

    func testANameIsFoundWithItsApostropheWrittenAsASpaceAndBack() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        var a = sampleComplaint(received: "2022-01-10", name: "Sarah O'Connor")
        a.summary = "Complaint about the school run"
        let ca = try store.add(a, today: fixedToday)
        var b = sampleComplaint(received: "2022-02-10", name: "Pat Parent")
        b.summary = "Pat spoke to Sarah O Connor about the placement"
        let cb = try store.add(b, today: fixedToday)
        _ = try store.add(sampleComplaint(received: "2022-03-10", name: "Sarah Oconnell"), today: fixedToday)
        for asked in ["Sarah O'Connor", "sarah o connor", "SARAH O\u{2019}CONNOR"] {
            let found = try store.subjectAccessSearch(PersonName(asked))
            XCTAssertEqual(found.map(\.contact.reference), [ca.reference, cb.reference], asked)
            XCTAssertEqual(found.first?.hits.map(\.place), ["complainant"], asked)
            XCTAssertEqual(found.last?.hits.map(\.place), ["summary"], asked)
        }
        // Written without the apostrophe, the name matches the record's O'Connor only: where a
        // space would go is not known.
        XCTAssertEqual(try store.subjectAccessSearch(PersonName("Sarah OConnor")).map(\.contact.reference), [ca.reference])
    }

    /// A request signed "Mrs Sarah J O'Connor" finds the record's "Sarah O'Connor" (the title and
    /// the initial are in no field); the bundle said "we hold no records" (a trial).
    func testATitleAndAnInitialDoNotHideThePerson() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let ca = try store.add(sampleComplaint(received: "2022-01-10", name: "Sarah O'Connor"), today: fixedToday)
        var b = sampleComplaint(received: "2022-02-10", name: "Pat Parent")
        b.summary = "Spoke to Sarah O'Connor about the placement"
        let cb = try store.add(b, today: fixedToday)
        _ = try store.add(sampleComplaint(received: "2022-03-10", name: "Sarah Oconnell"), today: fixedToday)
        for asked in ["Mrs Sarah O'Connor", "Sarah J O'Connor", "Mrs Sarah J O'Connor"] {
            XCTAssertEqual(try store.subjectAccessSearch(PersonName(asked)).map(\.contact.reference), [ca.reference, cb.reference], asked)
        }
        XCTAssertEqual(try store.subjectAccessSearch(PersonName("Mr O'Connor")).map(\.contact.reference), [],
                       "not a surname alone: the name as asked for only")
    }

    /// A reference that changes hands does not bring the other case's history with it: case A's
    /// reference edited away and given to case B, B's history (and so B's subject access bundle)
    /// holds none of A's own rows, names and all; A keeps its own under its new reference. (A
    /// history taken by reference put another person's name into a bundle.)
    func testAReferenceGivenToAnotherCaseDoesNotBringItsHistory() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let a = try store.add(sampleComplaint(received: "2022-01-10", name: "Alice Arden"), today: fixedToday)
        let b = try store.add(sampleComplaint(received: "2022-01-11", name: "Bob Baker"), today: fixedToday)
        let aID = try XCTUnwrap(a.id), bID = try XCTUnwrap(b.id)
        try store.addLogEntry(LogEntry(direction: .incoming, kind: .call, with: "Alice Arden", at: LogTime(date: day("2022-01-12"), minutes: 600),
                                       note: "Alice rang"), to: aID)
        var ea = try store.contact(id: aID)
        let handed = ea.reference
        ea.reference = "CS-2022-0999"
        try store.update(ea, today: fixedToday)
        var eb = try store.contact(id: bID)
        eb.reference = handed
        try store.update(eb, today: fixedToday)
        func names(_ h: [AuditEntry]) -> String { h.flatMap(\.changes).map { ($0.before ?? "") + " " + ($0.after ?? "") }.joined(separator: " ") }
        let hb = try store.caseHistory(contactID: bID, reference: handed)
        XCTAssertFalse(names(hb).contains("Alice"), names(hb))
        XCTAssertTrue(names(hb).contains("Bob Baker"))
        let ha = try store.caseHistory(contactID: aID, reference: "CS-2022-0999")
        XCTAssertTrue(names(ha).contains("Alice Arden") && names(ha).contains("Alice rang"), names(ha))
        // Bob's bundle, found by his name, says nothing of Alice.
        let found = try store.subjectAccessSearch(PersonName("Bob Baker"))
        let request = SubjectAccessRequest(requested: fixedToday, who: "Test Officer", forWhom: "Bob Baker", due: SubjectAccess.due(requested: fixedToday),
                                           cases: found.map(\.contact.reference))
        XCTAssertFalse(try store.subjectAccessBundle(request: request, found: found, today: fixedToday).json().contains("Alice"))
    }

    /// Invisible characters inside a name (a soft hyphen or a zero-width space pasted from a word
    /// processor) are read as not there: the person is found (an attack: "we hold no records").
    /// A record whose name index took its words by the old rule, which split the word there, takes
    /// them again when upgraded (SQLite's v19, PostgreSQL's schema 15).
    func testInvisibleCharactersInANameDoNotHideThePerson() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        try store.add(sampleComplaint(received: "2022-01-10", name: "Mary O'Br\u{AD}ien Shy"), today: fixedToday)
        try store.add(sampleComplaint(received: "2022-01-11", name: "Mary O'Br\u{200B}ien Shy"), today: fixedToday)
        try store.add(sampleComplaint(received: "2022-01-12", name: "Mary Brien Shy"), today: fixedToday)
        // Read as shown ("Anne\u{200B}Marie" is AnneMarie on the screen); a mark that holds on to the
        // letter after it does not eat it.
        try store.add(sampleComplaint(received: "2022-01-13", name: "Anne\u{200B}Marie Zws"), today: fixedToday)
        try store.add(sampleComplaint(received: "2022-01-14", name: "Ar\u{6DD}ya Syria"), today: fixedToday)
        XCTAssertEqual(try store.subjectAccessSearch(PersonName("AnneMarie Zws")).count, 1)
        XCTAssertEqual(try store.subjectAccessSearch(PersonName("Arya Syria")).count, 1)
        let name = PersonName("Mary O'Brien Shy")
        XCTAssertEqual(try store.subjectAccessSearch(name).count, 2)
        XCTAssertEqual(try rawInt(store.path, "SELECT count(*) FROM name_words_stale"), 0, "the search took every case's words")
        // The words as the old rule took them, and the record as an older Heard left it.
        let old = "UPDATE name_words SET words = 'brien mary obr ien shy' WHERE words LIKE '%obrien%'; DELETE FROM name_words_stale;"
        if TestDatabase.isPostgres {
            try rawExecute(store.path, old + " UPDATE heard_schema SET version = 14;")
        } else {
            try rawExecute(store.path, old + " DELETE FROM grdb_migrations WHERE identifier = 'v19';")
        }
        XCTAssertEqual(try store.subjectAccessSearch(name).count, 0, "the old words hide her")
        try store.closeFile()
        let upgraded = try Store(path: store.path, options: StoreOptions(actor: "Test Officer"))
        XCTAssertEqual(try upgraded.subjectAccessSearch(name).count, 2)
    }

    func testTheBundleHoldsBothCasesTheirHistoryAndTheOtherNamesForReview() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let refs = try SubjectAccessFixture.make(store, today: fixedToday)
        let found = try store.subjectAccessSearch(PersonName("Zoe O'Neill"))
        let request = SubjectAccessRequest(requested: fixedToday, who: "Test Officer", forWhom: "Zoe O'Neill", due: SubjectAccess.due(requested: fixedToday),
                                           cases: found.map(\.contact.reference))
        let bundle = try store.subjectAccessBundle(request: request, found: found, today: fixedToday)
        XCTAssertEqual(bundle.redaction, ["Mary Grey", "Pat Parent"])
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(bundle.json().utf8)) as? [String: Any])
        let cases = try XCTUnwrap(json["cases"] as? [[String: Any]])
        XCTAssertEqual(cases.compactMap { $0["reference"] as? String }, [refs.complainant, refs.child])
        let record = try XCTUnwrap(cases[0]["record"] as? [String: Any])
        XCTAssertEqual(record["complainant_name"] as? String, "Zoë O'Neill")
        let history = try XCTUnwrap(cases[0]["person_history"] as? [[String: Any]])
        XCTAssertFalse(history.isEmpty, "the case's creation set her name")
        XCTAssertEqual((history[0]["changes"] as? [[String: Any]])?.contains { $0["field"] as? String == "complainant_name" }, true)
        let html = bundle.html()
        XCTAssertTrue(html.contains("Zo&#39;") == false && html.contains("O&#39;Neill"), "escaped")
        XCTAssertTrue(html.contains("We have received your complaint."))
    }

    func testRecordingTheRequestIsAuditedDueInAMonthInMyWorkUntilCompleted() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir, actor: "Sam Officer")
        let refs = try SubjectAccessFixture.make(store, today: fixedToday)
        let before = try auditCount(store.path)
        let r = try store.recordSubjectAccess(forWhom: " Zoe O'Neill\u{1B}[2J ", cases: [refs.complainant, refs.child], requested: day("2022-06-15"))
        XCTAssertEqual(r.due, day("2022-07-15"))
        XCTAssertEqual(r.who, "Sam Officer")
        XCTAssertEqual(r.forWhom, "Zoe O'Neill[2J", "control characters dropped, as every stored name")
        XCTAssertEqual(try auditCount(store.path), before + 1)
        let audit = try XCTUnwrap(store.recentAudit(limit: 1).first)
        XCTAssertEqual(audit.entity, .other("subject_access"))
        XCTAssertEqual(audit.who, "Sam Officer")
        XCTAssertEqual(audit.changes.first { $0.field == "due" }?.after, "2022-07-15")
        XCTAssertEqual(try store.subjectAccessRequests().map(\.cases), [[refs.complainant, refs.child]])
        // Undo stops at it, saying so in people's words (not "create of subject_access").
        XCTAssertEqual(storeError { try store.undoLast(today: day("2022-06-15")) },
                       .refused("The last change (subject access request recorded) cannot be undone; nothing was undone (undo goes no further back)."))

        let early = try store.myWork(officer: "sam officer", today: day("2022-07-08"))
        XCTAssertEqual(early.requests.map(\.request.id), [r.id])
        XCTAssertEqual(early.requests.first?.isOverdue, false)
        let late = try store.myWork(officer: "Sam Officer", today: day("2022-07-18"))
        XCTAssertEqual(late.requests.first?.isOverdue, true)
        XCTAssertTrue(try store.myWork(officer: "Someone Else", today: day("2022-07-18")).requests.isEmpty)

        let id = try XCTUnwrap(r.id)
        XCTAssertEqual(try store.completeSubjectAccess(id: id, on: day("2022-07-01")).completed, day("2022-07-01"))
        XCTAssertTrue(try store.myWork(officer: "Sam Officer", today: day("2022-07-18")).requests.isEmpty)
        if case .refused(let m)? = storeError({ try store.completeSubjectAccess(id: id, on: day("2022-07-02")) }) {
            XCTAssertTrue(m.contains("completed on 2022-07-01"), m)
        } else { XCTFail("completing twice is refused") }
        XCTAssertNotNil(storeError { try store.completeSubjectAccess(id: 999, on: day("2022-07-02")) })
        XCTAssertNotNil(storeError { try store.recordSubjectAccess(forWhom: " \u{7} ", cases: [], requested: fixedToday) }, "no name")

        // Marked answered by mistake (`d` on "my work"): undo opens it again, and says so; the
        // recording before it still is not undone.
        XCTAssertEqual(try store.undoLast(today: day("2022-07-18"))?.summary.contains("answer of subject access request #\(id)"), true)
        XCTAssertEqual(try store.subjectAccessRequests(openOnly: true).map(\.id), [id])
        XCTAssertEqual(try store.myWork(officer: "Sam Officer", today: day("2022-07-18")).requests.map(\.request.id), [id])
        XCTAssertEqual(try store.recentAudit(limit: 1).first?.action, .undo)
        XCTAssertEqual(storeError { try store.undoLast(today: day("2022-07-18")) },
                       .refused("The last change (subject access request recorded) cannot be undone; nothing was undone (undo goes no further back)."))
        XCTAssertEqual(try store.completeSubjectAccess(id: id, on: day("2022-07-19")).completed, day("2022-07-19"), "and it can be answered again")
    }
}
