import HeardCore
import HeardTestSupport
import XCTest

/// MoveRequest: what each move records, and each problem with its inputs, named by input.
final class MoveRequestTests: XCTestCase {
    let cal = WorkingDayCalendar.englandAndWales
    let today = day("2022-01-20")

    /// A statutory complaint received 2022-01-10 with two issues (ids 11 and 12), at version 3.
    func complaint(_ events: [CaseEvent] = [], findings: [Finding?] = [nil, nil]) -> Contact {
        var c = sampleComplaint(received: "2022-01-10", categories: ["communication and information", "delay or timeliness"])
        c.id = 1
        c.reference = "CS-2022-0001"
        c.version = 3
        c.issues[0].id = 11
        c.issues[1].id = 12
        for (i, f) in findings.enumerated() { c.issues[i].findings[1] = f }
        c.events = events
        return c
    }

    func step(_ r: MoveRequest, on c: Contact, file: StaticString = #filePath, line: UInt = #line) throws -> CaseStep {
        switch r.step(on: c, clock: c.clock(calendar: cal, today: today), today: today, calendar: cal) {
        case .success(let s): return s
        case .failure(let p): XCTFail("refused: \(p)", file: file, line: line); throw p
        }
    }

    func problem(_ r: MoveRequest, on c: Contact, file: StaticString = #filePath, line: UInt = #line) -> MoveProblem? {
        switch r.step(on: c, clock: c.clock(calendar: cal, today: today), today: today, calendar: cal) {
        case .success(let s): XCTFail("expected a problem, got \(s)", file: file, line: line); return nil
        case .failure(let p): return p
        }
    }

    /// Every event of the step applies to the contact under the procedure's strict rules.
    func assertApplies(_ s: CaseStep, to c: Contact, file: StaticString = #filePath, line: UInt = #line) {
        var copy = c
        for e in s.events {
            XCTAssertNoThrow(copy = try copy.applying(e, calendar: cal, today: today), file: file, line: line)
        }
    }

    let acknowledged = CaseEvent.acknowledged(day("2022-01-11"))
    var answered: [CaseEvent] { [acknowledged, .responded(day("2022-01-18"), stage: 1)] }

    // MARK: Each move

    func testAcknowledgeResumeCloseAndReferralRecordOneDatedEvent() throws {
        XCTAssertEqual(try step(MoveRequest(.acknowledge, date: "2022-01-11"), on: complaint()),
                       CaseStep(events: [CaseEvent(kind: .acknowledged, date: day("2022-01-11"))]))
        XCTAssertEqual(try step(MoveRequest(.acknowledge), on: complaint()).events.first?.date, today, "the date defaults to today")
        XCTAssertEqual(try step(MoveRequest(.acknowledge, date: ""), on: complaint()).events.first?.date, today)
        XCTAssertEqual(try step(MoveRequest(.acknowledge, date: "-1wd"), on: complaint()).events.first?.date, day("2022-01-19"))
        let paused = complaint([acknowledged, .paused(day("2022-01-12"), stage: 1, reason: "r")])
        XCTAssertEqual(try step(MoveRequest(.resume, date: "2022-01-14"), on: paused).events, [CaseEvent(kind: .resumed, date: day("2022-01-14"))])
        XCTAssertEqual(try step(MoveRequest(.close), on: complaint(answered)).events, [.closed(today)])
        XCTAssertEqual(try step(MoveRequest(.ombudsmanReferral), on: complaint(answered)).events, [.ombudsmanReferred(today)])
    }

    func testExtendPauseWithdrawNotAcceptedMediationEscalateCarryTheirReason() throws {
        let c = complaint([acknowledged])
        let ext = try step(MoveRequest(.extend, reason: " Manager on leave ", newDue: "2022-02-04"), on: c)
        XCTAssertEqual(ext.events, [CaseEvent(kind: .extended, date: today, newDue: day("2022-02-04"), reason: "Manager on leave")])
        assertApplies(ext, to: c)
        XCTAssertEqual(try step(MoveRequest(.pause, reason: "Waiting\u{1B}[31m for an advocate"), on: c).events,
                       [CaseEvent(kind: .paused, date: today, reason: "Waiting[31m for an advocate")], "control characters are dropped")
        XCTAssertEqual(try step(MoveRequest(.withdraw, reason: "Resolved informally"), on: c).events, [.withdrawn(today, reason: "Resolved informally")])
        XCTAssertEqual(try step(MoveRequest(.notAccepted, reason: "Out of time"), on: c).events, [.notAccepted(today, reason: "Out of time")])
        XCTAssertEqual(try step(MoveRequest(.mediation), on: c).events, [.mediation(today, reason: "")])
        let escalate = try step(MoveRequest(.escalate, reason: "Advocate was ill"), on: complaint(answered))
        XCTAssertEqual(escalate.events, [CaseEvent(kind: .nextStageRequested, date: today, reason: "Advocate was ill")])
        assertApplies(escalate, to: complaint(answered))
    }

