import Foundation
import HeardTestSupport
import XCTest

/// The same demo on a SQLite file and on a PostgreSQL server gives the same bytes from every
/// command whose output is a contract (reports, exports, lists, JSON): a team that moves its
/// record to the server must not see its figures change. Skips without HEARD_TEST_POSTGRES.
final class PostgresParityTests: XCTestCase {
    /// Runs `heard` on `db` with the fixed today, configuration and home inside `dir`, leaving
    /// `--db` as given (the CLI helper would turn the file into a schema under HEARD_TEST_BACKEND).
    private func run(_ arguments: [String], db: String, in dir: TemporaryDirectory) throws -> RunResult {
        try runHeard(arguments + ["--db", db],
                     environment: ["HEARD_TODAY": cliToday, "XDG_CONFIG_HOME": dir.file("config"), "XDG_DATA_HOME": dir.file("data"),
                                   "HOME": dir.path, "USER": "cli-test", "NO_COLOR": "1"])
    }

    func testTheDemoReadsTheSameOnSQLiteAndPostgreSQL() throws {
        try requireBinary()
        _ = try TestDatabase.requirePostgres()
        let dir = TemporaryDirectory("heard-cli-parity")
        let file = dir.file("demo.sqlite")
        let server = try dir.postgresURL("parity-demo")
        for db in [file, server] {
            let made = try run(["demo", "--no-open"], db: db, in: dir)
            XCTAssertEqual(made.status, 0, made.stderr)
        }
        let cases = try run(["cases", "--format", "json"], db: file, in: dir)
        let references = try jsonArray(cases.stdout).compactMap { $0["reference"] as? String }
        XCTAssertGreaterThan(references.count, 5, "the demo should list its cases")
        // The first, a middle and the last case: the shapes of case the demo makes differ along the list.
        let shown = [references.first, references[references.count / 2], references.last].compactMap { $0 }
        var commands: [[String]] = [
            ["report", "--from", "2021-04-01", "--to", "2022-03-31", "--format", "json"],
            ["report", "--from", "2022-04-01", "--to", "2023-03-31", "--format", "json"],
            ["export", "--format", "csv"],
            ["cases", "--format", "json"],
            ["actions", "--format", "json"],
        ]
        commands += shown.map { ["show", $0, "--format", "json"] }
        for command in commands {
            let onFile = try run(command, db: file, in: dir)
            let onServer = try run(command, db: server, in: dir)
            let name = command.joined(separator: " ")
            XCTAssertEqual(onFile.status, 0, "\(name) on SQLite: \(onFile.stderr)")
            XCTAssertEqual(onServer.status, 0, "\(name) on PostgreSQL: \(onServer.stderr)")
            XCTAssertFalse(onFile.stdout.isEmpty, "\(name) said nothing")
            let (a, b) = (Self.withoutClock(onFile.stdout), Self.withoutClock(onServer.stdout))
            if a != b {
                XCTFail("\(name) differs between SQLite and PostgreSQL:\n\(firstDifference(a, b))")
            }
        }
    }

    /// `text` with the history's moments (`"at": "2026-11-30T11:40:02Z"`, the computer's clock
    /// when the demo was written, which no HEARD_TODAY fixes) and its batches (the writing
    /// process's id and start) each put as one placeholder: two demos written seconds apart differ
    /// there on the same database too. Everything else is compared byte for byte.
    static func withoutClock(_ text: String) -> String {
        text.replacingOccurrences(of: #""at": "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z""#,
                                  with: #""at": "(when written)""#, options: .regularExpression)
            .replacingOccurrences(of: #""batch": "[0-9]+-[0-9]+-[0-9A-F]+-[0-9]+""#,
                                  with: #""batch": "(the writer)""#, options: .regularExpression)
    }

    /// The first line that differs, from each side, for the failure message.
    private func firstDifference(_ a: String, _ b: String) -> String {
        let x = a.split(separator: "\n", omittingEmptySubsequences: false), y = b.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(x.count, y.count) {
            let l = i < x.count ? String(x[i]) : "(end)", r = i < y.count ? String(y[i]) : "(end)"
            if l != r { return "line \(i + 1):\n  SQLite:     \(l.prefix(300))\n  PostgreSQL: \(r.prefix(300))" }
        }
        return "(same lines, different bytes)"
    }
}
