import Foundation
import HeardCore
import HeardTestSupport
import XCTest

/// The people of a case: their rules, their record (detail and `heard show`), the search over
/// the child's record, and the report's equality monitoring with its public suppression.
final class PeopleTests: XCTestCase {
    let fy = Period.financialYear(starting: 2021)
    let today = day("2022-06-30")

    func person(_ ref: String, received: String = "2021-06-01", equality: [EqualityQuestion: String] = [:]) -> Contact {
        var c = sampleComplaint(received: received)
        c.reference = ref
        c.subjectChild = "Lily Hart"
        c.people = CasePeople(
            complainant: ComplainantDetails(address: "4 Quarry Row, Northam NM1 2AB", phone: "07700 900123", email: "jo.hart@example.org",
                                            preferredContact: .email, relationship: "mother", authorityChecked: true,
                                            authorityCheckedOn: day("2021-06-03")),
            child: SubjectChildDetails(socialCareID: "LCS778899", dateOfBirth: day("2014-05-02")),
            equality: EqualityMonitoring(equality))
        return c
    }

    // MARK: - Rules

    func testAcceptableDetailsHaveNoProblems() {
        let c = person("A")
        XCTAssertTrue(c.people.problems(received: c.received, today: today).isEmpty)
        XCTAssertTrue(c.validationProblems(reference: .default, rules: .default, today: today).isEmpty)
    }

    func testEachBadFieldIsNamedAndNoMessageRepeatsTheValue() {
        var c = person("A")
        c.people.complainant.email = "jo.hart.example.org"
        c.people.complainant.phone = "call Jo on 0770"
        c.people.child.dateOfBirth = day("2021-06-02")  // the day after received
        c.people.complainant.authorityChecked = false
        let problems = c.people.problems(received: c.received, today: today)
        XCTAssertEqual(problems.map(\.field), [PeopleField.email, PeopleField.phone, PeopleField.authorityCheckedOn, PeopleField.dateOfBirth])
        XCTAssertTrue(problems[0].message.contains("@"), problems[0].message)
        XCTAssertEqual(problems[3].message, "is after the date the contact was received")
        let all = problems.map(\.message).joined(separator: " ")
        for secret in ["jo.hart", "0770", "2021-06-02", "Quarry"] { XCTAssertFalse(all.contains(secret), "a message repeats \(secret): \(all)") }
        // The contact's own validation carries them, so the store and the forms refuse them too.
        XCTAssertTrue(c.validationProblems(reference: .default, rules: .default, today: today).contains { $0.field == PeopleField.email })
    }

    func testPreferredContactNeedsTheWayToReachThem() {
        var c = person("A")
        c.people.complainant.email = ""
        XCTAssertEqual(c.people.problems(received: c.received, today: today).map(\.field), [PeopleField.preferredContact])
        c.people.complainant.preferredContact = .letter
        c.people.complainant.address = ""
        XCTAssertEqual(c.people.problems(received: c.received, today: today).map(\.message), ["is letter but there is no address"])
    }

    func testEqualityAnswersMatchAsPeopleTypeThem() {
        XCTAssertEqual(EqualityQuestion.ageBand.answer(matching: "18_24"), "18-24")
        XCTAssertEqual(EqualityQuestion.ageBand.answer(matching: "65+"), "65 and over")
        XCTAssertEqual(EqualityQuestion.ethnicity.answer(matching: "  black "), "Black, Black British, Caribbean or African")
        XCTAssertEqual(EqualityQuestion.religion.answer(matching: "Prefer Not To Say"), EqualityQuestion.preferNotToSay)
        XCTAssertEqual(EqualityQuestion.disability.answer(matching: "declined"), EqualityQuestion.preferNotToSay)
        XCTAssertNil(EqualityQuestion.gender.answer(matching: "blue"))
        for q in EqualityQuestion.allCases { XCTAssertEqual(q.answers.last, EqualityQuestion.preferNotToSay) }
    }

    func testFieldsRoundTripThroughTheirStoredText() throws {
        let c = person("A", equality: [.gender: "female", .religion: "no religion"])
        var copy = sampleComplaint()
        for (k, v) in c.editableFields where PeopleField.columns.contains(k) { try copy.setField(k, to: v) }
        XCTAssertEqual(copy.people, c.people)
        XCTAssertThrowsError(try copy.setField(PeopleField.dateOfBirth, to: "02/05/2014"), "stored text is ISO")
        XCTAssertThrowsError(try copy.setField("equality_gender", to: "blue"))
    }

    // MARK: - Search

    func testSearchFindsTheChildBySocialCareIDAndDateOfBirthEitherWay() {
        let c = person("A")
        let s = CaseSummary(id: 1, reference: "CS-2021-0001", kind: .complaint, received: c.received, serviceArea: c.serviceArea, team: "",
                            complainantName: c.complainantName, isChildOrYoungPerson: false, officer: "", summary: "", stage: 1,
                            status: .open, due: nil, overdue: false, paused: false, extended: false, daysLeft: nil, version: 1,
                            subjectChild: CaseSearch.childText(name: c.subjectChild, c.people.child))
        for q in ["lcs778899", "2014-05-02", "02/05/2014", "lily lcs77"] { XCTAssertTrue(CaseSearch(q).matches(s), q) }
        XCTAssertFalse(CaseSearch("LCS778890").matches(s))
    }

    // MARK: - The record

