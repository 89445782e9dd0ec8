import Foundation
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// Importing contacts from CSV (DESIGN.md, Import format): all or nothing, every bad row listed
/// as `line N: field: problem`, spreadsheet quirks accepted, control characters dropped.
final class CSVImportTests: XCTestCase {
    func testFileWithBadRowsImportsNothingAndListsEveryProblem() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let problems = importProblems(store, badRowsCSV)
        let lines = problems.map(\.description)
        XCTAssertEqual(problems.map(\.line), [3, 4, 7, 8], lines.joined(separator: "\n"))
        XCTAssertTrue(lines[0].hasPrefix("line 3: kind: is not one of"), lines[0])
        XCTAssertTrue(lines[1].hasPrefix("line 4: received: is not a date that exists"), lines[1])
        XCTAssertTrue(lines[2].hasPrefix("line 7: service_area: is not a configured service area"), lines[2])
        XCTAssertTrue(lines[3].hasPrefix("line 8: stage2_requested: "), lines[3])
        XCTAssertTrue(lines[3].contains("before the stage 1 response"), lines[3])
        XCTAssertEqual(try store.contactCount(), 0)
        XCTAssertEqual(try auditCount(store.path), 0)
    }

    func testProblemsDoNotRepeatTheNameOfTheComplainant() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let text = importProblems(store, badRowsCSV).map(\.description).joined(separator: "\n")
        for name in ["Ann Goodrow", "Bob Kindless", "Cat Datewrong", "Dan Quotedline", "Eve Nowhere", "Fay Earlyask"] {
            XCTAssertFalse(text.contains(name), "a problem message repeats '\(name)'")
        }
    }

    func testSpreadsheetFileWithBOMCRLFAndQuotedFields() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let summary = try importText(store, spreadsheetCSV)
        XCTAssertEqual(summary.imported, 2)
        let c = try store.contact(reference: "Q-1")
        XCTAssertEqual(c.kind, .complaint)
        XCTAssertEqual(c.received, day("2022-01-10"))
        XCTAssertEqual(c.serviceArea, "Care Leavers")
        // Line ends inside the field are checked in testCRLFInsideAQuotedFieldIsStoredAsALineFeed.
        XCTAssertEqual(c.summary.replacingOccurrences(of: "\r\n", with: "\n"), "Said \"no\", then, later\nwrote again")
        XCTAssertEqual(c.complainantName, "O'Brien, Mary")
        XCTAssertEqual(c.categories, ["communication and information", "delay or timeliness"])
        let m = try store.contact(reference: "Q-2")
        XCTAssertEqual(m.kind, .memberEnquiry)
        XCTAssertEqual(m.serviceArea, "Children Looked After")
        XCTAssertEqual(m.received, day("2022-02-01"))
        XCTAssertEqual(m.channel, .webForm)
    }

    /// ContactCSV.RowReader.text normalises line breaks inside fields with `s.contains("\r")`,
    /// but in Swift "\r\n" is one Character, so a CRLF (what spreadsheets write) is never found
    /// and is stored as CR LF; only a lone CR becomes LF.
    func testCRLFInsideAQuotedFieldIsStoredAsALineFeed() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        try importText(store, "reference,kind,received,service_area,summary\r\nL-1,compliment,2022-01-10,Adoption,\"first\r\nsecond\"\r\nL-2,compliment,2022-01-10,Adoption,\"third\rfourth\"\r\n")
        XCTAssertEqual(Array(try store.contact(reference: "L-2").summary.unicodeScalars), Array("third\nfourth".unicodeScalars))
        XCTAssertEqual(Array(try store.contact(reference: "L-1").summary.unicodeScalars), Array("first\nsecond".unicodeScalars))
    }

    func testUKDatesAndCaseInsensitiveValues() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        try importText(store, ukDatesCSV)
        let c = try store.contact(reference: "U-1")
        XCTAssertEqual(c.received, day("2022-03-04"))
        XCTAssertEqual(c.complainantRole, .fosterCarer)
        XCTAssertTrue(c.isChildOrYoungPerson)
        XCTAssertEqual(c.procedure, .corporate)
        XCTAssertEqual(c.events.map(\.kind), [.acknowledged, .responded])
        XCTAssertEqual(c.events.last?.date, day("2022-03-18"))
        XCTAssertEqual(c.events.last?.outcome, .partiallyUpheld)
        XCTAssertEqual(c.events.last?.satisfied, true)
    }

    func testControlCharactersAreDroppedAndCounted() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let summary = try importText(store, controlCharactersCSV)
        XCTAssertEqual(summary.droppedControlCharacters, 3)
        let c = try store.contact(reference: "E-1")
        XCTAssertEqual(c.summary, "Red [31malert[0m text")
        XCTAssertEqual(c.complainantName, "Bell Ringer")
        XCTAssertFalse(c.summary.unicodeScalars.contains { $0.value == 0x1B })
        XCTAssertTrue((try store.exportCSV(today: fixedToday)).unicodeScalars.allSatisfy { $0.value != 0x1B && $0.value != 0x07 })
    }

    /// A line break of another kind in a cell (NEL, U+2028, a form feed) parts words as a line
    /// feed does; it was dropped, and "Nel Split" was stored, listed and searched as "NelSplit".
    func testOtherLineBreaksPartWordsAndAreNotCountedDropped() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let csv = "reference,kind,received,service_area,complainant_name,summary\n"
            + "E-1,compliment,2022-01-10,Adoption,Nel\u{85}Split,one\u{2028}two\u{0C}three\n"
        let summary = try importText(store, csv)
        XCTAssertEqual(summary.droppedControlCharacters, 0)
        let c = try store.contact(reference: "E-1")
        XCTAssertEqual(c.summary, "one two three", "a break the file did not end a line with is a space")
        XCTAssertEqual(c.complainantName, "Nel Split", "a name is on one line")
        XCTAssertEqual(PersonName(c.complainantName).words, ["nel", "split"])
    }

    /// A name, an area, an officer or a reference is one line, whatever break the file put in it:
    /// "Amira\nBellweather" was printed over two lines by heard show (a trial).
    func testOneLineFieldsTakeASpaceForALineBreak() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let csv = "reference,kind,received,service_area,complainant_name,subject_child,advocate,officer,team,summary\n"
            + "E-1,complaint,2022-01-10,Adoption,\"Amira\nBellweather\",\"Bram\r\nQuistorp\",Voice\u{2028}Advocacy,Jo\u{0B}Officer,Team\tA,\"one\ntwo\"\n"
        _ = try importText(store, csv)
        let c = try store.contact(reference: "E-1")
        XCTAssertEqual([c.complainantName, c.subjectChild, c.advocate, c.officer, c.team], ["Amira Bellweather", "Bram Quistorp", "Voice Advocacy", "Jo Officer", "Team A"])
        XCTAssertEqual(c.summary, "one\ntwo", "free text keeps its lines")
    }

    func testBlankReferencesAreGeneratedPerYear() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        try importText(store, generatedReferencesCSV)
        let refs = try store.allContacts().map { "\($0.reference) \($0.summary)" }.sorted()
        XCTAssertEqual(refs, ["CS-2021-0001 given", "CS-2021-0002 first 2021", "CS-2021-0003 second 2021", "CS-2022-0001 first 2022"])
        try importText(store, "kind,received,service_area,summary\ncompliment,2021-07-01,Adoption,third 2021\n")
        XCTAssertEqual(try store.contact(reference: "CS-2021-0004").summary, "third 2021")
    }

    func testDuplicateReferenceInTheFileIsRefused() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let problems = importProblems(store, "reference,kind,received,service_area\nD-1,compliment,2022-01-10,Adoption\nd-1,compliment,2022-01-11,Adoption\n")
        XCTAssertEqual(problems.map(\.description), ["line 3: reference: the same reference is also used on line 2"])
        XCTAssertEqual(try store.contactCount(), 0)
    }

    func testReferenceAlreadyInTheDatabaseIsRefused() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        try importText(store, "reference,kind,received,service_area\nD-1,compliment,2022-01-10,Adoption\n")
        let problems = importProblems(store, "reference,kind,received,service_area\nD-2,compliment,2022-01-10,Adoption\nd-1,enquiry,2022-01-11,Adoption\n")
        XCTAssertEqual(problems.map(\.description), ["line 3: reference: d-1 is already in the database"])
        XCTAssertEqual(try store.contactCount(), 1)
    }

    func testDryRunWritesNothing() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let s = try importText(store, spreadsheetCSV, dryRun: true)
        XCTAssertTrue(s.dryRun)
        XCTAssertEqual(s.imported, 2)
        XCTAssertEqual(s.byKind[.complaint], 1)
        XCTAssertEqual(try store.contactCount(), 0)
        XCTAssertEqual(try auditCount(store.path), 0)
    }

    func testDatesInTheFutureAreRefused() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let problems = importProblems(store, "kind,received,service_area\ncomplaint,2022-06-16,Adoption\n")
        XCTAssertEqual(problems.map(\.description), ["line 2: received: is in the future (today is 2022-06-15)"])
    }

    func testMissingRequiredColumnIsReportedOnTheHeaderLine() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let problems = importProblems(store, "kind,received\ncomplaint,2022-01-10\n")
        XCTAssertEqual(problems.map(\.description), ["line 1: service_area: required column is missing"])
    }

    func testUnclosedQuoteStopsTheFileNamingItsLine() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let problems = importProblems(store, "kind,received,service_area,summary\ncompliment,2022-01-10,Adoption,fine\ncompliment,2022-01-10,Adoption,\"never closed\n")
        XCTAssertEqual(problems.map(\.line), [3])
        XCTAssertEqual(try store.contactCount(), 0)
    }

    func testSmallExportRoundTripsThroughAFreshDatabase() throws {
        let dir = TemporaryDirectory()
        let a = try makeStore(in: dir, name: "a.sqlite")
        try importText(a, spreadsheetCSV)
        try importText(a, ukDatesCSV)
        try importText(a, historyCSV)
        let first = try a.exportCSV(today: fixedToday)
        let b = try makeStore(in: dir, name: "b.sqlite")
        let s = try importText(b, first)
        XCTAssertEqual(s.imported, try a.contactCount())
        XCTAssertEqual(try b.exportCSV(today: fixedToday), first)
    }

    func testDemoExportRoundTripsThroughAFreshDatabase() throws {
        let dir = TemporaryDirectory()
        let a = try makeStore(in: dir, name: "demo.sqlite")
        try a.writeDemo(today: fixedToday)
        let first = try a.exportCSV(today: fixedToday)
        let b = try makeStore(in: dir, name: "copy.sqlite")
        let s = try importText(b, first)
        XCTAssertEqual(s.imported, try a.contactCount())
        let second = try b.exportCSV(today: fixedToday)
        if second != first {
            let x = first.components(separatedBy: "\r\n"), y = second.components(separatedBy: "\r\n")
            let diff = zip(x, y).filter { $0 != $1 }.prefix(3).map { "- \($0)\n+ \($1)" }
            XCTFail("exports differ in \(zip(x, y).filter { $0 != $1 }.count) lines:\n" + diff.joined(separator: "\n"))
        }
    }
}

