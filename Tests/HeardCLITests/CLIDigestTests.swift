import Foundation
import HeardCore
@testable import HeardStore
import HeardTestSupport
import XCTest

/// `heard digest`: who "me" is, the groups and lines, nothing due, HTML, and no control
/// characters or names of people in what is mailed.
final class CLIDigestTests: XCTestCase {
    var dir = TemporaryDirectory("heard-cli-digest")
    var db = ""

    override func setUpWithError() throws {
        try requireBinary()
        dir = TemporaryDirectory("heard-cli-digest")
        db = try cliDatabase(dir.file("digest.sqlite"), in: dir)
        let store = try Store(path: db, options: StoreOptions(create: true, actor: "Test Officer"))
        var late = sampleComplaint(received: "2022-06-06", area: "Fostering Service", name: "Private Person")
        late.officer = "Sam Officer"
        _ = try store.add(late, today: day(cliToday))
        var soon = sampleComplaint(received: "2022-06-14", area: "Fostering Service", name: "Another Private")
        soon.officer = "sam officer"
        _ = try store.add(soon, today: day(cliToday))
        var other = sampleComplaint(received: "2022-06-06", area: "Care Leavers")
        other.officer = "Someone Else"
        _ = try store.add(other, today: day(cliToday))
        _ = try store.addAction(ActionItem(title: "Chase <b> the \u{1B}[31mreport", owner: " Sam Officer ", created: day("2022-05-01"), due: day("2022-06-10")))
    }

    func config(_ text: String) throws {
        try FileManager.default.createDirectory(atPath: dir.file("config/heard"), withIntermediateDirectories: true)
        try write(text, to: dir.file("config/heard/config.toml"))
    }