    func testFindingNamesTheIssueByNumberAtTheCurrentStage() throws {
        let c = complaint([acknowledged])
        XCTAssertEqual(try step(MoveRequest(.findings, issue: "2", verdict: "partially-upheld"), on: c),
                       CaseStep(findings: [FindingChange(issueID: 12, stage: 1, finding: .partiallyUpheld)]))
        XCTAssertEqual(try step(MoveRequest(.findings, issue: "1", verdict: "not_upheld"), on: c).findings.first?.finding, .notUpheld)
        XCTAssertEqual(try step(MoveRequest(.findings, issue: "1", verdict: "none"), on: c).findings,
                       [FindingChange(issueID: 11, stage: 1, finding: nil)], "none clears the finding")
        let atStage2 = complaint(answered + [.nextStageRequested(day("2022-01-19"), stage: 2)])
        XCTAssertEqual(try step(MoveRequest(.findings, issue: "1", verdict: "upheld"), on: atStage2).findings.first?.stage, 2)
    }

    func testRespondDerivesTheOutcomeAndCarriesSeveralRemedies() throws {
        let c = complaint([acknowledged], findings: [.upheld, .notUpheld])
        let r = MoveRequest(.respond, outcome: "from findings", satisfied: "no",
                            remedies: [RemedyInput(kind: "apology", note: "Letter"), RemedyInput(kind: "payment", amount: "£1,250.50"),
                                       RemedyInput(kind: "service change", note: "New visit rota")])
        let s = try step(r, on: c)
        XCTAssertEqual(s.events, [
            CaseEvent(kind: .responded, date: today, outcome: nil, satisfied: false),
            .remedy(today, stage: 1, .apology, note: "Letter"),
            .remedy(today, stage: 1, .payment, amountPence: 125_050),
            .remedy(today, stage: 1, .serviceChange, note: "New visit rota"),
        ])
        assertApplies(s, to: c)
        XCTAssertEqual(try step(MoveRequest(.respond, outcome: "Partially Upheld", satisfied: "not known"), on: complaint([acknowledged])).events,
                       [CaseEvent(kind: .responded, date: today, outcome: .partiallyUpheld, satisfied: nil)])
        XCTAssertEqual(try step(MoveRequest(.respond, satisfied: "yes"), on: c).events.first?.satisfied, true, "an empty outcome derives too")
    }

    func testRemedyMoveAndOmbudsmanDecision() throws {
        let c = complaint(answered)
        let two = try step(MoveRequest(.remedy, remedies: [RemedyInput(kind: "other", note: "Review"), RemedyInput(option: "payment=£75.00 for the delay")]), on: c)
        XCTAssertEqual(two.events, [.remedy(today, stage: 1, .other, note: "Review"),
                                    .remedy(today, stage: 1, .payment, amountPence: 7_500, note: "for the delay")], "a remedy names its stage")
        let referred = complaint(answered + [.ombudsmanReferred(day("2022-01-19"))])
        let decision = try step(MoveRequest(.ombudsmanDecision, decision: "closed after initial enquiries", amount: "100", note: "Apologise"), on: referred)
        XCTAssertEqual(decision.events, [.ombudsmanDecision(today, .closedAfterInitialEnquiries, remedy: "Apologise", amountPence: 10_000)])
        assertApplies(decision, to: referred)
    }

    func testRemedyOptionReadsKindAmountAndNote() {
        XCTAssertEqual(RemedyInput(option: "apology"), RemedyInput(kind: "apology"))
        XCTAssertEqual(RemedyInput(option: "payment=250"), RemedyInput(kind: "payment", amount: "250"))
        XCTAssertEqual(RemedyInput(option: "payment=£1,250.00"), RemedyInput(kind: "payment", amount: "£1,250.00"))
        XCTAssertEqual(RemedyInput(option: "service-change=New rota = better"), RemedyInput(kind: "service-change", note: "New rota = better"))
    }

