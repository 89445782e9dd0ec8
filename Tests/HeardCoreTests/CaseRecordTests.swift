import Foundation
import HeardCore
import HeardTestSupport
import XCTest

/// CaseRecord: the words the detail screen and `heard show` share, and the JSON of `heard show`.
final class CaseRecordTests: XCTestCase {
    let cal = WorkingDayCalendar.englandAndWales

    func record(today: String = "2022-03-15") -> CaseRecord {
        var c = sampleComplaint(received: "2022-01-10", categories: ["communication and information", "placement"])
        c.reference = "CS-2022-0001"
        c.issues[0].findings[1] = .upheld
        c.issues[1].findings[1] = .notUpheld
        c.events = [.acknowledged(day("2022-01-11")), .paused(day("2022-01-12"), stage: 1, reason: "Advocate being found"),
                    .resumed(day("2022-01-17"), stage: 1), .extended(day("2022-01-20"), stage: 1, to: day("2022-02-04"), reason: "Manager away"),
                    .responded(day("2022-02-01"), stage: 1, satisfied: false),
                    .remedy(day("2022-02-01"), stage: nil, .payment, amountPence: 25_000, note: "for the delay"),
                    .nextStageRequested(day("2022-02-10"), stage: 2)]
        return CaseRecord(contact: c, clock: c.clock(calendar: cal, today: day(today)), calendar: cal)
    }

    func testARunningDeadlinePastTheKnownHolidaysIsTheRecordsWarning() {
        let c = sampleComplaint(received: "2028-12-15")
        let past = CaseRecord(contact: c, clock: c.clock(calendar: cal, today: day("2028-12-20")), calendar: cal)
        XCTAssertEqual(past.warnings.count, 1)
        XCTAssertTrue(past.warnings[0].hasPrefix("Due 2029-01-02 is after 2028"), past.warnings[0])
        XCTAssertTrue(past.warnings[0].contains("heard holidays import"), past.warnings[0])
        XCTAssertTrue(past.json().contains("\"warnings\": [\n    \"Due 2029-01-02"), "heard show --format json carries it")
        XCTAssertEqual(record().warnings, [], "a deadline within the known years needs no warning")
    }

    func testTheChannelReadsAsEnglish() {
        var c = sampleComplaint(received: "2022-01-10")
        c.channel = .viaAdvocate
        let record = CaseRecord(contact: c, clock: c.clock(calendar: cal, today: day("2022-01-12")), calendar: cal)
        XCTAssertTrue(record.lines().contains(.field("Received", "2022-01-10 (Mon) via advocate", .plain)), "not 'by via advocate'")
        c.channel = .email
        let byEmail = CaseRecord(contact: c, clock: c.clock(calendar: cal, today: day("2022-01-12")), calendar: cal)
        XCTAssertTrue(byEmail.lines().contains(.field("Received", "2022-01-10 (Mon) by email", .plain)))
    }

    func testEventsInWords() {
        XCTAssertEqual(CaseRecord.describe(.extended(day("2022-01-20"), stage: 1, to: day("2022-02-04"), reason: "Manager away")),
                       "Extended (stage 1) to 2022-02-04 — Manager away")
        XCTAssertEqual(CaseRecord.describe(.responded(day("2022-02-01"), stage: 1, outcome: .upheld, satisfied: true)), "Responded (stage 1): upheld, satisfied")
        XCTAssertEqual(CaseRecord.describe(.nextStageRequested(day("2022-02-10"), stage: 2)), "Next stage requested: stage 2")
        XCTAssertEqual(CaseRecord.describe(.remedy(day("2022-02-01"), stage: nil, .payment, amountPence: 25_005, note: "x")), "Remedy: payment £250.05 — x")
        XCTAssertEqual(CaseRecord.pounds(7), "0.07")
        XCTAssertEqual(CaseRecord.pounds(-150), "-1.50")
    }

    func testTimelineStartsWithReceiptAndKeepsTheEventsKinds() {
        let t = record().timeline
        XCTAssertEqual(t.count, 8)
        XCTAssertEqual(t.first, TimelineEntry(date: day("2022-01-10"), kind: "received", text: "Received"))
        XCTAssertEqual(t.map(\.kind).dropFirst(), ["acknowledged", "paused", "resumed", "extended", "responded", "remedy", "next_stage_requested"])
    }

    func testTimelineReadsByDateWhateverTheOrderRecorded() {
        var r = record()
        // A remedy recorded after stage 2 was requested, dated on the day of the response.
        r.contact.events.append(.remedy(day("2022-02-01"), stage: nil, .apology, note: ""))
        let t = r.timeline
        XCTAssertEqual(t.map(\.kind).suffix(4), ["responded", "remedy", "remedy", "next_stage_requested"])
        XCTAssertEqual(t.map(\.date), t.map(\.date).sorted())
    }

