import HeardCore
import HeardLetters
import HeardTestSupport
import Foundation
import XCTest

/// Every shipped letter made from a case at each point it is written: filled in, nothing left
/// unexpanded, the complainant named and the dates the letter is about present.
final class ShippedLetterTests: XCTestCase {
    let book = LetterBook.load(directory: nil)
    let settings = LetterCases.settings

    /// Each letter with the cases it applies to and the dates it must give.
    var cases: [(name: String, record: CaseRecord, today: String, mustSay: [String])] {
        [
            ("acknowledgement", LetterCases.new(), "2022-01-11", ["11 January 2022", "10 January 2022", "Communication", "Placement"]),
            ("extension", LetterCases.extended(), "2022-01-20", ["4 February 2022", "the manager is away"]),
            ("stage1-response", LetterCases.answered(), "2022-01-21", ["21 January 2022", "18 February 2022"]),
            ("stage2-acknowledgement", LetterCases.atStage2(), "2022-02-02", ["1 February 2022", "Chris Bell", "Dana Reyes"]),
            ("stage2-adjudication", LetterCases.atStage2(answered: true), "2022-03-01",
             ["Notice was given, but late.", "29 March 2022", "PO Box 4771", "0300 061 0614", "www.lgo.org.uk"]),
            ("stage3-arrangements", LetterCases.atStage3(), "2022-03-11", ["5 April 2022", "Pat Chair", "10 March 2022"]),
            ("stage3-outcome", LetterCases.atStage3(answered: true), "2022-04-20",
             ["The panel found the notice adequate.", "Local Government and Social Care Ombudsman"]),
            ("not-accepted", LetterCases.notAccepted(), "2022-01-12",
             ["before the family court", "Local Government and Social Care Ombudsman", "Coventry", "CV4 0EH", "0300 061 0614"]),
            ("compliment-thanks", LetterCases.compliment(), "2022-01-11", ["10 January 2022", "Care Leavers"]),
            ("enquiry-reply", LetterCases.enquiry(), "2022-01-14", ["How to arrange contact visits", "10 January 2022"]),
        ]
    }

    func testEveryShippedLetterIsFilledInForItsCase() throws {
        XCTAssertEqual(book.problems, [])
        XCTAssertEqual(book.names, LetterCatalogue.shipped)
        let covered = Set(cases.map(\.name))
        XCTAssertEqual(covered, Set(LetterCatalogue.shipped), "every shipped letter is tried")
        for c in cases {
            let text = try book.render(name: c.name, record: c.record, settings: settings, today: day(c.today))
            XCTAssertFalse(text.contains("{{") || text.contains("}}"), "\(c.name): \(text)")
            XCTAssertTrue(text.contains("Mrs Alice Patel"), "\(c.name) names the complainant")
            XCTAssertTrue(text.contains("Dear Mrs Alice Patel"), c.name)
            XCTAssertTrue(text.contains("CS-2022-0007"), "\(c.name) gives the reference")
            XCTAssertTrue(text.contains("Anytown Borough Council") && text.contains("Sam Okafor") && text.contains("Town Hall"), c.name)
            XCTAssertTrue(text.contains(LetterFields.date(day(c.today))), "\(c.name) is dated")
            for s in c.mustSay { XCTAssertTrue(text.contains(s), "\(c.name) should say \(s):\n\(text)") }
            XCTAssertFalse(text.contains("\n\n\n"), "\(c.name) has no gaps")
        }
    }

    func testEveryFieldIsDocumentedAndEveryDocumentedFieldIsThere() throws {
        let fields = LetterFields.make(record: LetterCases.atStage3(answered: true), settings: settings, today: day("2022-04-20"))
        XCTAssertEqual(Set(fields.keys), Set(LetterFields.names), "LetterFields.names is the context's keys")
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/LETTERS.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        for name in LetterFields.names { XCTAssertTrue(text.contains("`\(name)`"), "docs/LETTERS.md documents \(name)") }
    }
}
