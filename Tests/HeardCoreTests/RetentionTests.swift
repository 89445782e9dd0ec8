import HeardCore
import HeardTestSupport
import XCTest

/// The retention rule: when a closed case becomes due, and what a hold keeps.
final class RetentionTests: XCTestCase {
    let calendar = WorkingDayCalendar.englandAndWales

    func compliment(_ ref: String, received: String, id: Int64) -> Contact {
        Contact(id: id, reference: ref, kind: .compliment, received: day(received), serviceArea: "Fostering", complainantName: "Ada Lovelace")
    }

    func testDueSixYearsAfterClosingByDefaultAndAKindsOwnPeriod() {
        let rules = RetentionRules(years: 6, byKind: [.compliment: 2])
        XCTAssertEqual(rules.dueDate(kind: .complaint, closedOn: day("2021-05-10")), day("2027-05-10"))
        XCTAssertEqual(rules.dueDate(kind: .compliment, closedOn: day("2021-05-10")), day("2023-05-10"))
        // 29 February has no day six years on: the last day of February.
        XCTAssertEqual(rules.dueDate(kind: .complaint, closedOn: day("2024-02-29")), day("2030-02-28"))
        XCTAssertEqual(rules.words, "6 years after closing; compliments 2")
    }

    func testClosedCasesAreDueOnTheirDateOpenOnesNeverHeldOnesAreKeptAnonymisedOnesAreDone() {
        var open = sampleComplaint(received: "2015-01-05")
        open.id = 1; open.reference = "CS-OPEN"
        var withdrawn = sampleComplaint(received: "2016-01-05")
        withdrawn.id = 2; withdrawn.reference = "CS-WD"
        withdrawn.events = [.withdrawn(day("2016-02-01"), reason: "Resolved informally")]
        let early = compliment("CS-C1", received: "2020-03-01", id: 3)
        let late = compliment("CS-C2", received: "2021-03-01", id: 4)
        let held = compliment("CS-C3", received: "2019-03-01", id: 5)
        let done = compliment("CS-C4", received: "2018-03-01", id: 6)
        let list = RetentionList.compute([
            RetentionCandidate(contact: open), RetentionCandidate(contact: withdrawn), RetentionCandidate(contact: early),
            RetentionCandidate(contact: late), RetentionCandidate(contact: held, holdReason: "Inquiry"),
            RetentionCandidate(contact: done, anonymised: true),
        ], asOf: day("2026-03-01"), rules: RetentionRules(), calendar: calendar)
        XCTAssertEqual(list.due.map(\.reference), ["CS-WD", "CS-C1"])
        XCTAssertEqual(list.due.first?.closedOn, day("2016-02-01"))
        XCTAssertEqual(list.due.first?.dueSince, day("2022-02-01"))
        XCTAssertEqual(list.due.last?.dueSince, day("2026-03-01"), "due on the day itself")
        XCTAssertEqual(list.held.map(\.reference), ["CS-C3"])
        XCTAssertEqual(list.held.first?.holdReason, "Inquiry")
    }

    func testAnAnsweredComplaintIsDueFromTheDayItsEscalationWindowClosedIt() {
        var c = sampleComplaint(received: "2019-01-07")
        c.id = 9; c.reference = "CS-R"
        c.events = [.acknowledged(day("2019-01-08")), .responded(day("2019-01-21"), stage: 1, outcome: .upheld)]
        let clock = c.clock(calendar: calendar, today: day("2026-01-01"))
        let closed = try? XCTUnwrap(clock.closedOn)
        let list = RetentionList.compute([RetentionCandidate(contact: c)], asOf: day("2026-01-01"), rules: RetentionRules(), calendar: calendar)
        XCTAssertEqual(list.due.count, 1)
        XCTAssertEqual(list.due.first?.closedOn, closed)
        XCTAssertGreaterThan(list.due.first?.closedOn ?? day("2000-01-01"), day("2019-01-21"), "closed when the window ended, not when answered")
    }

