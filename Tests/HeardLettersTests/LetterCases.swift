import HeardCore
import HeardLetters
import HeardTestSupport

/// Cases at each point a letter is written, for the letter tests.
enum LetterCases {
    static let cal = WorkingDayCalendar.englandAndWales
    static let settings = LetterSettings(councilName: "Anytown Borough Council", letterhead: ["Children's Services"],
                                         address: ["Town Hall", "1 High Street", "Anytown AN1 1AA"], phone: "01234 567890",
                                         email: "complaints@anytown.gov.uk", signatoryName: "Sam Okafor",
                                         signatoryTitle: "Complaints Manager")

    static func record(_ c: Contact, today: String) -> CaseRecord {
        CaseRecord(contact: c, clock: c.clock(calendar: cal, today: day(today)), calendar: cal)
    }

    /// A statutory complaint received 2022-01-10 with two issues, named Mrs Alice Patel.
    static func complaint() -> Contact {
        var c = sampleComplaint(received: "2022-01-10", name: "Mrs Alice Patel", categories: ["Communication", "Placement"])
        c.reference = "CS-2022-0007"
        c.subjectChild = "Jamie Patel"
        c.issues[0].detail = "Calls were not returned"
        c.issues[1].detail = "Moved without notice"
        return c
    }

    /// Received, not yet acknowledged.
    static func new() -> CaseRecord { record(complaint(), today: "2022-01-11") }

    /// Acknowledged and extended.
    static func extended() -> CaseRecord {
        var c = complaint()
        c.events = [.acknowledged(day("2022-01-11")), .extended(day("2022-01-20"), stage: 1, to: day("2022-02-04"), reason: "the manager is away")]
        return record(c, today: "2022-01-20")
    }

    /// Stage 1 answered: two findings with their texts, two remedies.
    static func answered() -> CaseRecord {
        var c = complaint()
        c.issues[0].findings[1] = .upheld
        c.issues[0].findingTexts[1] = "Your calls of 3 and 5 January were not returned."
        c.issues[1].findings[1] = .notUpheld
        c.issues[1].findingTexts[1] = "The move was agreed at the review on 2 December."
        c.events = [.acknowledged(day("2022-01-11")), .responded(day("2022-01-21"), stage: 1),
                    .remedy(day("2022-01-21"), stage: 1, .apology, note: "for the unanswered calls"),
                    .remedy(day("2022-01-21"), stage: 1, .payment, amountPence: 25_000, note: "for time and trouble")]
        return record(c, today: "2022-01-21")
    }

    /// At stage 2, requested, with an Investigating Officer and Independent Person; answered or not.
    static func atStage2(answered: Bool = false) -> CaseRecord {
        var c = self.answered().contact
        c.events.append(.nextStageRequested(day("2022-02-01"), stage: 2))
        c.stagePeople = StagePeople(investigatingOfficer: "Chris Bell", independentPerson: "Dana Reyes")
        if answered {
            c.issues[0].findings[2] = .upheld
            c.issues[0].findingTexts[2] = "The investigation found the calls went unanswered."
            c.issues[1].findings[2] = .partiallyUpheld
            c.issues[1].findingTexts[2] = "Notice was given, but late."
            c.events += [.acknowledged(day("2022-02-03"), stage: 2), .responded(day("2022-03-01"), stage: 2)]
        }
        return record(c, today: answered ? "2022-03-01" : "2022-02-02")
    }

    /// At stage 3 with its panel; answered or not.
    static func atStage3(answered: Bool = false) -> CaseRecord {
        var c = atStage2(answered: true).contact
        c.events.append(.nextStageRequested(day("2022-03-10"), stage: 3))
        c.stagePeople.panel = ["Pat Chair", "Lee Member", "Kim Member"]
        c.stagePeople.panelDate = day("2022-04-05")
        if answered {
            c.issues[0].findings[3] = .upheld
            c.issues[0].findingTexts[3] = "The panel agreed the calls went unanswered."
            c.issues[1].findings[3] = .notUpheld
            c.issues[1].findingTexts[3] = "The panel found the notice adequate."
            c.events += [.responded(day("2022-04-20"), stage: 3)]
        }
        return record(c, today: answered ? "2022-04-20" : "2022-03-11")
    }

    static func notAccepted() -> CaseRecord {
        var c = complaint()
        c.events = [.notAccepted(day("2022-01-12"), reason: "the matters complained of are before the family court")]
        return record(c, today: "2022-01-12")
    }

    static func compliment() -> CaseRecord {
        var c = complaint()
        c.kind = .compliment
        c.procedure = nil
        c.issues = []
        return record(c, today: "2022-01-11")
    }

    static func enquiry() -> CaseRecord {
        var c = complaint()
        c.kind = .enquiry
        c.procedure = nil
        c.issues = []
        c.summary = "How to arrange contact visits"
        c.events = [.acknowledged(day("2022-01-11")), .responded(day("2022-01-14"), stage: 1)]
        return record(c, today: "2022-01-14")
    }
}
