import Foundation
import HeardCore
import HeardStore
import HeardTestSupport
import XCTest

/// The access log from the command line: `heard show` and `heard letter` record a read (who,
/// when, how) and change nothing else; a busy file neither blocks nor fails them; `heard audit`
/// lists changes and reads in order, as a table or JSON, and nothing from the data acts on a terminal.
final class CLIAccessLogTests: XCTestCase {
    override func setUpWithError() throws { try requireBinary() }

    /// One statutory complaint, CS-2022-0900, received 2022-06-13 and not yet acknowledged.
    func oneComplaint(in dir: TemporaryDirectory) throws -> String {
        let csv = dir.file("one.csv")
        try write("""
            reference,kind,received,service_area,procedure,complainant_name,categories,summary,officer
            CS-2022-0900,complaint,2022-06-13,Care Leavers,statutory,Mrs Alice Patel,communication and information,Calls not returned,Kate Richardson

            """, to: csv)
        let db = try cliDatabase(dir.file("reads.sqlite"), in: dir)
        let r = try heard(["import", csv, "--db", db], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        return db
    }

    /// An export, a backup and a copy of the whole record each leave one row in the access log,
    /// naming no case: a copy of everyone's details had left no trace (a trial on a team's server).
    func testAnExportABackupAndACopyOfTheWholeRecordAreReads() throws {
        let dir = TemporaryDirectory("heard-cli-whole-reads")
        let db = try oneComplaint(in: dir)
        XCTAssertEqual(try heard(["export", "--output", dir.file("all.csv"), "--db", db], in: dir).status, 0)
        // heard backup copies a file; a server's record is refused first, and reads nothing.
        let backedUp = try heard(["backup", dir.file("backup.sqlite"), "--db", db], in: dir)
        XCTAssertEqual(backedUp.status, TestDatabase.isPostgres ? 1 : 0, backedUp.stderr)
        let copied = try heard(["migrate", db, dir.file("copy.sqlite")], in: dir)
        XCTAssertEqual(copied.status, 0, copied.stderr)
        let rows = try jsonArray(try heard(["audit", "--format", "json", "--db", db], in: dir).stdout).filter { $0["action"] as? String == "read" }
        XCTAssertEqual(rows.map { $0["via"] as? String }, TestDatabase.isPostgres ? ["export", "migrate"] : ["export", "backup", "migrate"])
        XCTAssertEqual(Set(rows.map { $0["entity"] as? String }), ["record"])
        XCTAssertEqual(Set(rows.map { $0["reference"] as? String }), ["every case (1)"])
        XCTAssertTrue(rows.allSatisfy { $0["entity_id"] is NSNull }, "\(rows)")
        let table = try heard(["audit", "--db", db], in: dir).stdout
        XCTAssertTrue(table.contains("read      record            every case (1) via export"), table)
    }

    func config(_ text: String, in dir: TemporaryDirectory) throws {
        try FileManager.default.createDirectory(atPath: dir.file("config/heard"), withIntermediateDirectories: true)
        try write(text, to: dir.file("config/heard/config.toml"))
    }

    func reads(_ db: String) throws -> [ReadEntry] {
        let store = try Store(path: db, options: StoreOptions(readOnly: true, create: false, actor: "T"))
        return try store.reads(contactID: try store.contact(reference: "CS-2022-0900").id ?? 0)
    }

    func testShowAndLetterRecordAReadAndChangeNothingElse() throws {
        try skipOnPostgres("the file's tables are read row by row with GRDB")
        let dir = TemporaryDirectory("heard-cli-reads")
        let db = try oneComplaint(in: dir)
        try config("officer = \"Officer One\"\n", in: dir)
        let store = try Store(path: db, options: StoreOptions(readOnly: true, create: false, actor: "T"))
        let before = try tableRows(db)
        let counter = try store.changeCounter()
        let version = try store.contact(reference: "CS-2022-0900").version

        let shown = try heard(["show", "CS-2022-0900", "--db", db], in: dir)
        XCTAssertEqual(shown.status, 0, shown.stderr)
        XCTAssertEqual(shown.stderr, "")
        let letter = try heard(["letter", "CS-2022-0900", "acknowledgement", "--db", db], in: dir)
        XCTAssertEqual(letter.status, 0, letter.stderr)

        let log = try reads(db)
        XCTAssertEqual(log.map(\.via), [.show, .letter])
        XCTAssertEqual(log.map(\.who), ["Officer One", "Officer One"], "the configured officer, as the audit names them")
        XCTAssertEqual(try tableRows(db), before, "no other table changed: both open the file read-only")
        XCTAssertEqual(try store.changeCounter(), counter)
        XCTAssertEqual(try store.contact(reference: "CS-2022-0900").version, version)

        // The case's history says so; the JSON's history stays the audit's, its reads beside it.
        let text = try heard(["show", "CS-2022-0900", "--db", db], in: dir).stdout
        XCTAssertTrue(text.contains("Officer One  read 3 times (show, letter), the last at"), text)
        let json = try jsonObject(try heard(["show", "CS-2022-0900", "--format", "json", "--db", db], in: dir).stdout)
        let history = try XCTUnwrap(json["history"] as? [[String: Any]])
        XCTAssertFalse(history.isEmpty)
        XCTAssertFalse(history.contains { $0["action"] as? String == "read" }, "history is the audit's")
        // Reads are not in `heard show`'s JSON, which stays the same from one look to the next
        // (scripts compare it before and after a change); `heard audit` lists each one.
        XCTAssertNil(json["reads"])
        let audit = try jsonArray(try heard(["audit", "--case", "CS-2022-0900", "--format", "json", "--db", db], in: dir).stdout)
        let jsonReads = audit.filter { $0["action"] as? String == "read" }
        XCTAssertEqual(jsonReads.map { $0["via"] as? String }, ["show", "letter", "show", "show"])
        XCTAssertEqual(jsonReads.first?["who"] as? String, "Officer One")
    }

    /// A command that only reads (`heard show` writes its read) leaves no log beside the file when
    /// it was its last user: a copy of the file alone had one read fewer (an attack).
    func testACommandThatReadsLeavesTheFileWhole() throws {
        try skipOnPostgres("the log is SQLite's")
        let dir = TemporaryDirectory("heard-cli-reads-log")
        let db = try oneComplaint(in: dir)
        XCTAssertEqual(try heard(["show", "CS-2022-0900", "--db", db], in: dir).status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: db + "-wal"), "the log is emptied and removed")
        let copy = dir.file("copy.sqlite")
        try FileManager.default.copyItem(atPath: db, toPath: copy)
        XCTAssertEqual(try reads(copy).count, 1, "the file alone holds the read")

    }