// MARK: - Fixtures

/// Records start on lines 2 (good), 3 (unknown kind), 4 (no such date), 5 (good; its quoted
/// summary runs onto line 6), 7 (unknown service area) and 8 (stage 2 asked before the answer).
private let badRowsCSV = """
reference,kind,received,service_area,complainant_name,summary,stage1_response,stage2_requested
B-1,complaint,2022-01-10,Care Leavers,Ann Goodrow,fine,,
B-2,grievance,2022-01-10,Care Leavers,Bob Kindless,unknown kind,,
B-3,complaint,31/02/2022,Care Leavers,Cat Datewrong,no such day,,
B-4,complaint,2022-01-10,Care Leavers,Dan Quotedline,"two
lines",,
B-5,complaint,2022-01-10,Narnia,Eve Nowhere,unknown area,,
B-6,complaint,2022-01-10,Care Leavers,Fay Earlyask,asks early,2022-02-01,2022-01-20

"""

private let spreadsheetCSV = "\u{FEFF}Reference,KIND,Received,Service_Area,complainant_name,categories,summary,channel\r\n"
    + "Q-1, Complaint , 2022-01-10 ,care leavers,\"O'Brien, Mary\",Communication;  DELAY ,\"Said \"\"no\"\", then, later\r\nwrote again\",email\r\n"
    + "Q-2,  MEMBER ENQUIRY,01/02/2022,  children looked after ,Cllr X,,asks,Web Form\r\n"

