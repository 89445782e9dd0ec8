import HeardCore
import HeardTestSupport
import XCTest

final class ReportTests: XCTestCase {
    let fy = Period.financialYear(starting: 2021)

    func build(_ contacts: [Contact], areas: [String] = [], learning: [LearningPoint] = [], actions: [ActionItem] = [],
               today: String = "2022-06-30") -> ReportGroup {
        AnnualReport.build(ReportInput(contacts: contacts, learning: learning, actions: actions),
                           ReportOptions(period: fy, serviceAreas: areas, today: day(today)))
    }

    func count(_ g: ReportGroup, _ path: String, file: StaticString = #filePath, line: UInt = #line) -> Int? {
        g.value(at: path)?.count
    }

    func testCountsBelongByReceivedDateAndStagesByStartDate() {
        var escalated = sampleComplaint(received: "2021-02-01", area: "Adoption")  // previous year
        escalated.reference = "A"
        escalated.events = [.responded(day("2021-02-10"), stage: 1), .nextStageRequested(day("2021-04-06"), stage: 2, lateReason: "x"),
                            .responded(day("2021-05-05"), stage: 2)]
        var inYear = sampleComplaint(received: "2021-06-01", area: "Care Leavers", cyp: true)
        inYear.reference = "B"
        inYear.issues[0].findings[1] = .upheld
        inYear.events = [.responded(day("2021-06-10"), stage: 1, satisfied: true)]
        var compliment = Contact(reference: "C", kind: .compliment, received: day("2021-07-01"), serviceArea: "Fostering Service")
        compliment.complainantName = "Someone"
        let after = Contact(reference: "D", kind: .enquiry, received: day("2022-04-01"), serviceArea: "Adoption")
        let r = build([escalated, inYear, compliment, after])
        XCTAssertEqual(count(r, "contacts.total"), 2)
        XCTAssertEqual(count(r, "contacts.by_kind.complaint"), 1)
        XCTAssertEqual(count(r, "contacts.by_kind.compliment"), 1)
        XCTAssertEqual(count(r, "contacts.by_kind.member_enquiry"), 0)
        XCTAssertEqual(count(r, "complaints.total"), 1)
        XCTAssertEqual(count(r, "complaints.stages.1.received"), 1)
        XCTAssertEqual(count(r, "complaints.stages.2.received"), 1, "stage 2 started in the year although received before it")
        XCTAssertEqual(count(r, "complaints.stages.2.responded"), 1)
        XCTAssertEqual(count(r, "complaints.stages.1.outcomes.upheld"), 1)
        XCTAssertEqual(count(r, "complaints.stages.1.timeliness.within_target"), 1)
        XCTAssertEqual(count(r, "complaints.children_and_young_people.total"), 1)
        XCTAssertEqual(count(r, "complaints.children_and_young_people.with_advocate"), 1)
        XCTAssertEqual(count(r, "complaints.children_and_young_people.resolved_at_local_resolution"), 1)
        XCTAssertEqual(count(r, "complaints.children_and_young_people.satisfied"), 1)
        XCTAssertEqual(count(r, "compliments.total"), 1)
        XCTAssertEqual(count(r, "compliments.by_service_area.Fostering Service"), 1)
        XCTAssertEqual(count(r, "previous.complaints.stages.1.escalated"), 1)
        XCTAssertEqual(count(r, "previous.complaints.total"), 1)
        if case .count(_, let refs) = r.value(at: "complaints.stages.2.received") { XCTAssertEqual(refs, ["A"]) } else { XCTFail() }
    }