    func testABusyFileNeitherBlocksNorFailsShow() throws {
        try skipOnPostgres("the SQLite file's write lock is held")
        let dir = TemporaryDirectory("heard-cli-reads-busy")
        let db = try oneComplaint(in: dir)
        let lock = try HeldWriteLock(path: db)
        let started = Date()
        let r = try heard(["show", "CS-2022-0900", "--db", db], in: dir)
        let took = Date().timeIntervalSince(started)
        lock.release()
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Mrs Alice Patel"), r.stdout)
        XCTAssertTrue(r.stderr.contains("the file was busy: this read is not in the access log"), r.stderr)
        // A write waits 5 s, three times, for a busy file; the log waits for nothing.
        XCTAssertLessThan(took, 4, "heard show waited for the file")
        XCTAssertEqual(try reads(db).count, 0)
        XCTAssertEqual(try heard(["show", "CS-2022-0900", "--db", db], in: dir).stderr, "", "free again: recorded without a word")
        XCTAssertEqual(try reads(db).count, 1)
    }

    func testReadsTurnedOffRecordNothing() throws {
        let dir = TemporaryDirectory("heard-cli-reads-off")
        let db = try oneComplaint(in: dir)
        try config("[audit]\nreads = false\n", in: dir)
        let r = try heard(["show", "CS-2022-0900", "--db", db], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "", "a known setting")
        XCTAssertEqual(try heard(["letter", "CS-2022-0900", "acknowledgement", "--db", db], in: dir).status, 0)
        XCTAssertEqual(try reads(db).count, 0)
    }

