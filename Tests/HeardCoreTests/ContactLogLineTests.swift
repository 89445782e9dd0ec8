import HeardCore
import XCTest

/// The contact log's one-line entry (`l` on a case), with awkward input.
final class ContactLogLineTests: XCTestCase {
    let cal = WorkingDayCalendar.englandAndWales
    let now = LogTime(date: LocalDate(iso: "2022-06-15")!, minutes: 10 * 60)

    func entry(_ s: String, file: StaticString = #filePath, line: UInt = #line) -> LogEntry? {
        switch ContactLogLine.parse(s, now: now, calendar: cal) {
        case .success(let e): return e
        case .failure(let e): XCTFail("\(s): \(e.message)", file: file, line: line); return nil
        }
    }

    func problem(_ s: String, file: StaticString = #filePath, line: UInt = #line) -> ContactLogLineError? {
        switch ContactLogLine.parse(s, now: now, calendar: cal) {
        case .success(let e): XCTFail("\(s) read as \(e.preview)", file: file, line: line); return nil
        case .failure(let e): return e
        }
    }

    func testTheIssueExamplesRead() {
        let a = entry("out call \"Mrs Patel\" yesterday 14:30 chased the stage 1 response")
        XCTAssertEqual(a?.direction, .outgoing)
        XCTAssertEqual(a?.kind, .call)
        XCTAssertEqual(a?.with, "Mrs Patel")
        XCTAssertEqual(a?.at.text, "2022-06-14 14:30")
        XCTAssertEqual(a?.note, "chased the stage 1 response")

        let b = entry("in email @school: asked for the report")
        XCTAssertEqual(b?.direction, .incoming)
        XCTAssertEqual(b?.kind, .email)
        XCTAssertEqual(b?.with, "school")
        XCTAssertEqual(b?.at, now, "no time given: now")
        XCTAssertEqual(b?.note, "asked for the report")
    }

    func testDefaultsOrderAndCase() {
        let plain = entry("asked for an update")
        XCTAssertEqual(plain?.direction, .incoming)
        XCTAssertEqual(plain?.kind, .call)
        XCTAssertEqual(plain?.with, "")
        XCTAssertEqual(plain?.note, "asked for an update")
        // Kind before direction, in capitals, @"two words", a time alone for today.
        let e = entry("VISIT Out @\"Head of Service\" 9:05 walked the site")
        XCTAssertEqual(e?.kind, .visit)
        XCTAssertEqual(e?.direction, .outgoing)
        XCTAssertEqual(e?.with, "Head of Service")
        XCTAssertEqual(e?.at.text, "2022-06-15 09:05")
        XCTAssertEqual(e?.note, "walked the site")
        // A date alone keeps no time of day; a dash ends the head.
        let d = entry("letter out @council 4/3 - sent the form")
        XCTAssertEqual(d?.at.text, "2022-03-04")
        XCTAssertEqual(d?.note, "sent the form")
    }

    func testWithWhomAloneIsEnoughAndUnicodeNamesKeepTheirLetters() {
        let e = entry("meeting @\"Zoë O'Brien-Nguyễn\"")
        XCTAssertEqual(e?.with, "Zoë O'Brien-Nguyễn")
        XCTAssertEqual(e?.note, "")
        XCTAssertEqual(e?.kind, .meeting)
    }

    func testANoteThatBeginsWithAWordLikeAKeywordIsKeptWhole() {
        // Only the first direction and kind are the head's; "in" later is the note's.
        let e = entry("out call in the afternoon, no answer")
        XCTAssertEqual(e?.direction, .outgoing)
        XCTAssertEqual(e?.note, "in the afternoon, no answer")
        // Numbers in the note are not a date: only dates and times right after the head are read.
        XCTAssertEqual(entry("call 3 calls this week, all about 14:30")?.note, "3 calls this week, all about 14:30")
    }

    func testALongNoteFromTheEditorKeepsItsLines() {
        let e = entry("out email @school: first line\nsecond line\n\nthird")
        XCTAssertEqual(e?.note, "first line\nsecond line\n\nthird")
        XCTAssertEqual(ContactLogLine.head("out email @school: first line", noteStart: 19), "out email @school:")
        guard case .success(let d) = ContactLogLine.read("out email @school: first", now: now, calendar: cal) else { return XCTFail("not read") }
        XCTAssertEqual(d.noteStart, 19)
    }

    func testProblemsSayWhatAndWhere() {
        // An unclosed quote: at the quote.
        let q = problem("out call \"Mrs Patel chased")
        XCTAssertEqual(q?.offset, 9)
        XCTAssertTrue(q?.message.contains("not closed") == true)
        let qa = problem("call @\"Mrs Patel")
        XCTAssertEqual(qa?.offset, 6)
        // @ with no name.
        XCTAssertEqual(problem("call @ hello")?.offset, 5)
        XCTAssertEqual(problem("call @\"\" hello")?.offset, 5)
        // A time that is no time of day: at it.
        let t = problem("call @school yesterday 25:30 rang")
        XCTAssertEqual(t?.offset, 23)
        XCTAssertTrue(t?.message.contains("25:30") == true)
        // A date that is no date, and one that has not happened yet.
        let d = problem("call @school 31/2 rang")
        XCTAssertEqual(d?.offset, 13)
        XCTAssertTrue(d?.message.contains("31/2") == true)
        let f = problem("out call tomorrow 10:00 to chase")
        XCTAssertEqual(f?.offset, 9)
        XCTAssertTrue(f?.message.contains("not happened") == true, f?.message ?? "")
        // Nothing said and nobody named.
        for empty in ["", "   ", "out call", "in email yesterday", "\t", "out call :"] {
            XCTAssertTrue(problem(empty)?.message.contains("with whom") == true, empty)
        }
    }