    func testServiceAreaFilterAndEscalationRate() {
        var cs: [Contact] = []
        for i in 0..<4 {
            var c = sampleComplaint(received: "2021-05-0\(i + 3)", area: i < 3 ? "Care Leavers" : "Adoption")
            c.reference = "R\(i)"
            c.events = [.responded(day("2021-05-20"), stage: 1)]
            if i == 0 { c.events.append(.nextStageRequested(day("2021-05-25"), stage: 2)) }
            cs.append(c)
        }
        let r = build(cs, areas: ["Care Leavers"])
        XCTAssertEqual(count(r, "complaints.total"), 3)
        XCTAssertEqual(count(r, "complaints.stages.1.escalated"), 1)
        XCTAssertEqual(r.value(at: "complaints.stages.1.escalation_rate"), .number(0.333))
        XCTAssertEqual(r.value(at: "filters.service_areas"), .list(["Care Leavers"]))
        // People read counts with commas between thousands; spreadsheets and JSON get the number.
        XCTAssertEqual(ReportRenderer.display(.count(9561, refs: []), key: "total"), "9,561")
        XCTAssertEqual(ReportRenderer.display(.count(12, refs: []), key: "total"), "12")
        // The CSV gives the rate as the JSON does (it read 0.3, and 12.1% and 13.5% both as 0.1).
        XCTAssertTrue(ReportRenderer.render(r, as: .csv).contains("complaints.stages.1,escalation_rate,0.333,"), ReportRenderer.render(r, as: .csv))
    }

    func testTimelinessAverageAndLearningAndActions() {
        var a = sampleComplaint(received: "2021-11-01")
        a.events = [.responded(day("2021-11-08"), stage: 1)]  // 5 WD
        var b = sampleComplaint(received: "2021-11-01")
        b.events = [.responded(day("2021-11-16"), stage: 1)]  // 11 WD, late
        let learning = [LearningPoint(theme: "information sharing", text: "t", date: day("2021-12-01")),
                        LearningPoint(theme: "information sharing", text: "t", date: day("2020-12-01"))]
        let actions = [ActionItem(title: "x", created: day("2021-12-01"), due: day("2022-01-01")),
                       ActionItem(title: "y", created: day("2021-12-01"), due: nil, status: .inProgress),
                       ActionItem(title: "z", created: day("2021-12-01"), due: day("2022-01-01"), status: .done, completed: day("2021-12-20"))]
        let r = build([a, b], learning: learning, actions: actions)
        XCTAssertEqual(r.value(at: "complaints.stages.1.timeliness.average_working_days"), .number(8))
        XCTAssertEqual(count(r, "complaints.stages.1.timeliness.late"), 1)
        XCTAssertEqual(count(r, "learning.themes.information sharing"), 1)
        XCTAssertEqual(count(r, "actions.agreed"), 3)
        XCTAssertEqual(count(r, "actions.done"), 1)
        XCTAssertEqual(count(r, "actions.overdue"), 1)
        XCTAssertEqual(count(r, "actions.undated"), 1)
    }

    func testPublicVersionSuppressesSmallCountsWithSecondarySuppression() {
        let g = ReportGroup([
            ("total", .count(20, refs: [])),
            ("names", .personal("Jane Doe")),
            ("by", .group(ReportGroup([("a", .count(3, refs: ["X"])), ("b", .count(7, refs: [])), ("c", .count(10, refs: [])), ("d", .count(0, refs: []))], isPartition: true))),
            ("loose", .group(ReportGroup([("a", .count(2, refs: [])), ("b", .count(9, refs: []))], isPartition: false))),
        ])
        let p = g.publicVersion(threshold: 4)
        XCTAssertNil(p["names"])
        XCTAssertEqual(p.value(at: "total"), .count(20, refs: []))
        XCTAssertEqual(p.value(at: "by.a"), .suppressed)
        XCTAssertEqual(p.value(at: "by.b"), .suppressed, "the next smallest hides the first")
        XCTAssertEqual(p.value(at: "by.c"), .count(10, refs: []))
        XCTAssertEqual(p.value(at: "by.d"), .count(0, refs: []), "zero is not disclosive")
        XCTAssertEqual(p.value(at: "loose.a"), .suppressed)
        XCTAssertEqual(p.value(at: "loose.b"), .count(9, refs: []))
        let json = ReportRenderer.json(p)
        XCTAssertTrue(json.contains("\"a\": \"c\""))
        XCTAssertFalse(json.contains("Jane"))
        XCTAssertFalse(json.contains("\"X\""), "references behind figures are not published")
    }

