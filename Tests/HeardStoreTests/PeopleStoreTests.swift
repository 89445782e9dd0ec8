import Foundation
import GRDB
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// The people of a case on a real file: migration v7, saved and read back by every loader
/// (one case, the list, the report), edited with an audit row and undone, searched, and carried
/// through CSV import and export unchanged.
final class PeopleStoreTests: XCTestCase {
    func withPeople(_ c: Contact) -> Contact {
        var c = c
        c.subjectChild = "Lily Hart"
        c.people = CasePeople(
            complainant: ComplainantDetails(address: "4 Quarry Row\nNortham NM1 2AB", phone: "07700 900123", email: "jo.hart@example.org",
                                            preferredContact: .phone, relationship: "mother", authorityChecked: true,
                                            authorityCheckedOn: day("2021-12-29")),
            child: SubjectChildDetails(socialCareID: "LCS778899", dateOfBirth: day("2014-05-02")),
            equality: EqualityMonitoring([.ageBand: "35-44", .gender: "female", .ethnicity: "Black, Black British, Caribbean or African",
                                          .disability: "prefer not to say", .religion: "no religion", .sexualOrientation: "bisexual"]))
        return c
    }

    func testPeopleAreSavedAndReadBackByAFreshStore() throws {
        let dir = TemporaryDirectory()
        let saved = try makeStore(in: dir).add(withPeople(sampleComplaint()), today: fixedToday)
        let store = try makeStore(in: dir)
        let back = try store.contact(reference: saved.reference)
        XCTAssertEqual(back.people, withPeople(sampleComplaint()).people)
        XCTAssertEqual(try store.allContacts().first?.people, back.people)
        XCTAssertEqual(try store.contacts(ids: [try XCTUnwrap(saved.id)]).first?.people.child.socialCareID, "LCS778899")
        // The SQLite file's migrations (PostgreSQL's schema is made whole at once).
        if !TestDatabase.isPostgres {
            let migrations = try rawTexts(store.path, "SELECT identifier FROM grdb_migrations").compactMap { $0 }
            XCTAssertTrue(migrations.contains("v7"), "\(migrations)")
        }
    }

