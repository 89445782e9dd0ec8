import HeardCore
import HeardTestSupport
import XCTest

/// Subject access's rules: how a name matches, where it is found in a case, the other names
/// listed for redaction, the due date, the folder name any name makes and "my work"'s lines.
final class SubjectAccessCoreTests: XCTestCase {
    let zoe = PersonName("Zoë O'Neill")

    /// The match list tells namesakes apart by the complainant's role, the address's first line
    /// and the child's birth date, each said as whose it is when the person is not the
    /// complainant (a trial read the complainant's address as the subject child's).
    func testTellApartIsTheAddressFirstLineAndTheChildsBirthDate() {
        var c = sampleComplaint(name: "Zoe Smith")
        c.subjectChild = "Kim Smith"
        let hit = SubjectAccessHit(place: "complainant", context: "Zoe Smith", isRole: true)
        func said(_ hit: SubjectAccessHit) -> String { SubjectAccessCase(contact: c, correspondence: Correspondence(), hits: [hit]).tellApart }
        XCTAssertEqual(said(hit), "parent")
        c.complainantRole = nil
        XCTAssertEqual(said(hit), "")
        c.complainantRole = .parent
        c.people = CasePeople(complainant: ComplainantDetails(address: "  12 High Street\nLeeds\nLS1 1AA"), child: SubjectChildDetails(dateOfBirth: day("2015-03-02")))
        XCTAssertEqual(said(hit), "parent; 12 High Street; child born 2015-03-02")
        XCTAssertEqual(said(SubjectAccessHit(place: "subject child", context: "Kim Smith", isRole: true)), "born 2015-03-02; complainant at 12 High Street")
        XCTAssertEqual(said(SubjectAccessHit(place: "summary", context: "Kim Smith", isRole: false)), "complainant at 12 High Street; child born 2015-03-02")
        c.people = CasePeople(complainant: ComplainantDetails(address: "Flat 2, 5 Low Road"))
        XCTAssertEqual(said(hit), "parent; Flat 2")
    }

    func testANameFieldMatchesWithCaseAccentsApostrophesAndOrderIgnored() {
        XCTAssertEqual(zoe.words, ["zoe", "oneill"])
        XCTAssertTrue(zoe.isNamed(by: "zoe oneill"))
        XCTAssertTrue(zoe.isNamed(by: "ZOE  O\u{2019}NEILL"))
        XCTAssertTrue(zoe.isNamed(by: "O'Neill, Zoe"))
        XCTAssertTrue(zoe.isNamed(by: "Zoe\u{0308} Marie O'Neill"), "decomposed accent, a middle name")
        XCTAssertFalse(zoe.isNamed(by: "Zoey O'Neill"), "whole words only")
        XCTAssertFalse(zoe.isNamed(by: "Zoë Smith"))
        XCTAssertTrue(PersonName("smith-jones").isNamed(by: "Ann Smith Jones"), "a hyphen is a break between words")
        XCTAssertTrue(PersonName("  \u{1B} -- ' ").isEmpty, "no letter or digit: nothing to look for")
        XCTAssertFalse(PersonName("").isNamed(by: ""))
    }

    func testFreeTextNeedsTheWordsTogetherAndInOrder() throws {
        let text = "Spoke to zoe o'neill about the visit"
        let r = try XCTUnwrap(zoe.occurrence(in: text))
        XCTAssertEqual(String(text[r]), "zoe o'neill")
        XCTAssertNil(zoe.occurrence(in: "Zoë said O'Neill was there"))
        XCTAssertNil(zoe.occurrence(in: "O'Neill"))
    }

    func testTheQuickLookOnBytesNeverMissesAMatch() {
        for text in ["Zoë O'Neill", "zoe oneill", "ZOE O`NEILL", "O\u{2019}Neill, Zoe", "wrote to Zoe O'Neill.", "ZOË O\u{2019}NEILL",
                     "Zoe\u{0308} O'Neill", "Dear Zoë O'Neill, ŁÓDŹ — 李 — the end"] {
            let bytes = Array(text.utf8)
            XCTAssertTrue(bytes.withUnsafeBufferPointer(zoe.mayOccur), text)
        }
        XCTAssertFalse(Array("Zoe Smith".utf8).withUnsafeBufferPointer(zoe.mayOccur))
        XCTAssertFalse(Array("Zoë".utf8).withUnsafeBufferPointer(zoe.mayOccur))
        let chinese = PersonName("李小龍")
        XCTAssertTrue(Array("complainant 李小龍 rang".utf8).withUnsafeBufferPointer(chinese.mayOccur))
        XCTAssertTrue(chinese.isNamed(by: "李小龍"))
        let greek = PersonName("Δημήτρης")
        XCTAssertTrue(Array("ΔΗΜΉΤΡΗΣ".utf8).withUnsafeBufferPointer(greek.mayOccur) == greek.isNamed(by: "ΔΗΜΉΤΡΗΣ"),
                      "the quick look agrees with the rule beyond Latin too")
    }

