import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HeardCore
import HeardLetters
import HeardTestSupport
import XCTest
import ZIPFoundation

/// A letter as HTML and as .docx: the Markdown subset becomes markup, the data never does.
final class LetterOutputTests: XCTestCase {
    let book = LetterBook.load(directory: nil)

    func testTheStage1ResponseGivesEachIssueItsFindingAndTheRemediesAndTheWindow() throws {
        let text = try book.render(name: "stage1-response", record: LetterCases.answered(), settings: LetterCases.settings, today: day("2022-01-21"))
        XCTAssertTrue(text.contains("""
            1. **Communication**: upheld
               Your calls of 3 and 5 January were not returned.
            2. **Placement**: not upheld
               The move was agreed at the review on 2 December.
            """), text)
        XCTAssertTrue(text.contains("your complaint is **partially upheld**"), text)
        XCTAssertTrue(text.contains("- **Apology**: for the unanswered calls\n- **Payment** of £250.00: for time and trouble"), text)
        XCTAssertTrue(text.contains("stage 2 (Independent investigation)"), text)
        XCTAssertTrue(text.contains("please contact us by **18 February 2022** (within 20 working days of our response)"), text)

        let html = LetterOutput.html(markdown: text, title: "Stage 1 response")
        XCTAssertTrue(html.contains("<ol>\n<li><strong>Communication</strong>: upheld<br>\nYour calls of 3 and 5 January were not returned.</li>"), html)
        XCTAssertTrue(html.contains("<li><strong>Payment</strong> of £250.00: for time and trouble</li>"), html)
        XCTAssertTrue(html.contains("<h2>What we found</h2>"), html)
    }

    func testAResponseLetterForAStageStillRunningCountsTheWindowFromItsOwnDate() throws {
        var c = LetterCases.answered().contact
        c.events.removeAll { $0.kind == .responded }
        let r = LetterCases.record(c, today: "2022-01-24")
        let text = try book.render(name: "stage1-response", record: r, settings: LetterCases.settings, today: day("2022-01-24"))
        // 20 working days after Monday 24 January 2022.
        XCTAssertTrue(text.contains("by **21 February 2022**"), text)
    }

    func testHTMLEscapesHostileTextFromTheCase() throws {
        var c = LetterCases.complaint()
        c.complainantName = "<script>alert(1)</script> {{x}} & \"Ann\""
        c.subjectChild = "<img src=x onerror=alert(2)>"
        let r = LetterCases.record(c, today: "2022-01-11")
        let text = try book.render(name: "acknowledgement", record: r, settings: LetterCases.settings, today: day("2022-01-11"))
        XCTAssertTrue(text.contains("{{x}}"), "data is never expanded as a template")
        let html = LetterOutput.html(markdown: text, title: "Acknowledgement <b>")
        XCTAssertFalse(html.contains("<script>"), html)
        XCTAssertFalse(html.contains("<img"), html)
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; {{x}} &amp; &quot;Ann&quot;"), html)
        XCTAssertTrue(html.contains("<title>Acknowledgement &lt;b&gt;</title>"), html)
        XCTAssertTrue(html.contains("@media print"), "a print-friendly page")
    }

    func testMarkdownSubset() {
        let md = "# Title\n\nLine one\nline two with **bold** and *it* and a lone * star\n\n- a\n- b\ncontinued\n\n1. one\n2. two\n\n---\n\n\\*not italic\\*\n"
        let html = LetterOutput.html(markdown: md, title: "t")
        XCTAssertTrue(html.contains("<h1>Title</h1>"), html)
        XCTAssertTrue(html.contains("<p>Line one<br>\nline two with <strong>bold</strong> and <em>it</em> and a lone * star</p>"), html)
        XCTAssertTrue(html.contains("<ul>\n<li>a</li>\n<li>b<br>\ncontinued</li>\n</ul>"), html)
        XCTAssertTrue(html.contains("<ol>\n<li>one</li>\n<li>two</li>\n</ol>"), html)
        XCTAssertTrue(html.contains("<hr>"), html)
        XCTAssertTrue(html.contains("<p>*not italic*</p>"), html)
    }

    func testADocxUnzipsToWellFormedXMLHoldingTheNameAndTheDueDate() throws {
        var c = LetterCases.complaint()
        // A control character and XML's own characters in the data: Word refuses a file with either unescaped.
        c.complainantName = "Mrs Alice Patel & <Co>\u{1}"
        let r = LetterCases.record(c, today: "2022-01-11")
        let text = try book.render(name: "acknowledgement", record: r, settings: LetterCases.settings, today: day("2022-01-11"))
        let due = try XCTUnwrap(LetterBook.prepared(r, letter: "acknowledgement", stage: 1, today: day("2022-01-11")).clock.current?.due)
        let data = try LetterOutput.docx(markdown: text)
        let archive = try Archive(data: data, accessMode: .read)
        let names = Set(archive.map(\.path))
        XCTAssertEqual(names, ["[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/styles.xml", "word/document.xml"])
        var document = ""
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            let parser = XMLParser(data: bytes)
            XCTAssertTrue(parser.parse(), "\(entry.path) is well-formed XML: \(String(describing: parser.parserError))")
            if entry.path == "word/document.xml" { document = String(decoding: bytes, as: UTF8.self) }
        }
        let words = try Self.text(ofDocument: Data(document.utf8))
        XCTAssertTrue(words.contains("Mrs Alice Patel & <Co>"), words)
        XCTAssertFalse(words.contains("\u{1}"))
        XCTAssertTrue(words.contains(LetterFields.date(due)), "the due date \(LetterFields.date(due)) is in the letter")
        XCTAssertTrue(document.contains(#"<w:pStyle w:val="ListParagraph"/>"#), "the issues are a list")
        XCTAssertTrue(document.contains("<w:b/>"), "bold survives")
        XCTAssertEqual(try LetterOutput.docx(markdown: text), data, "the same letter gives the same bytes")
    }

    /// The text of a WordprocessingML document's `w:t` elements, joined.
    static func text(ofDocument data: Data) throws -> String {
        final class Collector: NSObject, XMLParserDelegate {
            var inText = false
            var text = ""
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                if name == "w:t" { inText = true }
                if name == "w:br" || name == "w:p" { text += "\n" }
            }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                if name == "w:t" { inText = false }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { text += string } }
        }
        let parser = XMLParser(data: data)
        let c = Collector()
        parser.delegate = c
        guard parser.parse() else { throw LetterError("document.xml does not parse") }
        return c.text
    }
}
