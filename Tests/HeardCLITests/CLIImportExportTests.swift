import Foundation
import HeardCore
import HeardTestSupport
import XCTest

/// `heard import` and `heard export`: all or nothing, problems on stderr as `line N: field:
/// problem` without personal data, dry runs, and export then import round-trips.
final class CLIImportExportTests: XCTestCase {
    override func setUpWithError() throws { try requireBinary() }

    func testGoodFileImports() throws {
        try skipOnPostgres("the new file's permissions")
        let dir = TemporaryDirectory()
        let db = dir.file("heard.sqlite")
        try write(goodCSV, to: dir.file("good.csv"))
        let r = try heard(["import", dir.file("good.csv"), "--db", db], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "imported 2 contacts (1 complaint, 1 compliment); dropped 1 control character\n")
        XCTAssertEqual(permissions(of: db), 0o600)
        let export = try heard(["export", "--format", "json", "--db", db], in: dir)
        let rows = try jsonArray(export.stdout)
        XCTAssertEqual(rows.compactMap { $0["reference"] as? String }.sorted(), ["G-1", "G-2"])
        XCTAssertEqual(rows.first { $0["reference"] as? String == "G-1" }?["summary"] as? String, "Late reply, again")
    }

    func testBadFileImportsNothingAndListsEveryProblem() throws {
        let dir = TemporaryDirectory()
        let db = dir.file("heard.sqlite")
        try write(badCSV, to: dir.file("bad.csv"))
        try write("kind,received,service_area\n", to: dir.file("empty.csv"))
        let r = try heard(["import", dir.file("bad.csv"), "--db", db], in: dir)
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stdout, "")
        let lines = r.stderr.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.first?.contains("bad.csv: nothing imported; 4 problems") ?? false, r.stderr)
        XCTAssertTrue(lines.contains { $0.hasPrefix("line 3: kind: ") }, r.stderr)
        XCTAssertTrue(lines.contains { $0.hasPrefix("line 4: received: ") }, r.stderr)
        XCTAssertTrue(lines.contains { $0.hasPrefix("line 5: service_area: ") }, r.stderr)
        XCTAssertTrue(lines.contains { $0.hasPrefix("line 6: stage2_requested: ") }, r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: db), "the database the refused import created is removed again")
        XCTAssertEqual(try heard(["import", dir.file("empty.csv"), "--db", db], in: dir).status, 0)
        let export = try heard(["export", "--db", db], in: dir)
        XCTAssertEqual(export.status, 0, export.stderr)
        // The contract's columns first, then the optional ones Heard adds (the procedure's record last).
        XCTAssertEqual(export.stdout, exportHeader + ",stage2_satisfied,stage3_satisfied,not_accepted,ombudsman_decided,"
                       + PeopleField.columns.joined(separator: ",") + ","
                       + "stage1_findings,stage2_findings,stage3_findings,remedies,investigating_officer,independent_person,panel,panel_date,"
                       + "stage2_acknowledged,stage3_acknowledged,extensions,pauses,stage2_late_reason,stage3_late_reason,end_reason,"
                       + "ombudsman_remedy,ombudsman_payment,contact_log,letters\r\n", "only the header")
    }

    /// The same file twice: every row refused as in the record already, each line listed, and a
    /// last line saying what that most likely means. A file with other problems too has no such line.
    func testAFileImportedTwiceSaysSoAtTheEnd() throws {
        let dir = TemporaryDirectory()
        let db = dir.file("heard.sqlite")
        try write(goodCSV, to: dir.file("good.csv"))
        XCTAssertEqual(try heard(["import", dir.file("good.csv"), "--db", db], in: dir).status, 0)
        let again = try heard(["import", dir.file("good.csv"), "--db", db], in: dir)
        XCTAssertEqual(again.status, 1)
        let lines = again.stderr.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.first?.contains("good.csv: nothing imported; 2 problems") ?? false, again.stderr)
        XCTAssertEqual(lines.filter { $0.contains(": reference: ") && $0.hasSuffix(" is already in the database") }.count, 2, again.stderr)
        XCTAssertEqual(lines.last, "Every problem is a reference the record holds already: this file, or part of it, looks imported before. Nothing was changed.")
        XCTAssertEqual(try heard(["cases", "--format", "csv", "--db", db], in: dir).stdout.split(separator: "\r\n").count, 3, "still two cases")
        try write(badCSV, to: dir.file("bad.csv"))
        let bad = try heard(["import", dir.file("bad.csv"), "--db", db], in: dir)
        XCTAssertEqual(bad.status, 1)
        XCTAssertFalse(bad.stderr.contains("looks imported before"), bad.stderr)
    }

    func testProblemMessagesDoNotRepeatNames() throws {
        let dir = TemporaryDirectory()
        try write(badCSV, to: dir.file("bad.csv"))
        let r = try heard(["import", dir.file("bad.csv"), "--db", dir.file("heard.sqlite")], in: dir)
        XCTAssertEqual(r.status, 1)
        for name in badNames { XCTAssertFalse(r.stderr.contains(name), "stderr repeats the name '\(name)'") }
        XCTAssertFalse(r.stderr.contains("Private summary text"))
    }

    func testDryRunImportsNothing() throws {
        let dir = TemporaryDirectory()
        let db = dir.file("heard.sqlite")
        try write(goodCSV, to: dir.file("good.csv"))
        let r = try heard(["import", dir.file("good.csv"), "--dry-run", "--db", db], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("would import 2 contacts"), r.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: db), "a dry run leaves no new database behind")
        let again = try heard(["import", dir.file("good.csv"), "--db", db], in: dir)
        XCTAssertEqual(again.status, 0, "a dry run left no reference behind: \(again.stderr)")
    }

    func testMissingFileNamesThePath() throws {
        let dir = TemporaryDirectory()
        let missing = dir.file("no-such-file.csv")
        let r = try heard(["import", missing, "--db", dir.file("heard.sqlite")], in: dir)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains(missing), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.file("heard.sqlite")), "no database is created for a missing input file")
    }

    func testImportingTheSameReferencesTwiceIsRefused() throws {
        let dir = TemporaryDirectory()
        let db = dir.file("heard.sqlite")
        try write(goodCSV, to: dir.file("good.csv"))
        XCTAssertEqual(try heard(["import", dir.file("good.csv"), "--db", db], in: dir).status, 0)
        let r = try heard(["import", dir.file("good.csv"), "--db", db], in: dir)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("line 2: reference: G-1 is already in the database"), r.stderr)
        XCTAssertTrue(r.stderr.contains("line 3: reference: G-2 is already in the database"), r.stderr)
    }

    func testDemoExportImportExportIsIdentical() throws {
        let dir = TemporaryDirectory()
        let demo = try makeDemo(in: dir)
        let first = try heard(["export", "--format", "csv", "--output", dir.file("export.csv"), "--db", demo], in: dir)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(permissions(of: dir.file("export.csv")), 0o600)
        let copy = dir.file("copy.sqlite")
        let imported = try heard(["import", dir.file("export.csv"), "--db", copy], in: dir)
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let a = try heard(["export", "--format", "csv", "--db", demo], in: dir).stdout
        let b = try heard(["export", "--format", "csv", "--db", copy], in: dir).stdout
        XCTAssertEqual(a, String(decoding: bytes(of: dir.file("export.csv")), as: UTF8.self))
        XCTAssertEqual(a.count, b.count)
        XCTAssertTrue(a == b, "the exports of the demo and of its re-import differ")
        XCTAssertEqual(try heard(["check", "--db", copy], in: dir).status, 0)
    }

    func testJSONExportIsAnArrayWithTheImportColumns() throws {
        let dir = TemporaryDirectory()
        let db = dir.file("heard.sqlite")
        try write(goodCSV, to: dir.file("good.csv"))
        try heard(["import", dir.file("good.csv"), "--db", db], in: dir)
        let rows = try jsonArray(try heard(["export", "--format", "json", "--db", db], in: dir).stdout)
        let columns = exportHeader.split(separator: ",").map(String.init)
        for row in rows { for c in columns { XCTAssertNotNil(row[c], "\(c) missing") } }
        let complaint = try XCTUnwrap(rows.first { $0["kind"] as? String == "complaint" })
        XCTAssertEqual(complaint["categories"] as? [String], ["communication and information"])
        XCTAssertEqual(complaint["child_or_young_person"] as? Bool, true)
    }
}