    func testHitsNameEveryPlaceInTheCase() {
        var c = sampleComplaint(name: "Pat Parent")
        c.subjectChild = "ZOE O'NEILL"
        c.summary = "Pat says Zoë O'Neill's placement moved twice"
        c.issues[0].findingTexts = [1: "zoe oneill was not told"]
        c.stagePeople = StagePeople(investigatingOfficer: "Ian Vestigator")
        var corr = Correspondence()
        corr.log = [LogEntry(direction: .incoming, kind: .call, with: "Zoe O'Neill", at: LogTime(date: day("2022-01-04")), note: "asked about Mr Grey")]
        corr.letters = [LetterSent(template: "acknowledgement", stage: 1, sent: day("2022-01-05"), format: "md", body: "Dear Pat,\nabout Zoë O'Neill…")]
        let hits = SubjectAccess.hits(for: zoe, in: c, correspondence: corr)
        XCTAssertEqual(hits.map(\.place), ["subject child", "contact log 2022-01-04 (with)", "summary", "issue 1 stage 1 finding",
                                           "letter 2022-01-05 (acknowledgement)"])
        XCTAssertEqual(hits.filter(\.isRole).count, 2)
        XCTAssertTrue(hits[2].context.contains("Zoë O'Neill's placement"), hits[2].context)
        XCTAssertFalse(hits[4].context.contains("\n"), "one line")
        XCTAssertEqual(SubjectAccessCase(contact: c, correspondence: corr, hits: hits).roles, "subject child, contact log 2022-01-04 (with)")
        XCTAssertTrue(SubjectAccess.hits(for: PersonName("Nobody Here"), in: c, correspondence: corr).isEmpty)
    }

    func testRedactionListsOtherKnownNamesFoundInTheTextButNotTheSubject() {
        let texts = ["Zoë O'Neill's foster carer Mary Grey rang; Pat Parent agreed", "Ian Vestigator met ZOE ONEILL"]
        let known = ["Zoe O'Neill", "Mary Grey", "Pat Parent", "Someone Absent", "Ian Vestigator", "A", "mary grey"]
        XCTAssertEqual(SubjectAccess.redactionNames(in: texts, known: known, subject: zoe), ["Ian Vestigator", "Mary Grey", "Pat Parent"])
    }

    func testDueIsOneCalendarMonthLater() {
        XCTAssertEqual(SubjectAccess.due(requested: day("2022-06-15")), day("2022-07-15"))
        XCTAssertEqual(SubjectAccess.due(requested: day("2022-01-31")), day("2022-02-28"))
        XCTAssertEqual(SubjectAccess.due(requested: day("2022-12-20")), day("2023-01-20"))
    }

    func testAnyNameMakesASafeFolderName() {
        let d = day("2022-06-15")
        XCTAssertEqual(SubjectAccess.folderName(for: "Zoë O'Neill", on: d), "sar-zoe-oneill-2022-06-15")
        XCTAssertEqual(SubjectAccess.folderName(for: "../../etc/passwd", on: d), "sar-etc-passwd-2022-06-15")
        XCTAssertEqual(SubjectAccess.folderName(for: "\u{1B}[2J\u{7}", on: d), "sar-2j-2022-06-15")
        XCTAssertEqual(SubjectAccess.folderName(for: "...", on: d), "sar-person-2022-06-15")
        XCTAssertEqual(SubjectAccess.folderName(for: "Δημήτρης", on: d), "sar-person-2022-06-15", "no letter it can write safely")
        let long = SubjectAccess.folderName(for: String(repeating: "abcdefghij ", count: 100), on: d)
        XCTAssertLessThanOrEqual(long.count, 4 + 40 + 11)
        for name in [SubjectAccess.folderName(for: "a/b\\c\0d", on: d), long] {
            XCTAssertFalse(name.contains("/") || name.contains("..") || name.contains("\0"), name)
        }
    }

    /// A request recorded today, due in a month, shows at once even with a short window.
    func testANewRequestShowsFromTheDayItIsRecordedWhateverTheWindow() {
        let cal = WorkingDayCalendar()
        let work = MyWork.compute(officer: "Sam Officer", cases: [], actions: [], rules: .default, calendar: cal, today: day("2026-11-30"), within: 1)
        let new = SubjectAccessRequest(id: 7, requested: day("2026-11-30"), who: "Sam Officer", forWhom: "Lee", due: day("2026-12-30"), cases: [])
        let mine = work.withRequests([new], calendar: cal)
        XCTAssertEqual(mine.entries.map(\.reference), ["SAR #7"])
        XCTAssertEqual(mine.entries.map(\.isOverdue), [false])
        XCTAssertTrue(mine.text().contains("\nSubject access requests (1)\n  2026-12-30"), mine.text())
    }