    func testTheRecordShowsThePeopleInWordsAndJSON() throws {
        let c = person("A", equality: [.ageBand: "35-44"])
        let k = c.clock(rules: .default, calendar: .englandAndWales, today: today)
        let record = CaseRecord(contact: c, clock: k, calendar: .englandAndWales)
        let fields = record.lines().compactMap { line -> (String, String)? in
            if case .field(let n, let v, _, _) = line { return (n, v) }
            return nil
        }
        func value(_ name: String) -> String? { fields.first { $0.0 == name }?.1 }
        XCTAssertEqual(value("Phone"), "07700 900123")
        XCTAssertEqual(value("Authority to act"), "checked 2021-06-03")
        XCTAssertEqual(value("Child date of birth"), "2014-05-02 (aged 7 when received)")
        XCTAssertEqual(value("Age band"), "35-44")
        XCTAssertEqual(value("Gender"), "not recorded")

        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(record.json().utf8)) as? [String: Any])
        let complainant = try XCTUnwrap(json["complainant"] as? [String: Any])
        XCTAssertEqual(complainant["email"] as? String, "jo.hart@example.org")
        XCTAssertEqual(complainant["preferred_contact"] as? String, "email")
        XCTAssertEqual(complainant["authority_checked"] as? Bool, true)
        XCTAssertEqual(complainant["authority_checked_on"] as? String, "2021-06-03")
        let child = try XCTUnwrap(json["subject_child_details"] as? [String: Any])
        XCTAssertEqual(child["social_care_id"] as? String, "LCS778899")
        XCTAssertEqual(child["date_of_birth"] as? String, "2014-05-02")
        XCTAssertEqual(json["subject_child"] as? String, "Lily Hart", "the contract's key keeps its string")
        let equality = try XCTUnwrap(json["equality"] as? [String: Any])
        XCTAssertEqual(equality["age_band"] as? String, "35-44")
        XCTAssertTrue(equality["gender"] is NSNull)
    }

    // MARK: - The report

    func report(_ contacts: [Contact]) -> ReportGroup {
        AnnualReport.build(ReportInput(contacts: contacts), ReportOptions(period: fy, today: today))
    }

    func testTheReportCountsEachAnswerOfTheComplaintsReceivedInThePeriod() {
        var contacts = (0..<6).map { person("F\($0)", equality: [.gender: "female", .ageBand: "25-34"]) }
        contacts += (0..<5).map { person("M\($0)", equality: [.gender: "male", .disability: "prefer not to say"]) }
        contacts.append(person("N", equality: [:]))
        contacts.append(person("Old", received: "2021-03-01", equality: [.gender: "male"]))  // the previous year
        var enquiry = Contact(reference: "E", kind: .enquiry, received: day("2021-06-01"), serviceArea: "Adoption")
        enquiry.people.equality[.gender] = "female"  // not a complaint: not counted
        contacts.append(enquiry)
        let r = report(contacts)
        XCTAssertEqual(r.value(at: "complaints.equality.gender.female")?.count, 6)
        XCTAssertEqual(r.value(at: "complaints.equality.gender.male")?.count, 5)
        XCTAssertEqual(r.value(at: "complaints.equality.gender.not recorded")?.count, 1)
        XCTAssertEqual(r.value(at: "complaints.equality.gender.non-binary")?.count, 0)
        XCTAssertEqual(r.value(at: "complaints.equality.disability.prefer not to say")?.count, 5)
        XCTAssertEqual(r.value(at: "complaints.equality.age_band.not recorded")?.count, 6)
        XCTAssertEqual(r.value(at: "previous.complaints.equality.gender.male")?.count, 1)
        let json = ReportRenderer.render(r, as: .json)
        XCTAssertTrue(json.contains("\"equality\""), json)
    }

    func testThePublicReportSuppressesSmallEqualityCountsAndTheOneBesideThem() {
        var contacts = (0..<9).map { person("F\($0)", equality: [.gender: "female"]) }
        contacts += (0..<2).map { person("M\($0)", equality: [.gender: "male"]) }
        contacts += (0..<6).map { person("N\($0)") }
        let full = report(contacts)
        XCTAssertEqual(full.value(at: "complaints.equality.gender.male")?.count, 2)
        let pub = full.publicVersion(threshold: 4)
        XCTAssertEqual(pub.value(at: "complaints.equality.gender.male"), .suppressed)
        // 17 complaints: with only "male" hidden, 17 - 9 - 6 would give it back, so the smallest
        // other count (not recorded, 6) is hidden too; the largest stays.
        XCTAssertEqual(pub.value(at: "complaints.equality.gender.not recorded"), .suppressed)
        XCTAssertEqual(pub.value(at: "complaints.equality.gender.female"), .count(9, refs: []))
        XCTAssertEqual(pub.value(at: "complaints.equality.gender.non-binary"), .count(0, refs: []))
        XCTAssertEqual(pub.value(at: "complaints.equality.age_band.not recorded"), .count(17, refs: []))
        let json = ReportRenderer.render(pub, as: .json)
        XCTAssertFalse(json.contains("\"male\": 2"), json)
    }

    func testThePublicReportHoldsNoneOfThePeoplesDetailsInAnyFormat() {
        let contacts = (0..<7).map { person("P\($0)", equality: [.gender: "female"]) }
        let pub = report(contacts).publicVersion(threshold: Rules.default.suppressUpTo)
        for format in ReportFormat.allCases {
            let text = ReportRenderer.render(pub, as: format)
            XCTAssertFalse(text.isEmpty)
            for secret in ["Quarry", "07700", "example.org", "LCS778899", "2014-05-02", "mother", "Lily"] {
                XCTAssertFalse(text.contains(secret), "\(format) holds \(secret)")
            }
        }
    }
}
