import Foundation
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// The demo's correspondence: open complaints with calls logged, letters sent and due, and a
/// document, written the same way every time.
final class DemoCorrespondenceTests: XCTestCase {
    func testOpenComplaintsHaveCallsLettersSentAndDueAndADocument() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        try store.writeDemo(today: fixedToday)
        let calendar = try store.calendar()
        let open = try store.allContacts().filter { $0.kind == .complaint && $0.clock(rules: store.rules, calendar: calendar, today: fixedToday).status == .open }
        XCTAssertFalse(open.isEmpty)
        var logged = 0, sent = 0, due = 0, documents = 0, extensionNotices = 0
        for c in open {
            let corr = try store.correspondence(contactID: try XCTUnwrap(c.id))
            let record = CaseRecord(contact: c, clock: c.clock(rules: store.rules, calendar: calendar, today: fixedToday), calendar: calendar,
                                    rules: store.rules, correspondence: corr)
            if !corr.log.isEmpty { logged += 1 }
            if !corr.letters.isEmpty { sent += 1 }
            if record.letterNeeds.contains(where: \.isOutstanding) { due += 1 }
            documents += corr.documents.count
            extensionNotices += corr.letters.filter { $0.template == "extension" }.count
            XCTAssertTrue(corr.log.allSatisfy { $0.at.date <= fixedToday } && corr.letters.allSatisfy { $0.sent <= fixedToday }, c.reference)
        }
        XCTAssertEqual(logged, open.count, "every open complaint has its first call or email")
        XCTAssertGreaterThan(sent, 0, "acknowledgements sent")
        XCTAssertGreaterThan(due, 0, "acknowledgements still due, for my work")
        XCTAssertGreaterThan(extensionNotices, 0, "an extension notice")
        XCTAssertEqual(documents, 2)

        let again = try makeStore(in: dir, name: "again.sqlite")
        try again.writeDemo(today: fixedToday)
        let a = try store.allContacts().compactMap(\.id).map { try store.correspondence(contactID: $0) }
        let b = try again.allContacts().compactMap(\.id).map { try again.correspondence(contactID: $0) }
        XCTAssertEqual(a.map(\.log.count), b.map(\.log.count))
        XCTAssertEqual(a.flatMap(\.letters).map(\.body), b.flatMap(\.letters).map(\.body), "deterministic")
        XCTAssertEqual(a.flatMap(\.documents).map(\.sha256), b.flatMap(\.documents).map(\.sha256))
    }

    func testDocumentsSizeLimitComesFromConfig() {
        XCTAssertEqual(HeardConfiguration.parse("[documents]\nmax_size_mb = 5\n", file: "c.toml").documentLimit, 5 * 1024 * 1024)
        let bad = HeardConfiguration.parse("[documents]\nmax_size_mb = 500\n", file: "c.toml")
        XCTAssertEqual(bad.documentMaxSizeMB, 20)
        XCTAssertEqual(bad.warnings.count, 1)
        XCTAssertTrue(bad.warnings.first?.contains("documents.max_size_mb") ?? false, "\(bad.warnings)")
        XCTAssertEqual(HeardConfiguration.parse("", file: "c.toml").documentLimit, Store.defaultDocumentLimit)
    }

    func testImportRefusesBadCorrespondenceCellsByLineAndEntry() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let csv = """
            reference,kind,received,service_area,contact_log,letters
            A-1,complaint,2022-06-01,Care Leavers,"2022-06-02 25:00 | in | call | Mum | hi",
            A-2,complaint,2022-06-01,Care Leavers,"2022-06-02 | sideways | call | Mum | hi","acknowledgement | 4 | 2022-06-02 | md | Dear"
            A-3,complaint,2022-06-01,Care Leavers,"2022-06-02 09:00 | out | fax | Mum | hi","acknowledgement | 1 | 2030-01-01 | md | Dear"
            A-4,complaint,2022-06-01,Care Leavers,"2022-06-02 09:00 | out | call | Mum \\| Dad | line one\\nline two","acknowledgement | 1 | 2022-06-02 | md | # Hi\\n\\nA \\\\ b"

            """
        let problems = importProblems(store, csv).map(\.description)
        XCTAssertEqual(problems, [
            "line 2: contact_log: entry 1: the date is not YYYY-MM-DD or YYYY-MM-DD HH:MM",
            "line 3: contact_log: entry 1: the direction is in or out",
            "line 3: letters: letter 1: the stage is 1, 2, 3 or empty",
            "line 4: contact_log: entry 1: the kind is one of call, email, letter, meeting, visit",
            "line 4: letters: letter 1: the date is in the future (today is 2022-06-15)",
        ])
        XCTAssertEqual(try store.contactCount(), 0)
        let good = csv.split(separator: "\n").enumerated().filter { $0.offset == 0 || $0.offset == 4 }.map { String($0.element) }.joined(separator: "\n") + "\n"
        try importText(store, good)
        let id = try XCTUnwrap(try store.allContacts().first?.id)
        let corr = try store.correspondence(contactID: id)
        XCTAssertEqual(corr.log.map(\.with), ["Mum | Dad"])
        XCTAssertEqual(corr.log.map(\.note), ["line one\nline two"])
        XCTAssertEqual(corr.letters.map(\.body), ["# Hi\n\nA \\ b"])
        XCTAssertTrue(try store.exportCSV(today: fixedToday).contains("2022-06-02 09:00 | out | call | Mum \\| Dad | line one\\nline two"))
    }
}
