import Foundation
import HeardCore
@testable import HeardLetters
import HeardTestSupport
import XCTest

/// `LetterBook.fit`: the one rule that refuses a letter that does not fit its case, and the
/// warnings for one that can go but needs a look; and the wording fixes of the shipped letters.
final class LetterFitTests: XCTestCase {
    let book = LetterBook.load(directory: nil)
    let settings = LetterCases.settings

    func refusal(_ name: String, _ r: CaseRecord, _ date: String) -> String? { LetterBook.fit(name, record: r, date: day(date)).refusal }

    func testLettersThatDoNotFitAreRefusedWithWhy() {
        XCTAssertEqual(refusal("extension", LetterCases.new(), "2022-01-11"),
                       "extension: stage 1 of CS-2022-0007 has no extension; record it first (heard move CS-2022-0007 extend …)")
        XCTAssertNil(refusal("extension", LetterCases.extended(), "2022-01-20"))
        XCTAssertEqual(refusal("not-accepted", LetterCases.new(), "2022-01-11"),
                       "not-accepted: CS-2022-0007 is not recorded as not accepted (heard move CS-2022-0007 not-accepted --reason …)")
        XCTAssertNil(refusal("not-accepted", LetterCases.notAccepted(), "2022-01-12"))
        XCTAssertEqual(refusal("compliment-thanks", LetterCases.new(), "2022-01-11"),
                       "compliment-thanks is a letter for a compliment, and CS-2022-0007 is a complaint")
        XCTAssertEqual(refusal("stage3-outcome", LetterCases.enquiry(), "2022-01-14"),
                       "stage3-outcome is a letter for a complaint, and CS-2022-0007 is an enquiry")
        XCTAssertEqual(refusal("stage3-outcome", LetterCases.new(), "2022-01-11"),
                       "stage3-outcome is a stage 3 letter, and CS-2022-0007 has not reached stage 3")
        // At stage 2 with no stage 2 findings: which issues lack them.
        XCTAssertEqual(refusal("stage2-adjudication", LetterCases.atStage2(), "2022-02-02"),
                       "stage2-adjudication: issues 1 (Communication), 2 (Placement) have no stage 2 finding; record them first (heard move CS-2022-0007 finding --issue N --verdict …)")
        XCTAssertNil(refusal("stage2-adjudication", LetterCases.atStage2(answered: true), "2022-03-01"))
        // Stage 1's acknowledgement at stage 2: the stage's own letter is named (a trial sent it,
        // and the stage stayed unacknowledged). At stage 1 it goes.
        XCTAssertEqual(refusal("acknowledgement", LetterCases.atStage2(), "2022-02-02"),
                       "acknowledgement is stage 1's letter, and CS-2022-0007 is at stage 2, whose acknowledgement is stage2-acknowledgement")
        XCTAssertNil(refusal("acknowledgement", LetterCases.new(), "2022-01-11"))
        XCTAssertNil(refusal("acknowledgement", LetterCases.enquiry(), "2022-01-11"))
        // The same refusal from render, which both the command line and `L` call.
        XCTAssertThrowsError(try book.render(name: "not-accepted", record: LetterCases.new(), settings: settings, today: day("2022-01-11"))) { e in
            XCTAssertEqual((e as? LetterError)?.description.hasPrefix("not-accepted: CS-2022-0007 is not recorded"), true)
        }
    }

    func testWarningsForAPastDueDateAPanelToComeAnEmptyReplyAndUnknownFields() throws {
        // Acknowledged a month late: the due date is gone; the letter says sorry, not "by".
        let late = LetterCases.new()
        let fit = LetterBook.fit("acknowledgement", record: late, date: day("2022-03-01"))
        XCTAssertNil(fit.refusal)
        XCTAssertEqual(fit.warnings.count, 1)
        XCTAssertTrue(fit.warnings[0].contains("before the letter's date 2022-03-01"), fit.warnings[0])
        let text = try book.render(name: "acknowledgement", record: late, settings: settings, today: day("2022-03-01"))
        XCTAssertTrue(text.contains("I am sorry that we have not yet done so"), text)
        XCTAssertFalse(text.contains("We aim to send you our full response by"), text)

        // The panel meets after the letter: "will meet", and a warning.
        var c = LetterCases.atStage3(answered: true).contact
        c.stagePeople.panelDate = day("2022-05-10")
        let r = LetterCases.record(c, today: "2022-04-20")
        XCTAssertTrue(LetterBook.fit("stage3-outcome", record: r, date: day("2022-04-20")).warnings.first?.contains("the letter says it will meet") ?? false)
        let outcome = try book.render(name: "stage3-outcome", record: r, settings: settings, today: day("2022-04-20"))
        XCTAssertTrue(outcome.contains("The Review Panel will meet on 10 May 2022"), outcome)
        let met = try book.render(name: "stage3-outcome", record: LetterCases.atStage3(answered: true), settings: settings, today: day("2022-04-20"))
        XCTAssertTrue(met.contains("The Review Panel met on 5 April 2022 to consider your complaint at stage 3, the final stage of our complaints procedure."), met)
        XCTAssertEqual(LetterBook.fit("stage3-outcome", record: LetterCases.atStage3(answered: true), date: day("2022-04-20")).warnings, [])

        let noReply = LetterBook.fit("enquiry-reply", record: LetterCases.enquiry(), date: day("2022-01-14"), fields: ["replly": "x"])
        XCTAssertEqual(noReply.warnings.count, 2, "\(noReply.warnings)")
        XCTAssertEqual(LetterBook.fit("enquiry-reply", record: LetterCases.enquiry(), date: day("2022-01-14"), fields: ["reply": "Yes."]).warnings, [])
    }

