import Foundation
import HeardCore
import HeardLetters
import HeardTestSupport
import XCTest

/// A council's template folder: its files replace or add letters, and a bad file is a message.
final class LetterBookTests: XCTestCase {
    func testACouncilsFileReplacesAShippedLetterAndANewNameAddsOne() throws {
        let dir = TemporaryDirectory()
        try "Our own acknowledgement for {{complainant_name}}, {{reference}}.\n".write(toFile: dir.file("acknowledgement.mustache"), atomically: true, encoding: .utf8)
        try "Hello {{complainant_name}}, about {{child}}.\n".write(toFile: dir.file("meeting-invite.mustache"), atomically: true, encoding: .utf8)
        try "not a template".write(toFile: dir.file("notes.txt"), atomically: true, encoding: .utf8)
        let book = LetterBook.load(directory: dir.path)
        XCTAssertEqual(book.problems, [])
        XCTAssertEqual(book.names, LetterCatalogue.shipped + ["meeting-invite"], "the .txt is no letter")
        XCTAssertEqual(book.template(named: "acknowledgement")?.source, .council(path: dir.file("acknowledgement.mustache")))
        XCTAssertEqual(book.template(named: "extension")?.source, .shipped)
        XCTAssertEqual(book.template(named: "meeting-invite")?.title, "Meeting invite")
        let r = LetterCases.new()
        let ack = try book.render(name: "acknowledgement", record: r, settings: LetterCases.settings, today: day("2022-01-11"))
        XCTAssertEqual(ack, "Our own acknowledgement for Mrs Alice Patel, CS-2022-0007.\n")
        let invite = try book.render(name: "meeting-invite", record: r, settings: LetterCases.settings, today: day("2022-01-11"))
        XCTAssertEqual(invite, "Hello Mrs Alice Patel, about Jamie Patel.\n")
    }

    func testACouncilsLetterheadPartReplacesHeardsInEveryLetter() throws {
        let dir = TemporaryDirectory()
        try "# {{council_name}} (our own letterhead)\n\n".write(toFile: dir.file("_letterhead.mustache"), atomically: true, encoding: .utf8)
        let book = LetterBook.load(directory: dir.path)
        XCTAssertFalse(book.names.contains("_letterhead"), "a part is not a letter")
        let text = try book.render(name: "extension", record: LetterCases.extended(), settings: LetterCases.settings, today: day("2022-01-20"))
        XCTAssertTrue(text.hasPrefix("# Anytown Borough Council (our own letterhead)\n"), text)
    }

    func testABrokenTemplateIsAMessageNamingItsFileAndTheShippedLetterStays() throws {
        let dir = TemporaryDirectory()
        try "Dear {{complainant_name}},\n{{#issues}}\n- {{category}}\n".write(toFile: dir.file("stage1-response.mustache"), atomically: true, encoding: .utf8)
        try "Hello {{name".write(toFile: dir.file("broken-new.mustache"), atomically: true, encoding: .utf8)
        try Data([0xFF, 0xFE, 0x00, 0x41]).write(to: URL(fileURLWithPath: dir.file("binary.mustache")))
        try String(repeating: "x", count: LetterBook.maximumTemplateBytes + 1).write(toFile: dir.file("huge.mustache"), atomically: true, encoding: .utf8)
        let book = LetterBook.load(directory: dir.path)
        XCTAssertEqual(book.problems.count, 4, book.problems.joined(separator: "\n"))
        let broken = book.problems.first { $0.hasPrefix(dir.file("stage1-response.mustache") + ": ") }
        XCTAssertNotNil(broken, book.problems.joined(separator: "\n"))
        XCTAssertTrue(broken?.contains("never closed") ?? false, broken ?? "")
        XCTAssertTrue(broken?.hasSuffix("using Heard's own stage1-response letter") ?? false, broken ?? "")
        XCTAssertEqual(book.template(named: "stage1-response")?.source, .shipped)
        XCTAssertTrue(book.problems.contains { $0.hasPrefix(dir.file("broken-new.mustache")) && $0.hasSuffix("letter broken-new left out") })
        XCTAssertTrue(book.problems.contains { $0.hasPrefix(dir.file("binary.mustache")) && $0.contains("not UTF-8") })
        XCTAssertTrue(book.problems.contains { $0.hasPrefix(dir.file("huge.mustache")) && $0.contains("more than a letter's 256 KB") })
        XCTAssertEqual(book.names, LetterCatalogue.shipped)
    }