    func testAWrongAuditSettingIsNamedAndReadsStayOn() throws {
        let dir = TemporaryDirectory("heard-cli-reads-bad")
        let db = try oneComplaint(in: dir)
        try config("[audit]\nreads = \"sometimes\"\n", in: dir)
        let r = try heard(["show", "CS-2022-0900", "--db", db], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("audit.reads"), r.stderr)
        XCTAssertEqual(try reads(db).count, 1)
    }

    func testAuditOfACaseListsChangesAndReadsInOrder() throws {
        let dir = TemporaryDirectory("heard-cli-audit")
        let db = try oneComplaint(in: dir)
        XCTAssertEqual(try heard(["show", "CS-2022-0900", "--db", db], in: dir).status, 0)
        XCTAssertEqual(try heard(["move", "CS-2022-0900", "acknowledge", "--date", "2022-06-14", "--db", db], in: dir).status, 0)
        XCTAssertEqual(try heard(["letter", "CS-2022-0900", "acknowledgement", "--db", db], in: dir).status, 0)

        let table = try heard(["audit", "--case", "CS-2022-0900", "--db", db], in: dir)
        XCTAssertEqual(table.status, 0, table.stderr)
        let lines = table.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.first?.hasPrefix("AT") ?? false, table.stdout)
        let actions = lines.dropFirst().dropLast().map { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst(2).first.map(String.init) ?? "" }
        XCTAssertEqual(actions.first, "import", table.stdout)
        let firstRead = try XCTUnwrap(lines.firstIndex { $0.contains("via show") }, table.stdout)
        let acknowledged = try XCTUnwrap(lines.firstIndex { $0.contains("kind: acknowledged") }, table.stdout)
        let letterRead = try XCTUnwrap(lines.firstIndex { $0.contains("via letter") }, table.stdout)
        XCTAssertLessThan(firstRead, acknowledged)
        XCTAssertLessThan(acknowledged, letterRead)
        XCTAssertTrue(lines[firstRead].contains("cli-test") && lines[firstRead].contains(" read ") && lines[firstRead].contains("CS-2022-0900"), lines[firstRead])
        XCTAssertEqual(lines.last, "\(lines.count - 4) changes, 2 reads", table.stdout)