    func testRenderingsCarryTheFigures() {
        var c = sampleComplaint(received: "2021-06-01")
        c.reference = "CS-2021-0001"
        let r = build([c])
        let json = ReportRenderer.render(r, as: .json)
        for key in ["\"period\"", "\"filters\"", "\"contacts\"", "\"by_kind\"", "\"member_enquiry\"", "\"complaints\"", "\"by_procedure\"",
                    "\"by_complainant_role\"", "\"children_and_young_people\"", "\"resolved_at_local_resolution\"", "\"categories\"",
                    "\"stages\"", "\"escalated\"", "\"outcomes\"", "\"partially_upheld\"", "\"timeliness\"", "\"within_extension\"",
                    "\"average_working_days\"", "\"ombudsman\"", "\"decisions\"", "\"compliments\"", "\"learning\"", "\"themes\"", "\"actions\""] {
            XCTAssertTrue(json.contains(key), key)
        }
        let md = ReportRenderer.render(r, as: .markdown)
        XCTAssertTrue(md.hasPrefix("# Annual complaints report"))
        XCTAssertTrue(md.contains("| Total | 1 |"))
        let csv = ReportRenderer.render(r, as: .csv)
        XCTAssertTrue(csv.hasPrefix("section,figure,value,previous\r\n"))
        XCTAssertTrue(csv.contains("contacts,total,1,0\r\n"))
        // A group of groups has its own heading, so its parts are not read as the section
        // before's ("Themes" under Compliments, stage sections under "Withdrawn…"; a trial).
        XCTAssertTrue(md.contains("\n## Learning\n\n### Themes"), md)
        XCTAssertTrue(md.contains("\n### Stages\n\n#### Stages: Stage 1"), md)
        let html = ReportRenderer.render(r, as: .html)
        XCTAssertTrue(html.contains("<h2>Learning</h2>\n<section>\n<h3>Themes</h3>"), html)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(html.contains("<svg"))
        XCTAssertFalse(html.contains("http://") && html.contains("<link"), "no network resources")
        XCTAssertTrue(ReportRenderer.render(r, as: .text).contains("Total: 1"))
    }
}

final class CSVTests: XCTestCase {
    func records(_ s: String) throws -> [CSVRecord] { try CSVReader.parse(Array(s.utf8)) }

    func testSpreadsheetCSV() throws {
        let text = "\u{FEFF}a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\r\nlines\",\r\n\r\n3,,last"
        let r = try records(text)
        XCTAssertEqual(r.count, 4)
        XCTAssertEqual(r[0].fields, ["a", "b", "c"])
        XCTAssertEqual(r[1].fields, ["1", "x, y", "say \"hi\""])
        XCTAssertEqual(r[2].fields, ["2", "two\r\nlines", ""])
        XCTAssertEqual(r[2].line, 3)
        XCTAssertEqual(r[3].line, 6, "line numbers count physical lines, including the quoted line break and the blank line")
        XCTAssertEqual(r[3].fields, ["3", "", "last"])
    }

    func testUnclosedQuoteNamesItsLine() {
        XCTAssertThrowsError(try records("a,b\n1,\"open\n2,3\n")) { e in
            XCTAssertEqual(e as? CSVSyntaxError, CSVSyntaxError(line: 2, message: "a quoted field is never closed"))
        }
    }

    func testControlCharactersDroppedAndCounted() {
        let (s, n) = TextSanitiser.clean("Bob\u{1B}[31m Red\u{07}\tTab\nLine\u{9B}")
        XCTAssertEqual(s, "Bob[31m Red\tTab\nLine")
        XCTAssertEqual(n, 3)
    }