    func testTheAcknowledgementOfAnEnquiryIsWordedForAnEnquiry() throws {
        let text = try book.render(name: "acknowledgement", record: LetterCases.enquiry(), settings: settings, today: day("2022-01-11"))
        XCTAssertTrue(text.contains("**Your enquiry: acknowledgement**"), text)
        XCTAssertFalse(text.contains("your complaint") || text.contains("complaints procedure"), text)
        XCTAssertFalse(text.contains("(Response)"), text)
        var c = LetterCases.enquiry().contact
        c.kind = .memberEnquiry
        let member = try book.render(name: "acknowledgement", record: LetterCases.record(c, today: "2022-01-11"), settings: settings, today: day("2022-01-11"))
        XCTAssertFalse(member.contains("advocate"), member)
    }

    func testWording() throws {
        var s2 = LetterCases.atStage2().contact
        s2.advocate = "Children's Rights Team"
        let ack2 = try book.render(name: "stage2-acknowledgement", record: LetterCases.record(s2, today: "2022-02-02"), settings: settings, today: day("2022-02-02"))
        XCTAssertTrue(ack2.contains("investigated by Chris Bell, an Investigating Officer who has not been involved"), ack2)
        XCTAssertTrue(ack2.contains("keep the Children's Rights Team informed"), ack2)
        var s3 = LetterCases.atStage3().contact
        s3.advocate = "Children's Rights Team"
        let arr = try book.render(name: "stage3-arrangements", record: LetterCases.record(s3, today: "2022-03-11"), settings: settings, today: day("2022-03-11"))
        XCTAssertTrue(arr.contains("such as the Children's Rights Team"), arr)
        XCTAssertFalse(arr.contains("stage 3 of our complaints procedure ("), arr)
        var low = LetterCases.answered().contact
        low.issues[0].category = "communication and information"
        let resp = try book.render(name: "stage1-response", record: LetterCases.record(low, today: "2022-01-21"), settings: settings, today: day("2022-01-21"))
        XCTAssertTrue(resp.contains("**Communication and information**"), resp)
        let adj = try book.render(name: "stage2-adjudication", record: LetterCases.atStage2(answered: true), settings: settings, today: day("2022-03-01"))
        XCTAssertFalse(adj.contains("by a Review Panel at stage 3 ("), adj)
    }

    func testAnUnsignedLetterLeavesASignatureLineAndTheDocxKeepsTheSignOffTogether() throws {
        var unsigned = settings
        unsigned.signatoryName = ""
        let text = try book.render(name: "acknowledgement", record: LetterCases.new(), settings: unsigned, today: day("2022-01-11"))
        XCTAssertTrue(text.contains("Yours sincerely\n\n\\_\\_\\_"), text)
        let xml = LetterDocx.document(MarkdownReader.blocks(text))
        XCTAssertTrue(xml.contains("____________________"), "a line to sign on")
        let closing = try XCTUnwrap(xml.range(of: "Yours sincerely"))
        let para = xml[..<closing.lowerBound].components(separatedBy: "<w:p>").last ?? ""
        XCTAssertTrue(para.contains("<w:keepNext/>") && para.contains(#"w:after="1100""#), para)
    }

    func testThePreviewShowsMarkdownAsItReads() {
        let lines = LetterScreen.lines("## What we found\n\n1. **Communication**: upheld\n\n---\n\nYours", width: 40)
        XCTAssertEqual(lines.map(\.kind), [.heading, .blank, .text, .blank, .rule, .blank, .text])
        XCTAssertEqual(lines[0].text, "What we found")
        XCTAssertEqual(lines[2].spans, [LetterScreenSpan(text: "1. ", bold: false), LetterScreenSpan(text: "Communication", bold: true),
                                        LetterScreenSpan(text: ": upheld", bold: false)])
        XCTAssertFalse(lines.contains { $0.text.contains("**") || $0.text.contains("#") })
        let wrapped = LetterScreen.lines("- one two three four five six", width: 12)
        XCTAssertEqual(wrapped.map(\.text), ["- one two", "  three four", "  five six"])
    }
}