// MARK: - Fixtures

/// Two contacts on lines 2 and 3 (G-2's quoted summary runs onto line 4); one BEL dropped.
private let goodCSV = "reference,kind,received,service_area,complainant_name,child_or_young_person,categories,summary\r\n"
    + "G-1,complaint,14/03/2022,care leavers,Good Fixture,yes,communication,\"Late reply,\u{07} again\"\r\n"
    + "G-2,Compliment,2022-03-15,Adoption,Other Fixture,no,,\"Thanks\r\nfor everything\"\r\n"

private let badNames = ["Ann Goodrow", "Bob Kindless", "Cat Datewrong", "Eve Nowhere", "Fay Earlyask"]

private let badCSV = """
reference,kind,received,service_area,complainant_name,summary,stage1_response,stage2_requested
B-1,complaint,2022-01-10,Care Leavers,Ann Goodrow,Private summary text,,
B-2,grievance,2022-01-10,Care Leavers,Bob Kindless,Private summary text,,
B-3,complaint,31/02/2022,Care Leavers,Cat Datewrong,Private summary text,,
B-4,complaint,2022-01-10,Narnia,Eve Nowhere,Private summary text,,
B-5,complaint,2022-01-10,Care Leavers,Fay Earlyask,Private summary text,2022-02-01,2022-01-20

"""

