import HeardCore
import HeardTestSupport
import XCTest

/// The one-line action entry of the action plan: fields, quoting, refusals and completion.
final class ActionLineTests: XCTestCase {
    let cal = WorkingDayCalendar.englandAndWales
    let today = day("2022-06-15")
    let ref = ReferenceData.default

    private func draft(_ line: String, file: StaticString = #filePath, line l: UInt = #line) -> ActionDraft? {
        switch ActionLine.parse(line, today: today, calendar: cal, reference: ref) {
        case .success(let d): return d
        case .failure(let e): XCTFail("'\(line)' was refused: \(e)", file: file, line: l); return nil
        }
    }

    private func refusal(_ line: String, file: StaticString = #filePath, line l: UInt = #line) -> ActionLineError? {
        switch ActionLine.parse(line, today: today, calendar: cal, reference: ref) {
        case .success(let d): XCTFail("'\(line)' was accepted as \(d)", file: file, line: l); return nil
        case .failure(let e): return e
        }
    }

    // MARK: - Accepted lines

    func testTheDesignExample() {
        let d = draft(#"Present the C&YP voice plan @"Head of Service" due:2022-09-30 #board"#)
        XCTAssertEqual(d, ActionDraft(title: "Present the C&YP voice plan", owner: "Head of Service", due: day("2022-09-30"),
                                      dueGiven: true, tags: ["board"]))
    }

    func testEveryField() {
        let d = draft("Hold a practice learning day @Ann due:+10wd #learning #board area:care-leavers case:CS-2021-0042")
        XCTAssertEqual(d?.title, "Hold a practice learning day")
        XCTAssertEqual(d?.owner, "Ann")
        XCTAssertEqual(d?.due, day("2022-06-29"))
        XCTAssertEqual(d?.dueGiven, true)
        XCTAssertEqual(d?.tags, ["learning", "board"])
        XCTAssertEqual(d?.serviceArea, "Care Leavers")
        XCTAssertEqual(d?.caseReference, "CS-2021-0042")
        XCTAssertNil(d?.meeting)
        XCTAssertEqual(d?.actionItem(created: today).source, .caseReference("CS-2021-0042"))
    }

    func testMeetingAndResolutionBecomeTheSource() throws {
        let d = try XCTUnwrap(draft(#"Report on advocacy take-up meeting:"Corporate Parenting Board 2022-07-14" resolution:1 due:later"#))
        XCTAssertEqual(d.title, "Report on advocacy take-up")
        XCTAssertEqual(d.meeting, "Corporate Parenting Board 2022-07-14")
        XCTAssertEqual(d.resolution, "1")
        XCTAssertNil(d.due)
        XCTAssertTrue(d.dueGiven)
        let item = d.actionItem(created: today)
        XCTAssertEqual(item.source?.label, "Corporate Parenting Board 2022-07-14, resolution 1")
        XCTAssertEqual(item.created, today)
        XCTAssertNil(item.due)
        XCTAssertEqual(item.owner, "")
        XCTAssertNoThrow(try item.validate())
    }

    func testFieldsMayComeAnywhereAndKeysIgnoreCase() {
        let d = draft("#board @Ann DUE:today Write  the   letter Area:ADOPTION")
        XCTAssertEqual(d?.title, "Write the letter", "extra spaces collapse")
        XCTAssertEqual(d?.due, today)
        XCTAssertEqual(d?.serviceArea, "Adoption")
        XCTAssertEqual(d?.owner, "Ann")
    }

    func testServiceAreaSpellings() {
        XCTAssertEqual(draft(#"Review area:"Children Looked After""#)?.serviceArea, "Children Looked After")
        XCTAssertEqual(draft("Review area:children-looked-after")?.serviceArea, "Children Looked After")
        XCTAssertEqual(draft("Review area:CHILDREN_LOOKED_AFTER")?.serviceArea, "Children Looked After")
        XCTAssertEqual(draft(#"Review area:"  family support and child protection ""#)?.serviceArea, "Family Support and Child Protection")
    }

    func testDueDateForms() {
        XCTAssertEqual(draft("Chase due:4/3")?.due, day("2022-03-04"))
        XCTAssertEqual(draft("Chase due:04/03/2023")?.due, day("2023-03-04"))
        XCTAssertEqual(draft("Chase due:tomorrow")?.due, day("2022-06-16"))
        XCTAssertEqual(draft("Chase due:-3wd")?.due, day("2022-06-10"))
        XCTAssertEqual(draft(#"Chase due:"+2w""#)?.due, day("2022-06-29"))
        for none in ["due:none", "due:later", "due:LATER", "due:None"] {
            let d = draft("Chase \(none)")
            XCTAssertNil(d?.due, none)
            XCTAssertEqual(d?.dueGiven, true, none)
        }
        let undated = draft("Chase")
        XCTAssertNil(undated?.due)
        XCTAssertEqual(undated?.dueGiven, false, "nothing said about the date")
    }

    func testUnicodeNamesQuotesAndEscapes() {
        XCTAssertEqual(draft(#"Call back @"李小龍" #跟進"#), ActionDraft(title: "Call back", owner: "李小龍", tags: ["跟進"]))
        XCTAssertEqual(draft("Call back @Zoë")?.owner, "Zoë")
        XCTAssertEqual(draft("Call back @李小龍")?.owner, "李小龍")
        XCTAssertEqual(draft(#"Reply @"Ann \"Nan\" Smith""#)?.owner, #"Ann "Nan" Smith"#)
        XCTAssertEqual(draft(#"Reply @"Back\\slash""#)?.owner, #"Back\slash"#)
        XCTAssertEqual(draft(#"Reply @"Two\n""#)?.owner, #"Two\n"#, "other backslashes are kept")
        XCTAssertEqual(draft("Reply meeting:\"Board \\\"special\\\" 2022\"")?.meeting, #"Board "special" 2022"#)
        XCTAssertEqual(draft(#"Reply to Siân’s letter about the café @"Siân Ó Briain""#)?.title, "Reply to Siân’s letter about the café")
    }

    func testWordsThatOnlyLookLikeFieldsStayInTheTitle() {
        XCTAssertEqual(draft("Re: the complaint about delay")?.title, "Re: the complaint about delay", "nothing after the colon")
        XCTAssertEqual(draft("Read https://example.org/guide first")?.title, "Read https://example.org/guide first")
        XCTAssertEqual(draft("Check item v1:2 and 10:30 slot")?.title, "Check item v1:2 and 10:30 slot", "keys must be letters only")
        XCTAssertEqual(draft("Email bob@example.org")?.title, "Email bob@example.org")
        XCTAssertEqual(draft(#"Share the "Staying Put" policy"#)?.title, #"Share the "Staying Put" policy"#, "quotes in title words are kept")
        XCTAssertEqual(draft("Item # 4")?.title, "Item # 4", "a lone # is not a tag")
    }

    func testTagsKeepTheirFirstSpellingAndDropRepeats() {
        XCTAssertEqual(draft("Plan #Board #board #CYP-voice #BOARD")?.tags, ["Board", "CYP-voice"])
    }

    // MARK: - Refusals

    func testUnclosedQuoteNamesItsColumn() {
        let e = refusal(#"Call @"Head of Service due:today"#)
        XCTAssertEqual(e?.column, 7, "the opening quote")
        XCTAssertEqual(e?.message.contains("not closed"), true)
        XCTAssertEqual(e?.description, "column 7: the quote opened here is not closed; end the value with \"")
        XCTAssertEqual(refusal(#"Review area:"Care Leavers"#)?.column, 13)
        XCTAssertEqual(refusal(#"Reply @"Ann \""#)?.column, 8, "an escaped quote does not close")
    }

    func testTextStraightAfterAClosingQuoteIsRefused() {
        let e = refusal(#"@"Ann"x Title"#)
        XCTAssertEqual(e?.column, 7)
        XCTAssertEqual(e?.message, "text straight after the closing quote; put a space after it")
    }

    func testUnknownFieldNamesItAndListsTheKnownOnes() {
        let e = refusal("Do it foo:bar")
        XCTAssertEqual(e?.column, 7)
        XCTAssertEqual(e?.message, "unknown field 'foo:'; the fields are due:, area:, case:, meeting:, resolution: (to keep the word in the title, leave out the colon)")
        XCTAssertEqual(refusal("Chase dua:friday")?.message.hasPrefix("unknown field 'dua:'"), true, "a typo of due: is not swallowed")
        XCTAssertEqual(refusal("Chase Owner:Ann")?.message.hasPrefix("unknown field 'owner:'"), true)
    }

    func testDatesThatDoNotExistNameTheValue() {
        let e = refusal("Chase due:31/02/2022")
        XCTAssertEqual(e?.column, 11, "the value's column")
        XCTAssertEqual(e?.message.hasPrefix("due: '31/02/2022' is not a date: February 2022 has 28 days."), true, e?.message ?? "")
        XCTAssertEqual(e?.message.hasSuffix("Or due:none for no date."), true)
        XCTAssertEqual(refusal("Chase due:someday")?.message.hasPrefix("due: 'someday' is not a date"), true)
        XCTAssertEqual(refusal("Chase due:29/02/2023")?.message.contains("February 2023 has 28 days"), true)
    }

    func testUnknownServiceAreaNamesIt() {
        let e = refusal("Review area:narnia")
        XCTAssertEqual(e?.column, 13)
        XCTAssertEqual(e?.message.hasPrefix("area: 'narnia' is not a configured service area; they are Care Leavers, Children Looked After"), true, e?.message ?? "")
        let custom = ReferenceData(serviceAreas: ["Only Area"])
        guard case .failure(let c) = ActionLine.parse("X area:care-leavers", today: today, calendar: cal, reference: custom) else {
            return XCTFail("an area outside the configured list was accepted")
        }
        XCTAssertEqual(c.message, "area: 'care-leavers' is not a configured service area; they are Only Area")
    }

    func testEmptyTitleIsRefused() {
        for line in ["", "    ", "#board #cyp", "@Ann due:today", #"@"Head of Service" area:adoption"#] {
            let e = refusal(line)
            XCTAssertEqual(e?.column, 1, line)
            XCTAssertEqual(e?.message, "an action needs a title: type what is to be done, then @owner, due:, #tags", line)
        }
    }

    func testFieldsGivenTwiceAreRefusedAtTheSecond() {
        let owners = refusal("Do it @Ann @Bob")
        XCTAssertEqual(owners?.column, 12)
        XCTAssertEqual(owners?.message, "a second owner (@); an action has one")
        XCTAssertFalse(owners?.message.contains("Bob") ?? true, "messages do not repeat names")
        let dues = refusal("Do it due:today due:none")
        XCTAssertEqual(dues?.column, 17)
        XCTAssertEqual(dues?.message, "a second due date (due:); an action has one")
        XCTAssertEqual(refusal("Do area:adoption area:residential")?.message, "a second service area (area:); an action has one")
    }

    func testEmptyOwnerOrValueIsRefused() {
        XCTAssertEqual(refusal("Do it @")?.message, #"@ needs the owner's name: @Name or @"Name with spaces""#)
        XCTAssertEqual(refusal(#"Do it @"" now"#)?.column, 7)
        XCTAssertEqual(refusal(#"Do it @"   ""#)?.column, 7)
        let e = refusal(#"Do it due:"" now"#)
        XCTAssertEqual(e?.message, "due: has no value")
        XCTAssertEqual(e?.column, 11)
    }

    func testAKnownFieldWithASpaceAfterItsColonIsRefused() {
        let e = refusal("Chase due: 4/3")
        XCTAssertEqual(e?.column, 7)
        XCTAssertEqual(e?.message, "due: needs its value straight after the colon, e.g. due:4/3")
        XCTAssertEqual(refusal("Review AREA:")?.message.hasPrefix("area: needs its value"), true)
        XCTAssertEqual(draft("Note: chase Re: reply")?.title, "Note: chase Re: reply", "other words ending in a colon stay in the title")
    }

    func testOneSourceOnly() {
        XCTAssertEqual(refusal(#"Do it case:CS-2021-0001 meeting:"Board""#)?.message, "an action has one source: give case: or meeting:, not both")
        let r = refusal("Do it resolution:2")
        XCTAssertEqual(r?.column, 7)
        XCTAssertEqual(r?.message.hasPrefix("resolution: needs meeting:"), true)
    }

    func testColumnsCountCharactersNotBytes() {
        // "李小龍 " is four characters; the unknown field starts at column 5.
        XCTAssertEqual(refusal("李小龍 foo:bar")?.column, 5)
        XCTAssertEqual(refusal("Zoë’s plan bad:x")?.column, 12)
    }

    // MARK: - Completion

    let owners = ["Head of Service", "Ann Smith", "Annabel Jones", "Service Manager", "李小龍", "ann smith"]

    func testOwnerCompletionPrefixMatchesFirstThenSubstrings() {
        let c = ActionLine.completions(for: "Do it @an", cursorAt: nil, owners: owners, reference: ref)
        XCTAssertEqual(c.prefix, "@an")
        XCTAssertEqual(c.candidates, [#"@"Ann Smith""#, #"@"Annabel Jones""#, #"@"Service Manager""#], "repeats ignoring case dropped")
        XCTAssertEqual(ActionLine.completions(for: "@SERV", cursorAt: nil, owners: owners, reference: ref).candidates,
                       [#"@"Service Manager""#, #"@"Head of Service""#])
        XCTAssertEqual(ActionLine.completions(for: "x @李", cursorAt: nil, owners: owners, reference: ref).candidates, ["@李小龍"])
        XCTAssertEqual(ActionLine.completions(for: "x @zzz", cursorAt: nil, owners: owners, reference: ref).candidates, [])
        XCTAssertEqual(ActionLine.completions(for: "x @zzz", cursorAt: nil, owners: owners, reference: ref).prefix, "@zzz")
    }

    func testOwnerCompletionInsideAnOpenQuote() {
        let c = ActionLine.completions(for: #"Do it @"Head o"#, cursorAt: nil, owners: owners, reference: ref)
        XCTAssertEqual(c.prefix, #"@"Head o"#, "the space inside the quote does not end the word")
        XCTAssertEqual(c.candidates, [#"@"Head of Service""#])
    }

    func testBareAtOffersEveryOwner() {
        let c = ActionLine.completions(for: "Do it @", cursorAt: nil, owners: ["B", "A", ""], reference: ref)
        XCTAssertEqual(c.prefix, "@")
        XCTAssertEqual(c.candidates, ["@B", "@A"], "in the order given, blanks dropped")
    }

    func testAreaCompletion() {
        XCTAssertEqual(ActionLine.completions(for: "Review area:care", cursorAt: nil, owners: [], reference: ref).candidates, [#"area:"Care Leavers""#])
        XCTAssertEqual(ActionLine.completions(for: "Review area:looked", cursorAt: nil, owners: [], reference: ref).candidates,
                       [#"area:"Children Looked After""#])
        XCTAssertEqual(ActionLine.completions(for: "Review area:children-lo", cursorAt: nil, owners: [], reference: ref).candidates,
                       [#"area:"Children Looked After""#], "hyphens match spaces")
        XCTAssertEqual(ActionLine.completions(for: "Review Area:ad", cursorAt: nil, owners: [], reference: ref).candidates, ["Area:Adoption"])
        let all = ActionLine.completions(for: "area:", cursorAt: nil, owners: [], reference: ref)
        XCTAssertEqual(all.prefix, "area:")
        XCTAssertEqual(all.candidates.count, ReferenceData.defaultServiceAreas.count)
        XCTAssertEqual(ActionLine.completions(for: #"x area:"Children L"#, cursorAt: nil, owners: [], reference: ref).candidates,
                       [#"area:"Children Looked After""#])
    }

    func testCompletionUsesTheWordAtTheCursor() {
        let line = "Do it @an due:today"
        let c = ActionLine.completions(for: line, cursorAt: 9, owners: owners, reference: ref)
        XCTAssertEqual(c.prefix, "@an")
        XCTAssertEqual(c.candidates.first, #"@"Ann Smith""#)
        XCTAssertEqual(ActionLine.completions(for: line, cursorAt: 7, owners: owners, reference: ref).prefix, "@")
        XCTAssertEqual(ActionLine.completions(for: line, cursorAt: 500, owners: owners, reference: ref).prefix, "", "clamped to the end: due:today")
        XCTAssertEqual(ActionLine.completions(for: line, cursorAt: -3, owners: owners, reference: ref).prefix, "")
    }

    func testNoCompletionForOtherWords() {
        for (line, cursor) in [("Do it", nil), ("Do it ", nil), ("due:to", nil), ("#bo", nil), ("bob@ex", nil), ("", nil), ("@an x", 5)] as [(String, Int?)] {
            let c = ActionLine.completions(for: line, cursorAt: cursor, owners: owners, reference: ref)
            XCTAssertEqual(c.prefix, "", line)
            XCTAssertEqual(c.candidates, [], line)
        }
    }

    func testEveryCandidateParsesBackToItsName() {
        let names = ["Head of Service", #"Ann "Nan" Smith"#, #"Back\slash"#, "李小龍", "Zoë"]
        for name in names {
            let typed = String(name.prefix(2))
            let c = ActionLine.completions(for: "Chase @" + typed, cursorAt: nil, owners: names, reference: ref)
            XCTAssertTrue(c.candidates.contains { draft("Chase " + $0)?.owner == name }, "\(name): \(c.candidates)")
        }
        for area in ReferenceData.defaultServiceAreas {
            let c = ActionLine.completions(for: "Review area:" + area.prefix(3), cursorAt: nil, owners: [], reference: ref)
            XCTAssertTrue(c.candidates.contains { draft("Review " + $0)?.serviceArea == area }, area)
        }
    }
}