    /// A closed case referred to the Ombudsman has not ended until the decision is recorded: it
    /// is not due, and anonymising it is refused (it would then never take the decision; an
    /// attack). Once decided it is due and may be anonymised as any closed case.
    func testACaseAwaitingTheOmbudsmanHasNotEnded() {
        var c = sampleComplaint(received: "2018-01-08")
        c.id = 9; c.reference = "CS-O"
        c.events = [.acknowledged(day("2018-01-09")), .responded(day("2018-01-22"), stage: 1, outcome: .notUpheld), .closed(day("2018-01-23")),
                    .ombudsmanReferred(day("2018-03-01"))]
        let asOf = day("2026-01-01")
        var clock = c.clock(calendar: calendar, today: asOf)
        XCTAssertTrue(clock.status.isFinal, "fixture: its stages ended")
        XCTAssertTrue(clock.awaitsOmbudsman)
        XCTAssertEqual(Anonymisation.notEndedRefusal(reference: c.reference, clock: clock),
                       "CS-O is with the Ombudsman (referred 2018-03-01, no decision recorded yet); anonymise it once the decision is recorded.")
        XCTAssertEqual(RetentionList.compute([RetentionCandidate(contact: c)], asOf: asOf, rules: RetentionRules(), calendar: calendar).due, [])
        c.events.append(.ombudsmanDecision(day("2018-09-03"), .notUpheld))
        clock = c.clock(calendar: calendar, today: asOf)
        XCTAssertFalse(clock.awaitsOmbudsman)
        XCTAssertNil(Anonymisation.notEndedRefusal(reference: c.reference, clock: clock))
        XCTAssertEqual(RetentionList.compute([RetentionCandidate(contact: c)], asOf: asOf, rules: RetentionRules(), calendar: calendar).due.map(\.reference), ["CS-O"])
    }
}

/// The anonymiser: personal fields go, statistical ones stay.
final class AnonymisationTests: XCTestCase {
    func fullCase() -> Contact {
        var c = sampleComplaint(received: "2021-06-01", name: "Zebedee Quartermain", cyp: true)
        c.id = 7; c.reference = "CS-2021-0007"
        c.subjectChild = "Xanthe Quartermain"
        c.summary = "Xanthe's placement moved without notice"
        c.acceptanceDecision = "Accepted out of time by the manager"
        c.issues = [ComplaintIssue(id: 1, category: "placement", detail: "Moved to Leeds", findings: [1: .upheld], findingTexts: [1: "Zebedee was not told"])]
        c.events = [.acknowledged(day("2021-06-02")), .extended(day("2021-06-10"), stage: 1, to: day("2021-07-01"), reason: "Xanthe's social worker away"),
                    .responded(day("2021-06-20"), stage: 1, outcome: .upheld, satisfied: true)]
        c.stagePeople = StagePeople(investigatingOfficer: "Ivo Investigator", independentPerson: "Ida Independent", panel: ["P One", "P Two"], panelDate: day("2021-09-01"))
        var p = CasePeople()
        p.complainant.address = "1 High Street"; p.complainant.phone = "07700 900123"; p.complainant.email = "z@example.org"
        p.complainant.preferredContact = .email; p.complainant.relationship = "grandfather"; p.complainant.authorityChecked = true
        p.child.socialCareID = "SC123456"; p.child.dateOfBirth = day("2010-01-01")
        p.equality = EqualityMonitoring([.ageBand: "55-64", .gender: "male"])
        c.people = p
        return c
    }

