import Foundation
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// The demo's people: every complaint has a way to reach the complainant and a child's record,
/// all of it valid by the rules the forms and the import apply; most have equality answers.
final class DemoPeopleTests: XCTestCase {
    func testEveryDemoComplaintHasValidPeopleAndTheReportCountsEquality() throws {
        let dir = TemporaryDirectory("heard-demo-people")
        let store = try makeStore(in: dir)
        try store.writeDemo(today: fixedToday)
        let complaints = try store.allContacts().filter { $0.kind == .complaint }
        XCTAssertGreaterThan(complaints.count, 100)
        for c in complaints {
            XCTAssertFalse(c.people.complainant.phone.isEmpty, c.reference)
            XCTAssertFalse(c.people.child.socialCareID.isEmpty, c.reference)
            XCTAssertNotNil(c.people.child.dateOfBirth, c.reference)
            XCTAssertFalse(c.subjectChild.isEmpty, c.reference)
            let problems = c.validationProblems(reference: .default, rules: .default, today: fixedToday)
            XCTAssertTrue(problems.isEmpty, "\(c.reference): \(problems)")
        }
        let withEquality = complaints.filter { !$0.people.equality.isEmpty }.count
        XCTAssertGreaterThan(withEquality, complaints.count / 2)
        XCTAssertLessThan(withEquality, complaints.count, "some complainants answered nothing")
        let checked = complaints.filter { $0.people.complainant.authorityChecked == true }.count
        let unchecked = complaints.filter { $0.people.complainant.authorityChecked == false }.count
        XCTAssertGreaterThan(checked, 0)
        XCTAssertGreaterThan(unchecked, 0)
        let input = try store.reportInput(for: .financialYear(starting: 2021), today: fixedToday)
        let r = AnnualReport.build(input, ReportOptions(period: .financialYear(starting: 2021), today: fixedToday))
        let total = try XCTUnwrap(r.value(at: "complaints.total")?.count)
        let genders = try XCTUnwrap(r.value(at: "complaints.equality.gender")?.groupValue)
        XCTAssertEqual(genders.entries.compactMap(\.value.count).reduce(0, +), total, "each question's answers partition the complaints")
        XCTAssertGreaterThan(genders["not recorded"]?.count ?? 0, 0)
    }
}
