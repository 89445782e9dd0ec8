import Foundation
import HeardTestSupport
import XCTest

/// Data holding escape sequences reaches a file byte for byte (an export must round-trip) but a
/// terminal never: every command's standard output to a tty, and every message, is made safe.
final class TerminalOutputTests: XCTestCase {
    func testAnEscapeSequenceInANameReachesAFileButNotATerminal() throws {
        try skipOnPostgres("python3's sqlite3 writes the name into the file")
        try requireBinary()
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "script(1) gives the command a terminal")
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "python3's sqlite3 plays the other tool")
        let dir = TemporaryDirectory("heard-tty")
        let db = dir.file("a.sqlite")
        let csv = dir.file("in.csv")
        // The importer drops control characters; another tool's write is how they get in.
        try write("reference,kind,received,service_area,complainant_name\r\nT-1,comment,2022-05-03,Adoption,Plain Name\r\n", to: csv)
        XCTAssertEqual(try heard(["import", csv, "--db", db], in: dir).status, 0)
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        sqlite.arguments = ["-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE contacts SET complainant_name=? WHERE reference='T-1'\", ('Evil\\x1b]52;c;aGk=\\x07Name',)); c.commit()", db]
        try sqlite.run()
        sqlite.waitUntilExit()
        XCTAssertEqual(sqlite.terminationStatus, 0, "fixture: python3's sqlite3 wrote the name")

        let toFile = try heard(["cases", "--format", "csv", "--db", db], in: dir)
        XCTAssertTrue(toFile.stdout.contains("Evil\u{1B}]52;c;aGk=\u{07}Name"), "a file gets the bytes as they are")

        let command = ([heardBinary(), "cases", "--format", "csv", "--db", db]).map { "'" + $0 + "'" }.joined(separator: " ")
        let onTTY = try runProgram("/usr/bin/script", ["-qec", command, "/dev/null"], environment: ["HEARD_TODAY": cliToday, "XDG_CONFIG_HOME": dir.file("config")])
        XCTAssertTrue(onTTY.contains("Evil]52;c;aGk=Name"), onTTY)
        XCTAssertFalse(onTTY.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "no escape reaches the terminal")
    }

    func runProgram(_ path: String, _ args: [String], environment: [String: String]) throws -> String {
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        env["HEARD_DB"] = nil
        return try toolOutput(path, args, environment: env)
    }
}