        let json = try heard(["audit", "--case", "CS-2022-0900", "--format", "json", "--db", db], in: dir)
        XCTAssertEqual(json.status, 0, json.stderr)
        let items = try jsonArray(json.stdout)
        XCTAssertEqual(items.count, lines.count - 2)
        XCTAssertEqual(items.compactMap { $0["via"] as? String }, ["show", "letter"])
        XCTAssertEqual(items.filter { $0["action"] as? String == "read" }.count, 2)
        let event = try XCTUnwrap(items.first { ($0["changes"] as? [[String: Any]])?.contains { $0["field"] as? String == "kind" && $0["after"] as? String == "acknowledged" } ?? false })
        XCTAssertEqual(event["reference"] as? String, "CS-2022-0900")
        XCTAssertEqual(event["who"] as? String, "cli-test")
        for key in ["at", "who", "action", "entity", "reference", "changes"] { XCTAssertNotNil(items.first?[key], key) }
        // Reading the audit is not a read of a case.
        XCTAssertEqual(try reads(db).count, 2)
        // `heard audit REF`, as `heard show REF` (a trial typed it so): the same; both at once is a usage error.
        let positional = try heard(["audit", "CS-2022-0900", "--format", "json", "--db", db], in: dir)
        XCTAssertEqual(positional.status, 0, positional.stderr)
        XCTAssertEqual(positional.stdout, json.stdout)
        XCTAssertEqual(try heard(["audit", "CS-2022-0900", "--case", "CS-2022-0900", "--db", db], in: dir).status, 2)
    }

    func testTheWholeAuditAndAnEmptyOne() throws {
        let dir = TemporaryDirectory("heard-cli-audit-all")
        let db = try oneComplaint(in: dir)
        XCTAssertEqual(try heard(["show", "CS-2022-0900", "--db", db], in: dir).status, 0)
        let all = try heard(["audit", "--db", db], in: dir)
        XCTAssertEqual(all.status, 0, all.stderr)
        XCTAssertTrue(all.stdout.hasSuffix("\n1 change, 1 read\n"), all.stdout)
        XCTAssertEqual(try jsonArray(try heard(["audit", "--format", "json", "--db", db], in: dir).stdout).count,
                       all.stdout.split(separator: "\n").count - 2)

        let empty = try cliDatabase(dir.file("empty.sqlite"), in: dir)
        _ = try Store(path: empty, options: StoreOptions(actor: "T"))
        XCTAssertEqual(try heard(["audit", "--db", empty], in: dir).stdout.split(separator: "\n").last, "0 changes, 0 reads")
        XCTAssertEqual(try jsonArray(try heard(["audit", "--format", "json", "--db", empty], in: dir).stdout).count, 0)
        let unknown = try heard(["audit", "--case", "CS-1999-0001", "--db", db], in: dir)
        XCTAssertEqual(unknown.status, 1)
        XCTAssertEqual(unknown.stdout, "")
    }

    func testControlCharactersInTheAuditNeverReachATerminal() throws {
        try skipOnPostgres("python3's sqlite3 writes the hostile row into the file")
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "script(1) gives the command a terminal")
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "python3's sqlite3 plays the other tool")
        let dir = TemporaryDirectory("heard-cli-audit-tty")
        let db = try oneComplaint(in: dir)
        // An officer named with an escape (a read's "who") and a change another tool wrote with one.
        try config("officer = \"Evil\\u001b]52;c;aGk=\\u0007Officer\"\n", in: dir)
        XCTAssertEqual(try heard(["show", "CS-2022-0900", "--db", db], in: dir).status, 0)
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        sqlite.arguments = ["-c", """
            import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("INSERT INTO audit (at, who, entity, entity_id, reference, action, changes) VALUES ('2022-06-15T10:00:00Z', 'Tool', 'contact', 1, 'CS-2022-0900', 'update', ?)", ('{"complainant_name": ["Mrs Alice Patel", "Evil\\x1b[2J\\x07Name"]}',)); c.commit()
            """, db]
        try sqlite.run()
        sqlite.waitUntilExit()
        XCTAssertEqual(sqlite.terminationStatus, 0, "fixture: python3's sqlite3 wrote the row")

        let toFile = try heard(["audit", "--case", "CS-2022-0900", "--format", "json", "--db", db], in: dir)
        let items = try jsonArray(toFile.stdout)
        // The officer's name from config.toml comes in without its control characters (an attack
        // kept an ESC in the audit's "who"); the other tool's value keeps its own, as recorded.
        XCTAssertTrue(items.contains { ($0["who"] as? String) == "Evil]52;c;aGk=Officer" }, "\(items)")
        XCTAssertTrue(toFile.stdout.contains("Evil\\u001b[2J"), "JSON keeps the value as recorded")
        for format in ["table", "json"] {
            let command = [heardBinary(), "audit", "--case", "CS-2022-0900", "--format", format, "--db", db].map { "'" + $0 + "'" }.joined(separator: " ")
            let onTTY = try terminalOutput(command, config: dir.file("config"))
            if format == "table" {
                XCTAssertTrue(onTTY.contains("via show") && onTTY.contains("Evil]52;c;aGk="), onTTY)
                XCTAssertTrue(onTTY.contains("Evil[2JName"), "the rest of the value is there: \(onTTY)")
            } else {
                // JSON writes a control character as \u001b: text, which acts on nothing.
                XCTAssertTrue(onTTY.contains("\"via\":\"show\"") && onTTY.contains("Evil\\u001b[2J"), onTTY)
            }
            XCTAssertFalse(onTTY.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(format): no escape reaches the terminal")
        }
    }

    func terminalOutput(_ command: String, config: String) throws -> String {
        var env = ProcessInfo.processInfo.environment
        env["HEARD_TODAY"] = cliToday
        env["XDG_CONFIG_HOME"] = config
        env["HEARD_DB"] = nil
        return try toolOutput("/usr/bin/script", ["-qec", command, "/dev/null"], environment: env)
    }
}