    func testAmountsArePoundsAndPenceAndNothingElse() throws {
        let good: [(String, Int)] = [("250", 25_000), ("£250", 25_000), ("£1,250.50", 125_050), ("0.5", 50), ("0.05", 5), ("9,999,999.99", 999_999_999)]
        for (text, pence) in good { XCTAssertEqual(try MoveRequest.pence(text, .amount), pence, text) }
        XCTAssertNil(try MoveRequest.pence("  ", .amount))
        for text in ["1e308", "£1e308", "1e-3", "1_000", "250p", "0x10", "-5", "10000000", "1,00", "£", ".5", "1.2.3", "inf", "nan", "٣"] {
            XCTAssertThrowsError(try MoveRequest.pence(text, .amount), text) { e in
                XCTAssertTrue((e as? MoveProblem)?.message.contains("is not an amount in pounds") ?? false, "\(text): \(e)")
            }
        }
        // Finer than a penny: an amount the record cannot hold, refused like £0 (exit 1), not bad usage.
        for text in ["250.505", "0.001"] {
            XCTAssertThrowsError(try MoveRequest.pence(text, .amount), text) { e in
                XCTAssertEqual((e as? MoveProblem)?.refusal, true, text)
                XCTAssertTrue((e as? MoveProblem)?.message.contains("whole pence") ?? false, "\(text): \(e)")
            }
        }
        // A payment's amount is the first word of its option: the rest is the note, never part of the sum.
        XCTAssertEqual(RemedyInput(option: "payment=250p"), RemedyInput(kind: "payment", amount: "250p"))
        XCTAssertEqual(RemedyInput(option: "payment=1e308 x"), RemedyInput(kind: "payment", amount: "1e308", note: "x"))
        let c = complaint([acknowledged, .responded(day("2022-01-20"), stage: 1)])
        let p = try XCTUnwrap(problem(MoveRequest(.remedy, remedies: [RemedyInput(option: "payment=1e308")]), on: c))
        XCTAssertEqual(p.input, .remedyAmount(0))
    }

    func testLineBreaksAndTabsInAReasonKeepTheWordsApart() throws {
        let c = complaint([acknowledged])
        let s = try step(MoveRequest(.pause, reason: "Advocate\n\nbeing found\tby CRT\r\n"), on: c)
        XCTAssertEqual(s.events.first?.reason, "Advocate  being found by CRT")
    }

    func testALongReferenceIsNotEchoedWhole() {
        let said = ReferenceQuery.problem(String(repeating: "x", count: 100_000), found: []) ?? ""
        XCTAssertLessThan(said.count, 60)
        XCTAssertTrue(said.hasPrefix("no case xxxx"), said)
    }

    /// "no case CS‑2026‑0316" (non-breaking hyphens, pasted from a document) read as if
    /// CS-2026-0316 were not there: what was typed is said to hold a character no reference takes.
    func testNoCaseSaysWhenWhatWasTypedHoldsALookalike() {
        XCTAssertEqual(ReferenceQuery.problem("CS\u{2011}2026\u{2011}0316", found: []),
                       "no case CS\u{2011}2026\u{2011}0316: what was typed holds U+2011 NON-BREAKING HYPHEN, which can pass for another character; "
                       + "type it again with a keyboard's letters, digits and punctuation")
        XCTAssertEqual(ReferenceQuery.problem("CS-2026-0316\u{200B}", found: [])?.contains("U+200B ZERO WIDTH SPACE, which does not show"), true)
        XCTAssertEqual(ReferenceQuery.problem("CS-2026-0316", found: []), "no case CS-2026-0316")
    }

    func testCommandNamesRoundTrip() {
        for m in Move.allCases { XCTAssertEqual(Move(commandName: m.commandName), m) }
        XCTAssertEqual(Move(commandName: "Not_Accepted"), .notAccepted)
        XCTAssertEqual(Move(commandName: "ombudsman-decide"), .ombudsmanDecision)
        XCTAssertNil(Move(commandName: "frobnicate"))
    }