    func testPersonalFieldsGoAndTheFiguresStay() {
        let before = fullCase()
        let after = Anonymisation.anonymised(before)
        let gone = Anonymisation.placeholder
        XCTAssertEqual([after.complainantName, after.subjectChild, after.summary, after.acceptanceDecision, after.advocate], [gone, gone, gone, gone, gone])
        XCTAssertTrue(after.hasAdvocate, "the C&YP figures count cases with an advocate")
        XCTAssertEqual(after.issues.first?.detail, gone)
        XCTAssertEqual(after.issues.first?.findingTexts[1], gone)
        XCTAssertEqual(after.events.map(\.reason), ["", gone, ""])
        XCTAssertEqual(after.stagePeople.investigatingOfficer, gone)
        XCTAssertEqual(after.stagePeople.panel, [gone, gone])
        XCTAssertEqual(after.people.complainant.address, "")
        XCTAssertEqual(after.people.complainant.phone, "")
        XCTAssertEqual(after.people.complainant.email, "")
        XCTAssertEqual(after.people.child.socialCareID, gone)
        XCTAssertNil(after.people.child.dateOfBirth)
        // What the report reads, unchanged.
        XCTAssertEqual(after.kind, before.kind); XCTAssertEqual(after.received, before.received)
        XCTAssertEqual(after.serviceArea, before.serviceArea); XCTAssertEqual(after.team, before.team)
        XCTAssertEqual(after.procedure, before.procedure); XCTAssertEqual(after.channel, before.channel)
        XCTAssertEqual(after.complainantRole, before.complainantRole); XCTAssertEqual(after.isChildOrYoungPerson, before.isChildOrYoungPerson)
        XCTAssertEqual(after.categories, before.categories); XCTAssertEqual(after.issues.first?.findings, before.issues.first?.findings)
        XCTAssertEqual(after.events.map(\.kind), before.events.map(\.kind)); XCTAssertEqual(after.events.map(\.date), before.events.map(\.date))
        XCTAssertEqual(after.people.equality, before.people.equality)
        XCTAssertEqual(after.stagePeople.panelDate, before.stagePeople.panelDate)
        let calendar = WorkingDayCalendar.englandAndWales
        let k0 = before.clock(calendar: calendar, today: day("2022-01-01")), k1 = after.clock(calendar: calendar, today: day("2022-01-01"))
        XCTAssertEqual(k1.status, k0.status); XCTAssertEqual(k1.closedOn, k0.closedOn)
        XCTAssertEqual(k1.stages.map(\.due), k0.stages.map(\.due)); XCTAssertEqual(k1.stages.map(\.responded), k0.stages.map(\.responded))
    }

    func testTheSameReportBeforeAndAfter() {
        let before = [fullCase(), sampleComplaint(received: "2021-07-01", name: "Other Person")]
        let after = before.map(Anonymisation.anonymised)
        let options = ReportOptions(period: Period.financialYear(starting: 2021), today: day("2022-06-15"))
        let a = ReportRenderer.json(AnnualReport.build(ReportInput(contacts: before), options))
        let b = ReportRenderer.json(AnnualReport.build(ReportInput(contacts: after), options))
        XCTAssertFalse(a.isEmpty)
        XCTAssertEqual(a, b)
        XCTAssertEqual(ReportRenderer.json(AnnualReport.build(ReportInput(contacts: before), options).publicVersion(threshold: 4)),
                       ReportRenderer.json(AnnualReport.build(ReportInput(contacts: after), options).publicVersion(threshold: 4)))
    }

    func testAuditValuesOfPersonalFieldsAreRedactedAndTheOthersKept() {
        let changes = [FieldChange("complainant_name", before: "Zebedee", after: "Zed"), FieldChange("service_area", before: "Fostering", after: "Adoption"),
                       FieldChange("summary", before: nil, after: "A story"), FieldChange("advocate", before: "", after: "CRT")]
        let out = Anonymisation.redacted(changes, entity: .contact)
        XCTAssertEqual(out, [FieldChange("complainant_name", before: "(anonymised)", after: "(anonymised)"),
                             FieldChange("service_area", before: "Fostering", after: "Adoption"),
                             FieldChange("summary", before: nil, after: "(anonymised)"), FieldChange("advocate", before: "", after: "(anonymised)")])
        XCTAssertEqual(Anonymisation.redacted([FieldChange("with", before: nil, after: "Mum"), FieldChange("kind", before: nil, after: "call")], entity: .other("contact_log")),
                       [FieldChange("with", before: nil, after: "(anonymised)"), FieldChange("kind", before: nil, after: "call")])
        XCTAssertEqual(Anonymisation.redacted([FieldChange("anything", before: nil, after: "x")], entity: .other("from_a_later_heard")),
                       [FieldChange("anything", before: nil, after: "(anonymised)")], "an unknown entity keeps nothing")
    }
}
