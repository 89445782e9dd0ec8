import Foundation
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// `heard sar`: the bundle for a person who is a complainant in one case and a subject child in
/// another, its files' permissions and content, the request in the digest, the confirmation,
/// refused folders, hostile names and the exit codes.
final class CLISubjectAccessTests: XCTestCase {
    var dir = TemporaryDirectory("heard-cli-sar")
    var db = ""
    var refs: (complainant: String, child: String, other: String) = ("", "", "")

    override func setUpWithError() throws {
        try requireBinary()
        dir = TemporaryDirectory("heard-cli-sar")
        db = try cliDatabase(dir.file("sar.sqlite"), in: dir)
        let store = try Store(path: db, options: StoreOptions(create: true, actor: "Sam Officer"))
        refs = try SubjectAccessFixture.make(store, today: day(cliToday))
        try FileManager.default.createDirectory(atPath: dir.file("config/heard"), withIntermediateDirectories: true)
        try write("officer = \"Sam Officer\"\n", to: dir.file("config/heard/config.toml"))
    }

    /// `heard` run from the folder `cwd` (the default bundle folder is made there).
    func heardIn(_ cwd: String, _ arguments: [String]) throws -> Ran {
        let script = "cd \"$1\" && shift && exec \"$@\""
        return try runShell(["-c", script, "sh", cwd, heardBinary()] + arguments)
    }