/// A command that creates the database and then imports nothing leaves no empty file behind;
/// a database that existed is never removed.
final class CLIImportLeavesNoEmptyDatabaseTests: XCTestCase {
    override func setUpWithError() throws { try requireBinary() }

    func testAFailedOrDryImportRemovesOnlyTheDatabaseItCreated() throws {
        try skipOnPostgres("the files an import created are removed")
        let dir = TemporaryDirectory()
        try write("kind,received,service_area\nbogus,2022-01-10,Adoption\n", to: dir.file("bad.csv"))
        try write("kind,received,service_area\ncompliment,2022-01-10,Adoption\n", to: dir.file("good.csv"))
        let db = dir.file("new.sqlite")
        func leftBehind() -> [String] {
            [db, db + "-wal", db + "-shm"].filter { FileManager.default.fileExists(atPath: $0) }
        }

        let bad = try heard(["import", dir.file("bad.csv"), "--db", db], in: dir)
        XCTAssertEqual(bad.status, 1, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("nothing imported"), bad.stderr)
        XCTAssertEqual(leftBehind(), [], "the failed import created the file and removed it again")

        let dry = try heard(["import", dir.file("good.csv"), "--dry-run", "--db", db], in: dir)
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertEqual(leftBehind(), [], "a dry run leaves nothing behind")

        try write("{\"england-and-wales\": {\"events\": [{\"title\": \"X\", \"date\": \"nonsense\"}]}}", to: dir.file("h.json"))
        XCTAssertNotEqual(try heard(["holidays", "import", dir.file("h.json"), "--db", db], in: dir).status, 0)
        XCTAssertEqual(leftBehind(), [])

        XCTAssertEqual(try heard(["import", dir.file("good.csv"), "--db", db], in: dir).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: db))
        let again = try heard(["import", dir.file("bad.csv"), "--db", db], in: dir)
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(FileManager.default.fileExists(atPath: db), "a database that existed is kept")
        let cases = try heard(["cases", "--format", "json", "--db", db], in: dir)
        XCTAssertEqual(try jsonArray(cases.stdout).count, 1, "with what it held")
    }
}