    /// A request another tool wrote with no readable day to be due by is due at once, and its
    /// line says "unreadable" and "overdue": it said 1970-01-01, 14660 days over (an attack).
    func testARequestWithNoReadableDueDayIsOverdueWithoutADate() {
        let cal = WorkingDayCalendar()
        let work = MyWork.compute(officer: "Sam Officer", cases: [], actions: [], rules: .default, calendar: cal, today: day("2026-11-30"))
        var bad = SubjectAccessRequest(id: 9, requested: LocalDate(dayNumber: 0), who: "Sam Officer", forWhom: "Lee", due: LocalDate(dayNumber: 0), cases: [])
        bad.requestedUnreadable = true
        bad.dueUnreadable = true
        let mine = work.withRequests([bad], calendar: cal)
        let entry = try? XCTUnwrap(mine.entries.first)
        XCTAssertEqual(entry?.isOverdue, true)
        XCTAssertNil(entry?.shownDate)
        XCTAssertEqual(entry?.daysText, "overdue")
        let text = mine.text(), html = mine.html()
        XCTAssertTrue(text.contains("\nOverdue (1)\n  unreadable  overdue"), text)
        XCTAssertTrue(html.contains("<td>unreadable</td><td><strong>overdue</strong></td>"), html)
        for out in [text, html] { XCTAssertFalse(out.contains("1970") || out.contains("days over"), out) }
    }

    func testOpenRequestsJoinMyWorkOverdueAfterTheirMonth() {
        let cal = WorkingDayCalendar()
        let work = MyWork.compute(officer: "Sam Officer", cases: [], actions: [], rules: .default, calendar: cal, today: day("2022-07-20"))
        XCTAssertTrue(work.isEmpty)
        let late = SubjectAccessRequest(id: 1, requested: day("2022-06-15"), who: "sam officer", forWhom: "Zoe", due: day("2022-07-15"), cases: ["CS-1"])
        let soon = SubjectAccessRequest(id: 2, requested: day("2022-06-22"), who: "Sam Officer", forWhom: "Pat", due: day("2022-07-22"), cases: ["CS-1", "CS-2"])
        let far = SubjectAccessRequest(id: 3, requested: day("2022-07-19"), who: "Sam Officer", forWhom: "Lee", due: day("2022-08-19"), cases: [])
        var done = late; done.id = 4; done.completed = day("2022-07-01")
        var other = late; other.id = 5; other.who = "Someone Else"
        let mine = work.withRequests([far, soon, late, done, other], calendar: cal)
        XCTAssertEqual(mine.requests.map { $0.request.id }, [1, 2, 3])
        XCTAssertFalse(mine.isEmpty)
        XCTAssertEqual(mine.entries.map(\.reference), ["SAR #1", "SAR #2", "SAR #3"])
        XCTAssertEqual(mine.entries.map(\.isOverdue), [true, false, false])
        let text = mine.text()
        XCTAssertTrue(text.contains("Overdue (1)") && text.contains("2022-07-15") && text.contains("SAR #1") && text.contains("subject access request (1 case)"), text)
        XCTAssertTrue(text.contains("subject access request (2 cases)"), text)
        // Not under the window's heading: in their own group, whatever the window.
        XCTAssertTrue(text.contains("\nSubject access requests (2)\n"), text)
        XCTAssertFalse(text.contains("Due within"), text)
        XCTAssertTrue(mine.html().contains("Subject access requests (2)"))
        XCTAssertFalse(text.contains("Zoe") || text.contains("Pat"), "no names in the digest")
    }

    /// The spellings a subject access search looks for: an apostrophe as a space, a one-letter
    /// word joined to the next; the name alone when it has neither; never the same words twice.
    func testANamesSpellings() {
        XCTAssertEqual(PersonName("Sarah O'Connor").spellings.map(\.key), ["sarah oconnor", "sarah o connor"])
        XCTAssertEqual(PersonName("sarah o connor").spellings.map(\.key), ["sarah o connor", "sarah oconnor"])
        XCTAssertEqual(PersonName("D\u{2019}Souza Priya").spellings.map(\.key), ["dsouza priya", "d souza priya"])
        XCTAssertEqual(PersonName("Zoe Smith").spellings.map(\.key), ["zoe smith"])
        XCTAssertEqual(PersonName("John A Smith").spellings.map(\.key), ["john a smith", "john smith"], "an initial stays one, or goes")
        XCTAssertEqual(PersonName("A Bell").spellings.map(\.key), ["a bell"])
        XCTAssertEqual(PersonName("Kate L Estrange").spellings.map(\.key), ["kate l estrange", "kate lestrange"])
        // An initial before the O stays an initial (an attack: "Mary J O Brien" tried "jo brien").
        XCTAssertEqual(PersonName("Mary J O Brien").spellings.map(\.key), ["mary j o brien", "mary j obrien", "mary obrien"])
        XCTAssertEqual(PersonName("Mary J O'Brien").spellings.map(\.key), ["mary j obrien", "mary j o brien", "mary obrien"])
        // A title in front goes (a trial: "Mr Harry Chen" found nothing), while two words are left.
        XCTAssertEqual(PersonName("Mr Harry Chen").spellings.map(\.key), ["mr harry chen", "harry chen"])
        XCTAssertEqual(PersonName("Dr. Mrs Jane K Smith").spellings.map(\.key), ["dr mrs jane k smith", "jane smith"])
        XCTAssertEqual(PersonName("Mr Smith").spellings.map(\.key), ["mr smith"], "never a surname alone")
        XCTAssertEqual(PersonName("Harry Mr").spellings.map(\.key), ["harry mr"], "only in front")
        XCTAssertEqual(PersonName("Miss J Smith").spellings.map(\.key), ["miss j smith", "j smith"], "not down to one word")
        XCTAssertEqual(PersonName("A").spellings.map(\.key), ["a"], "a lone letter has nothing to join")
        XCTAssertTrue(PersonName("'").spellings.allSatisfy { !$0.isEmpty } || PersonName("'").spellings.count == 1)
        // A case's places are listed once, whichever spelling found them.
        var c = sampleComplaint(name: "Sarah O'Connor")
        c.summary = "Sarah O Connor rang; later Sarah O'Connor wrote"
        let hits = SubjectAccess.hits(for: PersonName("sarah o connor").spellings, in: c, correspondence: Correspondence())
        XCTAssertEqual(hits.map(\.place), ["complainant", "summary"])
    }

