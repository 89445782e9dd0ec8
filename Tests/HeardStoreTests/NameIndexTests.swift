import Foundation
import GRDB
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// The name index (`Store+NameIndex`, `PostgresNameIndex`) on real files and schemas: a search
/// through it finds exactly the cases that judging every case finds; a change made by another
/// tool is found before its words are taken; a step takes its own cases' words; a disposal and a
/// deletion leave no word behind; damage is found, not trusted, and mended.
final class NameIndexTests: XCTestCase {
    /// The demo's people, words of its free text and names that match nothing: the search through
    /// the index finds the cases that judging every case of the demo with `SubjectAccess.hits`
    /// finds, in the same order.
    func testTheSearchFindsWhatJudgingEveryCaseFinds() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        try store.writeDemo(today: fixedToday)
        let contacts = try store.allContacts()
        var correspondence: [Int64: Correspondence] = [:]
        for c in contacts { if let id = c.id { correspondence[id] = try store.correspondence(contactID: id) } }
        let known = try store.knownPeopleNames()
        XCTAssertGreaterThan(known.count, 50)
        var names = stride(from: 0, to: known.count, by: max(1, known.count / 40)).map { known[$0] }
        names += ["Nobody Atall", "complaint", "social worker", "o'neill", "Zoë", "the", "CS-2020-0001", "17"]
        var usedTheIndex = false
        for asked in names {
            let name = PersonName(asked)
            let expected = contacts.filter { c in
                guard let id = c.id else { return false }
                return !SubjectAccess.hits(for: name, in: c, correspondence: correspondence[id] ?? Correspondence()).isEmpty
            }.sorted { $0.received != $1.received ? $0.received < $1.received : $0.reference < $1.reference }.map(\.reference)
            XCTAssertEqual(try store.subjectAccessSearch(name).map(\.contact.reference), expected, asked)
            usedTheIndex = try store.query { try Store.nameIndexCandidates($0, name, try store.nameIndexState($0)) } != nil || usedTheIndex
        }
        XCTAssertTrue(usedTheIndex, "the searches went through the index")
        XCTAssertEqual(try count(store, "SELECT count(*) FROM name_words_stale"), 0, "the first search took every case's words")
        XCTAssertEqual(try count(store, "SELECT count(*) FROM name_words"), contacts.count)
    }

    /// sqlite3 (or any tool) changes a summary: the triggers note the case, so a search that
    /// cannot write finds the new name by reading it, and one that can takes its words.
    func testAChangeByAnotherToolIsFoundBeforeItsWordsAreTaken() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let path = try storePath(in: dir)
        let added = try store.add(sampleComplaint(name: "Pat Parent"), today: fixedToday)
        let id = try XCTUnwrap(added.id)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM name_words_stale"), 0, "the step took its case's words")
        try rawExecute(path, "UPDATE contacts SET summary = 'spoke to Quentin Blake' WHERE id = \(id)")
        let reader = try Store(path: path, options: StoreOptions(readOnly: true, actor: "Reader"))
        XCTAssertEqual(try reader.subjectAccessSearch(PersonName("Quentin Blake")).map(\.contact.id), [id])
        XCTAssertEqual(try count(store, "SELECT count(*) FROM name_words_stale"), 1, "a reader leaves the note")
        XCTAssertEqual(try store.subjectAccessSearch(PersonName("quentin BLAKE")).map(\.contact.id), [id])
        XCTAssertEqual(try count(store, "SELECT count(*) FROM name_words_stale"), 0)
        XCTAssertEqual(try indexed(store, "quentin"), [id])

        // A letter another tool adds to a case whose words were taken notes the case again.
        try rawExecute(path, """
            INSERT INTO letters (contact_id, template, stage, sent, format, body, recorded_by)
            VALUES (\(id), 'acknowledgement', 1, '2022-01-12', 'md', 'Dear Rosalind Franklin-Smith', 'someone')
            """)
        XCTAssertEqual(try reader.subjectAccessSearch(PersonName("Rosalind Franklin Smith")).map(\.contact.id), [id])
        XCTAssertEqual(try count(store, "SELECT count(*) FROM name_words_stale"), 1)
        // So does a log line removed, and a stage person changed.
        XCTAssertEqual(try store.subjectAccessSearch(PersonName("Rosalind Franklin Smith")).map(\.contact.id), [id])
        XCTAssertEqual(try indexed(store, "rosalind"), [id])
        try rawExecute(path, "DELETE FROM letters WHERE contact_id = \(id)")
        XCTAssertEqual(try count(store, "SELECT count(*) FROM name_words_stale"), 1, "the letter's removal is noted")
        XCTAssertTrue(try store.subjectAccessSearch(PersonName("Rosalind Franklin Smith")).isEmpty)
        XCTAssertEqual(try indexed(store, "rosalind"), [])
    }

    /// An officer corrects a name: the step takes the case's words, the old spelling leaves the
    /// index and the new one is found through it.
    func testAStepTakesTheWordsOfTheCaseItChanged() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        var c = try store.add(sampleComplaint(name: "Jon Smyth"), today: fixedToday)
        c.complainantName = "John Smith"
        _ = try store.update(c, today: fixedToday)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM name_words_stale"), 0)
        XCTAssertEqual(try indexed(store, "smyth"), [])
        XCTAssertEqual(try indexed(store, "john", "smith"), [try XCTUnwrap(c.id)])
        XCTAssertEqual(try store.subjectAccessSearch(PersonName("John Smith")).map(\.contact.id), [c.id])
        XCTAssertTrue(try store.subjectAccessSearch(PersonName("Jon Smyth")).isEmpty)
    }

    /// A step whose noted cases lie far apart reads them by their ids (not the range between):
    /// each gets its own words.
    func testCasesFarApartGetTheirOwnWords() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        try store.writeDemo(today: fixedToday)
        _ = try store.subjectAccessSearch(PersonName("Nobody Atall"))
        let ids = try store.query { try $0.ints("SELECT id FROM contacts ORDER BY id") }
        let first = try XCTUnwrap(ids.first), last = try XCTUnwrap(ids.last), mid = ids[ids.count / 2]
        XCTAssertGreaterThan(last - first, 500, "fixture: the cases lie far apart")
        try rawExecute(try storePath(in: dir), """
            UPDATE contacts SET summary = 'Spoke to Octavia Pemberton-Lacey' WHERE id = \(first);
            UPDATE contacts SET summary = 'Spoke to Barnaby Quixley' WHERE id = \(last);
            """)
        var middle = try store.contact(id: mid)
        middle.summary += " Seen by Ptolemy Arkwright."
        _ = try store.update(middle, today: fixedToday)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM name_words_stale"), 0)
        for (word, id) in [("pemberton", first), ("quixley", last), ("arkwright", mid)] {
            XCTAssertEqual(try indexed(store, word), [id], word)
        }
    }

    /// Cases another tool wrote with ids at the ends of the range (-5, Int64.max) noted together:
    /// the span between them trapped (arithmetic overflow), and with it every write (an attack).
    func testNotedCasesWithIdsAtTheEndsOfTheRangeGetTheirWordsWithoutATrap() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let added = try store.add(sampleComplaint(name: "Pat Parent"), today: fixedToday)
        let id = try XCTUnwrap(added.id)
        _ = try store.subjectAccessSearch(PersonName("Nobody Atall"))
        let columns = "reference, kind, received, service_area, complainant_name, summary, status"
        try rawExecute(try storePath(in: dir), """
            INSERT INTO contacts (id, \(columns)) SELECT -5, 'EDGE-LOW', kind, received, service_area, 'Low Edgeworth', summary, status FROM contacts WHERE id = \(id);
            INSERT INTO contacts (id, \(columns)) SELECT 9223372036854775807, 'EDGE-HIGH', kind, received, service_area, 'High Edgeworth', summary, status FROM contacts WHERE id = \(id);
            """)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM name_words_stale"), 2, "fixture: both noted")
        // A step takes the notes (the words of both), and the search finds each.
        var edited = try store.contact(id: id)
        edited.officer = "Another Officer"
        _ = try store.update(edited, today: fixedToday)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM name_words_stale"), 0)
        XCTAssertEqual(try indexed(store, "edgeworth").sorted(), [-5, Int64.max])
    }

    /// Anonymising takes the case's words in its own transaction and scrubs the index: no word of
    /// the name is left in the index or (SQLite) anywhere in the file.
    func testAnonymisingLeavesNoWordOfTheNameBehind() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        var complaint = sampleComplaint(received: "2015-01-05", name: "Xanthippe Quarrington")
        complaint.summary = "Xanthippe Quarrington wrote about her son"
        let c = try store.add(complaint, today: day("2015-01-05"))
        let id = try XCTUnwrap(c.id)
        _ = try store.record(.withdrawn(day("2015-01-08"), reason: "Quarrington family moved"), on: id, version: try store.contact(id: id).version,
                             today: day("2015-01-08"))
        XCTAssertEqual(try indexed(store, "quarrington"), [id])
        _ = try store.anonymise(contactID: id, reason: "retention period over", today: fixedToday)
        XCTAssertEqual(try indexed(store, "quarrington"), [])
        XCTAssertEqual(try count(store, "SELECT count(*) FROM name_words WHERE words LIKE '%quarrington%'"), 0)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM name_words_stale"), 0)
        if TestDatabase.isPostgres { return }
        for file in ["heard.sqlite", "heard.sqlite-wal"] {
            let bytes = (try? Data(contentsOf: URL(fileURLWithPath: dir.file(file)))) ?? Data()
            XCTAssertNil(bytes.range(of: Data("quarrington".utf8)), "\(file) still holds the name's word")
        }
    }

    /// A case removed (its creation undone) takes its words with it at once.
    func testACaseRemovedTakesItsWordsWithIt() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let c = try store.add(sampleComplaint(name: "Ottoline Fenwick"), today: fixedToday)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM name_words WHERE contact_id = \(try XCTUnwrap(c.id))"), 1)
        XCTAssertNotNil(try store.undoLast(today: fixedToday))
        XCTAssertEqual(try count(store, "SELECT count(*) FROM name_words"), 0)
        XCTAssertEqual(try indexed(store, "fenwick"), [])
    }

    /// Words removed by another tool with no note left: `heard check` says a search would miss
    /// the case's text.
    func testCheckSaysWhenACaseHasNeitherWordsNorANote() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let c = try store.add(sampleComplaint(name: "Pat Parent"), today: fixedToday)
        XCTAssertFalse(try store.check(today: fixedToday).contains { $0.hasPrefix("name index") })
        try rawExecute(try storePath(in: dir), "DELETE FROM name_words WHERE contact_id = \(try XCTUnwrap(c.id))")
        XCTAssertTrue(try store.check(today: fixedToday).contains { $0.hasPrefix("name index: 1 case with no words") })
    }

    /// A mark that joins the space before it (U+FF9E, U+0E33) must not join the name after it:
    /// "Met Zoe \u{FF9E}Quillfeather" holds "Zoe Quillfeather" for the rule, and so for the index
    /// (found by an attack: the index kept "\u{FF9E}quillfeather").
    func testAMarkAfterASpaceDoesNotHideTheNameAfterIt() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let a = try XCTUnwrap(store.add(sampleComplaint(name: "Pat Parent"), today: fixedToday).id)
        let b = try XCTUnwrap(store.add(sampleComplaint(name: "Sam Parent"), today: fixedToday).id)
        try rawExecute(try storePath(in: dir), """
            UPDATE contacts SET summary = 'Met Zoe \u{FF9E}Quillfeather' WHERE id = \(a);
            UPDATE contacts SET complainant_name = 'Bramwell \u{0E33}Ostrowski' WHERE id = \(b);
            """)
        XCTAssertEqual(try store.subjectAccessSearch(PersonName("Zoe Quillfeather")).map(\.contact.id), [a])
        XCTAssertEqual(try count(store, "SELECT count(*) FROM name_words_stale"), 0, "the words were taken")
        XCTAssertEqual(try store.subjectAccessSearch(PersonName("Bramwell Ostrowski")).map(\.contact.id), [b])
        XCTAssertEqual(try store.subjectAccessSearch(PersonName("Zoe Quillfeather")).map(\.contact.id), [a], "through the index")
    }

    /// Words deleted, the FTS table emptied, a trigger dropped (on PostgreSQL, disabled too), by
    /// another tool: a search that only reads reads every text instead (the same answer), `heard
    /// check` names each, and a search that can write mends the words and the FTS table.
    func testADamagedIndexIsNotTrusted() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let path = try storePath(in: dir)
        let id = try XCTUnwrap(store.add(sampleComplaint(name: "Imogen Featherstonehaugh"), today: fixedToday).id)
        let reader = try Store(path: path, options: StoreOptions(readOnly: true, actor: "Reader"))
        // On PostgreSQL only the tables' owner may delete a row of words (below); an officer may
        // empty one.
        let damages = TestDatabase.isPostgres ? ["UPDATE name_words SET words = NULL"]
            : ["DELETE FROM name_words", "INSERT INTO name_words_fts(name_words_fts) VALUES('delete-all')"]
        for damage in damages {
            try rawExecute(path, damage)
            XCTAssertEqual(try reader.subjectAccessSearch(PersonName("Imogen Featherstonehaugh")).map(\.contact.id), [id], damage)
            XCTAssertTrue(try store.check(today: fixedToday).contains { $0.hasPrefix("name index:") }, damage)
            XCTAssertEqual(try store.subjectAccessSearch(PersonName("Imogen Featherstonehaugh")).map(\.contact.id), [id], damage)
            XCTAssertFalse(try store.check(today: fixedToday).contains { $0.hasPrefix("name index:") }, "mended after \(damage)")
            XCTAssertEqual(try indexed(store, "featherstonehaugh"), [id])
        }
        if TestDatabase.isPostgres {
            try rawExecute(path, "DELETE FROM name_words")
            XCTAssertTrue(try store.check(today: fixedToday).contains { $0.hasPrefix("name index: 1 case with no words") })
            XCTAssertEqual(try store.rebuildNameIndex(), 1)
            XCTAssertFalse(try store.check(today: fixedToday).contains { $0.hasPrefix("name index:") }, "rebuilt")
            XCTAssertEqual(try indexed(store, "featherstonehaugh"), [id])
        }
        let offs = TestDatabase.isPostgres
            ? ["DROP TRIGGER name_stale_contact_changed ON contacts", "ALTER TABLE contacts DISABLE TRIGGER name_stale_contact_changed"]
            : ["DROP TRIGGER name_stale_contact_changed"]
        for (n, off) in offs.enumerated() {
            try rawExecute(path, off + "; UPDATE contacts SET summary = 'Spoke with Marigold Fenwickshaw\(n)' WHERE id = \(id)")
            XCTAssertTrue(try store.check(today: fixedToday).contains { $0.contains("name_stale_contact_changed gone") }, off)
            XCTAssertEqual(try reader.subjectAccessSearch(PersonName("Marigold Fenwickshaw\(n)")).map(\.contact.id), [id], off)
            XCTAssertEqual(try store.subjectAccessSearch(PersonName("Marigold Fenwickshaw\(n)")).map(\.contact.id), [id], off)
            XCTAssertFalse(try store.check(today: fixedToday).contains { $0.hasPrefix("name index") }, "mended after \(off)")
            XCTAssertEqual(try indexed(store, "fenwickshaw\(n)"), [id], off)
        }
    }

    /// A trigger (on PostgreSQL, the function it calls) replaced by one that does nothing: not
    /// trusted (the search reads every text), and a search that can write makes it again as
    /// Heard made it.
    func testATriggerNotAsMadeIsMadeAgain() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let path = try storePath(in: dir)
        let id = try XCTUnwrap(store.add(sampleComplaint(name: "Pat Parent"), today: fixedToday).id)
        let replace = TestDatabase.isPostgres ? """
            CREATE OR REPLACE FUNCTION heard_name_row_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
            """ : """
            DROP TRIGGER name_stale_contact_changed;
            CREATE TRIGGER name_stale_contact_changed AFTER UPDATE ON contacts WHEN 0 BEGIN SELECT 1; END;
            """
        try rawExecute(path, replace + "UPDATE contacts SET summary = 'Peregrine Vossberg phoned' WHERE id = \(id);")
        let reader = try Store(path: path, options: StoreOptions(readOnly: true, actor: "Reader"))
        XCTAssertEqual(try reader.subjectAccessSearch(PersonName("Peregrine Vossberg")).map(\.contact.id), [id])
        XCTAssertTrue(try store.check(today: fixedToday).contains { $0.contains("name_stale_contact_changed") && $0.contains("not as Heard made") })
        XCTAssertEqual(try store.subjectAccessSearch(PersonName("Peregrine Vossberg")).map(\.contact.id), [id])
        XCTAssertFalse(try store.check(today: fixedToday).contains { $0.hasPrefix("name index") })
        XCTAssertEqual(try indexed(store, "vossberg"), [id])
    }

    /// A text changed with its note removed (as a tool with triggers turned off leaves it): the
    /// counts cannot see it, `heard check` finds it by reading every case, and rebuilding the
    /// index mends it.
    func testCheckFindsWordsThatDifferFromTheTextAndARebuildMendsThem() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let id = try XCTUnwrap(store.add(sampleComplaint(name: "Pat Parent"), today: fixedToday).id)
        try rawExecute(try storePath(in: dir), """
            UPDATE contacts SET summary = 'Peregrine Vossberg phoned' WHERE id = \(id);
            DELETE FROM name_words_stale;
            """)
        XCTAssertTrue(try store.check(today: fixedToday).contains { $0.hasPrefix("name index: 1 case's words differ from its text") })
        XCTAssertEqual(try store.rebuildNameIndex(), 1)
        XCTAssertFalse(try store.check(today: fixedToday).contains { $0.hasPrefix("name index") })
        XCTAssertEqual(try store.subjectAccessSearch(PersonName("Peregrine Vossberg")).map(\.contact.id), [id])
    }

    /// A word longer than the index keeps (a pasted hex dump: PostgreSQL's GIN index refuses an
    /// entry of 2,700 bytes, and every write failed after one got in) is left out of the index;
    /// the case is saved and found, and a name of such a word is searched by reading every text.
    func testAWordTooLongForTheIndexStopsNothing() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let dump = String(repeating: "0123456789abcdef", count: 400)
        var complaint = sampleComplaint(name: "Philippa Oddington")
        complaint.summary = "Sent a log: \(dump) from Philippa Oddington"
        let id = try XCTUnwrap(store.add(complaint, today: fixedToday).id)
        XCTAssertEqual(try count(store, "SELECT count(*) FROM name_words_stale"), 0, "its words were taken")
        XCTAssertEqual(try count(store, "SELECT count(*) FROM name_words WHERE words LIKE '%0123456789abcdef%'"), 0)
        XCTAssertEqual(try store.subjectAccessSearch(PersonName("Philippa Oddington")).map(\.contact.id), [id])
        XCTAssertEqual(try store.subjectAccessSearch(PersonName(dump)).map(\.contact.id), [id], "by reading every text")
        _ = try store.addLogEntry(LogEntry(direction: .incoming, kind: .call, with: dump, at: try XCTUnwrap(LogTime(stored: "2022-01-02 10:00")), note: "x"),
                                  to: id)
        XCTAssertFalse(try store.check(today: fixedToday).contains { $0.hasPrefix("name index") })
    }

    /// The cases the index offers for every one of `words` (folded as the index keeps them), in id order.
    private func indexed(_ store: Store, _ words: String...) throws -> [Int64] {
        try store.query { conn in
            if TestDatabase.isPostgres {
                return try conn.ints("SELECT contact_id FROM name_words WHERE string_to_array(words, ' ') @> ARRAY[\(words.map { "'\($0)'" }.joined(separator: ", "))] ORDER BY contact_id")
            }
            let match = words.map { "\"\($0)\"" }.joined(separator: " AND ")
            return try conn.ints("SELECT rowid FROM name_words_fts WHERE name_words_fts MATCH '\(match)' ORDER BY rowid")
        }
    }

    private func count(_ store: Store, _ sql: String) throws -> Int {
        try store.query { try $0.int(sql) ?? -1 }
    }
}