    /// Every ASCII byte between two letters, both ways of cleaning: printable ones kept as they
    /// are (the quick look on the bytes), line breaks and tabs by the rule below, every other
    /// control character dropped and counted.
    func testEveryASCIIByteCleanedByTheRule() {
        let printable = String(decoding: Array(0x20...0x7E).map { UInt8($0) }, as: UTF8.self)
        for lines in [true, false] {
            XCTAssertEqual(TextSanitiser.clean(printable, allowLineBreaks: lines).0, printable)
            XCTAssertEqual(TextSanitiser.clean(printable, allowLineBreaks: lines).dropped, 0)
            for b in UInt8(0)..<0x80 {
                let text = "a" + String(UnicodeScalar(b)) + "z"
                let breaks: Set<UInt8> = [0x0A, 0x0B, 0x0C, 0x0D]
                let expected: (String, Int)
                switch b {
                case 0x20...0x7E: expected = (text, 0)
                case 0x09: expected = (lines ? "a\tz" : "a z", 0)
                case _ where breaks.contains(b): expected = (lines ? "a\nz" : "a z", 0)
                default: expected = ("az", 1)
                }
                let got = TextSanitiser.clean(text, allowLineBreaks: lines)
                XCTAssertEqual(got.0, expected.0, "byte \(b), line breaks \(lines)")
                XCTAssertEqual(got.dropped, expected.1, "byte \(b), line breaks \(lines)")
                // At every place in a longer text (the bytes are looked at eight at a time).
                for at in 0..<20 {
                    let long = String(repeating: "x", count: at) + String(UnicodeScalar(b)) + String(repeating: "y", count: 19 - at)
                    let wanted = String(repeating: "x", count: at) + expected.0.dropFirst().dropLast() + String(repeating: "y", count: 19 - at)
                    XCTAssertEqual(TextSanitiser.clean(long, allowLineBreaks: lines).0, wanted, "byte \(b) at \(at), line breaks \(lines)")
                }
            }
            // Bytes above ASCII (here "é", 0xC3 0xA9) are no quick answer; kept as they are.
            XCTAssertEqual(TextSanitiser.clean("abcdefgh\u{E9}ijklmnop", allowLineBreaks: lines).0, "abcdefgh\u{E9}ijklmnop")
        }
    }

    /// Every kind of line break is a line break: kept as a line feed in text that keeps them, a
    /// space in text on one line; never dropped, which joined the words either side.
    func testEveryLineBreakIsOneAndNotDropped() {
        let text = "a\u{0B}b\u{0C}c\u{85}d\u{2028}e\u{2029}f\r\ng\rh\ni\tj"
        let (kept, n) = TextSanitiser.clean(text)
        XCTAssertEqual(kept, "a\nb\nc\nd\ne\nf\ng\nh\ni\tj")
        XCTAssertEqual(n, 0)
        let (oneLine, m) = TextSanitiser.clean(text + "\u{1B}", allowLineBreaks: false)
        XCTAssertEqual(oneLine, "a b c d e f g h i j")
        XCTAssertEqual(m, 1)
        XCTAssertEqual(MoveRequest.clean(" Nel\u{85}Split\r\n"), "Nel Split")
        XCTAssertEqual(PersonName("Nel\u{85}Split").words, PersonName(MoveRequest.clean("Nel\u{85}Split")).words)
    }

    func read(_ csv: String, today: String = "2022-06-30") -> ImportParse {
        let recs = (try? CSVReader.parse(Array(csv.utf8))) ?? []
        return ContactCSV.read(recs, reference: .default, rules: .default, calendar: .englandAndWales, today: day(today))
    }