private let ukDatesCSV = """
reference,kind,received,service_area,procedure,complainant_role,child_or_young_person,acknowledged,stage1_response,stage1_outcome,stage1_satisfied
U-1,complaint,4/3/2022,Fostering Service,Corporate,Foster Carer,YES,07/03/2022,18/03/2022,Partially Upheld,Yes

"""

private let controlCharactersCSV = "reference,kind,received,service_area,complainant_name,summary\n"
    + "E-1,compliment,2022-01-10,Adoption,Bell\u{07} Ringer,Red \u{1B}[31malert\u{1B}[0m text\n"

private let generatedReferencesCSV = """
reference,kind,received,service_area,summary
,compliment,2021-05-01,Adoption,first 2021
CS-2021-0001,compliment,2021-05-02,Adoption,given
,compliment,2021-12-05,Adoption,second 2021
,enquiry,2022-05-05,Adoption,first 2022

"""

private let historyCSV = """
reference,kind,received,service_area,complainant_name,categories,acknowledged,stage1_response,stage1_outcome,stage1_satisfied,stage2_requested,stage2_response,stage2_outcome,ombudsman_referred,ombudsman_decision,closed
H-1,complaint,2021-09-01,Care Leavers,"Zoë ""Zo"" Hughes",placement,2021-09-03,2021-09-14,not upheld,no,2021-09-20,2021-10-20,upheld,2021-11-30,not upheld,
H-2,complaint,2022-02-01,Adoption,李小龍,other,,,withdrawn,,,,,,,2022-02-10
H-3,enquiry,2022-06-01,Residential,Someone,,,2022-06-08,,,,,,,,

"""