    func runShell(_ arguments: [String]) throws -> Ran {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["HEARD_DB"] = nil
        for (k, v) in ["HEARD_TODAY": cliToday, "XDG_CONFIG_HOME": dir.file("config"), "XDG_DATA_HOME": dir.file("data"), "HOME": dir.path] { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err; p.standardInput = FileHandle.nullDevice
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Ran(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    func testTheBundleFindsTheComplainantAndTheSubjectChildAndHoldsEverything() throws {
        let out = dir.file("bundle")
        let r = try heard(["sar", "zoe oneill", "--db", db, "--output", out, "--yes"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("\(refs.complainant)  complainant  Zoë O'Neill"), r.stdout)
        XCTAssertTrue(r.stdout.contains("\(refs.child)  subject child  ZOE ONEILL"), r.stdout)
        XCTAssertFalse(r.stdout.contains(refs.other), r.stdout)
        XCTAssertTrue(r.stdout.contains("due 2022-07-15"), r.stdout)

        XCTAssertEqual(permissions(of: out), 0o700)
        XCTAssertEqual(permissions(of: out + "/documents"), 0o700)
        let docName = "documents/\(refs.child)-1-statement.pdf"
        for f in ["README.html", "bundle.json", "redaction.txt", docName] { XCTAssertEqual(permissions(of: out + "/" + f), 0o600, f) }

        let json = try jsonObject(String(decoding: bytes(of: out + "/bundle.json"), as: UTF8.self))
        let cases = try XCTUnwrap(json["cases"] as? [[String: Any]])
        XCTAssertEqual(cases.compactMap { $0["reference"] as? String }, [refs.complainant, refs.child])
        for c in cases {
            let record = try XCTUnwrap(c["record"] as? [String: Any])
            XCTAssertFalse((record["timeline"] as? [Any] ?? []).isEmpty, "each case's timeline")
            XCTAssertFalse((c["found"] as? [Any] ?? []).isEmpty)
        }
        let letters = try XCTUnwrap((cases[0]["record"] as? [String: Any])?["letters"] as? [[String: Any]])
        XCTAssertEqual(letters.first?["body"] as? String, "Dear Zoë O'Neill,\n\nWe have received your complaint.")
        XCTAssertEqual(value(json, "subject_access.due") as? String, "2022-07-15")

        let document = bytes(of: out + "/" + docName)
        XCTAssertEqual(SHA256.hex([UInt8](document)), SHA256.hex(SubjectAccessFixture.documentBytes))
        let files = try XCTUnwrap(cases[1]["document_files"] as? [[String: Any]])
        XCTAssertEqual(files.first?["sha256"] as? String, SHA256.hex([UInt8](document)))
        XCTAssertEqual(files.first?["file"] as? String, docName)

        let redaction = String(decoding: bytes(of: out + "/redaction.txt"), as: UTF8.self)
        XCTAssertTrue(redaction.contains("- Mary Grey\n") && redaction.contains("- Pat Parent\n"), redaction)
        XCTAssertFalse(redaction.contains("- Zo"), "not her own name")
        // Other people's structured details, per case: on the case where she is the child, the
        // complainant is someone else; her own roles are not listed.
        XCTAssertTrue(redaction.contains("Other people's details in the cases' fields"), redaction)
        XCTAssertTrue(redaction.contains("\(refs.child)\n- complainant's name: Pat Parent\n"), redaction)
        // bundle.json lists the same for each case.
        XCTAssertTrue((cases[1]["other_peoples_details"] as? [String] ?? []).contains("complainant's name: Pat Parent"), "\(cases[1])")
        XCTAssertFalse((cases[0]["other_peoples_details"] as? [String] ?? ["?"]).contains { $0.contains("Zo") })
        XCTAssertFalse(redaction.contains("subject child's name: ZOE") || redaction.contains("complainant's name: Zo"), redaction)
        // Whom a contact log line was with is disclosed with the case: listed for review too.
        XCTAssertTrue(redaction.contains("- contact log 2022-03-02 (with): Pat Parent\n"), redaction)
        XCTAssertFalse(redaction.contains("(with): Zo"), redaction)
        let html = String(decoding: bytes(of: out + "/README.html"), as: UTF8.self)
        XCTAssertTrue(html.contains(refs.complainant) && html.contains(refs.child) && html.contains("statement.pdf"))
        // Letters as the person read them, not Markdown in monospace; dates kept on one line.
        XCTAssertTrue(html.contains("<p>We have received your complaint.</p>"), html)
        XCTAssertFalse(html.contains("<pre>"), html)
        XCTAssertTrue(html.contains("td.date{white-space:nowrap}") && html.range(of: #"<td class="date">\d{1,2} [A-Z][a-z]+ 2022<"#, options: .regularExpression) != nil, html)

        let digest = try heard(["digest", "--db", db, "--within", "30"], in: dir)
        XCTAssertEqual(digest.status, 0, digest.stderr)
        XCTAssertTrue(digest.stdout.contains("2022-07-15") && digest.stdout.contains("SAR #1") && digest.stdout.contains("subject access request (2 cases)"), digest.stdout)
        XCTAssertFalse(digest.stdout.contains("Zo"), "no name in the digest")
        let late = try heard(["digest", "--db", db], in: dir, environment: ["HEARD_TODAY": "2022-07-18"])
        XCTAssertTrue(late.stdout.contains("Overdue") && late.stdout.contains("SAR #1"), late.stdout)

        let list = try heard(["sar", "--list", "--db", db], in: dir)
        XCTAssertTrue(list.stdout.contains("#1  2022-06-15  due 2022-07-15  open  zoe oneill  (2 cases, by Sam Officer)"), list.stdout)
        XCTAssertEqual(try heard(["sar", "--done", "1", "--db", db], in: dir).status, 0)
        XCTAssertFalse(try heard(["digest", "--db", db, "--within", "30"], in: dir).stdout.contains("SAR #1"))
        let again = try heard(["sar", "--done", "1", "--db", db], in: dir)
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("completed on 2022-06-15 already"), again.stderr)
    }

    func testWithoutATerminalAndWithoutYesItListsAndWritesNothing() throws {
        let r = try heardIn(dir.path, ["sar", "Zoë O'Neill", "--db", db])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stdout.contains(refs.child), r.stdout)
        XCTAssertTrue(r.stderr.contains("--yes"), r.stderr)
        XCTAssertFalse(UserPathExists(dir.file("sar-zoe-oneill-2022-06-15")))
        XCTAssertTrue(try heard(["sar", "--list", "--db", db], in: dir).stdout.contains("No subject access requests recorded."))
    }

    /// Two contact log lines of one day, one with the person and one with someone else: the
    /// other is listed in redaction.txt (found by an attack: the day's place matched both).
    func testAnotherPersonsLogLineOnTheSameDayIsListedForRedaction() throws {
        for (with, at) in [("Zoe O'Neill", "2022-03-05 10:00"), ("Dr Ansel Brightwater", "2022-03-05 14:00")] {
            let r = try heard(["log", "--db", db, refs.child, "rang about contact", "--with", with, "--at", at], in: dir)
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        let r = try heardIn(dir.path, ["sar", "Zoë O'Neill", "--db", db, "--yes", "--output", dir.file("same-day")])
        XCTAssertEqual(r.status, 0, r.stderr)
        let redaction = String(decoding: bytes(of: dir.file("same-day/redaction.txt")), as: UTF8.self)
        XCTAssertTrue(redaction.contains("- contact log 2022-03-05 (with): Dr Ansel Brightwater\n"), redaction)
        XCTAssertFalse(redaction.contains("(with): Zoe O'Neill"), redaction)
    }

    /// An event Heard cannot read may name the person in its reason: `heard sar` says so and
    /// writes nothing unless told to go on without it (an attack found "we hold no records").
    func testAnUnreadableEventStopsTheSearchUntilToldToGoOn() throws {
        guard !db.hasPrefix("postgresql:") else { throw XCTSkip("python3's sqlite3 plays the other tool") }
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "python3's sqlite3 plays the other tool")
        let id = try XCTUnwrap(Store(path: db, options: StoreOptions(actor: "Sam Officer")).contact(reference: refs.other).id)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()", db,
                       "INSERT INTO events (contact_id, kind, date, reason) VALUES (\(id), 'extnded', '2022-05-03', 'Because Rex Nulevkind asked')"]
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, "fixture")
        let r = try heardIn(dir.path, ["sar", "Rex Nulevkind", "--db", db, "--yes", "--output", dir.file("rex")])
        XCTAssertEqual(r.status, 1, r.stdout)
        XCTAssertTrue(r.stderr.contains("1 event row (#"), r.stderr)
        XCTAssertFalse(UserPathExists(dir.file("rex")))
        // Told to go on without it, the page does not say "we hold no records" as if the whole
        // record had been read (an attack): it says part could not be read.
        let skipped = try heardIn(dir.path, ["sar", "Rex Nulevkind", "--db", db, "--yes", "--output", dir.file("rex"), "--skip-unreadable"])
        XCTAssertEqual(skipped.status, 0, skipped.stderr)
        let page = String(decoding: bytes(of: dir.file("rex") + "/README.html"), as: UTF8.self)
        XCTAssertFalse(page.contains("We hold no records"), page)
        XCTAssertTrue(page.contains("in the part of our record we could read") && page.contains("could not be read when this was made"), page)
    }

    /// After an upgrade or an import the first search fills the name index (seconds at 100,000
    /// cases): it says so on stderr before the wait, and the next search has nothing to say.
    func testTheFirstSearchAfterAnImportSaysItFillsTheNameIndex() throws {
        guard !db.hasPrefix("postgresql:") else { throw XCTSkip("the name index is SQLite's") }
        let store = try Store(path: db, options: StoreOptions(actor: "Sam Officer"))
        try store.noteEveryCaseForTheNameIndex(times: 2_600)
        let first = try heardIn(dir.path, ["sar", "Zoë O'Neill", "--db", db])
        XCTAssertTrue(first.stderr.contains("Filling the name index with 3 cases' words first"), first.stderr)
        XCTAssertTrue(first.stdout.contains(refs.child), first.stdout)
        let again = try heardIn(dir.path, ["sar", "Zoë O'Neill", "--db", db])
        XCTAssertFalse(again.stderr.contains("Filling"), again.stderr)
        XCTAssertEqual(again.stdout, first.stdout)
    }

    func testTheDefaultFolderIsMadeInTheCurrentFolder() throws {
        let r = try heardIn(dir.path, ["sar", "Zoë O'Neill", "--db", db, "--yes"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(permissions(of: dir.file("sar-zoe-oneill-2022-06-15")), 0o700)
        XCTAssertTrue(r.stdout.contains("bundle written to ./sar-zoe-oneill-2022-06-15"), r.stdout)
        XCTAssertFalse(r.stderr.contains("already open"), r.stderr)
        // Asked again (spelt another way) while the first is open: said before the question.
        let again = try heardIn(dir.path, ["sar", "O'NEILL, Zoe", "--db", db, "--output", dir.file("second")])
        XCTAssertEqual(again.status, 1, "not confirmed without a terminal")
        XCTAssertTrue(again.stderr.contains("A request for this name is already open: #1, recorded 2022-06-15, due 2022-07-15."), again.stderr)
        XCTAssertFalse(again.stderr.contains("Zo"), "no name in the warning")
    }

    func testAFolderThatExistsWithSomethingInItOrALinkIsRefused() throws {
        let full = dir.file("full")
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
        try write("keep", to: full + "/x")
        let r = try heard(["sar", "zoe oneill", "--db", db, "--output", full, "--yes"], in: dir)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("not empty"), r.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: full), ["x"])
        let target = dir.file("target")
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.file("link"), withDestinationPath: target)
        let l = try heard(["sar", "zoe oneill", "--db", db, "--output", dir.file("link"), "--yes"], in: dir)
        XCTAssertEqual(l.status, 1)
        XCTAssertTrue(l.stderr.contains("symbolic link"), l.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: target), [])
        XCTAssertTrue(try heard(["sar", "--list", "--db", db], in: dir).stdout.contains("No subject access requests recorded."), "nothing recorded")
    }