    /// A bundle's README.html carries no control character from a value another tool wrote (an
    /// attack: `cat README.html` sent an escape sequence to the terminal); line breaks and tabs stay.
    func testTheBundlesPageDropsControlCharacters() {
        var c = sampleComplaint(name: "Mary O'Brien\u{1B}[2J\u{1B}]0;PWNED\u{07}")
        c.reference = "CS-2022-0001"
        c.summary = "line one\nline\ttwo\u{0}\u{9B}31m"
        let hit = SubjectAccessHit(place: "complainant", context: "Mary O'Brien", isRole: true)
        let request = SubjectAccessRequest(requested: day("2022-06-15"), who: "Test Officer", forWhom: "Mary O'Brien\u{1B}[31m",
                                           due: day("2022-07-15"), cases: ["CS-2022-0001"])
        let calendar = WorkingDayCalendar()
        let record = CaseRecord(contact: c, clock: c.clock(rules: .default, calendar: calendar, today: day("2022-06-15")), calendar: calendar, rules: .default)
        let html = SubjectAccessBundle(request: request, cases: [SubjectAccessBundleCase(record: record, hits: [hit])], redaction: []).html()
        func isControl(_ u: Unicode.Scalar) -> Bool {
            if u == "\n" || u == "\t" || u == "\r" { return false }
            return u.value < 0x20 || (0x7F...0x9F).contains(u.value)
        }
        XCTAssertFalse(html.unicodeScalars.contains(where: isControl), html)
        XCTAssertTrue(html.contains("Mary O&#39;Brien[2J]0;PWNED"), html)
    }

    /// The page shows the person their own details on a case: the complainant's address, phone
    /// and equality answers when they are the complainant; the child's record when they are the
    /// subject child, and then not the complainant's address (another person's).
    /// The requests still open for the same person, however either name was spelt; not an
    /// answered one, and not another person's whose name shares a word.
    func testOpenRequestsAreThePersonsStillOpen() {
        func request(_ id: Int64, _ name: String, completed: LocalDate? = nil) -> SubjectAccessRequest {
            SubjectAccessRequest(id: id, requested: day("2022-06-01"), who: "T", forWhom: name, due: day("2022-07-01"), cases: [], completed: completed)
        }
        let all = [request(1, "Sarah O'Connor"), request(2, "O CONNOR, Sarah"), request(3, "Sarah O'Connor", completed: day("2022-06-20")),
                   request(4, "Sarah O'Connell"), request(5, "Sarah"), request(6, "Zoë Smith")]
        XCTAssertEqual(SubjectAccess.openRequests(for: PersonName("sarah oconnor"), among: all).map(\.id), [1, 2])
        XCTAssertEqual(SubjectAccess.openRequests(for: PersonName("Zoe Smith"), among: all).map(\.id), [6])
        XCTAssertEqual(SubjectAccess.openRequests(for: PersonName("  "), among: all), [])
        XCTAssertNil(SubjectAccess.openRequestWords([]))
        XCTAssertEqual(SubjectAccess.openRequestWords([all[0]]), "A request for this name is already open: #1, recorded 2022-06-01, due 2022-07-01.")
        XCTAssertEqual(SubjectAccess.openRequestWords(Array(all.prefix(2)), date: \.written),
                       "2 requests for this name are already open: #1 and #2 (the first due 1 July 2022).")
        var many = (1...7).map { request(Int64($0), "Sarah O'Connor") }
        many[5].due = day("2022-06-20")
        XCTAssertEqual(SubjectAccess.openRequestWords(many), "7 requests for this name are already open: #1, #2, #3, #4 and 3 more (the first due 2022-06-20).")
    }