    func testClockFieldsPerStage() {
        let r = record()
        let stage1 = r.clockFields(r.clock.stages[0])
        XCTAssertEqual(stage1.map(\.name), ["Received", "Acknowledged", "Clock", "Target", "Extended", "Paused", "Responded", "Next stage"])
        XCTAssertEqual(stage1.first { $0.name == "Responded" }?.value, "2022-02-01 after 13 working days: within extension")
        let stage2 = r.clockFields(r.clock.stages[1])
        XCTAssertEqual(stage2.last, RecordField("Due", "2022-03-17: 23 used, 2 working days left", .dueSoon))
        // One day in words: "1 working day", left and over alike (a re-check saw "1 working days").
        let nextDay = record(today: "2022-03-16")
        XCTAssertEqual(nextDay.clockFields(nextDay.clock.stages[1]).last?.value, "2022-03-17: 24 used, 1 working day left")
        let late = record(today: "2022-03-18")
        XCTAssertEqual(late.clockFields(late.clock.stages[1]).last?.value, "2022-03-17: 26 used, 1 working day overdue")
        XCTAssertEqual(stage2[1].tone, .overdue, "the stage 2 acknowledgement is late")
        XCTAssertEqual(r.windowEnds(r.clock.stages[0]), cal.adding(workingDays: 20, after: day("2022-02-01")))
        XCTAssertNil(r.windowEnds(r.clock.stages[1]), "unanswered")
        XCTAssertEqual(r.statusWords, "open · stage 2 · due 2022-03-17")
        XCTAssertEqual(r.statusKey, "ok")
    }

    func testAStageEndedUnacknowledgedIsNotWaitingForAnAcknowledgement() {
        var c = sampleComplaint(received: "2022-01-10")
        let open = CaseRecord(contact: c, clock: c.clock(calendar: cal, today: day("2022-01-11")), calendar: cal)
        XCTAssertEqual(open.clockFields(open.clock.stages[0]).first { $0.name == "Acknowledged" }?.value, "not yet (target 2022-01-13)", "three working days after Monday the 10th")
        c.events = [.withdrawn(day("2022-01-11"), reason: "Resolved by phone")]
        let ended = CaseRecord(contact: c, clock: c.clock(calendar: cal, today: day("2022-03-01")), calendar: cal)
        let field = ended.clockFields(ended.clock.stages[0]).first { $0.name == "Acknowledged" }
        XCTAssertEqual(field?.value, "not recorded (target was 2022-01-13)")
        XCTAssertEqual(field?.tone, .plain, "a withdrawn case's missing acknowledgement is not overdue")
    }

    func testLinesHoldEverySectionWithIssuesOutcomesAndRemedies() {
        let lines = record().lines()
        let sections = lines.compactMap { if case .section(let s) = $0 { return s } else { return nil } }
        XCTAssertEqual(sections, ["Case", "People", "Clock", "Issues and findings", "Timeline", "Contact log", "Letters", "Documents",
                                  "Learning and actions", "History"])
        let texts = lines.compactMap { line -> String? in if case .spans(let s, _) = line { return s.map(\.text).joined() } else { return nil } }
        XCTAssertTrue(texts.contains("1. communication and information   stage 1: upheld"), "\(texts)")
        XCTAssertTrue(texts.contains("Stage 1 outcome: partially upheld · not satisfied"), "\(texts)")
        XCTAssertTrue(texts.contains("Remedy 2022-02-01: payment £250.00 — for the delay"), "\(texts)")
        XCTAssertTrue(lines.contains(.entry(date: "2022-01-12", text: "Paused (stage 1) — Advocate being found")))
    }

