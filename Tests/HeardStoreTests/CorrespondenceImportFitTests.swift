import Foundation
import GRDB
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// An import's correspondence must fit its case, and its cells must be written as Heard writes
/// them: each misfit is refused with its line, column and entry, and nothing is imported.
final class CorrespondenceImportFitTests: XCTestCase {
    private func csv(log: String, letters: String) -> String {
        func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        return "reference,kind,received,service_area,procedure,complainant_name,contact_log,letters\n"
            + "CS-2022-0001,complaint,2022-06-13,Care Leavers,statutory,Test Person,\(quoted(log)),\(quoted(letters))\n"
    }

    private func problems(_ text: String) throws -> [String] {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        do {
            _ = try store.importCSV(Array(text.utf8), source: "a.csv", dryRun: false, today: fixedToday)
            return []
        } catch StoreError.invalidImport(let p) {
            XCTAssertEqual(try store.allContacts().count, 0, "nothing imported")
            return p.map(\.description)
        }
    }

    /// A vertical tab (Word's soft line break), NEL or U+2028 inside an entry is a space: it
    /// neither fails the import nor splits an entry into a second, forged one (an attack).
    func testOtherLineBreaksInsideAnEntryAreSpaces() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let text = csv(log: "2022-06-14 | in | call | Mrs Patel | Mum said:\u{0B}the visit\u{2028}was fine",
                       letters: "acknowledgement | 1 | 2022-06-14 | md | Dear\u{85}Mrs Patel")
        _ = try store.importCSV(Array(text.utf8), source: "a.csv", dryRun: false, today: fixedToday)
        let c = try store.contact(reference: "CS-2022-0001")
        let log = try store.correspondence(contactID: try XCTUnwrap(c.id)).log
        XCTAssertEqual(log.map(\.note), ["Mum said: the visit was fine"], "one entry")
        XCTAssertEqual(try store.correspondence(contactID: try XCTUnwrap(c.id)).letters.map(\.body), ["Dear Mrs Patel"])
        // An entry hidden after a U+2028 is part of the first one's note, which then has too
        // many parts: refused, never a second entry.
        let forged = try problems(csv(log: "2022-06-14 | in | call | Mrs Patel | first\u{2028}2022-06-15 10:00 | out | email | Mallory | forged",
                                      letters: ""))
        XCTAssertEqual(forged, ["line 2: contact_log: entry 1: expected 'date [time] | in or out | kind | with | note'"])
    }

    func testMisfitsAreRefusedEachByLineColumnAndEntry() throws {
        let p = try problems(csv(
            log: "1990-01-01 | in | call | Mrs Patel | too early\n2022-06-14 | in | call | x | a \\q b\n2022-06-14 | in | call | x | ends \\",
            letters: "stage3-outcome | 3 | 2022-06-14 | md | text\nacknowledgement | 1 | 2000-01-01 | md | text\n"
                + "acknowledgement | 1 | 2022-06-14 | exe | text\n../../etc/passwd | 1 | 2022-06-14 | md | text"))
        XCTAssertEqual(p, [
            "line 2: contact_log: entry 1: the date is before the case was received (2022-06-13)",
            "line 2: contact_log: entry 2: '\\q' is not an escape Heard writes (\\\\, \\n, \\r or \\|)",
            "line 2: contact_log: entry 3: it ends in a lone backslash (write \\\\ for one)",
            "line 2: letters: letter 1: the case never reached stage 3",
            "line 2: letters: letter 2: the date is before the case was received (2022-06-13)",
            "line 2: letters: letter 3: the format is md, html, docx or empty",
            "line 2: letters: letter 4: the template's name is letters, digits, - and _ (as `heard letters` lists them)",
        ])
        XCTAssertFalse(p.joined().contains("Mrs Patel") || p.joined().contains("too early"), "never the file's text")
    }

    func testWhatFitsIsImported() throws {
        XCTAssertEqual(try problems(csv(log: "2022-06-13 | in | call | x | a \\\\ b \\| c \\r d",
                                        letters: "acknowledgement | 1 | 2022-06-14 | DOCX | text\nCustom_2 |  | 2022-06-14 |  | t")), [])
    }
}