    /// "Where you appear" in the person's words, not the search's: no template names, no ISO
    /// dates, the piece of text in quotes (a trial).
    func testWhereYouAppearIsWrittenForThePerson() {
        func place(_ p: String, _ context: String = "…Dear Pat Parent, thank you…", role: Bool = false) -> String {
            SubjectAccessBundle.publicPlace(SubjectAccessHit(place: p, context: context, isRole: role))
        }
        XCTAssertEqual(place("complainant", "Pat Parent", role: true), "Named as the complainant")
        XCTAssertEqual(place("subject child", "Pat Parent", role: true), "Named as the child or young person the case is about")
        XCTAssertEqual(place("stage 3 panel member 2", "Pat Parent", role: true), "Named as the stage 3 panel member 2")
        XCTAssertEqual(place("contact log 2026-09-07 (with)", "Pat Parent", role: true), "Named as the person we were in contact with on 7 September 2026")
        XCTAssertEqual(place("contact log 2026-09-07 (note)"), "In the note of a contact on 7 September 2026: “…Dear Pat Parent, thank you…”")
        XCTAssertEqual(place("letter 2026-09-14 (stage1-response)"), "In the letter of 14 September 2026: “…Dear Pat Parent, thank you…”")
        XCTAssertEqual(place("event 2026-10-02 (next stage requested)"), "In the note of “next stage requested” on 2 October 2026: “…Dear Pat Parent, thank you…”")
        XCTAssertEqual(place("summary"), "In the case's summary: “…Dear Pat Parent, thank you…”")
        XCTAssertEqual(place("issue 2 detail"), "In what issue 2 of the complaint is about: “…Dear Pat Parent, thank you…”")
        XCTAssertEqual(place("issue 1 stage 2 finding"), "In the stage 2 finding on issue 1: “…Dear Pat Parent, thank you…”")
        XCTAssertEqual(place("somewhere new 2022-01-05"), "somewhere new 5 January 2022: “…Dear Pat Parent, thank you…”", "another shape as it is")
        XCTAssertEqual(place("letter garbage (x)"), "In the letter of garbage: “…Dear Pat Parent, thank you…”")
    }