    // MARK: Problems, each naming its input

    func testMissingOrMalformedInputsNameTheInput() {
        let c = complaint([acknowledged])
        var oneIssue = c
        oneIssue.issues.removeLast()
        let cases: [(MoveRequest, Contact, MoveProblem.Input, String)] = [
            (MoveRequest(.acknowledge, date: "31/02/2022"), complaint(), .date, "February 2022 has 28 days"),
            (MoveRequest(.acknowledge, date: "soon"), complaint(), .date, "not a date"),
            (MoveRequest(.extend, reason: "r"), c, .newDue, "An extension needs the new deadline."),
            (MoveRequest(.extend, reason: "r", newDue: "next week"), c, .newDue, "not a date"),
            (MoveRequest(.extend, newDue: "2022-02-04"), c, .reason, "An extension needs a reason."),
            (MoveRequest(.pause, reason: "  "), c, .reason, "A pause needs a reason."),
            (MoveRequest(.withdraw), c, .reason, "Withdrawn needs a reason."),
            (MoveRequest(.notAccepted), c, .reason, "Not accepted needs a reason."),
            (MoveRequest(.findings, verdict: "upheld"), c, .issue, "say which issue (1-2)"),
            (MoveRequest(.findings, verdict: "upheld"), oneIssue, .issue, "say which issue (1)"),
            (MoveRequest(.findings, issue: "two", verdict: "upheld"), c, .issue, "'two' is not an issue number"),
            (MoveRequest(.findings, issue: "1"), c, .verdict, "give the verdict"),
            (MoveRequest(.findings, issue: "1", verdict: "maybe"), c, .verdict, "'maybe' is not a verdict"),
            (MoveRequest(.respond), c, .outcome, "no issue has a stage 1 finding"),
            (MoveRequest(.respond, outcome: "great"), c, .outcome, "'great' is not an outcome"),
            (MoveRequest(.respond, outcome: "upheld", satisfied: "perhaps"), c, .satisfied, "'perhaps' is not yes, no or not known"),
            (MoveRequest(.respond, outcome: "upheld", remedies: [RemedyInput(kind: "apology"), RemedyInput(kind: "flowers")]), c, .remedy(1), "'flowers' is not a remedy"),
            (MoveRequest(.respond, outcome: "upheld", remedies: [RemedyInput(kind: "payment")]), c, .remedyAmount(0), "a payment needs an amount"),
            (MoveRequest(.respond, outcome: "upheld", remedies: [RemedyInput(kind: "payment", amount: "lots")]), c, .remedyAmount(0), "'lots' is not an amount in pounds"),
            (MoveRequest(.remedy), complaint(answered), .remedy(0), "choose a remedy"),
            (MoveRequest(.ombudsmanDecision), complaint(answered + [.ombudsmanReferred(today)]), .decision, "choose a decision"),
            (MoveRequest(.ombudsmanDecision, decision: "upheld", amount: "-5"), complaint(answered + [.ombudsmanReferred(today)]), .amount, "not an amount"),
        ]
        XCTAssertEqual(cases.count, 22)
        for (r, contact, input, words) in cases {
            guard let p = problem(r, on: contact) else { continue }
            XCTAssertEqual(p.input, input, "\(r.move): \(p.message)")
            XCTAssertTrue(p.message.contains(words), "\(r.move): '\(p.message)' lacks '\(words)'")
            XCTAssertFalse(p.refusal, "\(r.move): an input problem, not a refusal")
        }
    }