    func testEveryBadRowIsListedWithLineAndField() {
        let csv = """
        kind,received,service_area,complainant_name,stage1_response,stage2_requested,categories
        complaint,2021-05-04,care leavers,Alice,,,
        grumble,2021-05-04,Care Leavers,Bob,,,
        complaint,31/02/2022,Care Leavers,Carol,,,
        complaint,2021-05-04,Housing,Dan,,,
        complaint,2021-05-04,Care Leavers,Eve,,2021-05-10,
        complaint,2021-05-04,Care Leavers,Fay,2021-05-01,,
        complaint,2021-05-04,Care Leavers,Gus,,,communication;astrology
        """
        let p = read(csv)
        let lines = p.problems.map(\.description)
        XCTAssertEqual(p.contacts.count, 1)
        XCTAssertTrue(lines.contains { $0.hasPrefix("line 3: kind: is not one of") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("line 4: received: is not a date that exists") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("line 5: service_area: is not a configured service area") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("line 6: stage2_requested: Stage 2 cannot be requested before the stage 1 response") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("line 7: stage1_response:") && $0.contains("before the contact was received") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("line 8: categories: holds a category that is not configured") }, "\(lines)")
        for name in ["Bob", "Carol", "Dan", "Eve", "Fay", "Gus", "grumble", "Housing", "astrology", "31/02"] {
            XCTAssertFalse(lines.joined().contains(name), "messages carry no names")
        }
    }

    func testValuesMatchLooselyAndRoundTripThroughExport() throws {
        let csv = """
        Reference,KIND,Received,Channel,Service_Area,procedure,complainant_role,child_or_young_person,advocate,categories,stage1_response,stage1_outcome,stage1_satisfied,closed
        CS-2021-0007, Complaint ,04/05/2021,Web Form,  CHILDREN LOOKED AFTER ,Statutory,Young Person,YES,Children's Rights Team,Communication and Information; placement,14/05/2021,Partially Upheld,yes,
        ,member enquiry,2021-06-01,email,Adoption,,,no,,,2021-06-08,,,
        """
        let p = read(csv)
        XCTAssertEqual(p.problems, [])
        XCTAssertEqual(p.contacts.count, 2)
        let c = p.contacts[0].contact
        XCTAssertEqual(c.reference, "CS-2021-0007")
        XCTAssertEqual(c.kind, .complaint)
        XCTAssertEqual(c.received, day("2021-05-04"))
        XCTAssertEqual(c.channel, .webForm)
        XCTAssertEqual(c.serviceArea, "Children Looked After")
        XCTAssertEqual(c.complainantRole, .childOrYoungPerson)
        XCTAssertTrue(c.isChildOrYoungPerson)
        XCTAssertEqual(c.categories, ["communication and information", "placement"])
        let k = c.clock(calendar: .englandAndWales, today: day("2022-06-30"))
        XCTAssertEqual(k.stages[0].outcome(issues: c.issues), .partiallyUpheld)
        XCTAssertEqual(k.stages[0].satisfied, true)
        XCTAssertEqual(k.status, .closed)
        XCTAssertEqual(p.contacts[1].contact.kind, .memberEnquiry)
        // Export then read again: the same rows.
        var withRefs = p.contacts.map(\.contact)
        withRefs[1].reference = "CS-2021-0008"
        let out = ContactCSV.write(withRefs, rules: .default, calendar: .englandAndWales, today: day("2022-06-30"))
        let again = read(out)
        XCTAssertEqual(again.problems, [])
        let out2 = ContactCSV.write(again.contacts.map(\.contact), rules: .default, calendar: .englandAndWales, today: day("2022-06-30"))
        XCTAssertEqual(out, out2)
    }

    func testMissingRequiredColumnsAndEmptyFile() {
        XCTAssertEqual(read("").problems.first?.description, "line 1: header: the file is empty; the first row must name the columns")
        let p = read("reference,kind\nX,complaint\n")
        XCTAssertEqual(p.problems.map(\.field), ["received", "service_area"])
        XCTAssertTrue(p.contacts.isEmpty)
    }
}