    func testWithoutAnOfficerItSaysHowToNameOneAndExits1() throws {
        let r = try heard(["digest", "--db", db], in: dir)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("officer = \"Your Name\""), r.stderr)
        XCTAssertTrue(r.stderr.contains("--officer NAME"), r.stderr)
        XCTAssertEqual(r.stdout, "")
    }

    func testTheConfiguredOfficersDigestGroupsOverdueAndDueSoon() throws {
        try config("officer = \"Sam Officer\"\n")
        let r = try heard(["digest", "--db", db], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines.first, "What is due for Sam Officer as of 2022-06-15 (within 10 working days)")
        let overdue = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("Overdue (") }, r.stdout)
        let due = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("Due within 10 working days (") }, r.stdout)
        XCTAssertLessThan(overdue, due)
        let overdueLines = lines[overdue..<due]
        XCTAssertTrue(overdueLines.contains { $0.contains("2022-06-09") && $0.contains("4 days over") && $0.contains("stage 1 acknowledgement") && $0.contains("Fostering Service") },
                      r.stdout)
        XCTAssertTrue(overdueLines.contains { $0.contains("acknowledgement letter") }, r.stdout)
        XCTAssertTrue(overdueLines.contains { $0.contains("action: Chase <b> the [31mreport") && $0.contains("3 days over") }, r.stdout)
        XCTAssertTrue(lines[due...].contains { $0.contains("2022-06-17") && $0.contains("2 days left") && $0.contains("stage 1 acknowledgement") }, r.stdout)
        XCTAssertFalse(r.stdout.contains("Private"), "no complainant's name in the digest")
        XCTAssertFalse(r.stdout.contains("Care Leavers"), "someone else's case")
        let controls = r.stdout.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F || (0x80...0x9F).contains($0.value) }
        XCTAssertEqual(controls.count, 0, "control characters reached the terminal")
    }

    func testNothingDueIsOneLineAndExit0() throws {
        let r = try heard(["digest", "--officer", "Nobody Here", "--within", "3", "--db", db], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "Nothing due for Nobody Here within 3 working days as of 2022-06-15.\n")
    }

    /// A name no case or action holds is said beside "Nothing due", with the names it may have
    /// meant: `--officer sam` read "Nothing due for sam" while Sam Officer's case was overdue (a
    /// trial). stdout stays what was asked; a known officer with nothing due is not remarked on;
    /// `heard cases --officer` and `heard bulk --officer` say the same when they list nothing.
    func testAnOfficerNoCaseNamesIsSaidWithTheNamesMeant() throws {
        let r = try heard(["digest", "--officer", "sam", "--db", db], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "Nothing due for sam within 10 working days as of 2022-06-15.\n")
        XCTAssertTrue(r.stderr.contains("no case or action names the officer 'sam'; did you mean Sam Officer?"), r.stderr)
        XCTAssertFalse(r.stderr.contains("Someone Else"), r.stderr)

        let known = try heard(["digest", "--officer", "Someone Else", "--within", "0", "--db", db], in: dir)
        XCTAssertEqual(known.stderr, "", "a known officer with nothing due is not remarked on")
        XCTAssertEqual(try heard(["digest", "--officer", " SAM OFFICER ", "--db", db], in: dir).stderr, "")

        let cases = try heard(["cases", "--officer", "sam", "--db", db], in: dir)
        XCTAssertEqual(cases.status, 0, cases.stderr)
        XCTAssertTrue(cases.stderr.contains("no case names the officer 'sam'; did you mean Sam Officer?"), cases.stderr)
        let listed = try heard(["cases", "--officer", "someone else", "--db", db], in: dir)
        XCTAssertEqual(listed.stderr, "", listed.stderr)
        XCTAssertTrue(listed.stdout.contains("Someone Else"), listed.stdout)
        XCTAssertEqual(try heard(["cases", "--officer", "Someone Else", "--overdue", "--stage", "3", "--db", db], in: dir).stderr, "",
                       "a known officer whose filter lists nothing is not remarked on")

        let bulk = try heard(["bulk", "assign", "Someone Else", "--officer", "sam", "--db", db], in: dir)
        XCTAssertEqual(bulk.stdout, "No case matches; nothing changed.\n")
        XCTAssertTrue(bulk.stderr.contains("no case names the officer 'sam'; did you mean Sam Officer?"), bulk.stderr)

        // What was typed reaches the terminal without its control characters.
        let hostile = try heard(["cases", "--officer", "\u{1B}]0;x\u{7}sam", "--db", db], in: dir)
        XCTAssertFalse(hostile.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, hostile.stderr)
    }

    /// A known name that reads the same as the one typed is said as such, never offered as the
    /// name meant (a trial: "did you mean Zoé X?" for "Zoé X" typed, the file holding the é as two
    /// characters); names with commas are quoted; a long name is cut; more than three are counted.
    func testANameThatReadsTheSameIsSaidSoAndSuggestionsReadClearly() throws {
        let spaced = try heard(["cases", "--officer", "Sam  Officer", "--db", db], in: dir)
        XCTAssertTrue(spaced.stderr.contains("'Sam  Officer' as typed: 'Sam Officer' differs from it only in its spaces"), spaced.stderr)
        XCTAssertFalse(spaced.stderr.contains("did you mean"), spaced.stderr)
        let long = try heard(["cases", "--officer", String(repeating: "x", count: 5_000), "--db", db], in: dir)
        XCTAssertLessThan(long.stderr.count, 200, long.stderr)
        XCTAssertTrue(long.stderr.contains("x…'"), long.stderr)

        try skipOnPostgres("names written by another tool into the file")
        let store = try Store(path: db, options: StoreOptions(actor: "another tool"))
        try store.write { tx in
            try tx.sql.execute("UPDATE contacts SET officer = ? WHERE officer = 'Someone Else'", [.text("Zoe\u{301} X")])
            for owner in ["Head of Service, Children in Care", "Head of Service, Resources", "Service Manager", "Service Lead", "Service Desk"] {
                try tx.sql.execute("INSERT INTO actions (title, owner, created, status, version) VALUES ('t', ?, '2022-05-01', 'open', 1)", [.text(owner)])
            }
        }
        store.finish()
        let composed = try heard(["cases", "--officer", "Zo\u{E9} X", "--db", db], in: dir)
        XCTAssertTrue(composed.stderr.contains("as typed: 'Zoe\u{301} X' differs from it only in"), composed.stderr)
        XCTAssertFalse(composed.stderr.contains("did you mean"), composed.stderr)
        let commas = try heard(["digest", "--officer", "service", "--db", db], in: dir)
        XCTAssertTrue(commas.stderr.contains("did you mean 'Head of Service, Children in Care' or 'Head of Service, Resources' or 'Service Desk' (or 2 more)?"),
                      commas.stderr)
    }

    func testTheWindowAndTheOfficerOptionNarrowIt() throws {
        let r = try heard(["digest", "--officer", "SAM OFFICER", "--within", "0", "--db", db], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Overdue ("), r.stdout)
        XCTAssertFalse(r.stdout.contains("2022-06-17"), "two working days away is outside a window of 0")
        XCTAssertEqual(try heard(["digest", "--officer", "x", "--within", "-1", "--db", db], in: dir).status, 2)
        XCTAssertEqual(try heard(["digest", "--officer", "  ", "--db", db], in: dir).status, 2)
    }

    func testHTMLIsOneEscapedPage() throws {
        let r = try heard(["digest", "--officer", "Sam Officer", "--format", "html", "--db", db], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("<!DOCTYPE html>"), r.stdout)
        XCTAssertTrue(r.stdout.hasSuffix("</body></html>\n"))
        XCTAssertTrue(r.stdout.contains("Chase &lt;b&gt; the [31mreport"), r.stdout)
        XCTAssertFalse(r.stdout.contains("<b>"))
        XCTAssertFalse(r.stdout.unicodeScalars.contains { $0.value == 0x1B })
        XCTAssertFalse(r.stdout.contains("<script") || r.stdout.contains("http"), "nothing from outside the page")
    }
}