    func testJSONHasTheContractKeysAndEscapesControlCharacters() throws {
        var r = record()
        r.contact.summary = "Bell\u{07} and \u{1B}[2J escape"
        let history = [HistoryItem(at: "2022-02-01T10:00:00Z", who: "Officer One", action: "create", entity: "event",
                                   changes: [.init("kind", before: nil, after: "responded")])]
        r.history = history
        let text = r.json()
        XCTAssertFalse(text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "no raw control characters")
        let obj = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        for key in ["reference", "kind", "status", "stage", "stages", "issues", "remedies", "timeline", "contacts", "letters", "documents",
                    "legal_hold", "anonymised", "history"] {
            XCTAssertNotNil(obj[key], key)
        }
        XCTAssertEqual(obj["summary"] as? String, "Bell\u{07} and \u{1B}[2J escape", "escaped, not lost")
        let stages = try XCTUnwrap(obj["stages"] as? [[String: Any]])
        XCTAssertEqual(stages.count, 2)
        for key in ["number", "requested", "acknowledged", "due", "maximum", "response", "outcome", "window_ends"] {
            XCTAssertTrue(stages[0].keys.contains(key), key)
        }
        XCTAssertEqual(stages[0]["outcome"] as? String, "partially_upheld")
        XCTAssertEqual(stages[0]["response"] as? String, "2022-02-01")
        XCTAssertTrue(stages[1]["response"] is NSNull)
        let issues = try XCTUnwrap(obj["issues"] as? [[String: Any]])
        XCTAssertEqual(issues.map { $0["verdict"] as? String }, ["upheld", "not_upheld"])
        XCTAssertEqual(issues.first?["category"] as? String, "communication and information")
        XCTAssertTrue(issues.first?["finding"] is NSNull)
        let remedies = try XCTUnwrap(obj["remedies"] as? [[String: Any]])
        XCTAssertEqual(remedies.first?["amount_pence"] as? Int, 25_000)
        let h = try XCTUnwrap((obj["history"] as? [[String: Any]])?.first)
        XCTAssertEqual(h["who"] as? String, "Officer One")
        XCTAssertEqual((h["changes"] as? [[String: Any]])?.first?["after"] as? String, "responded")
    }

    func testHistoryRowsInWords() {
        let h = HistoryItem(at: "2022-02-01T10:00:00Z", who: "Officer One", action: "update", entity: "issue",
                            changes: [.init("finding1", before: nil, after: "upheld"), .init("officer", before: "A", after: "B"),
                                      .init("reason", before: "r", after: nil)])
        XCTAssertEqual(h.words, "2022-02-01 10:00:00  Officer One  update issue  stage 1 finding: upheld; officer: A → B; reason: r → (none)")
        var r = record()
        XCTAssertEqual(r.lines().last, .spans([RecordSpan("No audit rows.", .dim)], indent: 2))
        r.history = [h]
        XCTAssertEqual(r.lines().last, .spans([RecordSpan(h.words)], indent: 2))
    }

    func testHistorySaysFieldsAndValuesInPeoplesWordsAndNamesTheIssue() throws {
        var c = record().contact
        for i in c.issues.indices { c.issues[i].id = Int64(10 + i) }
        let finding = AuditEntry(id: 1, at: "2022-02-01T10:00:00Z", who: "Officer One", session: "s", entity: .issue, action: .update,
                                 entityID: c.issues[1].id,
                                 changes: [.init("finding1", before: "upheld", after: "partially_upheld"), .init("finding1_text", before: nil, after: "a_b")])
        XCTAssertEqual(finding.historyItem(issues: c.issues).words,
                       "2022-02-01 10:00:00  Officer One  update issue 2 (placement)  stage 1 finding: upheld → partially upheld; stage 1 found: a_b",
                       "typed text keeps its underscores")
        let remedy = HistoryItem(at: "2022-02-01T10:00:00Z", who: "O", action: "create", entity: "event",
                                 changes: [.init("kind", before: nil, after: "remedy"), .init("remedy", before: nil, after: "service_change"),
                                           .init("amount_pence", before: nil, after: "15000"), .init("ombudsman_decision", before: nil, after: "not_upheld")])
        XCTAssertEqual(remedy.words, "2022-02-01 10:00:00  O  create event  kind: remedy; remedy: service change; amount: £150.00; Ombudsman's decision: not upheld")
        // The JSON keeps the stored form.
        var r = record()
        r.history = [finding.historyItem(issues: c.issues)]
        let obj = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.json().utf8)) as? [String: Any])
        let changes = try XCTUnwrap((obj["history"] as? [[String: Any]])?.first?["changes"] as? [[String: Any]])
        XCTAssertEqual(changes.first?["field"] as? String, "finding1")
        XCTAssertEqual(changes.first?["after"] as? String, "partially_upheld")
    }

    func testReferenceQuery() {
        XCTAssertEqual(ReferenceQuery("39"), .number(39))
        XCTAssertEqual(ReferenceQuery(" cs-2022-0039 "), .exact("cs-2022-0039"))
        XCTAssertTrue(ReferenceQuery("39").matches("CS-2022-0039"))
        XCTAssertTrue(ReferenceQuery("0039").matches("CS-2021-0039"))
        XCTAssertFalse(ReferenceQuery("39").matches("CS-2022-1039"))
        XCTAssertFalse(ReferenceQuery("39").matches("CS-2022-0390"))
        XCTAssertTrue(ReferenceQuery("cs-2022-0039").matches("CS-2022-0039"))
        XCTAssertFalse(ReferenceQuery("CS-2022-003").matches("CS-2022-0039"))
    }
}