    func testHostileNamesMakeSafeFoldersAndMessages() throws {
        let r = try heardIn(dir.path, ["sar", "../../zoe\u{7}/o'neill\u{1B}[2J", "--db", db, "--yes"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("No case holds \"../../zoe/o'neill[2J\""), "2j is a word no case has: " + r.stdout)
        let none = try heardIn(dir.path, ["sar", "../../zoe\u{7}/o'neill\u{1B}", "--db", db, "--yes"])
        XCTAssertEqual(none.status, 0, none.stderr)
        XCTAssertTrue(none.stdout.contains("bundle written to ./sar-zoe-oneill-2022-06-15"), none.stdout)
        XCTAssertEqual(permissions(of: dir.file("sar-zoe-oneill-2022-06-15")), 0o700)
        for text in [r.stdout, r.stderr, none.stdout, none.stderr] {
            XCTAssertFalse(text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F }, text)
        }
        XCTAssertFalse(UserPathExists(dir.file("../zoe")))
        let long = try heard(["sar", String(repeating: "a", count: 300), "--db", db], in: dir)
        XCTAssertEqual(long.status, 2)
        XCTAssertTrue(long.stderr.contains("longer than 200"), long.stderr)
        XCTAssertFalse(long.stderr.contains("aaaaaaaaaa"), "not echoed")
        let nothing = try heard(["sar", "\u{1B}--'", "--db", db], in: dir)
        XCTAssertEqual(nothing.status, 2)
    }