    func testAContactWithoutPeopleReadsEmpty() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let saved = try store.add(sampleComplaint(), today: fixedToday)
        XCTAssertTrue(try store.contact(reference: saved.reference).people.isEmpty)
    }

    func testTheReportReadsTheEqualityAnswersButNoPersonalDetail() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        try store.add(withPeople(sampleComplaint()), today: fixedToday)
        let input = try store.reportInput(for: .financialYear(starting: 2021), today: fixedToday)
        let c = try XCTUnwrap(input.contacts.first)
        XCTAssertEqual(c.people.equality[.gender], "female")
        XCTAssertEqual(c.people.equality[.sexualOrientation], "bisexual")
        XCTAssertEqual(c.people.complainant.address, "")
        XCTAssertEqual(c.people.complainant.phone, "")
        XCTAssertNil(c.people.child.dateOfBirth)
        XCTAssertEqual(c.people.child.socialCareID, "")
        let serial = try store.reportInput(for: .financialYear(starting: 2021), today: fixedToday, pieceSize: 1)
        XCTAssertEqual(serial.contacts.first?.people, c.people, "both loaders read the same")
    }

    func testAnEditIsAuditedByFieldAndUndone() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let saved = try store.add(withPeople(sampleComplaint()), today: fixedToday)
        var edited = saved
        edited.people.complainant.phone = "0161 496 0000"
        edited.people.equality[.gender] = nil
        let after = try store.update(edited, today: fixedToday)
        XCTAssertEqual(try store.contact(reference: saved.reference).people.complainant.phone, "0161 496 0000")
        let changes = try rawTexts(store.path, "SELECT changes FROM audit WHERE action = 'update' ORDER BY id DESC LIMIT 1").first ?? nil
        let text = try XCTUnwrap(changes)
        XCTAssertTrue(text.contains("complainant_phone") && text.contains("equality_gender"), text)
        XCTAssertFalse(text.contains("complainant_email"), "only the fields that changed: \(text)")
        XCTAssertEqual(after.version, saved.version + 1)
        let undone = try XCTUnwrap(store.undoLast(today: fixedToday))
        XCTAssertFalse(undone.summary.contains("07700"), undone.summary)
        XCTAssertEqual(try store.contact(reference: saved.reference).people, saved.people)
    }

    func testTheStoreRefusesABadEmailAndChangesNothing() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let saved = try store.add(withPeople(sampleComplaint()), today: fixedToday)
        var edited = saved
        edited.people.complainant.email = "jo.hart at example.org"
        let e = storeError { try store.update(edited, today: fixedToday) }
        XCTAssertTrue("\(e.map { "\($0)" } ?? "")".contains("complainant_email"))
        XCTAssertEqual(try store.contact(reference: saved.reference).people.complainant.email, "jo.hart@example.org")
    }

    func testTheCaseListSearchFindsTheChildBySocialCareIDAndDateOfBirth() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let saved = try store.add(withPeople(sampleComplaint()), today: fixedToday)
        try store.add(sampleComplaint(name: "Someone Else"), today: fixedToday)
        for q in ["LCS778899", "lcs7788", "2014-05-02", "02/05/2014", "lily 2014"] {
            var f = CaseFilter()
            f.search = q
            XCTAssertEqual(try store.cases(f, today: fixedToday).map(\.reference), [saved.reference], q)
        }
        var f = CaseFilter()
        f.search = "LCS000000"
        XCTAssertTrue(try store.cases(f, today: fixedToday).isEmpty)
    }

    func testAFileMadeBeforeV7OpensAndKeepsItsCases() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("old.sqlite")
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v6")
        try queue.write { db in
            try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)")
            try db.execute(sql: """
                INSERT INTO contacts (reference, kind, received, service_area, complainant_name, subject_child, status, version)
                VALUES ('CS-2021-0001', 'complaint', '2021-12-24', 'Care Leavers', 'Old Person', 'Old Child', 'open', 1)
                """)
        }
        try queue.close()
        let store = try Store(path: path, options: StoreOptions(actor: "Test Officer"))
        var c = try store.contact(reference: "CS-2021-0001")
        XCTAssertEqual(c.complainantName, "Old Person")
        XCTAssertTrue(c.people.isEmpty)
        c.people.child.socialCareID = "LCS1"
        try store.update(c, today: fixedToday)
        XCTAssertEqual(try store.contact(reference: "CS-2021-0001").people.child.socialCareID, "LCS1")
    }

    // MARK: - CSV

    static let header = "reference,kind,received,service_area,complainant_name,subject_child,complainant_address,complainant_phone,complainant_email,preferred_contact,relationship_to_child,authority_checked,authority_checked_on,subject_child_id,subject_child_dob,equality_age_band,equality_gender,equality_ethnicity,equality_disability,equality_religion,equality_sexual_orientation\r\n"

    func testImportThenExportThenImportLosesNothing() throws {
        let dir = TemporaryDirectory()
        let first = try makeStore(in: dir, name: "a.sqlite")
        let csv = Self.header
            + "P-1,complaint,2022-01-10,Care Leavers,Jo Hart,Lily Hart,\"4 Quarry Row, Northam\",07700 900123,jo.hart@example.org,E-mail,mother,,29/12/2021,LCS778899,02/05/2014,35_44,Woman,black,Prefer not to say,none,Straight\r\n"
            + "P-2,enquiry,2022-01-11,Adoption,Sam Lee,,,,,,,no,,,,,,,,,\r\n"
            + "P-3,complaint,2022-01-12,Fostering Service,Al Green,,,,,,,,,,,,,,,,\r\n"
        let summary = try importText(first, csv)
        XCTAssertEqual(summary.imported, 3)
        let p1 = try first.contact(reference: "P-1").people
        XCTAssertEqual(p1.complainant.preferredContact, .email)
        XCTAssertEqual(p1.complainant.authorityChecked, true, "a date of the check says it was checked")
        XCTAssertEqual(p1.complainant.authorityCheckedOn, day("2021-12-29"))
        XCTAssertEqual(p1.child.dateOfBirth, day("2014-05-02"))
        XCTAssertEqual(p1.equality[.ageBand], "35-44")
        XCTAssertEqual(p1.equality[.gender], "female")
        XCTAssertEqual(p1.equality[.ethnicity], "Black, Black British, Caribbean or African")
        XCTAssertEqual(p1.equality[.sexualOrientation], "straight or heterosexual")
        XCTAssertEqual(try first.contact(reference: "P-2").people.complainant.authorityChecked, false)
        XCTAssertTrue(try first.contact(reference: "P-3").people.isEmpty)

        let exported = try first.exportCSV(today: fixedToday)
        let headerLine = try XCTUnwrap(exported.split(separator: "\r\n").first)
        for column in PeopleField.columns { XCTAssertTrue(headerLine.split(separator: ",").contains(Substring(column)), column) }
        XCTAssertTrue(headerLine.hasPrefix(ContactCSV.columns.joined(separator: ",")), "the contract's columns keep their order")
        let second = try makeStore(in: dir, name: "b.sqlite")
        try importText(second, exported)
        for ref in ["P-1", "P-2", "P-3"] {
            XCTAssertEqual(try second.contact(reference: ref).people, try first.contact(reference: ref).people, ref)
        }
        XCTAssertEqual(try second.exportCSV(today: fixedToday), exported)
        let json = try second.exportJSON(today: fixedToday)
        XCTAssertTrue(json.contains("\"subject_child_id\":\"LCS778899\""), json)
    }

    func testBadPeopleFieldsAreListedByLineAndFieldWithoutTheirValues() throws {
        let dir = TemporaryDirectory()
        let store = try makeStore(in: dir)
        let csv = Self.header
            + "B-1,complaint,2022-01-10,Care Leavers,A,,,,,,,,,,31/02/2014,,,,,,\r\n"
            + "B-2,complaint,2022-01-10,Care Leavers,B,,,,,,,,,,2022-01-11,,,,,,\r\n"
            + "B-3,complaint,2022-01-10,Care Leavers,C,,,,kim.example.org,,,,,,,,,,,,\r\n"
            + "B-4,complaint,2022-01-10,Care Leavers,D,,,07700 9OO 123,,,,,,,,,,,,,\r\n"
            + "B-5,complaint,2022-01-10,Care Leavers,E,,,,,,,no,2022-01-12,,,,purple,,,,\r\n"
            + "B-6,complaint,2022-01-10,Care Leavers,F,,,,,fax,,,,,,,,,,,\r\n"
        let problems = importProblems(store, csv).map(\.description)
        XCTAssertEqual(problems, [
            "line 2: subject_child_dob: is not a date that exists (use YYYY-MM-DD or DD/MM/YYYY)",
            "line 3: subject_child_dob: is after the date the contact was received",
            "line 4: complainant_email: is not an email address (it needs a name, @ and a domain, and no spaces)",
            "line 5: complainant_phone: is not a phone number (at least 6 digits; only digits, spaces, + ( ) - and .)",
            "line 6: authority_checked_on: has a date but authority_checked is no",
            "line 6: equality_gender: is not one of: female; male; non-binary; another gender; prefer not to say",
            "line 7: preferred_contact: is not one of: email, phone, letter, text message, in person",
        ])
        XCTAssertEqual(try store.contactCount(), 0)
        let all = problems.joined(separator: "\n")
        for secret in ["kim.example", "9OO", "2022-01-11", "purple", "fax"] { XCTAssertFalse(all.contains(secret), secret) }
    }
}