    /// The page is read by the person: dates as a letter writes them, the contact log once (in
    /// its own section, with its times, not again in the timeline), and a close no one recorded
    /// in plain words, not the team's shorthand (a trial).
    func testThePageWritesDatesInWordsAndTheContactLogOnce() {
        var c = sampleComplaint(received: "2022-03-01", name: "Pat Parent")
        c.reference = "CS-2022-0001"
        c.events = [.acknowledged(day("2022-03-02")), .responded(day("2022-03-10"), stage: 1, outcome: .notUpheld, satisfied: true)]
        let calendar = WorkingDayCalendar()
        let log = LogEntry(direction: .incoming, kind: .call, with: "Pat Parent", at: LogTime(date: day("2022-03-02"), minutes: 9 * 60 + 5),
                           note: "Rang to ask how long it takes")
        let record = CaseRecord(contact: c, clock: c.clock(rules: .default, calendar: calendar, today: day("2022-06-15")), calendar: calendar,
                                rules: .default, correspondence: Correspondence(log: [log]))
        let closing = try? XCTUnwrap(record.automaticClose)
        XCTAssertTrue(closing?.text.hasPrefix("closed: no escalation requested by") == true, "fixture: the clock closed it")
        let request = SubjectAccessRequest(requested: day("2022-06-15"), who: "Test Officer", forWhom: "Pat Parent", due: day("2022-07-15"), cases: ["CS-2022-0001"])
        let hits = [SubjectAccessHit(place: "complainant", context: "Pat Parent", isRole: true)]
        let html = SubjectAccessBundle(request: request, cases: [SubjectAccessBundleCase(record: record, hits: hits)], redaction: []).html()
        XCTAssertTrue(html.contains("recorded on 15 June 2022; response due by 15 July 2022"), html)
        XCTAssertTrue(html.contains("<tr><th>Received</th><td>1 March 2022</td></tr>"), html)
        XCTAssertTrue(html.contains("<td class=\"date\">2 March 2022</td><td>Acknowledged (stage 1)</td>"), html)
        XCTAssertEqual(html.components(separatedBy: "Rang to ask how long it takes").count, 2, "the log line once: \(html)")
        XCTAssertTrue(html.contains("<td class=\"date\">2 March 2022, 09:05</td>"), html)
        let window = try? XCTUnwrap(record.automaticCloseReason)
        if case .windowRanOut(let last)? = window?.why {
            XCTAssertTrue(html.contains("Closed: no next stage was asked for by \(last.written)"), html)
        } else {
            XCTFail("the close is the window's: \(String(describing: window))")
        }
        XCTAssertFalse(html.contains("no escalation requested"), "the team's shorthand stays on the team's screens")
        XCTAssertNil(html.range(of: #"\d{4}-\d{2}-\d{2}"#, options: .regularExpression), "no ISO date on the page: \(html)")
    }

    /// A complaint's page says what it was about and what was found (a trial: the page had no
    /// issue, finding, outcome or remedy, though bundle.json and the letters did), dates in
    /// words; a case with none of them has no such section, and a compliment none at all. The
    /// covering words name a documents folder only when one is written.
    func testThePageSaysWhatTheComplaintWasAboutAndWhatWasFound() {
        var c = sampleComplaint(received: "2022-03-01", name: "Pat Parent", categories: ["delay", "staff attitude"])
        c.reference = "CS-2022-0001"
        c.issues[0].detail = "Waited six weeks for a call back"
        c.issues[0].findings[1] = .upheld
        c.issues[0].findingTexts[1] = "The call log shows no return call"
        c.issues[1].findings[1] = .notUpheld
        c.events = [.acknowledged(day("2022-03-02")), .responded(day("2022-03-10"), stage: 1, outcome: .partiallyUpheld, satisfied: true),
                    .remedy(day("2022-03-10"), stage: 1, .apology, note: "Written apology from the team manager")]
        let calendar = WorkingDayCalendar()
        let record = CaseRecord(contact: c, clock: c.clock(rules: .default, calendar: calendar, today: day("2022-06-15")), calendar: calendar, rules: .default)
        let request = SubjectAccessRequest(requested: day("2022-06-15"), who: "Test Officer", forWhom: "Pat Parent", due: day("2022-07-15"), cases: ["CS-2022-0001"])
        let hits = [SubjectAccessHit(place: "complainant", context: "Pat Parent", isRole: true)]
        let council = LetterSettings(councilName: "Anytown Council", teamName: "Complaints Team", address: [], phone: "", email: "")
        let html = SubjectAccessBundle(request: request, cases: [SubjectAccessBundleCase(record: record, hits: hits)], redaction: []).html(council: council)
        XCTAssertTrue(html.contains("<h3>What the complaint was about and what was found</h3>"), html)
        XCTAssertTrue(html.contains("<tr><th>delay</th><td>Waited six weeks for a call back<br>Stage 1: upheld. The call log shows no return call</td></tr>"), html)
        XCTAssertTrue(html.contains("<tr><th>staff attitude</th><td>Stage 1: not upheld</td></tr>"), html)
        XCTAssertTrue(html.contains("<tr><th>Stage 1 outcome</th><td>partially upheld</td></tr>"), html)
        XCTAssertTrue(html.contains("<tr><th>Remedy</th><td>10 March 2022: apology — Written apology from the team manager</td></tr>"), html)
        XCTAssertNil(html.range(of: #"\d{4}-\d{2}-\d{2}"#, options: .regularExpression), "no ISO date on the page: \(html)")
        XCTAssertFalse(html.contains("documents folder"), "none is written: \(html)")

        var compliment = c
        compliment.kind = .compliment
        compliment.procedure = nil
        compliment.events = []
        let thanks = CaseRecord(contact: compliment, clock: compliment.clock(rules: .default, calendar: calendar, today: day("2022-06-15")),
                                calendar: calendar, rules: .default)
        XCTAssertFalse(SubjectAccessBundle(request: request, cases: [SubjectAccessBundleCase(record: thanks, hits: hits)], redaction: []).html()
            .contains("what was found"))
    }

    func testADocumentAddedOnADayThatCannotBeReadIsSaidSoNeverAs1970() {
        var c = sampleComplaint(received: "2022-03-01", name: "Pat Parent")
        c.reference = "CS-2022-0001"
        let calendar = WorkingDayCalendar()
        let unreadable = DocumentInfo(id: 1, number: 1, name: "scan.pdf", size: 10, type: "application/pdf", added: nil, sha256: "ab")
        let readable = DocumentInfo(id: 2, number: 2, name: "reply.pdf", size: 10, type: "application/pdf", added: day("2022-03-04"), sha256: "cd")
        let record = CaseRecord(contact: c, clock: c.clock(rules: .default, calendar: calendar, today: day("2022-06-15")), calendar: calendar,
                                rules: .default, correspondence: Correspondence(documents: [unreadable, readable]))
        let request = SubjectAccessRequest(requested: day("2022-06-15"), who: "Test Officer", forWhom: "Pat Parent", due: day("2022-07-15"), cases: ["CS-2022-0001"])
        let html = SubjectAccessBundle(request: request, cases: [SubjectAccessBundleCase(record: record, hits: [SubjectAccessHit(place: "complainant", context: "Pat Parent", isRole: true)])],
                                       redaction: []).html()
        XCTAssertTrue(html.contains("1. scan.pdf (application/pdf, 10 bytes)</a>, added on a day our record cannot read</li>"), html)
        XCTAssertTrue(html.contains("2. reply.pdf (application/pdf, 10 bytes)</a>, added 4 March 2022</li>"), html)
        XCTAssertFalse(html.contains("1970"), html)
        // The team's own view: said as unreadable, and out of the timeline (it has no day to go at).
        XCTAssertEqual(record.timeline.filter { $0.kind == "document" }.map(\.text), ["Document added: reply.pdf"])
        XCTAssertFalse(record.timeline.contains { $0.date.year == 1970 })
    }

    func testThePageShowsThePersonsOwnDetailsAndNotAnothersDetails() {
        var c = sampleComplaint(name: "Pat Parent")
        c.reference = "CS-2022-0001"
        c.subjectChild = "Kim Parent"
        c.people.complainant.address = "12 High Street"
        c.people.complainant.phone = "01234 567890"
        c.people.equality[.ageBand] = "35-44"
        c.people.child.dateOfBirth = day("2012-04-22")
        c.people.child.socialCareID = "SC-991"
        let calendar = WorkingDayCalendar()
        let record = CaseRecord(contact: c, clock: c.clock(rules: .default, calendar: calendar, today: day("2022-06-15")), calendar: calendar, rules: .default)
        func page(for name: String, _ place: String) -> String {
            let request = SubjectAccessRequest(requested: day("2022-06-15"), who: "Test Officer", forWhom: name, due: day("2022-07-15"), cases: ["CS-2022-0001"])
            let hit = SubjectAccessHit(place: place, context: name, isRole: true)
            return SubjectAccessBundle(request: request, cases: [SubjectAccessBundleCase(record: record, hits: [hit])], redaction: []).html()
        }
        let parent = page(for: "Pat Parent", "complainant")
        XCTAssertTrue(parent.contains("<h3>Your details on this case</h3>"), parent)
        XCTAssertTrue(parent.contains("<tr><th>Address</th><td>12 High Street</td></tr>"), parent)
        XCTAssertTrue(parent.contains("01234 567890") && parent.contains("35-44"), parent)
        XCTAssertFalse(parent.contains("SC-991"), "the child's record is the child's")
        let child = page(for: "Kim Parent", "subject child")
        XCTAssertTrue(child.contains("<tr><th>Date of birth</th><td>22 April 2012</td></tr>") && child.contains("SC-991"), child)
        XCTAssertFalse(child.contains("12 High Street") || child.contains("01234 567890") || child.contains("35-44"), child)
        let neither = page(for: "Pat Parent", "summary")
        XCTAssertFalse(neither.contains("Your details"), "named only in the text: no details are theirs")
        XCTAssertTrue(page(for: "PARENT Pat", "complainant").contains("12 High Street"), "surname first")
        XCTAssertTrue(page(for: "Mrs Pat Parent", "complainant").contains("12 High Street"), "a title in front")
        // An identifier or a summary that looks like a date is left as written.
        c.people.child.socialCareID = "2019-05-06"
        c.summary = "Meeting 2019-05-06 went badly"
        let shaped = CaseRecord(contact: c, clock: record.clock, calendar: calendar, rules: .default)
        let request = SubjectAccessRequest(requested: day("2022-06-15"), who: "Test Officer", forWhom: "Kim Parent", due: day("2022-07-15"), cases: [])
        let hits = [SubjectAccessHit(place: "subject child", context: "Kim Parent", isRole: true)]
        let kim = SubjectAccessBundle(request: request, cases: [SubjectAccessBundleCase(record: shaped, hits: hits)], redaction: []).html()
        XCTAssertTrue(kim.contains("<tr><th>Social care ID</th><td>2019-05-06</td></tr>"), kim)
        XCTAssertTrue(kim.contains("<tr><th>Summary</th><td>Meeting 2019-05-06 went badly</td></tr>"), kim)
        // A field that names them among others: the details beside it are another person's.
        var shared = c
        shared.complainantName = "Dana Parent on behalf of Pat"
        shared.subjectChild = "Sam Parent and Kim Parent"
        let sharedRecord = CaseRecord(contact: shared, clock: shared.clock(rules: .default, calendar: calendar, today: day("2022-06-15")),
                                      calendar: calendar, rules: .default)
        for (name, place) in [("Pat Parent", "complainant"), ("Kim Parent", "subject child")] {
            let request = SubjectAccessRequest(requested: day("2022-06-15"), who: "Test Officer", forWhom: name, due: day("2022-07-15"), cases: ["CS-2022-0001"])
            let html = SubjectAccessBundle(request: request, cases: [SubjectAccessBundleCase(record: sharedRecord, hits: [SubjectAccessHit(place: place, context: name, isRole: true)])],
                                           redaction: []).html()
            XCTAssertFalse(html.contains("Your details") || html.contains("12 High Street") || html.contains("SC-991"), html)
        }
    }

    /// The page says who holds the record, what it holds and the person's rights, with the
    /// council's name and contacts from config.toml's `[letters]`, escaped (a trial: without
    /// covering words the page could not go out as it was).
    func testThePageSaysWhoHoldsTheRecordAndThePersonsRights() {
        let request = SubjectAccessRequest(requested: day("2022-06-15"), who: "Test Officer", forWhom: "Pat Parent", due: day("2022-07-15"), cases: [])
        let bundle = SubjectAccessBundle(request: request, cases: [], redaction: [])
        XCTAssertFalse(bundle.html().contains("About this response"))
        let council = LetterSettings(councilName: "Anytown <Borough> Council", teamName: "Complaints Team", address: ["1 Town Hall", "Anytown"],
                                     phone: "01234 000000", email: "complaints@anytown.example")
        let html = bundle.html(council: council)
        XCTAssertTrue(html.contains("<h2>About this response</h2>"), html)
        XCTAssertTrue(html.contains("Anytown &lt;Borough&gt; Council's Complaints Team keeps a record"), html)
        XCTAssertTrue(html.contains("Information Commissioner&#39;s Office (ico.org.uk, 0303 123 1113)") || html.contains("Information Commissioner's Office (ico.org.uk, 0303 123 1113)"), html)
        XCTAssertTrue(html.contains("<p>Complaints Team: 1 Town Hall, Anytown, 01234 000000, complaints@anytown.example</p>"), html)
    }

    /// The words are read until the name is found: a letter naming the person in its first line
    /// was split to its end, for every letter a search reads. The answer is the first occurrence
    /// as before, with the possessive and apostrophe rules holding up to it.
    func testTheWordsAreReadOnlyUntilTheNameIsFound() {
        let text = "Dear Oliver Chen's family, Oliver Chen wrote. " + String(repeating: "More words after it. ", count: 50)
        var seen = 0
        Array(text.utf8).withUnsafeBufferPointer { u in
            PersonName.eachASCIIWord(u, until: { word, _ in
                seen += 1
                return word.elementsEqual(Array("chen".utf8))
            })
        }
        XCTAssertEqual(seen, 3, "dear, oliver, chen: then it stopped")
        var all = 0
        Array(text.utf8).withUnsafeBufferPointer { u in PersonName.eachASCIIWord(u) { _, _ in all += 1 } }
        XCTAssertEqual(all, 7 + 200)
        let name = PersonName("Oliver Chen")
        let r = name.occurrence(in: text)
        XCTAssertEqual(r.map { String(text[$0]) }, "Oliver Chen")
        XCTAssertEqual(r?.lowerBound, text.range(of: "Oliver")?.lowerBound)
        XCTAssertNil(PersonName("Chen Oliver").occurrence(in: text))
        XCTAssertEqual(PersonName("Chen Family").occurrence(in: text).map { String(text[$0]) }, "Chen's family")
    }

    /// A name field in ASCII is read on its bytes: the answer is the same as by `words`' rules,
    /// whatever the apostrophes, possessives, digits, punctuation and control characters.
    func testANameFieldInASCIIIsNamedAsByItsWords() {
        let pieces = ["Oliver", "oliver", "CHEN", "chen's", "O'Neill", "o`neill", "Chen-Oliver", "Ann", "Anne", "2nd", "s", "'s", "'", "`", ",", " ", "  ", "\t", "\u{7}", "x", "Zoe", "zoe's", ".", "-"]
        let names = ["Oliver Chen", "Chen", "Anne O'Neill", "Zoe", "Anne Anne", "2nd Oliver", "S"].map(PersonName.init)
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let field = (0..<Int.random(in: 0...7, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let have = Set(PersonName.words(field).map(\.word))
            for name in names {
                XCTAssertEqual(name.isNamed(by: field), name.words.allSatisfy(have.contains), "\(name.text) in \(field.debugDescription)")
            }
        }
    }

    /// A line of context is the text on one line, its spaces collapsed, cut to the limit: the same
    /// whether it is made the quick way (no space to collapse, no more bytes than the limit) or
    /// through Characters, for spaces next to marks that join them (a space and a combining accent
    /// are one Character; U+0600 holds on to the space after it), breaks, tabs and long texts.
    func testOneLineIsTheCollapsedTextWhicheverWayItIsMade() {
        func byCharacters(_ s: String, limit: Int) -> String {
            let clean = TextSanitiser.clean(s, allowLineBreaks: false).0.split(separator: " ").joined(separator: " ")
            return clean.count > limit ? String(clean.prefix(limit - 1)) + "…" : clean
        }
        let pieces = ["Oliver", " ", "  ", "\t", "\n", "\r\n", " \u{301}", "\u{600} ", "é", "e\u{301}", "Zoë", "\u{1B}[31m", "\u{200B}", "👩‍👧", "-", "\u{2028}", "\r", "\u{7}", "\u{7F}", "\u{B}", "\u{C}", "a b", "x"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            // Half of them ASCII only (read on their bytes), half not.
            let some = Bool.random(using: &rng) ? pieces : pieces.filter { $0.utf8.allSatisfy { $0 < 0x80 } }
            let text = (0..<Int.random(in: 0...24, using: &rng)).map { _ in some.randomElement(using: &rng)! }.joined()
            for limit in [1, 5, 12, 60] {
                XCTAssertEqual(SubjectAccess.oneLine(text, limit: limit), byCharacters(text, limit: limit), "\(text.debugDescription) at \(limit)")
            }
        }
        XCTAssertEqual(SubjectAccess.oneLine("  Dear\n\nOliver  Chen, ", limit: 60), "Dear Oliver Chen,")
        XCTAssertEqual(SubjectAccess.oneLine("Dear Oliver Chen", limit: 10), "Dear Oliv…")
    }
}