    /// Namesakes: --case limits the bundle and the request to the cases the officer confirmed,
    /// and cannot add a case the person is not in.
    func testCaseLimitsTheBundleToTheConfirmedCases() throws {
        let notHers = try heard(["sar", "zoe oneill", "--case", refs.other, "--db", db, "--yes", "--output", dir.file("x")], in: dir)
        XCTAssertEqual(notHers.status, 1)
        XCTAssertEqual(notHers.stderr, "heard: \(refs.other) is not among the cases where \"zoe oneill\" appears; nothing written, no request recorded\n")
        XCTAssertFalse(UserPathExists(dir.file("x")))
        let one = try heard(["sar", "zoe oneill", "--case", refs.child, "--db", db, "--yes", "--output", dir.file("one")], in: dir)
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertTrue(one.stdout.contains("--case: 1 of the 2 matching cases"), one.stdout)
        XCTAssertFalse(one.stdout.contains(refs.complainant), one.stdout)
        let bundle = try jsonObject(String(decoding: bytes(of: dir.file("one/bundle.json")), as: UTF8.self))
        XCTAssertEqual((bundle["cases"] as? [[String: Any]])?.compactMap { $0["reference"] as? String }, [refs.child])
        XCTAssertEqual(value(bundle, "subject_access.cases") as? [String], [refs.child])
        XCTAssertFalse(String(decoding: bytes(of: dir.file("one/bundle.json")), as: UTF8.self).contains(refs.complainant))
        // The case left out is named in the request's audit row: the judgement can be checked.
        let trail = try heard(["audit", "--format", "json", "--db", db], in: dir)
        XCTAssertEqual(trail.status, 0, trail.stderr)
        let last = try XCTUnwrap(try jsonArray(trail.stdout).last { $0["entity"] as? String == "subject_access" })
        let changes = try XCTUnwrap(last["changes"] as? [[String: Any]])
        XCTAssertEqual(changes.first { $0["field"] as? String == "left_out" }?["after"] as? String, refs.complainant, trail.stdout)
        XCTAssertEqual(try heard(["sar", "--case", refs.child, "--db", db], in: dir).status, 2, "--case goes with a NAME")
    }