    func testAFileOfAnOddNameOrEndingIsSaidNotIgnored() throws {
        let dir = TemporaryDirectory()
        for name in ["Bad Name!.mustache", "letter.Mustache", "reply.mustache.txt", ".hidden.mustache"] {
            try "Hello".write(toFile: dir.file(name), atomically: true, encoding: .utf8)
        }
        let book = LetterBook.load(directory: dir.path)
        XCTAssertEqual(book.problems.count, 3, book.problems.joined(separator: "\n"))
        XCTAssertTrue(book.problems.contains { $0.hasPrefix(dir.file("Bad Name!.mustache") + ": ") && $0.hasSuffix("left out") })
        XCTAssertTrue(book.problems.contains(dir.file("letter.Mustache") + ": not read: a letter's file is NAME.mustache"))
        XCTAssertTrue(book.problems.contains(dir.file("reply.mustache.txt") + ": not read: a letter's file is NAME.mustache"))
        XCTAssertEqual(book.names, LetterCatalogue.shipped)
    }

    func testAFolderThatIsNotThereIsJustTheShippedLetters() {
        let book = LetterBook.load(directory: "/nonexistent/heard/letters")
        XCTAssertEqual(book.names, LetterCatalogue.shipped)
        XCTAssertEqual(book.problems, [])
    }

    func testAnUnknownLetterIsAnErrorListingTheNames() {
        let book = LetterBook.load(directory: nil)
        XCTAssertThrowsError(try book.render(name: "nope", record: LetterCases.new(), settings: LetterCases.settings, today: day("2022-01-11"))) { e in
            XCTAssertTrue("\(e)".contains("no letter called nope; the letters are acknowledgement, extension"), "\(e)")
        }
    }