    func testPreviewReadsAsTheLogWill() {
        XCTAssertEqual(entry("out call \"Mrs Patel\" yesterday 14:30 chased")?.preview, "2022-06-14 14:30  call out to Mrs Patel: chased")
        XCTAssertEqual(entry("in email @school: asked")?.preview, "2022-06-15 10:00  email in from school: asked")
    }

    func testAPastTenseVerbSaysTheKindAndOutAndStaysInTheNote() {
        let e = entry("emailed the school about it")
        XCTAssertEqual(e?.kind, .email)
        XCTAssertEqual(e?.direction, .outgoing)
        XCTAssertEqual(e?.note, "emailed the school about it")
        let v = entry("visited the home")
        XCTAssertEqual(v?.kind, .visit)
        XCTAssertEqual(v?.direction, .outgoing)
        let c = entry("called back at 3pm")
        XCTAssertEqual(c?.kind, .call)
        XCTAssertEqual(c?.direction, .outgoing)
        XCTAssertEqual(c?.note, "called back at 3pm", "no word eaten; 3pm in the note is the note's")
        XCTAssertEqual(c?.at, now)
        for (line, kind) in [("rang mum", LogKind.call), ("phoned her", .call), ("wrote to the MP", .letter), ("met the family", .meeting)] {
            XCTAssertEqual(entry(line)?.kind, kind, line)
            XCTAssertEqual(entry(line)?.direction, .outgoing, line)
            XCTAssertEqual(entry(line)?.note, line)
        }
        // After a head: the verb still says what happened unless the head said it.
        let h = entry("@school yesterday emailed the report")
        XCTAssertEqual(h?.kind, .email)
        XCTAssertEqual(h?.with, "school")
        XCTAssertEqual(h?.at.text, "2022-06-14")
        XCTAssertEqual(entry("in called to ask")?.direction, .incoming, "the typed direction wins")
        XCTAssertEqual(entry("letter emailed a copy")?.kind, .letter, "the typed kind wins")
        // Received and got: in, with the kind when a word says it.
        let r = entry("received an email from the school")
        XCTAssertEqual(r?.direction, .incoming)
        XCTAssertEqual(r?.kind, .email)
        XCTAssertEqual(r?.note, "received an email from the school")
        XCTAssertEqual(entry("got a letter, dated last week")?.kind, .letter)
        XCTAssertEqual(entry("out got nowhere")?.direction, .outgoing)
    }

    func testTwelveHourAndDottedTimesRead() {
        XCTAssertEqual(entry("out call @school 2:30pm rang")?.at.text, "2022-06-15 14:30")
        XCTAssertEqual(entry("out call @school yesterday 9.30 rang")?.at.text, "2022-06-14 09:30")
        XCTAssertEqual(entry("call 3pm rang")?.at.text, "2022-06-15 15:00")
        XCTAssertEqual(entry("call 12am rang")?.at.text, "2022-06-15 00:00")
        XCTAssertEqual(entry("call 12:15pm rang")?.at.text, "2022-06-15 12:15")
        XCTAssertEqual(entry("call 3.5 hours on hold")?.note, "3.5 hours on hold", "not a time: the note's")
        XCTAssertTrue(problem("call 13pm rang")?.message.contains("13pm") == true)
        XCTAssertTrue(problem("call 9.75 rang")?.message.contains("9.75") == true)
    }

    func testATimeBeforeTheCaseWasReceivedIsRefused() {
        let received = LocalDate(iso: "2022-06-01")!
        guard case .failure(let e) = ContactLogLine.parse("out call 2019-01-01 rang", now: now, calendar: cal, received: received) else {
            return XCTFail("read")
        }
        XCTAssertEqual(e.message, "2019-01-01 is before the case was received on 2022-06-01")
        XCTAssertEqual(e.offset, 9)
        guard case .success = ContactLogLine.parse("out call 2022-06-01 rang", now: now, calendar: cal, received: received) else {
            return XCTFail("the day it was received is fine")
        }
    }

    func testEmptyQuotesSayTheQuotesHoldNoName() {
        XCTAssertEqual(problem("out call \"\" left a message")?.message.hasPrefix("the quotes hold no name"), true)
        XCTAssertEqual(problem("out call @\"\" left a message")?.message.hasPrefix("the quotes hold no name"), true)
        XCTAssertEqual(problem("out call @ left")?.message.hasPrefix("@ needs a name"), true)
    }
}