    func testExitCodes() throws {
        XCTAssertEqual(try heard(["sar", "--db", db], in: dir).status, 2, "no name")
        XCTAssertEqual(try heard(["sar", "x", "--done", "1", "--db", db], in: dir).status, 2, "a name and --done")
        XCTAssertEqual(try heard(["sar", "--list", "--yes", "--db", db], in: dir).status, 2)
        // Both databases have the index (PostgreSQL since schema v14).
        let rebuilt = try heard(["sar", "--rebuild-index", "--db", db], in: dir)
        XCTAssertEqual(rebuilt.status, 0, rebuilt.stderr)
        XCTAssertEqual(rebuilt.stdout, "name index built again: 3 cases\n")
        XCTAssertEqual(try heard(["sar", "Zoe", "--rebuild-index", "--db", db], in: dir).status, 2)
        let missing = try heard(["sar", "--done", "7", "--db", db], in: dir)
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("no subject access request #7"), missing.stderr)
        let oneWord = try heard(["sar", "zoe", "--db", db, "--output", dir.file("one")], in: dir)
        XCTAssertTrue(oneWord.stderr.contains("heard: a single word matches many people; give the full name\n"), oneWord.stderr)
        XCTAssertFalse(try heard(["sar", "zoe oneill", "--db", db, "--output", dir.file("one")], in: dir).stderr.contains("single word"))
        // Unconfirmed with nothing found: no "matches above" to check.
        let unconfirmed = try heard(["sar", "Nobody Known", "--db", db, "--output", dir.file("none")], in: dir)
        XCTAssertEqual(unconfirmed.status, 1)
        XCTAssertTrue(unconfirmed.stderr.contains("run again with --yes to record the request and write its bundle saying we hold no records"),
                      unconfirmed.stderr)
        let nobody = try heard(["sar", "Nobody Known", "--db", db, "--yes", "--output", dir.file("none")], in: dir)
        XCTAssertEqual(nobody.status, 0)
        XCTAssertTrue(nobody.stdout.contains("No case holds \"Nobody Known\": we hold no records about them."), nobody.stdout)
        // The council must answer within the month either way: recorded, and the bundle says so.
        XCTAssertTrue(nobody.stdout.contains("subject access request #1 recorded; due 2022-07-15"), nobody.stdout)
        let readme = String(decoding: bytes(of: dir.file("none/README.html")), as: UTF8.self)
        XCTAssertTrue(readme.contains("We hold no records about Nobody Known"), readme)
        XCTAssertFalse(readme.contains("could not be read"), "the whole record was read")
        let bundle = try jsonObject(String(decoding: bytes(of: dir.file("none/bundle.json")), as: UTF8.self))
        XCTAssertEqual((bundle["cases"] as? [Any])?.count, 0)
        XCTAssertEqual(value(bundle, "subject_access.due") as? String, "2022-07-15")
        let listed = try heard(["sar", "--list", "--db", db], in: dir).stdout
        XCTAssertTrue(listed.contains("#1  2022-06-15  due 2022-07-15  open  Nobody Known  (0 cases"), listed)
    }

    /// What a run from another folder gave.
    struct Ran { var status: Int32; var stdout: String; var stderr: String }

    func UserPathExists(_ path: String) -> Bool { var st = stat(); return lstat(path, &st) == 0 }
}