    func testDataIsNeverReadAsATemplateOrAsMarkup() throws {
        let dir = TemporaryDirectory()
        try "{{complainant_name}} / {{child}}\n".write(toFile: dir.file("plain.mustache"), atomically: true, encoding: .utf8)
        let book = LetterBook.load(directory: dir.path)
        var c = LetterCases.complaint()
        c.complainantName = "{{reference}} **Bold** _x_"
        c.subjectChild = "# Not a heading\n- not a list\n1. nor this"
        let text = try book.render(name: "plain", record: LetterCases.record(c, today: "2022-01-11"), settings: LetterCases.settings, today: day("2022-01-11"))
        XCTAssertEqual(text, "{{reference}} \\*\\*Bold\\*\\* \\_x\\_ / \\# Not a heading\n\\- not a list\n1\\. nor this\n")
        let html = LetterOutput.html(markdown: text, title: "t")
        XCTAssertTrue(html.contains("{{reference}} **Bold** _x_ / # Not a heading<br>\n- not a list<br>\n1. nor this"), html)
        XCTAssertFalse(html.contains("<strong>"))

        // Links, images and raw HTML are text too, in the .md as in the HTML made from it.
        c.complainantName = "<script>alert(1)</script> [x](javascript:alert(2)) ![img](http://evil/x.png) <http://evil>"
        c.subjectChild = ""
        let linked = try book.render(name: "plain", record: LetterCases.record(c, today: "2022-01-11"), settings: LetterCases.settings, today: day("2022-01-11"))
        XCTAssertEqual(linked, #"\<script>alert(1)\</script> \[x\](javascript:alert(2)) !\[img\](http://evil/x.png) \<http://evil> /"# + "\n")
        let linkedHTML = LetterOutput.html(markdown: linked, title: "t")
        XCTAssertTrue(linkedHTML.contains("&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(2)) ![img](http://evil/x.png) &lt;http://evil&gt;"), linkedHTML)
    }

    func testAnAcknowledgementGivesTheDueDateCountedFromItsOwnDate() throws {
        let book = LetterBook.load(directory: nil)
        // A corporate complaint's clock counts from its acknowledgement.
        var c = LetterCases.complaint()
        c.procedure = .corporate
        let r = LetterCases.record(c, today: "2022-01-11")
        XCTAssertNil(r.clock.current?.acknowledged)
        let text = try book.render(name: "acknowledgement", record: r, settings: LetterCases.settings, today: day("2022-01-11"))
        c.events.append(.acknowledged(day("2022-01-11")))
        let due = try XCTUnwrap(c.clock(calendar: LetterCases.cal, today: day("2022-01-11")).current?.due)
        XCTAssertNotEqual(due, r.clock.current?.due, "the provisional date is not the one the letter should give")
        XCTAssertTrue(text.contains("**" + LetterFields.date(due) + "**"), text)
    }

    func testALetterForAStageTheCaseHasNotReachedIsRefused() {
        let book = LetterBook.load(directory: nil)
        XCTAssertThrowsError(try book.render(name: "stage2-acknowledgement", record: LetterCases.new(), settings: LetterCases.settings, today: day("2022-01-11"))) { e in
            XCTAssertEqual("\(e)", "stage2-acknowledgement is a stage 2 letter, and CS-2022-0007 has not reached stage 2")
        }
    }

    func testControlCharactersInACouncilsFileNeverReachTheLetter() throws {
        let dir = TemporaryDirectory()
        try "Hello\u{1B}[31m {{complainant_name}}\r\n".write(toFile: dir.file("odd.mustache"), atomically: true, encoding: .utf8)
        let book = LetterBook.load(directory: dir.path)
        let text = try book.render(name: "odd", record: LetterCases.new(), settings: LetterCases.settings, today: day("2022-01-11"))
        XCTAssertEqual(text, "Hello[31m Mrs Alice Patel\n")
    }

    func testSendingAnAcknowledgementAcknowledgesAndARespondNeedsEveryFinding() throws {
        let new = LetterCases.new()
        let ack = try LetterSending.step(for: "acknowledgement", record: new, date: day("2022-01-11"), respond: false, today: day("2022-01-11")).get()
        XCTAssertEqual(ack?.events.map(\.kind), [.acknowledged])
        XCTAssertEqual(ack?.events.first?.date, day("2022-01-11"))
        let extended = LetterCases.extended()
        XCTAssertNil(try LetterSending.step(for: "acknowledgement", record: extended, date: day("2022-01-20"), respond: false, today: day("2022-01-20")).get(),
                     "an acknowledged stage records the letter alone")
        guard case .failure(let p) = LetterSending.step(for: "stage1-response", record: extended, date: day("2022-01-20"), respond: true, today: day("2022-01-20")) else {
            return XCTFail("no findings: refused")
        }
        XCTAssertTrue(p.message.hasPrefix("issue 1 (Communication) has no stage 1 finding"), p.message)
        guard case .failure(let q) = LetterSending.step(for: "acknowledgement", record: extended, date: day("2022-01-20"), respond: true, today: day("2022-01-20")) else {
            return XCTFail("--respond with an acknowledgement: refused")
        }
        XCTAssertEqual(q.message, "--respond goes with the response letter (stage1-response)")
        guard case .failure(let e) = LetterSending.step(for: "enquiry-reply", record: LetterCases.enquiry(), date: day("2022-01-14"), respond: true, today: day("2022-01-14")) else {
            return XCTFail("an enquiry's answer is a move")
        }
        XCTAssertTrue(e.message.hasPrefix("--respond is for a complaint's response letter"), e.message)

        var found = LetterCases.extended().contact
        for i in found.issues.indices { found.issues[i].findings[1] = .upheld }
        let r = LetterCases.record(found, today: "2022-01-24")
        let step = try LetterSending.step(for: "stage1-response", record: r, date: day("2022-01-24"), respond: true, today: day("2022-01-24")).get()
        XCTAssertEqual(step?.events.first?.kind, .responded)
    }
}