    func testAMoveTheProcedureDoesNotAllowNowIsRefusedWithTheReasonAndTheMovesThatAre() throws {
        let paused = complaint([acknowledged, .paused(day("2022-01-12"), stage: 1, reason: "r")], findings: [.upheld, .upheld])
        let p = try XCTUnwrap(problem(MoveRequest(.respond), on: paused))
        XCTAssertTrue(p.refusal)
        XCTAssertEqual(p.input, .move)
        XCTAssertEqual(p.message, "respond is not possible on CS-2022-0001 now. The clock is paused since 2022-01-12: resume it before recording the response. "
                       + "The moves possible now are extend, resume, finding, withdraw, mediation, not-accepted, learning.")
        let again = try XCTUnwrap(problem(MoveRequest(.acknowledge), on: paused))
        XCTAssertTrue(again.message.contains("Stage 1 was already acknowledged on 2022-01-11."), again.message)
        let closed = complaint(answered + [.closed(day("2022-01-19"))])
        let c = try XCTUnwrap(problem(MoveRequest(.escalate), on: closed))
        XCTAssertTrue(c.message.hasSuffix("The moves possible now are ombudsman-refer, remedy, learning."), c.message)
        // A closed case says so, when the procedure's words do not (a trial read only the moves).
        for move in [Move.close, .withdraw, .pause, .extend] {
            let refused = try XCTUnwrap(problem(MoveRequest(move), on: closed))
            XCTAssertTrue(refused.message.contains("closed on 2022-01-19") || refused.message.contains("closed (on 2022-01-19)"), refused.message)
        }
        let close = try XCTUnwrap(problem(MoveRequest(.close), on: closed))
        XCTAssertEqual(BulkRefusal(contactID: 1, reference: "CS-2022-0001", message: close.message).line,
                       "CS-2022-0001: " + close.message.replacingOccurrences(of: "possible on CS-2022-0001 now", with: "possible now"),
                       "the reference once in a bulk change's list")
        let anonymised = CaseProtection(anonymisedOn: day("2030-01-01"), isAnonymised: true).stepRefusal(reference: "CS-2022-0001") ?? ""
        XCTAssertEqual(BulkRefusal(contactID: 1, reference: "CS-2022-0001", message: anonymised).line, anonymised,
                       "a message that begins with the reference is not prefixed with it again")
        var compliment = complaint()
        compliment.kind = .compliment
        XCTAssertTrue(problem(MoveRequest(.acknowledge), on: compliment)?.message.hasSuffix("No move is possible on CS-2022-0001 now.") ?? false)
    }

    func testAnAnsweredStageCannotBeNotAcceptedButARefusedRequestForTheNextCan() throws {
        let answeredCase = complaint(answered, findings: [.upheld, .notUpheld])
        let p = try XCTUnwrap(problem(MoveRequest(.notAccepted, reason: "Out of time"), on: answeredCase))
        XCTAssertTrue(p.refusal)
        XCTAssertFalse(p.message.contains("not-accepted,"), "not offered: \(p.message)")
        XCTAssertFalse(Move.available(for: answeredCase, clock: answeredCase.clock(calendar: cal, today: today)).contains(.notAccepted))
        // The machine refuses it too, whoever asks (a hand-made step, the CLI).
        XCTAssertThrowsError(try answeredCase.applying(.notAccepted(today, reason: "Out of time"), calendar: cal, today: today)) { e in
            XCTAssertTrue((e as? MoveRefused)?.message.contains("Stage 1 was answered on 2022-01-18") ?? false, "\(e)")
        }
        // The request for stage 2, recorded and then not accepted.
        let requested = complaint(answered + [.nextStageRequested(day("2022-01-19"), stage: 2)], findings: [.upheld, .notUpheld])
        let s = try step(MoveRequest(.notAccepted, reason: "Out of time"), on: requested)
        assertApplies(s, to: requested)
        // A history imported as it was keeps what it says.
        XCTAssertEqual(answeredCase.clock(calendar: cal, today: today).status, .responded)
        var imported = answeredCase
        imported.events.append(.notAccepted(today, reason: "Out of time"))
        XCTAssertEqual(imported.clock(calendar: cal, today: today).status, .notAccepted)
    }

    func testAnIssueTheCaseDoesNotHaveIsARefusal() throws {
        let p = try XCTUnwrap(problem(MoveRequest(.findings, issue: "3", verdict: "upheld"), on: complaint([acknowledged])))
        XCTAssertEqual(p, MoveProblem(.issue, "CS-2022-0001 has issues 1-2, not issue 3", refusal: true))
    }

    func testWhatOnlyTheClockKnowsIsRefusedBeforeTheStepIsMade() throws {
        // The request tries the step on a copy: a deadline past the maximum is refused here, in
        // the machine's words, so a form says so before asking for confirmation.
        let c = complaint([acknowledged])
        let p = try XCTUnwrap(problem(MoveRequest(.extend, reason: "r", newDue: "2022-03-31"), on: c))
        XCTAssertEqual(p, MoveProblem(.move, "2022-03-31 is past stage 1's maximum of 20 working days (latest 2022-02-07).", refusal: true))
        XCTAssertNoThrow(try step(MoveRequest(.extend, reason: "r", newDue: "2022-02-07"), on: c), "the latest allowed deadline is taken")
    }

    func testLearningPointWithItsThemeAndText() throws {
        let c = complaint([acknowledged])
        let clock = c.clock(calendar: cal, today: today)
        let ref = ReferenceData()
        let ok = MoveRequest(.learning, date: "2022-01-19", theme: "effective communication", text: "Return calls\nwithin two days\u{1B}")
        XCTAssertEqual(try ok.learningPoint(on: c, clock: clock, today: today, calendar: cal, reference: ref).get(),
                       LearningPoint(caseReference: "CS-2022-0001", theme: "effective communication", text: "Return calls\nwithin two days",
                                     date: day("2022-01-19"), serviceArea: "Care Leavers"))
        func input(_ r: MoveRequest) -> MoveProblem.Input? {
            if case .failure(let p) = r.learningPoint(on: c, clock: clock, today: today, calendar: cal, reference: ref) { return p.input }
            return nil
        }
        XCTAssertEqual(input(MoveRequest(.learning, text: "x")), .theme)
        XCTAssertEqual(input(MoveRequest(.learning, theme: "weather", text: "x")), .theme)
        XCTAssertEqual(input(MoveRequest(.learning, theme: "effective communication", text: " ")), .text)
        XCTAssertEqual(input(MoveRequest(.learning, date: "never", theme: "effective communication", text: "x")), .date)
        XCTAssertEqual(input(MoveRequest(.acknowledge)), .move, "only the learning move makes a learning point")
    }

    func testEveryMoveDeclaresItsInputs() {
        XCTAssertEqual(Move.extend.inputs, [.newDue, .reason])
        XCTAssertEqual(Move.respond.inputs, [.outcome, .satisfied, .remedy(0)])
        XCTAssertEqual(Move.findings.inputs, [.issue, .verdict, .text])
        XCTAssertEqual(Move.acknowledge.inputs, [])
    }

    /// Only a payment takes an amount: an apology with one is refused at the amount's field,
    /// and the procedure refuses such an event from any door (an import).
    /// The command line's other kinds take their text whole as the note; a note that is only
    /// an amount is refused, words about money are kept.
    func testAnotherKindsTextIsItsNoteAndMustBeWords() throws {
        XCTAssertEqual(RemedyInput(option: "other=£5 voucher"), RemedyInput(kind: "other", note: "£5 voucher"))
        XCTAssertEqual(RemedyInput(option: "apology=£50"), RemedyInput(kind: "apology", note: "£50"))
        XCTAssertEqual(RemedyInput(option: "payment=£50 for the delay"), RemedyInput(kind: "payment", amount: "£50", note: "for the delay"))
        let c = complaint([acknowledged, .responded(day("2022-01-20"), stage: 1)])
        for note in ["50", "£50", "£1,000.00"] {
            let p = try XCTUnwrap(problem(MoveRequest(.remedy, remedies: [RemedyInput(kind: "apology", note: note)]), on: c))
            XCTAssertEqual(p.input, .remedy(0))
            XCTAssertEqual(p.message, "only a payment takes an amount; describe the apology in words")
        }
        let s = try step(MoveRequest(.remedy, remedies: [RemedyInput(option: "other=£5 voucher")]), on: c)
        XCTAssertEqual(s.events.first?.reason, "£5 voucher")
        XCTAssertNil(s.events.first?.amountPence)
    }

    func testOnlyAPaymentTakesAnAmount() throws {
        let c = complaint([acknowledged, .responded(day("2022-01-20"), stage: 1)])
        let p = try XCTUnwrap(problem(MoveRequest(.remedy, remedies: [RemedyInput(kind: "apology", amount: "50")]), on: c))
        XCTAssertEqual(p.input, .remedyAmount(0))
        XCTAssertTrue(p.message.contains("only a payment takes an amount"), p.message)
        XCTAssertThrowsError(try c.applying(.remedy(day("2022-01-21"), stage: 1, .serviceChange, amountPence: 5_000),
                                            calendar: .englandAndWales, today: day("2022-06-15"))) {
            XCTAssertTrue("\($0)".contains("Only a payment remedy has an amount"), "\($0)")
        }
    }
}
